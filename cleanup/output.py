"""Writing outputs safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO


@cache
def _file_mode() -> int:
    """The mode a new file gets here (0o666 less the umask): mkstemp's files are
    readable by their owner only, and outputs should not be."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[str]]:
    """A text stream that becomes ``path`` when the ``with`` block ends without an
    error: a reader sees the old file or the new one, never half of one. It is a
    temporary file beside ``path``, renamed over it at the end, and removed instead
    if the block raises (an error, Ctrl-C, ``sys.exit``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            yield out
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_file`)."""
    with atomic_file(path) as out:
        out.write(text)

"""Writing outputs safely."""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO

#: The end of a temporary file's name (``.NAME.RANDOM.cleanup-partial``): what a
#: writer killed outright (SIGKILL, a lost node) leaves beside its output.
PARTIAL_SUFFIX = ".cleanup-partial"


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
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            yield out
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_partial_files(targets: Iterable[Path]) -> int:
    """Remove the temporary files that writers killed outright left beside
    ``targets`` (a process killed cannot remove its own); how many there were. Each
    folder is read once."""
    names: dict[Path, set[str]] = defaultdict(set)
    for target in targets:
        names[target.parent].add(target.name)
    removed = 0
    for folder, wanted in names.items():
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if not (name.startswith(".") and name.endswith(PARTIAL_SUFFIX)):
                continue
            if name[1 : -len(PARTIAL_SUFFIX)].rsplit(".", 1)[0] in wanted:
                entry.unlink(missing_ok=True)
                removed += 1
    return removed


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_file`)."""
    with atomic_file(path) as out:
        out.write(text)

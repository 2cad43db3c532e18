"""What a folder run already did, so that running it again skips what is up to date.

An archive run can take hours and be interrupted (Ctrl-C, a lost node, a killed
job). Each output's entry in the output folder's manifest (``.cleanup-manifest.jsonl``,
one JSON object a line) records the *key* it was made with (a hash of the input's
bytes, the rules, the encoding option, the format and the code) and a hash of the
output's bytes. A rerun cleans an input again only when its key changed or its output
is missing or not the file that was written; anything else is skipped as up to date.

The code's part of the key (:func:`code_fingerprint`) hashes the package's own
source files and the versions of the libraries whose data decide edits (ftfy,
wordfreq, symspellpy, charset-normalizer), so a changed stage, rule or dictionary
makes every output stale. Custom stages from other packages are known by name only
(their code is not hashed): after changing one, rerun with ``--force``.

Only the run's own process writes the manifest, a line as each output is done, so a
retried or killed worker never writes it twice; a half-written last line, left by a
killed run, is ignored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import IO

from .rules import RuleSet

MANIFEST_NAME = ".cleanup-manifest.jsonl"

# Libraries whose data or behaviour decide edits: a new version may clean differently.
_LIBRARIES = ("ftfy", "wordfreq", "symspellpy", "charset-normalizer")


@dataclass(frozen=True)
class Entry:
    """How one output was made: the key of its input and settings, its bytes' hash."""

    key: str
    output_sha256: str


@cache
def code_fingerprint() -> str:
    """A hash of this package's files and the versions of the libraries it relies on."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".txt", ".json"):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def settings_fingerprint(rules: RuleSet, encoding: str | None, fmt: str) -> str:
    """A hash of everything besides the input that decides an output: the code, every
    rule file the set may apply (their bytes), the overrides, custom stages, the
    encoding option and the format."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for rule_file in (rules.default, *rules.source_files, *rules.extra):
        digest.update(str(rule_file.path).encode())
        digest.update(rule_file.path.read_bytes())
    extra = {"overrides": rules.overrides, "stages": rules.stages, "encoding": encoding}
    digest.update(json.dumps(extra, sort_keys=True, default=str).encode())
    digest.update(fmt.encode())
    return digest.hexdigest()


def file_key(path: Path, settings: str) -> str:
    """:func:`input_key` of a file, read in pieces (a JSON Lines input may be huge)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for piece in iter(lambda: handle.read(1 << 20), b""):
            digest.update(piece)
    digest.update(settings.encode())
    return digest.hexdigest()


def input_key(data: bytes, settings: str) -> str:
    """The key of one input: its bytes and the run's settings fingerprint (hashed in
    turn: ``data + ...`` would copy a large input)."""
    digest = hashlib.sha256(data)
    digest.update(settings.encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str | None:
    """The hash of a file's bytes, or None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for piece in iter(lambda: handle.read(1 << 20), b""):
                digest.update(piece)
    except OSError:
        return None
    return digest.hexdigest()


def is_up_to_date(target: Path, key: str, previous: Entry | None) -> bool:
    """Whether ``target`` was made with ``key`` and is still the file that was written."""
    return (
        previous is not None
        and previous.key == key
        and file_sha256(target) == previous.output_sha256
    )


def read_manifest(folder: Path) -> dict[str, Entry]:
    """The entries of a folder's manifest by output path (relative to the folder);
    empty when there is none. Lines that are not whole entries are passed over."""
    entries: dict[str, Entry] = {}
    try:
        lines = (folder / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return entries
    for line in lines:
        try:
            item = json.loads(line)
            entries[item["output"]] = Entry(item["key"], item["output_sha256"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a killed run
    return entries


class ManifestWriter:
    """Appends an entry as each output is done, then rewrites the file whole, one
    entry per output in path order, when the run ends."""

    def __init__(self, folder: Path, entries: dict[str, Entry]) -> None:
        self.folder = folder
        self.entries = dict(entries)
        self._handle: IO[str] | None = None
        self._added = False

    def add(self, output: str, entry: Entry) -> None:
        self.entries[output] = entry
        self._added = True
        if self._handle is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._handle = (self.folder / MANIFEST_NAME).open("a", encoding="utf-8")
        self._handle.write(_line(output, entry))
        self._handle.flush()

    def close(self) -> None:
        """Rewrite the manifest compactly: the last entry of each output, in path order
        (entries of outputs this run did not touch stay). A run that recorded nothing
        (a --check) leaves the file as it was."""
        from .output import write_atomic

        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._added:
            lines = [_line(name, self.entries[name]) for name in sorted(self.entries)]
            write_atomic(self.folder / MANIFEST_NAME, "".join(lines))


def _line(output: str, entry: Entry) -> str:
    item = {"output": output, "key": entry.key, "output_sha256": entry.output_sha256}
    return json.dumps(item, sort_keys=True) + "\n"

"""Load and validate rule files (``rules/*.toml``) into typed settings.

Rules are data: per-source patterns, word lists and thresholds. Stages read them
from the :class:`Rules` object they are given and never hard-code a source's strings.
A rule file may set any subset of the keys of ``rules/default.toml``; anything it
does not set keeps the default. Unknown sections or keys, and values of the wrong
type, are errors that name the file, the line and the key.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints


class RulesError(ValueError):
    """A rule file is missing, unreadable or invalid. The message says where and why."""


@dataclass(frozen=True)
class PipelineRules:
    disabled: tuple[str, ...] = ()


@dataclass(frozen=True)
class LexiconRules:
    languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class EncodingRules:
    fix_mojibake: bool = True
    fix_ligatures: bool = True
    unescape_html: bool = False


@dataclass(frozen=True)
class BoilerplateRules:
    lines: tuple[str, ...] = ()
    tail_headings: tuple[str, ...] = ()
    tail_max_lines: int = 40
    tail_max_chars: int = 100


@dataclass(frozen=True)
class PageRules:
    max_chars: int = 80
    min_repeats: int = 3
    leading_space_share: float = 0.1
    running_heads: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaptionRules:
    min_width_ratio: float = 1.35
    max_lines: int = 8


@dataclass(frozen=True)
class FootnoteRules:
    min_width_ratio: float = 1.1


@dataclass(frozen=True)
class PullQuoteRules:
    min_words: int = 8
    max_lines: int = 8


@dataclass(frozen=True)
class DisplayRules:
    min_evidence_letters: int = 8
    min_unit_letters: int = 4
    title_width_ratio: float = 0.8


@dataclass(frozen=True)
class HyphenRules:
    join_zipf: float = 3.0
    part_zipf: float = 3.0
    known_zipf: float = 2.0
    keep_after: tuple[str, ...] = ("self",)


@dataclass(frozen=True)
class ReflowRules:
    sentence_end: str = ".!?:;…"


@dataclass(frozen=True)
class HeadingRules:
    max_chars: int = 90
    title_max_chars: int = 160
    allow_comma: bool = False


@dataclass(frozen=True)
class CaseGlitchRules:
    min_zipf: float = 1.5
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class GluedWordRules:
    max_token_zipf: float = 1.0
    min_part_zipf: float = 3.0
    two_letter_part_zipf: float = 5.5
    three_letter_part_zipf: float = 4.5
    min_length: int = 5
    max_parts: int = 3
    anchor_zipf: float = 6.3
    never_split: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rules:
    """All settings, one attribute per section of the rule files."""

    pipeline: PipelineRules = field(default_factory=PipelineRules)
    lexicon: LexiconRules = field(default_factory=LexiconRules)
    encoding: EncodingRules = field(default_factory=EncodingRules)
    boilerplate: BoilerplateRules = field(default_factory=BoilerplateRules)
    pages: PageRules = field(default_factory=PageRules)
    captions: CaptionRules = field(default_factory=CaptionRules)
    footnotes: FootnoteRules = field(default_factory=FootnoteRules)
    pull_quotes: PullQuoteRules = field(default_factory=PullQuoteRules)
    display: DisplayRules = field(default_factory=DisplayRules)
    hyphens: HyphenRules = field(default_factory=HyphenRules)
    reflow: ReflowRules = field(default_factory=ReflowRules)
    headings: HeadingRules = field(default_factory=HeadingRules)
    case_glitches: CaseGlitchRules = field(default_factory=CaseGlitchRules)
    glued_words: GluedWordRules = field(default_factory=GluedWordRules)
    #: The rule files these settings were read from, in order of precedence.
    sources: tuple[str, ...] = ()

    @property
    def boilerplate_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile_all(self.boilerplate.lines)

    @property
    def running_head_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile_all(self.pages.running_heads)


@cache
def _compile_all(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def default_rules_path() -> Path:
    """Where ``default.toml`` is: in the repository's ``rules/``, or inside a built wheel."""
    packaged = Path(__file__).with_name("default_rules.toml")
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules" / "default.toml"


@cache
def default_rules() -> Rules:
    """The settings of ``rules/default.toml`` (read once per process)."""
    return load_rules([])


def load_rules(paths: list[Path] | tuple[Path, ...]) -> Rules:
    """Read the default rules, then each file in ``paths`` over them (later wins)."""
    sections: dict[str, dict[str, Any]] = {}
    files = [default_rules_path(), *paths]
    for path in files:
        data = _read_toml(path)
        for section, values in _validate(path, data).items():
            sections.setdefault(section, {}).update(values)
    built: dict[str, Any] = {}
    for name, section_type in _section_types().items():
        built[name] = section_type(**sections.get(name, {}))
    return Rules(**built, sources=tuple(str(p) for p in files))


def _section_types() -> dict[str, type]:
    hints = get_type_hints(Rules)
    return {f.name: hints[f.name] for f in dataclasses.fields(Rules) if f.name != "sources"}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RulesError(f"{path}: cannot read rule file ({err.strerror})") from err
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RulesError(f"{path}: not valid TOML: {err}") from err


def _validate(path: Path, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Check sections, keys and types; return the values converted to the field types."""
    types = _section_types()
    out: dict[str, dict[str, Any]] = {}
    for section, values in data.items():
        if section not in types:
            known = ", ".join(sorted(types))
            raise RulesError(
                f"{path}:{_line_of(path, section)}: unknown section [{section}] "
                f"(known sections: {known})"
            )
        if not isinstance(values, dict):
            raise RulesError(f"{path}: [{section}] must be a table")
        hints = get_type_hints(types[section])
        converted: dict[str, Any] = {}
        for key, value in values.items():
            where = f"{path}:{_line_of(path, section, key)}: [{section}] {key}"
            if key not in hints:
                known = ", ".join(sorted(hints))
                raise RulesError(f"{where}: unknown key (known keys: {known})")
            converted[key] = _convert(where, hints[key], value)
        for key in _PATTERN_KEYS.get(section, ()):
            for pattern in converted.get(key, ()):
                try:
                    re.compile(pattern)
                except re.error as err:
                    raise RulesError(
                        f"{path}:{_line_of(path, section, key)}: [{section}] {key}: "
                        f"bad regular expression {pattern!r}: {err}"
                    ) from err
        out[section] = converted
    return out


#: Keys whose values are lists of regular expressions, checked when the file is read.
_PATTERN_KEYS = {"boilerplate": ("lines",), "pages": ("running_heads",)}


def _convert(where: str, expected: Any, value: Any) -> Any:
    origin = get_origin(expected)
    if origin is tuple:
        (item_type, _ellipsis) = get_args(expected)
        if not isinstance(value, list) or not all(_is(item_type, v) for v in value):
            raise RulesError(f"{where}: expected a list of {item_type.__name__}, got {value!r}")
        return tuple(value)
    if not _is(expected, value):
        raise RulesError(f"{where}: expected {expected.__name__}, got {value!r}")
    return float(value) if expected is float else value


def _is(expected: type, value: Any) -> bool:
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _line_of(path: Path, section: str, key: str | None = None) -> int:
    """Best-effort line number of a section header or of a key inside it (1 if unknown)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    in_section = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped.strip("[] ") == section
            if in_section and key is None:
                return number
            continue
        if in_section and key is not None and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return 1

"""Load and validate rule files (``rules/*.toml``) into typed settings.

Rules are data: per-source patterns, word lists and thresholds. Stages read them
from the :class:`Rules` object they are given and never hard-code a source's strings.
A rule file may set any subset of the keys of ``rules/default.toml``; anything it
does not set keeps the default. Unknown sections or keys, and values of the wrong
type, are errors that name the file, the line and the key.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cache
from pathlib import Path, PurePath
from typing import Any, get_args, get_origin, get_type_hints

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as the reader splits lines


class RulesError(ValueError):
    """A rule file is missing, unreadable or invalid. The message says where and why."""


@dataclass(frozen=True)
class PipelineRules:
    order: tuple[str, ...] = ()
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
    label_words: tuple[str, ...] = (
        "figure",
        "fig",
        "table",
        "tab",
        "plate",
        "chart",
        "map",
        "diagram",
        "listing",
        "exhibit",
        "illustration",
        "tableau",
        "tabelle",
        "abbildung",
        "abb",
        "tabla",
        "figura",
        "tabella",
        "tavola",
        "rysunek",
        "tabela",
        "afbeelding",
        "tabel",
    )


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
    keep: tuple[str, ...] = ()
    join: tuple[str, ...] = ()


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
    max_length: int = 60
    max_parts: int = 3
    anchor_zipf: float = 6.3
    compound_prefixes: tuple[str, ...] = (
        "out",
        "up",
        "be",
        "in",
        "on",
        "by",
        "over",
        "under",
        "down",
        "off",
        "back",
        "no",
        "non",
        "not",
    )
    compound_suffixes: tuple[str, ...] = ("like",)
    sure_anchors: tuple[str, ...] = ("the", "are", "were", "was", "and", "which", "that")
    never_split: tuple[str, ...] = ()


@dataclass(frozen=True)
class SideTextRules:
    captions: str = "in_place"
    footnotes: str = "article_end"


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
    side_text: SideTextRules = field(default_factory=SideTextRules)
    #: The rule files these settings were read from, in order of precedence.
    sources: tuple[str, ...] = ()
    #: Custom stages to run after the others (``--stage``), by name.
    added_stages: tuple[str, ...] = ()

    @property
    def boilerplate_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile_all(self.boilerplate.lines)

    @property
    def running_head_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile_all(self.pages.running_heads)


@cache
def _compile_all(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def rules_folder() -> Path:
    """The rules that come with the package: ``rules/`` of the repository in a source
    checkout, or its copy inside an installed wheel (``cleanup/_rules``)."""
    packaged = Path(__file__).with_name("_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def default_rules_path() -> Path:
    """Where ``default.toml`` is (see :func:`rules_folder`)."""
    return rules_folder() / "default.toml"


@cache
def default_rules() -> Rules:
    """The settings of ``rules/default.toml`` (read once per process)."""
    return load_rules([])


def load_rules(
    paths: list[Path] | tuple[Path, ...], overrides: Mapping[str, Any] | None = None
) -> Rules:
    """Read the default rules, then each file in ``paths`` over them (later wins), then
    ``overrides`` (``{"section.key": value}``, as ``--set`` gives them)."""
    return build_rules([read_rule_file(p) for p in (default_rules_path(), *paths)], overrides)


def build_rules(files: Sequence[RuleFile], overrides: Mapping[str, Any] | None = None) -> Rules:
    """Merge already-read rule files (later wins) and then ``overrides``."""
    sections: dict[str, dict[str, Any]] = {}
    for rule_file in files:
        for section, values in rule_file.settings.items():
            sections.setdefault(section, {}).update(values)
    for section, values in parse_overrides(overrides or {}).items():
        sections.setdefault(section, {}).update(values)
    built: dict[str, Any] = {}
    for name, section_type in _section_types().items():
        built[name] = section_type(**sections.get(name, {}))
    return Rules(**built, sources=tuple(str(f.path) for f in files))


def parse_overrides(overrides: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate ``{"section.key": value}`` settings given on the command line; string
    values are read as TOML values where they parse (``0.5``, ``["en", "it"]``)."""
    types = _section_types()
    out: dict[str, dict[str, Any]] = {}
    for name, raw in overrides.items():
        section, _, key = name.partition(".")
        where = f"--set {name}"
        if section not in types or not key:
            raise RulesError(
                f"{where}: expected SECTION.KEY with a known section "
                f"({', '.join(sorted(types))}){_did_you_mean(section, types)}"
            )
        hints = get_type_hints(types[section])
        if key not in hints:
            raise RulesError(
                f"{where}: unknown key in [{section}] (known keys: {', '.join(sorted(hints))})"
                + _did_you_mean(key, hints)
            )
        value = _toml_value(raw) if isinstance(raw, str) else raw
        if hints[key] is str and not isinstance(value, str):
            value = raw
        out.setdefault(section, {})[key] = _convert(
            where, hints[key], value, _default(types[section], key)
        )
        _check_values(where, section, key, out[section][key])
    return out


def _toml_value(text: str) -> Any:
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        return text


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True)
class SourceMatch:
    """The ``[source]`` section of a source rule file: which inputs it applies to.

    ``paths`` are globs on the input's path (any may match); ``signature`` holds
    regular expressions that must all occur in the text (multi-line mode: ``^`` and
    ``$`` match at line ends), such as the journal's running head. A file with both
    applies only where both hold."""

    description: str = ""
    paths: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()

    def reason(self, source: str, text: str) -> str | None:
        """Why the rule file applies to this input, or None when it does not."""
        reasons: list[str] = []
        if self.paths:
            posix = PurePath(source).as_posix()
            glob = next(
                (g for g in self.paths if fnmatch(posix, g) or fnmatch(PurePath(source).name, g)),
                None,
            )
            if glob is None:
                return None
            reasons.append(f"path matches '{glob}'")
        for pattern in self.signature:
            found = re.search(pattern, text, re.MULTILINE)
            if found is None:
                return None
            matched = found.group(0)
            start = found.start() + len(matched) - len(matched.lstrip())
            line = len(_LINE_BREAK.findall(text, 0, start)) + 1
            reasons.append(f"text matches '{pattern}' (line {line}: {matched.strip()!r})")
        return "; ".join(reasons) or None


@dataclass(frozen=True)
class RuleFile:
    """One rule file, read and validated: its settings and, for a source file, which
    inputs it applies to."""

    path: Path
    settings: dict[str, dict[str, Any]]
    source: SourceMatch | None = None


def read_rule_file(path: Path) -> RuleFile:
    """Read and validate one rule file (errors name the file, line and key)."""
    data = _read_toml(path)
    source_table = data.pop("source", None)
    source = _source_match(path, source_table) if source_table is not None else None
    return RuleFile(path, _validate(path, data), source)


def _source_match(path: Path, table: Any) -> SourceMatch:
    if not isinstance(table, dict):
        raise RulesError(f"{path}:{line_of(path, 'source')}: [source] must be a table")
    hints = get_type_hints(SourceMatch)
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{path}:{line_of(path, 'source', key)}: [source] {key}"
        if key not in hints:
            raise RulesError(
                f"{where}: unknown key (known keys: {', '.join(sorted(hints))})"
                + _did_you_mean(key, hints)
            )
        values[key] = _convert(where, hints[key], value)
    for pattern in values.get("signature", ()):
        try:
            re.compile(pattern)
        except re.error as err:
            raise RulesError(
                f"{path}:{line_of(path, 'source', 'signature')}: [source] signature: "
                f"bad regular expression {pattern!r}: {err}"
            ) from err
    match = SourceMatch(**values)
    if not match.paths and not match.signature:
        raise RulesError(
            f"{path}:{line_of(path, 'source')}: [source] needs `paths` (globs on the "
            "input's path) or `signature` (patterns its text must contain), or both"
        )
    return match


class RuleSet:
    """The rules for each input: the defaults, then every source rule file in
    ``folder`` whose ``[source]`` matches the input (in file-name order), then the
    ``extra`` files given on the command line, then ``overrides`` (``--set``). Custom
    ``stages`` (``--stage``) are added at the end of the pipeline order.

    Files are read and validated once, when the set is made; the merged settings are
    cached per combination of matching files.
    """

    def __init__(
        self,
        folder: Path | None = None,
        extra: Sequence[Path] = (),
        overrides: Mapping[str, Any] | None = None,
        stages: Sequence[str] = (),
    ) -> None:
        self.stages = tuple(stages)  # checked by the pipeline that runs them
        self.default = read_rule_file(default_rules_path())
        folder = folder if folder is not None else default_rules_folder()
        found = sorted(folder.glob("*.toml")) if folder and folder.is_dir() else []
        self.source_files = [
            f
            for f in (
                read_rule_file(p) for p in found if p.resolve() != self.default.path.resolve()
            )
            if f.source is not None
        ]
        self.extra = [read_rule_file(p) for p in extra]
        self.overrides = dict(overrides or {})
        parse_overrides(self.overrides)  # fail early on a bad --set
        self._built: dict[tuple[str, ...], Rules] = {}

    def matching(self, source: str, text: str) -> list[tuple[RuleFile, str]]:
        """The source rule files that apply to this input, each with why."""
        out: list[tuple[RuleFile, str]] = []
        for rule_file in self.source_files:
            assert rule_file.source is not None
            reason = rule_file.source.reason(source, text)
            if reason:
                out.append((rule_file, reason))
        return out

    def for_input(self, source: str, text: str) -> Rules:
        """The effective rules for one input."""
        files = [self.default, *(f for f, _ in self.matching(source, text)), *self.extra]
        key = tuple(str(f.path) for f in files)
        if key not in self._built:
            rules = build_rules(files, self.overrides)
            if self.stages:
                rules = dataclasses.replace(rules, added_stages=self.stages)
            self._built[key] = rules
        return self._built[key]


def setting_origins(
    files: Sequence[RuleFile], overrides: Mapping[str, Any] | None = None
) -> dict[tuple[str, str], str]:
    """For each (section, key), where its effective value comes from: the last rule
    file that sets it, or ``--set``."""
    origins: dict[tuple[str, str], str] = {}
    for rule_file in files:
        for section, values in rule_file.settings.items():
            for key in values:
                origins[(section, key)] = str(rule_file.path)
    for section, values in parse_overrides(overrides or {}).items():
        for key in values:
            origins[(section, key)] = "--set"
    return origins


def default_rules_folder() -> Path:
    """Where source rule files are looked for when no folder is given (``--rules-dir``,
    the API's ``rules_dir``): ``$CLEANUP_RULES_DIR``, else the rules that come with
    the package (:func:`rules_folder`), so that an installed package and a source
    checkout clean alike."""
    configured = os.environ.get("CLEANUP_RULES_DIR")
    return Path(configured) if configured else rules_folder()


#: The fields of :class:`Rules` that are not sections of a rule file.
NOT_SECTIONS = ("sources", "added_stages")


def _section_types() -> dict[str, type]:
    hints = get_type_hints(Rules)
    return {f.name: hints[f.name] for f in dataclasses.fields(Rules) if f.name not in NOT_SECTIONS}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RulesError(f"{path}: cannot read rule file ({err.strerror})") from err
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", str(err))
        if found is None:
            raise RulesError(f"{path}: not valid TOML: {err}") from err
        raise RulesError(
            f"{path}:{found[1]}: not valid TOML: {str(err)[: found.start()]} (column "
            f"{found[2]}); check the brackets, quotes and commas there"
        ) from err


def _validate(path: Path, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Check sections, keys and types; return the values converted to the field types."""
    types = _section_types()
    out: dict[str, dict[str, Any]] = {}
    for section, values in data.items():
        if section not in types:
            known = ", ".join(sorted(types))
            raise RulesError(
                f"{path}:{line_of(path, section)}: unknown section [{section}] "
                f"(known sections: {known}){_did_you_mean(section, types)}"
            )
        if not isinstance(values, dict):
            raise RulesError(
                f"{path}:{line_of(path, section, top_level=True)}: {section} must be a table: "
                f"write [{section}] on a line of its own, with its keys below it"
            )
        hints = get_type_hints(types[section])
        converted: dict[str, Any] = {}
        for key, value in values.items():
            where = f"{path}:{line_of(path, section, key)}: [{section}] {key}"
            if key not in hints:
                known = ", ".join(sorted(hints))
                raise RulesError(
                    f"{where}: unknown key (known keys: {known}){_did_you_mean(key, hints)}"
                )
            converted[key] = _convert(where, hints[key], value, _default(types[section], key))
            _check_values(where, section, key, converted[key])
        out[section] = converted
    return out


#: Keys whose values are lists of regular expressions, checked when the file is read.
_PATTERN_KEYS = {"boilerplate": ("lines",), "pages": ("running_heads",)}


def _check_values(where: str, section: str, key: str, value: Any) -> None:
    """Checks beyond the type: regular expressions compile, words are among their
    choices, numbers within their range, and the pipeline keeps ``reflow``."""
    if key in _PATTERN_KEYS.get(section, ()):
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as err:
                raise RulesError(f"{where}: bad regular expression {pattern!r}: {err}") from err
    if (section, key) in _CHOICES and value not in _CHOICES[section, key]:
        choices = ", ".join(repr(c) for c in _CHOICES[section, key])
        raise RulesError(
            f"{where}: expected one of {choices}, got {value!r}"
            + _did_you_mean(value, _CHOICES[section, key])
        )
    if section == "pipeline":
        _check_pipeline(where, key, value)
    _check_range(where, section, key, value)


#: The range of every number a rule file may set: (lowest, highest), None for no
#: bound. Word frequencies are on wordfreq's Zipf scale, 0 (unseen) to 8 ("the" is
#: about 7.7); ratios and shares are fractions or multiples of the body's measure.
ZIPF = (0.0, 8.0)
RANGES: dict[tuple[str, str], tuple[float | None, float | None]] = {
    ("boilerplate", "tail_max_lines"): (1, None),
    ("boilerplate", "tail_max_chars"): (1, None),
    ("pages", "max_chars"): (1, None),
    ("pages", "min_repeats"): (2, None),  # one occurrence repeats nothing
    ("pages", "leading_space_share"): (0.0, 1.0),
    ("captions", "min_width_ratio"): (1.0, None),
    ("captions", "max_lines"): (1, None),
    ("footnotes", "min_width_ratio"): (1.0, None),
    ("pull_quotes", "min_words"): (1, None),
    ("pull_quotes", "max_lines"): (1, None),
    ("display", "min_evidence_letters"): (1, None),
    ("display", "min_unit_letters"): (1, None),
    ("display", "title_width_ratio"): (0.0, 1.0),
    ("hyphens", "join_zipf"): ZIPF,
    ("hyphens", "part_zipf"): ZIPF,
    ("hyphens", "known_zipf"): ZIPF,
    ("headings", "max_chars"): (1, None),
    ("headings", "title_max_chars"): (1, None),
    ("case_glitches", "min_zipf"): ZIPF,
    ("glued_words", "max_token_zipf"): ZIPF,
    ("glued_words", "min_part_zipf"): ZIPF,
    ("glued_words", "two_letter_part_zipf"): ZIPF,
    ("glued_words", "three_letter_part_zipf"): ZIPF,
    ("glued_words", "min_length"): (2, None),
    ("glued_words", "max_length"): (2, None),
    ("glued_words", "max_parts"): (2, None),
    ("glued_words", "anchor_zipf"): ZIPF,
}


def _check_range(where: str, section: str, key: str, value: Any) -> None:
    low, high = RANGES.get((section, key), (None, None))
    if (low is not None and value < low) or (high is not None and value > high):
        if high is None:
            expected = f"at least {low:g}"
        elif low is None:
            expected = f"at most {high:g}"
        else:
            expected = f"between {low:g} and {high:g}"
        default = _default(_section_types()[section], key)
        raise RulesError(f"{where}: expected {expected}, got {value!r} (the default: {default!r})")


#: Keys whose value is one of a few words.
_CHOICES = {
    ("side_text", "captions"): ("in_place", "end", "drop"),
    ("side_text", "footnotes"): ("article_end", "drop"),
}


def _check_pipeline(where: str, key: str, names: tuple[str, ...]) -> None:
    """``[pipeline] order`` keeps ``reflow`` once, and ``disabled`` does not name it.
    Whether the other names are stages is the registry's to say (see
    :func:`cleanup.pipeline.check_rule_stages`): this layer knows no stage."""
    if key == "order" and names and names.count("reflow") != 1:
        raise RulesError(
            f"{where}: the order must name 'reflow' once (it turns lines into blocks; "
            "stages before it see lines, stages after it blocks)"
        )
    if key == "disabled" and "reflow" in names:
        raise RulesError(f"{where}: 'reflow' cannot be disabled (it turns lines into blocks)")


def _convert(where: str, expected: Any, value: Any, default: Any = None) -> Any:
    """``value`` as the field type, or an error that shows the default as an example."""
    shown = list(default) if isinstance(default, tuple) else default
    example = f" (the default: {json.dumps(shown)})" if default is not None else ""
    origin = get_origin(expected)
    if origin is tuple:
        (item_type, _ellipsis) = get_args(expected)
        if not isinstance(value, list) or not all(_is(item_type, v) for v in value):
            raise RulesError(
                f"{where}: expected a list of {item_type.__name__}, got {value!r}{example}"
            )
        return tuple(value)
    if not _is(expected, value):
        raise RulesError(f"{where}: expected {expected.__name__}, got {value!r}{example}")
    return float(value) if expected is float else value


def _default(section_type: type, key: str) -> Any:
    """The default value of a key (from the section's dataclass)."""
    for item in dataclasses.fields(section_type):
        if item.name == key:
            if item.default is not dataclasses.MISSING:
                return item.default
            if item.default_factory is not dataclasses.MISSING:
                return item.default_factory()
    return None


def _is(expected: type, value: Any) -> bool:
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def line_of(path: Path, section: str, key: str | None = None, top_level: bool = False) -> int:
    """Best-effort line number of a section header, of a key inside it, or (with
    ``top_level``) of a key ``section = ...`` before any header (1 if unknown)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    in_section = seen_header = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            seen_header = True
            in_section = stripped.strip("[] ") == section
            if in_section and key is None and not top_level:
                return number
            continue
        if top_level and not seen_header and re.match(rf"{re.escape(section)}\s*=", stripped):
            return number
        if in_section and key is not None and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return 1

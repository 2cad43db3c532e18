"""The stages, their default order, and :class:`Pipeline`, which runs a list of them.

Every stage is a pure function ``(Document, Rules) -> Document``: no I/O, no global
state, the same input always gives the same output. Stages before ``reflow`` see the
raw lines (the *line phase*); ``reflow`` turns lines into blocks; stages after it see
blocks (the *block phase*).

Besides the built-in stages, a pipeline may run *custom stages*: plain functions with
the same signature, named by import path (``mypkg.stages:fix_roman_numerals``) or by
the name of a ``cleanup.stages`` entry point that an installed package declares.
Custom stages run only where asked for (``--stage``, ``[pipeline] order`` in a rule
file, or :meth:`Pipeline.with_stage`): installing a package never changes the output
of a run that does not name its stages.
"""

from __future__ import annotations

import difflib
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from .document import Document
from .evidence.page_model import profile
from .reader import Decoded, read_document
from .result import Result, checked
from .rules import RuleFile, Rules, RulesError, default_rules, line_of, parse_overrides
from .stages.boilerplate import remove_boilerplate
from .stages.captions import find_captions
from .stages.case_glitches import restore_case
from .stages.display import fix_display_type
from .stages.encoding import fix_encoding
from .stages.footnotes import move_footnotes
from .stages.glued_words import split_glued_words
from .stages.headings import mark_headings
from .stages.hyphens import join_hyphenated
from .stages.pages import find_pages
from .stages.pull_quotes import remove_pull_quotes
from .stages.reflow import reflow
from .stages.side_text import place_side_text
from .stages.whitespace import tidy_whitespace

StageFunction = Callable[[Document, Rules], Document]
#: Told of each stage as it starts: (its number, how many, its name).
StageProgress = Callable[[int, int, str], None]

#: The entry point group through which installed packages offer stages.
ENTRY_POINT_GROUP = "cleanup.stages"

_IMPORT_PATH = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")


class StageError(ValueError):
    """A stage name that names no stage, or a stage list that cannot run."""


#: What the pipeline itself provides: the page model, computed before the first stage
#: that needs it (:func:`cleanup.evidence.page_model.profile`)...
LAYOUT = "layout"
#: ...from repaired characters, without the site's lines: what those stages provide
#: must come before it.
LAYOUT_NEEDS = ("characters", "site_removed")


@dataclass(frozen=True)
class Stage:
    """A named stage function. ``origin`` says where it comes from: ``built-in``, an
    import path, or the package whose entry point declares it.

    Its contract: what it ``needs`` (the page model, ``layout``, or what other stages
    ``provide``) and what it provides. A pipeline refuses an order in which a stage
    runs before a stage that provides what it needs; a need that no stage of the
    pipeline provides is the user's choice (a disabled stage). Custom stages declare
    nothing and run where they are put.
    """

    name: str
    function: StageFunction
    origin: str = "built-in"
    needs: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The first sentence of the stage's documentation (a built-in stage's module
        doc, without its ``Stage x:`` title; a custom stage's function doc)."""
        module = sys.modules.get(self.function.__module__)
        doc = (module.__doc__ if self.origin == "built-in" and module else None) or (
            self.function.__doc__ or ""
        )
        paragraph = " ".join(doc.strip().split("\n\n")[0].split())
        return re.sub(r"^Stage ``\w+``:\s*", "", paragraph)


#: The built-in stages in the order they run by default.
STAGES: tuple[Stage, ...] = (
    Stage("encoding", fix_encoding, provides=("characters",)),
    Stage("boilerplate", remove_boilerplate, provides=("site_removed",)),
    Stage("pages", find_pages, needs=(LAYOUT,), provides=("furniture",)),
    Stage("captions", find_captions, needs=(LAYOUT, "furniture"), provides=("captions",)),
    Stage(
        "footnotes",
        move_footnotes,
        needs=(LAYOUT, "furniture", "captions"),
        provides=("footnotes",),
    ),
    Stage("pull_quotes", remove_pull_quotes, needs=(LAYOUT, "furniture")),
    Stage("display", fix_display_type, needs=(LAYOUT, "furniture", "captions")),
    Stage("hyphens", join_hyphenated, needs=("furniture",)),
    Stage("reflow", reflow, needs=(LAYOUT,), provides=("blocks",)),
    Stage("headings", mark_headings, needs=("blocks",)),
    Stage("case_glitches", restore_case, needs=("blocks",)),
    Stage("glued_words", split_glued_words, needs=("blocks",)),
    Stage("whitespace", tidy_whitespace, needs=("blocks",)),
    Stage("side_text", place_side_text, needs=("blocks",)),
)

STAGE_NAMES = tuple(stage.name for stage in STAGES)
_BUILT_IN = {stage.name: stage for stage in STAGES}


def stage_named(name: str) -> Stage:
    """A built-in stage by name."""
    if name not in _BUILT_IN:
        raise KeyError(f"unknown stage {name!r} (stages: {', '.join(STAGE_NAMES)})")
    return _BUILT_IN[name]


def installed_stages() -> dict[str, str]:
    """The stages installed packages declare as ``cleanup.stages`` entry points: name
    -> the package that declares it (they are imported only when loaded)."""
    from importlib.metadata import entry_points  # not at import: it costs start-up time

    return {
        point.name: point.dist.name if point.dist is not None else point.value
        for point in entry_points(group=ENTRY_POINT_GROUP)
    }


def check_stage_name(name: str) -> None:
    """Raise :class:`StageError` unless ``name`` is a built-in stage, an installed
    entry point or well-formed import path (which is imported only when it runs)."""
    if name in _BUILT_IN or _IMPORT_PATH.match(name) or name in installed_stages():
        return
    raise StageError(_unknown(name))


def load_stage(name: str) -> Stage:
    """The stage ``name`` stands for: a built-in stage, an installed ``cleanup.stages``
    entry point, or an import path ``module:function`` (imported now)."""
    if name in _BUILT_IN:
        return _BUILT_IN[name]
    if _IMPORT_PATH.match(name):
        return Stage(name, _import_function(name), name)
    from importlib.metadata import entry_points  # not at import: it costs start-up time

    for point in entry_points(group=ENTRY_POINT_GROUP, name=name):
        dist = point.dist.name if point.dist is not None else point.value
        return Stage(name, _import_function(point.value), f"entry point ({dist})")
    raise StageError(_unknown(name))


def _unknown(name: str) -> str:
    known = [*STAGE_NAMES, *installed_stages()]
    close = difflib.get_close_matches(name, known, n=1)
    return (
        f"unknown stage {name!r}: not a built-in stage ({', '.join(STAGE_NAMES)}), not an "
        "installed `cleanup.stages` entry point, and not an import path "
        "(module:function)" + (f"; did you mean {close[0]!r}?" if close else "")
    )


@cache
def _import_function(path: str) -> StageFunction:
    module_name, _, attribute = path.partition(":")
    try:
        target: object = importlib.import_module(module_name)
    except ImportError as err:
        raise StageError(f"stage {path!r}: cannot import {module_name!r} ({err})") from err
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise StageError(f"stage {path!r}: {module_name!r} has no {attribute!r}") from None
    if not callable(target):
        raise StageError(f"stage {path!r} is not a function")
    return cast(StageFunction, target)


class Pipeline:
    """An ordered list of stages, run one after the other.

    Exactly one of them must be ``reflow``; stages before it see lines, stages after
    it see blocks. Stages are given as :class:`Stage` objects, plain functions (named
    after the function) or names (see :func:`load_stage`).

    >>> from cleanup.pipeline import Pipeline
    >>> def shout(doc, rules):
    ...     return doc  # a custom stage: takes and returns a Document
    >>> Pipeline.default().with_stage(shout, after="hyphens").names[7:10]
    ('hyphens', 'shout', 'reflow')
    """

    def __init__(self, stages: Iterable[Stage | StageFunction | str] = STAGES) -> None:
        self.stages: tuple[Stage, ...] = tuple(_as_stage(s) for s in stages)
        names = self.names
        if names.count("reflow") != 1:
            raise StageError(
                "a pipeline needs the reflow stage exactly once (it turns lines into "
                f"blocks); got {', '.join(names) or 'no stages'}"
            )
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise StageError(f"stage(s) listed twice: {', '.join(repeated)}")
        _check_contracts(self.stages)

    @classmethod
    def default(cls) -> Pipeline:
        """The built-in stages in their default order."""
        return cls(STAGES)

    @classmethod
    def for_rules(cls, rules: Rules) -> Pipeline:
        """The pipeline the rules describe: ``[pipeline] order`` (the default order when
        empty) without the stages ``[pipeline] disabled`` names."""
        return _pipeline_for(rules.pipeline.order, rules.pipeline.disabled, rules.added_stages)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def with_stage(
        self,
        stage: Stage | StageFunction | str,
        *,
        after: str | None = None,
        before: str | None = None,
    ) -> Pipeline:
        """A copy with ``stage`` added after (or before) the named stage, or at the end."""
        added = _as_stage(stage)
        anchor = after or before
        if anchor is None:
            return Pipeline((*self.stages, added))
        if anchor not in self.names:
            raise StageError(f"no stage {anchor!r} in this pipeline ({', '.join(self.names)})")
        at = self.names.index(anchor) + (1 if after else 0)
        return Pipeline((*self.stages[:at], added, *self.stages[at:]))

    def without(self, *names: str) -> Pipeline:
        """A copy without the named stages."""
        missing = [n for n in names if n not in self.names]
        if missing:
            raise StageError(f"no stage {missing[0]!r} in this pipeline ({', '.join(self.names)})")
        return Pipeline(s for s in self.stages if s.name not in names)

    def run(
        self,
        text: str,
        rules: Rules | None = None,
        source: str = "<string>",
        decoded: Decoded | None = None,
        on_stage: StageProgress | None = None,
    ) -> Document:
        """Read ``text`` into lines and run every stage on it (``decoded``: how the text
        was decoded from bytes, recorded as an edit when it was not plain UTF-8)."""
        doc = read_document(text, source, decoded)
        return self.run_document(doc, rules or default_rules(), on_stage)

    def run_document(
        self, doc: Document, rules: Rules, on_stage: StageProgress | None = None
    ) -> Document:
        """Run every stage on an already-read document; the page model is computed
        before the first stage that needs it (and kept if the document has one).
        ``on_stage(number, of, name)`` hears of each stage as it starts (progress)."""
        for number, stage in enumerate(self.stages, start=1):
            if on_stage is not None:
                on_stage(number, len(self.stages), stage.name)
            if LAYOUT in stage.needs and doc.layout is None:
                doc = doc.with_layout(profile(doc.lines, rules))
            doc = stage.function(doc, rules)
            if not isinstance(doc, Document):
                raise StageError(
                    f"stage {stage.name!r} returned {type(doc).__name__}, not a Document"
                )
        return doc

    def process(
        self,
        text: str,
        rules: Rules | None = None,
        source: str = "<string>",
        decoded: Decoded | None = None,
        on_stage: StageProgress | None = None,
    ) -> Result:
        """Clean ``text`` and check that no word was lost (see :func:`cleanup.process`)."""
        return checked(text, self.run(text, rules, source, decoded, on_stage))

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"


def _check_contracts(stages: tuple[Stage, ...]) -> None:
    """Refuse an order in which a stage runs before one that provides what it needs,
    or a stage of one phase on the wrong side of ``reflow``."""
    names = [stage.name for stage in stages]
    reflow_at = names.index("reflow")
    for position, stage in enumerate(stages):
        needs = stage.needs + (LAYOUT_NEEDS if LAYOUT in stage.needs else ())
        for need in needs:
            if need == "blocks" and position < reflow_at:
                raise StageError(
                    f"stage {stage.name!r} works on blocks: it must come after 'reflow'"
                )
            later = [s.name for s in stages[position + 1 :] if need in s.provides]
            if later:
                raise StageError(
                    f"stage {stage.name!r} needs {need!r}, which {later[0]!r} provides: "
                    f"put {stage.name!r} after {later[0]!r}"
                )
        works_on_lines = stage.origin == "built-in" and "blocks" not in stage.needs
        if works_on_lines and position > reflow_at:
            raise StageError(f"stage {stage.name!r} works on lines: it must come before 'reflow'")


def prerequisites(name: str) -> tuple[Stage, ...]:
    """The built-in stages before ``name`` that provide what it needs (directly or
    through what they need), in the default order. Used to run one stage on its own."""
    stage = _BUILT_IN[name]
    wanted = set(stage.needs)
    chosen: list[Stage] = []
    for earlier in reversed(STAGES[: STAGE_NAMES.index(name)]):
        if wanted & set(earlier.provides):
            chosen.insert(0, earlier)
            wanted |= set(earlier.needs)
    return tuple(chosen)


def _as_stage(stage: Stage | StageFunction | str) -> Stage:
    if isinstance(stage, Stage):
        return stage
    if isinstance(stage, str):
        return load_stage(stage)
    if callable(stage):
        name = getattr(stage, "__name__", type(stage).__name__)
        return Stage(name, stage, f"{stage.__module__}:{name}")
    raise StageError(f"not a stage: {stage!r}")


@cache
def _pipeline_for(
    order: tuple[str, ...], disabled: tuple[str, ...], added: tuple[str, ...] = ()
) -> Pipeline:
    for name in disabled:
        check_stage_name(name)
    names = (*(order or STAGE_NAMES), *added)
    return Pipeline(name for name in names if name not in disabled)


def check_rule_stages(
    files: Iterable[RuleFile], overrides: Mapping[str, Any] | None = None
) -> None:
    """Refuse rule files (and ``--set`` overrides) whose ``[pipeline]`` names a stage
    that does not exist, naming the file and line. The rules layer reads the names;
    the registry, here, is the one that knows which stages exist."""
    for rule_file in files:
        for key, names in rule_file.settings.get("pipeline", {}).items():
            for name in names:
                try:
                    check_stage_name(name)
                except StageError as err:
                    line = line_of(rule_file.path, "pipeline", key)
                    raise RulesError(f"{rule_file.path}:{line}: [pipeline] {key}: {err}") from None
    for key, names in parse_overrides(overrides or {}).get("pipeline", {}).items():
        for name in names:
            try:
                check_stage_name(name)
            except StageError as err:
                raise RulesError(f"--set pipeline.{key}: {err}") from None


def run(text: str, rules: Rules | None = None, source: str = "<string>") -> Document:
    """Clean ``text`` with the pipeline the rules describe (without the word check)."""
    rules = rules or default_rules()
    return Pipeline.for_rules(rules).run(text, rules, source)

"""Where a document prints code or a program's output: runs of lines kept line for
line, never flowed into prose.

A manual's listing comes out of an extractor as short lines that reflowing would run
together (``#include <stdlib.h> void f(void) { int* x = malloc(10);``). Evidence, all
of the line's own shape, combined over a run:

- a *code line* starts like a preprocessor line or a comment (``#include``,
  ``// note``, ``/*``), is a brace alone (``{``, ``};``), or ends in ``;``, ``{``
  or ``}`` with two marks of code at least (``( ) = [ ] < > & |``) and no sentence
  in it; a line ending in ``;`` must also hold an assignment, an index, an operator
  or a call (prose ends a wrapped line with ``;`` too: ``(1) the first group;``);
- a *code-like line* is short (at most ``_SHORT_WORDS`` words), ends no sentence, and
  holds a call or a declaration's parentheses (``void f(void)``, ``main()``), or is
  a statement of a few words (``return 0;``, ``break;``);
- a run is at least ``_MIN_LINES`` text lines in a row (lines removed between them,
  a page's head and folio, are passed over), starting and ending with a code line,
  two in five of them code lines and every one code or code-like. Its lines are kept
  as they are, in a ``code`` block.

Our own output writes such a block between fences (````` ``` `````), which are read
back as one.

Example: ``#include <stdio.h>`` / ``int main(void)`` / ``{`` / ``return 0;`` / ``}`` is
a run of five lines: one code block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Line
from ..markup import REFERENCE

#: How a preprocessor line or a comment starts.
_CODE_START = re.compile(
    r"^(?:#\s*(?:include|define|if|ifdef|ifndef|endif|else|pragma)\b|//|/\*|\*/)"
)
_BRACES = frozenset({"{", "}", "};", "});", "})", "{}"})
_CODE_MARKS = frozenset("()=[]<>&|")
#: What a statement holds and prose does not: an assignment or a comparison, an
#: index, an operator, a call with no space before its parenthesis (``f(x)``).
_CODE_SIGN = re.compile(r"[=\[\]<>{}]|&&|\|\||->|\+\+|\w\(")
#: Ends of a sentence inside a line: a full stop (or ! ?) and a capital after it.
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z][a-z]")
_CALL = re.compile(r"\w\s*\([^()]*\)")
_SHORT_WORDS = 8
_STATEMENT_WORDS = 3
_MIN_LINES = 3
_CODE_SHARE = 0.4


def is_code_line(text: str) -> bool:
    """Whether a line reads as a line of code (see the module doc).

    >>> is_code_line("int* x = malloc(10 * sizeof(int));"), is_code_line("it is transparent;")
    (True, False)
    """
    line = REFERENCE.sub("", text).strip()  # a note's reference, ``[^6]``, is no index
    if not line:
        return False
    if line in _BRACES or _CODE_START.match(line):
        return True
    if line[-1] not in ";{}":
        return False
    if line[-1] == ";" and not _CODE_SIGN.search(line):
        return False  # prose ends wrapped lines in ';' too: ``(1) the first group;``
    marks = sum(char in _CODE_MARKS for char in line)
    return marks >= 2 and not _SENTENCE_INSIDE.search(line)


def _code_like(text: str) -> bool:
    """A short line with a call's or a declaration's parentheses, ending no sentence,
    or a statement of a few words; it goes on a listing, never starts one."""
    line = text.strip()
    words = len(line.split())
    if words <= _STATEMENT_WORDS and line.endswith(";"):
        return True
    return words <= _SHORT_WORDS and line[-1:] not in ".!?:," and bool(_CALL.search(line))


def code_runs(lines: Sequence[Line]) -> dict[int, list[int]]:
    """The runs of code lines: the index of each run's first line -> the indexes of
    its text lines (see the module doc)."""
    texts = [i for i, line in enumerate(lines) if line.is_text]
    runs: dict[int, list[int]] = {}
    k = 0
    while k < len(texts):
        if not is_code_line(lines[texts[k]].text):
            k += 1
            continue
        end = k
        while end + 1 < len(texts) and (
            is_code_line(lines[texts[end + 1]].text) or _code_like(lines[texts[end + 1]].text)
        ):
            end += 1
        while end > k and not is_code_line(lines[texts[end]].text):
            end -= 1  # a run ends on a line of code
        run = texts[k : end + 1]
        code = sum(is_code_line(lines[i].text) for i in run)
        if len(run) >= _MIN_LINES and code >= _CODE_SHARE * len(run):
            runs[run[0]] = run
        k = end + 1
    return runs

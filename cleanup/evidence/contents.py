"""The lines of a document's tables of contents, found once for every stage.

A contents entry carries dot leaders (``2 Fonts . . . . . 5``), or stands within two
text lines of a leader written alone (``. . . . . 5``): some extractors (pdfminer,
most of all) write a page of contents column by column, so that a numbered title
(``2.1 Using Fonts``) stands on a line of its own beside its leader and page number.
Such a line repeats the words of a running head or a heading, and starts with a
number as a footnote does; it is neither.

Example: in ``1 Introduction`` / ``. . . . . . 3`` / ``1.1 Scope``, all three lines
are the contents'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Line
from ..textutil import has_dot_leader

# A title with its section's number: ``3 Tables``, ``2.1 Using Fonts``, an
# appendix's ``A.1 Sources``, or a word and a number: ``Chapter 4 Tables``,
# ``Appendix B Demos``, ``Part II Sources``.
NUMBERED_TITLE = re.compile(
    r"^\s*(?:\d{1,2}|[A-Z]\.\d{1,2})(?:\.\d{1,2}){0,3}\.?\s+[^\W\d_]"
    r"|^\s*[A-Z][^\W\d_]+\s+(?:\d{1,3}|[A-Z]|[IVXLC]{1,6})[.:]?\s+[^\W\d_]"
)
# A leader written on a line of its own: dots, and a page number at most.
_BARE_LEADER = re.compile(r"\s*(?:\.\s*){4,}\d*\s*")
# How many text lines from a dot leader a numbered title may stand and be an entry.
_REACH = 2
# A contents entry's leader and page number, at the end of its line.
_LEADER_AND_PAGE = re.compile(r"\s*(?:\.\s{0,3}){3,}\s*[\divxlcIVXLC]*\s*$")


def contents_lines(lines: Sequence[Line]) -> frozenset[int]:
    r"""The indexes of the lines that are contents entries (see the module doc).

    >>> from cleanup.reader import read_document
    >>> page = "Contents\n1 Intro\n. . . . . 3\n1.1 Scope\n2 Soil\nSoil was dug.\n3 Beds\n"
    >>> sorted(contents_lines(read_document(page).lines))
    [1, 2, 3, 4]
    """
    texts = [i for i, line in enumerate(lines) if line.is_text]
    leaders = [k for k, i in enumerate(texts) if has_dot_leader(lines[i].text)]
    found = {texts[k] for k in leaders}
    # (Only a leader written alone, with its page number at most, stands apart from
    # its title: a note that ends in an ellipsis is no leader of its neighbours.)
    for k in [k for k in leaders if _BARE_LEADER.fullmatch(lines[texts[k]].text)]:
        for j in range(max(0, k - _REACH), min(len(texts), k + _REACH + 1)):
            if NUMBERED_TITLE.match(lines[texts[j]].text):
                found.add(texts[j])
    return frozenset(found)


def entry_title(text: str) -> str:
    """A line's text as a contents title: without a dot leader and page number at its
    end, spaces collapsed, lowercased, so that an entry and the heading it lists
    compare equal.

    >>> entry_title("2.1. Using  Fonts . . . . . 5"), entry_title("2.1. Using Fonts")
    ('2.1. using fonts', '2.1. using fonts')
    """
    return " ".join(_LEADER_AND_PAGE.sub("", text).split()).lower()


def contents_titles(lines: Sequence[Line], contents: frozenset[int]) -> frozenset[str]:
    """The titles the contents list, each on its entry's line with its leader (an
    entry wrapped over two lines is not listed): the headings the text will show.
    A title must hold a letter (a leader alone lists nothing)."""
    titles = (entry_title(lines[i].text) for i in contents if has_dot_leader(lines[i].text))
    return frozenset(title for title in titles if any(c.isalpha() for c in title))

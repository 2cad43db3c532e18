"""Stage ``pull_quotes``: remove sentences of the body repeated in large type.

Magazines repeat a striking sentence of an article in large type elsewhere on the
page (a pull quote). In the extraction it is a chunk of short lines standing in the
running text, often inside a sentence. Evidence: a chunk (lines between blank lines
or page breaks) of at most ``max_lines`` lines and at least ``min_words`` words
whose words, in order, occur again inside a longer paragraph of the body (compared
without case, punctuation or line-end hyphens) on the same page or the next (from
the page model; without pages, within about a page's lines), and nowhere else. That
chunk is removed: its words are already where the body has them. A passage printed
in several places (two identical chunks, a manual's sentence under each of its
entries, an example set twice) is the author's and kept, and so is a chunk whose
lines are all lines of the passage (the same text printed again, its lines broken
where the passage's are: a pull quote is set in a measure of its own), a table of
contents' entries (dot leaders), which repeat the headings, and what does not read as
a quoted sentence: a code line (``draw z0..z1{up}``, marks of code or formulas), a
column of a table (fewer than three words a line), a list's item (``• The man who
...``), a chunk that starts in lowercase (the paragraph before going on after a blank
line the extractor wrote inside its sentence), that ends no sentence (a title block)
or ends in a colon (a line leading to an example). The passage it repeats must be
running text too (no list's item): a sentence that a manual prints in a listing and
again as the listing's output is the author's twice, and so is an example printed
twice, wrong and then right. A chunk of one line has no measure of its
own to tell it from a short paragraph (a manual's ``This option is only relevant
on Linux.``, which a longer sentence on the next page begins with): unless it
stands inside a sentence of the body, it is kept, and the doubt is logged.

Example: a paragraph ``... We do not live in some kind of regime of “modern
fascism,” but rather ...`` and elsewhere the chunk ``“We do not live in some kind of
regime of / ‘modern fascism,’ but rather ...”`` -> the chunk is removed.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .. import markup
from ..document import Document, Edit, Line, Removed
from ..layout import Chunk, chunks
from ..rules import Rules
from ..textutil import ends_sentence, has_dot_leader, starts_lowercase

STAGE = "pull_quotes"

_WORD = re.compile(r"[^\W_]+")
_GRAM = 5
# Without known pages, how far (in lines) a pull quote may stand from its passage:
# about a page.
_NEAR_LINES = 80


#: Characters of code and formulas, which a quoted sentence does not hold.
_CODE_MARKS = frozenset("={}[]<>|\\_^~@")
#: A pull quote's lines hold a few words each (a column of a table holds one or two).
_WORDS_A_LINE = 3


#: What a pull quote ends with: a sentence's end (not ``:``, which leads to what
#: follows: an example, a listing).
_QUOTE_ENDS = ".!?…"


def _reads_as_prose(lines: list[Line], chunk: Chunk, word_count: int) -> bool:
    """Whether a chunk reads as a quoted sentence, not a code line set twice in a
    manual (``draw z0..z1{up}..z2``), nor a table's column of single words."""
    # (A note's reference, ``[^2]``, is no code.)
    text = markup.REFERENCE.sub("", "".join(lines[i].text for i in chunk.indexes))
    if any(c in _CODE_MARKS for c in text):
        return False
    return word_count >= _WORDS_A_LINE * (chunk.last - chunk.first + 1)


def _reads_as_quote(lines: list[Line], chunk: Chunk, word_count: int) -> bool:
    """Whether a chunk reads as a pull quote: prose (see :func:`_reads_as_prose`) that
    is no list item (``• The man who ...``, a questionnaire's ``* Vous ...``), opens
    like a sentence (in lowercase it goes on with the paragraph before: ``See`` /
    blank / ``the notes at the end ...``) and ends a sentence (a title block, ``User's
    Guide / Version 2.2``, does not; nor a line that leads to an example: ``... the
    following structure:``)."""
    first, last = lines[chunk.first].text.strip(), lines[chunk.last].text.strip()
    return (
        _reads_as_prose(lines, chunk, word_count)
        and markup.list_marker(first) is None
        and not starts_lowercase(first)
        and ends_sentence(last, _QUOTE_ENDS)
    )


def _words(lines: list[Line], chunk: Chunk) -> str:
    """The chunk's words, lowercased and separated by single spaces, with words broken
    at line-end hyphens rejoined."""
    pieces = [""]  # a list, not a growing string, which would be copied for every line
    for index in chunk.indexes:
        line = lines[index].text.strip()
        if pieces[-1].endswith("-") and line[:1].islower():
            pieces[-1] = pieces[-1][:-1]  # a word broken at the hyphen: rejoined
            pieces.append(line)
        else:
            pieces.append(f" {line}")
    return " ".join(_WORD.findall("".join(pieces).lower()))


class _ChunkWords:
    """Every chunk's words, kept as one string per chunk (a list of words per chunk
    takes several times the memory of the text) and split when needed."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.counts = [text.count(" ") + 1 if text else 0 for text in texts]

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, number: int) -> list[str]:
        return self.texts[number].split(" ") if self.texts[number] else []


def _near(quote: Chunk, source: Chunk, pages: tuple[int, int] | None) -> bool:
    """Whether a pull quote stands near the passage it repeats: a magazine prints it on
    the passage's page or the next one (a sentence a manual repeats 500 lines on is
    the author's). ``pages``: the pages of the two, when the page model knows pages;
    without, within about a page's lines."""
    if pages is not None:
        return abs(pages[0] - pages[1]) <= 1
    return abs(quote.first - source.first) <= _NEAR_LINES


def _inside_a_sentence(lines: list[Line], chunks_: list[Chunk], number: int) -> bool:
    """Whether the chunk stands inside a sentence of the body: the chunk before it ends
    no sentence, and the one after goes on in lowercase (the quote set in mid-text)."""
    if number == 0 or number + 1 >= len(chunks_):
        return False
    before = lines[chunks_[number - 1].last].text.strip()
    after = lines[chunks_[number + 1].first].text.strip()
    return not ends_sentence(before, _QUOTE_ENDS) and starts_lowercase(after)


def _same_lines(lines: list[Line], quote: Chunk, source: Chunk) -> bool:
    """Whether every line of a chunk is a line of the passage it repeats: the passage
    printed again (an example set twice, the second copy cut by a page break). A pull
    quote is set in a measure of its own, so its lines break elsewhere."""
    printed = {" ".join(lines[i].text.split()) for i in source.indexes}
    return all(" ".join(lines[i].text.split()) in printed for i in quote.indexes)


def remove_pull_quotes(doc: Document, rules: Rules) -> Document:
    """Remove chunks whose words repeat a passage of a longer paragraph (see module doc)."""
    settings = rules.pull_quotes
    lines = list(doc.lines)
    layout = doc.require_layout()
    if not layout.hard_wrapped:
        return doc
    placed = [
        (page_number, chunk)
        for page_number, page in enumerate(layout.pages)
        for chunk in chunks(lines, page, ("body",))
    ]
    all_chunks = [chunk for _page, chunk in placed]
    pages = [page for page, _chunk in placed]
    words = _ChunkWords([_words(lines, chunk) for chunk in all_chunks])
    quotes = [
        number
        for number, chunk in enumerate(all_chunks)
        if chunk.last - chunk.first + 1 <= settings.max_lines
        and words.counts[number] >= settings.min_words
        # a contents entry repeats a heading, and is no pull quote
        and not any(has_dot_leader(lines[i].text) for i in chunk.indexes)
        and _reads_as_quote(lines, chunk, words.counts[number])
    ]
    grams = _occurrences(words, {tuple(words[number][:_GRAM]) for number in quotes})

    edits: list[Edit] = []
    removed: list[Removed] = []
    for number in quotes:
        chunk, quote = all_chunks[number], words[number]
        holders = _holders(quote, number, words, grams)
        # A passage printed once more, in a longer paragraph, is pulled out of it; one
        # printed in several places is the author's (a manual's note under each entry).
        if len(holders) != 1 or words.counts[holders[0]] <= len(quote):
            continue
        source = holders[0]
        # (The passage is running text: a sentence that a manual prints in a listing
        # and again as the listing's output is the author's twice, and so is one of
        # an example printed twice, as a list's item and again.)
        passage_start = lines[all_chunks[source].first].text.strip()
        if not _reads_as_prose(lines, all_chunks[source], words.counts[source]):
            continue
        if markup.list_marker(passage_start) is not None:
            continue
        on_pages = (pages[number], pages[source]) if len(layout.pages) > 1 else None
        if not _near(chunk, all_chunks[source], on_pages):
            continue
        if _same_lines(lines, chunk, all_chunks[source]):
            continue
        text = "\n".join(lines[i].text.strip() for i in chunk.indexes)
        span = ((lines[chunk.first].number, lines[chunk.last].number),)
        other = all_chunks[source]
        passage = (
            f"the paragraph at raw lines {lines[other.first].number}-{lines[other.last].number}"
        )
        if chunk.first == chunk.last and not _inside_a_sentence(lines, all_chunks, number):
            edits.append(
                Edit(
                    STAGE,
                    "one-line-repeat-kept",
                    span,
                    text,
                    text,
                    f"these {len(quote)} words repeat, in order, {passage}, but stand on "
                    "one line between paragraphs, as a short paragraph does: kept",
                    0.5,
                )
            )
            continue
        for index in chunk.indexes:
            lines[index] = Line(lines[index].number, lines[index].text, "pull_quote")
        removed.append(Removed("pull_quote", text, span))
        edits.append(
            Edit(
                STAGE,
                "pull-quote",
                span,
                text,
                "",
                f"these {len(quote)} words repeat, in order, {passage}: a pull quote",
                0.9,
            )
        )
    return doc.with_lines(tuple(lines), edits, removed)


def _occurrences(
    words: _ChunkWords, openings: set[tuple[str, ...]]
) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Where each opening (the first words of a possible quote) occurs in the chunks:
    (chunk, position) pairs, in document order. Only positions holding an opening's
    first word are looked at: indexing every run of words costs far more."""
    firsts = {opening[0] for opening in openings if opening}
    found: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for number in range(len(words)):
        chunk_words = words[number]
        for position, word in enumerate(chunk_words):
            if word in firsts:
                gram = tuple(chunk_words[position : position + _GRAM])
                if len(gram) == _GRAM and gram in openings:
                    found[gram].append((number, position))
    return found


def _holders(
    quote: list[str],
    number: int,
    words: _ChunkWords,
    grams: dict[tuple[str, ...], list[tuple[int, int]]],
) -> list[int]:
    """The other chunks in which all the quote's words occur in order (two at most:
    that is enough to tell one from several)."""
    found: list[int] = []
    for other, position in grams.get(tuple(quote[:_GRAM]), []):
        if other == number or (found and found[-1] == other):
            continue
        if words[other][position : position + len(quote)] == quote:
            found.append(other)
            if len(found) == 2:
                break
    return found

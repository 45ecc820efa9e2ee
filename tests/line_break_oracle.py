"""Where a printed line may end, decided from the source text alone (not the renderer).

A brief's texts (title, author lines, paragraphs with their `N)` markers, notes, key
points, the catalogue's fixed texts) become *units*: the text without whitespace, and
the places where the source had a breaking space. A printed line, its whitespace
removed, is found in a unit; its start and its end must each be:

- the unit's start or end, or a place where the source had a space (a word boundary;
  a no-break space or word joiner is not one) — Korean breaks only there (어절);
- inside an address (a token starting `http(s)://` or `www.`), after one of
  `/ ? & = - .` past the scheme (house style: "URLs break only after …");
- inside an English word of Latin letters, at a hyphenation point of the en-US
  patterns (pyphen, an independent copy of the rules), the line then ending in a
  hyphen that is not in the source.

Anything else — a line ending inside a Korean word, after a hyphen the patterns do not
allow, inside an address's word — is reported with the place it broke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import pyphen

from generator.model.nodes import (
    BlockQuote,
    Brief,
    CrossRef,
    Emphasis,
    FootnoteRef,
    FullTextLink,
    Heading,
    Inline,
    KeyPoints,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    Text,
)
from generator.style.texts import catalogue, front_matter
from tests.printed_lines import PrintedLine

NO_BREAK = "\u00a0\u202f\u2060\ufeff"  # spaces and joiners that join, never break
URL_BREAK_AFTER = "/?&=-."  # the house style's list, restated (kinu-online-series.md)
_ADDRESS = re.compile(r"^<?(?:https?://|www\.)")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_LATIN_WORD = re.compile("[A-Za-z]+")
_PAGE_NUMBER = re.compile(r"^\d+(?:/\d+)?$")  # "3", a packet's "3 / 7"
_LABEL = re.compile(r"^(?:[•–]|\(?\d+[.)])")  # a list label or bullet before the text
# en-US patterns as the house applies them: at least 2 letters before, 3 after.
_LEAST_BEFORE, _LEAST_AFTER = 2, 3


@dataclass(frozen=True)
class Unit:
    """A source text without whitespace; `breaks`: positions after a breaking space;
    `tokens`: each position's whitespace-delimited source word (start, end)."""

    text: str
    breaks: frozenset[int]
    tokens: tuple[tuple[int, int], ...]


def unit(text: str) -> Unit:
    squeezed: list[str] = []
    breaks: set[int] = set()
    tokens: list[tuple[int, int]] = []
    start = 0
    for character in text:
        if character.isspace() or character in NO_BREAK:
            if character not in NO_BREAK:
                breaks.add(len(squeezed))
                tokens.extend((start, len(squeezed)) for _ in range(len(squeezed) - len(tokens)))
                start = len(squeezed)
            continue
        squeezed.append(character)
    tokens.extend((start, len(squeezed)) for _ in range(len(squeezed) - len(tokens)))
    return Unit("".join(squeezed), frozenset(breaks), tuple(tokens))


# ------------------------------------------------------------ a brief's texts


def _inline_text(inlines: Iterable[Inline]) -> str:
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Emphasis | Strong | Link):
            parts.append(_inline_text(node.children))
        elif isinstance(node, FootnoteRef):
            parts.append(f"{node.number})")
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, CrossRef):
            parts.append(f"{node.label}\u00a0{node.number}")
    return "".join(parts)


def _block_texts(blocks: Iterable[object]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            yield _inline_text(block.inlines)
        elif isinstance(block, BlockQuote):
            yield from _block_texts(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _block_texts(item)
        elif isinstance(block, KeyPoints):
            yield from block.points
        elif isinstance(block, FullTextLink):
            yield block.url
        elif isinstance(block, Table):
            yield f"{block.label} {block.number}. {_inline_text(block.caption)}"
            for row in (*block.header, *block.rows):
                yield from (_inline_text(cell) for cell in row)
        elif hasattr(block, "caption") and hasattr(block, "label"):  # a figure
            yield f"{block.label} {block.number}. {_inline_text(block.caption)}"


def _catalogue_texts(language: str) -> Iterator[str]:
    for value in catalogue(language).values():
        if isinstance(value, str) and "{{" not in value:
            yield value


def brief_units(brief: Brief) -> list[Unit]:
    """Every text `brief` prints, as units."""
    matter = front_matter(brief)
    texts = [brief.title, matter.series_label, matter.date_line, matter.copyright,
             matter.disclaimer, *(text for _, text in matter.author_lines),
             *_block_texts(brief.blocks), *brief.summary,
             *(f"{note.number}) {_inline_text(note.inlines)}" for note in brief.footnotes),
             *_catalogue_texts(brief.front_language), *_catalogue_texts(brief.language)]
    return [unit(text) for text in texts if text.strip()]


# ------------------------------------------------------------ allowed breaks


@cache
def _hyphenation_points(word: str) -> frozenset[int]:
    positions = pyphen.Pyphen(lang="en_US").positions(word)
    return frozenset(position for position in positions
                     if _LEAST_BEFORE <= position <= len(word) - _LEAST_AFTER)


def _word_boundary(source: Unit, at: int) -> bool:
    return at in (0, len(source.text)) or at in source.breaks


def _address_break(source: Unit, at: int) -> bool:
    start, end = source.tokens[at - 1]
    token = source.text[start:end]
    if not _ADDRESS.match(token) or source.tokens[at] != (start, end):
        return False
    scheme = token.find("://")
    past_scheme = start + (scheme + 3 if scheme >= 0 else 0)
    return at > past_scheme and source.text[at - 1] in URL_BREAK_AFTER


def _hyphenation_break(source: Unit, at: int) -> bool:
    """`at` splits an English word where the en-US patterns allow a hyphen."""
    for match in _LATIN_WORD.finditer(source.text):
        if match.start() < at < match.end():
            return at - match.start() in _hyphenation_points(match.group())
    return False


def break_problem(source: Unit, at: int, hyphen_added: bool = False) -> str | None:
    """Why a line may not end (or start) at `at` in `source`; None when it may.
    `hyphen_added`: the line (or the line before it) ends in a hyphen not in the source."""
    if _word_boundary(source, at) or _address_break(source, at):
        return None
    if hyphen_added:
        if _hyphenation_break(source, at):
            return None
        return "with a hyphen where the en-US patterns allow none"
    return "inside a word"


# ------------------------------------------------------------ checking lines


def _squeezed(text: str) -> str:
    return "".join(character for character in text
                   if not (character.isspace() or character in NO_BREAK))


def squeezed_places(units: list[Unit], text: str) -> Iterator[tuple[Unit, int]]:
    """Each unit and position where `text` (without whitespace) occurs."""
    for source in units:
        found = source.text.find(text)
        while found >= 0:
            yield source, found
            found = source.text.find(text, found + 1)


def _context(source: Unit, at: int) -> str:
    return f"{source.text[max(0, at - 12):at]}|{source.text[at:at + 12]}"


def line_problem(line: PrintedLine, units: list[Unit], after_hyphen: bool = False
                 ) -> str | None:
    """What is wrong with where `line` starts or ends; None if nothing (or if it is no
    text of the brief: a page number). `after_hyphen`: the line before it ended in a
    hyphen."""
    printed = _squeezed(line.text)
    if _PAGE_NUMBER.match(printed):
        return None
    candidates = [printed]
    label = _LABEL.match(printed)
    if label and len(printed) > label.end():
        candidates.append(printed[label.end():])
    problems: list[str] = []
    for text in candidates:
        for hyphen_added in (False, True):
            if hyphen_added:
                if not text.endswith("-"):
                    continue
                text = text[:-1]
            for source, start in squeezed_places(units, text):
                end = start + len(text)
                trouble = (break_problem(source, start, after_hyphen)
                           or break_problem(source, end, hyphen_added))
                if trouble is None:
                    return None
                where = start if break_problem(source, start, after_hyphen) else end
                problems.append(f"{line} breaks {trouble}: {_context(source, where)}")
    if problems:
        return problems[0]
    if _HANGUL.search(printed):
        return f"{line} is not a text of the brief (the test misses a text, or it was changed)"
    return None


def line_problems(lines: Iterable[PrintedLine], units: list[Unit]) -> list[str]:
    """The problems of every line, in order."""
    problems = []
    before: dict[float, str] = {}  # the last line of each size: a paragraph's, across pages
    for line in lines:
        size = round(line.size, 1)
        problem = line_problem(line, units, after_hyphen=before.get(size, "").endswith("-"))
        if problem is not None:
            problems.append(problem)
        before[size] = line.text.rstrip()
    return problems

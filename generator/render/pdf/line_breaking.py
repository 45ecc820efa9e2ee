"""Where the PDF's lines break: English hyphenation, URL break points, Korean whole words.

reportlab breaks a paragraph greedily (`Paragraph.breakLines`): when a word does not fit
what is left of the line, it asks for the longest head of the word that fits and ends
the line there. For a word that looks like an address it asks the module function
`_uri_split_pairs`; for a word of letters, the style's `hyphenationLang` (here a
callable: word -> (head, tail) pairs, the longest head first). This module gives it the
house's answers (generator.style.house):

- **English** is hyphenated by pyphen's patterns (`HYPHENATION["en"]`: shortest word,
  letters before and after the hyphen; parsed once per installation,
  hyphenation_cache.py). reportlab itself has no limit on hyphenated
  lines in a row, so `HouseParagraph` breaks a paragraph, looks at its lines, and when
  more than `max_consecutive` lines in a row end in a hyphen, or the paragraph's last
  word is split, or a line the page composer wants whole (`whole_word_lines`: the last
  line on a page) ends in a hyphen, breaks it again with that one hyphenation refused
  (each retry refuses a later one, so it ends). It records the lines it hyphenated
  (`hyphenated_lines`) for the composer. Korean is never hyphenated: it breaks between words (어절)
  as reportlab does, at spaces.
- **URLs** break only after one of `URL_BREAK_AFTER`, never inside a word, and never
  with an added character: the printed text and the link stay the exact address.
  reportlab's own rule (after `/` only, and only for words its pattern takes for a
  whole URL) is replaced process-wide by `url_break_pairs`, the one place it is asked.
- A loose justified line with Hangul gets letter spacing rather than holes
  (generator.render.pdf.hangul_spacing), drawn by `HouseParagraph`.
- A line that ends between two words ends with a space, drawn past its last letter
  where it shows nothing (`WordBoundaryTextObject`): text extracted from the line's
  marked content (a screen reader's, `pdfinfo -struct-text`) keeps the words apart; a
  line that ends inside a word (after a hyphen, at an address's break point) does not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as reportlab_paragraph

from generator.render.pdf.hangul_spacing import SpacedTextObject, hangul_line_spacing
from generator.render.pdf.hyphenation_cache import pyphen_with_remembered_patterns
from generator.render.pdf.structure import InlineRuns
from generator.style.house import HYPHENATION, URL_BREAK_AFTER, URL_BREAK_SLACK, Hyphenation

Pair = tuple[str, str]  # a word's head (on this line) and tail (on the next)

# Where an address starts inside a word: a scheme, or a bare "www." host.
_ADDRESS_START = re.compile(r"(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)", re.IGNORECASE)
# Characters that only addresses (and paths) carry; a word holding one, after a first
# split of an address, is the rest of that address.
_ADDRESS_MARKS = frozenset("/?&=")
_BREAK_POINTS = re.compile(f"[{re.escape(URL_BREAK_AFTER)}]")
# Characters between two break points that surely fit any line of the house (30 of the
# widest letter at 11.5 pt are narrower than the narrowest column, a handout's address).
_LONGEST_RUN = 30
_LONGEST_LINE = 500  # characters: no line of the house holds more; no longer head is offered


class Hyphenator:
    """The house's hyphenation of one language: word -> (head, tail) pairs, the longest
    head first, each head at least `least_before` letters and each tail `least_after`."""

    def __init__(self, rule: Hyphenation) -> None:
        self.rule = rule
        self._patterns = pyphen_with_remembered_patterns(rule.patterns, rule.least_before,
                                                         rule.least_after)

    def __call__(self, word: str) -> Iterator[Pair]:
        pairs: Iterator[Pair] = self._patterns.iterate(word)
        return pairs

    def __deepcopy__(self, memo: dict[int, Any]) -> Hyphenator:
        return self  # reportlab deep-copies a style when it splits an indented paragraph


@cache
def hyphenator(language: str) -> Hyphenator | None:
    """The hyphenation of `language` (loaded once per process), None if it has none."""
    rule = HYPHENATION.get(language)
    return None if rule is None else Hyphenator(rule)


@cache
def language_style(style: ParagraphStyle, language: str | None) -> ParagraphStyle:
    """`style` as set in `language` (None: mixed): hyphenated if the language is, and
    with the house's URL break points."""
    rule = hyphenator(language) if language is not None else None
    return ParagraphStyle(
        f"{style.name}:{language or 'mixed'}",
        parent=style,
        hyphenationLang=rule or "",
        hyphenationMinWordLength=rule.rule.shortest_word if rule else 0,
        uriWasteReduce=URL_BREAK_SLACK,
        embeddedHyphenation=0,
    )


def url_break_pairs(word: str) -> list[Pair] | None:
    """The places `word` may break if it is an address (or the rest of one), the
    longest head first; None for a word that is no address.

    A break goes after one of URL_BREAK_AFTER, and only where what follows holds a
    letter or digit (no lone "/" or ">" on a line) and no stretch of more than
    `_LONGEST_RUN` characters without a break point: reportlab does not break the rest
    of a split word again by force, so a rest with such a stretch could run past the
    margin; a word that has no other place is broken by force, whole, by reportlab."""
    start = _ADDRESS_START.search(word)
    if start is None and not _ADDRESS_MARKS.intersection(word) and not (
            len(word) > _LONGEST_RUN and any(mark in word for mark in URL_BREAK_AFTER)):
        return None
    first = start.end() if start is not None else 1
    last = min(len(word), _LONGEST_LINE)
    pairs = [
        (word[:index], word[index:])
        for index in range(first, last)
        if word[index - 1] in URL_BREAK_AFTER and _may_start_a_line(word[index:])
    ]
    pairs.reverse()
    return pairs


def _may_start_a_line(rest: str) -> bool:
    if len(rest) <= _LONGEST_RUN and not any(character.isalnum() for character in rest):
        return False
    return max(map(len, _BREAK_POINTS.split(rest))) <= _LONGEST_RUN


def install_url_break_points() -> None:
    """Make reportlab break every address at the house's points (process-wide)."""
    reportlab_paragraph._uri_split_pairs = url_break_pairs


@dataclass
class _Recorder:
    """A hyphenator that refuses the calls numbered in `refused` and records which of
    the others reportlab took (it stops asking once a head fits, leaving the last
    pair given as its choice; a call whose pairs all ran out gave nothing)."""

    hyphenate: Hyphenator
    refused: frozenset[int]
    calls: int = 0
    taken: dict[int, str] = field(default_factory=dict)  # call -> head

    def __call__(self, word: str) -> Iterator[Pair]:
        call, self.calls = self.calls, self.calls + 1
        if call in self.refused:
            return iter(())
        return self._pairs(call, word)

    def _pairs(self, call: int, word: str) -> Iterator[Pair]:
        for head, tail in self.hyphenate(word):
            self.taken[call] = head
            yield head, tail
        self.taken.pop(call, None)

    def __deepcopy__(self, memo: dict[int, Any]) -> _Recorder:
        return self


class HouseParagraph(Paragraph):  # type: ignore[misc]
    """A reportlab paragraph broken and filled by the house's rules (module docstring)."""

    style: ParagraphStyle
    frags: Any
    whole_word_lines: frozenset[int] = frozenset()  # lines that must not end in a hyphen
    hyphenated_lines: frozenset[int] = frozenset()  # the lines the last break hyphenated

    def breakLines(self, width: Any) -> Any:  # noqa: N802 (reportlab's name)
        hyphenate = getattr(self.style, "hyphenationLang", None)
        if not isinstance(hyphenate, Hyphenator):
            return super().breakLines(width)
        frags: Any = self.frags
        style: ParagraphStyle = self.style
        refused: frozenset[int] = frozenset()
        try:
            while True:
                recorder = _Recorder(hyphenate, refused)
                self.frags = frags
                self.style = ParagraphStyle(style.name, parent=style, hyphenationLang=recorder)
                broken = super().breakLines(width)
                hyphenated = _hyphenated_lines(broken, recorder)
                call = _call_to_refuse(broken, recorder, hyphenate.rule, hyphenated,
                                       self.whole_word_lines)
                if call is None:
                    self.hyphenated_lines = frozenset(hyphenated)
                    return broken
                refused |= {call}
        finally:
            self.style = style

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (reportlab's name)
        self._line_spacing = hangul_line_spacing(self)
        super().drawPara(debug)

    def beginText(self, x: float, y: float) -> PDFTextObject:  # noqa: N802 (reportlab's name)
        canvas = self.canv
        spacing = getattr(self, "_line_spacing", {})
        text = WordBoundaryTextObject(canvas, x, y, getattr(canvas, "_direction", None),
                                      spacing)
        links = self.frags[0].link if self.blPara.kind == 0 and self.frags else None
        if links and text.runs is not None:  # one frag, one link: reportlab tells nothing
            text.runs.links_throughout([number for number, _ in links])
        return text


class WordBoundaryTextObject(SpacedTextObject):
    """Ends each line that ends between words with a space (module docstring)."""

    paragraph_lines = True  # a paragraph's lines (not a bullet: structure.HouseCanvas)
    _line_end = ""

    def __init__(self, canvas: Any, x: float, y: float, direction: str | None,
                 spacing: dict[int, Any]) -> None:
        super().__init__(canvas, x, y, direction, spacing)
        self.runs = InlineRuns(canvas) if getattr(canvas, "inline", False) \
            else None

    def _linkRecord(self, link: tuple[int, str], event: str) -> None:  # noqa: N802
        """reportlab's word (`_putFragLine`) that link `link` starts or ends here."""
        if self.runs is None:
            return
        if event == "start":
            self.runs.link_start(self._code, link[0])
        else:
            self.runs.link_end(link[0])

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N802, N803 (reportlab's)
        if text:
            self._line_end = text
            if self.runs is not None:
                extra = getattr(self, "XtraState", None)
                self.runs.text(self._code, text, bool(getattr(extra, "rise", 0)))
        if TStar and not ends_inside_word(self._line_end):
            # a string of its own: in the line's last string it would move pdfium's
            # anti-aliasing of the letters before it at low resolutions
            if text:
                super()._textOut(text)
            text = " "
        if TStar:
            self._line_end = ""
        super()._textOut(text, TStar)


def ends_inside_word(text: str) -> bool:
    """Does a line whose text ends with `text` end inside a word: empty, after a space,
    a hyphen or an address's break point?"""
    word = text.rsplit(None, 1)[-1] if text.strip() else ""
    if not word or text[-1].isspace() or word.endswith(("-", "\xad")):
        return True
    return word[-1] in URL_BREAK_AFTER and url_break_pairs(word) is not None


def _hyphenated_lines(broken: Any, recorder: _Recorder) -> list[int]:
    """The numbers of the lines reportlab hyphenated, in the order of its calls."""
    heads = [recorder.taken[call] for call in sorted(recorder.taken)]
    hyphenated: list[int] = []
    for number, line in enumerate(broken.lines):
        if len(hyphenated) < len(heads) and line_text(broken, line).endswith(
                heads[len(hyphenated)] + "-"):
            hyphenated.append(number)
    if len(hyphenated) != len(heads):
        raise RuntimeError("a hyphenation reportlab chose ends no line")
    return hyphenated


def _call_to_refuse(broken: Any, recorder: _Recorder, rule: Hyphenation,
                    hyphenated: list[int], whole: frozenset[int]) -> int | None:
    """The hyphenation call behind the first line that breaks the house rule: a line
    hyphenated though carrying the word whole would have left no more than the zone
    empty, the (max_consecutive + 1)-th hyphenated line in a row, a split last word, or
    one of the lines `whole` (a page's last)."""
    calls = sorted(recorder.taken)
    last = len(broken.lines) - 1
    for order, number in enumerate(hyphenated):
        in_a_row = order >= rule.max_consecutive and \
            hyphenated[order - rule.max_consecutive] == number - rule.max_consecutive
        last_word = number == last - 1 and len(line_text(broken, broken.lines[last]).split()) == 1
        if in_a_row or last_word or number in whole or \
                _empty_if_carried(broken, number) <= rule.zone.points:
            return calls[order]
    return None


def _empty_if_carried(broken: Any, number: int) -> float:
    """How much of hyphenated line `number` would stay empty if its last word went whole
    to the next line (infinite if it is the line's only word)."""
    line = broken.lines[number]
    if broken.kind == 0:
        slack, words = line
        if len(words) < 2:
            return math.inf
        carried = f"{words[-1]} "
        return float(slack) + float(stringWidth(carried, broken.fontName, broken.fontSize))
    carried_width = 0.0
    for word in reversed([word for word in line.words if getattr(word, "text", "")]):
        before, space, head = word.text.rpartition(" ")
        carried_width += float(stringWidth(space + head, word.fontName, word.fontSize))
        if space and before.strip():
            return float(line.extraSpace) + carried_width
    return math.inf


def line_text(broken: Any, line: Any) -> str:
    """The text of one line of a broken paragraph (either of reportlab's two kinds)."""
    if broken.kind == 0:
        return " ".join(line[1])
    return "".join(word.text for word in line.words if hasattr(word, "text"))


install_url_break_points()  # every paragraph is broken after this module is imported

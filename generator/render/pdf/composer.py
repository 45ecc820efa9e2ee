"""Line-level page composition with footnotes at the foot of the marker's page.

reportlab has no footnotes, so pages are filled here, line by line. Each item's
paragraph is broken into lines at the text width; a zero-width <onDraw> tag written
next to every marker tells which line carries which note. A line goes on the page
only if the notes of every marker on the page still fit under the body, below the
separator rule; so a page may end mid-paragraph above its notes. When the next line
carries a marker whose note cannot fit whole, the note is split: its first lines stay
under the marker, the rest continues at the top of the next page's note area (the
page is marked so, for the full-width continuation rule drawn above it). Notes are
never moved to the end of the document.

Keeping: an item that keeps with the next stays with the first lines of what follows
(a heading), an item kept together is never split, and an item that keeps lines before
it (the closing matter) pulls the last lines of what precedes it onto its page when
they would otherwise be parted: the items before it break earlier instead.

No page ends in a hyphenated word: when the last line a paragraph leaves on a page is
one the renderer hyphenated, the paragraph is broken again with that line ending in a
whole word (line_breaking.HouseParagraph.whole_word_lines), and its lines are placed
again: the lines above it stay as they were, the word goes to the next page.

Tables and figures take part as whole blocks (items.WholeBlock): each table row, each
picture, is one line as tall as itself, carrying the notes marked in it, so a table
breaks between rows and a row's notes sit at the foot of its page. An item that starts
a page places its `repeated_before` items first: a table's header rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from reportlab.platypus import Paragraph

from generator.render.pdf.inline import MARKER_CALLBACK
from generator.render.pdf.items import Item, WholeBlock
from generator.render.pdf.line_breaking import HouseParagraph
from generator.style.house import FOOTNOTES, role

NOTE_LINES_BEFORE_SPLIT = 2  # a note split across pages keeps this many lines by its marker
KEEP_WITH_NEXT_LINES = 2  # a heading (keep_with_next) stays with this many lines of what follows
BODY_LINES_BESIDE_CONTINUATION = 2  # a continued note leaves room for this many body lines
_UNBOUNDED = 1e9
_EPSILON = 1e-6

MarkerLines = list[tuple[int, ...]]  # per line of a paragraph: the note numbers marked on it


@dataclass(frozen=True)
class Placement:
    item: Item
    paragraph: Paragraph
    top: float  # from the top of the text area to the top of the paragraph
    height: float
    first_piece: bool  # the item's first lines (bookmarks point here)


@dataclass(frozen=True)
class Tail:
    """What an item's last `lines` lines must share their page with: the items after it
    up to the end of a keep chain that keeps lines before it, `height` from the foot of
    those lines to the chain's end, marking the notes `numbers`."""

    lines: int
    height: float
    numbers: tuple[int, ...]


class NotePiece(NamedTuple):
    """Note `number`, or the part of it that goes on a page, and its height."""

    paragraph: Paragraph
    height: float
    number: int


@dataclass
class Page:
    body: list[Placement] = field(default_factory=list)
    notes: list[NotePiece] = field(default_factory=list)
    continued_note: bool = False  # the first note is the rest of one from the last page


def marker_lines(paragraph: Paragraph, width: float) -> MarkerLines:
    """Break `paragraph` into lines at `width`; the note numbers marked on each line (a
    whole block is one line)."""
    if isinstance(paragraph, WholeBlock):
        return [paragraph.numbers]
    paragraph.wrap(width, _UNBOUNDED)
    broken = paragraph.blPara
    if broken.kind == 0:  # one plain fragment: no tags, so no markers
        return [() for _ in broken.lines]
    return [
        tuple(
            int(word.cbDefn.label)
            for word in line.words
            if getattr(getattr(word, "cbDefn", None), "name", None) == MARKER_CALLBACK
        )
        for line in broken.lines
    ]


def notes_area_height(heights: Sequence[float]) -> float:
    """The height of the rule and the stacked notes of `heights`; 0 without notes."""
    if not heights:
        return 0.0
    rule = FOOTNOTES.gap_above_rule + FOOTNOTES.rule_thickness + FOOTNOTES.gap_below_rule
    return rule.points + sum(heights) + FOOTNOTES.gap_between_notes.points * (len(heights) - 1)


def _numbers(lines: Iterable[tuple[int, ...]]) -> list[int]:
    return [number for line in lines for number in line]


class PageComposer:
    """Fills pages of `width` x `height` with items, keeping notes under their markers."""

    def __init__(self, width: float, height: float, notes: Mapping[int, Paragraph]) -> None:
        self.width = width
        self.height = height
        self.notes = notes
        self.note_heights: dict[int, float] = {
            number: note.wrap(width, _UNBOUNDED)[1] for number, note in notes.items()
        }
        self.pages: list[Page] = []
        self.page = Page()
        self.used = 0.0  # body height used on the current page, spaces included
        self.placed: set[int] = set()
        self.carry: tuple[Paragraph, int] | None = None  # the rest of a note split at the
        # last page, and its number
        self._lines: dict[int, tuple[Paragraph, MarkerLines]] = {}

    def compose(self, items: Sequence[Item]) -> list[Page]:
        tails = self._tails(items)
        for index, item in enumerate(items):
            if item.keep_with_next and self.page.body and not self._keep_chain_fits(items, index):
                self._new_page()
            self._place(item, tails.get(index))
        self.pages.append(self.page)
        while self.carry is not None:
            self.page = Page()
            self._place_carry(final=True)
            self.pages.append(self.page)
        return self.pages

    # ------------------------------------------------------------ measuring

    def lines_of(self, paragraph: Paragraph) -> MarkerLines:
        cached = self._lines.get(id(paragraph))
        if cached is None:
            cached = (paragraph, marker_lines(paragraph, self.width))
            self._lines[id(paragraph)] = cached
        return cached[1]

    def _new_numbers(self, numbers: Iterable[int]) -> list[int]:
        fresh = [number for number in dict.fromkeys(numbers) if number not in self.placed]
        for number in fresh:
            if number not in self.notes:
                raise ValueError(f"footnote marker {number} has no footnote")
        return fresh

    def _fits(
        self, body_height: float, numbers: Iterable[int], last_note: float | None = None
    ) -> bool:
        """Would `body_height` more body and the notes of `numbers` fit on this page?

        With `last_note`, the last of `numbers` counts only that high (a split note).
        """
        heights = [piece.height for piece in self.page.notes]
        fresh = self._new_numbers(numbers)
        heights += [self.note_heights[number] for number in fresh]
        if last_note is not None and fresh:
            heights[-1] = last_note
        return self.used + body_height + notes_area_height(heights) <= self.height + _EPSILON

    def _keep_chain(self, items: Sequence[Item], index: int) -> tuple[float, list[int]]:
        """The height and note numbers of the items from `index` that stay together: each
        that keeps with the next, and the first lines of the one after (all if kept
        together)."""
        body = 0.0
        numbers: list[int] = []
        while index < len(items):
            item = items[index]
            lines = self.lines_of(item.paragraph)
            if not (item.keep_with_next or item.keep_together):
                lines = lines[:KEEP_WITH_NEXT_LINES]
            body += item.space_before + len(lines) * item.paragraph.style.leading
            numbers += _numbers(lines)
            if not item.keep_with_next:
                break
            body += item.space_after
            index += 1
        return body, numbers

    def _keep_chain_fits(self, items: Sequence[Item], index: int) -> bool:
        return self._fits(*self._keep_chain(items, index))

    def _tails(self, items: Sequence[Item]) -> dict[int, Tail]:
        """For each item whose last lines must go with a chain that keeps lines before
        it: how many lines, and what follows them."""
        tails: dict[int, Tail] = {}
        for index, item in enumerate(items):
            if item.lines_kept_before:
                height, numbers = self._keep_chain(items, index)
                self._tails_before(items, index, item.lines_kept_before, height, numbers, tails)
        return tails

    def _tails_before(
        self,
        items: Sequence[Item],
        index: int,
        wanted: int,
        height: float,
        numbers: list[int],
        tails: dict[int, Tail],
    ) -> None:
        """Walk back from `index` until `wanted` lines are kept: an item shorter than
        that goes whole with the chain, and the rest is asked of the item before it. An
        item that goes whole (or is kept together) takes along the one before it if that
        one keeps with it, whole: a figure's picture with its caption, a heading."""
        for before in range(index - 1, -1, -1):
            item = items[before]
            lines = self.lines_of(item.paragraph)
            height += item.space_after
            if item.keep_together:
                wanted = max(wanted, len(lines))
            tails[before] = Tail(min(wanted, len(lines)), height, tuple(numbers))
            wanted -= len(lines)
            if wanted >= 0 and before > 0 and items[before - 1].keep_with_next:
                wanted = max(wanted, len(self.lines_of(items[before - 1].paragraph)))
            if wanted <= 0:
                return
            height += item.space_before + len(lines) * item.paragraph.style.leading
            numbers = _numbers(lines) + numbers

    def _fitting_lines(self, lines: MarkerLines, top: float, leading: float) -> int:
        for count in range(len(lines)):
            if not self._fits(top + (count + 1) * leading, _numbers(lines[: count + 1])):
                return count
        return len(lines)

    def _note_head(self, number: int) -> float:
        """The height of note `number`'s first lines, all a split leaves by its marker."""
        least = NOTE_LINES_BEFORE_SPLIT * float(self.notes[number].style.leading)
        return min(self.note_heights[number], least)

    def _fits_with_last_note_split(self, body_height: float, numbers: Iterable[int]) -> bool:
        fresh = self._new_numbers(numbers)
        last_note = self._note_head(fresh[-1]) if fresh else None
        return self._fits(body_height, fresh, last_note=last_note)

    def _fits_on_a_fresh_page(
        self, body_height: float, numbers: Iterable[int], split_last: bool = False
    ) -> bool:
        """Would `body_height` and the notes of `numbers` (the last one split, with
        `split_last`) fit on an empty page?"""
        fresh = self._new_numbers(numbers)
        heights = [self.note_heights[number] for number in fresh]
        if split_last and fresh:
            heights[-1] = self._note_head(fresh[-1])
        return body_height + notes_area_height(heights) <= self.height + _EPSILON

    def _can_split_note(
        self, lines: MarkerLines, count: int, top: float, leading: float, below: float = 0.0
    ) -> bool:
        """Can line `count` go on this page, `below` kept free under it, if the last note
        marked on it is split?"""
        if count >= len(lines) or not lines[count]:
            return False
        fresh = self._new_numbers(_numbers(lines[: count + 1]))
        if not fresh:
            return False
        note_leading = self.notes[fresh[-1]].style.leading
        least = NOTE_LINES_BEFORE_SPLIT * note_leading
        if self.note_heights[fresh[-1]] <= least + _EPSILON:
            return False
        return self._fits(top + (count + 1) * leading + below, fresh, last_note=least)

    # ------------------------------------------------------------- placing

    def _place(self, item: Item, tail: Tail | None = None) -> None:
        piece, first_piece = item.paragraph, True
        while True:
            if item.repeated_before and not self.page.body:
                for repeated in item.repeated_before:
                    self._place(repeated)
            lines = self.lines_of(piece)
            top = item.space_before if self.page.body else 0.0
            count, split_note = self._lines_here(item, lines, top, piece.style.leading, tail)
            if count == 0 < len(lines):
                self._new_page()
                continue
            if count < len(lines) and self._broken_again_whole_at(piece, count - 1):
                continue
            if count == len(lines):
                below = tail.height if tail is not None and split_note else 0.0
                self._commit(item, piece, top, lines, first_piece, split_note, below)
                self.used += item.space_after
                return
            first, rest = self._split_lines(piece, count)
            self._commit(item, first, top, lines[:count], first_piece, split_note)
            self._new_page()
            piece, first_piece = rest, False

    def _lines_here(
        self, item: Item, lines: MarkerLines, top: float, leading: float, tail: Tail | None
    ) -> tuple[int, bool]:
        """How many of `lines` go on this page (0: none, start the next) and whether the
        last note marked on them is split, keeping what the item keeps."""
        count = self._fitting_lines(lines, top, leading)
        split_note = False
        if count < len(lines):
            below = tail.height if tail is not None and count + 1 == len(lines) else 0.0
            split_note = self._can_split_note(lines, count, top, leading, below)
            count = count + 1 if split_note else self._without_widow_or_orphan(count, len(lines))
        if tail is not None and not self._tail_fits(count, split_note, lines, top, leading, tail):
            count, split_note = self._kept_with_tail(count, split_note, lines, top, leading, tail)
        if count < len(lines) and item.keep_together and self.page.body:
            count = 0
        if count == 0 < len(lines) and not (self._own_body() or self.page.notes):
            # an empty page takes a line whatever its notes
            return 1, not self._fits(top + leading, _numbers(lines[:1]))
        return count, split_note

    def _tail_fits(
        self, count: int, split_note: bool, lines: MarkerLines, top: float, leading: float,
        tail: Tail,
    ) -> bool:
        """Do all of `lines` go here, and `tail` after them (a note split at the last line
        keeps room for the tail under it)?"""
        if count < len(lines):
            return False
        whole = top + len(lines) * leading + tail.height
        return split_note or self._fits(whole, _numbers(lines) + list(tail.numbers))

    def _kept_with_tail(
        self, count: int, split_note: bool, lines: MarkerLines, top: float, leading: float,
        tail: Tail,
    ) -> tuple[int, bool]:
        """Lines for this page (and whether a note is split) such that the last
        `tail.lines` go on with the tail. In order of preference: they move to the next
        page with it, their notes whole; all stay here, the last note split above the
        tail; they move, the last note split there (a note longer than a page)."""
        total = len(lines)
        moved = lines[total - tail.lines:]
        moved_height = len(moved) * leading + tail.height
        moved_numbers = _numbers(moved) + list(tail.numbers)
        if self._fits_on_a_fresh_page(moved_height, moved_numbers):
            return self._moving(count, split_note, total, tail)
        here = top + total * leading + tail.height
        if count == total and self._fits_with_last_note_split(
            here, _numbers(lines) + list(tail.numbers)
        ):
            if self._new_numbers(tail.numbers):
                return count, split_note  # the note is split by the item that marks it
            if self._can_split_note(lines, total - 1, top, leading, tail.height):
                return total, True
        if self._fits_on_a_fresh_page(moved_height, moved_numbers, split_last=True):
            return self._moving(count, split_note, total, tail)
        return count, split_note

    def _moving(self, count: int, split_note: bool, total: int, tail: Tail) -> tuple[int, bool]:
        """At most `count` lines, leaving `tail.lines` (and no widow or orphan) for the
        next page; `count` unchanged if that would only trade an empty page for another."""
        kept = self._without_widow_or_orphan(min(count, total - tail.lines), total)
        if kept < count and (kept > 0 or self._own_body()):
            return kept, False
        return count, split_note

    def _broken_again_whole_at(self, paragraph: Paragraph, line: int) -> bool:
        """If `line` of `paragraph` (the last on a page) ends in a hyphen the renderer
        added, break `paragraph` again with that line ending in a whole word; did it?"""
        if not isinstance(paragraph, HouseParagraph) or line not in paragraph.hyphenated_lines:
            return False
        paragraph.whole_word_lines = paragraph.whole_word_lines | {line}
        self._lines[id(paragraph)] = (paragraph, marker_lines(paragraph, self.width))
        return True

    def _own_body(self) -> bool:
        """Does this page hold body of its own, not only repeated items (a table's header
        over the row that starts the page)?"""
        return any(not placement.item.repeat for placement in self.page.body)

    def _without_widow_or_orphan(self, count: int, total: int) -> int:
        if count == 1 and total > 1 and self.page.body:
            return 0  # a paragraph's first line alone at the foot of a page
        if total - count == 1 and count > 2:
            return count - 1  # its last line alone at the head of the next
        return count

    def _split_lines(self, paragraph: Paragraph, count: int) -> tuple[Paragraph, Paragraph]:
        leading = paragraph.style.leading
        pieces = paragraph.split(self.width, (count + 0.5) * leading)
        if len(pieces) != 2:
            raise RuntimeError(f"reportlab did not split a paragraph after {count} lines")
        first, rest = pieces
        first.wrap(self.width, _UNBOUNDED)  # split leaves a plain paragraph's head unwrapped
        return first, rest

    def _commit(
        self,
        item: Item,
        paragraph: Paragraph,
        top: float,
        lines: MarkerLines,
        first_piece: bool,
        split_note: bool,
        below: float = 0.0,
    ) -> None:
        """Place `lines` of `paragraph` and their notes, the last one split if
        `split_note`, its head leaving `below` free under the body."""
        height = len(lines) * paragraph.style.leading
        self.page.body.append(Placement(item, paragraph, self.used + top, height, first_piece))
        self.used += top + height
        fresh = self._new_numbers(_numbers(lines))
        split_note = split_note and bool(fresh)
        whole = fresh[:-1] if split_note else fresh
        for number in whole:
            self.page.notes.append(
                NotePiece(self.notes[number], self.note_heights[number], number))
        self.placed.update(fresh)
        if split_note:
            placed = [piece.height for piece in self.page.notes]
            room = self.height - self.used - below - notes_area_height([*placed, 0.0])
            self._put_note_head(self.notes[fresh[-1]], fresh[-1], room)

    def _put_note_head(self, note: Paragraph, number: int, room: float) -> None:
        """Put as much of note `number` as `room` holds on this page; carry the rest."""
        pieces = note.split(self.width, room)
        if len(pieces) == 2:
            head, rest = pieces
            self.carry = (rest, number)
            self.page.notes.append(NotePiece(head, head.wrap(self.width, _UNBOUNDED)[1], number))
        else:  # it fits after all (or not even a line does: it overflows rather than vanish)
            self.page.notes.append(NotePiece(note, note.wrap(self.width, _UNBOUNDED)[1], number))

    def _new_page(self) -> None:
        self.pages.append(self.page)
        self.page = Page()
        self.used = 0.0
        if self.carry is not None:
            self._place_carry(final=False)

    def _place_carry(self, final: bool) -> None:
        """Start this page's note area with the continued note, split again if need be."""
        assert self.carry is not None
        (note, number), self.carry = self.carry, None
        self.page.continued_note = True
        reserve = 0.0 if final else BODY_LINES_BESIDE_CONTINUATION * role("body").leading.points
        room = self.height - reserve - notes_area_height([0.0])
        height = note.wrap(self.width, _UNBOUNDED)[1]
        if height <= room + _EPSILON:
            self.page.notes.append(NotePiece(note, height, number))
        else:
            self._put_note_head(note, number, room)

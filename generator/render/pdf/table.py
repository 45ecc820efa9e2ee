"""A table of a brief's body as page-composer items: its caption, then one whole block
per row (house.BODY_TABLE: horizontal rules only).

The caption (above, house.CAPTION_PLACEMENT) keeps with the header rows and the first
two body rows, and the last row never goes alone onto a page. Every row is a
`TableRow`, which the composer places whole, like one line as tall as the row: a table
breaks between rows, never inside one, and the notes of the markers in a row's cells go
to the foot of the page the row lands on. Each body row carries the header rows,
repeated over it when it starts a page.

Columns share the text width by their content, by the rule both formats follow
(generator.style.columns): each gets its widest unbreakable word, then what its
longest line wants, as far as the width allows; the rest is spread evenly. Cell text
wraps inside its column, by the rules of its language (English hyphenated, Korean
between words), aligned as the column says.

Tags (PDF/UA): the table is one `Table` element, its `Caption` first, a `TR` per row and
a `TH` (/Scope Column) or `TD` per cell, whichever pages its rows land on; each cell's
text is marked as its cell's content, the rules are artifacts, and the header rows
repeated over a continued table are artifacts too (the real header is the first one).
The notes marked in the caption or the cells follow the table as `Note` elements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from generator.model.nodes import ColumnAlignment, Row, Table
from generator.render.pdf.captions import caption_item, destination_of, destination_title
from generator.render.pdf.composer import marker_lines
from generator.render.pdf.fragments import FragmentBuilder
from generator.render.pdf.items import Item, WholeBlock
from generator.render.pdf.role_items import inline_style
from generator.render.pdf.structure import (
    Element,
    artifact,
    element_before,
    marked,
    table_elements,
)
from generator.render.pdf.styles import colour, role_paragraph_style
from generator.style.columns import shared_widths
from generator.style.house import A4, BODY_TABLE, BODY_TABLE_SPACE_AFTER, Colour, role

_UNBOUNDED = 1e9
TABLE_LAST_ROWS_TOGETHER = 2  # a table broken across pages ends with this many rows
RowKind = Literal["header", "body"]


@dataclass(frozen=True)
class Rule:
    thickness: float
    colour: Colour


@dataclass(frozen=True)
class Columns:
    """Where each column's text goes: its left edge and width, from the table's left."""

    lefts: tuple[float, ...]
    widths: tuple[float, ...]


class TableRow(WholeBlock):
    """One row across the text width: its cells' paragraphs side by side, a rule above
    (the table's first row) and below it, each inside the row's height."""

    def __init__(self, cells: Sequence[Paragraph], columns: Columns, kind: RowKind,
                 above: Rule | None, below: Rule | None, *, repeated: bool = False,
                 elements: Sequence[Element] | None = None) -> None:
        self.cells = tuple(cells)
        # each cell's structure element (TH/TD); None: drawn as an artifact (repeated)
        self.elements = None if elements is None else tuple(elements)
        self.columns = columns
        self.kind = kind
        self.above = above
        self.below = below
        self.repeated = repeated  # the header rows drawn again over a continued table
        # marker_lines wraps each cell at its column's width (its height is then known)
        numbers = tuple(number for cell, width in zip(cells, columns.widths, strict=True)
                        for line in marker_lines(cell, width) for number in line)
        self.cell_heights = tuple(float(cell.height) for cell in cells)
        padding = BODY_TABLE.cell_padding.points
        self.content = max(self.cell_heights, default=0.0)
        self.top_edge = (above.thickness if above else 0.0) + padding
        height = self.top_edge + self.content + padding + (below.thickness if below else 0.0)
        super().__init__(height, numbers)

    def again(self) -> TableRow:
        """This (header) row, to repeat over the rows on a following page."""
        return TableRow(self.cells, self.columns, self.kind, self.above, self.below,
                        repeated=True)

    @property
    def marks_itself(self) -> bool:
        """Does the row mark its own content (its cells), or is it drawn as an artifact?"""
        return self.elements is not None

    def draw(self) -> None:
        elements = self.elements or (None,) * len(self.cells)
        for cell, left, height, element in zip(self.cells, self.columns.lefts,
                                               self.cell_heights, elements, strict=True):
            if element is None:
                cell.drawOn(self.canv, left, self.cell_bottom(height))
                continue
            with marked(self.canv, element, text=True):
                cell.drawOn(self.canv, left, self.cell_bottom(height))
        height = self.style.leading
        if self.above is not None:
            self._rule(self.above, height - self.above.thickness / 2)
        if self.below is not None:
            self._rule(self.below, self.below.thickness / 2)

    def cell_bottom(self, cell_height: float) -> float:
        """Where a cell's paragraph starts, from the row's foot: body cells hang from the
        top, header cells stand on the rule below the header."""
        if self.kind == "header":
            below = self.below.thickness if self.below else 0.0
            return below + BODY_TABLE.cell_padding.points + self.content - cell_height
        return self.style.leading - self.top_edge - cell_height

    def _rule(self, rule: Rule, y: float) -> None:
        canvas = self.canv
        if self.elements is None:  # the whole row is an artifact already
            self._stroke(rule, y)
            return
        with artifact(canvas):
            self._stroke(rule, y)

    def _stroke(self, rule: Rule, y: float) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colour(rule.colour))
        canvas.setLineWidth(rule.thickness)
        canvas.line(0, y, A4.text_width.points, y)
        canvas.restoreState()


def table_items(table: Table, language: str, parent: Element | None = None) -> list[Item]:
    """The caption, the header rows and the body rows of `table`, as composer items,
    tagged as a Table under `parent` (module docstring)."""
    header = [cell_paragraphs(row, table.alignments, "table-header", language)
              for row in table.header]
    body = [cell_paragraphs(row, table.alignments, "table-cell", language)
            for row in table.rows]
    columns = column_layout([*header, *body], A4.text_width.points)
    element, cells = table_elements(parent, len(header) + len(body), len(table.alignments),
                                    header_rows=len(header))
    rows_of = [kid for kid in element.kids if isinstance(kid, Element)]  # the TRs
    header_rows = [TableRow(paragraphs, columns, "header", _first_rule(index), _header_rule(
        index, len(header)), elements=cells[index]) for index, paragraphs in enumerate(header)]
    heads = tuple(Item(row, keep_with_next=True, element=rows_of[index])
                  for index, row in enumerate(header_rows))
    repeated = tuple(Item(row.again(), repeat=True) for row in header_rows)
    rows = [_body_item(paragraphs, columns, index, len(body), not header, repeated,
                       cells[len(header) + index])
            for index, paragraphs in enumerate(body)]
    caption_element = (element_before("Caption", rows_of[0]) if rows_of
                       else Element("Caption", element))
    caption = replace(caption_item(table, "table-caption", language, caption_element),
                      destination=destination_of(table), destination_title=destination_title(table))
    return [caption, *heads, *rows]


def _body_item(cells: list[Paragraph], columns: Columns, index: int, count: int,
               first_of_table: bool, repeated: tuple[Item, ...],
               elements: list[Element]) -> Item:
    last = index == count - 1
    above = _first_rule(index) if first_of_table else None
    below = _outer_rule() if last else _row_rule()
    return Item(
        TableRow(cells, columns, "body", above, below, elements=elements),
        element=elements[0].parent,
        space_after=BODY_TABLE_SPACE_AFTER.points if last else 0.0,
        keep_with_next=index == 0 and count > 1,  # the caption keeps two rows with it
        # never the last row alone under a repeated header
        lines_kept_before=TABLE_LAST_ROWS_TOGETHER - 1 if last and count > 2 else 0,
        repeated_before=repeated,
    )


def _first_rule(index: int) -> Rule | None:
    return _outer_rule() if index == 0 else None


def _header_rule(index: int, count: int) -> Rule | None:
    if index < count - 1:
        return None
    return Rule(BODY_TABLE.header_rule.points, BODY_TABLE.rule_colour)


def _outer_rule() -> Rule:
    return Rule(BODY_TABLE.outer_rule.points, BODY_TABLE.rule_colour)


def _row_rule() -> Rule | None:
    if not BODY_TABLE.row_rule.points:
        return None
    return Rule(BODY_TABLE.row_rule.points, BODY_TABLE.row_rule_colour)


def cell_paragraphs(row: Row, alignments: tuple[ColumnAlignment, ...], role_name: str,
                    language: str) -> list[Paragraph]:
    """Each cell of `row` as a paragraph in `role_name`, aligned as its column says."""
    inline = inline_style(role_name, language)
    return [FragmentBuilder(cell_style(role_name, alignment)).inlines(cell, inline).paragraph()
            for cell, alignment in zip(row, alignments, strict=True)]


@cache
def cell_style(role_name: str, alignment: ColumnAlignment) -> ParagraphStyle:
    return role_paragraph_style(replace(role(role_name), alignment=alignment),
                                f"{role_name}-{alignment}")


def column_layout(rows: Sequence[Sequence[Paragraph]], width: float) -> Columns:
    """Columns across `width`, each as wide as its content asks (module docstring),
    half the house column gap on either side of each inner column boundary."""
    count = len(rows[0]) if rows else 0
    gap = BODY_TABLE.column_gap.points
    room = width - gap * (count - 1)
    least = [max((row[index].minWidth() for row in rows), default=0.0) for index in range(count)]
    most = [max(_natural_width(row[index]) for row in rows) for index in range(count)]
    widths = shared_widths(least, most, room)
    lefts, left = [], 0.0
    for column in widths:
        lefts.append(left)
        left += column + gap
    return Columns(tuple(lefts), tuple(widths))


def _natural_width(paragraph: Paragraph) -> float:
    """The width of `paragraph`'s longest line when nothing but its own breaks it."""
    paragraph.wrap(_UNBOUNDED, _UNBOUNDED)
    return max(paragraph.getActualLineWidths0(), default=0.0)

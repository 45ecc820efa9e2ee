"""A brief to PDF bytes: items, pages, then drawing, in that order."""

from __future__ import annotations

from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from generator.model.nodes import Brief
from generator.render.pdf.blocks import (
    back_matter_items,
    body_items,
    footnote_paragraphs,
    front_matter_items,
)
from generator.render.pdf.composer import Page, PageComposer, Placement
from generator.render.pdf.furniture import draw_band, draw_note_rule, draw_page_number
from generator.render.pdf.markup import MARKER_CALLBACK
from generator.render.pdf.metadata import new_canvas
from generator.style.house import A4, FOOTNOTES
from generator.style.texts import front_matter


def render_pdf(brief: Brief) -> bytes:
    """The complete PDF edition of `brief`, byte-identical for the same brief."""
    matter = front_matter(brief)
    items = [
        *front_matter_items(brief, matter),
        *body_items(brief),
        *back_matter_items(brief, matter),
    ]
    composer = PageComposer(A4.text_width.points, A4.text_height.points, footnote_paragraphs(brief))
    pages = composer.compose(items)
    output = BytesIO()
    canvas = new_canvas(output, brief, matter)
    canvas.setNamedCB(MARKER_CALLBACK, _ignore_marker)
    outline = _Outline(canvas)
    for number, page in enumerate(pages, start=1):
        _draw_body(canvas, page, outline)
        _draw_notes(canvas, page)
        draw_page_number(canvas, number, brief.front_language)
        canvas.showPage()
    outline.finish()
    canvas.save()
    return output.getvalue()


def _ignore_marker(canvas: Canvas, kind: str, label: str | None) -> None:
    """The marker tags only serve the composer; drawing them does nothing."""


class _Outline:
    """Bookmarks for headings, nested by level, shown when there are any."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.count = 0
        self.level = -1

    def add(self, placement: Placement, x: float, y: float) -> None:
        entry = placement.item.outline
        if entry is None or not placement.first_piece:
            return
        self.count += 1
        key = f"heading-{self.count}"
        self.level = min(entry.level, self.level + 1)
        self.canvas.bookmarkHorizontal(key, x, y)
        self.canvas.addOutlineEntry(" ".join(entry.title.split()), key, level=self.level)

    def finish(self) -> None:
        if self.count:
            self.canvas.showOutline()


def _draw_body(canvas: Canvas, page: Page, outline: _Outline) -> None:
    x = A4.margin_left.points
    top = A4.height.points - A4.margin_top.points
    for placement in page.body:
        y = top - placement.top - placement.height
        outline.add(placement, x, top - placement.top)
        if placement.item.band is not None:
            draw_band(canvas, placement.paragraph, x, y, placement.item.band)
        else:
            placement.paragraph.drawOn(canvas, x, y)


def _draw_notes(canvas: Canvas, page: Page) -> None:
    """The notes stacked at the foot of the text area, under the short rule."""
    if not page.notes:
        return
    gap = FOOTNOTES.gap_between_notes.points
    y = (
        A4.margin_bottom.points
        + sum(height for _, height in page.notes)
        + gap * (len(page.notes) - 1)
    )
    draw_note_rule(
        canvas, y + FOOTNOTES.gap_below_rule.points + FOOTNOTES.rule_thickness.points / 2
    )
    x = A4.margin_left.points
    for note, height in page.notes:
        y -= height
        note.drawOn(canvas, x, y)
        y -= gap

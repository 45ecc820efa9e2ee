"""A brief to PDF bytes: items, pages, then drawing, in that order."""

from __future__ import annotations

from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from generator.model.nodes import Brief
from generator.render.pdf.blocks import footnote_paragraphs
from generator.render.pdf.composer import Page, PageComposer, Placement
from generator.render.pdf.furniture import (
    draw_band,
    draw_box,
    draw_meeting_use,
    draw_note_rule,
    draw_page_number,
)
from generator.render.pdf.handout import compose_handout, page_items
from generator.render.pdf.inline import MARKER_CALLBACK
from generator.render.pdf.metadata import new_canvas
from generator.render.pdf.qr import draw_qr
from generator.render.pdf.stamps import draw_banner_stamp, draw_watermark_stamp
from generator.render.pdf.structure import Element, finish, marked, tagger_of
from generator.style.house import A4, FOOTNOTES, HANDOUT_QR, ROLES
from generator.style.texts import FrontMatter, front_matter


def render_pdf(brief: Brief) -> bytes:
    """The complete PDF edition of `brief`, byte-identical for the same brief.

    A handout is one page or an OutputError (see generator.render.pdf.handout).
    """
    matter = front_matter(brief)
    pages = compose_pages(brief, matter)
    output = BytesIO()
    canvas = new_canvas(output, brief, matter)
    canvas.setNamedCB(MARKER_CALLBACK, ignore_marker)
    canvas.link_titles = destination_titles(pages)
    outline = Outline(canvas)
    document = document_element(pages)
    notes = note_elements(document)
    for number, page in enumerate(pages, start=1):
        draw_brief_page(canvas, brief, page, outline, notes)
        if brief.variant == "handout":
            draw_meeting_use(canvas, brief.front_language)
        else:
            draw_page_number(canvas, number, brief.front_language)
        draw_banner_stamp(canvas, brief)
        canvas.showPage()
    outline.finish()
    finish(canvas, document)
    canvas.save()
    return output.getvalue()


def document_element(pages: list[Page]) -> Element:
    """The Document element that holds the structure of the items on `pages`."""
    for page in pages:
        for placement in page.body:
            if placement.item.element is not None:
                return placement.item.element.root()
    raise ValueError("a document without content")


def destination_titles(pages: list[Page]) -> dict[str, str]:
    """What each named destination on `pages` is (a table's or figure's caption)."""
    return {placement.item.destination: placement.item.destination_title
            for page in pages for placement in page.body
            if placement.item.destination is not None
            and placement.item.destination_title is not None}


def note_elements(root: Element) -> dict[int, Element]:
    """The Note elements under `root`, by note number."""
    found: dict[int, Element] = {}
    pending = [root]
    while pending:
        element = pending.pop()
        if element.kind == "Note" and element.identifier is not None:
            found[int(element.identifier.removeprefix("note-"))] = element
        pending += [kid for kid in element.kids if isinstance(kid, Element)]
    return found


def draw_brief_page(
    canvas: Canvas, brief: Brief, page: Page, outline: Outline,
    notes: dict[int, Element] | None = None,
) -> None:
    """A composed page of `brief` but its footer and banner: boxes, watermark, text, notes."""
    tagger = tagger_of(canvas)
    if tagger is not None:  # what a paragraph's runs are told apart by (InlineRuns)
        tagger.language, tagger.notes = brief.language, notes or {}
    _draw_boxes(canvas, page)
    draw_watermark_stamp(canvas, brief)  # above the box panels, behind the text
    _draw_body(canvas, page, outline)
    _draw_notes(canvas, page, notes or {})


def compose_pages(brief: Brief, matter: FrontMatter) -> list[Page]:
    if brief.variant == "handout":
        return compose_handout(brief, matter)
    composer = PageComposer(A4.text_width.points, A4.text_height.points, footnote_paragraphs(brief))
    return composer.compose(page_items(brief, matter, ROLES))


def ignore_marker(canvas: Canvas, kind: str, label: str | None) -> None:
    """The marker tags serve the composer; drawn, each tells the paragraph's marked
    content (structure.InlineRuns) which note the marker just written refers to."""
    runs = getattr(getattr(canvas, "_curr_tx_info", {}).get("tx"), "runs", None)
    if runs is not None and label is not None:
        runs.reference(int(label))


class Outline:
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


def _draw_body(canvas: Canvas, page: Page, outline: Outline) -> None:
    x = A4.margin_left.points
    top = A4.height.points - A4.margin_top.points
    for placement in page.body:
        y = top - placement.top - placement.height
        outline.add(placement, x, top - placement.top)
        item = placement.item
        if item.destination is not None and placement.first_piece:
            canvas.bookmarkHorizontal(item.destination, x, top - placement.top)
        if item.band is not None:
            draw_band(canvas, placement.paragraph, x, y, item.band, item.element)
        elif getattr(placement.paragraph, "marks_itself", False):  # a table row, a picture
            placement.paragraph.drawOn(canvas, x, y)
        else:
            with marked(canvas, item.element, text=True):
                placement.paragraph.drawOn(canvas, x, y)
        if item.qr is not None:
            right = x + A4.text_width.points - HANDOUT_QR.size.points
            with marked(canvas, item.qr_element):
                draw_qr(canvas, item.qr, right, top - placement.top, HANDOUT_QR)


def _draw_boxes(canvas: Canvas, page: Page) -> None:
    """One panel behind each run of boxed placements, padded around their text."""
    top = A4.height.points - A4.margin_top.points
    runs: list[list[Placement]] = []
    for placement in page.body:
        box = placement.item.box
        if box is not None and runs and runs[-1][-1].item.box is box:
            runs[-1].append(placement)
        elif box is not None:
            runs.append([placement])
    for run in runs:
        box = run[0].item.box
        assert box is not None
        padding = box.padding.points
        last = run[-1]
        draw_box(canvas, box, top - run[0].top + padding,
                 top - last.top - last.height - padding)


def _draw_notes(canvas: Canvas, page: Page, elements: dict[int, Element]) -> None:
    """The notes stacked at the foot of the text area, under the short rule (a full-width
    one when they start with the rest of a note from the previous page)."""
    if not page.notes:
        return
    gap = FOOTNOTES.gap_between_notes.points
    y = (
        A4.margin_bottom.points
        + sum(piece.height for piece in page.notes)
        + gap * (len(page.notes) - 1)
    )
    draw_note_rule(
        canvas,
        y + FOOTNOTES.gap_below_rule.points + FOOTNOTES.rule_thickness.points / 2,
        continued=page.continued_note,
    )
    x = A4.margin_left.points
    for piece in page.notes:
        y -= piece.height
        with marked(canvas, elements.get(piece.number), text=True):
            piece.paragraph.drawOn(canvas, x, y)
        y -= gap

"""Tagged PDF (PDF/UA-1): structure elements, marked content, artifacts, the tree.

The tree is made in two steps. Building the composer's items (blocks.py, keypoints.py)
creates the structure elements, in the document model's order: each `Element` knows
its parent and is appended to the parent's kids when it is made, so the tree's order
is the model's order whatever the pages do. Drawing then gives elements their content:
`marked(canvas, element)` wraps what is drawn in `/P <</MCID n>> BDC … EMC` and adds
that marked-content reference to the element's kids (a paragraph split across pages,
a note continued on the next page, get one per page); a link annotation made while
drawing becomes a `Link` element (with an `OBJR`) inside it. What is page furniture
(band, rules, box panels, page numbers, watermark, banner) is drawn inside
`artifact(canvas)` and belongs to no element. A paragraph's text is marked from inside
its text object instead (`marked(..., text=True)`, `InlineRuns`): one sequence per run,
a footnote marker a `Reference`, words of the other language a `Span` with /Lang, a
link's text content of its `Link` element, which also holds its annotations.
`finish` writes the elements that received content, the StructTreeRoot, its ParentTree
(every MCID of every page and every annotation resolvable), and /MarkInfo into the
document.

Which block kind becomes which elements is decided where the items are built: one
`Element(...)` per node in BodyBuilder's handler (generator/render/pdf/blocks.py). A
list item's bullet, drawn by reportlab in a text object of its own, becomes its `Lbl`
(`HouseCanvas.drawText`); a reportlab Table is tagged cell by cell through its render
callback (`TableTags`, `table_elements`: the packet's cover). docs/archival.md lists
every element and how each rule is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    Annotation,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

ANNOTATION_PRINT_FLAG = 4  # /F 4: annotations print (PDF/A), never hidden


@dataclass(eq=False)
class Element:
    """A structure element of type `kind` ("P", "H2", "L", "Note", "Figure", …) under
    `parent`; its kids, in reading order: elements made under it, then the content
    references drawing adds."""

    kind: str
    parent: Element | None = None
    language: str | None = None  # /Lang, where it differs from the document's
    alt: str | None = None  # /Alt: a figure's alternate text
    title: str | None = None  # /T
    identifier: str | None = None  # /ID (a note's)
    attributes: dict[str, str] = field(default_factory=dict)  # /A (e.g. Scope of a TH)
    # /A << /O /Layout /BBox [...] >>: a figure's box on its page, known when drawn
    layout_box: tuple[float, float, float, float] | None = None
    refers_to: Element | None = None  # /Ref: the Note a Reference (a marker) points to
    kids: list[Kid] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.parent is not None:
            self.parent.kids.append(self)

    def root(self) -> Element:
        element = self
        while element.parent is not None:
            element = element.parent
        return element


def element_before(kind: str, sibling: Element) -> Element:
    """A new element of `kind` just before `sibling` among its parent's kids (a list
    item's label, made after the item's body)."""
    element = Element(kind)
    parent = sibling.parent
    assert parent is not None
    element.parent = parent
    parent.kids.insert(parent.kids.index(sibling), element)
    return element


def label_for(element: Element) -> Element | None:
    """The Lbl of the list item whose body starts with `element` (made once, before the
    body); None if `element` is no list item's paragraph."""
    body = element.parent
    if body is None or body.kind != "LBody" or body.parent is None:
        return None
    item = body.parent
    index = item.kids.index(body)
    before = item.kids[index - 1] if index else None
    if isinstance(before, Element) and before.kind == "Lbl":
        return before
    return element_before("Lbl", body)


@dataclass(frozen=True)
class MarkedContent:
    """Marked content `mcid` on page `page` (reportlab's page name, "Page1")."""

    page: str
    mcid: int


@dataclass(frozen=True)
class AnnotationKid:
    """An annotation (reportlab's object name) on page `page`."""

    name: str
    page: str


Kid = Element | MarkedContent | AnnotationKid


class Tagger:
    """The marked content of one canvas: MCIDs per page, ParentTree keys."""

    def __init__(self, canvas: Canvas, enabled: bool = True) -> None:
        self.canvas = canvas
        self.enabled = enabled
        self.next_key = 0  # the next ParentTree key
        self.page_keys: dict[str, int] = {}  # page name -> its StructParents key
        self.page_marks: dict[str, list[Element]] = {}  # page name -> element per MCID
        self.annotation_keys: dict[str, tuple[int, Element]] = {}  # name -> key, Link
        self.annotated_pages: set[str] = set()
        self.language: str | None = None  # the document's (None: no Span of another)
        self.notes: dict[int, Element] = {}  # the Note elements, by number
        # the Link element of each link of a paragraph, by the link's number in it
        self.links: dict[tuple[Element, int], Element] = {}

    def page_name(self) -> str:
        name: str = self.canvas._doc.thisPageName()
        return name

    def end(self) -> None:
        self.canvas._code.append("EMC")

    def begin(self, element: Element) -> None:
        self.canvas._code.append(self.opening(element))

    def opening(self, element: Element) -> str:
        """The BDC operator of new marked content of `element` on this page (an MCID
        added to the element's kids and to the page's ParentTree entry)."""
        page = self.page_name()
        marks = self.page_marks.setdefault(page, [])
        if page not in self.page_keys:
            self.page_keys[page] = self._new_key()
        element.kids.append(MarkedContent(page, len(marks)))
        marks.append(element)
        return f"/{element.kind} <</MCID {len(marks) - 1}>> BDC"

    def link(self, element: Element, name: str, annotation: Any,
             link: Element | None = None) -> None:
        """Tag the annotation `name` made while `element` was drawn: an OBJR in `link`
        (the Link element of the link's text, `InlineRuns`) or else in a Link element
        of its own inside `element`; the annotation's /StructParent pointing back, its
        /Contents the address (PDF/UA's alternate description), printable (PDF/A)."""
        page = self.page_name()
        if link is None:
            link = Element("Link", element, kids=[])
        entries = annotation_entries(annotation)
        target = entries.get("A")
        address = target["URI"] if isinstance(target, PDFDictionary) else None
        link.kids.append(AnnotationKid(name, page))
        key = self._new_key()
        self.annotation_keys[name] = (key, link)
        entries["StructParent"] = key
        entries["F"] = ANNOTATION_PRINT_FLAG
        if address is not None and "Contents" not in entries:
            entries["Contents"] = address
        self.annotated_pages.add(page)

    def link_element(self, element: Element, number: int) -> Element:
        """The Link element of link `number` of the paragraph `element` (made at its
        first piece: one element for a link whose text wraps onto the next line or page)."""
        link = self.links.get((element, number))
        if link is None:
            link = self.links[element, number] = Element("Link", element)
        return link

    def _new_key(self) -> int:
        key = self.next_key
        self.next_key += 1
        return key


def annotation_entries(annotation: Any) -> MutableMapping[str, Any]:
    """The entries of an annotation reportlab made: a dictionary (linkURL) or an
    Annotation object (linkRect), whose extra entries must be allowed by name."""
    if isinstance(annotation, PDFDictionary):
        entries: MutableMapping[str, Any] = annotation.dict
        return entries
    if isinstance(annotation, Annotation):
        annotation.permitted = (*annotation.permitted, "StructParent")
        extra: MutableMapping[str, Any] = annotation.otherkw
        return extra
    raise TypeError(f"an annotation of unknown kind: {type(annotation).__name__}")


class HouseCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose pages and annotations carry what PDF/A and PDF/UA ask of them:
    /F 4 on every annotation, /StructParents and /Tabs /S on tagged pages; and whose
    list labels are tagged apart from their item's text.

    A paragraph draws its lines in its own text object (line_breaking.HouseParagraph:
    `paragraph_lines`); reportlab draws a bullet or list number before them in another,
    made by the canvas. That one, met while a list item's paragraph is being drawn, is
    marked as the content of the item's Lbl (before the paragraph's own text object
    opens its marked content; with marking outside the text, that is closed before the
    label and reopened after).
    """

    def drawText(self, textobject: Any) -> None:  # noqa: N802 (reportlab's name)
        element = self.drawing
        runs = getattr(textobject, "runs", None)
        if isinstance(runs, InlineRuns):  # a paragraph's lines, marked inside
            runs.close(textobject)
            super().drawText(textobject)
            return
        label = None
        if element is not None and not getattr(textobject, "paragraph_lines", False):
            label = label_for(element)
        if element is None or label is None:
            super().drawText(textobject)
            return
        if not self.inline:
            self.tagger.end()
        self.tagger.begin(label)
        super().drawText(textobject)
        self.tagger.end()
        if not self.inline:
            self.tagger.begin(element)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = Tagger(self)
        self.drawing: Element | None = None  # the element whose content is being drawn
        self.inline = False  # its marked content is opened inside its text objects
        self.inline_runs: InlineRuns | None = None  # those of the text object being written
        self.link_titles: dict[str, str] = {}  # a named destination -> what it is

    def linkRect(self, contents: str, destinationname: str, *args: Any,  # noqa: N802
                 **kwargs: Any) -> Any:
        """A link to a named destination (a cross-reference), its /Contents saying what
        the destination is (PDF/UA: links have an alternate description)."""
        contents = contents or self.link_titles.get(destinationname, "")
        return super().linkRect(contents, destinationname, *args, **kwargs)

    def _addAnnotation(self, annotation: Any, name: str | None = None,
                       addtopage: int = 1) -> None:
        super()._addAnnotation(annotation, name, addtopage)
        full_name = f"Annot.{name or 'NUMBER' + repr(self._annotationCount)}"
        if self.drawing is not None and self.tagger.enabled:
            runs = self.inline_runs
            link = runs.annotated_link() if runs is not None else None
            self.tagger.link(self.drawing, full_name, annotation, link)
        else:
            annotation_entries(annotation)["F"] = ANNOTATION_PRINT_FLAG

    def _setAnnotations(self, page: PDFPage) -> None:
        super()._setAnnotations(page)
        name = self._doc.thisPageName()
        key = self.tagger.page_keys.get(name)
        if key is None:
            return
        page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = key
        page.Tabs = PDFName("S") if name in self.tagger.annotated_pages else None


def table_elements(
    parent: Element | None, rows: int, columns: int, *, header_rows: int = 0,
    header_columns: int = 0,
) -> tuple[Element, list[list[Element]]]:
    """A Table element of `rows` TR elements under `parent`, and each row's cells: TH
    (with /Scope Column in the first `header_rows`, /Scope Row in the first
    `header_columns`) or TD."""
    table = Element("Table", parent)
    cells: list[list[Element]] = []
    for row in range(rows):
        table_row = Element("TR", table)
        cells.append([])
        for column in range(columns):
            if row < header_rows or column < header_columns:
                scope = "Column" if row < header_rows else "Row"
                cell = Element("TH", table_row, attributes={"O": "Table", "Scope": scope})
            else:
                cell = Element("TD", table_row)
            cells[-1].append(cell)
    return table, cells


class TableTags:
    """reportlab's table render callback (`Table(..., renderCB=TableTags(cells))`) that
    tags a table as it is drawn: each cell's content is the element `cells[row][column]`,
    the backgrounds and rules are artifacts."""

    def __init__(self, cells: list[list[Element]]) -> None:
        self.cells = cells

    def __call__(self, table: Any, event: str, *arguments: Any) -> None:
        canvas = table.canv
        tagger = tagger_of(canvas)
        if tagger is None:
            return
        if event in ("startBG", "startLines"):
            canvas._code.append("/Artifact <</Type /Layout>> BDC")
        elif event in ("endBG", "endLines"):
            canvas._code.append("EMC")
        elif event == "startCell":
            element = self.cells[arguments[0]][arguments[1]]
            tagger.begin(element)
            canvas.drawing = element
        elif event == "endCell":
            canvas.drawing = None
            tagger.end()


def tagger_of(canvas: Canvas) -> Tagger | None:
    tagger = getattr(canvas, "tagger", None)
    return tagger if isinstance(tagger, Tagger) and tagger.enabled else None


@contextmanager
def marked(canvas: Canvas, element: Element | None, *, text: bool = False) -> Iterator[None]:
    """What is drawn inside is content of `element` (an artifact without one). With
    `text` (a paragraph of the house, line_breaking.HouseParagraph, is drawn), the
    marked content is opened inside the paragraph's text object, run by run
    (`InlineRuns`): a marker is a Reference, words of the other language a Span."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    if element is None:
        with artifact(canvas):
            yield
        return
    assert isinstance(canvas, HouseCanvas)
    if text:
        yield from _marked_inside_text(canvas, tagger, element)
        return
    tagger.begin(element)
    canvas.drawing = element
    try:
        yield
    finally:
        canvas.drawing = None
        canvas._code.append("EMC")


def _marked_inside_text(canvas: HouseCanvas, tagger: Tagger, element: Element
                        ) -> Iterator[None]:
    marks = len(element.kids)
    canvas.drawing, canvas.inline = element, True
    try:
        yield
    finally:
        canvas.drawing, canvas.inline, canvas.inline_runs = None, False, None
    if len(element.kids) == marks:
        tagger.begin(element)  # nothing was drawn (an empty cell): its place, empty
        tagger.end()


class InlineRuns:
    """The marked content of one text object of a paragraph (`marked(..., text=True)`):
    opened with the paragraph's element when the text object is made, then, as the
    text is written, closed and opened again at each change of run: a raised footnote
    marker is a `Reference` (its /Ref the Note, told by the marker's callback, the
    note's number), a stretch of the other language's letters (Latin in a Korean
    edition, Hangul in an English one) a `Span` with /Lang; what has no letters of
    either (spaces, digits, punctuation) stays in the run it follows.

    A link's text is content of its `Link` element (the same one for every line and
    page it is on), which also holds its annotations (OBJR). reportlab tells where a
    link starts and ends while it writes a line (the text object's `_linkRecord`):
    its end before the text that follows it is written, but its start only after the
    link's first piece of text has been; that piece's run is then moved into the Link
    (`link_start`)."""

    def __init__(self, canvas: HouseCanvas) -> None:
        self.canvas = canvas
        self.tagger = canvas.tagger
        element = canvas.drawing
        assert element is not None
        self.element: Element = element
        self.language = element.language or self.tagger.language
        self.current: Element = element
        self.run: tuple[str, str | None] | None = None  # none opened yet
        self.link: int | None = None  # the link whose text is being written
        self.run_link: int | None = None  # the link of the run opened
        self.opened = -1  # where the last text's run was opened in the code (-1: before)
        self.written = 0  # where the last text was written in the code
        self.annotations: list[int] = []  # links started on this line, to be annotated
        self.whole: list[int] = []  # the links of a paragraph that is one link (kind 0)
        canvas.inline_runs = self

    def text(self, code: list[str], text: str, raised: bool) -> None:
        """Before `text` is written: open its run, closing the one before if it differs."""
        run = ("Reference", None) if raised else self._language_run(text)
        self.opened = -1
        if run != self.run or self.link != self.run_link:
            if self.run is not None:
                code.append("EMC")
            self.run, self.run_link = run, self.link
            self.opened = len(code)
            code.append(self.tagger.opening(self._run_element(run, self.link)))
        self.written = len(code)

    def _run_element(self, run: tuple[str, str | None], link: int | None) -> Element:
        kind, language = run
        parent = self.element if link is None else self.tagger.link_element(self.element, link)
        self.current = parent if kind == "P" else Element(kind, parent, language=language)
        return self.current

    def reference(self, number: int) -> None:
        """The marker just written is note `number`'s (a marker right after it, "1)2)",
        is a Reference of its own)."""
        if self.current.kind == "Reference":
            self.current.refers_to = self.tagger.notes.get(number)
            self.run = ("Reference", f"note-{number}")

    def link_start(self, code: list[str], number: int) -> None:
        """Link `number` started with the text just written: make that text its Link's."""
        self.annotations.append(number)
        self.link = number
        if self.run_link == number or self.run is None:
            return
        link = self.tagger.link_element(self.element, number)
        if self.opened >= 0:  # the text's run was opened for it: move that into the Link
            self._move_into(code, link)
        else:  # it continued the run before: a run of its own in the Link
            self.run_link = number
            opening = self.tagger.opening(self._run_element(self.run, number))
            code[self.written:self.written] = ["EMC", opening]
        self.run_link = number

    def _move_into(self, code: list[str], link: Element) -> None:
        current = self.current
        if current is self.element:  # its marked content becomes the Link's
            mark = next(kid for kid in reversed(self.element.kids)
                        if isinstance(kid, MarkedContent))
            self.element.kids.remove(mark)
            link.kids.append(mark)
            self.tagger.page_marks[mark.page][mark.mcid] = link
            code[self.opened] = f"/Link <</MCID {mark.mcid}>> BDC"
            self.current = link
            return
        self.element.kids.remove(current)  # a Span or a Reference, into the Link
        current.parent = link
        link.kids.append(current)

    def link_end(self, number: int) -> None:
        """Link `number` ended: the text that follows is not its."""
        if self.link == number:
            self.link = None

    def links_throughout(self, numbers: list[int]) -> None:
        """All the text of this paragraph is the text of links `numbers` (a paragraph
        that is one link, which reportlab draws without telling where links are)."""
        self.whole = numbers
        self.link = numbers[-1]

    def annotated_link(self) -> Element | None:
        """The Link element of the annotation reportlab is making: after each line, one
        per link on the line, in the links' order (None if no link is known)."""
        if self.whole:
            number = self.whole[0]
            self.whole = [*self.whole[1:], number]
        elif self.annotations:
            number = min(self.annotations)
            self.annotations.remove(number)
        else:
            return None
        return self.tagger.link_element(self.element, number)

    def close(self, textobject: Any) -> None:
        if self.run is not None:
            textobject._code.append("EMC")
        if self.canvas.inline_runs is self:
            self.canvas.inline_runs = None

    def _language_run(self, text: str) -> tuple[str, str | None]:
        script = script_language(text)
        if script is None:
            return self.run if self.run is not None and self.run[0] != "Reference" \
                else ("P", None)
        if self.language is None or script == self.language:
            return ("P", None)
        return ("Span", script)


def script_language(text: str) -> str | None:
    """"ko" for text with Hangul and no Latin letter, "en" for text with Latin letters
    and no Hangul, None for text with neither (or both)."""
    hangul = _HANGUL.search(text) is not None
    latin = _LATIN.search(text) is not None
    if hangul == latin:
        return None
    return "ko" if hangul else "en"


_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


@contextmanager
def artifact(canvas: Canvas, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """What is drawn inside is page furniture: `/Artifact <</Type /Layout>> BDC … EMC`
    (kind "Pagination" with subtype "Header"/"Footer" for what repeats on pages)."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    properties = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
    canvas._code.append(f"/Artifact <<{properties}>> BDC")
    try:
        yield
    finally:
        canvas._code.append("EMC")


def finish(canvas: Canvas, root: Element) -> None:
    """Write the elements under `root` that have content, the StructTreeRoot with its
    ParentTree, and /MarkInfo, into the canvas's document."""
    tagger = tagger_of(canvas)
    if tagger is None:
        return
    writer = _TreeWriter(canvas)
    root_reference = writer.write(root, None)
    if root_reference is None:
        return
    for dictionary, target in writer.refers:  # written after the elements that refer
        if id(target) in writer.references:
            dictionary["Ref"] = PDFArray([writer.references[id(target)]])
    numbers: list[Any] = []
    for page, key in tagger.page_keys.items():
        numbers += [key, PDFArray([writer.references[id(element)]
                                   for element in tagger.page_marks[page]])]
    for key, link in tagger.annotation_keys.values():
        numbers += [key, writer.references[id(link)]]
    pairs = sorted(zip(numbers[::2], numbers[1::2], strict=True), key=lambda pair: pair[0])
    parent_tree = PDFDictionary({"Nums": PDFArray([part for pair in pairs for part in pair])})
    tree_root = writer.tree_root
    tree_root["K"] = root_reference
    tree_root["ParentTree"] = canvas._doc.Reference(parent_tree)
    tree_root["ParentTreeNextKey"] = tagger.next_key
    canvas.setCatalogEntry("StructTreeRoot", tree_root)
    canvas.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": "true"}))


class _TreeWriter:
    """Writes elements as /StructElem objects, depth first, in reading order."""

    def __init__(self, canvas: Canvas) -> None:
        self.document = canvas._doc
        self.references: dict[int, PDFObjectReference] = {}
        self.refers: list[tuple[PDFDictionary, Element]] = []  # /Ref to fill in at the end
        self.tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        self.tree_root_reference = self.document.Reference(self.tree_root)

    def write(self, element: Element, parent: PDFObjectReference | None
              ) -> PDFObjectReference | None:
        """`element` and its kids as objects; None if nothing in it was drawn."""
        if not _has_content(element):
            return None
        entries: dict[str, Any] = {"Type": PDFName("StructElem"), "S": PDFName(element.kind),
                                   "P": parent or self.tree_root_reference}
        for key, value in (("Lang", element.language), ("Alt", element.alt),
                           ("T", element.title), ("ID", element.identifier)):
            if value is not None:
                entries[key] = PDFString(value)
        if element.attributes:
            entries["A"] = PDFDictionary({key: PDFName(value) for key, value
                                          in element.attributes.items()})
        if element.layout_box is not None:
            entries["A"] = PDFDictionary({"O": PDFName("Layout"), "BBox": PDFArray(
                [round(edge, 2) for edge in element.layout_box])})
        pages = {kid.page for kid in element.kids if not isinstance(kid, Element)}
        page = pages.pop() if len(pages) == 1 else None
        if page is not None:
            entries["Pg"] = PDFObjectReference(page)
        dictionary = PDFDictionary(entries)
        if element.refers_to is not None:
            self.refers.append((dictionary, element.refers_to))
        reference = self.document.Reference(dictionary)
        self.references[id(element)] = reference
        written = [self._kid(kid, reference, page) for kid in element.kids]
        kids = [kid for kid in written if kid is not None]
        dictionary["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
        return reference

    def _kid(self, kid: Kid, parent: PDFObjectReference, page: str | None) -> Any:
        """A kid as /K holds it: an element's reference, an MCID (an MCR dictionary when
        the element's content is on several pages), an OBJR dictionary."""
        if isinstance(kid, Element):
            return self.write(kid, parent)
        on = PDFObjectReference(kid.page)
        if isinstance(kid, MarkedContent):
            if kid.page == page:
                return kid.mcid
            return PDFDictionary({"Type": PDFName("MCR"), "Pg": on, "MCID": kid.mcid})
        return PDFDictionary({"Type": PDFName("OBJR"), "Pg": on,
                              "Obj": PDFObjectReference(kid.name)})


def _has_content(element: Element) -> bool:
    return any(not isinstance(kid, Element) or _has_content(kid) for kid in element.kids)

"""Tables, figures, captions and cross-references in the DOCX (issue 13), as a Word
user and a reader of the pages see them.

In the XML: real Word tables in the house table style whose header rows repeat and
whose rows never split, captions numbered by SEQ fields and cross-references made of
REF fields to the captions' bookmarks, each already showing the model's number, the
figure an inline picture with its alternative text. On pages LibreOffice renders
(private profiles): the 60-row table breaks across pages with its header at the top
of each continued part, the figure keeps its caption, a note marked in a cell sits on
that page, the cross-references show the numbers of the model.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from generator.model import (
    Brief,
    CrossRef,
    Emphasis,
    Figure,
    Paragraph,
    Picture,
    Table,
    Text,
)
from generator.render.docx import render_docx
from generator.render.docx.figures import picture_extent
from generator.render.docx.tables import column_widths
from generator.style.columns import shared_widths
from generator.style.house import A4, FIGURE_MAX_HEIGHT_SHARE
from tests import libreoffice
from tests.conftest import tool_available
from tests.docx_text import shown
from tests.table_figure_models import brief_with_table_and_figure, trade_table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EMU_PER_POINT = 12700
HEADER = {"en": ("Year", "Exports", "Imports"), "ko": ("연도", "수출", "수입")}
CAPTIONS = {"en": ("Table 1. Russia–DPRK trade, USD thousand", "Figure 1. Launches by year"),
            "ko": ("표 1. 북러 교역, 천 달러", "그림 1. 연도별 발사")}
CITING = {"en": "As Table\u00a01 and Figure\u00a01 show, trade grew.",
          "ko": "다음 표\u00a01과 그림\u00a01에서 보듯 교역이 늘었다."}
NOTE = {"en": "Customs figures, rounded.", "ko": "세관 통계, 반올림."}


def _document_xml(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def _text(element: etree._Element) -> str:
    return shown("".join(node.text or "" for node in element.iter(f"{W}t")))


def _style(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def _fields(paragraph: etree._Element) -> list[tuple[str, str]]:
    """Each complex field of `paragraph`: its instruction and its shown result."""
    fields, instruction, result, state = [], "", "", None
    for run in paragraph.iter(f"{W}r"):
        for child in run:
            if child.tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    instruction, result, state = "", "", "instruction"
                elif kind == "separate":
                    state = "result"
                elif kind == "end":
                    fields.append((instruction.strip(), shown(result)))
                    state = None
            elif child.tag == f"{W}instrText" and state == "instruction":
                instruction += child.text or ""
            elif child.tag == f"{W}t" and state == "result":
                result += child.text or ""
    return fields


def _bookmarked_text(body: etree._Element, name: str) -> str:
    """The text between the start and the end of bookmark `name`."""
    start = next(mark for mark in body.iter(f"{W}bookmarkStart") if mark.get(f"{W}name") == name)
    mark_id, text, inside = start.get(f"{W}id"), [], False
    for element in body.iter():
        if element is start:
            inside = True
        elif element.tag == f"{W}bookmarkEnd" and element.get(f"{W}id") == mark_id:
            return shown("".join(text))
        elif inside and element.tag == f"{W}t":
            text.append(element.text or "")
    raise AssertionError(f"bookmark {name} never ends")


def two_tables(language: str) -> Brief:
    """The model brief with a second table after the figure, cited before it."""
    brief = brief_with_table_and_figure(language, rows=8)
    first = next(block for block in brief.blocks if isinstance(block, Table))
    second = replace(trade_table(language, 3), number=2, id="tbl:second")
    at = brief.blocks.index(first) + 2
    cites = Paragraph((Text("See "), CrossRef("tbl:second", second.label, 2), Text(".")))
    blocks = (*brief.blocks[:at], cites, second, *brief.blocks[at:])
    return replace(brief, blocks=blocks)


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return {language: render_docx(brief_with_table_and_figure(language))
            for language in ("en", "ko")}


# ------------------------------------------------------------------ the table in the XML

@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_header_row_repeats_and_no_row_splits_across_pages(
    documents: dict[str, bytes], language: str
) -> None:
    table = _document_xml(documents[language]).find(f".//{W}tbl")
    rows = table.findall(f"{W}tr")
    assert len(rows) == 1 + 60
    assert _text(rows[0]) == "".join(HEADER[language])
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    assert _text(rows[1]) == "20011,0002,000"


def test_the_table_is_in_the_house_style_across_the_text_width(
    documents: dict[str, bytes]
) -> None:
    data = documents["en"]
    properties = _document_xml(data).find(f".//{W}tbl/{W}tblPr")
    assert properties.find(f"{W}tblStyle").get(f"{W}val") == "KINUTable"
    assert properties.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    assert int(properties.find(f"{W}tblW").get(f"{W}w")) == A4.text_width.twips
    grid = _document_xml(data).findall(f".//{W}tbl/{W}tblGrid/{W}gridCol")
    assert sum(int(column.get(f"{W}w")) for column in grid) == A4.text_width.twips
    borders = {side.tag.removeprefix(W): side.get(f"{W}val")
               for side in properties.find(f"{W}tblBorders")}
    assert borders == {"top": "single", "bottom": "single", "insideH": "single",
                       "left": "nil", "right": "nil", "insideV": "nil"}
    style = next(style for style in _document_xml(data, "word/styles.xml").iter(f"{W}style")
                 if style.get(f"{W}styleId") == "KINUTable")
    assert style.get(f"{W}type") == "table"
    first_row = style.find(f"{W}tblStylePr[@{W}type='firstRow']")
    assert first_row.find(f"{W}tcPr/{W}tcBorders/{W}bottom").get(f"{W}val") == "single"


def test_cells_are_aligned_as_the_columns_say_and_set_in_the_table_roles(
    documents: dict[str, bytes]
) -> None:
    rows = _document_xml(documents["en"]).find(f".//{W}tbl").findall(f"{W}tr")
    for row in (rows[0], rows[1], rows[-1]):
        paragraphs = [cell.find(f"{W}p") for cell in row.findall(f"{W}tc")]
        alignments = [None if paragraph.find(f"{W}pPr/{W}jc") is None
                      else paragraph.find(f"{W}pPr/{W}jc").get(f"{W}val")
                      for paragraph in paragraphs]
        assert alignments == [None, "right", "right"]  # the style's left, then numbers
    assert {_style(cell.find(f"{W}p")) for cell in rows[0].findall(f"{W}tc")} == {
        "KINUTableHeader"}
    assert {_style(cell.find(f"{W}p")) for cell in rows[5].findall(f"{W}tc")} == {
        "KINUTableCell"}


def test_the_note_marked_in_a_cell_is_a_word_footnote_reference(
    documents: dict[str, bytes]
) -> None:
    rows = _document_xml(documents["en"]).find(f".//{W}tbl").findall(f"{W}tr")
    fifth = rows[1 + 4]
    assert _text(fifth).startswith("2005)")
    assert fifth.find(f".//{W}footnoteReference") is not None


def test_emphasis_in_a_cell_is_italic() -> None:
    brief = brief_with_table_and_figure("en", rows=6)
    blocks = tuple(replace(block, rows=(*block.rows, (
        (Emphasis((Text("est."),)),), (Text("1"),), (Text("2"),))))
        if isinstance(block, Table) else block for block in brief.blocks)
    table = _document_xml(render_docx(replace(brief, blocks=blocks))).find(f".//{W}tbl")
    run = next(run for run in table.iter(f"{W}r") if _text(run) == "est.")
    assert run.find(f"{W}rPr/{W}i") is not None


def test_the_spare_width_is_spread_evenly_and_short_columns_keep_theirs() -> None:
    assert shared_widths([1, 1], [10, 30], 100) == [40, 60]
    assert shared_widths([5, 20, 5], [10, 300, 12], 100) == [10, 78, 12]


def test_columns_share_the_text_width_by_their_content() -> None:
    wide = replace(trade_table("en", 2), rows=((
        (Text("A long description of a position that needs many words to say"),),
        (Text("1"),), (Text("2"),)),))
    widths = column_widths(wide)
    assert sum(width.twips for width in widths) == A4.text_width.twips
    assert widths[0].points > 0.6 * A4.text_width.points
    assert widths[1].points < widths[0].points / 3


# ------------------------------------------------------------------ captions and fields

@pytest.mark.parametrize("language", ["en", "ko"])
def test_captions_number_with_seq_fields_already_showing_the_number(
    documents: dict[str, bytes], language: str
) -> None:
    body = _document_xml(documents[language]).find(f"{W}body")
    table_caption, figure_caption = [paragraph for paragraph in body.iter(f"{W}p")
                                     if _style(paragraph) in ("Caption", "KINUFigureCaption")]
    assert _text(table_caption) == CAPTIONS[language][0].replace(" 1.", "\u00a01.", 1)
    assert _text(figure_caption) == CAPTIONS[language][1].replace(" 1.", "\u00a01.", 1)
    table_label, figure_label = ("Table", "Figure") if language == "en" else ("표", "그림")
    assert _fields(table_caption) == [(f"SEQ {table_label} \\* ARABIC", "1")]
    assert _fields(figure_caption) == [(f"SEQ {figure_label} \\* ARABIC", "1")]
    label_runs = table_caption.findall(f"{W}r")[:2]
    assert all(run.find(f"{W}rPr/{W}b") is not None for run in label_runs)
    strong = next(run for run in table_caption.iter(f"{W}r")
                  if _text(run) in ("USD thousand", "천 달러"))
    assert strong.find(f"{W}rPr/{W}b") is not None  # the caption's own strong text
    # the table's caption sits right above it and is kept with it
    assert table_caption.getnext().tag == f"{W}tbl"
    assert figure_caption.getprevious().find(f".//{WP}inline") is not None


@pytest.mark.parametrize("language", ["en", "ko"])
def test_cross_references_are_links_to_caption_bookmarks_showing_their_numbers(
    language: str
) -> None:
    body = _document_xml(render_docx(two_tables(language))).find(f"{W}body")
    references = [field for paragraph in body.iter(f"{W}p") for field in _fields(paragraph)
                  if field[0].startswith("REF ")]
    labels = ("Table", "Figure") if language == "en" else ("표", "그림")
    assert [result for _, result in references] == [
        f"{labels[0]}\u00a01", f"{labels[1]}\u00a01", f"{labels[0]}\u00a02"]
    for instruction, result in references:
        name, switch = instruction.split()[1:]
        assert name.startswith("_Ref") and switch == "\\h"
        assert _bookmarked_text(body, name) == result  # Word's update gives the same
    numbers = [result for paragraph in body.iter(f"{W}p") if _style(paragraph) == "Caption"
               for instruction, result in _fields(paragraph)]
    assert numbers == ["1", "2"]


def test_a_cross_reference_to_no_caption_is_refused() -> None:
    brief = brief_with_table_and_figure("en", rows=6)
    broken = Paragraph((CrossRef("tbl:nowhere", "Table", 9),))
    with pytest.raises(ValueError, match="tbl:nowhere"):
        render_docx(replace(brief, blocks=(*brief.blocks, broken)))


def test_the_caption_styles_are_word_captions(documents: dict[str, bytes]) -> None:
    styles = {style.get(f"{W}styleId"): style
              for style in _document_xml(documents["en"], "word/styles.xml").iter(f"{W}style")}
    assert styles["Caption"].get(f"{W}customStyle") is None  # Word's built-in style
    assert styles["KINUFigureCaption"].find(f"{W}basedOn").get(f"{W}val") == "Caption"
    # The table's caption keeps with its table below; the figure's, below its picture,
    # must not inherit that from Caption, or it drags the figure onto the next page.
    assert styles["Caption"].find(f"{W}pPr/{W}keepNext") is not None
    keep = styles["KINUFigureCaption"].find(f"{W}pPr/{W}keepNext")
    assert keep is not None and keep.get(f"{W}val") == "0"


# ------------------------------------------------------------------ the figure in the XML

def test_the_figure_is_an_inline_picture_with_its_alternative_text(
    documents: dict[str, bytes]
) -> None:
    data = documents["en"]
    inline = _document_xml(data).find(f".//{WP}inline")
    figure = next(block for block in brief_with_table_and_figure("en", rows=1).blocks
                  if isinstance(block, Figure))
    assert inline.find(f"{WP}docPr").get("descr") == figure.alt
    extent = inline.find(f"{WP}extent")
    width, height = int(extent.get("cx")), int(extent.get("cy"))
    assert width == A4.text_width.emu  # 600 pt wide: scaled down to the text width
    assert height == round(A4.text_width.emu / 2)
    embed = inline.find(f".//{A}blip").get(f"{R}embed")
    relations = _document_xml(data, "word/_rels/document.xml.rels")
    target = next(relation.get("Target") for relation in relations
                  if relation.get("Id") == embed)
    assert target == "media/image1.png"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.read("word/media/image1.png") == figure.picture.data
    paragraph = inline.getparent().getparent().getparent()
    assert _style(paragraph) == "KINUFigure"


def _picture(width_pt: float, height_pt: float) -> Picture:
    return Picture(b"", "png", 10, 10, width_pt, height_pt)


def test_a_picture_is_never_enlarged_and_a_tall_one_fits_its_share_of_the_page() -> None:
    assert picture_extent(_picture(100, 50)) == (100 * EMU_PER_POINT, 50 * EMU_PER_POINT)
    width, height = picture_extent(_picture(300, 2000))
    assert height == round(A4.text_height.points * FIGURE_MAX_HEIGHT_SHARE * EMU_PER_POINT)
    assert width == round(300 * height / 2000)


def test_a_jpeg_figure_is_a_jpeg_part() -> None:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="JPEG", quality=80)
    picture = Picture(out.getvalue(), "jpeg", 40, 30, 40.0, 30.0)
    brief = brief_with_table_and_figure("en", rows=6)
    blocks = tuple(replace(block, picture=picture) if isinstance(block, Figure) else block
                   for block in brief.blocks)
    data = render_docx(replace(brief, blocks=blocks))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.read("word/media/image1.jpg") == picture.data
        assert b'Extension="jpg" ContentType="image/jpeg"' in package.read("[Content_Types].xml")


# ------------------------------------------------------------------ fonts, variants, bytes

def test_a_character_only_in_a_cell_is_in_the_embedded_face_that_sets_it() -> None:
    from tests.test_embedded_fonts import embedded_fonts

    brief = brief_with_table_and_figure("en", rows=6)
    blocks = tuple(replace(block, rows=(*block.rows, ((Text("Ж"),), (Text("Ѯ"),), (Text(""),))))
                   if isinstance(block, Table) else block for block in brief.blocks)
    fonts = embedded_fonts(render_docx(replace(brief, blocks=blocks)))
    sans = fonts[("Liberation Sans", "Regular")].getBestCmap()
    assert ord("Ж") in sans and ord("Ѯ") in sans


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_exec_variant_carries_the_table_and_the_figure(language: str) -> None:
    body = _document_xml(render_docx(brief_with_table_and_figure(language, rows=5,
                                                                 variant="exec")))
    table = next(table for table in body.iter(f"{W}tbl")
                 if table.find(f"{W}tblPr/{W}tblStyle") is not None)
    assert len(table.findall(f"{W}tr")) == 6
    assert body.find(f".//{WP}inline/{WP}docPr").get("descr")


def test_two_builds_of_a_brief_with_a_table_and_a_figure_are_byte_identical() -> None:
    assert render_docx(brief_with_table_and_figure("ko")) == render_docx(
        brief_with_table_and_figure("ko"))


# ------------------------------------------------------------------ on LibreOffice's pages

@pytest.fixture(scope="module")
def rendered(documents: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, Path]:
    """Each edition's DOCX as LibreOffice renders it to PDF."""
    if not libreoffice.available() or not tool_available("pdftotext"):
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    folder = tmp_path_factory.mktemp("docx-tables")
    for language, data in documents.items():
        (folder / f"{language}.docx").write_bytes(data)
    pdfs = libreoffice.convert_each([folder / f"{language}.docx" for language in documents],
                                    folder, folder / "profiles")
    return {pdf.stem: pdf for pdf in pdfs}


@pytest.fixture(scope="module")
def pages(rendered: dict[str, Path]) -> dict[str, list[list[str]]]:
    """Each edition's pages: their lines of text."""
    return {language: _page_lines(pdf) for language, pdf in rendered.items()}


def _page_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                          check=True, capture_output=True).stdout.decode("utf-8")
    return [_joined_markers([" ".join(line.split()) for line in page.splitlines()
                             if line.strip()]) for page in text.split("\f")]


def _joined_markers(lines: list[str]) -> list[str]:
    """`lines` with a line holding only a raised note marker's line ("2005 3)", set
    above its row's baseline) joined to the rest of its row."""
    joined: list[str] = []
    for line in lines:
        if joined and _MARKER_ONLY.match(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


_MARKER_ONLY = re.compile(r"^20\d\d ?\d\)$")


def _row_pattern(language: str) -> re.Pattern[str]:
    return re.compile(r"^(20\d\d)(?:\s?\d\))? ([\d,]+) ([\d,]+)$")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_long_table_breaks_across_pages_with_its_header_on_each(
    pages: dict[str, list[list[str]]], language: str
) -> None:
    header = " ".join(HEADER[language])
    pattern = _row_pattern(language)
    seen: list[tuple[str, str, str]] = []
    pages_with_rows = 0
    for lines in pages[language]:
        rows = [index for index, line in enumerate(lines) if pattern.match(line)]
        if not rows:
            continue
        pages_with_rows += 1
        assert lines[rows[0] - 1] == header, "each part of the table starts with its header"
        seen += [pattern.match(lines[index]).groups() for index in rows]  # type: ignore[union-attr]
    assert pages_with_rows >= 2
    assert seen == [(str(2001 + index), f"{1000 + 37 * index:,}", f"{2000 + 53 * index:,}")
                    for index in range(60)], "every row once, in order, as in the model"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_caption_numbers_and_cross_references_show_the_model_s_numbers(
    pages: dict[str, list[list[str]]], language: str
) -> None:
    lines = [line for page in pages[language] for line in page]
    table_caption, figure_caption = CAPTIONS[language]
    assert table_caption in lines and figure_caption in lines
    assert CITING[language].replace("\u00a0", " ") in lines


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_figure_keeps_its_caption_on_its_page(
    rendered: dict[str, Path], pages: dict[str, list[list[str]]], language: str
) -> None:
    if not tool_available("pdfimages"):
        pytest.skip("pdfimages is not installed")
    listed = subprocess.run(["pdfimages", "-list", str(rendered[language])], check=True,
                            capture_output=True, text=True).stdout.splitlines()[2:]
    image_pages = [int(line.split()[0]) for line in listed]
    assert len(image_pages) == 1
    caption_pages = [number for number, lines in enumerate(pages[language], start=1)
                     if CAPTIONS[language][1] in lines]
    assert caption_pages == image_pages


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_note_marked_in_a_cell_sits_at_the_foot_of_that_page(
    pages: dict[str, list[list[str]]], language: str
) -> None:
    marked = re.compile(r"^2005\s?\d\)")
    page = next(lines for lines in pages[language] if any(marked.match(line) for line in lines))
    note = next(line for line in page if line.endswith(NOTE[language]))
    assert page.index(note) > max(index for index, line in enumerate(page)
                                  if _row_pattern(language).match(line))


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_cross_references_link_to_the_pages_of_their_captions(
    rendered: dict[str, Path], pages: dict[str, list[list[str]]], language: str
) -> None:
    from pypdf import PdfReader

    reader = PdfReader(rendered[language])
    page_numbers = {page.indirect_reference.idnum: number
                    for number, page in enumerate(reader.pages)}

    def page_of(line: str) -> int:
        return next(number for number, lines in enumerate(pages[language]) if line in lines)

    citing = page_of(CITING[language].replace("\u00a0", " "))
    targets = set()
    for annotation in reader.pages[citing].get("/Annots") or []:
        destination = annotation.get_object().get("/Dest")
        if destination is not None:
            targets.add(page_numbers[destination[0].idnum])
    assert {page_of(CAPTIONS[language][0]), page_of(CAPTIONS[language][1])} <= targets

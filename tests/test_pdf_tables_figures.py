"""Tables and figures in the PDF (issue 13), read back as a reader sees the pages:
words and their boxes (pdfium), pictures, link annotations.

The briefs are the sample with a 60-row table (a footnote marker in its 5th row) and a
figure, built from model nodes (tests/table_figure_models.py), in English and Korean.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import cache

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from generator.model.nodes import (
    Brief,
    CrossRef,
    Figure,
    Footnote,
    FootnoteRef,
    Paragraph,
    Picture,
    Table,
    Text,
)
from generator.render.pdf import render_pdf
from generator.style.house import A4, FIGURE_MAX_HEIGHT_SHARE, ROLES
from tests.pdf_words import Word, lines_of, pdf_pictures, pdf_words
from tests.table_figure_models import (
    bar_chart_png,
    brief_with_table_and_figure,
    chart_picture,
    launches_figure,
    trade_table,
)
from tests.test_pdf_render import filler, make_brief, para, text_chunks

CELL_SIZE = ROLES["table-cell"].size.points
NOTE_SIZE = ROLES["footnote"].size.points
CAPTION_LEADING = ROLES["figure-caption"].leading.points
HEADERS = {"en": ["Year", "Exports", "Imports"], "ko": ["연도", "수출", "수입"]}
CAPTIONS = {"en": ("Table", "Figure"), "ko": ("표", "그림")}
YEARS = [str(year) for year in range(2001, 2061)]
LANGUAGES = ["en", "ko"]
TOLERANCE = 0.1  # points: the same edge, read back from two glyphs


@cache
def sample_pdf(language: str, variant: str = "full") -> bytes:
    return render_pdf(brief_with_table_and_figure(language, variant=variant))


@cache
def sample_words(language: str) -> list[Word]:
    return pdf_words(sample_pdf(language))


def texts(line: list[Word]) -> list[str]:
    return [word.text for word in line]


def table_lines(words: list[Word], language: str) -> list[list[Word]]:
    """The lines of the trade table: its header and its rows (full-size cell text only,
    so a footnote marker is not a line of the table)."""
    cells = [word for word in words if abs(word.size - CELL_SIZE) < 0.01]
    starts = {HEADERS[language][0], *YEARS}
    return [line for line in lines_of(cells) if line[0].text in starts]


def by_page(lines: list[list[Word]]) -> dict[int, list[list[Word]]]:
    pages: dict[int, list[list[Word]]] = {}
    for line in lines:
        pages.setdefault(line[0].page, []).append(line)
    return pages


def caption_words(words: list[Word], label: str, number: int) -> list[Word]:
    """The caption line that starts "`label` `number`." (the words of its first line)."""
    for line in lines_of(words):
        if texts(line)[:2] == [label, f"{number}."]:
            return line
    raise AssertionError(f"no caption {label} {number}.")


def note_words(words: list[Word], page: int) -> list[Word]:
    """The words of the notes at the foot of `page` (the page number left out)."""
    return [word for word in words if word.page == page and abs(word.size - NOTE_SIZE) < 0.01
            and word.bottom > A4.margin_bottom.points - 1]


def marker_words(words: list[Word], number: int) -> list[Word]:
    """Footnote marker `number)` raised in the body or a cell (smaller than any text)."""
    return [word for word in words if word.text == f"{number})" and word.size < NOTE_SIZE - 1]


def note_label(words: list[Word], number: int) -> Word:
    found = [line[0] for line in lines_of([w for w in words if abs(w.size - NOTE_SIZE) < 0.01])
             if line[0].text == f"{number})"]
    assert len(found) == 1, (number, found)
    return found[0]


# ----------------------------------------------------------- tables across pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_table_breaks_between_rows_with_its_header_repeated_on_each_page(
    language: str,
) -> None:
    pages = by_page(table_lines(sample_words(language), language))
    assert len(pages) >= 2, "the 60-row table should run over more than one page"
    previous_last: int | None = None
    for lines in pages.values():
        assert texts(lines[0]) == HEADERS[language]
        first_row = int(lines[1][0].text)
        if previous_last is not None:
            assert first_row == previous_last + 1  # goes on where the last page stopped
        previous_last = int(lines[-1][0].text)
    rows = [line[0].text for lines in pages.values() for line in lines[1:]]
    assert rows == YEARS


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_row_is_whole_on_one_line_of_its_page(language: str) -> None:
    rows = [line for line in table_lines(sample_words(language), language)
            if line[0].text != HEADERS[language][0]]
    for index, line in enumerate(rows):
        assert texts(line) == [YEARS[index], f"{1000 + 37 * index:,}", f"{2000 + 53 * index:,}"]


def test_a_row_of_several_lines_is_never_split_across_pages() -> None:
    long_cells = Table(
        number=1, label="Table", id=None, caption=(Text("Long rows"),),
        alignments=("left", "right"), header=(((Text("Text"),), (Text("Figure"),)),),
        rows=tuple(((Text(filler(45, f"r{index:02d}x")),), (Text(str(index)),))
                   for index in range(30)),
    )
    words = pdf_words(render_pdf(make_brief((para(filler(200)), long_cells))))
    pages_of_rows = [{word.page for word in words if word.text.startswith(f"r{index:02d}x")}
                     for index in range(30)]
    assert all(len(pages) == 1 for pages in pages_of_rows), pages_of_rows
    lines_per_row = [sum(1 for line in lines_of(words)
                         if line[0].text.startswith(f"r{index:02d}x")) for index in range(30)]
    assert min(lines_per_row) >= 2  # each row is several lines tall
    assert len({page for pages in pages_of_rows for page in pages}) >= 2


def test_short_columns_keep_their_text_on_one_line_beside_long_ones() -> None:
    long_text = "러시아와 북한은 군사 협력을 강화하고 있으며 국제사회의 제재에도 불구하고 교역을 확대"
    table = Table(
        number=1, label="표", id=None, caption=(Text("열 너비"),),
        alignments=("left", "left", "right"),
        header=(((Text("연도"),), (Text("설명"),), (Text("금액(천 달러)"),)),),
        rows=tuple(((Text(str(2001 + index)),), (Text(long_text * 2),),
                    (Text(f"{123_456_789 * (index + 1):,}"),)) for index in range(3)),
    )
    brief = make_brief((para("본문."), table), language="ko", front_language="ko")
    lines = lines_of([word for word in pdf_words(render_pdf(brief))
                      if abs(word.size - CELL_SIZE) < 0.01])
    assert any(texts(line)[:2] == ["연도", "설명"] and texts(line)[-2:] == ["금액(천", "달러)"]
               for line in lines)
    for index in range(3):
        (row,) = [line for line in lines if line[0].text == str(2001 + index)]
        assert row[-1].text == f"{123_456_789 * (index + 1):,}"
    assert len(lines) > 1 + 3 * 2  # the long text wraps, in its own column


@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_in_a_column_are_right_aligned_on_every_page(language: str) -> None:
    for lines in by_page(table_lines(sample_words(language), language)).values():
        for column in (1, 2):  # the header too: it is aligned as its column
            rights = [line[column].right for line in lines]
            assert max(rights) - min(rights) < TOLERANCE, (column, rights)
        lefts = [line[0].left for line in lines]
        assert max(lefts) - min(lefts) < TOLERANCE
        assert abs(lines[0][2].right - (A4.width - A4.margin_right).points) < 1.0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_caption_is_above_the_table_on_the_page_of_its_first_rows(language: str) -> None:
    words = sample_words(language)
    caption = caption_words(words, CAPTIONS[language][0], 1)
    lines = table_lines(words, language)
    assert caption[0].page == lines[0][0].page == lines[2][0].page
    assert caption[0].bottom > lines[0][0].top
    assert caption[0].bottom - lines[0][0].top < 2 * ROLES["table-caption"].leading.points


def test_a_caption_at_the_foot_of_a_page_moves_with_the_header_and_first_rows() -> None:
    moved = 0
    for words_before in range(480, 700, 12):
        brief = make_brief((para(filler(words_before, "q")), trade_table("en", 12)))
        words = pdf_words(render_pdf(brief))
        caption = caption_words(words, "Table", 1)
        lines = table_lines(words, "en")
        assert caption[0].page == lines[0][0].page == lines[1][0].page == lines[2][0].page
        last_text_page = max(word.page for word in words if re.fullmatch(r"q\d{3}", word.text))
        moved += caption[0].page > last_text_page
    assert moved, "some caption should have been carried to the next page"


def test_the_last_row_never_goes_alone_under_a_repeated_header() -> None:
    broken = 0
    for words_before in range(160, 520, 8):
        brief = make_brief((para(filler(words_before, "q")), trade_table("en", 20),
                            para(filler(200, "z"))))
        pages = by_page(table_lines(pdf_words(render_pdf(brief)), "en"))
        rows = [len(lines) - 1 for lines in pages.values()]  # each page's header left out
        assert [line[0].text for lines in pages.values() for line in lines[1:]] == YEARS[:20]
        if len(rows) > 1:
            broken += 1
            assert rows[-1] >= 2, rows
    assert broken > 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_footnote_marker_in_a_cell_puts_its_note_at_the_foot_of_that_page(
    language: str,
) -> None:
    brief = brief_with_table_and_figure(language)
    number = brief.footnotes[-1].number
    words = sample_words(language)
    (marker,) = marker_words(words, number)
    row = next(line for line in table_lines(words, language) if line[0].text == "2005")
    assert marker.page == row[0].page and abs(marker.left - row[0].right) < 1.0
    label = note_label(words, number)
    assert label.page == marker.page
    lowest = min(word.bottom for line in table_lines(words, language) for word in line
                 if word.page == marker.page)
    assert label.top < lowest


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_marker_in_a_row_on_a_continued_page_puts_its_note_on_that_page(
    language: str,
) -> None:
    note = Footnote(1, (Text("On the row of 2046."),))
    table = trade_table(language, 60, note_in_row=45, note_number=1)
    brief = make_brief((para(filler(150)), table), (note,), language=language,
                       front_language=language)
    words = pdf_words(render_pdf(brief))
    (marker,) = marker_words(words, 1)
    pages = by_page(table_lines(words, language))
    assert marker.page != min(pages), "the marked row should be on a continued page"
    assert note_label(words, 1).page == marker.page


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_table_text_reaches_into_the_notes_or_the_next_row(language: str) -> None:
    words = sample_words(language)
    for page, lines in by_page(table_lines(words, language)).items():
        notes = note_words(words, page)
        if notes:
            assert max(word.top for word in notes) < min(w.bottom for line in lines for w in line)
        for upper, lower in zip(lines, lines[1:], strict=False):
            assert min(word.bottom for word in upper) > max(word.top for word in lower)


# ------------------------------------------------------------------- figures


def figure_and_caption(words: list[Word], pictures: list[object], label: str) -> None:
    """The one picture and its caption "`label` 1." are on one page, the caption just
    under the picture."""
    (picture,) = pictures
    caption = caption_words(words, label, 1)
    assert caption[0].page == picture.page  # type: ignore[attr-defined]
    gap = picture.bottom - caption[0].top  # type: ignore[attr-defined]
    assert 0 < gap < 2 * ROLES["figure-caption"].leading.points, gap


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_figure_keeps_its_caption_under_it_on_its_page(language: str) -> None:
    figure_and_caption(sample_words(language), pdf_pictures(sample_pdf(language)),
                       CAPTIONS[language][1])


def test_a_figure_that_does_not_fit_moves_whole_with_its_caption_to_the_next_page() -> None:
    moved = 0
    for words_before in range(200, 800, 50):
        text = filler(words_before, "q")
        brief = make_brief((para(text), launches_figure("en"), para(filler(300, "z"))))
        pdf = render_pdf(brief)
        words, pictures = pdf_words(pdf), pdf_pictures(pdf)
        figure_and_caption(words, pictures, "Figure")
        last_text_page = max(word.page for word in words if re.fullmatch(r"q\d{3}", word.text))
        if pictures[0].page > last_text_page:
            moved += 1
            page_foot = min(w.bottom for w in words if w.page == last_text_page and w.size > 10)
            with_caption = pictures[0].top - pictures[0].bottom + 2 * CAPTION_LEADING
            assert page_foot - A4.margin_bottom.points < with_caption  # it had to move
    assert moved, "some of the briefs should have pushed their figure to the next page"


def test_a_figure_pulled_along_by_the_closing_matter_keeps_its_caption() -> None:
    """The closing matter keeps the body's last two lines with it: a one-line paragraph
    and the figure's caption, and so the picture above that caption."""
    for words_before in range(200, 800, 50):
        brief = make_brief((para(filler(words_before, "q")), launches_figure("en"),
                            para("After the figure.")))
        pdf = render_pdf(brief)
        figure_and_caption(pdf_words(pdf), pdf_pictures(pdf), "Figure")


def drawn_picture(picture: Picture) -> tuple[float, float, float, float]:
    figure = replace(launches_figure("en"), picture=picture)
    (drawn,) = pdf_pictures(render_pdf(make_brief((para("Before."), figure))))
    return drawn.left, drawn.right, drawn.top - drawn.bottom, drawn.right - drawn.left


@pytest.mark.parametrize(("width", "height"), [(200.0, 100.0), (1200.0, 300.0),
                                               (300.0, 2400.0)])
def test_a_picture_is_centred_scaled_down_to_the_text_area_and_never_enlarged(
    width: float, height: float,
) -> None:
    picture = replace(chart_picture(), width_pt=width, height_pt=height)
    left, right, drawn_height, drawn_width = drawn_picture(picture)
    text_width, text_height = A4.text_width.points, A4.text_height.points
    scale = min(1.0, text_width / width, FIGURE_MAX_HEIGHT_SHARE * text_height / height)
    assert drawn_width == pytest.approx(width * scale, abs=0.01)
    assert drawn_height == pytest.approx(height * scale, abs=0.01)
    assert left - A4.margin_left.points == pytest.approx(
        A4.width.points - A4.margin_right.points - right, abs=0.01)


def embedded_images(pdf: bytes) -> list[pdfium.PdfImage]:
    document = pdfium.PdfDocument(pdf)
    return [drawn for index in range(len(document)) for drawn in document[index].get_objects()
            if drawn.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]


def test_a_jpeg_picture_is_embedded_byte_for_byte() -> None:
    out = io.BytesIO()
    Image.open(io.BytesIO(bar_chart_png())).save(out, format="JPEG", quality=80)
    jpeg = out.getvalue()
    picture = Picture(jpeg, "jpeg", 600, 300, 300.0, 150.0)
    figure = replace(launches_figure("en"), picture=picture)
    (image,) = embedded_images(render_pdf(make_brief((para("Before."), figure))))
    assert image.get_filters(skip_simple=True) == ["DCTDecode"]
    assert bytes(image.get_data(decode_simple=True)) == jpeg


def test_a_png_picture_keeps_every_pixel() -> None:
    (image,) = embedded_images(sample_pdf("en"))
    drawn = image.get_bitmap().to_pil().convert("RGB")
    source = Image.open(io.BytesIO(bar_chart_png())).convert("RGB")
    assert drawn.size == source.size
    assert drawn.tobytes() == source.tobytes()


# ------------------------------------------------ captions and cross-references


def test_captions_are_numbered_in_order_with_a_bold_label() -> None:
    brief = brief_with_table_and_figure("en", rows=3)
    table = next(block for block in brief.blocks if isinstance(block, Table))
    figure = next(block for block in brief.blocks if isinstance(block, Figure))
    second_table = replace(table, number=2, id="tbl:second")
    second_figure = replace(figure, number=2, id="fig:second")
    at = brief.blocks.index(figure) + 1
    blocks = (*brief.blocks[:at], second_table, second_figure, *brief.blocks[at:])
    pdf = render_pdf(replace(brief, blocks=blocks))
    words = pdf_words(pdf)
    captions = [texts(line)[:2] for line in lines_of(words)
                if len(line) > 1 and line[0].text in {"Table", "Figure"}
                and line[1].text[:-1].isdigit() and line[1].text.endswith(".")]
    assert captions == [["Table", "1."], ["Figure", "1."], ["Table", "2."], ["Figure", "2."]]
    labels = [chunk for chunk in text_chunks(pdf) if chunk.text.strip() in {"Table 1.",
                                                                            "Figure 2."}]
    assert len(labels) == 2 and all("Bold" in chunk.font for chunk in labels)


def internal_links(pdf: bytes) -> list[tuple[int, list[float], int, float]]:
    """(page, rectangle, destination page, destination top) of each link within the PDF."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [page.indirect_reference for page in reader.pages]
    links = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                destination = annotation["/Dest"]
                links.append((number, [float(value) for value in annotation["/Rect"]],
                              pages.index(destination[0]) + 1, float(destination[3])))
    return links


def linked_text(words: list[Word], page: int, rectangle: list[float]) -> str:
    """The words that start inside `rectangle` on `page` (a Korean particle may follow
    the linked number in the same word: "1과")."""
    left, bottom, right, top = rectangle
    return " ".join(word.text for word in words if word.page == page
                    and left - 0.5 <= word.left < right and bottom <= word.baseline <= top)


@pytest.mark.parametrize("language", LANGUAGES)
def test_cross_references_show_the_number_and_link_to_the_table_and_the_figure(
    language: str,
) -> None:
    words, pdf = sample_words(language), sample_pdf(language)
    table_label, figure_label = CAPTIONS[language]
    (to_table, to_figure) = internal_links(pdf)
    assert re.match(rf"{table_label} 1(?!\d)", linked_text(words, to_table[0], to_table[1]))
    assert re.match(rf"{figure_label} 1(?!\d)", linked_text(words, to_figure[0], to_figure[1]))
    caption = caption_words(words, table_label, 1)
    assert to_table[2] == caption[0].page
    assert 0 <= to_table[3] - caption[0].top < ROLES["table-caption"].leading.points
    (picture,) = pdf_pictures(pdf)
    assert to_figure[2] == picture.page
    assert to_figure[3] == pytest.approx(picture.top, abs=0.01)


def test_a_cross_reference_never_breaks_between_its_label_and_number() -> None:
    reference = CrossRef("tbl:trade", "Table", 1)
    paragraphs = tuple(Paragraph((Text(filler(count, f"p{count:02d}x") + " "), reference,
                                  Text(" ends."))) for count in range(8, 40))
    table = trade_table("en", 2)
    words = pdf_words(render_pdf(make_brief((*paragraphs, table))))
    starts_a_line = 0
    for line in lines_of([word for word in words if word.size > 10]):
        for index, word in enumerate(line):
            if word.text == "Table":
                assert index + 1 < len(line) and line[index + 1].text == "1", texts(line)
                starts_a_line += index == 0
    assert starts_a_line, "some reference should have been carried whole to a new line"


# ------------------------------------------------------- variants, determinism


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_exec_variant_carries_the_table_and_the_figure(language: str) -> None:
    pdf = sample_pdf(language, "exec")
    words = pdf_words(pdf)
    rows = [line[0].text for line in table_lines(words, language)
            if line[0].text != HEADERS[language][0]]
    assert rows == YEARS
    assert len(pdf_pictures(pdf)) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_brief_with_a_table_and_a_figure_renders_to_the_same_bytes_twice(
    language: str,
) -> None:
    assert render_pdf(brief_with_table_and_figure(language)) == sample_pdf(language)


def test_a_brief_with_notes_in_cells_only_renders_without_body_markers() -> None:
    table = trade_table("en", 3, note_in_row=0, note_number=1)
    brief: Brief = make_brief((table,), (Footnote(1, (Text("Only note."),)),))
    words = pdf_words(render_pdf(brief))
    assert note_label(words, 1).page == 1
    assert marker_words(words, 1)[0].page == 1
    assert FootnoteRef(1) in table.rows[0][0]

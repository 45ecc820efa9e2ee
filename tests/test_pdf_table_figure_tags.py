"""A table and a figure in a brief PDF are tagged (PDF/UA, docs/archival.md): the table
one `Table` (its `Caption` first, a `TR` per row, `TH` /Scope Column for the header,
`TD` for the rest) however many pages it spans, the header repeated over a continued
table an artifact; the figure a `Figure` with the model's alt text and its box, its
`Caption` right after it; cross-references `Link` elements that say where they lead.

Over the hand-built model of tests/table_figure_models.py (the sample with a 60-row
table and a figure) and the example brief sources/co-23-31.yaml (a table, a figure and
cross-references), English and Korean.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from pypdf.generic import ArrayObject, DictionaryObject

from generator.model.nodes import Brief, Figure, Table
from generator.render.pdf import render_pdf
from generator.source import load_brief
from tests.table_figure_models import brief_with_table_and_figure
from tests.test_pdf_archival import (
    LANGUAGES,
    assert_every_mcid_resolves,
    assert_links_hold_their_text,
    elements_of,
    model_texts,
    needs_poppler,
    reader,
    struct_block_texts,
    struct_texts,
    words,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "sources" / "co-23-31.yaml"
BRIEFS = [(source, language) for source in ("model", "example") for language in LANGUAGES]


@cache
def table_brief(language: str, source: str = "model") -> Brief:
    if source == "example":
        return load_brief(EXAMPLE, language, "full")
    return brief_with_table_and_figure(language)


@cache
def table_pdf(language: str, source: str = "model") -> bytes:
    return render_pdf(table_brief(language, source))


def kids_of(element: DictionaryObject) -> list[object]:
    kids = element["/K"]
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    return [kid.get_object() if hasattr(kid, "get_object") else kid for kid in kids]


def structure(language: str) -> DictionaryObject:
    root: DictionaryObject = reader(table_pdf(language)).trailer["/Root"]["/StructTreeRoot"]
    return root


@pytest.mark.parametrize(("source", "language"), BRIEFS)
def test_the_pdfua_checker_finds_nothing_in_a_brief_with_a_table_and_a_figure(
    source: str, language: str, tmp_path: Path
) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(table_pdf(language, source))
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not evaluated" not in result.stdout, result.stdout


@pytest.mark.parametrize(("source", "language"), BRIEFS)
def test_every_mcid_resolves_and_nothing_is_drawn_untagged(source: str, language: str) -> None:
    assert_every_mcid_resolves(reader(table_pdf(language, source)), untagged_allowed=False)


@needs_poppler
@pytest.mark.parametrize(("source", "language"), BRIEFS)
def test_the_structure_reads_caption_header_every_row_then_the_figure_in_order(
    source: str, language: str, tmp_path: Path
) -> None:
    brief = table_brief(language, source)
    assert any(isinstance(block, Table) for block in brief.blocks)
    assert any(isinstance(block, Figure) for block in brief.blocks)
    assert words(struct_block_texts(table_pdf(language, source), tmp_path)) == \
        words(model_texts(brief))


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_repeated_on_a_continued_page_is_read_once(
    language: str, tmp_path: Path
) -> None:
    header = "Year" if language == "en" else "연도"
    printed = [page.extract_text() for page in reader(table_pdf(language)).pages]
    assert sum(header in text.split() for text in printed) >= 2, "the table spans pages"
    texts = struct_texts(table_pdf(language), tmp_path)
    assert [text.strip() for text in texts].count(header) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_is_one_table_its_caption_first_a_row_per_row_across_pages(
    language: str,
) -> None:
    (table,) = elements_of(structure(language), "/Table")
    kids = kids_of(table)
    assert isinstance(kids[0], DictionaryObject) and kids[0]["/S"] == "/Caption"
    rows = kids[1:]
    assert [row["/S"] for row in rows] == ["/TR"] * 61  # type: ignore[index]
    header = kids_of(rows[0])  # type: ignore[arg-type]
    assert [cell["/S"] for cell in header] == ["/TH"] * 3  # type: ignore[index]
    assert all(cell["/A"]["/Scope"] == "/Column" for cell in header)  # type: ignore[index]
    cells = [cell for row in rows[1:] for cell in kids_of(row)]  # type: ignore[arg-type]
    assert [cell["/S"] for cell in cells] == ["/TD"] * 180  # type: ignore[index]
    pages = {cell.raw_get("/Pg").idnum for cell in cells}  # type: ignore[attr-defined]
    assert len(pages) >= 2, "rows on later pages continue the same Table"
    parent = table["/P"].get_object()
    after = kids_of(parent)[kids_of(parent).index(table) + 1]
    assert after["/S"] == "/Note"  # type: ignore[index]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_figure_has_its_alt_text_and_box_and_its_caption_follows_it(
    language: str,
) -> None:
    brief = brief_with_table_and_figure(language)
    (figure,) = elements_of(structure(language), "/Figure")
    alt = "A bar chart of five years of launches, rising."
    assert figure["/Alt"] == alt
    assert [node.alt for node in brief.blocks if isinstance(node, Figure)] == [alt]
    left, bottom, right, top = (float(edge) for edge in figure["/A"]["/BBox"])
    assert figure["/A"]["/O"] == "/Layout" and left < right and bottom < top
    parent = figure["/P"].get_object()
    siblings = kids_of(parent)
    caption = siblings[siblings.index(figure) + 1]
    assert caption["/S"] == "/Caption"  # type: ignore[index]


@pytest.mark.parametrize("language", LANGUAGES)
def test_cross_references_are_link_elements_that_say_what_they_lead_to(
    language: str,
) -> None:
    pdf = reader(table_pdf(language))
    links = elements_of(pdf.trailer["/Root"]["/StructTreeRoot"], "/Link")
    annotations = [kid["/Obj"].get_object() for link in links for kid in kids_of(link)
                   if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR"]
    internal = [annotation for annotation in annotations if "/Dest" in annotation]
    label = "Table 1." if language == "en" else "표 1."
    figure = "Figure 1." if language == "en" else "그림 1."
    contents = [annotation["/Contents"] for annotation in internal]
    assert [text.split(" ", 2)[:2] for text in contents] == [label.split(), figure.split()]
    assert all(annotation["/F"] == 4 for annotation in internal)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_example_briefs_figure_carries_its_alt_text(language: str) -> None:
    brief = table_brief(language, "example")
    (figure,) = elements_of(reader(table_pdf(language, "example")).trailer["/Root"]
                            ["/StructTreeRoot"], "/Figure")
    assert [figure["/Alt"]] == [node.alt for node in brief.blocks if isinstance(node, Figure)]


@needs_poppler
@pytest.mark.parametrize(("source", "language"), BRIEFS)
def test_each_cross_reference_link_holds_its_annotation_and_its_text(
    source: str, language: str, tmp_path: Path
) -> None:
    assert_links_hold_their_text(table_brief(language, source), table_pdf(language, source),
                                 tmp_path)

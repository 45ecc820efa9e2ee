"""Page counts in the report and the index are read from the PDF's own page tree when
it is the flat one the PDF renderer writes (no PDF library needed), and by pdfium for
anything else: both ways must give what a PDF reader counts."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from generator.cli import main
from generator.index.thumbnails import flat_page_count, page_count_and_thumbnail

SAMPLE = Path(__file__).resolve().parent.parent / "sources" / "co-23-30.yaml"


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("out")
    assert main(["generate", str(SAMPLE), "--out", str(out), "--variant", "full,exec,handout",
                 "--format", "pdf", "--quiet"]) == 0
    return sorted(out.glob("*.pdf"))


def test_the_flat_page_tree_count_is_what_a_pdf_reader_counts(sample_pdfs: list[Path]) -> None:
    assert len(sample_pdfs) == 6
    for pdf in sample_pdfs:
        data = pdf.read_bytes()
        assert flat_page_count(data) == len(pypdf.PdfReader(io.BytesIO(data)).pages), pdf.name


def test_a_pdf_written_by_another_program_is_counted_by_pdfium(sample_pdfs: list[Path]) -> None:
    reader = pypdf.PdfReader(sample_pdfs[0])
    writer = pypdf.PdfWriter()
    for page in reader.pages[:2]:
        writer.add_page(page)
    stream = io.BytesIO()
    writer.write(stream)
    rewritten = stream.getvalue()
    assert flat_page_count(rewritten) is None  # pypdf writes its page tree otherwise
    assert page_count_and_thumbnail(rewritten, thumbnail=False) == (2, None)


def test_a_page_tree_whose_count_disagrees_with_its_kids_is_not_trusted(
        sample_pdfs: list[Path]) -> None:
    data = sample_pdfs[0].read_bytes()
    pages = flat_page_count(data)
    assert pages is not None and pages > 1
    tampered = data.replace(f"/Count {pages} /Kids".encode(), f"/Count {pages + 1} /Kids".encode())
    assert flat_page_count(tampered) is None

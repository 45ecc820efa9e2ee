"""The DOCX and the PDF of one source say the same thing, and paginate alike."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from generator.cli import main
from tests.conftest import SAMPLE, needs_tools
from tests.docx_text import shown
from tests.test_pdf_render import chunk_lines, dehyphenated, text_chunks


def _squeezed(text: str) -> str:
    """Text without whitespace, so line breaks and justification do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def docx_paragraphs_without_marks(data: bytes) -> list[str]:
    """Every paragraph's text, footnote marks left out."""
    document = docx.Document(io.BytesIO(data))
    texts = []
    for paragraph in document.paragraphs:
        parts = []
        for run in paragraph._p.iter(qn("w:r")):
            style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            if style is None or style.get(qn("w:val")) != "FootnoteReference":
                parts.extend(shown(node.text or "") if node.tag == qn("w:t") else "-"
                             for node in run.iter(qn("w:t"), qn("w:noBreakHyphen")))
        texts.append("".join(parts))
    return [text for text in texts if text.strip()]


def _docx_notes(data: bytes) -> dict[int, str]:
    document = docx.Document(io.BytesIO(data))
    part = next(rel.target_part for rel in document.part.rels.values()
                if rel.reltype.endswith("/footnotes"))
    root = parse_xml(part.blob)
    notes = {}
    for note in root.findall(qn("w:footnote")):
        number = int(note.get(qn("w:id")))
        if number > 0:
            text = "".join(
                shown(node.text or "") if node.tag == qn("w:t")
                else "-" if node.tag == qn("w:noBreakHyphen") else str(number)
                for node in note.iter(qn("w:t"), qn("w:noBreakHyphen"), qn("w:footnoteRef"))
            )
            notes[number] = text
    return notes


def _pdf_text(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return dehyphenated("\n".join(page.extract_text() for page in pages))


@pytest.fixture(scope="module", params=["en", "ko"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    language = request.param
    out = tmp_path_factory.mktemp(f"built-{language}")
    assert main(["generate", str(SAMPLE), "--lang", language, "--out", str(out), "--quiet"]) == 0
    return {"docx": out / f"co-23-30-{language}-full.docx",
            "pdf": out / f"co-23-30-{language}-full.pdf", "out": out}


def test_every_docx_paragraph_is_in_the_pdf_in_the_same_order(built: dict[str, Path]) -> None:
    # Main text only: the notes, page numbers and superscript marks are smaller than 9 pt.
    chunks = text_chunks(built["pdf"].read_bytes())
    pdf = _squeezed(dehyphenated(chunk_lines([chunk for chunk in chunks if chunk.size >= 9])))
    *paragraphs, disclaimer = docx_paragraphs_without_marks(built["docx"].read_bytes())
    position = 0
    for paragraph in paragraphs:
        found = pdf.find(_squeezed(paragraph), position)
        assert found >= 0, paragraph[:80]
        position = found + 1
    # The disclaimer is set small, like the notes: it ends the full text layer.
    assert disclaimer.startswith("※")
    pages = len(pypdf.PdfReader(built["pdf"]).pages)
    full_text = _squeezed(_pdf_text(built["pdf"].read_bytes()))
    assert full_text.endswith(_squeezed(disclaimer) + str(pages))  # then the page number


def test_footnotes_have_the_same_numbers_and_texts(built: dict[str, Path]) -> None:
    notes = _docx_notes(built["docx"].read_bytes())
    assert sorted(notes) == [1, 2]
    pdf = _squeezed(_pdf_text(built["pdf"].read_bytes()))
    for number, text in notes.items():
        assert text.startswith(f"{number}) ")
        assert _squeezed(text) in pdf


@needs_tools("soffice")
def test_libreoffice_paginates_the_docx_like_the_pdf(
    built: dict[str, Path], tmp_path: Path
) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(built["docx"])],
        check=True, capture_output=True, timeout=180,
    )
    converted = pypdf.PdfReader(tmp_path / "lo" / built["docx"].with_suffix(".pdf").name)
    ours = pypdf.PdfReader(built["pdf"])
    assert len(converted.pages) == len(ours.pages), "LibreOffice paginates the DOCX differently"
    converted_text = _squeezed("".join(page.extract_text() for page in converted.pages))
    for text in _docx_notes(built["docx"].read_bytes()).values():
        assert _squeezed(text.split(" ", 1)[1]) in converted_text


def test_generate_builds_both_formats_of_the_sample_by_default(tmp_path: Path) -> None:
    assert main(["generate", str(SAMPLE), "--out", str(tmp_path), "--quiet"]) == 0
    assert sorted(path.name for path in tmp_path.glob("*.*") if path.suffix in (".docx", ".pdf")) == [
        "co-23-30-en-full.docx", "co-23-30-en-full.pdf",
        "co-23-30-ko-full.docx", "co-23-30-ko-full.pdf",
    ]

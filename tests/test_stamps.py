"""Status stamps: a draft's watermark and an embargo's banner on every page, in both
formats and languages; nothing for a final brief; the `embargo` field validated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdf
import pytest

from generator.cli import main
from generator.render.docx import render_docx
from generator.render.pdf import render_pdf, settle_handout
from generator.source import load_brief
from tests.conftest import MINIMAL_SOURCE, SAMPLE

WATERMARKS = {"en": "DRAFT", "ko": "초안"}
BANNERS = {"en": "EMBARGOED UNTIL 2023. 09. 14. 09:00", "ko": "엠바고: 2023. 09. 14. 09:00"}
STAMPS = ("DRAFT", "초안", "EMBARGOED", "엠바고")


def sample_with(tmp_path: Path, status: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8").replace("status: final\n", status, 1)
    path = tmp_path / "co-23-30.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def pdf_page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def docx_parts(data: bytes, prefix: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [package.read(name).decode("utf-8") for name in package.namelist()
                if name.startswith(prefix) and name.endswith(".xml")]


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_with(tmp_path_factory.mktemp("draft"), "status: draft\n")


@pytest.fixture(scope="module")
def embargoed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_with(tmp_path_factory.mktemp("embargo"),
                       "status: embargoed\nembargo: 2023-09-14T09:00\n")


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("variant", ["full", "exec", "handout"])
def test_a_draft_is_watermarked_on_every_pdf_page_and_in_the_docx_header(
    draft: Path, language: str, variant: str
) -> None:
    brief = load_brief(draft, language, variant)
    pages = pdf_page_texts(render_pdf(brief))
    assert len(pages) >= (4 if variant != "handout" else 1)
    for number, text in enumerate(pages, start=1):
        assert WATERMARKS[language] in text, number
    data = render_docx(settle_handout(brief))
    stamp = f'string="{WATERMARKS[language]}"'
    watermarked = [part for part in docx_parts(data, "word/header") if stamp in part]
    assert len(watermarked) == 1 and "v:textpath" in watermarked[0]
    assert "z-index:-" in watermarked[0]  # behind the text
    [body] = docx_parts(data, "word/document.xml")
    if variant == "full":
        assert stamp not in body
    else:
        # A key-point box's tint would hide a header watermark on page 1: that page's
        # header has none, and the body's first paragraph holds one in front of the text.
        assert "<w:titlePg/>" in body
        first_paragraph = body[body.index("<w:p>"):body.index("</w:p>")]
        assert stamp in first_paragraph and "z-index:-" not in first_paragraph


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("variant", ["full", "exec"])
def test_an_embargoed_brief_has_its_banner_on_every_page_and_in_the_docx_header(
    embargoed: Path, language: str, variant: str
) -> None:
    brief = load_brief(embargoed, language, variant)
    pages = pdf_page_texts(render_pdf(brief))
    assert len(pages) >= 4
    for number, text in enumerate(pages, start=1):
        assert BANNERS[language] in text, number
        assert WATERMARKS[language] not in text
    headers = docx_parts(render_docx(settle_handout(brief)), "word/header")
    assert len(headers) == 1 and BANNERS[language] in headers[0]


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("variant", ["full", "exec", "handout"])
def test_a_final_brief_carries_no_stamp(language: str, variant: str) -> None:
    brief = load_brief(SAMPLE, language, variant)
    assert brief.status == "final"
    for text in pdf_page_texts(render_pdf(brief)):
        assert not any(stamp in text for stamp in STAMPS)
    data = render_docx(settle_handout(brief))
    assert docx_parts(data, "word/header") == []
    assert not any(stamp in part for part in docx_parts(data, "word/") for stamp in STAMPS)


# ------------------------------------------------------------------ the embargo field


def _errors_of(write_source, capsys, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    path = write_source(text)
    assert main(["check", str(path)]) == 1
    return [line.replace(str(path), "{path}") for line in capsys.readouterr().err.splitlines()]


@pytest.mark.parametrize(("status", "expected"), [
    ("status: embargoed\n",
     "{path}:3:9: error: status 'embargoed' needs an 'embargo' date and time, e.g. "
     "2023-09-14T09:00"),
    ("status: embargoed\nembargo: 2023-09-14 09:00\n",
     "{path}:4:10: error: embargo must be an ISO date and time like 2023-09-14T09:00"),
    ("status: embargoed\nembargo: 2023-02-30T09:00\n",
     "{path}:4:10: error: embargo 2023-02-30T09:00 is not a real date and time"),
    ("status: embargoed\nembargo: 2023-09-14T25:00\n",
     "{path}:4:10: error: embargo 2023-09-14T25:00 is not a real date and time"),
    ("status: final\nembargo: 2023-09-14T09:00\n",
     "{path}:4:1: error: embargo is only for status 'embargoed'; this brief's status is "
     "'final'"),
])
def test_the_embargo_is_validated_at_its_place(
    write_source, capsys, status: str, expected: str  # type: ignore[no-untyped-def]
) -> None:
    text = MINIMAL_SOURCE.replace("title: A Title\n", f"{status}title: A Title\n")
    assert _errors_of(write_source, capsys, text) == [expected]


def test_an_embargo_is_parsed_and_reaches_the_model(write_source) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL_SOURCE.replace(
        "title: A Title\n", "status: embargoed\nembargo: 2023-09-14T09:30\ntitle: A Title\n")
    brief = load_brief(write_source(text))
    assert brief.embargo is not None and brief.embargo.isoformat() == "2023-09-14T09:30:00"

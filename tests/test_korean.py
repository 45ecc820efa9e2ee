"""The Korean edition and front matter in either language, in both formats."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from generator.cli import main
from generator.model import BlockQuote, Paragraph, plain_text
from generator.render.docx import render_docx
from generator.render.pdf import settle_handout
from generator.source import load_brief
from tests.conftest import MINIMAL_SOURCE, SAMPLE
from tests.docx_text import shown
from tests.test_formats_agree import docx_paragraphs_without_marks
from tests.test_pdf_render import text_chunks

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Closing punctuation that must never begin a line.
CLOSING = ")]}’”.,!?:;、。」』》〉"

FRONT_MATTER = {
    "en": ["Online Series", "2023. 09. 14. | CO 23-30", "©KINU 2023",
           "※ The views expressed in this paper are entirely those of the author"],
    "ko": ["온라인시리즈", "2023. 09. 14. | CO 23-30", "©KINU 2023",
           "※ 본 글의 내용은 집필자 개인의 의견이며, 통일연구원의 공식 입장이 아님을 밝힙니다."],
}
AUTHOR_LINES = {
    "en": ["Hyun, Seungsoo", "(Research Fellow, Global Strategy Research Division)"],
    "ko": ["현승수(국제전략연구실 연구위원)"],
}
TITLES = {"en": "Assessment and Prospect of Russia-North Korea Summit",
          "ko": "북러 정상회담 평가와 전망"}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(shown(paragraph.text) for paragraph in document.paragraphs)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Path]]:
    """Every edition with front matter in every language: 2 x 2, both formats."""
    out = tmp_path_factory.mktemp("matrix")
    built: dict[tuple[str, str], dict[str, Path]] = {}
    for edition in ("en", "ko"):
        for front in ("en", "ko"):
            arguments = ["generate", str(SAMPLE), "--lang", edition, "--out", str(out), "--quiet"]
            if front != edition:
                arguments += ["--front-matter", front]
            assert main(arguments) == 0
            suffix = "" if front == edition else f"-front-{front}"
            built[(edition, front)] = {
                fmt: out / f"co-23-30-{edition}-full{suffix}.{fmt}" for fmt in ("docx", "pdf")
            }
    return built


def _docx_words_with_unbreakable_hyphens(path: Path) -> list[str]:
    """The words of every paragraph, a non-breaking hyphen (w:noBreakHyphen) as U+2011."""
    words: list[str] = []
    body = docx.Document(str(path)).element.body
    for paragraph in body.iter(qn("w:p")):
        text = "".join(shown(node.text or "") if node.tag == qn("w:t") else "\u2011"
                       for node in paragraph.iter(qn("w:t"), qn("w:noBreakHyphen")))
        words += text.split()
    return words


def test_a_hyphen_inside_a_korean_word_cannot_end_a_docx_line(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    # Korean breaks between words, never after the hyphen of "S-400을" (as in the PDF);
    # a hyphen elsewhere ("CO 23-30", an address) stays an ordinary one.
    words = _docx_words_with_unbreakable_hyphens(matrix[("ko", "ko")]["docx"])
    assert "S\u2011400을" in words
    korean = [word for word in words if HANGUL.search(word)]
    assert not [word for word in korean if "-" in word]
    assert not [word for word in words if "\u2011" in word and not HANGUL.search(word)]
    assert "23-30" in words


@pytest.mark.parametrize("edition", ["en", "ko"])
@pytest.mark.parametrize("front", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_front_matter_labels_follow_the_front_matter_language(
    matrix: dict[tuple[str, str], dict[str, Path]], edition: str, front: str, fmt: str
) -> None:
    path = matrix[(edition, front)][fmt]
    text = _squeezed(_docx_text(path) if fmt == "docx" else _pdf_text(path))
    for label in [*FRONT_MATTER[front], *AUTHOR_LINES[front], TITLES[front]]:
        assert _squeezed(label) in text, label
    other = "ko" if front == "en" else "en"
    assert _squeezed(FRONT_MATTER[other][0]) not in text  # no mix of series labels
    assert _squeezed(FRONT_MATTER[other][3]) not in text  # nor of disclaimers


def test_front_matter_files_never_take_the_standard_editions_name(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    names = {path.name for paths in matrix.values() for path in paths.values()}
    assert len(names) == 8


def test_the_korean_edition_holds_every_paragraph_and_note(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    brief = load_brief(SAMPLE, "ko")
    paragraphs = [plain_text(block.inlines) for block in brief.blocks if isinstance(block, Paragraph)]
    paragraphs += [plain_text(inner.inlines) for block in brief.blocks
                   if isinstance(block, BlockQuote) for inner in block.blocks
                   if isinstance(inner, Paragraph)]
    notes = [plain_text(note.inlines) for note in brief.footnotes]
    assert len(paragraphs) == 14 and len(notes) == 2
    paths = matrix[("ko", "ko")]
    docx_text = _squeezed("".join(docx_paragraphs_without_marks(paths["docx"].read_bytes())))
    with zipfile.ZipFile(paths["docx"]) as package:
        notes_xml = shown(package.read("word/footnotes.xml").decode("utf-8"))
    pdf_text = _squeezed(_pdf_text(paths["pdf"]))
    # Main text only (notes, page numbers and marks are under 9 pt), so that a paragraph
    # running across a page break reads as one.
    pdf_body = _squeezed("".join(chunk.text for chunk in text_chunks(paths["pdf"].read_bytes())
                                 if chunk.size >= 9))
    for paragraph in paragraphs:
        assert _squeezed(paragraph) in docx_text
        assert _squeezed(paragraph) in pdf_body
    for note in notes:
        assert _squeezed(note)[:40] in _squeezed(re.sub(r"<[^>]+>", "", notes_xml))
        assert _squeezed(note) in pdf_text


def test_every_hangul_character_of_the_source_is_in_the_pdf_text_layer(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    source_hangul = set(HANGUL.findall(SAMPLE.read_text(encoding="utf-8")))
    pdf_hangul = set(HANGUL.findall(_pdf_text(matrix[("ko", "ko")]["pdf"])))
    assert source_hangul and source_hangul <= pdf_hangul


def test_hangul_and_latin_runs_are_set_in_their_own_faces(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    chunks = text_chunks(matrix[("ko", "ko")]["pdf"].read_bytes())
    hangul_fonts = {chunk.font for chunk in chunks if HANGUL.search(chunk.text)}
    latin_fonts = {chunk.font for chunk in chunks
                   if re.fullmatch(r"[A-Za-z0-9.\- ]+", chunk.text.strip() or "-")
                   and re.search(r"[A-Za-z]", chunk.text)}
    assert hangul_fonts and all("Nanum" in font for font in hangul_fonts)
    assert latin_fonts and all("Liberation" in font for font in latin_fonts)


def test_no_korean_line_starts_with_closing_punctuation(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    lines = [line.strip() for line in _pdf_text(matrix[("ko", "ko")]["pdf"]).splitlines()]
    starts = [line for line in lines if line and line[0] in CLOSING]
    assert starts == []


def test_korean_docx_names_the_korean_faces_and_language(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    document = docx.Document(str(matrix[("ko", "ko")]["docx"]))
    style = document.styles["KINU Body"].element
    fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    language = style.find(f"{qn('w:rPr')}/{qn('w:lang')}")
    assert fonts.get(qn("w:eastAsia")) == "NanumMyeongjo"
    assert language.get(qn("w:val")) == "en-US"  # Latin words in it: English
    assert language.get(qn("w:eastAsia")) == "ko-KR"
    assert document.core_properties.language == "ko"


def test_front_matter_text_missing_in_the_needed_language_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(MINIMAL_SOURCE.replace("title: A Title", "title: {en: A Title}"), "utf-8")
    assert main(["generate", str(source), "--front-matter", "ko", "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{source}:3:8: error: title has no 'ko' text for ko front matter",
    ]
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_the_korean_pdf_declares_its_language(
    matrix: dict[tuple[str, str], dict[str, Path]],
) -> None:
    reader = pypdf.PdfReader(io.BytesIO(matrix[("ko", "ko")]["pdf"].read_bytes()))
    assert str(reader.trailer["/Root"]["/Lang"]).startswith("ko")


@pytest.mark.parametrize(("language", "point_alignment"), [("en", "both"), ("ko", "left")])
@pytest.mark.parametrize("variant", ["exec", "handout"])
def test_korean_key_points_are_set_ragged_right_in_the_docx_and_the_body_justified(
    language: str, point_alignment: str, variant: str
) -> None:
    data = render_docx(settle_handout(load_brief(SAMPLE, language, variant)))
    styles = docx.Document(io.BytesIO(data)).styles
    point = "KINU Summary Point" if variant == "exec" else "KINU Handout Point"
    for name, alignment in ((point, point_alignment), ("KINU Body", "both")):
        justification = styles[name].element.find(f"{qn('w:pPr')}/{qn('w:jc')}")
        assert justification.get(qn("w:val")) == alignment, name

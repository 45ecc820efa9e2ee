"""What a reader of the DOCX sees, checked in its XML and on pages LibreOffice renders.

LibreOffice is how a Word user's view is checked here: the sample's DOCX files (both
editions, full and handout, and the Korean edition with English front matter) are
converted to PDF once per session, then read as text (pypdf, pdftotext -bbox) and as
pixels (pdftoppm, zbarimg). Each test says what a reader would check.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from generator.model import Brief
from generator.render.docx import render_docx
from generator.render.pdf import settle_handout
from generator.source import brief_for, load_brief, load_source
from generator.style.house import A4, HYPHENATION, ROLES, SUMMARY_BOX
from tests import libreoffice
from tests.conftest import SAMPLE, require_tools
from tests.docx_text import shown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HANGUL = re.compile("[\uac00-\ud7a3]")
OUTPUTS = {  # name -> (edition, variant, front matter language)
    "en-full": ("en", "full", None),
    "ko-full": ("ko", "full", None),
    "ko-full-front-en": ("ko", "full", "en"),
    "en-handout": ("en", "handout", None),
    "ko-handout": ("ko", "handout", None),
}


def _brief(edition: str, variant: str, front: str | None) -> Brief:
    source = load_source(SAMPLE)
    if front is None:
        return settle_handout(brief_for(source, edition, variant=variant))
    return settle_handout(brief_for(source, edition, variant=variant, front_language=front))


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return {name: render_docx(_brief(*spec)) for name, spec in OUTPUTS.items()}


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


@pytest.fixture(scope="module")
def rendered(documents: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, Path]:
    """Each DOCX converted to PDF by LibreOffice (private profiles)."""
    require_tools("soffice")
    folder = tmp_path_factory.mktemp("docx-pages")
    for name, data in documents.items():
        (folder / f"{name}.docx").write_bytes(data)
    libreoffice.convert_each([folder / f"{name}.docx" for name in documents], folder,
                             folder / "profiles")
    return {name: folder / f"{name}.pdf" for name in documents}


def _lines(pdf: Path) -> list[str]:
    """The PDF's lines of text, as pdftotext lays them out."""
    require_tools("pdftotext")
    result = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                            check=True, capture_output=True)
    return result.stdout.decode("utf-8").splitlines()


# ------------------------------------------------------------------ in the XML


def test_latin_text_is_tagged_english_and_hangul_korean_in_both_editions(
    documents: dict[str, bytes],
) -> None:
    for name in ("en-full", "ko-full"):
        styles = _part(documents[name], "word/styles.xml")
        for language in styles.iter(f"{W}lang"):
            assert language.get(f"{W}val") == "en-US", name
            assert language.get(f"{W}eastAsia") == "ko-KR", name


def test_no_automatic_space_between_hangul_and_latin_or_digits(
    documents: dict[str, bytes],
) -> None:
    styles = _part(documents["ko-full"], "word/styles.xml")
    house = {role.word_style for role in ROLES.values()}
    for style in styles.iter(f"{W}style"):
        if style.find(f"{W}name").get(f"{W}val") not in house:
            continue
        properties = style.find(f"{W}pPr")
        for name in ("autoSpaceDE", "autoSpaceDN"):
            setting = properties.find(f"{W}{name}")
            assert setting is not None and setting.get(f"{W}val") == "0", style.get(f"{W}styleId")


def test_the_reference_mark_is_set_in_the_face_that_has_it(documents: dict[str, bytes]) -> None:
    body = _part(documents["en-full"], "word/document.xml")
    runs = [run for run in body.iter(f"{W}r") if "※" in "".join(run.itertext())]
    assert runs
    for run in runs:
        assert "".join(run.itertext()) == "※"  # a run of its own
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None
        assert {fonts.get(f"{W}{key}") for key in ("ascii", "hAnsi", "eastAsia")} == {
            "NanumMyeongjo"}


def test_english_is_hyphenated_korean_is_not(documents: dict[str, bytes]) -> None:
    english = _part(documents["en-full"], "word/settings.xml")
    assert english.find(f"{W}autoHyphenation") is not None
    limit = english.find(f"{W}consecutiveHyphenLimit")
    assert limit is not None and int(limit.get(f"{W}val")) == HYPHENATION["en"].max_consecutive
    assert english.find(f"{W}hyphenationZone") is not None
    korean = _part(documents["ko-full"], "word/settings.xml")
    assert korean.find(f"{W}autoHyphenation") is None


def test_a_printed_address_breaks_only_after_its_break_characters(
    documents: dict[str, bytes],
) -> None:
    body = _part(documents["en-handout"], "word/document.xml")
    for hyperlink in body.iter(f"{W}hyperlink"):
        text = "".join(node.text or "" for node in hyperlink.iter(f"{W}t"))
        assert shown(text).startswith("https://www.kinu.or.kr/")
        for before in re.findall("(.)\u200b", text):
            assert before in "/?&=-.", before
        language = hyperlink.find(f"{W}r/{W}rPr/{W}lang")
        assert language is not None and language.get(f"{W}val") == "zxx"  # never hyphenated


def test_the_key_point_box_spans_the_text_column(documents: dict[str, bytes]) -> None:
    body = _part(documents["en-handout"], "word/document.xml")
    table = next(body.iter(f"{W}tbl"))
    properties = table.find(f"{W}tblPr")
    indent = int(properties.find(f"{W}tblInd").get(f"{W}w"))
    left_margin = int(properties.find(f"{W}tblCellMar/{W}left").get(f"{W}w"))
    width = int(properties.find(f"{W}tblW").get(f"{W}w"))
    half_rule = SUMMARY_BOX.rule_width.twips / 2
    # Word/LibreOffice: the panel's left edge is indent - cell margin - half the rule.
    assert indent - left_margin - half_rule == pytest.approx(0, abs=1)
    assert width + half_rule == pytest.approx(A4.text_width.twips, abs=1)


# ------------------------------------------------------------------ on rendered pages


def test_the_handout_qr_code_decodes_from_the_rendered_page(
    rendered: dict[str, Path], tmp_path: Path,
) -> None:
    require_tools("zbarimg", "pdftoppm")
    url = load_brief(SAMPLE, "en").url
    for name in ("en-handout", "ko-handout"):
        image = tmp_path / name
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(rendered[name]),
                        str(image)], check=True)
        result = subprocess.run(["zbarimg", "-q", "--raw", f"{image}.png"],
                                capture_output=True, text=True)
        assert result.stdout.strip() == url, name


def test_no_latin_word_of_the_korean_edition_is_split_across_lines(
    rendered: dict[str, Path],
) -> None:
    for name in ("ko-full", "ko-full-front-en", "ko-handout"):
        lines = [line.strip() for line in _lines(rendered[name]) if line.strip()]
        for line, following in zip(lines, lines[1:], strict=False):
            # A line ending inside a Latin word: letters, or digits, either side of the
            # break ("Su|mmit", "S-4|00을", "Korea In|stitute").
            split_word = re.search(r"[A-Za-z]$", line) and re.match(r"[a-z]", following)
            split_number = re.search(r"\d$", line) and re.match(r"\d", following)
            assert not (split_word or split_number), (name, line, following)


def test_hangul_and_digits_are_set_without_a_space(rendered: dict[str, Path]) -> None:
    text = "\n".join(_lines(rendered["ko-full"]))
    assert "9월 13일" in text
    assert not re.search(r"\d [월일년]", text)


def test_a_note_starts_with_its_number_and_parenthesis_at_the_baseline(
    rendered: dict[str, Path],
) -> None:
    require_tools("pdftotext")
    result = subprocess.run(["pdftotext", "-bbox", str(rendered["en-full"]), "-"],
                            check=True, capture_output=True, text=True)
    words = [(float(bottom), word) for bottom, word in
             re.findall(r'yMax="([\d.]+)">([^<]*)</word>', result.stdout)]
    # "1)" as one word on the baseline of the note text that follows it; a body marker
    # is raised above the words after it.
    on_baseline = [word for (bottom, word), (next_bottom, _) in
                   zip(words, words[1:], strict=False)
                   if re.fullmatch(r"\d\)", word) and abs(bottom - next_bottom) < 0.5]
    assert on_baseline == ["1)", "2)"]


def test_the_closing_matter_is_on_one_page_with_the_last_body_lines(
    rendered: dict[str, Path],
) -> None:
    for name in ("en-full", "ko-full"):
        pages = [page.extract_text() for page in pypdf.PdfReader(rendered[name]).pages]
        last = pages[-1]
        assert "©KINU 2023" in last and "※" in last, name
        before = last.split("©KINU 2023")[0]
        assert len([line for line in before.splitlines() if len(line.strip()) > 20]) >= 2

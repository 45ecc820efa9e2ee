"""Hanja and the symbols Korean writers type: accepted, and set in a face that has them.

The shipped faces are read with fontTools here (not through coverage.json), so these
tests check the fonts themselves.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path
from typing import get_args

import pypdf
import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from generator.cli import main
from generator.style.fonts import font_path, ks_x_1001_hanja
from generator.style.glyphs import face_script, is_covered
from generator.style.house import FACES, FaceKind
from tests.conftest import needs_tools
from tests.test_pdf_render import text_chunks

KOREAN_PUNCTUATION = "·‧ㆍ※○◆□▲→✓"
IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLES = ((False, False), (True, False), (False, True), (True, True))

KOREAN_SOURCE = """\
number: CO 23-31
date: 2023-09-20
url: https://www.kinu.or.kr/
title:
  ko: 北韓과 美國의 대화 전망
authors:
  - name: {ko: 현승수}
    position: {ko: 연구위원}
    division: {ko: 국제전략연구실}
summary:
  ko:
    - 北韓은 美國과의 대화를 거부하고 있다.
    - 韓中日 협력은 故 김대중 대통령 이래 이어졌다 ※ 참고.
    - 南北 관계 → 협력 ✓ 가능성 ○ 낮음 · 중간 ‧ 높음.
body:
  ko: |
    北韓은 최근 美國과의 대화를 거부하면서 中國·露西亞와의 연대를 강화하고 있다.[^1]

    ## 南北關係의 전망

    故 김대중 대통령의 **統一 정책**은 *和解*와 협력을 강조하였다.

    1. 第一, 北韓의 核 문제 ◆
    2. 第二, 美國의 對北 정책 □ ▲

    - 南北 대화 ※ ㆍ 北美 협상

    [^1]: 「朝鮮中央通信」, 2023년 9월 14일; 北韓 外務省 담화 참조.
"""
ENGLISH_SOURCE = """\
number: CO 23-31
date: 2023-09-20
title: The Meaning of Tongil (統一) for Seoul
authors:
  - name: Hyun, Seungsoo
    position: Research Fellow
    division: Global Strategy Research Division
summary:
  en:
    - Unification, 統一, is written in Hanja in Korean headlines.
body:
  en: |
    Korean headlines still write North Korea as 北韓 and **美國** for the U.S.[^1]

    [^1]: See “故 김대중 대통령,” in *統一白書*.
"""


@cache
def cmap_of(file_name: str) -> frozenset[int]:
    with TTFont(font_path(file_name), lazy=True) as font:
        return frozenset(font["cmap"].getBestCmap())


@cache
def shipped_file_by_postscript_name() -> dict[str, str]:
    files: dict[str, str] = {}
    for path in font_path("coverage.json").parent.glob("*.ttf"):
        with TTFont(path, lazy=True) as font:
            files[font["name"].getDebugName(6)] = path.name
    return files


def _file_of_family(family: str, *, bold: bool) -> str:
    face = next(face for face in FACES.values() if face.family == family)
    return face.file_for(bold=bold, italic=False)


def test_each_kind_has_a_hanja_face_with_every_ks_x_1001_hanja_in_truetype_outlines() -> None:
    hanja = ks_x_1001_hanja()
    assert len(set(hanja)) == 4888
    assert sum(0xF900 <= ord(character) <= 0xFAFF for character in hanja) == 268
    for kind in get_args(FaceKind):
        for bold, italic in _STYLES:
            file_name = FACES[(kind, "hanja")].file_for(bold=bold, italic=italic)
            assert not [c for c in hanja if ord(c) not in cmap_of(file_name)], file_name
            with TTFont(font_path(file_name), lazy=True) as font:
                assert "glyf" in font  # reportlab embeds TrueType outlines only
                assert font["OS/2"].fsType in (0, 8)  # embedding allowed


def test_hanja_are_matched_to_the_surrounding_myeongjo_or_gothic() -> None:
    assert FACES[("serif", "hanja")].family == "Noto Serif CJK KR"
    assert FACES[("sans", "hanja")].family == FACES[("sans", "hangul")].family == "NanumGothic"
    for character in "北韓美國故":
        assert face_script(character, "serif") == face_script(character, "sans") == "hanja"
        assert face_script(character, "serif", bold=True) == "hanja"


@pytest.mark.parametrize("character", [*KOREAN_PUNCTUATION, *ks_x_1001_hanja()[::97]])
def test_the_face_chosen_for_a_hanja_or_korean_symbol_has_it(character: str) -> None:
    assert is_covered(character)
    for kind in get_args(FaceKind):
        for bold, italic in _STYLES:
            script = face_script(character, kind, bold, italic)
            assert script is not None
            file_name = FACES[(kind, script)].file_for(bold=bold, italic=italic)
            assert ord(character) in cmap_of(file_name), (kind, bold, italic, file_name)


def test_a_hanja_outside_ks_x_1001_is_refused() -> None:
    assert "研" not in ks_x_1001_hanja()  # the Chinese form of 硏
    assert not is_covered("研")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hanja")
    outputs: dict[str, Path] = {}
    for language, source in (("ko", KOREAN_SOURCE), ("en", ENGLISH_SOURCE)):
        path = folder / f"hanja-{language}.yaml"
        path.write_text(source, encoding="utf-8")
        out = folder / "out"
        assert main(["generate", str(path), "--variant", "full,handout", "--out", str(out),
                     "--force", "--quiet"]) == 0
        for variant in ("full", "handout"):
            for suffix in ("pdf", "docx"):
                outputs[f"{language}-{variant}.{suffix}"] = (
                    out / f"hanja-{language}-{language}-{variant}.{suffix}")
    return outputs


def _ideographs(text: str) -> set[str]:
    return set(IDEOGRAPH.findall(text))


def _source_ideographs(language: str, variant: str) -> set[str]:
    """The ideographs a variant prints: the title and the body (with its notes) in the
    full brief, the title and the key points in a handout."""
    source = KOREAN_SOURCE if language == "ko" else ENGLISH_SOURCE
    front, rest = source.split("summary:")
    key_points, body = rest.split("body:")
    return _ideographs(front + (body if variant == "full" else key_points))


@pytest.mark.parametrize("output", ["ko-full", "ko-handout", "en-full", "en-handout"])
def test_every_hanja_is_in_the_pdf_text_layer_drawn_in_a_face_that_has_it(
        built: dict[str, Path], output: str) -> None:
    pdf = built[f"{output}.pdf"].read_bytes()
    chunks = text_chunks(pdf)
    drawn = _ideographs("".join(chunk.text for chunk in chunks))
    assert _source_ideographs(*output.split("-")) <= drawn
    files = shipped_file_by_postscript_name()
    for chunk in chunks:
        for character in _ideographs(chunk.text):
            file_name = files[chunk.font.split("+")[-1]]
            assert ord(character) in cmap_of(file_name), (character, file_name)
    embedded = {str(font["/BaseFont"]).split("+")[-1]
                for page in pypdf.PdfReader(built[f"{output}.pdf"]).pages
                for font in page["/Resources"]["/Font"].values()
                if "/FontFile2" in font.get_object()["/FontDescriptor"]}  # embedded TrueType
    used = {chunk.font.split("+")[-1] for chunk in chunks if _ideographs(chunk.text)}
    assert used <= embedded


@needs_tools("pdffonts")
def test_pdffonts_lists_the_hanja_faces_embedded(built: dict[str, Path]) -> None:
    listing = subprocess.run(["pdffonts", str(built["ko-full.pdf"])], capture_output=True,
                             text=True, check=True).stdout
    rows = {line.split()[0].split("+")[-1]: line.split() for line in listing.splitlines()[2:]}
    for name in ("NotoSerifCJKkr-Regular", "NotoSerifCJKkr-Bold", "NanumGothicBold"):
        assert rows[name][-5] == "yes", listing  # the emb column


def _style_east_asian_fonts(package: zipfile.ZipFile) -> dict[str, str]:
    """Each paragraph and character style's East Asian face, through w:basedOn."""
    styles = etree.fromstring(package.read("word/styles.xml"))
    own: dict[str, str | None] = {}
    parents: dict[str, str | None] = {}
    for style in styles.iter(f"{{{W}}}style"):
        style_id = style.get(f"{{{W}}}styleId")
        fonts = style.find(f"{{{W}}}rPr/{{{W}}}rFonts")
        own[style_id] = None if fonts is None else fonts.get(f"{{{W}}}eastAsia")
        based = style.find(f"{{{W}}}basedOn")
        parents[style_id] = None if based is None else based.get(f"{{{W}}}val")
    resolved: dict[str, str] = {}
    for style_id in own:
        current: str | None = style_id
        while current is not None and own.get(current) is None:
            current = parents.get(current)
        if current is not None:
            resolved[style_id] = str(own[current])
    return resolved


def _hanja_runs(path: Path) -> list[tuple[str, bool, str]]:
    """(East Asian face, bold, text) of every run with an ideograph, body and notes."""
    with zipfile.ZipFile(path) as package:
        styles = _style_east_asian_fonts(package)
        parts = [etree.fromstring(package.read(name)) for name in package.namelist()
                 if name in ("word/document.xml", "word/footnotes.xml")]
    runs: list[tuple[str, bool, str]] = []
    for paragraph in (p for part in parts for p in part.iter(f"{{{W}}}p")):
        style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        paragraph_face = styles.get("Normal" if style is None else style.get(f"{{{W}}}val"), "")
        for run in paragraph.iter(f"{{{W}}}r"):
            text = "".join(run.itertext())
            if not _ideographs(text):
                continue
            fonts = run.find(f"{{{W}}}rPr/{{{W}}}rFonts")
            face = paragraph_face if fonts is None else fonts.get(f"{{{W}}}eastAsia")
            bold = run.find(f"{{{W}}}rPr/{{{W}}}b") is not None
            runs.append((face, bold, text))
    return runs


@pytest.mark.parametrize("output", ["ko-full", "ko-handout", "en-full"])
def test_the_docx_names_a_face_with_the_hanja_on_every_hanja_run(
        built: dict[str, Path], output: str) -> None:
    runs = _hanja_runs(built[f"{output}.docx"])
    shown = _ideographs("".join(text for _, _, text in runs))
    assert _source_ideographs(*output.split("-")) <= shown
    for face, bold, text in runs:
        file_name = _file_of_family(face, bold=bold)
        missing = [c for c in _ideographs(text) if ord(c) not in cmap_of(file_name)]
        assert not missing, (face, text)
    # the body is Myeongjo: its Hanja are in the serif Hanja face, not in Gothic
    if output.endswith("full"):
        assert any(face == "Noto Serif CJK KR" for face, _, text in runs if "北韓" in text)

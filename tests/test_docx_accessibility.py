"""What a screen reader and Word's accessibility checker find in a brief's DOCX: the
title in the document's properties, headings in Word's built-in heading styles (with
outline levels), the language of the text, alternate text on the QR code
(docs/archival.md)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from functools import cache

import docx
import pytest
from docx.oxml.ns import qn

from generator.model.nodes import Brief, FullTextLink, Heading, Text
from generator.render.docx import render_docx
from generator.render.pdf import settle_handout
from generator.source import load_brief
from generator.style.house import ROLES
from generator.style.texts import render_label
from tests.conftest import SAMPLE

LANGUAGES = ("en", "ko")
WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


@cache
def brief_of(language: str, variant: str) -> Brief:
    return settle_handout(load_brief(SAMPLE, language, variant))


@cache
def docx_of(language: str, variant: str) -> bytes:
    return render_docx(brief_of(language, variant))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_is_the_documents_title_in_its_properties(language: str) -> None:
    document = docx.Document(io.BytesIO(docx_of(language, "full")))
    assert document.core_properties.title == brief_of(language, "full").title
    assert document.core_properties.language == language or \
        document.core_properties.language.startswith(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_and_headings_are_outline_levels_a_navigation_pane_lists(
    language: str,
) -> None:
    document = docx.Document(io.BytesIO(docx_of(language, "exec")))
    levels = {}
    for paragraph in document.paragraphs:
        style = paragraph.style
        outline = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if outline is not None:
            levels[paragraph.text] = int(outline.get(qn("w:val")))
    assert levels[brief_of(language, "exec").title] == 0
    assert all(level in (0, 1, 2) for level in levels.values())


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADINGS = {"title": ("Heading1", "heading 1", 0), "heading-2": ("Heading2", "heading 2", 1),
            "heading-3": ("Heading3", "heading 3", 2)}


def styles_part(language: str) -> object:
    with zipfile.ZipFile(io.BytesIO(docx_of(language, "full"))) as package:
        return docx.oxml.parse_xml(package.read("word/styles.xml"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_and_headings_use_words_built_in_heading_styles(language: str) -> None:
    brief = brief_of(language, "full")
    headings = (Heading(2, (Text("Background"),)), Heading(3, (Text("Since 2019"),)))
    brief = replace(brief, blocks=(*headings, *brief.blocks))
    document = docx.Document(io.BytesIO(render_docx(brief)))
    styles = {paragraph.text: paragraph.style for paragraph in document.paragraphs}
    assert styles[brief.title].style_id == "Heading1"
    assert styles["Background"].style_id == "Heading2"
    assert styles["Since 2019"].style_id == "Heading3"
    assert [styles[text].name for text in (brief.title, "Background", "Since 2019")] == \
        ["Heading 1", "Heading 2", "Heading 3"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_heading_styles_carry_the_house_formatting_whole_and_nothing_of_the_theme(
    language: str,
) -> None:
    styles = {style.get(f"{W}styleId"): style for style in styles_part(language)
              .iter(f"{W}style")}  # type: ignore[attr-defined]
    for role_name, (style_id, stored_name, level) in HEADINGS.items():
        role = ROLES[role_name]
        style = styles[style_id]
        assert style.find(f"{W}name").get(f"{W}val") == stored_name
        assert style.get(f"{W}customStyle") is None, "a built-in style"
        assert style.find(f"{W}basedOn").get(f"{W}val") == "Normal"
        assert style.find(f"{W}next").get(f"{W}val") == "KINUBody"
        assert style.find(f"{W}link") is None
        fonts = style.find(f"{W}rPr/{W}rFonts")
        assert not any("Theme" in name for name in fonts.attrib), "no theme font"

        assert all(fonts.get(f"{W}{key}") for key in ("ascii", "hAnsi", "eastAsia"))
        colour = style.find(f"{W}rPr/{W}color")
        assert colour.get(f"{W}val") == role.colour.hex and colour.get(f"{W}themeColor") is None
        assert style.find(f"{W}rPr/{W}sz").get(f"{W}val") == str(role.size.half_points)
        spacing = style.find(f"{W}pPr/{W}spacing")
        assert spacing.get(f"{W}before") == str(role.space_before.twips)
        assert spacing.get(f"{W}after") == str(role.space_after.twips)
        assert style.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == str(level)
    links = [style.find(f"{W}link").get(f"{W}val") for style in styles.values()
             if style.find(f"{W}link") is not None]
    assert not set(links) & {"Heading1", "Heading2", "Heading3"}, "no Heading N Char left"
    assert not {"Heading1Char", "Heading2Char", "Heading3Char"} & set(styles)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_qr_code_picture_has_alternate_text_naming_its_address(language: str) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_of(language, "handout"))) as package:
        body = package.read("word/document.xml")
    document = docx.oxml.parse_xml(body)
    (picture,) = document.iter(WP_DOC_PR)
    address = brief_of(language, "handout").blocks[-1]
    assert isinstance(address, FullTextLink)
    assert picture.get("descr") == render_label(language, "qr_code_alt", url=address.url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_text_carries_its_language(language: str) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_of(language, "full"))) as package:
        styles = docx.oxml.parse_xml(package.read("word/styles.xml"))
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults is not None
    mark = defaults.find(qn("w:lang"))
    assert mark is not None and mark.get(qn("w:eastAsia")) == "ko-KR"
    assert mark.get(qn("w:val"))

"""What a screen reader and Word's accessibility checker find in a brief's DOCX: the
title in the document's properties, headings as outline levels, the language of the
text, alternate text on the QR code (docs/archival.md)."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import docx
import pytest
from docx.oxml.ns import qn

from generator.model.nodes import Brief, FullTextLink
from generator.render.docx import render_docx
from generator.render.pdf import settle_handout
from generator.source import load_brief
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

"""Hanja in the DOCX as LibreOffice sets it: every ideograph of the Hanja brief is on
LibreOffice's pages, drawn in a shipped face that has it (never a blank box)."""

from __future__ import annotations

import pytest

from tests.test_hanja import IDEOGRAPH, cmap_of, shipped_file_by_postscript_name
from tests.test_pdf_render import text_chunks
from tests.visual.outputs import BRIEFS, Renders


@pytest.mark.parametrize("name", ["hanja-ko-ko-full", "hanja-ko-ko-exec"])
def test_libreoffice_draws_every_hanja_in_a_face_that_has_it(converted: Renders,
                                                              name: str) -> None:
    source = (BRIEFS / "hanja-ko.yaml").read_text(encoding="utf-8")
    chunks = text_chunks(converted.docx_pages(name).read_bytes())
    drawn = {character for chunk in chunks for character in IDEOGRAPH.findall(chunk.text)}
    assert set(IDEOGRAPH.findall(source)) <= drawn
    files = shipped_file_by_postscript_name()
    for chunk in chunks:
        for character in IDEOGRAPH.findall(chunk.text):
            face = chunk.font.split("+")[-1]
            assert face in files, f"{character} drawn in {face}, not a shipped face"
            assert ord(character) in cmap_of(files[face]), (character, face)

"""Word lists as LibreOffice shows them: labels drawn from the numbering ("1." "2."
"3.", nested "–" and "(1)"), and renumbered when an item is taken out of the XML, as
Word does when an editor deletes one."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.style.house import A4, list_level_indents
from tests.visual.outputs import Renders
from tests.visual.pages import convert_with_libreoffice, page_lines

NAME = "lists-en-en-full"


def _line_starts(pdf: Path) -> list[str]:
    return [line.text.strip() for page in page_lines(pdf) for line in page]


def _label_of(lines: list[str], item: str) -> str:
    """The label LibreOffice set before the item starting with `item`."""
    line = next(line for line in lines if item in line)
    match = re.match(rf"(\S+)\s*{re.escape(item)}", line)
    assert match, line
    return match.group(1)


def test_libreoffice_numbers_and_bullets_the_lists(converted: Renders) -> None:
    lines = _line_starts(converted.docx_pages(NAME))
    assert [_label_of(lines, item) for item in ("First step", "Second step", "Third step")] == [
        "1.", "2.", "3."]
    assert [_label_of(lines, item) for item in ("a sub-step", "another sub-step")] == [
        "(1)", "(2)"]
    assert _label_of(lines, "a bullet under") == "–"
    assert _label_of(lines, "A list that starts") == "4."
    assert _label_of(lines, "A bullet list") == "•"
    assert _label_of(lines, "A numbered list inside") == "1."


def _without_paragraph(document: Path, opening: str, edited: Path) -> None:
    """A copy of `document` without the body paragraph whose text starts `opening`."""
    with zipfile.ZipFile(document) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                paragraphs = re.findall(r"<w:p>(?:(?!</w:p>).)*</w:p>", text)
                doomed = [p for p in paragraphs
                          if "".join(re.findall(r"<w:t[^>]*>([^<]*)", p)).startswith(opening)]
                assert len(doomed) == 1
                data = text.replace(doomed[0], "").encode("utf-8")
            target.writestr(info, data)


def test_libreoffice_renumbers_a_list_after_an_item_is_removed(
        converted: Renders, tmp_path: Path) -> None:
    edited = tmp_path / f"{NAME}-edited.docx"
    _without_paragraph(converted.docx(NAME), "Second step", edited)
    convert_with_libreoffice([edited], tmp_path / "pages", tmp_path / "profile")
    lines = _line_starts(tmp_path / "pages" / f"{edited.stem}.pdf")
    assert [_label_of(lines, item) for item in ("First step", "Third step")] == ["1.", "2."]
    assert _label_of(lines, "A list that starts") == "4."  # the next list keeps its start


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_a_wrapped_item_hangs_at_the_same_indent_in_both_formats(
        converted: Renders, file_format: str) -> None:
    lines = [line for page in page_lines(converted.pages(NAME, file_format)) for line in page]
    first = next(line for line in lines if "First step" in line.text)
    second = lines[lines.index(first) + 1]
    text_start = first.glyphs[next(i for i, glyph in enumerate(first.glyphs)
                                   if glyph.char == "F")].x
    left, hanging = list_level_indents(0)
    assert abs(text_start - (A4.margin_left + left).points) < 0.75
    assert abs(second.left - text_start) < 0.75  # the wrapped line hangs under the text
    assert abs(first.glyphs[0].x - (text_start - hanging.points)) < 0.75  # the label hangs

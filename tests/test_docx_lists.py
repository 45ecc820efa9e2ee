"""Lists are Word lists: numbering.xml, a w:numPr on every item, house labels and
indents per level, numbering restarted per list, and the PDF labelled alike."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from generator.cli import main
from generator.style.house import list_label, list_level_indents
from tests.visual.outputs import BRIEFS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
NUMBERING_RELATION = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                      "numbering")
SOURCE = BRIEFS / "lists-en.yaml"
# The items of lists-en.yaml in order: (depth, first words); a later paragraph of an
# item ("A second paragraph of the third step.") is no item.
ITEMS = [(0, "First step"), (1, "a sub-step"), (1, "another sub-step"), (0, "Second step"), (1, "a bullet under"), (1, "another bullet"),
         (2, "a numbered point"), (2, "and a second one"), (0, "Third step"),
         (0, "A list that starts"), (0, "and goes on"), (0, "A bullet list"), (0, "of two items"),
         (0, "A numbered list inside"), (0, "second quoted item")]


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def lists_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lists")
    assert main(["generate", str(SOURCE), "--format", "docx", "--out", str(out),
                 "--force", "--quiet"]) == 0
    return out / "lists-en-en-full.docx"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _body_paragraphs(parts: dict[str, bytes]) -> list[etree._Element]:
    return list(etree.fromstring(parts["word/document.xml"]).iter(_w("p")))


def _text(paragraph: etree._Element) -> str:
    return "".join(paragraph.itertext())


def test_the_docx_has_a_numbering_part_with_its_relationship_and_content_type(
        lists_docx: Path) -> None:
    parts = _parts(lists_docx)
    assert "word/numbering.xml" in parts
    assert NUMBERING_TYPE in parts["[Content_Types].xml"].decode()
    relations = parts["word/_rels/document.xml.rels"].decode()
    assert re.search(f'Type="{NUMBERING_RELATION}" Target="numbering.xml"', relations)


def test_every_list_item_carries_a_numpr_and_no_typed_label(lists_docx: Path) -> None:
    numbered = [(int(p.find(f"{_w('pPr')}/{_w('numPr')}/{_w('ilvl')}").get(_w("val"))), _text(p))
                for p in _body_paragraphs(_parts(lists_docx))
                if p.find(f"{_w('pPr')}/{_w('numPr')}") is not None]
    assert len(numbered) == len(ITEMS)
    for (depth, text), (item_depth, opening) in zip(numbered, ITEMS, strict=True):
        assert (depth, text[:len(opening)]) == (item_depth, opening)
    for _, text in numbered:
        assert not re.match(r"\s*([•–]|\(?\d+[.)])", text), text


def _numbers(parts: dict[str, bytes]) -> tuple[dict[str, etree._Element], dict[str, etree._Element]]:
    numbering = etree.fromstring(parts["word/numbering.xml"])
    abstracts = {a.get(_w("abstractNumId")): a for a in numbering.iter(_w("abstractNum"))}
    nums = {n.get(_w("numId")): n for n in numbering.iter(_w("num"))}
    return abstracts, nums


def test_each_list_restarts_at_its_own_first_number(lists_docx: Path) -> None:
    parts = _parts(lists_docx)
    _, nums = _numbers(parts)
    list_of_item = [p.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}").get(_w("val"))
                    for p in _body_paragraphs(parts)
                    if p.find(f"{_w('pPr')}/{_w('numPr')}") is not None]
    lists = list(dict.fromkeys(list_of_item))
    assert len(lists) == 7  # 1-3, its sub-steps, bullets, their numbers, 4-5, bullets, quote's
    starts = [nums[num_id].find(f"{_w('lvlOverride')}/{_w('startOverride')}").get(_w("val"))
              for num_id in lists]
    assert starts == ["1", "1", "1", "1", "4", "1", "1"]


@pytest.mark.parametrize("ordered", [False, True])
def test_the_levels_carry_the_house_labels_and_indents(lists_docx: Path, ordered: bool) -> None:
    parts = _parts(lists_docx)
    abstracts, nums = _numbers(parts)
    used = {nums[p.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}").get(_w("val"))]
            .find(_w("abstractNumId")).get(_w("val"))
            for p in _body_paragraphs(parts) if p.find(f"{_w('pPr')}/{_w('numPr')}") is not None}
    formats = {a.find(f"{_w('lvl')}/{_w('numFmt')}").get(_w("val")): a
               for key, a in abstracts.items() if key in used}
    definition = formats["decimal" if ordered else "bullet"]
    for level in definition.iter(_w("lvl")):
        depth = int(level.get(_w("ilvl")))
        text = level.find(_w("lvlText")).get(_w("val")).replace(f"%{depth + 1}", "7")
        assert text == list_label(ordered=ordered, number=7, depth=depth)
        left, hanging = list_level_indents(depth)
        indent = level.find(f"{_w('pPr')}/{_w('ind')}")
        assert (indent.get(_w("left")), indent.get(_w("hanging"))) == (
            str(left.twips), str(hanging.twips))
    labels = [list_label(ordered=ordered, number=1, depth=depth) for depth in range(2)]
    assert labels == (["1.", "(1)"] if ordered else ["•", "–"])


def test_the_pdf_labels_nested_levels_as_the_docx_does(tmp_path: Path) -> None:
    assert main(["generate", str(SOURCE), "--format", "pdf", "--out", str(tmp_path),
                 "--quiet"]) == 0
    pdf = (tmp_path / "lists-en-en-full.pdf").read_bytes()
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for label, item in (("1.", "First step"), ("(2)", "another sub-step"), ("–", "a bullet under"),
                        ("1.", "a numbered point"), ("4.", "A list that starts"),
                        ("•", "A bullet list")):
        assert re.search(rf"{re.escape(label)}\s*{item}", text), (label, item)


def test_the_lists_docx_is_byte_identical_across_builds(tmp_path: Path,
                                                         lists_docx: Path) -> None:
    assert main(["generate", str(SOURCE), "--format", "docx", "--out", str(tmp_path),
                 "--quiet"]) == 0
    assert (tmp_path / "lists-en-en-full.docx").read_bytes() == lists_docx.read_bytes()

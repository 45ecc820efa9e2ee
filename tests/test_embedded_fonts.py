"""Every DOCX carries the faces it is set in: subsets of the shipped TrueType files,
obfuscated as ECMA-376 Part 1 §17.8.1 prescribes, with a font table entry per family
that tells a Word desk without them what to substitute (docs/fonts.md)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from generator.build.work import settled_layout
from generator.render.docx import embedded_fonts as embedding
from generator.render.docx import render_docx
from generator.render.docx.embedded_fonts import (
    MINIMUM_GLYPHS,
    OBFUSCATED_FONT,
    embedded_font,
    font_key,
    obfuscated,
    remembered_subset,
    subset_font,
)
from generator.render.docx.font_table import describe_font, is_embeddable
from generator.render.docx.font_usage import FaceStyle, characters_by_face, style_sheet
from generator.source import brief_for, load_source
from generator.style.fonts import font_path, script_of
from generator.style.house import FACES
from tests.conftest import ROOT, SAMPLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
GUID = re.compile(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}")
SLOTS = {"Regular": (False, False), "Bold": (True, False), "Italic": (False, True),
         "BoldItalic": (True, True)}
OUTPUTS = [(language, variant) for language in ("en", "ko")
           for variant in ("full", "exec", "handout")]
# Characters that draw nothing: a document need not carry a glyph for them.
INVISIBLE = {"\u2060", "\u200b", "\u00ad", "\t", "\n"}


@cache
def sample_docx(language: str, variant: str = "full") -> bytes:
    source = load_source(SAMPLE)
    return render_docx(settled_layout(brief_for(source, language, variant=variant)))


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def embedded_fonts(data: bytes) -> dict[tuple[str, str], TTFont]:
    """(family, slot) → the embedded font, de-obfuscated and parsed."""
    table = part(data, "word/fontTable.xml")
    targets = {relation.get("Id"): relation.get("Target")
               for relation in part(data, "word/_rels/fontTable.xml.rels")}
    fonts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for entry in table.iter(f"{W}font"):
            for slot in SLOTS:
                embed = entry.find(f"{W}embed{slot}")
                if embed is None:
                    continue
                stored = package.read(f"word/{targets[embed.get(f'{R}id')]}")
                font = TTFont(io.BytesIO(obfuscated(stored, embed.get(f"{W}fontKey"))))
                fonts[(entry.get(f"{W}name"), slot)] = font
    return fonts


def shown_characters(data: bytes) -> set[str]:
    """Every character of the document's text (body, notes, footer)."""
    characters: set[str] = set()
    for name in ("word/document.xml", "word/footnotes.xml", "word/footer1.xml"):
        for text in part(data, name).iter(f"{W}t"):
            characters |= set(text.text or "")
    return characters - INVISIBLE


def kerned_pairs(font: TTFont, among: set[int] | None = None) -> dict[tuple[int, int], int]:
    """The legacy `kern` table's pairs, by character, of the characters `among`."""
    if "kern" not in font:
        return {}
    characters: dict[str, list[int]] = {}
    for code, glyph in font.getBestCmap().items():
        if among is None or code in among:
            characters.setdefault(glyph, []).append(code)
    pairs = {}
    for (left, right), value in font["kern"].kernTables[0].kernTable.items():
        for first in characters.get(left, []):
            for second in characters.get(right, []):
                pairs[(first, second)] = value
    return pairs


# ------------------------------------------------------------------ what is embedded

@pytest.mark.parametrize(("language", "variant"), OUTPUTS)
def test_every_character_of_the_document_is_in_an_embedded_face_that_sets_it(
    language: str, variant: str
) -> None:
    data = sample_docx(language, variant)
    fonts = embedded_fonts(data)
    hangul_faces = {face.family for (_, script), face in FACES.items() if script == "hangul"}
    for character in shown_characters(data):
        having = {family for (family, _), font in fonts.items()
                  if ord(character) in font.getBestCmap()}
        assert having, f"{character!r} (U+{ord(character):04X}) is in no embedded face"
        if script_of(character) == "hangul":
            assert having & hangul_faces, f"{character!r} is in no embedded Hangul face"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_each_embedded_font_is_the_shipped_face_it_names_and_loadable(language: str) -> None:
    for (family, slot), font in embedded_fonts(sample_docx(language)).items():
        shipped = next(face for face in FACES.values() if face.family == family)
        bold, italic = SLOTS[slot]
        with TTFont(font_path(shipped.file_for(bold=bold, italic=italic)), lazy=True) as source:
            assert font["name"].getDebugName(1) == source["name"].getDebugName(1) == family
            for name_id in (0, 2, 13, 14):  # copyright, style, licence, licence address
                assert font["name"].getDebugName(name_id) == source["name"].getDebugName(name_id)
            source_glyphs, glyphs = source.getBestCmap(), font.getBestCmap()
            assert all(font["hmtx"][glyph][0] == source["hmtx"][source_glyphs[code]][0]
                       for code, glyph in glyphs.items()), "advance widths kept"
            assert kerned_pairs(font) == kerned_pairs(source, among=set(glyphs)), (
                f"{family} {slot}: the kerning of its characters is kept")
            hinting = {"fpgm", "prep", "cvt "} & set(source.keys())
            assert hinting <= set(font.keys()), f"{family} {slot}: the hinting is kept"
        assert font["OS/2"].fsType in (0, 8), "LibreOffice ignores other embedding bits"
        assert font["maxp"].numGlyphs >= MINIMUM_GLYPHS, "LibreOffice 24.8 drops tiny subsets"
        assert "glyf" in font, "TrueType outlines"


def test_the_english_brief_embeds_a_subset_not_the_whole_face() -> None:
    for (family, slot), font in embedded_fonts(sample_docx("en")).items():
        shipped = next(face for face in FACES.values() if face.family == family)
        bold, italic = SLOTS[slot]
        with TTFont(font_path(shipped.file_for(bold=bold, italic=italic)), lazy=True) as source:
            assert font["maxp"].numGlyphs < source["maxp"].numGlyphs / 5, (family, slot)


def test_the_reference_mark_of_the_english_disclaimer_embeds_the_hangul_face() -> None:
    fonts = embedded_fonts(sample_docx("en"))
    assert ord("※") in fonts[("NanumMyeongjo", "Regular")].getBestCmap()


def test_every_shipped_face_allows_an_editable_subset_in_a_document() -> None:
    for face in FACES.values():
        for file_name in {face.regular, face.bold, face.italic, face.bold_italic}:
            assert is_embeddable(file_name), f"{file_name}: OS/2 fsType forbids embedding it"


def test_a_face_named_only_by_a_style_and_a_run_is_collected() -> None:
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W[1:-1]}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Base Face" w:hAnsi="Base Face" w:eastAsia="Base Hangul"/>'
        '</w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:styleId="Quote"><w:rPr><w:b/>'
        '<w:rFonts w:ascii="New Face" w:hAnsi="New Face"/></w:rPr></w:style></w:styles>')
    body = etree.fromstring(
        f'<w:body xmlns:w="{W[1:-1]}"><w:p><w:pPr><w:pStyle w:val="Quote"/></w:pPr>'
        '<w:r><w:t>Ab 한</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>c</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>d</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        '</w:body>')
    faces = characters_by_face([body], style_sheet(styles))
    assert faces[FaceStyle("New Face", bold=True, italic=False)] == {"A", "b", " "}
    assert faces[FaceStyle("New Face", bold=True, italic=True)] == {"c"}
    assert faces[FaceStyle("Base Hangul", bold=True, italic=False)] == {"한", " "}
    assert faces[FaceStyle("Base Face", bold=False, italic=False)] >= {"d", *"0123456789"}


# ------------------------------------------------------------------ how it is stored

@pytest.mark.parametrize("language", ["en", "ko"])
def test_fonts_are_obfuscated_parts_with_upper_case_keys(language: str) -> None:
    data = sample_docx(language)
    types = part(data, "[Content_Types].xml")
    overrides = {element.get("PartName"): element.get("ContentType") for element in types}
    relations = part(data, "word/_rels/fontTable.xml.rels")
    table = part(data, "word/fontTable.xml")
    keys = [embed.get(f"{W}fontKey") for slot in SLOTS for embed in table.iter(f"{W}embed{slot}")]
    assert keys and all(GUID.fullmatch(key) for key in keys)
    assert len(relations) == len(keys)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for relation in relations:
            assert relation.get("Type") == FONT_RELATIONSHIP
            name = f"/word/{relation.get('Target')}"
            assert re.fullmatch(r"/word/fonts/font\d+\.odttf", name)
            assert overrides[name] == OBFUSCATED_FONT
            stored = package.read(name[1:])
            assert stored[:4] not in (b"\x00\x01\x00\x00", b"true"), "not obfuscated"


def test_obfuscation_follows_ecma_376_and_undoes_itself() -> None:
    font = bytes(range(40))
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    scrambled = obfuscated(font, key)
    reversed_key = bytes.fromhex("00112233445566778899AABBCCDDEEFF")[::-1]
    assert scrambled[:32] == bytes(byte ^ reversed_key[index % 16]
                                   for index, byte in enumerate(font[:32]))
    assert scrambled[32:] == font[32:]
    assert obfuscated(scrambled, key) == font


def test_the_key_comes_from_the_font_and_a_subset_does_not_depend_on_the_time() -> None:
    characters = frozenset("Assessment")
    first = subset_font("LiberationSerif-Regular.ttf", characters)
    assert subset_font("LiberationSerif-Regular.ttf", characters) == first
    assert font_key(first) == font_key(first) != font_key(first + b"\0")
    with TTFont(io.BytesIO(first)) as subset, TTFont(
            font_path("LiberationSerif-Regular.ttf"), lazy=True) as source:
        assert subset["head"].modified == source["head"].modified


def test_a_remembered_subset_is_the_subset_and_a_damaged_entry_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    characters = frozenset("Remembered")
    fresh = subset_font("LiberationSans-Bold.ttf", characters)
    assert remembered_subset("LiberationSans-Bold.ttf", characters) == fresh
    [entry] = (tmp_path / "kinu-brief" / "docx-fonts").iterdir()

    def no_subsetting(*_: object) -> bytes:
        raise AssertionError("subset made again")

    monkeypatch.setattr(embedding, "subset_font", no_subsetting)
    assert remembered_subset("LiberationSans-Bold.ttf", characters) == fresh
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    entry.write_bytes(entry.read_bytes()[:-40] + bytes(40))
    assert remembered_subset("LiberationSans-Bold.ttf", characters) == fresh
    assert remembered_subset("LiberationSans-Bold.ttf", frozenset("Other ©")) != fresh


def test_settings_ask_word_to_keep_embedding_subsets_in_schema_order() -> None:
    settings = part(sample_docx("en"), "word/settings.xml")
    names = [etree.QName(child).localname for child in settings]
    assert names.index("zoom") < names.index("embedTrueTypeFonts")
    assert names.index("embedTrueTypeFonts") + 1 == names.index("saveSubsetFonts")
    assert names.index("saveSubsetFonts") < names.index("defaultTabStop")


# ------------------------------------------------------------------ the font table

def test_the_font_table_lists_each_face_with_what_word_substitutes_it_by() -> None:
    entries = {entry.get(f"{W}name"): entry
               for language in ("en", "ko")
               for entry in part(sample_docx(language), "word/fontTable.xml")}
    assert set(entries) == {"Liberation Serif", "Liberation Sans", "NanumMyeongjo",
                            "NanumGothic"}

    def value(family: str, tag: str) -> str:
        return str(entries[family].find(f"{W}{tag}").get(f"{W}val"))

    assert value("Liberation Serif", "altName") == "Times New Roman"
    assert value("Liberation Sans", "altName") == "Arial"
    assert value("NanumMyeongjo", "altName") == "Batang"
    assert value("NanumGothic", "altName") == "Malgun Gothic"
    assert value("Liberation Serif", "panose1") == "02020603050405020304"
    assert value("Liberation Sans", "panose1") == "020B0604020202020204"
    assert [value(family, "charset") for family in ("Liberation Serif", "NanumGothic")] == [
        "00", "81"]
    assert [value(family, "family") for family in entries] == [
        {"Liberation Serif": "roman", "NanumMyeongjo": "roman"}.get(family, "swiss")
        for family in entries]
    for family, entry in entries.items():
        assert value(family, "pitch") == "variable"
        signature = entry.find(f"{W}sig")
        face = next(face for face in FACES.values() if face.family == family)
        with TTFont(font_path(face.regular), lazy=True) as font:
            assert signature.get(f"{W}usb0") == f"{font['OS/2'].ulUnicodeRange1:08X}"
            assert signature.get(f"{W}csb0") == f"{font['OS/2'].ulCodePageRange1:08X}"
        children = [etree.QName(child).localname for child in entry]
        assert children[:6] == ["altName", "panose1", "charset", "family", "pitch", "sig"]


def test_the_description_read_from_the_raw_tables_is_what_fonttools_reads() -> None:
    for face in FACES.values():
        for file_name in {face.regular, face.bold, face.italic, face.bold_italic}:
            description = describe_font(file_name)
            with TTFont(font_path(file_name), lazy=True) as font:
                os2 = font["OS/2"]
                assert description.fs_type == os2.fsType
                assert list(description.panose) == [
                    getattr(os2.panose, field) for field in (
                        "bFamilyType", "bSerifStyle", "bWeight", "bProportion", "bContrast",
                        "bStrokeVariation", "bArmStyle", "bLetterForm", "bMidline",
                        "bXHeight")]
                assert description.signature == {
                    "usb0": f"{os2.ulUnicodeRange1:08X}", "usb1": f"{os2.ulUnicodeRange2:08X}",
                    "usb2": f"{os2.ulUnicodeRange3:08X}", "usb3": f"{os2.ulUnicodeRange4:08X}",
                    "csb0": f"{os2.ulCodePageRange1:08X}", "csb1": f"{os2.ulCodePageRange2:08X}"}
                assert description.pitch == ("fixed" if font["post"].isFixedPitch else "variable")


# ------------------------------------------------------------------ round trips

@pytest.mark.parametrize("language", ["en", "ko"])
def test_python_docx_opens_and_saves_the_document_with_its_fonts(language: str) -> None:
    data = sample_docx(language)
    saved = io.BytesIO()
    docx.Document(io.BytesIO(data)).save(saved)
    again = saved.getvalue()
    assert etree.tostring(part(again, "word/fontTable.xml")) == etree.tostring(
        part(data, "word/fontTable.xml"))
    before, after = embedded_fonts(data), embedded_fonts(again)
    assert sorted(before) == sorted(after)
    for key, font in before.items():
        assert font.getBestCmap() == after[key].getBestCmap()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(saved) as copy:
        fonts = [name for name in original.namelist() if name.startswith("word/fonts/")]
        assert fonts and all(original.read(name) == copy.read(name) for name in fonts)


def test_two_builds_are_byte_identical_even_with_the_subsets_made_anew() -> None:
    source = load_source(SAMPLE)
    brief = settled_layout(brief_for(source, "ko", variant="exec"))
    first = render_docx(brief)
    embedded_font.cache_clear()
    assert render_docx(brief) == first
    script = ("import sys; from generator.render.docx import render_docx; "
              "from generator.build.work import settled_layout; "
              "from generator.source import brief_for, load_source; "
              "from pathlib import Path; "
              f"b = settled_layout(brief_for(load_source(Path({str(SAMPLE)!r})), 'ko', variant='exec')); "
              "sys.stdout.buffer.write(render_docx(b))")
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                           cwd=ROOT).stdout
    assert other == first

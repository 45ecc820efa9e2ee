"""The shipped faces embedded in every DOCX, so it looks the same on a desk without them.

For each face the document sets text in (generator.render.docx.font_usage reads them
from the document's own runs), the shipped TrueType file is subset to the glyphs the
document uses and stored obfuscated, as ECMA-376 Part 1 §17.8.1 prescribes: the first
32 bytes of the font XORed with a 16-byte key, the key written in the font table as a
GUID (`w:fontKey`), the font a `word/fonts/fontN.odttf` part related from the font
table. The font table (`word/fontTable.xml`) gets one entry per family used, with
what Word picks a substitute by (PANOSE, charset, family, pitch and the OS/2 Unicode
and code-page signature, all read from the font) and `w:altName`, the face a Word desk
without ours has (generator.style.fonts.WORD_DESK_FACES).

Deterministic: the subset keeps the font's own timestamp (fontTools would stamp the
current time) and the key is derived from the subset's bytes (SHA-256), so equal
documents get equal fonts. Traps met on the way: LibreOffice reads the key as upper-
case hex; it ignores a face whose OS/2 fsType is not 0 (installable) or 8 (editable);
LibreOffice 24.8 and later drop subsets of fewer than 26 glyphs, so a small subset is
padded with the ASCII letters. A subset keeps the face's kerning, ligatures and
TrueType hinting: without the hinting a subset is about half the size, but the glyphs
are then drawn differently from the installed face's (LibreOffice's PDF of the Korean
title differs by some 150 pixels at 50 dpi; Word on a screen, at small sizes).

Subsets are kept per process and in the per-user cache (generator/user_cache.py), keyed
by the font file, fontTools' version and the characters: a brief rebuilt after an edit,
or a batch of briefs that share their characters, subsets each face once (see
docs/fonts.md for the numbers).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

from generator import user_cache
from generator.render.docx.font_table import font_entry, is_embeddable
from generator.render.docx.font_usage import (
    FaceStyle,
    StyleSheet,
    characters_by_face,
    style_sheet,
)
from generator.render.docx.ooxml import add
from generator.render.docx.package import Deflated, FrozenPart, deflate
from generator.style.coverage import has_glyph
from generator.style.fonts import FontFace, font_path
from generator.style.house import FACES

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
SLOTS = ("Regular", "Bold", "Italic", "BoldItalic")  # w:embedRegular, w:embedBold, ...
MINIMUM_GLYPHS = 26  # LibreOffice 24.8+ ignores an embedded subset with fewer glyphs
_STORY_TYPES = frozenset({
    CONTENT_TYPE.WML_DOCUMENT_MAIN, CONTENT_TYPE.WML_FOOTNOTES, CONTENT_TYPE.WML_ENDNOTES,
    CONTENT_TYPE.WML_HEADER, CONTENT_TYPE.WML_FOOTER, CONTENT_TYPE.WML_COMMENTS,
})
# fontTools' subsetting options: keep the hinting and the legacy kern table (Nanum
# Gothic Bold kerns only there), and the names copyright, family, style, unique and
# full name, version, PostScript name (0-6), and the licence and its address (13, 14),
# as the OFL asks. FontForge's and VTT's private tables go.
SUBSET_OPTIONS = {"hinting": True, "legacy_kern": True, "notdef_outline": True,
                  "name_IDs": [0, 1, 2, 3, 4, 5, 6, 13, 14]}
DROPPED_TABLES = ("FFTM", "TSI0", "TSI1", "TSI2", "TSI3", "TSI5")
_ALWAYS = " -"  # the space and the hyphen an application's hyphenation adds


@dataclass(frozen=True)
class EmbeddedFont:
    """One subset font as stored in the package: obfuscated bytes and their key."""

    key: str  # "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", upper-case hex
    data: bytes
    deflated: Deflated


# ------------------------------------------------------------------ the document

def embed_fonts(document: Document) -> None:
    """Embed a subset of every shipped face `document` sets text in, and write its font
    table: an entry per family, with the embedded styles of the family."""
    package = document.part.package
    font_table = cast(XmlPart, document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE))
    files = characters_by_file(document_faces(package))
    entries = font_table.element
    for leftover in list(entries):
        entries.remove(leftover)  # the template's list of faces no brief uses
    number = 0
    for family in sorted({family for family, _ in files}):
        entry = font_entry(shipped_faces()[family])
        for slot in SLOTS:
            characters = files.get((family, slot))
            if characters is None:
                continue
            number += 1
            file_name = _file_of(family, slot)
            font = embedded_font(file_name, frozenset(characters))
            part = FrozenPart(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT,
                              font.data, font.deflated, package)
            relation = font_table.relate_to(part, RELATIONSHIP_TYPE.FONT)
            add(entry, f"w:embed{slot}", {"r:id": relation, "w:fontKey": font.key,
                                          "w:subsetted": "1"})
        entries.append(entry)


def document_faces(package: OpcPackage) -> dict[FaceStyle, set[str]]:
    """The characters each face sets in `package`'s stories and list labels."""
    parts = {part.content_type: part for part in package.parts
             if part.content_type not in _STORY_TYPES}
    stories = [_element_of(part) for part in package.parts if part.content_type in _STORY_TYPES]
    sheet = _style_sheet_of(parts[CONTENT_TYPE.WML_STYLES].blob)
    numbering = parts.get(CONTENT_TYPE.WML_NUMBERING)
    return characters_by_face(stories, sheet,
                              None if numbering is None else _element_of(numbering))


def characters_by_file(faces: dict[FaceStyle, set[str]]) -> dict[tuple[str, str], set[str]]:
    """The characters to embed per (family, slot) of a shipped, embeddable face: a
    shipped family without italic (Nanum) sets its italic in the upright file."""
    by_file: dict[tuple[str, str], set[str]] = {}
    for face, characters in faces.items():
        shipped = shipped_faces().get(face.family)
        if shipped is None:
            continue
        file_name = shipped.file_for(bold=face.bold, italic=face.italic)
        if not is_embeddable(file_name):
            continue
        slot = _slot_of(shipped, file_name)
        by_file.setdefault((face.family, slot), set()).update(
            character for character in characters if has_glyph(file_name, character))
    return by_file


@functools.cache
def shipped_faces() -> dict[str, FontFace]:
    """Every family of the house style, by the name the documents give it."""
    return {face.family: face for face in FACES.values()}


def _slot_of(face: FontFace, file_name: str) -> str:
    """The style a file is embedded as: the first whose file it is (Nanum's italic is
    its upright file, embedded once, as Regular)."""
    files = (face.regular, face.bold, face.italic, face.bold_italic)
    return SLOTS[files.index(file_name)]


def _file_of(family: str, slot: str) -> str:
    face = shipped_faces()[family]
    return (face.regular, face.bold, face.italic, face.bold_italic)[SLOTS.index(slot)]


def _element_of(part: Part) -> BaseOxmlElement:
    if isinstance(part, XmlPart):
        return cast(BaseOxmlElement, part.element)
    return _parsed(part.blob)


@functools.lru_cache(maxsize=8)
def _parsed(blob: bytes) -> BaseOxmlElement:
    """A frozen template part's XML (the same bytes for every document of a template)."""
    return parse_xml(blob)


@functools.lru_cache(maxsize=8)
def _style_sheet_of(blob: bytes) -> StyleSheet:
    return style_sheet(_parsed(blob))


# ------------------------------------------------------------------ subsets

@functools.lru_cache(maxsize=64)
def embedded_font(file_name: str, characters: frozenset[str]) -> EmbeddedFont:
    """The subset of `file_name` holding `characters`, obfuscated with a key of its own."""
    subset = remembered_subset(file_name, characters)
    key = font_key(subset)
    data = obfuscated(subset, key)
    return EmbeddedFont(key, data, deflate(data))


def remembered_subset(file_name: str, characters: frozenset[str]) -> bytes:
    """subset_font's bytes, from the per-user cache when it has them (a brief rebuilt
    after an edit mostly uses the characters it used before), else made and kept."""
    path = font_path(file_name)
    entry = _cache_entry(path, characters)
    stored = user_cache.read_entry(entry)
    if stored is not None and len(stored) > _DIGEST_SIZE:
        subset, digest = stored[:-_DIGEST_SIZE], stored[-_DIGEST_SIZE:]
        if hashlib.sha256(subset).digest() == digest:
            return subset
    subset = subset_font(file_name, characters)
    if user_cache.settled(path):
        user_cache.write_entry(entry, subset + hashlib.sha256(subset).digest())
    return subset


_DIGEST_SIZE = 32
_CACHE_FORMAT = 1  # bump when subset_font changes in a way its options do not show


def _cache_entry(path: Path, characters: frozenset[str]) -> str:
    """The cache entry of a subset: what it is made with (the options, the font file's
    stat signature, fontTools' version) and of (the characters), hashed."""
    import fontTools

    key = json.dumps([_CACHE_FORMAT, SUBSET_OPTIONS, DROPPED_TABLES, MINIMUM_GLYPHS, _ALWAYS,
                      user_cache.stat_signature(path), fontTools.version,
                      "".join(sorted(characters))])
    return f"docx-fonts/{path.stem}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.ttf"


def subset_font(file_name: str, characters: frozenset[str]) -> bytes:
    """The glyphs of `characters` (padded to MINIMUM_GLYPHS) from a shipped TrueType
    file, with its kerning, ligatures and hinting; the bytes depend on the input only."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted = set(characters) | set(_ALWAYS)
    if len(wanted) < MINIMUM_GLYPHS:
        wanted |= set(string.ascii_letters)
    options = subset.Options(**SUBSET_OPTIONS)
    options.drop_tables = [*options.drop_tables, *DROPPED_TABLES]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(character) for character in wanted
                                       if has_glyph(file_name, character)))
    with TTFont(font_path(file_name), lazy=True, recalcTimestamp=False,
                recalcBBoxes=False) as font, _quiet(subset.log):
        subsetter.subset(font)
        output = io.BytesIO()
        font.save(output)
    return output.getvalue()


class _quiet:
    """fontTools' subsetter logs at INFO and WARNING what it drops; a build logs nothing."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger
        self.level = logger.level

    def __enter__(self) -> None:
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *_: object) -> None:
        self.logger.setLevel(self.level)


def font_key(font: bytes) -> str:
    """A GUID for `font` derived from its bytes, in the upper-case braced form."""
    digest = hashlib.sha256(font).hexdigest().upper()[:32]
    return f"{{{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}}}"


def obfuscated(font: bytes, key: str) -> bytes:
    """ECMA-376 §17.8.1: the first 32 bytes XORed with the key's 16 bytes, which are the
    GUID's hex digits read as bytes from the last to the first. Its own inverse."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(font[:32]))
    return head + font[32:]


def iter_embedded(font_table: BaseOxmlElement) -> Iterator[tuple[str, str, str, str]]:
    """(family, slot, relationship id, key) of each embedded font a font table lists."""
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    relationships = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    for entry in font_table.iter(f"{namespace}font"):
        for slot in SLOTS:
            embed = entry.find(f"{namespace}embed{slot}")
            if embed is not None:
                yield (entry.get(f"{namespace}name", ""), slot, embed.get(f"{relationships}id", ""),
                       embed.get(f"{namespace}fontKey", ""))

"""The font table's entry of a face: what Word picks a substitute by.

`word/fontTable.xml` lists each family a document uses with the alternate a Word desk
without it has (generator.style.fonts.WORD_DESK_FACES) and the face's PANOSE number,
Windows character set, family class, pitch and OS/2 Unicode and code-page signature,
read from the font file's OS/2 and post tables. The tables are read directly (a few
fixed offsets), so a build whose subsets are all remembered never loads fontTools.
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass

from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import add, make
from generator.style.fonts import WORD_DESK_FACES, FontFace, font_path

EMBEDDABLE_FS_TYPES = (0, 8)  # installable, editable: what LibreOffice (and Word) load
_EMBEDDING_BITS = 0x030F  # the usage permissions, no-subsetting and bitmap-only bits
# Windows character sets by OS/2 code-page bit, the first that a face has wins.
_CHARSETS = ((19, "81"), (21, "81"), (17, "80"), (18, "86"), (20, "88"))
# The IBM font class (high byte of sFamilyClass) → the w:family Word groups faces by.
_FAMILY_CLASSES = {1: "roman", 2: "roman", 3: "roman", 4: "roman", 5: "roman", 7: "roman",
                   8: "swiss", 9: "decorative", 10: "script", 12: "decorative"}
_SANS_SERIF_STYLES = range(11, 14)  # PANOSE bSerifStyle: normal, obtuse, perpendicular sans
_MONOSPACED = 9  # PANOSE bProportion


@dataclass(frozen=True)
class FontDescription:
    """What a font table entry says of a face."""

    fs_type: int
    panose: bytes
    charset: str
    family: str
    pitch: str
    signature: dict[str, str]


def font_entry(face: FontFace) -> BaseOxmlElement:
    """The w:font of `face` (without its embedded fonts): alternate name, PANOSE,
    charset, family, pitch and signature, in the order CT_Font prescribes."""
    description = describe_font(face.regular)
    entry = make("w:font", {"w:name": face.family})
    desk_face = WORD_DESK_FACES.get(face.family)
    if desk_face is not None:
        add(entry, "w:altName", {"w:val": desk_face})
    add(entry, "w:panose1", {"w:val": description.panose.hex().upper()})
    add(entry, "w:charset", {"w:val": description.charset})
    add(entry, "w:family", {"w:val": description.family})
    add(entry, "w:pitch", {"w:val": description.pitch})
    add(entry, "w:sig", {f"w:{name}": value for name, value in description.signature.items()})
    return entry


def is_embeddable(file_name: str) -> bool:
    """Whether the font's own embedding bits let a document carry a subset of it that
    can be edited: OS/2 fsType 0 (installable) or 8 (editable), subsetting allowed."""
    return describe_font(file_name).fs_type & _EMBEDDING_BITS in EMBEDDABLE_FS_TYPES


@functools.cache
def describe_font(file_name: str) -> FontDescription:
    """The font table description of a shipped font file (its OS/2 table version 1 or
    later, as every shipped face has)."""
    tables = sfnt_tables(file_name, (b"OS/2", b"post"))
    os2, post = tables[b"OS/2"], tables[b"post"]
    fs_type, family_class = struct.unpack_from(">H", os2, 8)[0], os2[30]
    panose = os2[32:42]
    unicode_ranges = struct.unpack_from(">4L", os2, 42)
    code_pages = struct.unpack_from(">2L", os2, 78)
    charset = next((value for bit, value in _CHARSETS if code_pages[0] >> bit & 1), "00")
    family = _FAMILY_CLASSES.get(family_class) or (
        "swiss" if panose[1] in _SANS_SERIF_STYLES else "roman")
    fixed = struct.unpack_from(">L", post, 12)[0] != 0 or panose[3] == _MONOSPACED
    names = ("usb0", "usb1", "usb2", "usb3", "csb0", "csb1")
    return FontDescription(
        fs_type=fs_type, panose=bytes(panose), charset=charset, family=family,
        pitch="fixed" if fixed else "variable",
        signature={name: f"{value:08X}"
                   for name, value in zip(names, (*unicode_ranges, *code_pages), strict=True)},
    )


def sfnt_tables(file_name: str, tags: tuple[bytes, ...]) -> dict[bytes, bytes]:
    """The raw bytes of the tables `tags` of a shipped TrueType file."""
    with font_path(file_name).open("rb") as stream:
        count = struct.unpack(">4xH6x", stream.read(12))[0]
        directory = stream.read(16 * count)
        tables = {}
        for index in range(count):
            tag, _, offset, length = struct.unpack_from(">4s3L", directory, 16 * index)
            if tag in tags:
                stream.seek(offset)
                tables[tag] = stream.read(length)
    missing = set(tags) - set(tables)
    if missing:
        raise ValueError(f"{file_name} has no {sorted(missing)} table")
    return tables

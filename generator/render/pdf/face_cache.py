"""Parsed TrueType faces whose character tables are remembered across runs.

reportlab parses a face's whole cmap, hmtx and loca tables in Python when it loads it:
~4 ms for a Liberation face, ~25-40 ms for a Nanum face (12,000 characters, 20,000
glyphs), in every process that renders a PDF. Those tables are kept in the per-user
cache (generator/user_cache.py, marshal: plain ints, floats, lists and dicts) under
the font file's stat signature and the reportlab and Python versions. A face is then
loaded with reportlab's own parser told to skip them (`charInfo=0`: the header,
names and metrics are still read from the file) and given the remembered tables.
tests/test_pdf_face_cache.py checks a remembered face equals a parsed one, attribute
for attribute, for every shipped font, so a reportlab upgrade that parses differently
cannot slip through.
"""

from __future__ import annotations

import marshal
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import (
    TTEncoding,
    TTFont,
    TTFontFace,
    TTFontFile,
    unShapedFontGlob,
)

from generator import user_cache

# What TTFontFile.extractInfo sets from the cmap, hmtx and loca tables (charInfo=1).
CHARACTER_TABLES = ("charToGlyph", "glyphToChar", "charWidths", "defaultWidth", "hmetrics",
                    "glyphPos")
FORMAT = 1
# reportlab's default (rl_config.ttfAsciiReadable) puts every printable ASCII glyph into
# every subset, used or not: a third of the English PDF. Subsets hold what is drawn.
ASCII_READABLE = False


def load_font(name: str, path: Path) -> TTFont:
    """reportlab's TTFont of the file at `path`, its character tables remembered."""
    entry = _entry_name(path)
    tables = _remembered_tables(entry)
    if tables is None:
        face = TTFontFace(str(path))
        if user_cache.settled(path):
            user_cache.write_entry(entry, marshal.dumps(character_tables(face)))
    else:
        face = face_with_tables(path, tables)
    return font_of_face(name, face)


def character_tables(face: TTFontFace) -> dict[str, Any]:
    return {attribute: getattr(face, attribute) for attribute in CHARACTER_TABLES}


def face_with_tables(path: Path, tables: dict[str, Any]) -> TTFontFace:
    """The face at `path` read without its character tables, which `tables` gives."""
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    TTFontFile.__init__(face, str(path), charInfo=0)
    for attribute in CHARACTER_TABLES:
        setattr(face, attribute, tables[attribute])
    return face


def font_of_face(name: str, face: TTFontFace) -> TTFont:
    """TTFont(name, file, asciiReadable=ASCII_READABLE) with an already loaded face:
    what TTFont.__init__ sets."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = ASCII_READABLE
    font.shapable = not any(fnmatch(name, pattern) for pattern in unShapedFontGlob)
    return font


def _entry_name(path: Path) -> str:
    return user_cache.entry_for_file("faces", path, FORMAT, REPORTLAB_VERSION)


def _remembered_tables(entry: str) -> dict[str, Any] | None:
    tables = user_cache.read_marshalled(entry)
    if not isinstance(tables, dict) or set(tables) != set(CHARACTER_TABLES):
        return None
    return tables

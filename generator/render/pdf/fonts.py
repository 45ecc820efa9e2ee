"""The shipped TrueType faces, registered with reportlab once per process, on demand.

Each face file is parsed only when a run first needs it, so a brief without Hangul
never pays for parsing the (large) Nanum files, nor one without Hanja for the Hanja
faces. Text is split into runs by the rule the DOCX follows too
(`generator.style.glyphs`): Hangul in the Hangul face of the role's kind, Hanja in its
Hanja face, everything else in the Latin face, unless that face lacks the glyph (the
reference mark ※ of the disclaimer comes from Nanum); a character no shipped face has
is an error, never a silent blank box.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.render.pdf.face_cache import load_font
from generator.style.coverage import has_glyph
from generator.style.fonts import FontFace, font_path, script_of
from generator.style.glyphs import UnsupportedCharacterError, face_runs
from generator.style.house import FACES, ROLES, FaceKind

__all__ = ["UnsupportedCharacterError", "font_name", "preload_faces", "script_runs"]

LATIN = "latin"
HANGUL = "hangul"


@cache
def _registered_font(file_name: str) -> TTFont:
    font = load_font(Path(file_name).stem, font_path(file_name))
    pdfmetrics.registerFont(font)
    return font


@cache
def _register_family(face: FontFace) -> None:
    stems = [Path(name).stem for name in (face.regular, face.bold, face.italic, face.bold_italic)]
    pdfmetrics.registerFontFamily(
        face.family, normal=stems[0], bold=stems[1], italic=stems[2], boldItalic=stems[3]
    )


def font_name(
    kind: FaceKind, script: str = LATIN, *, bold: bool = False, italic: bool = False
) -> str:
    """The reportlab name of the face for `kind`/`script`, registering it on first use."""
    face = FACES[(kind, script)]
    _register_family(face)
    return str(_registered_font(face.file_for(bold=bold, italic=italic)).fontName)


def preload_faces() -> None:
    """Parse, ahead of the first render, the faces every brief sets: each role's Latin
    face, and the Hangul face of the disclaimer, whose ※ the Latin faces lack. A build
    worker does this while the main process is still reading the source."""
    for role in ROLES.values():
        font_name(role.face, LATIN, bold=role.bold, italic=role.italic)
    disclaimer = ROLES["disclaimer"]
    font_name(disclaimer.face, HANGUL, bold=disclaimer.bold, italic=disclaimer.italic)


def script_runs(
    text: str, kind: FaceKind, *, bold: bool = False, italic: bool = False
) -> list[tuple[str, str]]:
    """`text` cut into (font name, text) runs by the face rule of both formats
    (`generator.style.glyphs.face_runs`); whitespace stays in the run it follows."""
    latin_file = FACES[(kind, LATIN)].file_for(bold=bold, italic=italic)
    if _latin_covers(text, latin_file):
        return [(font_name(kind, LATIN, bold=bold, italic=italic), text)]
    runs: list[tuple[str, str]] = []
    for script, part in face_runs(text, kind, bold=bold, italic=italic):
        name = font_name(kind, script, bold=bold, italic=italic)
        if runs and runs[-1][0] == name:  # Hangul and Hanja of one face (Nanum Gothic)
            runs[-1] = (name, runs[-1][1] + part)
        else:
            runs.append((name, part))
    return runs


def _latin_covers(text: str, latin_file: str) -> bool:
    """True when `text` is set in the Latin face alone: no East Asian script, and the
    Latin face has every glyph it needs."""
    return text.isascii() or all(
        character.isspace() or (script_of(character) == LATIN and has_glyph(latin_file, character))
        for character in set(text)
    )

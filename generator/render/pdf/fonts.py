"""The shipped TrueType faces, registered with reportlab once per process, on demand.

Each face file is parsed only when a run first needs it, so a brief without Hangul
never pays for parsing the (large) Nanum files. Text is split into runs by script
(`generator.style.fonts.script_of`): Hangul goes to the Hangul face of the role's
kind, everything else to the Latin face.
A character the Latin face lacks (e.g. the reference mark ※ of the disclaimer) falls
back to the Hangul face; a character no shipped face has is an error, never a silent
blank box.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.render.pdf.face_cache import load_font
from generator.style.coverage import has_glyph
from generator.style.fonts import HANGUL_SCRIPT_RANGES, FontFace, font_path, script_of
from generator.style.house import FACES, ROLES, FaceKind

LATIN = "latin"
HANGUL = "hangul"


class UnsupportedCharacterError(ValueError):
    """A character that none of the shipped faces can draw."""


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


def _face_file(kind: FaceKind, script: str, bold: bool, italic: bool) -> str:
    return FACES[(kind, script)].file_for(bold=bold, italic=italic)


def _latin_covers(text: str, latin_file: str) -> bool:
    """True when `text` has no Hangul and the Latin face has every glyph it needs."""
    return all(
        character.isspace() or (script_of(character) == LATIN and has_glyph(latin_file, character))
        for character in set(text)
    )


def _face_script(character: str, kind: FaceKind, bold: bool, italic: bool) -> str:
    if script_of(character) == HANGUL:
        return HANGUL
    if character.isspace() or has_glyph(_face_file(kind, LATIN, bold, italic), character):
        return LATIN
    if has_glyph(_face_file(kind, HANGUL, bold, italic), character):
        return HANGUL
    raise UnsupportedCharacterError(
        f"no shipped {kind} face has a glyph for U+{ord(character):04X} ({character!r})"
    )


_HANGUL_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in HANGUL_SCRIPT_RANGES)
# A stretch of Hangul-script text with the whitespace inside and after it: whitespace
# stays in the run it follows.
_HANGUL_STRETCH = re.compile(f"[{_HANGUL_CLASS}][{_HANGUL_CLASS}\\s]*")


def script_runs(
    text: str, kind: FaceKind, *, bold: bool = False, italic: bool = False
) -> list[tuple[str, str]]:
    """`text` cut into (font name, text) runs; whitespace stays in the run it is in."""
    latin_name = font_name(kind, LATIN, bold=bold, italic=italic)
    if _latin_covers(text, _face_file(kind, LATIN, bold, italic)):
        return [(latin_name, text)]
    hangul_name = font_name(kind, HANGUL, bold=bold, italic=italic)
    runs: list[tuple[str, str]] = []
    done = 0
    for stretch in _HANGUL_STRETCH.finditer(text):
        runs += _other_runs(text[done:stretch.start()], kind, bold, italic)
        runs.append((hangul_name, stretch.group()))
        done = stretch.end()
    runs += _other_runs(text[done:], kind, bold, italic)
    return _merged(runs)


def _other_runs(text: str, kind: FaceKind, bold: bool,
                italic: bool) -> list[tuple[str, str]]:
    """Runs of text without Hangul: the Latin face, or the Hangul face for a character
    only it has (a whitespace character joins the run before it)."""
    if not text:
        return []
    if _latin_covers(text, _face_file(kind, LATIN, bold, italic)):
        return [(font_name(kind, LATIN, bold=bold, italic=italic), text)]
    runs: list[tuple[str, str]] = []
    for character in text:
        if character.isspace() and runs:
            runs[-1] = (runs[-1][0], runs[-1][1] + character)
            continue
        script = _face_script(character, kind, bold, italic)
        runs.append((font_name(kind, script, bold=bold, italic=italic), character))
    return _merged(runs)


def _merged(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent runs of one face joined."""
    merged: list[tuple[str, str]] = []
    for name, part in runs:
        if merged and merged[-1][0] == name:
            merged[-1] = (name, merged[-1][1] + part)
        else:
            merged.append((name, part))
    return merged

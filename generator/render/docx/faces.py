"""Runs of text in the face that has their glyphs, by the rule the PDF follows too.

A paragraph style names the role's Latin face for Latin text and its Hangul face for
Hangul; Word and LibreOffice pick between them by each character's script. A Latin-
script character that the Latin face lacks but the Hangul face has (the reference
mark ※) would fall back to some other face; it gets a run of its own naming the Hangul
face for every script (generator.style.glyphs.face_script decides, for both formats).
"""

from __future__ import annotations

import re
from copy import deepcopy
from itertools import groupby

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import add_run, make
from generator.style.fonts import script_of
from generator.style.glyphs import face_script
from generator.style.house import FACES, FaceKind

WORD_JOINER = "\u2060"
_LATIN = "0-9A-Za-z\u00c0-\u024f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_SCRIPT_SEAM = re.compile(f"(?<=[{_LATIN}])(?=[{_HANGUL}])|(?<=[{_HANGUL}])(?=[{_LATIN}])")


def joined_at_script_seams(text: str) -> str:
    """`text` with a word joiner wherever a Latin letter or digit touches Hangul."""
    if text.isascii():
        return text
    return _SCRIPT_SEAM.sub(WORD_JOINER, text)


def add_text_runs(
    container: BaseOxmlElement, text: str, kind: FaceKind, *, bold: bool = False,
    italic: bool = False, properties: BaseOxmlElement | None = None,
) -> None:
    """Append `text` to `container` as runs with (copies of) `properties`, each in a
    face that has its characters; `bold` and `italic` are the runs' resolved weight and
    slant, which decide which faces have a character."""
    text = joined_at_script_seams(text)
    if not _needs_other_face(text, kind, bold, italic):
        add_run(container, text, properties)
        return
    spans = groupby(text, key=lambda character: _in_hangul_face(character, kind, bold, italic))
    for in_hangul_face, characters in spans:
        run_properties = make("w:rPr") if properties is None else deepcopy(properties)
        if in_hangul_face:
            _name_every_script_face(run_properties, FACES[(kind, "hangul")].family)
        add_run(container, "".join(characters), run_properties)


def _needs_other_face(text: str, kind: FaceKind, bold: bool, italic: bool) -> bool:
    return not text.isascii() and any(
        _in_hangul_face(character, kind, bold, italic) for character in set(text))


def _in_hangul_face(character: str, kind: FaceKind, bold: bool, italic: bool) -> bool:
    """A non-Hangul character only the Hangul face has; Hangul itself is left to the
    style's East Asian face, which both applications pick for it."""
    return (script_of(character) != "hangul"
            and face_script(character, kind, bold, italic) == "hangul")


def _name_every_script_face(properties: BaseOxmlElement, family: str) -> None:
    """w:rFonts naming `family` for every script, with the East Asian hint, in its place
    (after a w:rStyle, before everything else)."""
    fonts = make("w:rFonts", {"w:ascii": family, "w:hAnsi": family, "w:eastAsia": family,
                              "w:cs": family, "w:hint": "eastAsia"})
    style = properties.find(qn("w:rStyle"))
    properties.insert(0 if style is None else 1, fonts)

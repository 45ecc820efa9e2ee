"""Runs of text in the face that has their glyphs, by the rule the PDF follows too.

A paragraph style names the role's Latin face for Latin text and its Hangul face for
East Asian text; Word and LibreOffice pick between them by each character's script.
A character the rule of both formats (generator.style.glyphs) sets in another face
gets a run of its own naming that face for every script: Hanja in serif text (Noto
Serif CJK KR: Nanum Myeongjo has none), the reference mark ※ (Nanum: the Latin faces
lack it), the check mark ✓.

Korean breaks between words (어절), never inside one (the PDF: line_breaking.py). Inside
a word, a word joiner goes where a Latin letter or digit touches Hangul (LibreOffice
would add space there), and a hyphen of a word with Hangul in it ("S-400을",
"북극성-3형") is Word's non-breaking hyphen (w:noBreakHyphen; LibreOffice reads it as
U+2011), where LibreOffice would otherwise break after it.
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import cache
from itertools import groupby

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import NON_BREAKING_HYPHEN, add_run, make
from generator.style.fonts import is_east_asian
from generator.style.glyphs import face_family
from generator.style.house import FACES, FaceKind

WORD_JOINER = "\u2060"
_LATIN = "0-9A-Za-z\u00c0-\u024f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_SCRIPT_SEAM = re.compile(f"(?<=[{_LATIN}])(?=[{_HANGUL}])|(?<=[{_HANGUL}])(?=[{_LATIN}])")
_WORD = re.compile(r"\S+")
_HANGUL_LETTER = re.compile(f"[{_HANGUL}]")


def joined_at_script_seams(text: str) -> str:
    """`text` with a word joiner wherever a Latin letter or digit touches Hangul."""
    if text.isascii():
        return text
    return _SCRIPT_SEAM.sub(WORD_JOINER, text)


def unbroken_korean_words(text: str) -> str:
    """`text` with a non-breaking hyphen (U+2011) for each hyphen inside a word that
    has Hangul in it; other hyphens (English compounds, addresses) stay breakable."""
    if text.isascii() or "-" not in text:
        return text
    return _WORD.sub(_hyphens_unbroken_if_korean, text)


def _hyphens_unbroken_if_korean(word: re.Match[str]) -> str:
    text = word.group()
    if "-" in text and _HANGUL_LETTER.search(text):
        return text.replace("-", NON_BREAKING_HYPHEN)
    return text


def add_text_runs(
    container: BaseOxmlElement, text: str, kind: FaceKind, *, bold: bool = False,
    italic: bool = False, properties: BaseOxmlElement | None = None,
) -> None:
    """Append `text` to `container` as runs with (copies of) `properties`, each in a
    face that has its characters; `bold` and `italic` are the runs' resolved weight and
    slant, which decide which faces have a character."""
    text = unbroken_korean_words(joined_at_script_seams(text))
    if text.isascii() or not any(_named_face(character, kind, bold, italic)
                                 for character in set(text)):
        add_run(container, text, properties)
        return
    spans = groupby(text, key=lambda character: _named_face(character, kind, bold, italic))
    for family, characters in spans:
        run_properties = make("w:rPr") if properties is None else deepcopy(properties)
        if family:
            _name_every_script_face(run_properties, family)
        add_run(container, "".join(characters), run_properties)


@cache
def _named_face(character: str, kind: FaceKind, bold: bool, italic: bool) -> str:
    """The family a run must name for `character`, or "" when the style's face for its
    script (Latin, or East Asian for Hangul and Hanja) is the one the rule picks."""
    if character.isspace() or character == WORD_JOINER:  # no glyph to draw
        return ""
    if character == NON_BREAKING_HYPHEN:  # drawn with the face's hyphen
        character = "-"
    family = face_family(character, kind, bold, italic)
    default = FACES[(kind, "hangul" if is_east_asian(character) else "latin")].family
    return "" if family == default else family


def _name_every_script_face(properties: BaseOxmlElement, family: str) -> None:
    """w:rFonts naming `family` for every script, with the East Asian hint, in its place
    (after a w:rStyle, before everything else)."""
    fonts = make("w:rFonts", {"w:ascii": family, "w:hAnsi": family, "w:eastAsia": family,
                              "w:cs": family, "w:hint": "eastAsia"})
    style = properties.find(qn("w:rStyle"))
    properties.insert(0 if style is None else 1, fonts)

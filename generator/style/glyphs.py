"""Whether the shipped faces can draw a character: the rule the renderers follow."""

from __future__ import annotations

from functools import cache
from typing import get_args

from generator.style.coverage import has_glyph
from generator.style.fonts import script_of
from generator.style.house import FACES, FaceKind

_STYLES = ((False, False), (True, False), (False, True), (True, True))


@cache
def is_covered(character: str) -> bool:
    """Whether every face that may set `character` can draw it.

    The PDF renderer's rule: a Hangul-script character needs the Hangul face; any
    other needs the Latin face or, failing that, the Hangul face (that is how the
    reference mark ※ of the disclaimer is set). Checked for both kinds and every
    weight and slant, since a source does not say which will set the character.
    """
    if " " <= character <= "~" or character in "\n\t":
        return True
    hangul = script_of(character) == "hangul"
    for kind in get_args(FaceKind):
        for bold, italic in _STYLES:
            latin_file = FACES[(kind, "latin")].file_for(bold=bold, italic=italic)
            hangul_file = FACES[(kind, "hangul")].file_for(bold=bold, italic=italic)
            if not hangul and has_glyph(latin_file, character):
                continue
            if not has_glyph(hangul_file, character):
                return False
    return True


@cache
def face_script(character: str, kind: FaceKind, bold: bool = False, italic: bool = False) -> str:
    """Which face of `kind` sets `character`: "hangul" (Nanum) or "latin" (Liberation).

    The rule both renderers follow: a Hangul-script character takes the Hangul face;
    any other the Latin face, unless that face lacks it and the Hangul face has it (the
    reference mark ※ of the disclaimer). Whitespace always stays Latin.
    """
    if script_of(character) == "hangul":
        return "hangul"
    if character.isspace() or " " <= character <= "~":
        return "latin"
    if has_glyph(FACES[(kind, "latin")].file_for(bold=bold, italic=italic), character):
        return "latin"
    if has_glyph(FACES[(kind, "hangul")].file_for(bold=bold, italic=italic), character):
        return "hangul"
    return "latin"

"""Which shipped face sets a character: the one rule both renderers follow.

A role's kind (serif or sans) has faces in house.FACES for Latin (Liberation), Hangul
(Nanum) and Hanja (Noto Serif CJK KR for serif, Nanum Gothic for sans), and a last
resort for symbols. A character takes the face of its own script
(`generator.style.fonts.script_of`) when that face has it; failing that, the first of
the Latin, Hangul, Hanja and symbol faces that has it (the reference mark ※ comes from
Nanum, the check mark ✓ from the Hanja subset). ASCII always stays Latin, and in a
run whitespace joins the run before it. The source gate refuses a character no face
of some kind, weight or slant can draw, so the renderers never meet one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import get_args

from generator.style.coverage import has_glyph
from generator.style.fonts import SCRIPTS, script_of
from generator.style.house import FACES, FaceKind

_STYLES = ((False, False), (True, False), (False, True), (True, True))


class UnsupportedCharacterError(ValueError):
    """A character that none of the shipped faces can draw."""


@cache
def is_covered(character: str) -> bool:
    """Whether a face of every kind, weight and slant can draw `character`, since a
    source does not say which will set it."""
    return all(face_script(character, kind, bold, italic) is not None
               for kind in get_args(FaceKind) for bold, italic in _STYLES)


@cache
def face_script(character: str, kind: FaceKind, bold: bool = False,
                italic: bool = False) -> str | None:
    """The key of the face of `kind` that sets `character` ("latin", "hangul", "hanja"
    or "symbols", see house.FACES), or None when no face of `kind` has it."""
    if " " <= character <= "~" or character in "\t\n\r":
        return "latin"
    own = script_of(character)
    for script in (own, *(other for other in SCRIPTS if other != own)):
        if has_glyph(FACES[(kind, script)].file_for(bold=bold, italic=italic), character):
            return script
    return None


def face_family(character: str, kind: FaceKind, bold: bool = False,
                italic: bool = False) -> str:
    """The family name of the face that sets `character` (see `face_script`)."""
    return FACES[(kind, _known_script(character, kind, bold, italic))].family


def face_runs(text: str, kind: FaceKind, *, bold: bool = False,
              italic: bool = False) -> list[tuple[str, str]]:
    """`text` cut into (script key, text) runs, each set in FACES[(kind, key)]; a
    whitespace character joins the run before it (a leading one is Latin).

    Each distinct character is judged once; the text is then read as a string of
    one-letter script codes, whose runs one regular expression finds.
    """
    codes = text.translate({
        ord(character): " " if character.isspace()
        else _CODES[_known_script(character, kind, bold, italic)]
        for character in set(text)})
    runs: list[tuple[str, str]] = []
    for match in _CODE_RUN.finditer(codes):
        key = _SCRIPT_OF_CODE.get(codes[match.start()], "latin")
        part = text[match.start():match.end()]
        if runs and runs[-1][0] == key:
            runs[-1] = (key, runs[-1][1] + part)
        else:
            runs.append((key, part))
    return runs


# One letter per script key, for face_runs.
_CODES = {script: "abcdefgh"[index] for index, script in enumerate(SCRIPTS)}
_SCRIPT_OF_CODE = {code: script for script, code in _CODES.items()}
# A run of one script, with the whitespace after it; or whitespace that opens the text.
_CODE_RUN = re.compile("|".join(f"{code}[{code} ]*" for code in _CODES.values()) + "| +")


def _known_script(character: str, kind: FaceKind, bold: bool, italic: bool) -> str:
    script = face_script(character, kind, bold, italic)
    if script is None:
        raise UnsupportedCharacterError(
            f"no shipped {kind} face has a glyph for U+{ord(character):04X} ({character!r})")
    return script

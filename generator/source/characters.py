"""Refuses characters that cannot go into a document, or that no shipped font sets."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from generator.style.fonts import script_of
from generator.style.glyphs import is_covered

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
# Explicit bidirectional formatting: Word honours it, the PDF renderer does not.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")
_DEPRECATED_FORMAT = frozenset("\u206a\u206b\u206c\u206d\u206e\u206f")
# Blocks of the right-to-left scripts (Hebrew to Arabic Extended-A, the Hebrew and
# Arabic presentation forms): their combining marks are not right-to-left characters
# themselves, but belong to text the renderers cannot order.
_RIGHT_TO_LEFT_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFE))
# What the PDF renderer (reportlab) does not keep: it drops a soft hyphen, and breaks
# lines at a zero width space as at a space, printing a full space there. It does the
# same at the other Unicode spaces (en, em, thin, hair, figure, narrow no-break,
# ideographic …): their width is lost and a no-break one breaks, where Word keeps both.
_UNICODE_SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
                  "\u200a\u202f\u205f\u3000"
_CHANGED_IN_PDF = {
    "\u00ad": "would be dropped from the PDF's text; remove it",
    "\u200b": "would print as a full space in the PDF; remove it",
    **{space: "would print as an ordinary, breakable space in the PDF; use a space, or "
              "U+00A0 NO-BREAK SPACE where the line must not break" for space in _UNICODE_SPACES},
}


@lru_cache(maxsize=4096)
def character_problem(character: str) -> str | None:
    """Why `character` cannot be rendered, or None when it can."""
    if character in _ALLOWED_CONTROLS:
        return None
    code = ord(character)
    name = unicodedata.name(character, "")
    label = f"U+{code:04X}" + (f" {name}" if name else "")
    return _not_text(code, label) or _not_rendered_alike(character, code, label)


def _not_text(code: int, label: str) -> str | None:
    """Code points that no document (or no PDF text layer) can hold."""
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"control character {label} cannot go into a document"
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate {label} cannot go into a document"
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return f"noncharacter {label} cannot go into a document"
    if code > 0xFFFF:
        return (f"character {label} is outside the Basic Multilingual Plane, "
                "which the PDF text layer cannot carry")
    return None


def _not_rendered_alike(character: str, code: int, label: str) -> str | None:
    """Characters that the two formats would not show alike, or not at all."""
    if character in _BIDI_CONTROLS or character in _DEPRECATED_FORMAT:
        return (f"formatting character {label} is not supported "
                "(Word would apply it, the PDF would not)")
    if character in _CHANGED_IN_PDF:
        return f"{label} {_CHANGED_IN_PDF[character]}"
    if _right_to_left(character, code):
        return f"right-to-left character {label} is not supported"
    if not is_covered(character):
        if script_of(character) == "hanja":
            return (f"Hanja {label} is not covered by the shipped fonts "
                    "(they have the 4,888 Hanja of KS X 1001)")
        return f"character {label} is not covered by any shipped font"
    return None


def _right_to_left(character: str, code: int) -> bool:
    if unicodedata.bidirectional(character) in ("R", "AL", "RLE", "RLO", "RLI"):
        return True
    return any(first <= code <= last for first, last in _RIGHT_TO_LEFT_BLOCKS)


def character_problems(text: str) -> list[tuple[int, str]]:
    """(offset, message) for each character of `text` that cannot be rendered.

    Each distinct character is judged once; the text is scanned again only when one
    of them is refused.
    """
    refused = {character for character in set(text)
               if not (character.isascii() and character.isprintable())
               and character_problem(character) is not None}
    if not refused:
        return []
    return [(offset, problem) for offset, character in enumerate(text)
            if character in refused and (problem := character_problem(character))]

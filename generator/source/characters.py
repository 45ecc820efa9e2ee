"""Refuses characters that cannot go into a document, or that no shipped font sets."""

from __future__ import annotations

import unicodedata

from generator.style.glyphs import is_covered

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def character_problem(character: str) -> str | None:
    """Why `character` cannot be rendered, or None when it can."""
    code = ord(character)
    name = unicodedata.name(character, "")
    label = f"U+{code:04X}" + (f" {name}" if name else "")
    if character in _ALLOWED_CONTROLS:
        return None
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"control character {label} cannot go into a document"
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate {label} cannot go into a document"
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return f"noncharacter {label} cannot go into a document"
    if code > 0xFFFF:
        return (f"character {label} is outside the Basic Multilingual Plane, "
                "which the PDF text layer cannot carry")
    if unicodedata.bidirectional(character) in ("R", "AL", "RLE", "RLO", "RLI"):
        return f"right-to-left character {label} is not supported"
    if not is_covered(character):
        return f"character {label} is not covered by any shipped font"
    return None


def character_problems(text: str) -> list[tuple[int, str]]:
    """(offset, message) for each character of `text` that cannot be rendered."""
    problems: list[tuple[int, str]] = []
    for offset, character in enumerate(text):
        if character.isascii() and character.isprintable():
            continue
        problem = character_problem(character)
        if problem is not None:
            problems.append((offset, problem))
    return problems

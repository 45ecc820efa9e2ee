"""What a reader sees of a DOCX's text: its invisible break hints left out.

The DOCX renderer puts zero-width characters into shown text where they decide line
breaks only: U+200B after the break characters of a printed address, U+2060 (word
joiner) where a Latin letter or digit meets Hangul. They print nothing. A hyphen
inside a Korean word is Word's non-breaking hyphen (w:noBreakHyphen), which shows "-".
"""

from __future__ import annotations

BREAK_HINTS = "\u200b\u2060"
_WITHOUT_HINTS = str.maketrans("", "", BREAK_HINTS)


def shown(text: str) -> str:
    """`text` as printed: without the invisible break hints."""
    return text.translate(_WITHOUT_HINTS)

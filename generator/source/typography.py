"""Typographic ("smart") quotes: straight quotes typed by an author made curly.

As Pandoc's `smart` extension does: `"evil."` → “evil.”, `Russia's` → Russia’s,
`'weak link'` → ‘weak link’, `'90s` → ’90s. Each quote is judged by the characters
on either side of it, across the pieces of one paragraph (a quote before `*word*`
sees the word), so emphasis and links do not confuse it. Pieces that are not the
author's prose — a backslash escape (`\\"` keeps a straight quote), the address shown
by an autolink — are context only and never changed. Korean text takes the same
curly quotes (house style). A source sets `quotes: as-typed` to turn this off.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

LEFT_DOUBLE, RIGHT_DOUBLE = "\u201c", "\u201d"
LEFT_SINGLE, RIGHT_SINGLE = "\u2018", "\u2019"  # the right single quote is the apostrophe

# After these, a quote opens: `("`, `—"`, `/'`, and a quote inside a quote, `"'`
# (judged after the outer quote was made curly).
_OPENING_CONTEXT = frozenset("([{<\u2014\u2013-/" + LEFT_DOUBLE + LEFT_SINGLE)
_STRAIGHT = re.compile("[\"']")
_DECADE = re.compile(r"\d\ds\b|\d\d\b")  # '90s, '23: an apostrophe for left-out digits


def smart_quotes(pieces: Sequence[tuple[str, bool]]) -> list[str]:
    """The texts of `pieces` with their straight quotes made curly.

    Each piece is (text, editable); a piece that is not editable is left as it is but
    still gives the context of the quotes next to it.
    """
    whole = "".join(text for text, _ in pieces)
    if '"' not in whole and "'" not in whole:
        return [text for text, _ in pieces]
    curled: dict[int, str] = {}  # offset in `whole` -> the quote set there
    result: list[str] = []
    offset = 0
    for text, editable in pieces:
        if editable and ('"' in text or "'" in text):
            for match in _STRAIGHT.finditer(text):
                index = offset + match.start()
                before = curled.get(index - 1, whole[index - 1]) if index > 0 else " "
                curled[index] = _curly(match.group(), before, whole, index)
            text = _with_quotes_at(text, offset, curled)
        result.append(text)
        offset += len(text)
    return result


def _with_quotes_at(text: str, offset: int, quotes: dict[int, str]) -> str:
    """`text` (at `offset` in the paragraph) with its quotes replaced by `quotes`."""
    parts: list[str] = []
    last = 0
    for match in _STRAIGHT.finditer(text):
        parts += [text[last:match.start()], quotes[offset + match.start()]]
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def smart_quotes_in(text: str) -> str:
    """One piece of plain text (a title, a key point) with curly quotes."""
    return smart_quotes([(text, True)])[0]


def _curly(quote: str, before: str, whole: str, index: int) -> str:
    """The curly form of the straight `quote` at `whole[index]`, after `before` (as
    already set), or the quote itself when it stands alone between spaces."""
    after = whole[index + 1] if index + 1 < len(whole) else " "
    opens = _is_space(before) or before in _OPENING_CONTEXT
    if quote == "'":
        if _is_word(before):
            return RIGHT_SINGLE  # Russia's, students'
        if opens and _DECADE.match(whole, index + 1):
            return RIGHT_SINGLE  # '90s
    if opens and _is_space(after):
        return quote
    if opens:
        return LEFT_DOUBLE if quote == '"' else LEFT_SINGLE
    return RIGHT_DOUBLE if quote == '"' else RIGHT_SINGLE


def _is_space(character: str) -> bool:
    return character.isspace()


def _is_word(character: str) -> bool:
    return unicodedata.category(character)[0] in "LN"

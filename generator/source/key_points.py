"""Key points (`summary`) are plain text: Markdown in them is refused where it is.

Both renderers print a key point as it is written, so `**bold**` would come out with
its asterisks. Rather than print markup, a key point that holds a Markdown construct
(emphasis, strong emphasis, a link or autolink, code, raw HTML, an image,
strikethrough), as markdown-it reads it, is a located error at the construct's first
character. Characters that only look like markup stay text: a lone `*` or `_`
(`2 * 3`, `snake_case`) is not emphasis to a Markdown reader, and is printed as typed.
A cross-reference (`@fig:name`, `@tbl:name`) is refused too: it would print as typed,
and a handout, which prints the key points, has no tables or figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_CONSTRUCTS = {
    "em_open": "emphasis",
    "strong_open": "strong emphasis",
    "link_open": "a link",
    "code_inline": "code",
    "html_inline": "raw HTML",
    "image": "an image",
    "s_open": "strikethrough",
}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["strikethrough"]).disable("text_join")


def markup_in_key_point(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message) for each Markdown construct in the key point `text`."""
    if "@fig:" in text or "@tbl:" in text:
        yield from _cross_references(text)
    if not any(character in text for character in "*_[`<~!"):
        return  # no construct can start without one of these
    tokens = _parser().parseInline(text)[0].children or []
    cursor = 0
    for token in tokens:
        what = _CONSTRUCTS.get(token.type)
        needle = _needle(token)
        found = text.find(needle, cursor) if needle else -1
        offset = found if found >= 0 else cursor
        if what is not None:
            yield offset, (f"key points are plain text, not Markdown: {what} "
                           f"{_written(token, text, offset)} would be printed with its "
                           "markup; write the point without it")
        cursor = offset + len(needle) if found >= 0 else cursor


def _cross_references(text: str) -> Iterator[tuple[int, str]]:
    from generator.source.body_objects import cross_references

    for start, end, _ in cross_references(text):
        yield start, (f"key points are plain text: the cross-reference {text[start:end]!r} "
                      "would be printed as typed (a handout has no tables or figures); "
                      "write the point without it")


def _needle(token: Token) -> str:
    """What `token` starts with in the source text."""
    if token.type in ("text", "html_inline"):
        return token.content
    if token.type == "text_special":
        return token.markup
    if token.type == "softbreak":
        return "\n"
    if token.type == "link_open":
        return "<" if token.markup == "autolink" else "["
    if token.type == "image":
        return "!["
    return token.markup


def _written(token: Token, text: str, offset: int) -> str:
    """The construct as typed, e.g. `**bold**` (at most 40 characters)."""
    if token.type == "html_inline":
        return repr(token.content[:40])
    closing = text.find(token.markup, offset + len(token.markup)) if token.markup else -1
    end = closing + len(token.markup) if closing >= 0 else offset + 1
    if token.type in ("link_open", "image"):
        end = text.find(">" if token.markup == "autolink" else ")", offset) + 1 or offset + 1
    return repr(text[offset:min(end, offset + 40)])

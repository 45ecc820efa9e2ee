"""Per-body limits, checked on markdown-it's flat token stream before any tree is built:
nesting, number of paragraphs and footnotes, length of each paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from generator.source.limits import (
    MAX_BLOCK_CHARACTERS,
    MAX_BLOCKS,
    MAX_FOOTNOTES,
    MAX_MARKDOWN_NESTING,
)

_CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open"}
_INLINE_CONTAINERS = {"em_open", "strong_open", "link_open", "s_open"}
_TEXT_BLOCKS = {"paragraph_open": "paragraph", "heading_open": "heading"}


@dataclass(frozen=True)
class LimitProblem:
    line: int  # 0-based line in the body
    message: str
    blocking: bool = False  # the body is not read further (too deep or too big)


def limit_problems(tokens: list[Token], lines: list[str]) -> list[LimitProblem]:
    """Every limit a body's tokens exceed, each at the line where it is exceeded."""
    return [*_nesting_problems(tokens), *_count_problems(tokens), *_length_problems(tokens, lines)]


def _nesting_problems(tokens: list[Token]) -> Iterator[LimitProblem]:
    """One problem per top-level block that nests deeper than MAX_MARKDOWN_NESTING."""
    depth = 0
    reported_block = -1
    block = 0
    for number, token in enumerate(tokens):
        if token.level == 0 and token.nesting >= 0:
            block = number
        depth += _container_step(token)
        deepest = depth + _inline_depth(token)
        if deepest > MAX_MARKDOWN_NESTING and block != reported_block:
            reported_block = block
            yield LimitProblem(_line_of(token, tokens, number),
                               f"quotes, lists, emphasis and links nested {deepest} deep; "
                               f"the limit is {MAX_MARKDOWN_NESTING}", blocking=True)


def _container_step(token: Token) -> int:
    if token.type in _CONTAINERS:
        return 1
    if token.type.replace("_close", "_open") in _CONTAINERS:
        return -1
    return 0


def _inline_depth(token: Token) -> int:
    deepest = depth = 0
    for child in token.children or ():
        if child.type in _INLINE_CONTAINERS:
            depth += 1
            deepest = max(deepest, depth)
        elif child.type.replace("_close", "_open") in _INLINE_CONTAINERS:
            depth -= 1
    return deepest


def _line_of(token: Token, tokens: list[Token], number: int) -> int:
    """The token's first line, or that of the nearest earlier token that has one."""
    for earlier in reversed(tokens[: number + 1]):
        if earlier.map:
            return earlier.map[0]
    return 0


def _count_problems(tokens: list[Token]) -> Iterator[LimitProblem]:
    blocks = footnotes = 0
    in_footnote = 0
    for token in tokens:
        if token.type == "footnote_reference_open":
            in_footnote += 1
            footnotes += 1
            if footnotes == MAX_FOOTNOTES + 1:
                yield LimitProblem(token.map[0] if token.map else 0,
                                   f"more than {MAX_FOOTNOTES} footnotes in this body; "
                                   f"the limit is {MAX_FOOTNOTES}", blocking=True)
        elif token.type == "footnote_reference_close":
            in_footnote -= 1
        elif token.type in _TEXT_BLOCKS and not in_footnote:
            blocks += 1
            if blocks == MAX_BLOCKS + 1:
                yield LimitProblem(token.map[0] if token.map else 0,
                                   f"more than {MAX_BLOCKS} paragraphs and headings in this "
                                   f"body; the limit is {MAX_BLOCKS}", blocking=True)


def _length_problems(tokens: list[Token], lines: list[str]) -> Iterator[LimitProblem]:
    in_footnote = 0
    for token in tokens:
        in_footnote += {"footnote_reference_open": 1, "footnote_reference_close": -1}.get(
            token.type, 0)
        if token.type not in _TEXT_BLOCKS or not token.map:
            continue
        start, end = token.map
        length = sum(len(line) for line in lines[start:end]) + max(end - start - 1, 0)
        if length > MAX_BLOCK_CHARACTERS:
            kind = "footnote" if in_footnote else _TEXT_BLOCKS[token.type]
            hint = "split it with a blank line" if kind == "paragraph" else "shorten it"
            yield LimitProblem(start, f"{kind} of {length} characters; the limit is "
                               f"{MAX_BLOCK_CHARACTERS} ({hint})")

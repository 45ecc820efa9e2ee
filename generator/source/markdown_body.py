"""A body's Markdown (CommonMark + footnotes, via markdown-it-py) to model blocks.

Supported: paragraphs, block quotes, bullet and numbered lists, `##`/`###` headings,
emphasis, strong, links, hard breaks, footnotes (`[^1]` with `[^1]: text`), and at the
top level of the body captioned pipe tables, figures and their cross-references
(`@tbl:id`, `@fig:id`; see body_objects and markdown_objects).
Every other construct is a located "not supported" error, never dropped. Characters
that only appear after parsing (`&#x5D0;`, a percent-escape in an autolink) are
checked like those written directly; the limits of markdown_limits hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from generator.diagnostics import Diagnostic
from generator.model import (
    Block,
    BlockQuote,
    Emphasis,
    Footnote,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
)
from generator.source.characters import character_problems
from generator.source.markdown_limits import limit_problems
from generator.source.placement import ScalarPlacement
from generator.source.typography import smart_quotes

if TYPE_CHECKING:  # imported only for a body with a table, a figure or a cross-reference
    from generator.source.body_objects import ObjectPlan
    from generator.source.images import ReadImage

_PARSER = (
    MarkdownIt("commonmark")
    .use(footnote_plugin)
    # Strikethrough only so that it is recognised and refused, not read as text.
    .enable(["table", "strikethrough"])
    .disable("footnote_tail")
    # Keep entities and backslash escapes as their own `text_special` nodes: the
    # characters an entity stands for are checked at the entity.
    .disable("text_join")
)
# Accept every link target while parsing, so that a `javascript:` or relative target is
# refused with a located error instead of being left as literal text.
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]

_UNSUPPORTED = {
    "html_block": "raw HTML is not supported",
    "html_inline": "raw HTML is not supported",
    "image": "an image must stand alone in its own paragraph, outside lists and quotes, to "
             'be a figure: ![Caption](figures/chart.png "Alternative text"){#fig:name}',

    "code_inline": "code is not supported",
    "code_block": "code blocks are not supported (an indented line is read as code)",
    "fence": "code blocks are not supported",
    "table": "a table must stand at the top level of the body, not inside a list or quote",
    "hr": "horizontal rules are not supported",
    "s": "strikethrough is not supported",
}
# What to look for in the block's lines to point at an unsupported inline node.
_NEEDLES = {"html_inline": "<", "image": "![", "code_inline": "`", "s": "~~"}
_UNDEFINED_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_BREAKS = {"softbreak": " ", "hardbreak": "\n"}  # what a line break is to the quotes beside it


@dataclass(frozen=True)
class ParsedBody:
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]


@dataclass
class _Definition:
    label: str
    node: SyntaxTreeNode
    line: int  # 0-based line in the body


@dataclass
class _BodyReader:
    path: str
    text: str
    placement: ScalarPlacement
    curly_quotes: bool = True
    diagnostics: list[Diagnostic] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)  # footnote label -> number
    definitions: dict[str, _Definition] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    seen: dict[tuple[tuple[int, int], str], int] = field(default_factory=dict)
    language: str = "en"  # the edition's: the labels of its tables and figures
    folder: Path | None = None  # the source's folder, where its images are
    images: dict[str, ReadImage | str] = field(default_factory=dict)  # path -> read or why not
    plan: ObjectPlan | None = None  # None: the body has no table or figure
    in_link: bool = False
    table_cells: int = 0  # of the tables read so far

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")

    # -------------------------------------------------------------- locating
    def report(self, line: int, column: int, message: str) -> None:
        where = self.placement.position(line, column)
        self.diagnostics.append(Diagnostic(self.path, where.line, where.column, message))

    def report_in_block(self, block_lines: tuple[int, int], needle: str, message: str,
                        occurrence: int = 0) -> None:
        """Report at the `occurrence`-th (0-based) `needle` within the block's lines."""
        start, end = block_lines
        for number in range(start, min(end, len(self.lines))):
            column = self.lines[number].find(needle)
            while column >= 0 and occurrence > 0:
                occurrence -= 1
                column = self.lines[number].find(needle, column + len(needle))
            if column >= 0:
                self.report(number, column, message)
                return
        self.report(start, _indent_of(self.lines[start] if start < len(self.lines) else ""),
                    message)

    def occurrence(self, block_lines: tuple[int, int], needle: str) -> int:
        """How many times `needle` was met in this block before (0 the first time)."""
        key = (block_lines, needle)
        self.seen[key] = self.seen.get(key, 0) + 1
        return self.seen[key] - 1

    # ---------------------------------------------------------------- blocks
    def read(self) -> ParsedBody:
        tokens = _PARSER.parse(self.text, {})
        problems = limit_problems(tokens, self.lines)
        for problem in problems:
            self.report(problem.line, _indent_of(self.lines[problem.line]), problem.message)
        if any(problem.blocking for problem in problems):
            return ParsedBody(blocks=(), footnotes=())
        root = SyntaxTreeNode(tokens)
        body_nodes = [node for node in root.children if node.type != "footnote_reference"]
        for node in root.children:
            if node.type == "footnote_reference":
                self.collect_definition(node)
        if any(_may_be_table_or_figure(node) for node in body_nodes):
            from generator.source.body_objects import plan_objects

            self.plan = plan_objects(body_nodes, self.report_in_block)
        blocks = self.top_level_blocks(body_nodes)
        footnotes = self.footnotes()
        return ParsedBody(blocks=blocks, footnotes=footnotes)

    def top_level_blocks(self, nodes: list[SyntaxTreeNode]) -> tuple[Block, ...]:
        """The body's blocks: tables (with their captions) and figures are read here."""
        result: list[Block] = []
        outer = (0, len(self.lines))
        for node in nodes:
            block: Block | None
            if self.plan is not None and id(node) in self.plan.consumed:
                continue  # a table's caption, read with its table
            if self.plan is not None and (node.type == "table" or id(node) in self.plan.figures):
                block = self.table_or_figure(node)
            else:
                block = self.block(node, _map_of(node, outer))
            if block is not None:
                result.append(block)
        return tuple(result)

    def table_or_figure(self, node: SyntaxTreeNode) -> Block | None:
        from generator.source.markdown_objects import read_figure, read_table

        assert self.plan is not None
        if node.type == "table":
            return read_table(self, node, self.plan.captions.get(id(node)))
        return read_figure(self, node)

    def blocks(self, nodes: list[SyntaxTreeNode], outer: tuple[int, int]) -> tuple[Block, ...]:
        result: list[Block] = []
        for node in nodes:
            block = self.block(node, _map_of(node, outer))
            if block is not None:
                result.append(block)
        return tuple(result)

    def block(self, node: SyntaxTreeNode, where: tuple[int, int]) -> Block | None:
        if node.type == "paragraph":
            if node.children and "|" in node.children[0].content:
                from generator.source.markdown_objects import check_broken_table

                check_broken_table(self, node.children[0].content, where)
            return Paragraph(self.inline_of(node, where))
        if node.type == "heading":
            return self.heading(node, where)
        if node.type == "blockquote":
            return BlockQuote(self.blocks(node.children, where))
        if node.type in ("bullet_list", "ordered_list"):
            return self.list_block(node, where)
        message = _UNSUPPORTED.get(node.type, f"Markdown construct '{node.type}' is not supported")
        self.report(where[0], _indent_of(self.lines[where[0]]), message)
        return None

    def heading(self, node: SyntaxTreeNode, where: tuple[int, int]) -> Heading | None:
        level = int(node.tag[1:])
        if level not in (2, 3):
            self.report(where[0], _indent_of(self.lines[where[0]]),
                        f"level-{level} headings are not supported in the body "
                        "(use ## or ###; the title is its own field)")
            return None
        return Heading(level, self.inline_of(node, where))

    def list_block(self, node: SyntaxTreeNode, where: tuple[int, int]) -> ListBlock:
        start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 1
        items = tuple(
            self.blocks(item.children, _map_of(item, where)) for item in node.children
        )
        return ListBlock(ordered=node.type == "ordered_list", start=start, items=items)

    # --------------------------------------------------------------- inlines
    def inline_of(self, node: SyntaxTreeNode, where: tuple[int, int]) -> tuple[Inline, ...]:
        inline = node.children[0] if node.children else None
        if inline is None:
            return ()
        self.make_quotes_curly(inline)
        return self.inlines(inline.children, where, in_footnote=False)

    def inlines(
        self, nodes: list[SyntaxTreeNode], where: tuple[int, int], *, in_footnote: bool
    ) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for node in nodes:
            result.extend(self.inline(node, where, in_footnote=in_footnote))
        return _merge_text(result)

    def inline(
        self, node: SyntaxTreeNode, where: tuple[int, int], *, in_footnote: bool
    ) -> list[Inline]:
        kind = node.type
        if kind == "text":
            self.check_undefined_references(node.content, where)
            return self.text_with_cross_references(node.content, where)
        if kind == "text_special":  # an entity or a backslash escape
            self.check_characters(node.content, where, node.markup)
            return [Text(node.content)]
        if kind == "softbreak":
            return [Text(" ")]
        if kind == "hardbreak":
            return [LineBreak()]
        if kind in ("em", "strong"):
            children = self.inlines(node.children, where, in_footnote=in_footnote)
            return [Emphasis(children) if kind == "em" else Strong(children)]
        if kind == "link":
            return self.link(node, where, in_footnote=in_footnote)
        if kind == "footnote_ref":
            return self.footnote_reference(node, where, in_footnote=in_footnote)
        needle = _NEEDLES.get(kind, "")
        self.report_in_block(where, needle, _UNSUPPORTED.get(kind, f"'{kind}' is not supported"))
        return []

    def link(
        self, node: SyntaxTreeNode, where: tuple[int, int], *, in_footnote: bool
    ) -> list[Inline]:
        target = str(node.attrs.get("href", ""))
        outer, self.in_link = self.in_link, True
        children = self.inlines(node.children, where, in_footnote=in_footnote)
        self.in_link = outer
        if not target.startswith(_LINK_SCHEMES):
            self.report_in_block(where, target or "](",
                                 f"link target '{target}' must start with http://, https:// "
                                 "or mailto:")
            return list(children)
        if node.markup == "autolink":
            # House citation form keeps the angle brackets visible: <https://...>
            shown = "".join(child.content for child in node.children)
            self.check_characters(shown, where, target)  # percent-escapes decoded
            return [Text("<"), Link(target, children), Text(">")]
        return [Link(target, children)]

    def text_with_cross_references(self, text: str, where: tuple[int, int]) -> list[Inline]:
        """A run of text, each `@fig:id` / `@tbl:id` in it a CrossRef to its number."""
        if "@fig:" not in text and "@tbl:" not in text:
            return [Text(text)]
        from generator.source.markdown_objects import text_with_cross_references

        return text_with_cross_references(self, text, where)

    def footnote_reference(
        self, node: SyntaxTreeNode, where: tuple[int, int], *, in_footnote: bool
    ) -> list[Inline]:
        label = str(node.meta["label"])
        needle = f"[^{label}]"
        nth = self.occurrence(where, needle)
        if in_footnote:
            self.report_in_block(where, needle, "a footnote cannot refer to another footnote",
                                 nth)
            return []
        if label in self.numbers:
            self.report_in_block(where, needle, f"footnote [^{label}] is referenced more than "
                                 "once; each note has exactly one marker", nth)
            return []
        if label not in self.definitions:
            self.report_in_block(where, needle, f"footnote [^{label}] is not defined", nth)
            return []
        self.numbers[label] = len(self.numbers) + 1
        return [FootnoteRef(self.numbers[label])]

    def check_characters(self, text: str, where: tuple[int, int], needle: str) -> None:
        """Characters that only parsing produced, reported at `needle` (the entity)."""
        nth = self.occurrence(where, needle)
        for _, message in character_problems(text):
            if text == "\ufffd" and needle.startswith("&"):
                message = "not a valid character reference (Markdown reads it as U+FFFD)"
            self.report_in_block(where, needle, f"{needle}: {message}", nth)

    def check_undefined_references(self, text: str, where: tuple[int, int]) -> None:
        for match in _UNDEFINED_REFERENCE.finditer(text):
            needle = match.group(0)
            self.report_in_block(where, needle, f"footnote {needle} is not defined",
                                 self.occurrence(where, needle))

    def make_quotes_curly(self, inline: SyntaxTreeNode) -> None:
        """Straight quotes in the author's text of one paragraph made curly, in place
        (generator.source.typography); escapes and autolinked addresses stay as typed."""
        if not self.curly_quotes:
            return
        leaves = list(_text_leaves(inline, literal=False))
        curled = smart_quotes([(_BREAKS.get(leaf.type, leaf.content), editable)
                               for leaf, editable in leaves])
        for (leaf, editable), text in zip(leaves, curled, strict=True):
            if editable and leaf.token is not None:
                leaf.token.content = text

    # ------------------------------------------------------------- footnotes
    def collect_definition(self, node: SyntaxTreeNode) -> None:
        label = str(node.meta["label"])
        line = node.map[0] if node.map else 0
        if label in self.definitions:
            first = self.placement.position(self.definitions[label].line, 0)
            self.report(line, _indent_of(self.lines[line]),
                        f"footnote [^{label}] is defined twice (first at line {first.line})")
            return
        self.definitions[label] = _Definition(label, node, line)

    def footnotes(self) -> tuple[Footnote, ...]:
        for label, definition in self.definitions.items():
            if label not in self.numbers:
                self.report(definition.line, _indent_of(self.lines[definition.line]),
                            f"footnote [^{label}] is defined but never referenced")
        ordered = sorted(self.numbers.items(), key=lambda item: item[1])
        return tuple(self.footnote(self.definitions[label], number) for label, number in ordered)

    def footnote(self, definition: _Definition, number: int) -> Footnote:
        node = definition.node
        where = _map_of(node, (definition.line, definition.line + 1))
        paragraphs = [child for child in node.children if child.type == "paragraph"]
        if len(node.children) != 1 or not paragraphs:
            code = any(child.type == "code_block" for child in node.children)
            hint = " (text indented 4 spaces or more is read as code)" if code else ""
            self.report(definition.line, _indent_of(self.lines[definition.line]),
                        f"footnote [^{definition.label}] must be a single paragraph{hint}")
        inlines: tuple[Inline, ...] = ()
        if paragraphs and paragraphs[0].children:
            self.make_quotes_curly(paragraphs[0].children[0])
            inlines = self.inlines(paragraphs[0].children[0].children, where, in_footnote=True)
        return Footnote(number, inlines)


def _text_leaves(node: SyntaxTreeNode, *, literal: bool) -> Iterator[tuple[SyntaxTreeNode, bool]]:
    """The text-bearing leaves under `node` in reading order, each with whether its
    text is the author's prose (a `text` leaf outside an autolink)."""
    for child in node.children:
        if child.type in ("text", "text_special", *_BREAKS):
            yield child, child.type == "text" and not literal
        elif child.children:
            yield from _text_leaves(child, literal=literal or child.markup == "autolink")


def _may_be_table_or_figure(node: SyntaxTreeNode) -> bool:
    """A table, or a paragraph that may be a figure or a table's caption."""
    if node.type == "table":
        return True
    inline = node.children[0] if node.type == "paragraph" and node.children else None
    return inline is not None and inline.content.startswith(("![", "Table: "))


def _map_of(node: SyntaxTreeNode, outer: tuple[int, int]) -> tuple[int, int]:
    if node.map is not None:
        return (node.map[0], node.map[1])
    return outer


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent Text nodes joined, empty ones dropped."""
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if merged and isinstance(merged[-1], Text):
                merged[-1] = Text(merged[-1].text + node.text)
                continue
        merged.append(node)
    return tuple(merged)


def parse_body(
    text: str, placement: ScalarPlacement, path: str, *, curly_quotes: bool = True,
    language: str = "en", folder: Path | None = None,
    images: dict[str, ReadImage | str] | None = None,
) -> tuple[ParsedBody, list[Diagnostic]]:
    """Model blocks and footnotes of a body, and every problem found in it. Images are
    read from `folder` (the source's; None: the current folder), each once per `images`
    cache (shared by a source's editions)."""
    reader = _BodyReader(path=path, text=text, placement=placement, curly_quotes=curly_quotes,
                         language=language, folder=folder,
                         images=images if images is not None else {})
    parsed = reader.read()
    return parsed, reader.diagnostics

"""Where a body's tables and figures are, their captions, ids and numbers: the one
numbering pass of an edition, made before any inline is read (so that a cross-reference
may name a table or figure further down).

- A **table** is a GFM pipe table at the top level of the body. Its caption is a
  paragraph beginning `Table: ` directly before it (preferred) or directly after it,
  optionally ending in `{#tbl:id}`. A table without a caption is an error: the house
  style numbers and captions every table.
- A **figure** is an image alone in a paragraph at the top level of the body,
  optionally followed by `{#fig:id}`: `![Caption](figures/chart.png "Alt text"){#fig:id}`.
- Tables and figures are numbered separately, 1, 2, … in order of appearance; an id
  is given once per body.
- A **cross-reference** is `@fig:id` or `@tbl:id` in running text, not preceded by a
  letter, digit or `.`, `_`, `+`, `-`, `@` (so an e-mail address is never one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from markdown_it.tree import SyntaxTreeNode

from generator.source.limits import MAX_FIGURES

Kind = Literal["table", "figure"]
ID_PREFIX: dict[Kind, str] = {"table": "tbl", "figure": "fig"}
CAPTION_PREFIX = "Table: "
_ID = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
CROSS_REFERENCE = re.compile(rf"(?<![A-Za-z0-9_.+@-])@(fig|tbl):({_ID})")
_ATTRIBUTES = re.compile(r"\s*\{([^{}]*)\}\s*\Z")
_WELL_FORMED_ID = re.compile(rf"#(fig|tbl):{_ID}\Z")

# (the block's 0-based body lines, the text to point at in them, the message)
Report = Callable[[tuple[int, int], str, str], None]


@dataclass(frozen=True)
class Target:
    kind: Kind
    number: int


@dataclass
class ObjectPlan:
    """The tables and figures of a body's top level (nodes by identity)."""

    captions: dict[int, SyntaxTreeNode] = field(default_factory=dict)  # table -> caption
    consumed: set[int] = field(default_factory=set)  # caption paragraphs
    figures: set[int] = field(default_factory=set)  # paragraphs that are figures
    numbers: dict[int, int] = field(default_factory=dict)  # table or figure -> number
    ids: dict[int, str] = field(default_factory=dict)  # table or figure -> "fig:x"
    targets: dict[str, Target] = field(default_factory=dict)  # "fig:x" -> its target


def plan_objects(nodes: list[SyntaxTreeNode], report: Report) -> ObjectPlan:
    """Captions paired with their tables, figures found, both numbered; every problem
    (an unpaired caption, a table without one, a bad or duplicate id) reported."""
    plan = ObjectPlan()
    _pair_captions(nodes, plan, report)
    counts: dict[Kind, int] = {"table": 0, "figure": 0}
    for node in nodes:
        kind: Kind | None = "table" if node.type == "table" else (
            "figure" if is_figure_paragraph(node) else None)
        if kind is None:
            continue
        counts[kind] += 1
        if kind == "figure":
            plan.figures.add(id(node))
            if counts[kind] == MAX_FIGURES + 1:
                report(_lines_of(node), "![", f"more than {MAX_FIGURES} figures in this "
                       f"body; the limit is {MAX_FIGURES}")
        plan.numbers[id(node)] = counts[kind]
        _record_id(node, kind, plan, report)
    return plan


def _pair_captions(nodes: list[SyntaxTreeNode], plan: ObjectPlan, report: Report) -> None:
    """Each table takes the caption paragraph directly before it; a table with none
    there takes the one directly after it, if no table took it already."""
    for before in (True, False):
        for index, node in enumerate(nodes):
            if node.type != "table" or id(node) in plan.captions:
                continue
            neighbour = index - 1 if before else index + 1
            if 0 <= neighbour < len(nodes) and is_caption_paragraph(nodes[neighbour]) \
                    and id(nodes[neighbour]) not in plan.consumed:
                plan.captions[id(node)] = nodes[neighbour]
                plan.consumed.add(id(nodes[neighbour]))
    for node in nodes:
        if node.type == "table" and id(node) not in plan.captions:
            report(_lines_of(node), "|", "a table needs a caption: a paragraph "
                   "'Table: …' directly before it (the house style numbers every table)")
        elif is_caption_paragraph(node) and id(node) not in plan.consumed:
            report(_lines_of(node), CAPTION_PREFIX, "a 'Table: ' caption must stand "
                   "directly before or after its table (or that table has a caption "
                   "already)")


def _record_id(node: SyntaxTreeNode, kind: Kind, plan: ObjectPlan, report: Report) -> None:
    """The id a figure's paragraph or a table's caption ends with, checked and kept."""
    holder = node if kind == "figure" else plan.captions.get(id(node))
    written = None if holder is None else attributes_of(holder)
    if holder is None or written is None:
        return
    prefix = ID_PREFIX[kind]
    where = _lines_of(holder)
    if not _WELL_FORMED_ID.match(written) or not written.startswith(f"#{prefix}:"):
        report(where, "{", f"the {kind}'s id must be written {{#{prefix}:name}} (letters, "
               f"digits, '-', '_'), not {{{written}}}")
        return
    target = written[1:]
    if target in plan.targets:
        report(where, f"{{{written}}}", f"id '{target}' is used twice in this body; each table and "
               "figure has its own")
        return
    plan.ids[id(node)] = target
    plan.targets[target] = Target(kind, plan.numbers[id(node)])


def attributes_of(paragraph: SyntaxTreeNode) -> str | None:
    """The `{…}` text ending a figure's paragraph or a table's caption, braces left out."""
    found = _ATTRIBUTES.search(_raw_inline(paragraph))
    return found.group(1).strip() if found else None


def _raw_inline(node: SyntaxTreeNode) -> str:
    inline = node.children[0] if node.children else None
    return inline.content if inline is not None else ""


def is_caption_paragraph(node: SyntaxTreeNode) -> bool:
    return node.type == "paragraph" and _raw_inline(node).startswith(CAPTION_PREFIX)


def is_figure_paragraph(node: SyntaxTreeNode) -> bool:
    """An image alone in its paragraph, maybe followed by `{…}` attributes."""
    if node.type != "paragraph" or not node.children:
        return False
    children = node.children[0].children
    if not children or children[0].type != "image":
        return False
    rest = "".join(child.content if child.type == "text" else "\x00" for child in children[1:])
    return not rest.strip() or _ATTRIBUTES.fullmatch(rest) is not None


def _lines_of(node: SyntaxTreeNode) -> tuple[int, int]:
    return (node.map[0], node.map[1]) if node.map else (0, 1)


def cross_references(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, "fig:id") of each cross-reference in a run of text."""
    for match in CROSS_REFERENCE.finditer(text):
        yield match.start(), match.end(), f"{match.group(1)}:{match.group(2)}"


def alignment_of(cell: SyntaxTreeNode) -> Literal["left", "center", "right"]:
    """The column alignment the alignment row gave a header cell (none: left)."""
    style = str(cell.attrs.get("style", ""))
    if style.endswith("center"):
        return "center"
    if style.endswith("right"):
        return "right"
    return "left"


def cells_written(line: str) -> int:
    """How many cells a table row's line holds, as GFM splits it (escaped `\\|` and
    the optional outer pipes considered)."""
    from markdown_it.rules_block.table import escapedSplit

    columns = escapedSplit(line.strip())
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return len(columns)

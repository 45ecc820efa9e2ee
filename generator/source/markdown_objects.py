"""A body's tables, figures and cross-references to model nodes (their places,
captions, ids and numbers are settled by body_objects.plan_objects first). Imported
only for a body that has one of them (or a paragraph with a `|`).

A table's cells and caption are read like a paragraph's inlines (emphasis, links,
footnote markers, cross-references); its caption before its cells, whichever side of
the table it is written on, since the caption is printed above the table and footnotes
are numbered in reading order. A body row with more cells than the header is an error
(GFM would drop the extra cells silently); a shorter row is padded with empty cells,
as GFM does. A figure's image is read once per source (generator.source.images).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it.tree import SyntaxTreeNode

from generator.model import (
    CrossRef,
    Emphasis,
    Figure,
    FootnoteRef,
    Inline,
    Link,
    Row,
    Strong,
    Table,
    Text,
)
from generator.source.body_objects import (
    CAPTION_PREFIX,
    Kind,
    ObjectPlan,
    alignment_of,
    attributes_of,
    cells_written,
    cross_references,
)
from generator.source.characters import character_problems
from generator.source.images import ImageProblem, ReadImage, read_image
from generator.source.limits import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS
from generator.source.typography import smart_quotes_in

if TYPE_CHECKING:
    from generator.source.markdown_body import _BodyReader

_ALIGNMENT_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def read_table(reader: _BodyReader, node: SyntaxTreeNode,
               caption: SyntaxTreeNode | None) -> Table | None:
    """The Table of a pipe table and its caption paragraph; None (reported) when it
    breaks a rule or a limit."""
    header_rows = [row for part in node.children if part.type == "thead" for row in part.children]
    body_rows = [row for part in node.children if part.type == "tbody" for row in part.children]
    alignments = tuple(alignment_of(cell) for cell in header_rows[0].children)
    if not _within_limits(reader, node, len(alignments), len(header_rows) + len(body_rows)):
        return None
    ragged = [row for row in body_rows if cells_written(reader.lines[_lines(row)[0]])
              > len(alignments)]
    for row in ragged:
        written = cells_written(reader.lines[_lines(row)[0]])
        reader.report_in_block(_lines(row), "|", f"this table row has {written} cells; the "
                               f"table has {len(alignments)} columns (its header row)")
    caption_inlines = _caption(reader, caption) if caption is not None else ()
    header = tuple(_row(reader, row) for row in header_rows)
    noted_header = any(_has_note(cell) for row in header for cell in row)
    if noted_header:
        reader.report_in_block(_lines(header_rows[0]), "[^", "a footnote in a table's header "
                               "row would be printed again on every page the table continues "
                               "on; put it in the caption or a body cell")
    rows = tuple(_row(reader, row) for row in body_rows)
    if caption is None or ragged or not caption_inlines or noted_header:
        return None
    plan = _plan(reader)
    return Table(number=plan.numbers[id(node)], label=_label(reader, "table"),
                 id=plan.ids.get(id(node)), caption=caption_inlines,
                 alignments=alignments, header=header, rows=rows)


def _within_limits(reader: _BodyReader, node: SyntaxTreeNode, columns: int, rows: int) -> bool:
    where = _lines(node)
    problems = []
    if columns > MAX_TABLE_COLUMNS:
        problems.append(f"a table of {columns} columns; the limit is {MAX_TABLE_COLUMNS}")
    if rows > MAX_TABLE_ROWS:
        problems.append(f"a table of {rows} rows; the limit is {MAX_TABLE_ROWS}")
    reader.table_cells += columns * rows  # MAX_TABLE_CELLS is per body
    if reader.table_cells > MAX_TABLE_CELLS and not problems:
        problems.append(f"more than {MAX_TABLE_CELLS:,} table cells in this body; the limit "
                        f"is {MAX_TABLE_CELLS:,}")
    for message in problems:
        reader.report_in_block(where, "|", message)
    return not problems


def _row(reader: _BodyReader, row: SyntaxTreeNode) -> Row:
    where = _lines(row)
    return tuple(reader.inline_of(cell, where) for cell in row.children)


def _has_note(inlines: tuple[Inline, ...]) -> bool:
    return any(isinstance(node, FootnoteRef)
               or (isinstance(node, Emphasis | Strong | Link) and _has_note(node.children))
               for node in inlines)


def _caption(reader: _BodyReader, caption: SyntaxTreeNode) -> tuple[Inline, ...]:
    """The caption's inlines without `Table: ` and the `{#tbl:…}` ending it."""
    where = _lines(caption)
    inlines = list(reader.inline_of(caption, where))
    if inlines and isinstance(inlines[0], Text):
        inlines[0] = Text(inlines[0].text.removeprefix(CAPTION_PREFIX).lstrip())
    attributes = attributes_of(caption)
    if attributes is not None and inlines and isinstance(inlines[-1], Text):
        text = inlines[-1].text.rstrip()
        inlines[-1] = Text(text[: text.rfind("{")].rstrip())
    kept = tuple(node for node in inlines if not (isinstance(node, Text) and not node.text))
    if not kept:
        reader.report_in_block(where, CAPTION_PREFIX, "the table's caption is empty: write "
                               "it after 'Table: '")
    return kept


def read_figure(reader: _BodyReader, node: SyntaxTreeNode) -> Figure | None:
    """The Figure of an image alone in its paragraph; None (reported) when its image,
    caption or alternative text is missing or unusable."""
    where = _lines(node)
    inline = node.children[0]
    image = inline.children[0]
    reader.make_quotes_curly(inline)
    caption = reader.inlines(image.children, where, in_footnote=False)
    alt = _alternative_text(reader, image, where)
    read = _image(reader, str(image.attrs.get("src", "")), where)
    if not caption:
        reader.report_in_block(where, "![", "the figure's caption is empty: write it in the "
                               "brackets, ![Caption](…)")
    if read is None or alt is None or not caption:
        return None
    plan = _plan(reader)
    return Figure(number=plan.numbers[id(node)], label=_label(reader, "figure"),
                  id=plan.ids.get(id(node)), caption=caption, alt=alt,
                  picture=read.picture)


def _alternative_text(reader: _BodyReader, image: SyntaxTreeNode,
                      where: tuple[int, int]) -> str | None:
    alt = str(image.attrs.get("title") or "").strip()
    if not alt:
        reader.report_in_block(where, "![", "the figure has no alternative text for screen "
                               "readers: write it in quotes after the path, ![Caption]"
                               '(figures/chart.png "What the chart shows")')
        return None
    for _, message in character_problems(alt):
        reader.report_in_block(where, '"', f"alternative text: {message}")
        return None
    return smart_quotes_in(alt) if reader.curly_quotes else alt


def _image(reader: _BodyReader, written: str, where: tuple[int, int]) -> ReadImage | None:
    """The image `written` names, read once per source; reported at its path."""
    if written not in reader.images:
        folder = reader.folder if reader.folder is not None else _current_folder()
        try:
            reader.images[written] = read_image(folder, written)
        except ImageProblem as problem:
            reader.images[written] = str(problem)
    found = reader.images[written]
    if isinstance(found, str):
        _report_at_path(reader, where, found)
        return None
    return found


def _report_at_path(reader: _BodyReader, where: tuple[int, int], message: str) -> None:
    """At the first character of the image's path, after `](`."""
    start, end = where
    for number in range(start, min(end, len(reader.lines))):
        column = reader.lines[number].find("](")
        if column >= 0:
            reader.report(number, column + 2, message)
            return
    reader.report_in_block(where, "![", message)


def _current_folder() -> Path:
    return Path.cwd()


def text_with_cross_references(reader: _BodyReader, text: str,
                                where: tuple[int, int]) -> list[Inline]:
    """A run of text, each `@fig:id` / `@tbl:id` in it a CrossRef to its number; an
    unknown id, or a reference inside a link's text, reported."""
    targets = (reader.plan or ObjectPlan()).targets
    result: list[Inline] = []
    done = 0
    for start, end, target in cross_references(text):
        result.append(Text(text[done:start]))
        done = end
        needle = f"@{target}"
        nth = reader.occurrence(where, needle)
        found = targets.get(target)
        if found is None:
            kind = "figure" if target.startswith("fig:") else "table"
            reader.report_in_block(where, needle, f"cross-reference {needle}: no {kind} in "
                                   f"this body has the id '{target}'", nth)
        elif reader.in_link:
            reader.report_in_block(where, needle, f"cross-reference {needle} inside a link's "
                                   "text (it is a link itself)", nth)
        else:
            result.append(CrossRef(target, _label(reader, found.kind), found.number))
    result.append(Text(text[done:]))
    return result


def check_broken_table(reader: _BodyReader, content: str, where: tuple[int, int]) -> None:
    """A paragraph that is a pipe table GFM refused because its header row and its
    alignment row have different numbers of cells (it would print as text)."""
    lines = content.split("\n")
    if len(lines) < 2 or "|" not in lines[0] or not _ALIGNMENT_ROW.match(lines[1]):
        return
    header, alignment = cells_written(lines[0]), cells_written(lines[1])
    if header != alignment:
        reader.report_in_block(where, "|", f"this table's header row has {header} cells but "
                               f"its alignment row {alignment}; they must match")


def _label(reader: _BodyReader, kind: Kind) -> str:
    """ "Table", "그림": the catalogue's label of `kind` in the edition's language."""
    from generator.style.texts import catalogue

    try:
        return str(catalogue(reader.language)[f"{kind}_label"])
    except KeyError:  # no catalogue for the language: reported by the loader
        return kind.capitalize()


def _plan(reader: _BodyReader) -> ObjectPlan:
    assert reader.plan is not None  # made before any table or figure is read
    return reader.plan


def _lines(node: SyntaxTreeNode) -> tuple[int, int]:
    return (node.map[0], node.map[1]) if node.map else (0, 1)


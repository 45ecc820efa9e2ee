"""Maps a position inside a YAML scalar's value to a line and column in the file.

A literal block (`|`, the form a body is written in) copies its lines verbatim, so
its positions are plain arithmetic. Every other style changes the text on the way:
quoted scalars have escapes (`\\u00e9`, `''`) and fold their lines, plain and folded
scalars fold theirs. For those the scalar's source text is re-read the way YAML
reads it, recording where each character of the value comes from (only when a
problem has to be located).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

import yaml

from generator.source.yaml_tree import Position

_BREAKS = "\r\n\x85\u2028\u2029"
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@dataclass(frozen=True)
class ScalarPlacement:
    """Where line 0, column 0 of a scalar's value sits, and how its lines map.

    `first_line`/`first_column`/`indent` are exact for literal blocks and for
    single-line scalars without escapes; `mapped` (set for every other scalar)
    gives the exact place of each character of the value.
    """

    first_line: int  # 1-based file line of the value's first line
    first_column: int  # 1-based file column of the value's first character
    indent: int  # 1-based file column of the value's later lines
    mapped: _MappedScalar | None = None

    def position(self, value_line: int, value_column: int) -> Position:
        """File position of (0-based) line/column inside the value."""
        if self.mapped is not None:
            return self.mapped.position_of_line_column(value_line, value_column)
        column = self.first_column if value_line == 0 else self.indent
        return Position(self.first_line + value_line, column + value_column)

    def position_of_offset(self, value: str, offset: int) -> Position:
        if self.mapped is not None:
            return self.mapped.position_of_offset(offset)
        before = value[:offset]
        line = before.count("\n")
        return self.position(line, offset - (before.rfind("\n") + 1))


@dataclass(frozen=True)
class _MappedScalar:
    """A scalar's source text and value; each value offset mapped to a file position."""

    node: yaml.ScalarNode
    file_lines: list[str] = field(repr=False)

    @cached_property
    def _source(self) -> str:
        """The file text from the scalar's start mark to its end mark."""
        start, end = self.node.start_mark, self.node.end_mark
        if start.line == end.line:
            return self.file_lines[start.line][start.column:end.column]
        lines = [self.file_lines[start.line][start.column:]]
        lines.extend(self.file_lines[start.line + 1:end.line])
        lines.append(self.file_lines[end.line][:end.column] if end.line < len(self.file_lines)
                     else "")
        return "\n".join(lines)

    @cached_property
    def _indexes(self) -> array[int]:
        """For each character of the value, its index in `_source`."""
        value = str(self.node.value)
        if self.node.style in ("|", ">"):
            return _block_indexes(self._source, value)
        if self.node.style in ("'", '"'):
            return _flow_indexes(self._source, 1, len(self._source) - 1, self.node.style)
        return _flow_indexes(self._source, 0, len(self._source), None)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for offset, character in enumerate(str(self.node.value)):
            if character == "\n":
                starts.append(offset + 1)
        return starts

    def position_of_line_column(self, value_line: int, value_column: int) -> Position:
        starts = self._line_starts
        offset = starts[min(value_line, len(starts) - 1)] + value_column
        return self.position_of_offset(offset)

    @cached_property
    def _source_line_starts(self) -> list[int]:
        return [0] + [index + 1 for index, character in enumerate(self._source)
                      if character == "\n"]

    def position_of_offset(self, offset: int) -> Position:
        indexes = self._indexes
        index = indexes[offset] if offset < len(indexes) else len(self._source)
        line = bisect_right(self._source_line_starts, index) - 1
        column = index - self._source_line_starts[line]
        start = self.node.start_mark
        return Position(start.line + line + 1, column + 1 + (start.column if line == 0 else 0))


def _block_indexes(source: str, value: str) -> array[int]:
    """A block scalar's lines appear verbatim in its value, in order: align them."""
    indexes = array("q")
    lines = source.split("\n")
    line_start = len(lines[0]) + 1  # skip the `|` or `>` indicator line
    indent = _block_indent(lines[1:])
    for line in lines[1:]:
        content = line[indent:]
        found = value.find(content, len(indexes)) if content else -1
        if found >= 0:
            indexes.extend([line_start - 1] * (found - len(indexes)))  # folding: previous end
            indexes.extend(range(line_start + indent, line_start + indent + len(content)))
        line_start += len(line) + 1
    indexes.extend([max(line_start - 2, 0)] * (len(value) - len(indexes)))
    return indexes


def _block_indent(lines: Iterable[str]) -> int:
    """The indentation of the first line that is not blank."""
    for line in lines:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0


def _flow_indexes(source: str, start: int, end: int, quote: str | None) -> array[int]:
    """Where each character of a flow (plain or quoted) scalar's value comes from,
    reading `source[start:end]` the way PyYAML's scanner does."""
    indexes = array("q")
    index = start
    while index < end:
        character = source[index]
        if quote == "'" and source.startswith("''", index):
            indexes.append(index)
            index += 2
        elif quote == '"' and character == "\\":
            index = _escape(source, index, indexes)
        elif character in " \t" or character in _BREAKS:
            index = _spaces(source, index, end, indexes)
        else:
            indexes.append(index)
            index += 1
    return indexes


def _escape(source: str, index: int, indexes: array[int]) -> int:
    """One escape sequence at `index`; returns the index after it."""
    following = source[index + 1:index + 2]
    if following in _BREAKS and following:
        after, breaks = _skip_breaks(source, index + 1, len(source))
        indexes.extend([index] * (breaks - 1))
        return after
    indexes.append(index)
    return index + 2 + _HEX_ESCAPES.get(following, 0)


def _spaces(source: str, index: int, end: int, indexes: array[int]) -> int:
    """A run of spaces; when a line break follows, the run and the break fold."""
    after = index
    while after < end and source[after] in " \t":
        after += 1
    if after >= end or source[after] not in _BREAKS:
        indexes.extend(range(index, after))
        return after
    resumed, breaks = _skip_breaks(source, after, end)
    indexes.extend([after] * max(breaks - 1, 1))  # one break folds to a space
    return resumed


def _skip_breaks(source: str, index: int, end: int) -> tuple[int, int]:
    """From a line break at `index`: the index of the next line's first character
    (after its indentation), and how many line breaks were crossed."""
    breaks = 0
    while index < end and source[index] in _BREAKS:
        breaks += 1
        index += 2 if source.startswith("\r\n", index) else 1
        while index < end and source[index] in " \t":
            index += 1
    return index, breaks


def placement_of(node: yaml.ScalarNode, file_lines: list[str]) -> ScalarPlacement:
    mark = node.start_mark
    if node.style == "|":
        content_line = mark.line + 1  # 0-based: the line after the indicator
        indent = _block_indent(islice(file_lines, content_line, None))
        return ScalarPlacement(content_line + 1, indent + 1, indent + 1)
    quote = 1 if node.style in ("'", '"') else 0
    first_column = mark.column + 1 + quote
    mapped = None if _verbatim(node) else _MappedScalar(node, file_lines)
    return ScalarPlacement(mark.line + 1, first_column, first_column, mapped)


def _verbatim(node: yaml.ScalarNode) -> bool:
    """Whether the value is a verbatim copy of the scalar's one line (no escapes)."""
    start, end = node.start_mark, node.end_mark
    quotes = 2 if node.style in ("'", '"') else 0
    return (start.line == end.line and node.style != ">"
            and end.column - start.column - quotes == len(str(node.value)))

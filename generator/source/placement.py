"""Maps a position inside a YAML scalar's value to a line and column in the file."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from generator.source.yaml_tree import Position


@dataclass(frozen=True)
class ScalarPlacement:
    """Where line 0, column 0 of a scalar's value sits, and how its lines map.

    Exact for literal block scalars (`|`, the form a body is written in) and for
    single-line scalars; for folded or multi-line flow scalars lines are approximate.
    """

    first_line: int  # 1-based file line of the value's first line
    first_column: int  # 1-based file column of the value's first character
    indent: int  # 1-based file column of the value's later lines

    def position(self, value_line: int, value_column: int) -> Position:
        """File position of (0-based) line/column inside the value."""
        column = self.first_column if value_line == 0 else self.indent
        return Position(self.first_line + value_line, column + value_column)

    def position_of_offset(self, value: str, offset: int) -> Position:
        before = value[:offset]
        line = before.count("\n")
        return self.position(line, offset - (before.rfind("\n") + 1))


def placement_of(node: yaml.ScalarNode, file_lines: list[str]) -> ScalarPlacement:
    mark = node.start_mark
    if node.style in ("|", ">"):
        content_line = mark.line + 1  # 0-based: the line after the indicator
        indent = _block_indent(file_lines, content_line)
        return ScalarPlacement(content_line + 1, indent + 1, indent + 1)
    quote = 1 if node.style in ("'", '"') else 0
    return ScalarPlacement(mark.line + 1, mark.column + 1 + quote, mark.column + 1 + quote)


def _block_indent(file_lines: list[str], start: int) -> int:
    for line in file_lines[start:]:
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0

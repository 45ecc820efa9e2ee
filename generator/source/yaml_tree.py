"""YAML to plain data (every scalar kept as its text), with the line:col of each node.

PyYAML's own typing (`NO` -> False, `012` -> 10) and its silent handling of duplicate
keys are bypassed: we compose nodes ourselves and only ever build str/list/dict.
Anchors and aliases are refused (alias bombs), nesting depth is capped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, SourceError

MAX_NESTING_DEPTH = 32

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class NodeIndex:
    """Where each value (and each mapping key) of the loaded data sits in the file."""

    values: dict[JsonPath, Position] = field(default_factory=dict)
    keys: dict[JsonPath, Position] = field(default_factory=dict)
    scalars: dict[JsonPath, yaml.ScalarNode] = field(default_factory=dict)

    def value_position(self, path: JsonPath) -> Position:
        """The position of the value at `path`, or of its nearest located ancestor."""
        for length in range(len(path), -1, -1):
            found = self.values.get(path[:length])
            if found is not None:
                return found
        return Position(1, 1)

    def key_position(self, path: JsonPath) -> Position:
        return self.keys.get(path) or self.value_position(path)


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _RefusedConstruct(yaml.MarkedYAMLError):
    """Valid YAML that a brief may not use."""


class _StrictComposer(yaml.SafeLoader):
    """Composes nodes only, refusing anchors, aliases and runaway nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _RefusedConstruct(
                problem="YAML anchors and aliases are not allowed in a brief",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_NESTING_DEPTH:
                raise _RefusedConstruct(
                    problem=f"nesting deeper than {MAX_NESTING_DEPTH} levels",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _line_column_of_offset(text: str, offset: int) -> Position:
    before = text[:offset]
    line = before.count("\n") + 1
    return Position(line, offset - (before.rfind("\n") + 1) + 1)


def compose_document(text: str, path: str) -> yaml.Node | None:
    """The document's node tree; a YAML error becomes a located SourceError."""
    loader = _StrictComposer(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _position(mark) if mark is not None else Position(1, 1)
        message = error.problem or error.context or "invalid YAML"
        if not isinstance(error, _RefusedConstruct):
            message = _yaml_message(message)
        raise SourceError([Diagnostic(path, where.line, where.column, message)]) from None
    except yaml.reader.ReaderError as error:
        where = _line_column_of_offset(text, error.position)
        message = f"character U+{error.character:04X} is not allowed in YAML" if isinstance(
            error.character, int
        ) else "unreadable character"
        raise SourceError([Diagnostic(path, where.line, where.column, message)]) from None
    except yaml.YAMLError as error:  # anything else PyYAML raises without a mark
        raise SourceError([Diagnostic(path, 1, 1, f"invalid YAML: {error}")]) from None
    finally:
        loader.dispose()


def _yaml_message(problem: str) -> str:
    if "found character '\\t'" in problem:
        return "tab character: YAML indentation must use spaces"
    return f"YAML syntax: {problem}"


def node_to_data(
    node: yaml.Node, path: str, index: NodeIndex, diagnostics: list[Diagnostic],
    location: JsonPath = (),
) -> Any:
    """Plain data from `node`: scalars as their text, duplicate keys reported."""
    index.values[location] = _position(node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        index.scalars[location] = node
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [
            node_to_data(item, path, index, diagnostics, (*location, number))
            for number, item in enumerate(node.value)
        ]
    assert isinstance(node, yaml.MappingNode)
    return _mapping_to_data(node, path, index, diagnostics, location)


def _mapping_to_data(
    node: yaml.MappingNode, path: str, index: NodeIndex, diagnostics: list[Diagnostic],
    location: JsonPath,
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        where = _position(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            message = "a key must be plain text"
            diagnostics.append(Diagnostic(path, where.line, where.column, message))
            continue
        key = str(key_node.value)
        if key in result:
            first = index.keys[(*location, key)]
            diagnostics.append(Diagnostic(
                path, where.line, where.column,
                f"duplicate key '{key}' (first given at line {first.line})",
            ))
            continue
        index.keys[(*location, key)] = where
        result[key] = node_to_data(value_node, path, index, diagnostics, (*location, key))
    return result

"""YAML to plain data (every scalar kept as its text), with the line:col of each node.

PyYAML's own typing (`NO` -> False, `012` -> 10) and its silent handling of duplicate
keys are bypassed: we compose nodes ourselves and only ever build str/list/dict.
Anchors and aliases (alias bombs) and tags (typing) are refused, nesting depth is
capped. libyaml composes when it can vouch for the pure-Python path's exact result.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, SourceError
from generator.source.characters import character_problem
from generator.source.limits import MAX_YAML_NESTING
from generator.source.yaml_fast import LIBYAML_AVAILABLE, compose_with_libyaml

MAX_NESTING_DEPTH = MAX_YAML_NESTING
FAST_PATH = LIBYAML_AVAILABLE
"""Whether compose_document tries libyaml first (tests may turn it off)."""

JsonPath = tuple[str | int, ...]


def field_name(location: JsonPath) -> str:
    """`authors[0].name.en` for ("authors", 0, "name", "en"): a field as messages name it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


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
    """Composes nodes only, refusing anchors, aliases, tags and runaway nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        start_mark = event.start_mark
        problem = _refusal(event)
        if problem is not None:
            raise _RefusedConstruct(problem=problem, problem_mark=start_mark)
        if not isinstance(event, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_NESTING_DEPTH:
                raise _RefusedConstruct(
                    problem=f"lists and mappings nested deeper than {MAX_NESTING_DEPTH} levels",
                    problem_mark=start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _refusal(event: Any) -> str | None:
    """Why the node starting with `event` may not be in a brief, or None."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        return "YAML anchors and aliases are not allowed in a brief"
    tag = getattr(event, "tag", None)
    if tag is not None:
        shown = str(tag).replace("tag:yaml.org,2002:", "!!", 1)
        return (f"YAML tags ({shown}) are not allowed in a brief: every value is text "
                "(quote a value that starts with '!')")
    return None


def _line_column_of_offset(text: str, offset: int) -> Position:
    before = text[:offset]
    line = before.count("\n") + 1
    return Position(line, offset - (before.rfind("\n") + 1) + 1)


def compose_document(text: str, path: str) -> yaml.Node | None:
    """The document's node tree; a YAML error becomes a located SourceError.

    libyaml composes it when it can vouch for giving the very tree the pure-Python
    path gives; otherwise (any error or doubt) the pure path decides, with its messages.
    """
    if FAST_PATH:
        with contextlib.suppress(Exception):  # Unsure, a libyaml error, anything
            return compose_with_libyaml(text)
    return _compose_pure(text, path)


def _compose_pure(text: str, path: str) -> yaml.Node | None:
    """The node tree from PyYAML's pure-Python scanner; its errors as located SourceErrors."""
    loader: _StrictComposer | None = None
    try:
        loader = _StrictComposer(text)  # reads the whole text: may raise a ReaderError
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _position(mark) if mark is not None else Position(1, 1)
        message = str(error.problem) if isinstance(error, _RefusedConstruct) else _yaml_message(
            error)
        raise SourceError([Diagnostic(path, where.line, where.column, message)]) from None
    except yaml.reader.ReaderError as error:
        where = _line_column_of_offset(text, error.position)
        raise SourceError([Diagnostic(path, where.line, where.column,
                                      _reader_message(error))]) from None
    except yaml.YAMLError as error:  # anything else PyYAML raises without a mark
        raise SourceError([Diagnostic(path, 1, 1, f"invalid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _reader_message(error: yaml.reader.ReaderError) -> str:
    """A character the YAML reader refuses (raw controls, U+FFFE, ...)."""
    code = error.character
    if isinstance(code, int):
        problem = character_problem(chr(code))
        return problem or f"character U+{code:04X} is not allowed in YAML"
    return "unreadable character"


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem, with its context ("while scanning a quoted scalar") and where
    that context starts — for an unclosed quote or bracket, where it was opened."""
    problem = error.problem or "invalid YAML"
    if "found character '\\t'" in problem:
        return "tab character: YAML indentation must use spaces"
    context, mark = error.context, error.context_mark
    if context and problem.startswith("but "):
        return f"YAML syntax: {context}, {problem}"
    if context and mark is not None:
        return f"YAML syntax: {problem} ({context} at line {mark.line + 1}, column " \
               f"{mark.column + 1})"
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

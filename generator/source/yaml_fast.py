"""The libyaml fast path of yaml_tree.compose_document.

libyaml parses the text (about ten times faster than PyYAML's pure-Python scanner) and
its events are composed here into the very nodes the pure path builds, with PyYAML's
own marks. Where the two part ways (found by differential fuzzing: tabs, U+FEFF, flow
collections, `|#` block headers, directives), and on any error, refusal or doubt,
compose_with_libyaml raises and compose_document asks the pure path, which gives every
message. tests/test_yaml_fast_path.py checks the two trees are equal.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.source.limits import MAX_YAML_NESTING

MAX_NESTING_DEPTH = MAX_YAML_NESTING

LIBYAML_AVAILABLE = bool(getattr(yaml, "__with_libyaml__", False))

_UNSURE_CHARACTERS = ("\t", "\ufeff")
"""Characters libyaml reads otherwise than PyYAML: tabs (accepted where PyYAML refuses
them) and U+FEFF (skipped at any line start; PyYAML does not count it as a column)."""

_BREAKS = "\n\r\x85\u2028\u2029"
_BLOCK_HEADER = re.compile("[|>](?:[1-9][-+]?|[-+][1-9]?)?(?=[ \n\r\x85\u2028\u2029]|\\Z)")
"""A block scalar's indicators as PyYAML reads them (libyaml also takes `|#`)."""


class Unsure(Exception):
    """The fast path cannot vouch for giving the pure path's result."""


def compose_with_libyaml(text: str) -> yaml.Node | None:
    """The pure path's node tree, composed from libyaml's events; raises when unsure."""
    if any(character in text for character in _UNSURE_CHARACTERS):
        raise Unsure("a character libyaml reads otherwise")
    from yaml._yaml import CParser  # only there when built with libyaml

    parser = CParser(text)
    try:
        return _EventComposer(parser, text).single_node()
    finally:
        parser.dispose()


class _Marks:
    """PyYAML's marks (as its Reader makes them for a str) from libyaml's marks."""

    def __init__(self, text: str) -> None:
        self._buffer = text + "\0"
        self._end = len(text)
        last_break = max(text.rfind(character) for character in _BREAKS)
        self._end_column = self._end - last_break - 1

    def mark(self, raw: Any) -> yaml.Mark:
        index: int = raw.index
        line: int = raw.line
        column: int = raw.column
        if index == self._end and column == 0 and self._end_column:
            # libyaml ends the stream on a line of its own; PyYAML where the text ends
            line, column = line - 1, self._end_column
        return yaml.Mark("<unicode string>", index, line, column, self._buffer, index)


class _EventComposer:
    """Composer.get_single_node over libyaml's events, refusing what _StrictComposer
    refuses (by raising _Unsure: the pure path then gives the exact message)."""

    def __init__(self, parser: Any, text: str) -> None:
        self._parser = parser
        self._marks = _Marks(text)
        self._resolver = yaml.resolver.Resolver()
        self._depth = 0
        self._text = text
        self._length = len(text)

    def _next(self, kind: type[yaml.Event]) -> yaml.Event:
        event = self._parser.get_event()
        if not isinstance(event, kind):
            raise Unsure(f"expected {kind.__name__}, got {event!r}")
        return event

    def _at(self, kind: type[yaml.Event]) -> bool:
        return isinstance(self._parser.peek_event(), kind)

    def single_node(self) -> yaml.Node | None:
        self._next(yaml.StreamStartEvent)
        node = None
        if not self._at(yaml.StreamEndEvent):
            start = self._next(yaml.DocumentStartEvent)
            if getattr(start, "version", None) or getattr(start, "tags", None):
                raise Unsure("a %YAML or %TAG directive")
            node = self._node()
            self._next(yaml.DocumentEndEvent)
        end = self._next(yaml.StreamEndEvent)  # a second document: the pure path says so
        if getattr(end.start_mark, "index", None) != self._length:
            raise Unsure("libyaml counted the text otherwise")
        return node

    def _node(self) -> yaml.Node:
        event = self._parser.get_event()
        if (isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None
                or getattr(event, "tag", None) is not None):
            raise Unsure("an anchor, alias or tag")
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event)
        self._depth += 1
        if self._depth > MAX_NESTING_DEPTH:
            raise Unsure("nested too deep")
        node = self._collection(event)
        self._depth -= 1
        return node

    def _entry(self, mapping: yaml.MappingNode) -> yaml.Node:
        """A key or value of `mapping`; a block sequence at the mapping's own indentation
        is what PyYAML calls an indentless sequence, whose flow_style it leaves None."""
        node = self._node()
        if (isinstance(node, yaml.SequenceNode) and node.flow_style is False
                and mapping.flow_style is False
                and node.start_mark.column == mapping.start_mark.column):
            node.flow_style = None
        return node

    def _tag(self, kind: type[yaml.Node], event: yaml.NodeEvent) -> str:
        value = event.value if isinstance(event, yaml.ScalarEvent) else None
        implicit = getattr(event, "implicit", None)
        return str(self._resolver.resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    def _scalar(self, event: yaml.ScalarEvent) -> yaml.ScalarNode:
        start = getattr(event.start_mark, "index", 0)
        if event.style in ("|", ">") and not _BLOCK_HEADER.match(self._text, start):
            raise Unsure("a block scalar header PyYAML reads otherwise")
        return yaml.ScalarNode(self._tag(yaml.ScalarNode, event), event.value,
                               self._marks.mark(event.start_mark),
                               self._marks.mark(event.end_mark), style=event.style or None)

    def _collection(self, event: yaml.Event) -> yaml.CollectionNode:
        if getattr(event, "flow_style", None):
            raise Unsure("a flow collection: libyaml ends plain scalars in it otherwise")
        node: yaml.CollectionNode
        if isinstance(event, yaml.SequenceStartEvent):
            node = self._sequence(event)
        elif isinstance(event, yaml.MappingStartEvent):
            node = self._mapping(event)
        else:
            raise Unsure(f"unexpected {event!r}")
        node.end_mark = self._marks.mark(self._parser.get_event().end_mark)
        return node

    def _sequence(self, event: yaml.SequenceStartEvent) -> yaml.SequenceNode:
        node = yaml.SequenceNode(self._tag(yaml.SequenceNode, event), [],
                                 self._marks.mark(event.start_mark), None,
                                 flow_style=event.flow_style)
        while not self._at(yaml.SequenceEndEvent):
            node.value.append(self._node())
        return node

    def _mapping(self, event: yaml.MappingStartEvent) -> yaml.MappingNode:
        node = yaml.MappingNode(self._tag(yaml.MappingNode, event), [],
                                self._marks.mark(event.start_mark), None,
                                flow_style=event.flow_style)
        while not self._at(yaml.MappingEndEvent):
            node.value.append((self._entry(node), self._entry(node)))
        return node

"""The libyaml fast path of compose_document gives exactly the pure-Python path's result.

For every text, either the fast path composes a tree equal to the pure path's (node
classes, tags, values, scalar and flow styles, every start and end mark) or it declines
and the pure path decides; compose_document's result, or its error, is the pure path's.

Example counts scale with the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import SourceError
from generator.source import yaml_fast, yaml_tree
from generator.source.reading import read_source_text
from generator.source.yaml_tree import MAX_NESTING_DEPTH, compose_document
from tests.conftest import SAMPLE
from tests.test_properties import scaled

CORPUS = Path(__file__).resolve().parent / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.yaml"))

needs_libyaml = pytest.mark.skipif(not yaml_tree.FAST_PATH, reason="PyYAML built without libyaml")


# ------------------------------------------------------------------- comparing


def _mark(mark: yaml.Mark) -> tuple[Any, ...]:
    return (mark.name, mark.index, mark.line, mark.column, mark.pointer, mark.buffer)


def tree(node: yaml.Node | None) -> Any:
    """Everything the pure path's node carries, recursively, as comparable data."""
    if node is None:
        return None
    common = (type(node).__name__, node.tag, _mark(node.start_mark), _mark(node.end_mark))
    if isinstance(node, yaml.ScalarNode):
        return (*common, node.value, node.style)
    if isinstance(node, yaml.SequenceNode):
        return (*common, node.flow_style, [tree(item) for item in node.value])
    assert isinstance(node, yaml.MappingNode)
    return (*common, node.flow_style, [(tree(key), tree(value)) for key, value in node.value])


def pure_outcome(text: str) -> tuple[str, Any]:
    try:
        return "tree", tree(yaml_tree._compose_pure(text, "brief.yaml"))
    except SourceError as error:
        return "error", [str(diagnostic) for diagnostic in error.diagnostics]


def outcome(text: str) -> tuple[str, Any]:
    try:
        return "tree", tree(compose_document(text, "brief.yaml"))
    except SourceError as error:
        return "error", [str(diagnostic) for diagnostic in error.diagnostics]


def fast_tree(text: str) -> tuple[bool, Any]:
    """(True, the fast path's tree), or (False, None) when it declines."""
    try:
        return True, tree(yaml_fast.compose_with_libyaml(text))
    except Exception:  # any error: compose_document falls back to the pure path
        return False, None


def assert_equivalent(text: str) -> bool:
    """compose_document gives the pure path's result; True when the fast path composed."""
    expected = pure_outcome(text)
    assert outcome(text) == expected
    if not yaml_tree.FAST_PATH:
        return False
    composed, found = fast_tree(text)
    if composed:
        assert expected == ("tree", found)
    return composed


# ------------------------------------------------------------ sources on disk


def _texts_of(path: Path) -> list[str]:
    """The text compose_document gets from the loader, and the file decoded as it is
    (BOM, CRLF and unusual line breaks kept), when they differ."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    try:
        loaded = read_source_text(path)
    except SourceError:
        return [raw]
    return [loaded] if loaded == raw else [loaded, raw]


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_FILES) >= 40


@pytest.mark.parametrize("path", [SAMPLE, *CORPUS_FILES], ids=lambda path: path.stem)
def test_a_source_composes_as_on_the_pure_path(path: Path) -> None:
    for text in _texts_of(path):
        assert_equivalent(text)


@needs_libyaml
def test_the_sample_takes_the_fast_path() -> None:
    assert assert_equivalent(read_source_text(SAMPLE))


def test_without_libyaml_only_the_pure_path_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(yaml_tree, "FAST_PATH", False)
    monkeypatch.setattr(yaml_tree, "compose_with_libyaml", calls.append)
    text = read_source_text(SAMPLE)
    assert outcome(text) == pure_outcome(text)
    assert calls == []


# ------------------------------------------ where libyaml and PyYAML part ways

DECLINED = {
    "tab after a value": "a: 1\t\n",
    "tab in a block scalar": "a: |\n  x\ty\n",
    "byte order mark": "\ufeffa: 1\n",
    "byte order mark inside": "a: 1\n\ufeffb: 2\n",
    "comment glued to a block header": "a: |#c\n  x\n",
    "question mark in a flow plain scalar": "a: {http://x/y?z=1: b}\n",
    "flow sequence": "a: [b, c]\n",
    "anchor and alias": "a: &x b\nc: *x\n",
    "explicit tag": "a: !!str b\n",
    "non-specific tag": "a: ! b\n",
    "local tag": "a: !x b\n",
    "second document": "a: b\n---\nc: d\n",
    "version directive": "%YAML 1.1\n---\na: b\n",
    "unsupported version": "%YAML 1.3\n---\na: b\n",
    "too deep": "".join(f"{'  ' * level}k:\n" for level in range(MAX_NESTING_DEPTH)) + "  " * MAX_NESTING_DEPTH + "k: v\n",
    "syntax error": "a: 'b\n",
    "control character": "a: \x07\n",
    "lone surrogate": "a: \ud800\n",
}

COMPOSED = {
    "no final line break": "a: b\nc: d",
    "trailing spaces at the end": "a: b\n  ",
    "comment at the end": "a: b # c",
    "indentless sequence": "a:\n- x\n- y\nb: z\n",
    "indentless sequence as a complex key": "? \n- x\n: y\n",
    "indented sequence": "a:\n  - x\n",
    "CRLF": "a: b\r\nc: |\r\n  x\r\n  y\r\n",
    "lone CR": "a: b\rc: d\r",
    "NEL": "a: b\x85c: |\x85  x\x85",
    "LINE SEPARATOR": "a: x\u2028 y\nb: 'p\u2029q'\n",
    "Hangul": "제목: 북러 정상회담\n본문: |\n  한국어 문단.\n\n  둘째 문단.\n",
    "astral character": "a: \U0001F600 b\n",
    "folded": "a: >\n\n  x\n  y\n\n  z\n\n\n",
    "keep": "a: |+\n  x\n\n",
    "strip with indentation": "a: |-2\n    x\n   y\n",
    "quoted folding": "a: 'b\n\n  c'\nd: \"e\\\n  f\\u2028\\x41\"\n",
    "empty values": "a:\nb: ''\nc: ~\n",
    "top-level scalar": "just text\n",
    "empty document": "",
    "only a comment": "# nothing\n",
    "explicit markers": "---\na: b\n...\n",
    "simple key at the length limit": "k" * 1024 + ": v\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_the_fast_path_declines_where_libyaml_reads_otherwise(text: str) -> None:
    assert not assert_equivalent(text)


@needs_libyaml
@pytest.mark.parametrize("text", COMPOSED.values(), ids=COMPOSED.keys())
def test_the_fast_path_composes_as_the_pure_path(text: str) -> None:
    assert assert_equivalent(text)


REFUSED = {
    "anchor and alias": "brief.yaml:1:4: error: YAML anchors and aliases are not allowed in a brief",
    "explicit tag": "brief.yaml:1:4: error: YAML tags (!!str) are not allowed in a brief: every "
                    "value is text (quote a value that starts with '!')",
    "too deep": f"brief.yaml:{MAX_NESTING_DEPTH + 1}:{2 * MAX_NESTING_DEPTH + 1}: error: lists and "
                f"mappings nested deeper than {MAX_NESTING_DEPTH} levels",
}


@pytest.mark.parametrize("name", REFUSED)
def test_refused_constructs_keep_their_messages(name: str) -> None:
    assert outcome(DECLINED[name]) == ("error", [REFUSED[name]])


# ------------------------------------------------------------------ properties

_LETTERS = [chr(code) for code in range(0xAC00, 0xAC00 + 11172, 97)] + list(
    "abcdefghijklmnopqrstuvwxyzABCZ0123456789éßøĳŁ")
_TRICKY = ["a b", "NO", "012", "1:20", "~", "null", "a#b", "a :b", "-x", "?x", ":x", "x:y",
           "x,y", "x]", "a\\b", "\u00a0", "\u3000", "—", "“x”", "한글 값", "x  y", "a- b", "x'"]
_INSERTED = [" ", "\n", "-", ":", "#", "'", '"', "|", "\t", "\ufeff", "\u2028", "\r", "한", "@",
             "`", "&x ", "*x", "!x ", "%", "[", "{", "? ", "--- "]
_LETTER_RUN = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=8)
_WORD: st.SearchStrategy[str] = st.one_of(*[_LETTER_RUN] * 6, st.sampled_from(_TRICKY))
_BREAK = st.sampled_from(["\n"] * 5 + ["\r\n", "\r", "\x85", "\u2028", "\u2029"])
_TRAILING = st.sampled_from([""] * 12 + [" ", "  ", " # note", "\t"])
_ESCAPES = st.sampled_from(["\\n", "\\t", "\\\\", '\\"', "\\x41", "\\u2028", "\\ ", "\\_",
                            "\\N", "\\L", "\\e", "\\/", "\\'", "\\q", "\\uD800", "\\\n  "])
_HEADERS = st.sampled_from(["|", "|", ">", "|-", "|-", ">-", "|+", ">+", "|2", ">1-", "| # c", "|#"])


@st.composite
def _quoted(draw: st.DrawFn, indent: int, one_line: bool = False) -> str:
    quote = draw(st.sampled_from(["'", '"']))
    text = quote
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(1 if one_line else 0, 3))
        if kind == 0:
            text += draw(_BREAK) + " " * (indent + draw(st.integers(0, 3)))
        elif kind == 1:
            text += draw(_ESCAPES) if quote == '"' else "''"
        else:
            word = draw(_WORD).replace("\\", "\\\\") if quote == '"' else draw(_WORD)
            text += word.replace(quote, "''" if quote == "'" else '\\"')
    return text + quote


@st.composite
def _block(draw: st.DrawFn, indent: int) -> str:
    text = draw(_HEADERS)
    inner = indent + draw(st.integers(1, 3))
    brk = draw(_BREAK)
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            text += brk
        elif kind == 1:
            text += brk + " " * draw(st.integers(0, inner + 2))
        else:
            extra = draw(st.sampled_from([0, 0, 0, 1, 2]))
            text += brk + " " * (inner + extra) + draw(_WORD) + draw(_TRAILING)
    return text


@st.composite
def _scalar(draw: st.DrawFn, indent: int) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(_quoted(indent))
    if kind == 1:
        return draw(_block(indent))
    return draw(_WORD)


@st.composite
def _node(draw: st.DrawFn, indent: int, depth: int) -> str:
    """A value after `key:` or `-`: a scalar on the same line, or a nested collection."""
    kind = draw(st.integers(0, 3)) if depth < 4 else 0
    if kind < 2:
        return " " + draw(_scalar(indent)) + draw(_TRAILING)
    nested = "mapping" if kind == 2 else "sequence"
    inner = indent + draw(st.sampled_from([0, 1, 2, 2, 4] if nested == "mapping" else [0, 2, 2, 3]))
    brk = draw(_BREAK)
    count = draw(st.integers(1, 3))
    return "".join(brk + " " * inner + draw(_entry(inner, depth + 1, nested)) for _ in range(count))


@st.composite
def _entry(draw: st.DrawFn, indent: int, depth: int, kind: str) -> str:
    if kind == "sequence":
        return "-" + draw(_node(indent + 2, depth))
    key = draw(_quoted(indent, one_line=True)) if draw(st.integers(0, 4)) == 0 else draw(_WORD)
    return key + ":" + draw(_node(indent, depth))


@st.composite
def documents(draw: st.DrawFn) -> str:
    """YAML-ish text: mostly well-formed nested mappings, sequences and every scalar
    style, with assorted line breaks, a BOM, tabs and trailing spaces, sometimes with
    one character inserted anywhere."""
    text = draw(st.sampled_from(["", "", "", "\ufeff", "---\n", "# c\n"]))
    top = draw(st.sampled_from(["mapping", "mapping", "sequence"]))
    brk = draw(_BREAK)
    text += brk.join(draw(_entry(0, 0, top)) for _ in range(draw(st.integers(1, 4))))
    text += draw(st.sampled_from(["", "\n", "\n\n", " ", "\n...\n", "\r\n", "\u2028"]))
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        inserted = draw(st.sampled_from(_INSERTED))
        text = text[:at] + inserted + text[at:]
    return text


@settings(max_examples=scaled(300))
@given(text=documents())
def test_any_document_composes_as_on_the_pure_path(text: str) -> None:
    assert_equivalent(text)

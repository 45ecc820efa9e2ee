"""`conforms` (the quick check that spares importing jsonschema) agrees with jsonschema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.diagnostics import Diagnostic, SourceError
from generator.source.meeting_schema import MEETING_SCHEMA
from generator.source.reading import read_source_text
from generator.source.schema import SCHEMA, conforms
from generator.source.yaml_tree import NodeIndex, compose_document, node_to_data

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([ROOT / "sources" / "co-23-30.yaml",
                  *(ROOT / "tests" / "corpus").glob("*.yaml")])
JSONSCHEMA = Draft202012Validator(SCHEMA)


def data_of(path: Path) -> Any:
    text = read_source_text(path)
    node = compose_document(text, str(path))
    return None if node is None else node_to_data(node, str(path), NodeIndex(),
                                                   list[Diagnostic]())


def readable_sources() -> list[Path]:
    found = []
    for path in SOURCES:
        try:
            data_of(path)
        except SourceError:
            continue  # no data to validate: the YAML itself is refused
        found.append(path)
    return found


@pytest.mark.parametrize("path", readable_sources(), ids=lambda path: path.name)
def test_conforms_agrees_with_jsonschema_on_every_bundled_source(path: Path) -> None:
    data = data_of(path)
    assert conforms(SCHEMA, data) == JSONSCHEMA.is_valid(data)


def test_the_corpus_has_both_verdicts() -> None:
    verdicts = {conforms(SCHEMA, data_of(path)) for path in readable_sources()}
    assert verdicts == {True, False}


SAMPLE_DATA = data_of(ROOT / "sources" / "co-23-30.yaml")
TEXTS = st.sampled_from(["", " ", "x", "CO 23-30", "CO 2330", "2023-09-14", "14.9.2023",
                         "https://kinu.or.kr/", "ftp://x", "en", "EN", "ko", "kor",
                         "draft", "final", "embargoed", "2023-09-14T09:00", "online-series"])
KEYS = st.sampled_from(["number", "date", "title", "authors", "body", "summary", "status",
                        "embargo", "url", "keywords", "series", "name", "position",
                        "division", "en", "ko", "EN", "x", "titel"])
VALUES = st.recursive(
    TEXTS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*here, key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            found += _paths(item, (*here, number))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    return [_replaced(item, rest, new) if number == head else item
            for number, item in enumerate(value)]


def _deleted(value: Any, path: tuple[Any, ...]) -> Any:
    if len(path) == 1:
        if isinstance(value, dict):
            return {key: item for key, item in value.items() if key != path[0]}
        return [item for number, item in enumerate(value) if number != path[0]]
    head = path[0]
    if isinstance(value, dict):
        return {**value, head: _deleted(value[head], path[1:])}
    return [_deleted(item, path[1:]) if number == head else item
            for number, item in enumerate(value)]


@st.composite
def mutated_sources(draw: st.DrawFn) -> Any:
    """The sample with a few random edits: values replaced, keys added or removed."""
    data = SAMPLE_DATA
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(data)))
        edit = draw(st.sampled_from(["replace", "delete", "add"]))
        if edit == "replace":
            data = _replaced(data, path, draw(VALUES))
        elif edit == "delete" and path:
            data = _deleted(data, path)
        elif edit == "add":
            parent = path if isinstance(_at(data, path), dict) else path[:-1]
            if isinstance(_at(data, parent), dict):
                data = _replaced(data, parent, {**_at(data, parent), draw(KEYS): draw(VALUES)})
    return data


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@given(mutated_sources())
def test_conforms_agrees_with_jsonschema_on_edited_sources(data: Any) -> None:
    assert conforms(SCHEMA, data) == JSONSCHEMA.is_valid(data)


@given(VALUES)
def test_conforms_agrees_with_jsonschema_on_any_shape(data: Any) -> None:
    assert conforms(SCHEMA, data) == JSONSCHEMA.is_valid(data)


def test_a_keyword_conforms_does_not_read_is_refused() -> None:
    with pytest.raises(ValueError, match="maxLength"):
        conforms({"type": "string", "maxLength": 3}, "text")


MEETING_JSONSCHEMA = Draft202012Validator(MEETING_SCHEMA)
EXAMPLE_MEETING = data_of(ROOT / "sources" / "meetings" / "russia-dprk-working-group.yaml")
MEETING_EDITS: list[dict[str, Any]] = [
    {}, {"time": "2 pm"}, {"time": "24:00"}, {"kind": "brief"}, {"briefs": []},
    {"briefs": ["CO 23-30", {"number": "CO 23-31", "edition": "en"}]},
    {"briefs": [{"edition": "en"}]}, {"briefs": [{"source": ""}]}, {"briefs": [["CO 23-30"]]},
    {"briefs": [{"sourse": "x.yaml"}]}, {"venue": {}}, {"venue": {"EN": "x"}}, {"agenda": "x"},
    {"language": "kor"}, {"date": "2023-9-20"},
]


@pytest.mark.parametrize("edit", MEETING_EDITS, ids=str)
def test_conforms_agrees_with_jsonschema_on_meeting_files(edit: dict[str, Any]) -> None:
    data = {**EXAMPLE_MEETING, **edit}
    assert conforms(MEETING_SCHEMA, data) == MEETING_JSONSCHEMA.is_valid(data)
    # Naming one brief by number or source is checked by the loader, not the schema.
    assert conforms(MEETING_SCHEMA, data) == (edit in MEETING_EDITS[:1] + MEETING_EDITS[5:7])


@given(VALUES)
def test_conforms_agrees_with_jsonschema_on_any_meeting_shape(data: Any) -> None:
    assert conforms(MEETING_SCHEMA, data) == MEETING_JSONSCHEMA.is_valid(data)

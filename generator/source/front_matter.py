"""Rules for the front-matter fields (everything but `body` and `summary`).

Each is one line of text: a line break or tab would be a break in the DOCX but a
space in the PDF. Each fits the documents' properties, which hold at most
MAX_FIELD_CHARACTERS characters (Word refuses more): a field alone, the authors'
names together and the keywords together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic
from generator.source.limits import MAX_FIELD_CHARACTERS
from generator.source.placement import placement_of
from generator.source.yaml_tree import JsonPath, NodeIndex, field_name

_FREE_TEXT_KEYS = ("body", "summary")  # Markdown and key points: many lines allowed
_LINE_BREAKS = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}
_JOINER = "; "  # how the renderers join names and keywords into one property


def front_matter_diagnostics(
    data: dict[str, Any], index: NodeIndex, file_lines: list[str], path: str
) -> list[Diagnostic]:
    """Line breaks, tabs and overlong text in the front matter, located."""
    found: list[Diagnostic] = []
    for location, value in _front_matter_strings(data):
        found.extend(_one_line(location, value, index, file_lines, path))
        if len(value) > MAX_FIELD_CHARACTERS:
            where = index.value_position(location)
            found.append(Diagnostic(path, where.line, where.column,
                                    f"{field_name(location)} is {len(value)} characters long; "
                                    f"the limit is {MAX_FIELD_CHARACTERS}"))
    found.extend(_joined_lengths(data, index, path))
    return found


def _front_matter_strings(data: Any, location: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(data, str):
        yield location, data
    elif isinstance(data, list):
        for number, item in enumerate(data):
            yield from _front_matter_strings(item, (*location, number))
    elif isinstance(data, dict):
        for key, value in data.items():
            if location or key not in _FREE_TEXT_KEYS:
                yield from _front_matter_strings(value, (*location, key))


def _one_line(location: JsonPath, value: str, index: NodeIndex, file_lines: list[str],
              path: str) -> list[Diagnostic]:
    """The first line break or tab of a front-matter field, located."""
    offset = next((number for number, character in enumerate(value)
                   if character in _LINE_BREAKS), None)
    if offset is None:
        return []
    node = index.scalars[location]
    where = placement_of(node, file_lines).position_of_offset(value, offset)
    message = f"{field_name(location)} must be one line: found {_LINE_BREAKS[value[offset]]}"
    if node.style in ("|", ">"):
        message += " (a block scalar ends with a line break unless written '|-' or '>-')"
    return [Diagnostic(path, where.line, where.column, message)]


def _joined_lengths(data: dict[str, Any], index: NodeIndex, path: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for key, joined in (("authors", _names_joined(data)), ("keywords", _keywords_joined(data))):
        longest = max((len(text) for text in joined), default=0)
        if longest > MAX_FIELD_CHARACTERS:
            what = "the authors' names" if key == "authors" else "the keywords"
            where = index.key_position((key,))
            found.append(Diagnostic(path, where.line, where.column,
                                    f"{what} together are {longest} characters long; the "
                                    f"documents' properties hold at most {MAX_FIELD_CHARACTERS}"))
    return found


def _names_joined(data: dict[str, Any]) -> list[str]:
    """The authors' names as one property, for every language they are given in."""
    names = [author["name"] for author in data.get("authors", ())]
    languages = {language for name in names if isinstance(name, dict) for language in name}
    if not languages:
        return [_JOINER.join(names)]
    return [_JOINER.join(name if isinstance(name, str) else name.get(language, "")
                         for name in names) for language in sorted(languages)]


def _keywords_joined(data: dict[str, Any]) -> list[str]:
    return [_JOINER.join(data.get("keywords", ()))]

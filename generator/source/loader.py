"""A source file to a validated SourceBrief, and a SourceBrief to model Briefs.

Every problem found is collected (not just the first) and raised together as a
SourceError of located diagnostics.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.diagnostics import Diagnostic, OutputError, SourceError
from generator.model import Author, Brief, SourcePosition
from generator.model.variants import NEEDS_SUMMARY, apply_variant
from generator.source.characters import character_problems
from generator.source.front_matter import front_matter_diagnostics
from generator.source.key_points import markup_in_key_point
from generator.source.markdown_body import ParsedBody, parse_body
from generator.source.placement import placement_of
from generator.source.reading import read_source_text
from generator.source.schema import schema_diagnostics
from generator.source.typography import smart_quotes_in
from generator.source.yaml_tree import (
    JsonPath,
    NodeIndex,
    compose_document,
    field_name,
    node_to_data,
)
from generator.style.texts import available_languages

if TYPE_CHECKING:  # images and Pillow are imported only for a body with a figure
    from generator.source.images import ReadImage

LocalizedText = str | dict[str, str]


@dataclass(frozen=True)
class SourceAuthor:
    name: LocalizedText
    position: LocalizedText
    division: LocalizedText


@dataclass(frozen=True)
class SourceBrief:
    """A validated source: every edition it holds, before choosing one."""

    path: Path
    number: str
    date: datetime.date
    series: str
    url: str | None
    status: str
    embargo: datetime.datetime | None
    keywords: tuple[str, ...]
    title: LocalizedText
    authors: tuple[SourceAuthor, ...]
    bodies: dict[str, ParsedBody]
    summaries: dict[str, tuple[str, ...]]
    index: NodeIndex
    # The image files its figures show: (path relative to the source's folder, sha256
    # of the bytes read), sorted; part of its outputs' build key (build/stale.py).
    images: tuple[tuple[str, str], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The editions the source holds, in the order the body lists them."""
        return tuple(self.bodies)

    @property
    def stem(self) -> str:
        return self.path.stem


def text_in(value: LocalizedText, language: str) -> str | None:
    return value if isinstance(value, str) else value.get(language)


# ------------------------------------------------------------------ reading


def load_source(path: Path) -> SourceBrief:
    """The validated source at `path`; SourceError with every problem otherwise."""
    data, index, file_lines = checked_document(path)
    source, found = _source_from_data(path, data, index, file_lines)
    if found:
        raise SourceError(found)
    return source


def checked_document(path: Path, kind: str = "brief"
                     ) -> tuple[dict[str, Any], NodeIndex, list[str]]:
    """The YAML document at `path` as data, the place of every node, and the file's
    lines, once its shape (the schema of `kind`: a brief, a meeting), characters and
    one-line fields are valid; SourceError with every problem otherwise."""
    shown = str(path)
    text = read_source_text(path)
    node = compose_document(text, shown)
    diagnostics: list[Diagnostic] = []
    index = NodeIndex()
    data = None if node is None else node_to_data(node, shown, index, diagnostics)
    diagnostics.extend(schema_diagnostics(data, index, shown, kind=kind))
    if diagnostics:
        raise SourceError(diagnostics)
    assert isinstance(data, dict)
    file_lines = text.split("\n")
    diagnostics.extend(character_diagnostics(data, index, file_lines, shown))
    diagnostics.extend(front_matter_diagnostics(data, index, file_lines, shown))
    if diagnostics:
        raise SourceError(diagnostics)
    return data, index, file_lines


def _strings(data: Any, location: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(data, str):
        yield location, data
    elif isinstance(data, list):
        for number, item in enumerate(data):
            yield from _strings(item, (*location, number))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*location, key))


def character_diagnostics(
    data: dict[str, Any], index: NodeIndex, file_lines: list[str], path: str
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for location, value in _strings(data):
        problems = character_problems(value)
        if not problems:
            continue
        placement = placement_of(index.scalars[location], file_lines)
        for offset, message in problems:
            where = placement.position_of_offset(value, offset)
            found.append(Diagnostic(path, where.line, where.column, message))
    return found


# --------------------------------------------------------------- validating


def _source_from_data(
    path: Path, data: dict[str, Any], index: NodeIndex, file_lines: list[str]
) -> tuple[SourceBrief, list[Diagnostic]]:
    shown = str(path)
    found: list[Diagnostic] = []

    def report(location: JsonPath, message: str, *, at_key: bool = False) -> None:
        where = index.key_position(location) if at_key else index.value_position(location)
        found.append(Diagnostic(shown, where.line, where.column, message))

    date = _parse_date(data["date"], report)
    if date is not None and data["number"][3:5] != f"{date.year % 100:02d}":
        report(("number",), f"number {data['number']} says 20{data['number'][3:5]}, "
               f"but the date is in {date.year}")
    curly = data.get("quotes", "curly") == "curly"
    bodies: dict[str, ParsedBody] = {}
    images: dict[str, ReadImage | str] = {}  # one read per image, for every edition
    for language, body in data["body"].items():
        placement = placement_of(index.scalars[("body", language)], file_lines)
        parsed, problems = parse_body(body, placement, shown, curly_quotes=curly,
                                      language=language, folder=path.parent, images=images)
        bodies[language] = parsed
        found.extend(problems)
    found.extend(_key_point_markup(data, index, file_lines, shown))
    if curly:
        data = _with_curly_quotes(data)
    authors = tuple(SourceAuthor(**author) for author in data["authors"])
    _check_languages(data, report)
    status = data.get("status", "final")
    source = SourceBrief(
        path=path, number=data["number"], date=date or datetime.date(1970, 1, 1),
        series=data.get("series", "online-series"), url=data.get("url"),
        status=status, embargo=_parse_embargo(data.get("embargo"), status, report),
        keywords=tuple(data.get("keywords", ())),
        title=data["title"], authors=authors, bodies=bodies,
        summaries={lang: tuple(points) for lang, points in data.get("summary", {}).items()},
        index=index,
        images=tuple(sorted({(read.relative_path, read.sha256) for read in images.values()
                             if not isinstance(read, str)})),
    )
    return source, found


def _key_point_markup(data: dict[str, Any], index: NodeIndex, file_lines: list[str],
                      path: str) -> Iterator[Diagnostic]:
    """Markdown in a key point (plain text, printed as written), at its first character."""
    for language, points in data.get("summary", {}).items():
        for number, point in enumerate(points):
            for offset, message in markup_in_key_point(point):
                placement = placement_of(index.scalars[("summary", language, number)],
                                         file_lines)
                where = placement.position_of_offset(point, offset)
                yield Diagnostic(path, where.line, where.column, message)


def _with_curly_quotes(data: dict[str, Any]) -> dict[str, Any]:
    """The plain-text fields (title, authors, key points, keywords) with curly quotes."""

    def curled(value: Any) -> Any:
        if isinstance(value, str):
            return smart_quotes_in(value)
        if isinstance(value, list):
            return [curled(item) for item in value]
        if isinstance(value, dict):
            return {key: curled(item) for key, item in value.items()}
        return value

    fields = ("title", "authors", "summary", "keywords")
    return {**data, **{key: curled(data[key]) for key in fields if key in data}}


def _parse_date(text: str, report: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        report(("date",), f"date {text} is not a real calendar date")
        return None


def _parse_embargo(text: str | None, status: str, report: Any) -> datetime.datetime | None:
    """The embargo's date and time (the schema checked its form and that an embargoed
    brief has one); an embargo on a brief that is not embargoed is an error."""
    if text is None:
        return None
    if status != "embargoed":
        report(("embargo",), f"embargo is only for status 'embargoed'; this brief's status "
               f"is '{status}'", at_key=True)
        return None
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        report(("embargo",), f"embargo {text} is not a real date and time")
        return None


def _check_languages(data: dict[str, Any], report: Any) -> None:
    catalogues = available_languages()
    for language in data["body"]:
        if language not in catalogues:
            report(("body", language), f"no front-matter catalogue for language '{language}' "
                   f"(available: {', '.join(catalogues)})", at_key=True)
            continue
        for location, value in _localized_fields(data):
            if text_in(value, language) is None:
                report(location, f"{field_name(location)} has no '{language}' text, but the body "
                       f"has an edition in '{language}'")
    for language in data.get("summary", {}):
        if language not in data["body"]:
            report(("summary", language), f"summary has a '{language}' entry but the body has "
                   f"no edition in '{language}'", at_key=True)


def _localized_fields(data: dict[str, Any]) -> Iterator[tuple[JsonPath, LocalizedText]]:
    yield ("title",), data["title"]
    for number, author in enumerate(data["authors"]):
        for key in ("name", "position", "division"):
            yield ("authors", number, key), author[key]


# ------------------------------------------------------------ to the model


def missing_front_matter(source: SourceBrief, language: str) -> list[Diagnostic]:
    """Located errors for front-matter fields with no text in `language`."""
    found: list[Diagnostic] = []
    fields = [(("title",), source.title)] + [
        (("authors", number, key), getattr(author, key))
        for number, author in enumerate(source.authors)
        for key in ("name", "position", "division")
    ]
    for location, value in fields:
        if text_in(value, language) is None:
            where = source.index.value_position(location)
            found.append(Diagnostic(str(source.path), where.line, where.column,
                                    f"{field_name(location)} has no '{language}' text for "
                                    f"{language} front matter"))
    return found


def brief_for(
    source: SourceBrief, language: str, *, variant: str = "full",
    front_language: str | None = None,
) -> Brief:
    """The model of one edition (`language`) and variant of a validated source."""
    front = front_language or language
    problems = missing_front_matter(source, front)
    if problems:
        raise SourceError(problems)
    body = source.bodies[language]

    def front_text(value: LocalizedText) -> str:
        found = text_in(value, front)
        assert found is not None
        return found

    if variant in NEEDS_SUMMARY and not source.summaries.get(language):
        raise OutputError([_missing_summary(source, language, variant)])
    brief = Brief(
        stem=source.stem, series=source.series, number=source.number, date=source.date,
        language=language, front_language=front, variant="full",
        title=front_text(source.title),
        authors=tuple(Author(front_text(a.name), front_text(a.position),
                             front_text(a.division)) for a in source.authors),
        blocks=body.blocks, footnotes=body.footnotes,
        summary=source.summaries.get(language, ()), url=source.url, status=source.status,
        keywords=source.keywords, embargo=source.embargo,
        summary_position=_summary_position(source),
    )
    return apply_variant(brief, variant)


def _summary_position(source: SourceBrief) -> SourcePosition | None:
    """Where the `summary` key is written: handout overflows are reported there."""
    if ("summary",) not in source.index.keys:
        return None
    where = source.index.key_position(("summary",))
    return SourcePosition(str(source.path), where.line, where.column)


def _missing_summary(source: SourceBrief, language: str, variant: str) -> Diagnostic:
    """At the `summary` key, or at the edition's body when the source has no summary."""
    if ("summary",) in source.index.keys:
        where = source.index.key_position(("summary",))
        message = f"summary has no '{language}' key points; the {variant} variant needs them"
    else:
        where = source.index.key_position(("body", language))
        message = (f"the {variant} variant needs key points for the '{language}' edition, "
                   f"but the source has no summary")
    return Diagnostic(str(source.path), where.line, where.column, message)


def load_brief(path: Path, language: str = "en", variant: str = "full") -> Brief:
    """Shortcut: the model of one edition of the source at `path`."""
    return brief_for(load_source(path), language, variant=variant)

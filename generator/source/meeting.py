"""A meeting file to a validated SourceMeeting, and a SourceMeeting to a Packet model.

A meeting file is read as a brief is (generator.source.loader): the same YAML reader,
schema machinery and located errors, every problem collected. Its agenda names briefs
by number (found among the sources of the folder that holds its `meetings/` folder)
or by file (relative to the meeting file, never outside that folder). Loading a
meeting resolves every entry to a file but reads no brief: the build decides from the
files' hashes whether the packet is up to date. `packet_for` then reads each brief and
makes its handout model, in the edition the entry asks for.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, SourceError
from generator.model import Brief, Packet, SourcePosition
from generator.source.kinds import (
    MEETING_KIND,
    MEETINGS_FOLDER,
    sources_in_folder,
    sources_root_of,
)
from generator.source.loader import (
    SourceBrief,
    brief_for,
    checked_document,
    load_source,
    text_in,
)
from generator.source.meeting_schema import MEETING_SCHEMA
from generator.source.reading import read_source_text
from generator.source.typography import smart_quotes_in
from generator.source.yaml_tree import (
    JsonPath,
    NodeIndex,
    Position,
    compose_document,
    field_name,
    node_to_data,
)
from generator.style.texts import available_languages

__all__ = ["MEETING_SCHEMA", "AgendaEntry", "SourceMeeting", "entry_diagnostic",
           "load_meeting", "packet_for"]

# `number: CO 23-30` at the top level of a brief, as briefs are written; a brief
# written otherwise (a flow mapping, escapes) is composed to find its number.
_NUMBER_LINE = re.compile(r"^number:[ \t]*([\"']?)([^\"'#\n]*?)\1[ \t]*(?:#.*)?$",
                          re.MULTILINE)

Report = Callable[[JsonPath, str], None]


@dataclass(frozen=True)
class AgendaEntry:
    """One brief on the agenda: its file, the edition handed out, and where the entry
    is written in the meeting file (problems of the brief are reported there too)."""

    source: Path
    edition: str
    shown: str  # how the entry names the brief: "CO 23-30", "../co-23-31.yaml"
    where: Position
    edition_where: Position  # the `edition` value, or the entry when it has none


@dataclass(frozen=True)
class SourceMeeting:
    path: Path
    title: str  # in the packet's language, quotes curled
    date: datetime.date
    time: str | None
    venue: str | None
    language: str
    entries: tuple[AgendaEntry, ...]
    agenda_where: Position  # the `briefs` key

    @property
    def stem(self) -> str:
        return self.path.stem


# ------------------------------------------------------------------ reading


def load_meeting(path: Path) -> SourceMeeting:
    """The validated meeting at `path`, its entries resolved to brief files;
    SourceError with every problem otherwise."""
    shown = str(path)
    data, index, _ = checked_document(path, kind=MEETING_KIND)
    diagnostics: list[Diagnostic] = []

    def report(location: JsonPath, message: str) -> None:
        where = index.value_position(location)
        diagnostics.append(Diagnostic(shown, where.line, where.column, message))

    meeting = _meeting_from_data(path, data, index, report)
    if diagnostics:
        raise SourceError(diagnostics)
    return meeting


def _meeting_from_data(path: Path, data: dict[str, Any], index: NodeIndex,
                       report: Report) -> SourceMeeting:
    language = data["language"]
    if language not in available_languages():
        report(("language",), f"no catalogue for language '{language}' (available: "
               f"{', '.join(available_languages())})")
    date = _parse_date(data["date"], report)
    title = _text_in_language(data, ("title",), language, report)
    venue = _text_in_language(data, ("venue",), language, report) if "venue" in data else None
    entries = _resolved_entries(path, data["briefs"], language, index, report)
    return SourceMeeting(
        path=path, title=title or "", date=date or datetime.date(1970, 1, 1),
        time=data.get("time"), venue=venue, language=language, entries=entries,
        agenda_where=index.key_position(("briefs",)),
    )


def _parse_date(text: str, report: Report) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        report(("date",), f"date {text} is not a real calendar date")
        return None


def _text_in_language(data: dict[str, Any], location: JsonPath, language: str,
                      report: Report) -> str | None:
    """The field's text in the packet's language, quotes curled; reported if it has none."""
    found = text_in(data[str(location[0])], language)
    if found is None:
        report(location, f"{field_name(location)} has no '{language}' text, but the "
               f"packet's language is '{language}'")
        return None
    return smart_quotes_in(found)


# ------------------------------------------------------------ the agenda


def _resolved_entries(path: Path, briefs: list[Any], language: str, index: NodeIndex,
                      report: Report) -> tuple[AgendaEntry, ...]:
    root = sources_root_of(path)
    numbers = _Numbers(root)
    entries: list[AgendaEntry] = []
    seen: dict[tuple[Path, str], int] = {}
    for number, entry in enumerate(briefs):
        location: JsonPath = ("briefs", number)
        fields = {"number": entry} if isinstance(entry, str) else entry
        if ("number" in fields) == ("source" in fields):
            report(location, f"{field_name(location)} must name one brief: give its "
                   f"'number' or its 'source'{', not both' if 'number' in fields else ''}")
            continue
        key = "number" if "number" in fields else "source"
        where: JsonPath = location if isinstance(entry, str) else (*location, key)
        problem = _reporter_at(where, report)
        found = (numbers.only_source(fields["number"], root, problem) if key == "number"
                 else _source_by_path(path, root, fields["source"], problem))
        if found is None:
            continue
        edition = fields.get("edition", language)
        edition_at = (*location, "edition") if "edition" in fields else where
        item = AgendaEntry(found, edition, fields[key], index.value_position(where),
                           index.value_position(edition_at))
        identity = (found.resolve(), edition)
        if identity in seen:
            report(where, f"duplicate entry: {item.shown} ('{edition}') is already on the "
                   f"agenda at line {seen[identity]}")
            continue
        seen[identity] = item.where.line
        entries.append(item)
    return tuple(entries)


def _reporter_at(location: JsonPath, report: Report) -> Callable[[str], None]:
    def problem(message: str) -> None:
        report(location, message)

    return problem


def _source_by_path(meeting: Path, root: Path, written: str,
                    report: Callable[[str], None]) -> Path | None:
    """The brief file an entry names by path (relative to the meeting file), if it is
    a file inside the sources folder and not a meeting."""
    candidate = Path(os.path.normpath(meeting.parent / written))
    resolved = candidate.resolve()
    top = root.resolve()
    if not resolved.is_relative_to(top):
        report(f"{written} is outside the sources folder {root}: a meeting hands out "
               "briefs from its own sources only")
        return None
    if not resolved.is_file():
        report(f"no brief at {written} ({candidate} does not exist)")
        return None
    if resolved.relative_to(top).parts[:1] == (MEETINGS_FOLDER,):
        report(f"{written} is a meeting file, not a brief")
        return None
    return candidate


class _Numbers:
    """The series number of every brief of a sources folder, read on first need."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._numbers: dict[Path, str | None] | None = None

    def only_source(self, number: str, root: Path,
                    report: Callable[[str], None]) -> Path | None:
        if self._numbers is None:
            self._numbers = {path: _number_of(path) for path in sources_in_folder(root)}
        matches = [path for path, found in self._numbers.items() if found == number]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            report(f"no brief numbered {number} among the sources in {root}")
        else:
            report(f"{number} is the number of {len(matches)} sources "
                   f"({', '.join(str(path) for path in matches)}); name one by its 'source'")
        return None


def _number_of(path: Path) -> str | None:
    """The brief's `number` as written (None when the file cannot say)."""
    try:
        text = read_source_text(path)
    except SourceError:
        return None
    found = _NUMBER_LINE.search(text)
    if found is not None:
        return found.group(2).strip()
    try:  # written some other way: compose it
        node = compose_document(text, str(path))
        data = None if node is None else node_to_data(node, str(path), NodeIndex(), [])
    except SourceError:
        return None
    value = data.get("number") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


# ------------------------------------------------------------ to the model


def entry_diagnostic(meeting: SourceMeeting, entry: AgendaEntry, message: str) -> Diagnostic:
    """A problem of a brief on the agenda, at the meeting file's line that includes it."""
    return Diagnostic(str(meeting.path), entry.where.line, entry.where.column,
                      f"{entry.shown} ({entry.source}): {message}")


def packet_for(meeting: SourceMeeting) -> Packet:
    """The packet's model: the handout of each brief on the agenda, in order (their
    layout not yet settled); SourceError with every problem of every brief."""
    loaded: dict[Path, SourceBrief | SourceError] = {}
    handouts: list[Brief] = []
    problems: list[Diagnostic] = []
    for entry in meeting.entries:
        try:
            handouts.append(_handout(meeting, entry, loaded))
        except SourceError as error:
            problems.extend(error.diagnostics)
    if problems:
        raise SourceError(problems)
    agenda = SourcePosition(str(meeting.path), meeting.agenda_where.line,
                            meeting.agenda_where.column)
    return Packet(stem=meeting.stem, language=meeting.language, title=meeting.title,
                  date=meeting.date, time=meeting.time, venue=meeting.venue,
                  handouts=tuple(handouts), agenda_position=agenda)


def _loaded(path: Path, loaded: dict[Path, SourceBrief | SourceError]) -> SourceBrief:
    if path not in loaded:
        try:
            loaded[path] = load_source(path)
        except SourceError as error:
            loaded[path] = error
    found = loaded[path]
    if isinstance(found, SourceError):
        raise found
    return found


def _handout(meeting: SourceMeeting, entry: AgendaEntry,
             loaded: dict[Path, SourceBrief | SourceError]) -> Brief:
    try:
        source = _loaded(entry.source, loaded)
    except SourceError as error:
        raise SourceError([*error.diagnostics, entry_diagnostic(
            meeting, entry, "the brief has errors (listed with it); it cannot be "
            "handed out")]) from None
    edition = entry.edition
    if edition not in source.languages:
        raise SourceError([Diagnostic(
            str(meeting.path), entry.edition_where.line, entry.edition_where.column,
            f"{entry.shown} ({entry.source}) has no '{edition}' edition (it holds: "
            f"{', '.join(source.languages)})")])
    if not source.summaries.get(edition):
        raise SourceError([Diagnostic(
            str(meeting.path), entry.edition_where.line, entry.edition_where.column,
            f"{entry.shown} ({entry.source}) has no key points for its '{edition}' edition "
            f"(summary.{edition}); a handout needs them")])
    try:
        return brief_for(source, edition, variant="handout")
    except SourceError as error:
        raise SourceError([*error.diagnostics, entry_diagnostic(
            meeting, entry, f"its '{edition}' handout cannot be made (see above)")]) from None

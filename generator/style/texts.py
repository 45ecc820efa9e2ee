"""Labels and fixed texts of the front and back matter, per language.

Each language has a keyed catalogue in templates/catalogues/<lang>.toml whose values
are jinja2 templates shipped with the project. Author text is passed to them as
data; it is never template source. Dates go through babel.

Most values are text with `{{ name }}` placeholders and nothing else; those are filled
here exactly as jinja2 fills them (each value as `str()` gives it), so a process that
renders only such labels never imports jinja2 (about 20 ms, in every PDF worker). Any
other template, or one missing a value, goes to jinja2. jinja2 and babel are imported
on first use: `available_languages` is needed to parse the command line, long before
any label is rendered.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime

    import jinja2

    from generator.model import Brief, Packet


@dataclass(frozen=True)
class FrontMatter:
    series_label: str
    date_line: str
    author_lines: tuple[tuple[str, str], ...]  # (house-style role, text), all authors
    copyright: str
    disclaimer: str


def available_languages() -> tuple[str, ...]:
    folder = resources.files("generator.templates").joinpath("catalogues")
    names = (entry.name for entry in folder.iterdir())
    return tuple(sorted(name[: -len(".toml")] for name in names if name.endswith(".toml")))


@cache
def catalogue(language: str) -> dict[str, Any]:
    """The catalogue of `language`; KeyError when none ships."""
    if language not in available_languages():
        raise KeyError(language)
    folder = resources.files("generator.templates").joinpath("catalogues")
    return tomllib.loads(folder.joinpath(f"{language}.toml").read_text(encoding="utf-8"))


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


@cache
def _template(source: str) -> jinja2.Template:
    return _environment().from_string(source)


_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@cache
def _placeholders(source: str) -> tuple[str, ...] | None:
    """The names of a template made only of text and `{{ name }}` placeholders; None
    for any other jinja2 syntax (or a newline, which jinja2 may normalise or trim)."""
    text = _PLACEHOLDER.sub("", source)
    if "{" in text or "}" in text or "\n" in source or "\r" in source:
        return None
    return tuple(_PLACEHOLDER.findall(source))


def fill(source: str, values: Mapping[str, object]) -> str:
    """The shipped template `source` filled with `values` as data (jinja2's result)."""
    names = _placeholders(source)
    if names is None or not values.keys() >= set(names):
        return _template(source).render(**values)
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), source)


def render_label(language: str, key: str, **values: object) -> str:
    """The catalogue entry `key` of `language`, filled with `values` as data."""
    return fill(catalogue(language)[key], values)


def format_brief_date(brief: Brief) -> str:
    return format_house_date(brief.date, brief.front_language)


def format_house_date(date: datetime.date, language: str) -> str:
    """`date` in the house date format of `language` (babel): 2023. 09. 14."""
    from babel.dates import format_date

    entries = catalogue(language)
    return format_date(date, entries["date_pattern"], locale=entries["locale"])


def footnote_marker(language: str, number: int) -> str:
    """The house footnote marker, e.g. `1)`."""
    return render_label(language, "footnote_marker", number=number)


def page_number_label(language: str, page: int) -> str:
    return render_label(language, "page_number", page=page)


def front_matter(brief: Brief) -> FrontMatter:
    """Every fixed text of the front and back matter of `brief`."""
    language = brief.front_language
    date_text = format_brief_date(brief)
    author_templates = catalogue(language)["author_lines"]
    authors = tuple(
        (role_name, fill(line, {"name": author.name, "position": author.position,
                                "division": author.division}))
        for author in brief.authors
        for role_name, line in author_templates
    )
    return FrontMatter(
        series_label=render_label(language, "series_label"),
        date_line=render_label(language, "date_line", date=date_text, number=brief.number),
        author_lines=authors,
        copyright=render_label(language, "copyright", year=brief.date.year),
        disclaimer=render_label(language, "disclaimer"),
    )


def embargo_banner(brief: Brief) -> str | None:
    """The banner of an embargoed brief ("EMBARGOED UNTIL 2023. 09. 14. 09:00"), else None."""
    if brief.status != "embargoed" or brief.embargo is None:
        return None
    from babel.dates import format_datetime

    entries = catalogue(brief.front_language)
    moment = format_datetime(brief.embargo, entries["embargo_pattern"], locale=entries["locale"])
    return render_label(brief.front_language, "embargo_banner", moment=moment)


def draft_watermark(brief: Brief) -> str | None:
    """The watermark of a draft ("DRAFT"), else None."""
    if brief.status != "draft":
        return None
    return render_label(brief.front_language, "draft_watermark")


@dataclass(frozen=True)
class CoverTexts:
    """Every fixed text of a meeting packet's cover, in the packet's language."""

    series_label: str
    meeting_use: str
    facts: tuple[tuple[str, str], ...]  # (label, value): date, then time and venue if given
    agenda: str
    columns: tuple[str, ...]  # the agenda's column headings (house.AGENDA_COLUMNS)


def cover_texts(packet: Packet) -> CoverTexts:
    from generator.style.house import AGENDA_COLUMNS

    language = packet.language
    facts = [(render_label(language, "meeting_date"), format_house_date(packet.date, language))]
    if packet.time is not None:
        facts.append((render_label(language, "meeting_time"), packet.time))
    if packet.venue is not None:
        facts.append((render_label(language, "meeting_venue"), packet.venue))
    return CoverTexts(
        series_label=render_label(language, "series_label"),
        meeting_use=render_label(language, "meeting_use"),
        facts=tuple(facts),
        agenda=render_label(language, "agenda"),
        columns=tuple(render_label(language, column.heading) for column in AGENDA_COLUMNS),
    )


def packet_page_label(language: str, page: int | str, pages: int | str) -> str:
    """A packet page's number among all of its pages: "3 / 7"."""
    return render_label(language, "packet_page_number", page=page, pages=pages)

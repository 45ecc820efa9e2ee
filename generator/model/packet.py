"""A meeting packet: a cover with the agenda, then one handout per brief discussed.

The packet is made of handout models (generator.model.variants.handout), in agenda
order; the cover's agenda is derived from them, so the page it gives for each brief
is the page its handout is drawn on. Nothing here knows about YAML, fonts or formats.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.model.nodes import Brief, SourcePosition

COVER_PAGES = 1  # the cover and agenda, before the first handout


@dataclass(frozen=True)
class AgendaItem:
    """One row of the agenda: the brief discussed and the page of its handout."""

    item: int  # 1-based, in agenda order
    number: str  # the brief's series number, "CO 23-30"
    title: str
    authors: tuple[str, ...]
    language: str  # of the title and names: the edition handed out
    page: int  # packet-wide, 1-based


@dataclass(frozen=True)
class Packet:
    """The packet of one meeting, in `language` (its cover, labels and page numbers);
    each handout keeps its own edition's language and front matter."""

    stem: str  # the meeting file's name without its suffix
    language: str
    title: str
    date: datetime.date
    time: str | None  # "14:00"
    venue: str | None
    handouts: tuple[Brief, ...]
    # Where the meeting file lists the briefs: an agenda too long for the cover is
    # reported there.
    agenda_position: SourcePosition | None = None

    @property
    def pages(self) -> int:
        return COVER_PAGES + len(self.handouts)

    @property
    def agenda(self) -> tuple[AgendaItem, ...]:
        return tuple(
            AgendaItem(item=number, number=brief.number, title=brief.title,
                       authors=tuple(author.name for author in brief.authors),
                       language=brief.front_language, page=handout_page(number))
            for number, brief in enumerate(self.handouts, start=1)
        )

    @property
    def authors(self) -> tuple[str, ...]:
        """Every author of the briefs, once each, in agenda order."""
        return tuple(dict.fromkeys(author.name for brief in self.handouts
                                   for author in brief.authors))


def handout_page(item: int) -> int:
    """The packet page of the handout of agenda item `item` (1-based)."""
    return COVER_PAGES + item

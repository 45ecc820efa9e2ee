"""Hand-built models of the sample brief with a table and a figure (issue 13), for the
renderers' tests: built from the model's nodes alone, without the source reader's
table and figure syntax, so each renderer is tested on exactly what it is given."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from PIL import Image, ImageDraw

from generator.model import (
    Brief,
    Cell,
    CrossRef,
    Figure,
    Footnote,
    FootnoteRef,
    Inline,
    Paragraph,
    Picture,
    Strong,
    Table,
    Text,
)
from generator.source import brief_for, load_source

SAMPLE = Path(__file__).resolve().parent.parent / "sources" / "co-23-30.yaml"

LABELS = {"en": {"table": "Table", "figure": "Figure"}, "ko": {"table": "표", "figure": "그림"}}


def bar_chart_png(width: int = 600, height: int = 300) -> bytes:
    """A small, deterministic bar chart as PNG bytes (72 dpi recorded in the file)."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for index, value in enumerate((120, 180, 90, 240, 200)):
        left = 40 + index * (width - 80) // 5
        draw.rectangle((left, height - 20 - value, left + 60, height - 20), fill=(31, 58, 104))
    draw.line((30, height - 20, width - 20, height - 20), fill="black", width=2)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(72, 72))
    return out.getvalue()


def chart_picture() -> Picture:
    data = bar_chart_png()
    return Picture(data=data, format="png", width_px=600, height_px=300,
                   width_pt=600.0, height_pt=300.0)


def cell(text: str) -> Cell:
    return (Text(text),)


def trade_table(language: str, rows: int, *, note_in_row: int | None = None,
                note_number: int = 0) -> Table:
    """A table of `rows` body rows ("2001", "1,234", …), right-aligned figures; row
    `note_in_row` (0-based) carries footnote `note_number`'s marker in its first cell."""
    header: tuple[Cell, ...] = (cell("Year" if language == "en" else "연도"),
                                cell("Exports" if language == "en" else "수출"),
                                cell("Imports" if language == "en" else "수입"))
    body = []
    for index in range(rows):
        first: tuple[Inline, ...] = (Text(str(2001 + index)),)
        if index == note_in_row:
            first = (*first, FootnoteRef(note_number))
        body.append((first, cell(f"{1000 + 37 * index:,}"), cell(f"{2000 + 53 * index:,}")))
    caption: tuple[Inline, ...] = (
        Text("Russia–DPRK trade, " if language == "en" else "북러 교역, "),
        Strong((Text("USD thousand" if language == "en" else "천 달러"),)),
    )
    return Table(number=1, label=LABELS[language]["table"], id="tbl:trade", caption=caption,
                 alignments=("left", "right", "right"), header=(header,), rows=tuple(body))


def launches_figure(language: str) -> Figure:
    caption = (Text("Launches by year" if language == "en" else "연도별 발사"),)
    return Figure(number=1, label=LABELS[language]["figure"], id="fig:launches",
                  caption=caption, alt="A bar chart of five years of launches, rising.",
                  picture=chart_picture())


def brief_with_table_and_figure(language: str = "en", *, rows: int = 60,
                                variant: str = "full") -> Brief:
    """The sample edition with, after the block holding its last footnote marker (so
    notes stay in order), a paragraph citing both, a table of `rows` rows whose 5th row
    holds a new last footnote's marker, and a figure."""
    brief = brief_for(load_source(SAMPLE), language, variant=variant)
    note_number = len(brief.footnotes) + 1
    table = trade_table(language, rows, note_in_row=4, note_number=note_number)
    figure = launches_figure(language)
    cites = Paragraph((
        Text("As " if language == "en" else "다음 "),
        CrossRef("tbl:trade", table.label, 1),
        Text(" and " if language == "en" else "과 "),
        CrossRef("fig:launches", figure.label, 1),
        Text(" show, trade grew." if language == "en" else "에서 보듯 교역이 늘었다."),
    ))
    note = Footnote(note_number, (Text("Customs figures, rounded." if language == "en"
                                       else "세관 통계, 반올림."),))
    last_marker = f"FootnoteRef(number={note_number - 1})"
    at = 1 + max(index for index, block in enumerate(brief.blocks) if last_marker in repr(block))
    blocks = (*brief.blocks[:at], cites, table, figure, *brief.blocks[at:])
    return replace(brief, blocks=blocks, footnotes=(*brief.footnotes, note))

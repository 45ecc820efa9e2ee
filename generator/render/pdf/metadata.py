"""The PDF's document information, language and dates: all from the brief, all fixed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from generator.model.nodes import Brief
from generator.render.pdf.fonts import font_name
from generator.style.house import A4
from generator.style.texts import FrontMatter

CREATOR = "kinu-brief"
PRODUCER = "kinu-brief PDF renderer (ReportLab)"


def pdf_date(date: datetime.date) -> str:
    """A PDF date string for midnight UTC of `date`, e.g. D:20230914000000+00'00'."""
    return f"D:{date:%Y%m%d}000000+00'00'"


def _fixed_date(date: datetime.date) -> Callable[..., str]:
    text = pdf_date(date)

    def formatter(*_fields: int) -> str:
        return text

    return formatter


def subject(brief: Brief, matter: FrontMatter) -> str:
    """The series label and number, e.g. "Online Series CO 23-30"."""
    return f"{matter.series_label} {brief.number}"


def new_canvas(output: BinaryIO, brief: Brief, matter: FrontMatter) -> Canvas:
    """An A4 canvas in invariant mode whose metadata describe `brief`."""
    canvas = Canvas(
        output,
        pagesize=(A4.width.points, A4.height.points),
        invariant=1,
        pageCompression=1,
        lang=brief.language,
        initialFontName=font_name("serif"),  # never a standard-14 font, not even unused
    )
    canvas.setTitle(brief.title)
    canvas.setAuthor("; ".join(author.name for author in brief.authors))
    canvas.setSubject(subject(brief, matter))
    if brief.keywords:
        canvas.setKeywords(", ".join(brief.keywords))
    canvas.setCreator(CREATOR)
    canvas.setProducer(PRODUCER)
    canvas.setDateFormatter(_fixed_date(brief.date))
    return canvas

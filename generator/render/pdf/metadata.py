"""The PDF's document information, language, dates and file identifier: all from the
brief (the identifier from the file's content), none from the clock or the environment."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import BinaryIO

from reportlab.pdfbase.pdfdoc import DummyDoc, PDFText
from reportlab.pdfgen.canvas import Canvas

from generator.model.nodes import Brief
from generator.model.packet import Packet
from generator.render.pdf.archival import PDF_VERSION, Description, describe
from generator.render.pdf.fonts import font_name
from generator.render.pdf.structure import HouseCanvas
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
    return _house_canvas(output, Description(
        title=brief.title,
        author="; ".join(author.name for author in brief.authors),
        subject=subject(brief, matter),
        keywords=", ".join(brief.keywords),
        language=brief.language,
        date=brief.date,
        creator=CREATOR,
        producer=PRODUCER,
    ))


def packet_subject(packet: Packet, series_label: str) -> str:
    """The series label and the numbers of the briefs: "Online Series CO 23-30, CO 23-31"."""
    return f"{series_label} {', '.join(brief.number for brief in packet.handouts)}"


def new_packet_canvas(output: BinaryIO, packet: Packet, series_label: str) -> Canvas:
    """An A4 canvas in invariant mode whose metadata describe a meeting's packet: the
    meeting's title, the authors of all its briefs, the packet's language and date."""
    return _house_canvas(output, Description(
        title=packet.title,
        author="; ".join(packet.authors),
        subject=packet_subject(packet, series_label),
        keywords="",
        language=packet.language,
        date=packet.date,
        creator=CREATOR,
        producer=PRODUCER,
    ))


def _house_canvas(output: BinaryIO, description: Description) -> Canvas:
    canvas = HouseCanvas(
        output,
        pagesize=(A4.width.points, A4.height.points),
        invariant=1,
        pageCompression=1,
        pdfVersion=PDF_VERSION,
        lang=description.language,
        initialFontName=font_name("serif"),  # never a standard-14 font, not even unused
    )
    canvas.tagger.enabled = description.tagged
    canvas.setDateFormatter(_fixed_date(description.date))
    describe(canvas, description)
    _identify_by_content(canvas)
    return canvas


def _identify_by_content(canvas: Canvas) -> None:
    """Make the trailer's /ID an MD5 of the file's content.

    reportlab seeds the /ID with its time stamp, which in invariant mode is a fixed
    date unless SOURCE_DATE_EPOCH is set: the same brief got another /ID, and only
    that, in a build with SOURCE_DATE_EPOCH. Here the /ID it wrote is replaced by the
    digest of every other byte of the file, so equal content gives an equal /ID and
    different content a different one, whatever the environment.
    """
    document = canvas._doc
    format_document = document.format

    def format_with_content_id() -> bytes:
        data: bytes = format_document()
        written: bytes = document.ID()  # reportlab's, as it stands in the trailer
        head, found, tail = data.rpartition(written)
        if not found:
            return data
        digest = PDFText(hashlib.md5(head + tail, usedforsecurity=False).digest(),
                         enc="raw").format(DummyDoc())
        identifier = written.replace(written[2:written.index(b"]")],
                                     digest + digest, 1)
        return head + identifier + tail

    document.format = format_with_content_id

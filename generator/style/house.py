"""The KINU Online Series house style: every measure, face, size and colour.

Both renderers read this module and nothing else for the look of a page. A role is
a semantic element of the page ("body", "footnote", "series-label"); each role is
derived from a parent role by overriding a few properties, never copied whole.
See ../shared/house-style/kinu-online-series.md for the reference it encodes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from generator.style.fonts import (
    LIBERATION_SANS,
    LIBERATION_SERIF,
    NANUM_GOTHIC,
    NANUM_MYEONGJO,
    NOTO_SERIF_HANJA,
    FontFace,
)
from generator.style.units import Length, mm, pt

Alignment = Literal["left", "right", "center", "justify"]
FaceKind = Literal["serif", "sans"]


@dataclass(frozen=True)
class Colour:
    hex: str  # "1F3A68", no leading #

    @property
    def rgb(self) -> tuple[float, float, float]:
        """Red, green, blue in 0..1."""
        return tuple(int(self.hex[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


KINU_BLUE = Colour("1F3A68")  # KINU's identity colour: the band, the title
TEXT_BLACK = Colour("000000")
TEXT_GREY = Colour("4D4D4D")
WHITE = Colour("FFFFFF")
SUMMARY_TINT = Colour("E8EDF5")  # a light tint of KINU blue: the summary box
EMBARGO_RED = Colour("A51C30")  # the embargo banner
WATERMARK_GREY = Colour("7F7F7F")  # the DRAFT watermark, at WATERMARK_OPACITY


@dataclass(frozen=True)
class Role:
    """How one element of the page is set. `word_style` is its named Word style."""

    word_style: str
    face: FaceKind = "serif"
    size: Length = pt(11)
    leading: Length = pt(16)
    space_before: Length = pt(0)
    space_after: Length = pt(0)
    alignment: Alignment = "left"
    bold: bool = False
    italic: bool = False
    colour: Colour = TEXT_BLACK
    background: Colour | None = None
    left_indent: Length = pt(0)
    right_indent: Length = pt(0)
    first_line_indent: Length = pt(0)
    keep_with_next: bool = False


@dataclass(frozen=True)
class PageGeometry:
    width: Length
    height: Length
    margin_top: Length
    margin_bottom: Length
    margin_left: Length
    margin_right: Length
    footer_distance: Length  # from the page's bottom edge to the footer's baseline area
    header_distance: Length  # from the page's top edge to the top of the header (stamps)

    @property
    def text_width(self) -> Length:
        return self.width - self.margin_left - self.margin_right

    @property
    def text_height(self) -> Length:
        return self.height - self.margin_top - self.margin_bottom


@dataclass(frozen=True)
class FootnoteArea:
    rule_width: Length  # the short separator rule above the notes
    rule_thickness: Length
    gap_above_rule: Length  # between the last body line and the rule
    gap_below_rule: Length  # between the rule and the first note
    gap_between_notes: Length


A4 = PageGeometry(
    width=mm(210),
    height=mm(297),
    margin_top=mm(25),
    margin_bottom=mm(25),
    margin_left=mm(25),
    margin_right=mm(25),
    footer_distance=mm(12),
    header_distance=mm(10),
)


@dataclass(frozen=True)
class Box:
    """A tinted panel across the text width with a rule down its left edge; the text
    inside is inset by `padding` from every edge (at the left, from the rule)."""

    background: Colour
    rule_colour: Colour
    rule_width: Length
    padding: Length
    space_after: Length  # below the panel, before what follows

    @property
    def inset(self) -> Length:
        """From the panel's left edge to its text."""
        return self.rule_width + self.padding


# The executive summary and a handout's key points.
SUMMARY_BOX = Box(
    background=SUMMARY_TINT,
    rule_colour=KINU_BLUE,
    rule_width=pt(3),
    padding=pt(9),
    space_after=pt(16),
)


@dataclass(frozen=True)
class Tightening:
    """One allowed setting of a handout's key points, tried in turn until the handout
    fits on its one page."""

    size: Length
    leading: Length
    space_after: Length


# First the house setting, then smaller leading, then smaller type, down to the floor.
# A handout that does not fit at the last step is an error, never cut or spilled.
HANDOUT_TIGHTENING: tuple[Tightening, ...] = (
    Tightening(size=pt(11.5), leading=pt(17), space_after=pt(6)),
    Tightening(size=pt(11.5), leading=pt(15.5), space_after=pt(5)),
    Tightening(size=pt(11.5), leading=pt(14.5), space_after=pt(4)),
    Tightening(size=pt(10.5), leading=pt(13.5), space_after=pt(4)),
    Tightening(size=pt(10), leading=pt(12.5), space_after=pt(3)),
)


_BODY = Role(
    word_style="KINU Body",
    size=pt(11),
    leading=pt(16.5),
    space_after=pt(8),
    alignment="justify",
)
_SANS = replace(_BODY, face="sans", alignment="left", space_after=pt(0))
# The label flush with the text around the list, the item's text 7 mm in: room for
# "(10)", and a nested list's labels line up with its parent item's text.
_LIST_ITEM = replace(_BODY, word_style="KINU List Item", space_after=pt(4), left_indent=mm(7),
                     first_line_indent=mm(-7))

ROLES: dict[str, Role] = {
    "body": _BODY,
    "series-label": replace(
        _SANS,
        word_style="KINU Series Label",
        size=pt(12),
        leading=pt(22),
        bold=True,
        colour=WHITE,
        background=KINU_BLUE,
        left_indent=mm(3),
        space_after=pt(10),
    ),
    "date-line": replace(
        _SANS, word_style="KINU Date Line", size=pt(9.5), leading=pt(13), colour=TEXT_GREY,
        space_after=pt(14),
    ),
    "title": replace(
        _SANS, word_style="Heading 1", size=pt(18), leading=pt(23), bold=True,
        colour=KINU_BLUE, space_after=pt(14), keep_with_next=True,
    ),
    "author-name": replace(
        _SANS, word_style="KINU Author", size=pt(10.5), leading=pt(14), bold=True,
        alignment="right", keep_with_next=True,
    ),
    # An author's block on one line, as in Korean: 현승수(국제전략연구실 연구위원)
    "author-line": replace(
        _SANS, word_style="KINU Author Line", size=pt(10.5), leading=pt(14), bold=True,
        alignment="right", space_after=pt(18),
    ),
    "author-affiliation": replace(
        _SANS, word_style="KINU Affiliation", size=pt(9.5), leading=pt(13), alignment="right",
        colour=TEXT_GREY, space_after=pt(18),
    ),
    "heading-2": replace(
        _SANS, word_style="Heading 2", size=pt(12.5), leading=pt(17), bold=True,
        colour=KINU_BLUE, space_before=pt(8), space_after=pt(6), keep_with_next=True,
    ),
    "heading-3": replace(
        _SANS, word_style="Heading 3", size=pt(11), leading=pt(15), bold=True,
        space_before=pt(6), space_after=pt(4), keep_with_next=True,
    ),
    "block-quote": replace(
        _BODY, word_style="KINU Block Quote", size=pt(10), leading=pt(15),
        left_indent=mm(10), right_indent=mm(10),
    ),
    "list-item": _LIST_ITEM,
    # A list's last paragraph: the body's gap after the list.
    "list-item-last": replace(_LIST_ITEM, word_style="KINU List Item Last",
                              space_after=_BODY.space_after),
    # "1) text", its lines flush left: no hanging indent, because LibreOffice sets a
    # Word note's number inside the hanging indent, apart from the ")" that follows it.
    "footnote": replace(
        _BODY, word_style="Footnote Text", size=pt(8.5), leading=pt(11), space_after=pt(2),
    ),
    "copyright": replace(
        _SANS, word_style="KINU Copyright", size=pt(9), leading=pt(13), alignment="right",
        space_before=pt(4), space_after=pt(10),
    ),
    "disclaimer": replace(
        _BODY, word_style="KINU Disclaimer", size=pt(8.5), leading=pt(12), colour=TEXT_GREY,
        space_after=pt(0),
    ),
    "page-number": replace(
        _SANS, word_style="KINU Page Number", size=pt(8.5), leading=pt(10), alignment="center",
        colour=TEXT_GREY,
    ),
    # The heading and points of a key-points box (SUMMARY_BOX); indents are inside it.
    "summary-heading": replace(
        _SANS, word_style="KINU Summary Heading", size=pt(10.5), leading=pt(14), bold=True,
        colour=KINU_BLUE, space_after=pt(5), keep_with_next=True,
    ),
    "summary-point": replace(
        _BODY, word_style="KINU Summary Point", size=pt(10.5), leading=pt(15),
        space_after=pt(4), left_indent=mm(5), first_line_indent=mm(-5),
    ),
    # A handout: its key points (tightened by HANDOUT_TIGHTENING), the address of the
    # full text beside its QR code, and the footer that replaces the page number.
    "handout-point": replace(
        _BODY, word_style="KINU Handout Point", size=HANDOUT_TIGHTENING[0].size,
        leading=HANDOUT_TIGHTENING[0].leading, space_after=HANDOUT_TIGHTENING[0].space_after,
        left_indent=mm(5), first_line_indent=mm(-5),
    ),
    # Below a table in Word (a box, a handout's address), the gap is an empty paragraph.
    "block-gap": replace(
        _BODY, word_style="KINU Block Gap", size=pt(1), leading=SUMMARY_BOX.space_after,
        space_after=pt(0), alignment="left",
    ),
    # Tables and figures in a body (BODY_TABLE, CAPTION_PLACEMENT).
    "table-caption": replace(
        _SANS, word_style="Caption", size=pt(9.5), leading=pt(13), space_before=pt(4),
        space_after=pt(4), keep_with_next=True,
    ),
    "figure-caption": replace(
        _SANS, word_style="KINU Figure Caption", size=pt(9.5), leading=pt(13),
        space_before=pt(4), space_after=pt(10),
    ),
    "table-cell": replace(
        _SANS, word_style="KINU Table Cell", size=pt(9), leading=pt(12), space_after=pt(0),
    ),
    "table-header": replace(
        _SANS, word_style="KINU Table Header", size=pt(9), leading=pt(12), bold=True,
        space_after=pt(0), keep_with_next=True,
    ),
    "figure": replace(
        _BODY, word_style="KINU Figure", alignment="center", space_before=pt(6),
        space_after=pt(0), keep_with_next=True,
    ),
    "full-text": replace(
        _SANS, word_style="KINU Full Text", size=pt(9.5), leading=pt(13), space_after=pt(16),
    ),
    "meeting-use": replace(
        _SANS, word_style="KINU Meeting Use", size=pt(8.5), leading=pt(10), alignment="center",
        bold=True, colour=KINU_BLUE,
    ),
    # Status stamps: a banner in the header of an embargoed brief, a watermark on a draft.
    "embargo-banner": replace(
        _SANS, word_style="KINU Embargo Banner", size=pt(9), leading=pt(16), bold=True,
        colour=WHITE, background=EMBARGO_RED, left_indent=mm(3),
    ),
    "draft-watermark": replace(
        _SANS, word_style="KINU Draft Watermark", size=pt(110), leading=pt(120), bold=True,
        alignment="center", colour=WATERMARK_GREY,
    ),
}

# The draft watermark runs diagonally across the middle of the page, at this angle
# (degrees counter-clockwise from the horizontal), light and see-through (WATERMARK_GREY
# at this opacity: about 10% grey where it overlaps nothing): behind the text and above
# any box's shading, so the text under it stays fully legible, in both formats.
WATERMARK_ANGLE = 45.0
WATERMARK_OPACITY = 0.2
# Drawn in front of the text (the DOCX's first page, where a key-point box would hide
# a header watermark: generator.render.docx.stamps), the watermark is black at the
# opacity that gives the same grey on white paper as WATERMARK_GREY at
# WATERMARK_OPACITY: grey over black text would lift it to grey, black leaves it black.
WATERMARK_IN_FRONT_COLOUR = TEXT_BLACK
WATERMARK_IN_FRONT_OPACITY = round(
    WATERMARK_OPACITY * (1 - sum(WATERMARK_GREY.rgb) / 3), 4
)


@dataclass(frozen=True)
class QrCode:
    """The QR code of a handout's full-text address, at the right of the address."""

    size: Length  # the printed square, quiet zone included
    quiet_zone: int  # modules of white around the code (the standard asks for 4)
    error_correction: Literal["L", "M", "Q", "H"]
    gap: Length  # between the address's text and the code
    pixels_per_module: int  # of the PNG image a DOCX carries


HANDOUT_QR = QrCode(size=mm(28), quiet_zone=4, error_correction="M", gap=mm(8),
                    pixels_per_module=8)


# How each kind of key-points box is set: its heading (a catalogue key) and point role.
KEY_POINTS_HEADINGS = {"executive-summary": "executive_summary", "handout": "key_points"}
KEY_POINTS_ROLES = {"executive-summary": "summary-point", "handout": "handout-point"}

# The superscript footnote marker in the body ("1)") is drawn at this fraction of
# the surrounding text size, raised by `FOOTNOTE_MARKER_RISE` of that size.
FOOTNOTE_MARKER_SCALE = 0.65
FOOTNOTE_MARKER_RISE = 0.38

FOOTNOTES = FootnoteArea(
    rule_width=mm(40),  # a quarter of the text width: the rule LibreOffice draws for a DOCX
    rule_thickness=pt(0.5),
    gap_above_rule=pt(8),
    gap_below_rule=pt(4),
    gap_between_notes=pt(2),
)

# A note continued from the previous page sits under a rule across the whole text width
# (Word's own continuation separator), where a page's first note has the short rule:
# the same mark in both formats, so a reader sees that the note goes on.
CONTINUED_NOTE_RULE_WIDTH = A4.text_width


@dataclass(frozen=True)
class Hyphenation:
    """How justified text of a language is hyphenated (both formats)."""

    patterns: str  # the hyphenation patterns' language, as pyphen and Word name it
    max_consecutive: int  # at most this many hyphenated lines in a row
    shortest_word: int  # words shorter than this are never hyphenated
    least_before: int  # letters kept before the hyphen
    least_after: int  # letters carried after it
    # A word is hyphenated only where carrying it whole to the next line would leave
    # more than this empty at the end of the line (Word's "hyphenation zone").
    zone: Length = pt(18)


# English is hyphenated (en-US patterns); Korean breaks between words (어절), never
# inside one, so it has no entry.
HYPHENATION: dict[str, Hyphenation] = {
    "en": Hyphenation(patterns="en_US", max_consecutive=2, shortest_word=6, least_before=2,
                      least_after=3),
}

# Justified Korean does not open holes between words: a loose line's word gaps grow by
# at most `word_space_stretch` (of an em, on top of the space itself); the rest of the
# line's slack is spread between all its characters, up to `letter_space` of an em each
# (only past that do the word gaps grow further).
@dataclass(frozen=True)
class HangulJustification:
    word_space_stretch: float  # em
    letter_space: float  # em


HANGUL_JUSTIFICATION = HangulJustification(word_space_stretch=0.1, letter_space=0.1)

# Word and LibreOffice justify Korean by widening the word spaces only: neither spreads
# a loose line between syllables as the PDF does (above), and in the narrow key-point
# boxes that opens holes of nearly an em. So in the DOCX, these roles are set ragged
# right (left-aligned) in these editions; the body stays justified.
DOCX_NOT_JUSTIFIED: dict[str, frozenset[str]] = {
    "ko": frozenset(KEY_POINTS_ROLES.values()),
}

# A printed address (URL) breaks only after one of these characters, never inside a
# word; and it is broken rather than carried whole to the next line when carrying it
# would leave more than `URL_BREAK_SLACK` of the line's width empty.
URL_BREAK_AFTER = "/?&=-."
URL_BREAK_SLACK = 0.02

# Closing matter (the © line and the ※ disclaimer) stays on one page with at least
# this many lines of the body before it; never a page holding closing matter alone.
CLOSING_MATTER_BODY_LINES = 2

LINK_COLOUR = KINU_BLUE

# Faces by kind and script. Latin runs (and Cyrillic, Greek) take Liberation;
# Hangul runs take Nanum; Hanja take a face matched to the surrounding Myeongjo (Noto
# Serif CJK KR) or Gothic (Nanum Gothic itself has them); "symbols" is the last resort
# for a symbol the other faces of a kind lack (‧ and ✓, only the Hanja subset has them).
# A renderer switches face per run, by the rule of generator.style.glyphs.
FACES: dict[tuple[FaceKind, str], FontFace] = {
    ("serif", "latin"): LIBERATION_SERIF,
    ("sans", "latin"): LIBERATION_SANS,
    ("serif", "hangul"): NANUM_MYEONGJO,
    ("sans", "hangul"): NANUM_GOTHIC,
    ("serif", "hanja"): NOTO_SERIF_HANJA,
    ("sans", "hanja"): NANUM_GOTHIC,
    ("serif", "symbols"): NOTO_SERIF_HANJA,
    ("sans", "symbols"): NOTO_SERIF_HANJA,
}


# A meeting packet's cover (generator.model.packet): the series band, "For meeting use",
# the meeting's title, its date, time and venue beside their labels, then the agenda,
# a ruled table (house tables: rules above and below the header and at the end, no
# vertical rules, 9.5 pt, numbers right-aligned).
_AGENDA_CELL = replace(_SANS, word_style="KINU Agenda Cell", size=pt(9.5), leading=pt(13))
PACKET_ROLES: dict[str, Role] = {
    "cover-meeting-use": replace(
        _SANS, word_style="KINU Cover Meeting Use", size=pt(10.5), leading=pt(14), bold=True,
        colour=KINU_BLUE, space_after=pt(14),
    ),
    "cover-fact-label": replace(
        _SANS, word_style="KINU Cover Fact Label", size=pt(10.5), leading=pt(15), bold=True,
        colour=TEXT_GREY,
    ),
    "cover-fact": replace(_SANS, word_style="KINU Cover Fact", size=pt(10.5), leading=pt(15)),
    "agenda-heading": replace(
        ROLES["heading-2"], word_style="KINU Agenda Heading", space_before=pt(22),
        space_after=pt(8),
    ),
    "agenda-head": replace(_AGENDA_CELL, word_style="KINU Agenda Head", bold=True,
                           colour=KINU_BLUE),
    "agenda-head-figure": replace(_AGENDA_CELL, word_style="KINU Agenda Head Figure",
                                  bold=True, colour=KINU_BLUE, alignment="right"),
    "agenda-cell": _AGENDA_CELL,
    "agenda-figure": replace(_AGENDA_CELL, word_style="KINU Agenda Figure", alignment="right"),
}


@dataclass(frozen=True)
class AgendaColumn:
    """One column of the agenda: its heading (a catalogue key), width and alignment."""

    heading: str
    width: Length | None  # None: the rest of the text width
    figure: bool = False  # a number: right-aligned (roles agenda-figure, agenda-head-figure)


AGENDA_COLUMNS: tuple[AgendaColumn, ...] = (
    AgendaColumn("agenda_item", mm(11), figure=True),
    AgendaColumn("agenda_number", mm(22)),
    AgendaColumn("agenda_title", None),
    AgendaColumn("agenda_author", mm(38)),
    AgendaColumn("agenda_page", mm(13), figure=True),
)


@dataclass(frozen=True)
class RuledTable:
    """A table in the house style: horizontal rules only."""

    outer_rule: Length  # above the header and below the last row
    header_rule: Length  # below the header
    row_rule: Length  # between rows (0: none)
    rule_colour: Colour
    row_rule_colour: Colour
    cell_padding: Length  # above and below each cell's text
    column_gap: Length  # between columns (half on either side of a column boundary)


AGENDA_TABLE = RuledTable(outer_rule=pt(1), header_rule=pt(0.5), row_rule=pt(0.5),
                          rule_colour=KINU_BLUE, row_rule_colour=Colour("B8C3D6"),
                          cell_padding=pt(4), column_gap=mm(3))
COVER_FACT_LABEL_WIDTH = mm(22)  # the labels column of the date, time and venue

# ------------------------------------------------- tables and figures in a body
# A table's caption sits above it, a figure's below it; the caption starts with its
# label and number in bold ("Table 1." / "표 1."), then the caption text.
CAPTION_PLACEMENT: dict[str, Literal["above", "below"]] = {"table": "above", "figure": "below"}
CAPTION_NUMBER_FORMAT = "{label} {number}."  # the bold part; then a space and the caption
BODY_TABLE = RuledTable(outer_rule=pt(1), header_rule=pt(0.5), row_rule=pt(0.25),
                        rule_colour=TEXT_BLACK, row_rule_colour=Colour("BFBFBF"),
                        cell_padding=pt(2.5), column_gap=mm(3))
BODY_TABLE_SPACE_AFTER = pt(12)  # below the table's closing rule, before what follows
# A figure is centred, at most the text width wide and at most this share of the text
# height tall (so that it and its caption always fit on one page), never enlarged.
FIGURE_MAX_HEIGHT_SHARE = 0.6
# A picture without a resolution of its own prints at this many pixels per inch.
FIGURE_DEFAULT_DPI = 150.0
# Below a body table in Word, BODY_TABLE_SPACE_AFTER is an empty paragraph of this role.
ROLES["table-gap"] = replace(ROLES["block-gap"], word_style="KINU Table Gap",
                             leading=BODY_TABLE_SPACE_AFTER)


def agenda_column_widths() -> tuple[Length, ...]:
    """Each agenda column's width; together, the text width."""
    fixed = sum((column.width.points for column in AGENDA_COLUMNS if column.width), 0.0)
    rest = pt(A4.text_width.points - fixed)
    return tuple(column.width or rest for column in AGENDA_COLUMNS)


def handout_roles(step: int) -> dict[str, Role]:
    """The roles of a handout at tightening step `step` (0: the house setting)."""
    tightening = HANDOUT_TIGHTENING[step]
    point = replace(ROLES["handout-point"], size=tightening.size, leading=tightening.leading,
                    space_after=tightening.space_after)
    return {**ROLES, "handout-point": point}


def role(name: str) -> Role:
    """The role called `name` (a brief's, or a packet cover's); a KeyError names a role
    the house style lacks."""
    found = ROLES.get(name) or PACKET_ROLES.get(name)
    if found is None:
        raise KeyError(name)
    return found


def face(kind: FaceKind, script: str = "latin") -> FontFace:
    return FACES[(kind, script)]


def heading_role(level: int) -> Role:
    return ROLES[f"heading-{level}"]


# List and key-point labels. A list's labels depend on how deep it is nested in other
# lists (depth 0: a list of the body): bullets "•" then "–", numbers "1." then "(1)",
# repeating after the last. Each level hangs its label a list item's hanging indent
# left of its text, one list-item left indent further in than the level above's.
BULLET = "•"
LIST_BULLETS = (BULLET, "–")
LIST_NUMBER_FORMATS = ("{}.", "({})")


def list_label(*, ordered: bool, number: int, depth: int = 0) -> str:
    """The label before a list item: "•", "–", "3." or "(3)"."""
    if ordered:
        return LIST_NUMBER_FORMATS[depth % len(LIST_NUMBER_FORMATS)].format(number)
    return LIST_BULLETS[depth % len(LIST_BULLETS)]


def list_level_indents(depth: int) -> tuple[Length, Length]:
    """The left indent of a list's text at `depth` (from the text column) and the
    hanging indent of its label: the geometry of both formats."""
    item = ROLES["list-item"]
    return item.left_indent * (depth + 1), item.first_line_indent * -1

"""What inline text is set with: the style of a run, link targets, footnote markers.

Shared by the paragraph fragments the renderer builds (fragments.py) and the reference
markup they are checked against (tests/pdf_markup_reference.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from generator.style.house import FOOTNOTE_MARKER_RISE, FOOTNOTE_MARKER_SCALE, FaceKind

MARKER_CALLBACK = "footnote"  # name of the zero-width <onDraw> that tags a marker's line
DESTINATION_PREFIX = "ref:"  # named destinations of tables and figures: "ref:tbl:trade"
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_HREF_SAFE = ":/?#[]@!$&'()*+,;=%~"


@dataclass(frozen=True)
class InlineStyle:
    """What the enclosing role and inline nodes set for a run of text."""

    kind: FaceKind
    size: float
    language: str
    bold: bool = False
    italic: bool = False
    tag_markers: bool = True  # tag each footnote marker for the composer


def link_target(target: str) -> str | None:
    """`target` percent-encoded, or None for a scheme other than http/https/mailto."""
    if urlsplit(target.strip()).scheme.lower() not in LINK_SCHEMES:
        return None
    return quote(target.strip(), safe=_HREF_SAFE)


def destination_name(target: str) -> str:
    """The named destination of the table or figure whose id is `target`, where its
    cross-references link to (the name only ever keys reportlab's own table of
    destinations: the PDF links to the page and position directly)."""
    return DESTINATION_PREFIX + target


def marker_rise(style: InlineStyle) -> str:
    """How far a footnote marker is raised, in points, as written (two decimals)."""
    return f"{style.size * FOOTNOTE_MARKER_RISE:.2f}"


def marker_size(style: InlineStyle) -> str:
    """The font size of a footnote marker, in points, as written (two decimals)."""
    return f"{style.size * FOOTNOTE_MARKER_SCALE:.2f}"

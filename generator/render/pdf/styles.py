"""reportlab paragraph styles made from the house roles (no measure is restated here)."""

from __future__ import annotations

from functools import cache
from typing import Literal

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from generator.render.pdf.fonts import font_name
from generator.style.house import Colour, Role, role

_ALIGNMENTS = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}


def colour(value: Colour) -> Color:
    red, green, blue = value.rgb
    return Color(red, green, blue)


def role_font(house_role: Role) -> str:
    """The Latin face of `house_role`, the default font of its paragraphs."""
    return font_name(house_role.face, bold=house_role.bold, italic=house_role.italic)


# Where a paragraph's label (list bullet, note number) goes: none; a "bullet" hung at the
# role's first-line indent with the text starting at the left indent; or "inline", the
# label being the first words of the text, which starts at the first-line indent.
Label = Literal["none", "bullet", "inline"]


def _first_line_indent(first_line: float, label: Label) -> float:
    if label == "bullet":
        return 0.0
    if label == "inline" or first_line >= 0:
        return first_line
    return 0.0  # a hanging role's unlabelled paragraph (a list item's second) stays flush


@cache
def paragraph_style(
    role_name: str, left: float | None = None, right: float | None = None, label: Label = "none"
) -> ParagraphStyle:
    """The style of role `role_name`; `left`/`right` replace the role's own indents
    (containers accumulate them)."""
    return role_paragraph_style(role(role_name), role_name, left, right, label)


@cache
def role_paragraph_style(
    house_role: Role,
    name: str,
    left: float | None = None,
    right: float | None = None,
    label: Label = "none",
) -> ParagraphStyle:
    """The style of `house_role` (called `name`), e.g. a handout's tightened role."""
    left_indent = house_role.left_indent.points if left is None else left
    right_indent = house_role.right_indent.points if right is None else right
    first_line = house_role.first_line_indent.points
    font = role_font(house_role)
    return ParagraphStyle(
        name=f"{name}:{house_role.size.points:.2f}:{left_indent:.2f}:{right_indent:.2f}:{label}",
        fontName=font,
        fontSize=house_role.size.points,
        leading=house_role.leading.points,
        alignment=_ALIGNMENTS[house_role.alignment],
        textColor=colour(house_role.colour),
        leftIndent=left_indent,
        rightIndent=right_indent,
        firstLineIndent=_first_line_indent(first_line, label),
        bulletIndent=left_indent + first_line if label == "bullet" else 0.0,
        bulletFontName=font,
        bulletFontSize=house_role.size.points,
        spaceBefore=house_role.space_before.points,
        spaceAfter=house_role.space_after.points,
        allowOrphans=1,
        allowWidows=1,
        splitLongWords=1,
    )

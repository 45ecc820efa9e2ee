"""The numbered caption of a table or figure: a Word caption paragraph.

"Table 1. Russia–DPRK trade" (house.CAPTION_NUMBER_FORMAT): the label, a no-break
space and the number in bold, the number a `SEQ` field whose result is already the
model's number, label and number inside the `_Ref` bookmark cross-references point to
(generator.render.docx.fields), then the caption's own inline text (emphasis, notes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from docx.opc.part import Part
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.model import Figure, Table
from generator.render.docx.faces import add_text_runs
from generator.render.docx.fields import CaptionBookmarks, add_field, sequence_identifier
from generator.render.docx.inlines import FootnoteReferences, InlineWriter, RunFormat
from generator.render.docx.ooxml import add_paragraph
from generator.render.docx.properties import style_id
from generator.style.house import CAPTION_NUMBER_FORMAT, Role

CaptionKind = Literal["table", "figure"]
CAPTION_ROLES: dict[CaptionKind, str] = {"table": "table-caption", "figure": "figure-caption"}
# The sequence of a label Word cannot name a sequence after (fields.sequence_identifier).
_FALLBACK_SEQUENCES: dict[CaptionKind, str] = {"table": "Table", "figure": "Figure"}


@dataclass(frozen=True)
class CaptionContext:
    """What a caption's text needs from its document."""

    part: Part
    footnotes: FootnoteReferences
    bookmarks: CaptionBookmarks
    roles: Mapping[str, Role]


def caption_label_parts(label: str) -> tuple[str, str]:
    """The bold text before the number and after it: ("Table\\u00a0", ".") for
    "{label} {number}."; the space before the number is a no-break space."""
    head, _, tail = CAPTION_NUMBER_FORMAT.partition("{number}")
    return head.format(label=label).replace(" ", "\N{NO-BREAK SPACE}"), tail


def write_caption(body: BaseOxmlElement, kind: CaptionKind, node: Table | Figure,
                  context: CaptionContext) -> BaseOxmlElement:
    """The caption paragraph of `node` at the end of `body`."""
    role = context.roles[CAPTION_ROLES[kind]]
    paragraph = add_paragraph(body, style_id(role.word_style))
    before, after = caption_label_parts(node.label)
    bold = RunFormat(bold=True)
    bookmark = None if node.id is None else context.bookmarks.start(paragraph, node.id)
    add_text_runs(paragraph, before, role.face, bold=True, properties=bold.properties())
    sequence = sequence_identifier(node.label, _FALLBACK_SEQUENCES[kind])
    add_field(paragraph, f"SEQ {sequence} \\* ARABIC",
              lambda container: add_text_runs(container, str(node.number), role.face,
                                              bold=True, properties=bold.properties()),
              bold.properties())
    if bookmark is not None:
        context.bookmarks.end(paragraph, bookmark)
    add_text_runs(paragraph, after, role.face, bold=True, properties=bold.properties())
    if node.caption:
        add_text_runs(paragraph, " ", role.face)
        InlineWriter(paragraph, context.part, context.footnotes, role,
                     context.bookmarks).write(node.caption)
    return paragraph

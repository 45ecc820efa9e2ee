"""Word fields of numbered captions and their cross-references: `SEQ` and `REF`.

A caption's number is a `SEQ Table \\* ARABIC` field (complex field: fldChar begin,
instrText, separate, the result, end), its label and number inside a hidden `_Ref…`
bookmark; a cross-reference is a `REF _Ref… \\h` field (a link to the bookmark).
Every field carries its current result (the number the model gives), so Word and
LibreOffice show the right numbers without updating fields, and Word's own "Update
field" gives the same ones.

The sequence is named after the caption label, as Word's Insert Caption names it:
`SEQ Table` / `SEQ Figure` in English, `SEQ 표` / `SEQ 그림` in Korean (Korean Word's
own labels, so a caption a Korean user adds continues our numbering). A bookmark's
name is derived from the id the cross-references name ("tbl:trade"), so a reference
written before its table names the same bookmark.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from copy import deepcopy

from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import add, add_run

_IDENTIFIER = re.compile(r"[^\W\d_]\w{0,39}")  # a letter, then letters, digits, _


def bookmark_name(target: str) -> str:
    """The hidden bookmark (leading `_`, as Word's `_Ref123456789`) of caption id
    `target`: 9 digits of its SHA-256, a valid Word name whatever the id's characters."""
    digest = int.from_bytes(hashlib.sha256(target.encode("utf-8")).digest()[:8], "big")
    return f"_Ref{digest % 10**9:09d}"


def sequence_identifier(label: str, fallback: str) -> str:
    """The SEQ field's sequence name: the caption label if Word accepts it as one (a
    letter, then up to 39 letters, digits or underscores), otherwise `fallback`."""
    return label if _IDENTIFIER.fullmatch(label) else fallback


def add_field(container: BaseOxmlElement, instruction: str,
              write_result: Callable[[BaseOxmlElement], None],
              properties: BaseOxmlElement | None = None) -> None:
    """A complex field at the end of `container`: `instruction`, then the runs
    `write_result` appends to the container as the field's current result."""
    _field_char(container, "begin", properties)
    instruction_run = _run(container, properties)
    add(instruction_run, "w:instrText", {"xml:space": "preserve"}).text = f" {instruction} "
    _field_char(container, "separate", properties)
    write_result(container)
    _field_char(container, "end", properties)


def _field_char(container: BaseOxmlElement, kind: str,
                properties: BaseOxmlElement | None) -> None:
    add(_run(container, properties), "w:fldChar", {"w:fldCharType": kind})


def _run(container: BaseOxmlElement, properties: BaseOxmlElement | None) -> BaseOxmlElement:
    return add_run(container, "", None if properties is None else deepcopy(properties))


class CaptionBookmarks:
    """The `_Ref` bookmarks of one document's captions and the targets its
    cross-references name; every target must end up bookmarked."""

    def __init__(self) -> None:
        self._next_id = 0
        self._bookmarked: set[str] = set()
        self._referenced: set[str] = set()

    def start(self, container: BaseOxmlElement, target: str) -> str:
        """Open the bookmark of caption id `target` at the end of `container`; its
        w:id, for `end`."""
        if target in self._bookmarked:
            raise ValueError(f"two captions have the id {target!r}")
        self._bookmarked.add(target)
        bookmark_id = str(self._next_id)
        self._next_id += 1
        add(container, "w:bookmarkStart", {"w:id": bookmark_id, "w:name": bookmark_name(target)})
        return bookmark_id

    @staticmethod
    def end(container: BaseOxmlElement, bookmark_id: str) -> None:
        add(container, "w:bookmarkEnd", {"w:id": bookmark_id})

    def reference(self, container: BaseOxmlElement, target: str,
                  write_result: Callable[[BaseOxmlElement], None],
                  properties: BaseOxmlElement | None = None) -> None:
        """A REF field to the caption of `target` (a link: `\\h`), showing what
        `write_result` writes."""
        self._referenced.add(target)
        add_field(container, f"REF {bookmark_name(target)} \\h", write_result, properties)

    def check_every_target_bookmarked(self) -> None:
        missing = sorted(self._referenced - self._bookmarked)
        if missing:
            raise ValueError(f"cross-references to no table or figure: {missing}")

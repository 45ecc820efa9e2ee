"""Small WordprocessingML element builders on top of python-docx's lxml layer.

Every element of our own is made here, through element APIs: author text only ever
becomes an element's text or an attribute value, never XML source.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from typing import cast

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement

# Characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, surrogates, U+FFFE/F).
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_PIECES = re.compile("(\t|\r\n|\r|\n|\u2011)")
NON_BREAKING_HYPHEN = "\u2011"  # written as Word's w:noBreakHyphen


def make(tag: str, attributes: Mapping[str, str] | None = None) -> BaseOxmlElement:
    """A new element `tag` ("w:p") with prefixed `attributes` ({"w:val": "1"}).

    Typed as python-docx's element class, but tags it has no class for give plain
    lxml elements: callers use only the lxml element API on what this returns.
    """
    element = copy.copy(_prototype(tag))
    for name, value in (attributes or {}).items():
        element.set(clark_name(name), value)
    return element


@functools.cache
def clark_name(name: str) -> str:
    """`qn(name)`: "w:p" → "{http://...}p", worked out once per name."""
    return qn(name)


@functools.cache
def _prototype(tag: str) -> BaseOxmlElement:
    """An empty element `tag` as python-docx's OxmlElement makes it, made once per tag
    (tags are the code's own) and only ever copied: copying is quicker than making."""
    return cast(BaseOxmlElement, OxmlElement(tag))


def add(
    parent: BaseOxmlElement, tag: str, attributes: Mapping[str, str] | None = None
) -> BaseOxmlElement:
    """A new element `tag` appended as the last child of `parent`."""
    child = make(tag, attributes)
    parent.append(child)
    return child


def checked_text(text: str) -> str:
    """`text` itself, or a ValueError naming the first character XML cannot store."""
    bad = _NOT_XML_CHAR.search(text)
    if bad is not None:
        code = ord(bad.group())
        raise ValueError(f"U+{code:04X} cannot be stored in a DOCX file, in text {text[:60]!r}")
    return text


def add_text(run: BaseOxmlElement, text: str) -> None:
    """Append `text` to `run`: tabs become w:tab, line ends w:br, non-breaking hyphens
    (U+2011) w:noBreakHyphen, the rest w:t."""
    for piece in _TEXT_PIECES.split(checked_text(text)):
        if piece == "\t":
            add(run, "w:tab")
        elif piece == NON_BREAKING_HYPHEN:
            add(run, "w:noBreakHyphen")
        elif piece in ("\r\n", "\r", "\n"):
            add(run, "w:br")
        elif piece:
            add(run, "w:t", {"xml:space": "preserve"}).text = piece


def add_run(
    container: BaseOxmlElement, text: str = "", properties: BaseOxmlElement | None = None
) -> BaseOxmlElement:
    """A new w:r at the end of `container` (a w:p or w:hyperlink) holding `text`."""
    run = add(container, "w:r")
    if properties is not None and len(properties):
        run.append(properties)
    add_text(run, text)
    return run


def add_paragraph(
    parent: BaseOxmlElement, style_id: str, indent: BaseOxmlElement | None = None
) -> BaseOxmlElement:
    """A new w:p at the end of `parent` referring to paragraph style `style_id`."""
    paragraph = make("w:p")
    properties = add(paragraph, "w:pPr")
    add(properties, "w:pStyle", {"w:val": style_id})
    if indent is not None:
        properties.append(indent)
    insert_before(parent, paragraph, ("w:sectPr",))  # a body ends with its w:sectPr
    return paragraph


def insert_before(
    parent: BaseOxmlElement, child: BaseOxmlElement, successors: tuple[str, ...]
) -> None:
    """Insert `child` before the first child of `parent` tagged one of `successors`."""
    for tag in successors:
        successor = parent.find(clark_name(tag))
        if successor is not None:
            successor.addprevious(child)
            return
    parent.append(child)

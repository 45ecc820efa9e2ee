"""Which characters a finished document sets in which face, read from its own XML.

The embedded fonts (generator.render.docx.embedded_fonts) hold the glyphs the document
uses, so they are collected from the document as written, not from the brief: every
run of every story part (body, notes, headers, footers) with the face its properties
resolve to (direct formatting over the character style over the paragraph style over
the document defaults, each style over the one it is based on), and the labels of
Word lists in the face their level names. Whatever face a run names is collected, so a
face added to the house style is embedded without a change here.

A character goes to the face of its script's slot (w:eastAsia for Hangul and Hanja,
w:ascii below U+0080, w:hAnsi above). Punctuation, digits, symbols and spaces go to
the run's Latin faces and, in a paragraph with East Asian text, to its East Asian face
as well: Word sets them in the Latin face, LibreOffice in the face of the script next
to them. Glyphs a face lacks are simply not in its subset; fields and automatic note
numbers add the digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache

from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import clark_name
from generator.style.fonts import script_of

DIGITS = "0123456789"
_FALSE = frozenset({"0", "false", "off"})
_NOTE_NUMBERS = ("w:footnoteReference", "w:footnoteRef", "w:endnoteReference", "w:endnoteRef")
_FIELDS = ("w:fldChar", "w:instrText", "w:pgNum")
_PLACEHOLDER = re.compile("%[1-9]")


@dataclass(frozen=True)
class FaceStyle:
    """One face a document sets text in: a family with its weight and slant."""

    family: str
    bold: bool
    italic: bool


@dataclass(frozen=True)
class RunFonts:
    """The font properties of a w:rPr that decide a face; None where it says nothing."""

    ascii: str | None = None
    high_ansi: str | None = None
    east_asian: str | None = None
    bold: bool | None = None
    italic: bool | None = None

    def over(self, base: RunFonts) -> RunFonts:
        """These properties, with `base`'s wherever these say nothing."""
        return RunFonts(*(
            getattr(self, field.name) if getattr(self, field.name) is not None
            else getattr(base, field.name) for field in fields(self)))

    def faces(self) -> tuple[FaceStyle | None, FaceStyle | None, FaceStyle | None]:
        """The faces of the ascii, high-ANSI and East Asian slots."""
        return (self._face(self.ascii), self._face(self.high_ansi), self._face(self.east_asian))

    def _face(self, family: str | None) -> FaceStyle | None:
        return None if family is None else FaceStyle(family, bool(self.bold), bool(self.italic))


@dataclass(frozen=True)
class StyleSheet:
    """The run properties of a document's styles, resolved through w:basedOn."""

    defaults: RunFonts
    styles: dict[str, RunFonts]
    default_paragraph_style: str | None

    def of_paragraph(self, paragraph: BaseOxmlElement | None) -> RunFonts:
        """The properties a paragraph's runs start from: its style over the defaults."""
        style = self.default_paragraph_style
        if paragraph is not None:
            named = paragraph.find(f"{_W_PPR}/{_W_PSTYLE}")
            if named is not None:
                style = named.get(_W_VAL)
        return self._of_style(style).over(self.defaults)

    def of_run(self, run: BaseOxmlElement, paragraph_fonts: RunFonts) -> RunFonts:
        properties = run.find(_W_RPR)
        if properties is None:
            return paragraph_fonts
        character_style = properties.find(clark_name("w:rStyle"))
        style = None if character_style is None else character_style.get(_W_VAL)
        return run_fonts(properties).over(self._of_style(style)).over(paragraph_fonts)

    def _of_style(self, style: str | None) -> RunFonts:
        return RunFonts() if style is None else self.styles.get(style, RunFonts())


_W_VAL = clark_name("w:val")
_W_PPR = clark_name("w:pPr")
_W_RPR = clark_name("w:rPr")
_W_PSTYLE = clark_name("w:pStyle")
_W_P = clark_name("w:p")
_W_R = clark_name("w:r")
_W_T = clark_name("w:t")


def run_fonts(properties: BaseOxmlElement | None) -> RunFonts:
    """The face-deciding properties of one w:rPr (or w:rPr-like element)."""
    if properties is None:
        return RunFonts()
    fonts = properties.find(clark_name("w:rFonts"))
    names: dict[str, str | None] = {"ascii": None, "high_ansi": None, "east_asian": None}
    if fonts is not None:
        names = {"ascii": fonts.get(clark_name("w:ascii")),
                 "high_ansi": fonts.get(clark_name("w:hAnsi")),
                 "east_asian": fonts.get(clark_name("w:eastAsia"))}
    return RunFonts(**names, bold=_switch(properties, "w:b"), italic=_switch(properties, "w:i"))


def _switch(properties: BaseOxmlElement, tag: str) -> bool | None:
    element = properties.find(clark_name(tag))
    if element is None:
        return None
    return element.get(_W_VAL, "1").lower() not in _FALSE


def style_sheet(styles: BaseOxmlElement) -> StyleSheet:
    """The styles part's run properties, each style resolved through its base styles."""
    defaults = run_fonts(styles.find(f"{clark_name('w:docDefaults')}/"
                                     f"{clark_name('w:rPrDefault')}/{_W_RPR}"))
    own: dict[str, tuple[RunFonts, str | None]] = {}
    default_paragraph_style = None
    for style in styles.iter(clark_name("w:style")):
        style_id = style.get(clark_name("w:styleId"))
        if style_id is None:
            continue
        based_on = style.find(clark_name("w:basedOn"))
        own[style_id] = (run_fonts(style.find(_W_RPR)),
                         None if based_on is None else based_on.get(_W_VAL))
        if (style.get(clark_name("w:type")) == "paragraph"
                and style.get(clark_name("w:default")) in ("1", "true", "on")):
            default_paragraph_style = style_id
    resolved = {style_id: _resolved(style_id, own) for style_id in own}
    return StyleSheet(defaults, resolved, default_paragraph_style)


def _resolved(style_id: str, own: dict[str, tuple[RunFonts, str | None]]) -> RunFonts:
    fonts, seen = RunFonts(), set[str]()
    based_on: str | None = style_id
    while based_on is not None and based_on in own and based_on not in seen:
        seen.add(based_on)
        properties, based_on = own[based_on]
        fonts = fonts.over(properties)
    return fonts


class FaceCharacters:
    """The characters collected for each face."""

    def __init__(self) -> None:
        self.by_face: dict[FaceStyle, set[str]] = {}

    def add(self, text: str, fonts: RunFonts, *, beside_east_asian: bool = False) -> None:
        """`text` set in a run of `fonts`: each character to its slot's face, and the
        characters of no script (punctuation, digits, spaces) to the Latin faces of the
        run and, in a paragraph that holds East Asian text (`beside_east_asian`), to its
        East Asian face too."""
        ascii_face, high_ansi_face, east_asian_face = fonts.faces()
        faces_of_slot = (
            (ascii_face, high_ansi_face, east_asian_face if beside_east_asian else None),
            (east_asian_face,),
            (ascii_face,),
            (high_ansi_face,),
        )
        by_slot: tuple[set[str], ...] = (set(), set(), set(), set())
        for character in set(text):
            by_slot[_slot_of(character)].add(character)
        for characters, faces in zip(by_slot, faces_of_slot, strict=True):
            for face in faces:
                if characters and face is not None:
                    self.by_face.setdefault(face, set()).update(characters)

    def mark_used(self, fonts: RunFonts) -> None:
        """The Latin face of `fonts` sets something (an empty line's height), even if no
        glyph."""
        ascii_face = fonts.faces()[0]
        if ascii_face is not None:
            self.by_face.setdefault(ascii_face, set())


@cache
def _slot_of(character: str) -> int:
    """Which faces of a run set `character`: 0 no script's (punctuation, digits,
    spaces: the Latin faces, and the East Asian one beside East Asian text), 1 the East
    Asian face, 2 the ASCII face, 3 the high-ANSI face."""
    if unicodedata.category(character)[0] in "NPSZ":
        return 0
    if script_of(character) != "latin":
        return 1
    return 2 if character < "\x80" else 3


def characters_by_face(
    stories: Iterable[BaseOxmlElement], sheet: StyleSheet,
    numbering: BaseOxmlElement | None = None,
) -> dict[FaceStyle, set[str]]:
    """Every face the story parts' runs (and their list labels) are set in, with the
    characters set in it."""
    collected = FaceCharacters()
    labels = list_labels(numbering)
    for story in stories:
        for paragraph in story.iter(_W_P):
            _add_paragraph(collected, paragraph, sheet, labels)
    return collected.by_face


def _add_paragraph(
    collected: FaceCharacters, paragraph: BaseOxmlElement, sheet: StyleSheet,
    labels: dict[tuple[str, str], ListLabel],
) -> None:
    paragraph_fonts = sheet.of_paragraph(paragraph)
    runs = [(run_text(run), sheet.of_run(run, paragraph_fonts)) for run in _own_runs(paragraph)]
    east_asian = any(script_of(character) != "latin"
                     for text, _ in runs if not text.isascii() for character in text)
    for text, fonts in runs:
        collected.add(text, fonts, beside_east_asian=east_asian)
    if not any(text for text, _ in runs):
        collected.mark_used(_paragraph_mark_fonts(paragraph, paragraph_fonts))
    label = _list_label(paragraph, labels)
    if label is not None:
        mark = _paragraph_mark_fonts(paragraph, paragraph_fonts)
        collected.add(label.text, label.fonts.over(mark), beside_east_asian=east_asian)


def _own_runs(paragraph: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """The runs of `paragraph` itself, not of a paragraph nested in it (a text box)."""
    for run in paragraph.iter(_W_R):
        if next(run.iterancestors(_W_P)) is paragraph:
            yield run


def run_text(run: BaseOxmlElement) -> str:
    """What a run shows: its text, a hyphen for (soft or hard) hyphens, digits for a
    field or an automatic note number; nothing for tabs and breaks."""
    pieces = []
    for child in run:
        tag = child.tag
        if tag == _W_T:
            pieces.append(child.text or "")
        elif tag in _HYPHENS:
            pieces.append("-\u2011")
        elif tag in _NUMBERS:
            pieces.append(DIGITS)
        elif tag == _W_SYM:
            pieces.append(chr(int(child.get(clark_name("w:char"), "20"), 16) & 0xFFFF))
    return "".join(pieces)


_HYPHENS = frozenset(clark_name(tag) for tag in ("w:softHyphen", "w:noBreakHyphen"))
_NUMBERS = frozenset(clark_name(tag) for tag in (*_NOTE_NUMBERS, *_FIELDS))
_W_SYM = clark_name("w:sym")


def _paragraph_mark_fonts(paragraph: BaseOxmlElement, paragraph_fonts: RunFonts) -> RunFonts:
    return run_fonts(paragraph.find(f"{_W_PPR}/{_W_RPR}")).over(paragraph_fonts)


# ------------------------------------------------------------------ list labels

@dataclass(frozen=True)
class ListLabel:
    """The text a list level draws before its items, and the properties it is set in."""

    text: str
    fonts: RunFonts


def list_labels(numbering: BaseOxmlElement | None) -> dict[tuple[str, str], ListLabel]:
    """The label of each (w:numId, w:ilvl) of a numbering part."""
    if numbering is None:
        return {}
    abstract = {
        element.get(clark_name("w:abstractNumId")): element
        for element in numbering.iter(clark_name("w:abstractNum"))
    }
    labels: dict[tuple[str, str], ListLabel] = {}
    for number in numbering.iter(clark_name("w:num")):
        reference = number.find(clark_name("w:abstractNumId"))
        definition = None if reference is None else abstract.get(reference.get(_W_VAL))
        if definition is None:
            continue
        for level in definition.iter(clark_name("w:lvl")):
            key = (number.get(clark_name("w:numId"), ""), level.get(clark_name("w:ilvl"), "0"))
            labels[key] = _level_label(level)
    return labels


def _level_label(level: BaseOxmlElement) -> ListLabel:
    text_element = level.find(clark_name("w:lvlText"))
    text = "" if text_element is None else text_element.get(_W_VAL, "")
    number_format = level.find(clark_name("w:numFmt"))
    numbered = "%" in text and (number_format is None
                                or number_format.get(_W_VAL) not in ("bullet", "none"))
    shown = _PLACEHOLDER.sub("", text)
    return ListLabel(shown + (DIGITS if numbered else ""), run_fonts(level.find(_W_RPR)))


def _list_label(
    paragraph: BaseOxmlElement, labels: dict[tuple[str, str], ListLabel]
) -> ListLabel | None:
    properties = paragraph.find(f"{_W_PPR}/{clark_name('w:numPr')}")
    if properties is None or not labels:
        return None
    number = properties.find(clark_name("w:numId"))
    level = properties.find(clark_name("w:ilvl"))
    key = ("" if number is None else number.get(_W_VAL, ""),
           "0" if level is None else level.get(_W_VAL, "0"))
    return labels.get(key)

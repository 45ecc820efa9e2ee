"""Lists as Word numbering: one w:num per list, on the house's two list definitions.

The house template's numbering part gets two w:abstractNum, bullets and numbers, whose
levels carry the house labels (generator.style.house.list_label: "•" "–" …, "1."
"(1)" …) and indents (house.list_level_indents). Each list of a brief gets its own
w:num, restarting at the list's first number (w:lvlOverride/w:startOverride), and
every labelled paragraph of the list a w:numPr: Word and LibreOffice draw the labels
and renumber the items when an editor inserts or removes one.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import add, make
from generator.render.docx.properties import indentation
from generator.style.house import FACES, ROLES, list_label, list_level_indents
from generator.style.units import pt

WORD_LEVELS = 9  # ilvl 0-8, all Word has
# Ids of the house definitions, past the default template's own (0-8).
ABSTRACT_IDS = {False: 20, True: 21}  # by `ordered`
_NUMBER_PLACEHOLDER = 1000  # a number no label format holds, replaced by "%n"


def install_list_definitions(numbering: BaseOxmlElement) -> None:
    """Add the house's bullet and number definitions to a w:numbering, before its
    first w:num (the schema puts every w:abstractNum first)."""
    taken = {element.get(qn("w:abstractNumId")) for element in numbering.iter(qn("w:abstractNum"))}
    first_num = numbering.find(qn("w:num"))
    for ordered, abstract_id in ABSTRACT_IDS.items():
        if str(abstract_id) in taken:
            raise ValueError(f"the template already has a w:abstractNum {abstract_id}")
        definition = _definition(abstract_id, ordered=ordered)
        if first_num is None:
            numbering.append(definition)
        else:
            first_num.addprevious(definition)


def _definition(abstract_id: int, *, ordered: bool) -> BaseOxmlElement:
    definition = make("w:abstractNum", {"w:abstractNumId": str(abstract_id)})
    add(definition, "w:multiLevelType", {"w:val": "multilevel"})
    for depth in range(WORD_LEVELS):
        definition.append(_level(depth, ordered=ordered))
    return definition


def _level(depth: int, *, ordered: bool) -> BaseOxmlElement:
    level = make("w:lvl", {"w:ilvl": str(depth)})
    add(level, "w:start", {"w:val": "1"})
    add(level, "w:numFmt", {"w:val": "decimal" if ordered else "bullet"})
    label = list_label(ordered=ordered, number=_NUMBER_PLACEHOLDER, depth=depth)
    add(level, "w:lvlText", {"w:val": label.replace(str(_NUMBER_PLACEHOLDER), f"%{depth + 1}")})
    add(level, "w:lvlJc", {"w:val": "left"})
    properties = add(level, "w:pPr")
    left, hanging = list_level_indents(depth)
    properties.append(indentation(left, pt(0), hanging * -1))
    family = FACES[(ROLES["list-item"].face, "latin")].family  # the PDF's label face
    run = add(level, "w:rPr")
    add(run, "w:rFonts", {"w:ascii": family, "w:hAnsi": family, "w:eastAsia": family,
                          "w:cs": family, "w:hint": "default"})
    return level


class ListNumbering:
    """The w:num of each list of one document, numbered from past the template's own."""

    def __init__(self, numbering: BaseOxmlElement) -> None:
        self._numbering = numbering
        ids = [int(num.get(qn("w:numId"))) for num in numbering.iter(qn("w:num"))]
        self._next_id = max(ids, default=0) + 1

    def new_list(self, *, ordered: bool, depth: int, start: int) -> int:
        """The numId of a new list at `depth`, its first item numbered `start`."""
        num_id = self._next_id
        self._next_id += 1
        num = add(self._numbering, "w:num", {"w:numId": str(num_id)})
        add(num, "w:abstractNumId", {"w:val": str(ABSTRACT_IDS[ordered])})
        override = add(num, "w:lvlOverride", {"w:ilvl": str(word_level(depth))})
        add(override, "w:startOverride", {"w:val": str(start)})
        return num_id


def word_level(depth: int) -> int:
    """The w:ilvl of a list at `depth`: the deepest Word level beyond it."""
    return min(depth, WORD_LEVELS - 1)


def number_properties(num_id: int, depth: int) -> BaseOxmlElement:
    """The w:numPr putting a paragraph in list `num_id` at `depth`."""
    properties = make("w:numPr")
    add(properties, "w:ilvl", {"w:val": str(word_level(depth))})
    add(properties, "w:numId", {"w:val": str(num_id)})
    return properties

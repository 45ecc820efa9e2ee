"""Real Word footnotes: the /word/footnotes.xml part, its settings and references.

python-docx has no footnote API, so the part is an XmlPart related to the document
part by hand; the settings naming its separator notes are declared once, in the house
template (generator.render.docx.template), since every document has the part. The
house marker "1)" cannot be produced by a Word number format, so each mark is Word's
own automatic number followed by the marker's suffix ")" as text in the same style.
(A w:customMarkFollows mark would show the number twice in LibreOffice, which adds
its own number before the custom text.)

The separators are the house rules, drawn as a paragraph's top border: the short rule
(FOOTNOTES.rule_width) above a page's first notes, a rule across the text width
(CONTINUED_NOTE_RULE_WIDTH) above a note continued from the previous page, as the PDF
draws them. Each keeps Word's own separator character in a hidden run: Word does not
show it, but LibreOffice draws a footnote rule only when the separator note holds one
(and then its own: 25% of the text width above every page's notes, continued or not;
it reads nothing else of these notes).
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.model import Brief
from generator.render.docx.ooxml import add, add_paragraph, add_run, insert_before, make
from generator.render.docx.properties import style_id
from generator.render.docx.styles import FOOTNOTE_REFERENCE_STYLE
from generator.style.house import A4, CONTINUED_NOTE_RULE_WIDTH, FOOTNOTES, ROLES, TEXT_BLACK
from generator.style.texts import footnote_marker
from generator.style.units import Length

FOOTNOTES_PARTNAME = "/word/footnotes.xml"
_EMPTY_FOOTNOTES = f"<w:footnotes {nsdecls('w', 'r')}/>"
# Settings children that must follow w:footnotePr (ECMA-376 CT_Settings order).
_AFTER_FOOTNOTE_PROPERTIES = (
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


class Footnotes:
    """The footnotes part of one document and the bookkeeping of its references."""

    def __init__(self, document: Document, brief: Brief) -> None:
        root = parse_xml(_EMPTY_FOOTNOTES)
        root.append(_separator_note(-1, "separator", FOOTNOTES.rule_width))
        root.append(_separator_note(0, "continuationSeparator", CONTINUED_NOTE_RULE_WIDTH))
        package = document.part.package
        self.part = XmlPart(PackURI(FOOTNOTES_PARTNAME), CONTENT_TYPE.WML_FOOTNOTES, root, package)
        document.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
        self._language = brief.language
        self._count = len(brief.footnotes)
        self._referenced: set[int] = set()

    def marker(self, number: int) -> str:
        """The house marker of note `number`, e.g. "1)"."""
        return footnote_marker(self._language, number)

    def marker_affixes(self, number: int) -> tuple[str, str]:
        """The marker's text before and after the number: ("", ")") for "1)"."""
        prefix, _, suffix = self.marker(number).partition(str(number))
        return prefix, suffix

    def reference(self, container: BaseOxmlElement, number: int) -> None:
        """Append the superscript reference to note `number` at the end of `container`."""
        if not 1 <= number <= self._count:
            raise ValueError(f"footnote {number} is referenced but the brief has {self._count}")
        if number in self._referenced:
            raise ValueError(f"footnote {number} is referenced twice; a Word note has one mark")
        self._referenced.add(number)
        prefix, suffix = self.marker_affixes(number)
        if prefix:
            add_run(container, prefix, properties=_reference_style())
        run = add_run(container, properties=_reference_style())
        add(run, "w:footnoteReference", {"w:id": str(number)})
        if suffix:
            add_run(container, suffix, properties=_reference_style())

    def note_paragraph(self, number: int) -> BaseOxmlElement:
        """A new note `number` holding one "Footnote Text" paragraph that starts "1) "."""
        note = add(self.part.element, "w:footnote", {"w:id": str(number)})
        paragraph = add_paragraph(note, style_id(ROLES["footnote"].word_style))
        prefix, suffix = self.marker_affixes(number)
        if prefix:
            add_run(paragraph, prefix)
        number_run = add_run(paragraph, properties=_baseline())
        add(number_run, "w:footnoteRef")  # Word's own number, upright at the note's size
        add_run(paragraph, f"{suffix} ")
        return paragraph

    def check_every_note_referenced(self) -> None:
        missing = sorted(set(range(1, self._count + 1)) - self._referenced)
        if missing:
            raise ValueError(f"footnotes never referenced from the body: {missing}")


def _reference_style() -> BaseOxmlElement:
    """A body marker's run: the reference style, raised here (the style is upright)."""
    properties = make("w:rPr")
    add(properties, "w:rStyle", {"w:val": style_id(FOOTNOTE_REFERENCE_STYLE)})
    add(properties, "w:vertAlign", {"w:val": "superscript"})
    return properties


def _baseline() -> BaseOxmlElement:
    properties = make("w:rPr")
    add(properties, "w:vertAlign", {"w:val": "baseline"})
    return properties


def _separator_note(note_id: int, kind: str, width: Length) -> BaseOxmlElement:
    """A separator note of `kind`: a rule `width` long at the left of the text column,
    the house gaps above it and below it (see the module docstring)."""
    note = make("w:footnote", {"w:type": kind, "w:id": str(note_id)})
    paragraph = add(note, "w:p")
    properties = add(paragraph, "w:pPr")
    rule = {"w:val": "single", "w:sz": str(round(FOOTNOTES.rule_thickness.points * 8)),
            "w:space": "0", "w:color": TEXT_BLACK.hex}
    add(add(properties, "w:pBdr"), "w:top", rule)
    # The paragraph is the gap above the rule (space before) and below it (its line).
    spacing = {"w:before": str(FOOTNOTES.gap_above_rule.twips), "w:after": "0",
               "w:line": str(FOOTNOTES.gap_below_rule.twips), "w:lineRule": "exact"}
    add(properties, "w:spacing", spacing)
    add(properties, "w:ind", {"w:left": "0", "w:right": str((A4.text_width - width).twips)})
    run_properties = make("w:rPr")
    add(run_properties, "w:vanish")
    add(add_run(paragraph, properties=run_properties), f"w:{kind}")
    return note


def declare_footnotes(settings: BaseOxmlElement) -> None:
    """A w:footnotePr in settings naming the two separator notes, as Word expects."""
    for existing in settings.findall(qn("w:footnotePr")):
        settings.remove(existing)
    properties = make("w:footnotePr")
    add(properties, "w:footnote", {"w:id": "-1"})
    add(properties, "w:footnote", {"w:id": "0"})
    insert_before(settings, properties, _AFTER_FOOTNOTE_PROPERTIES)

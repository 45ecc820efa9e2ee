"""The house template: python-docx's default document, prepared once per process.

What a document holds before a brief is written into it (the default template without
its leftovers, the settings, the footnote declaration, the named styles) depends only
on the brief's language and the roles in use. For each such pair it is built once per
process and kept as bytes only, in a HouseTemplate; no element of it is ever shared.

Each document gets a fresh package from its template: the parts a brief writes into
(the main document, the core properties, the list numbering, and the font table, which
lists the faces the document embeds) are parsed anew from the template's bytes; every
other part (styles, settings, theme, ...) is a
FrozenPart holding the template's bytes, already compressed. Frozen parts cannot be
edited per document: python-docx's `document.styles` and `document.settings` are not
available on a document made here; what they set belongs in `_prepare`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import cast

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.package import Package
from docx.parts.document import DocumentPart

from generator.render.docx.footnotes import declare_footnotes
from generator.render.docx.metadata import drop_template_leftovers
from generator.render.docx.numbering import install_list_definitions
from generator.render.docx.package import Deflated, FrozenPart, deflate
from generator.render.docx.settings import adjust_settings
from generator.render.docx.styles import install_styles
from generator.style.house import Role

# The parts a brief writes into (numbering: a w:num per list; the font table: the faces
# the document embeds, generator.render.docx.embedded_fonts); every other part of the
# template is frozen.
_LIVE_CONTENT_TYPES = frozenset({CONTENT_TYPE.WML_DOCUMENT_MAIN, CONTENT_TYPE.OPC_CORE_PROPERTIES,
                                 CONTENT_TYPE.WML_NUMBERING, CONTENT_TYPE.WML_FONT_TABLE})
RoleItems = tuple[tuple[str, Role], ...]


@dataclass(frozen=True)
class PartPlan:
    """One part of the template: its bytes, and their compressed form if frozen."""

    partname: PackURI
    content_type: str
    reltype: str  # of the relationship that reaches the part
    blob: bytes
    deflated: Deflated | None  # None: a live part, parsed anew for each document

    def build(self, package: Package) -> Part:
        if self.content_type == CONTENT_TYPE.WML_FONT_TABLE:  # python-docx has no class
            return cast(Part, XmlPart.load(self.partname, self.content_type, self.blob, package))
        if self.deflated is None:
            part = PartFactory(self.partname, self.content_type, self.reltype, self.blob, package)
            return cast(Part, part)
        return FrozenPart(self.partname, self.content_type, self.blob, self.deflated, package)


@dataclass(frozen=True)
class RelationPlan:
    """One relationship of the template, from the package (source None) or a part."""

    source: PackURI | None
    rId: str
    reltype: str
    target: str  # a part's name, or an external address
    is_external: bool


@dataclass(frozen=True)
class HouseTemplate:
    """A prepared document as bytes: its parts and relationships, in python-docx's order."""

    parts: tuple[PartPlan, ...]
    relations: tuple[RelationPlan, ...]

    def new_document(self) -> Document:
        """A new document of this template, sharing nothing mutable with any other."""
        package = Package()
        parts = {plan.partname: plan.build(package) for plan in self.parts}
        for relation in self.relations:
            source = package if relation.source is None else parts[relation.source]
            target = relation.target if relation.is_external else parts[PackURI(relation.target)]
            source.load_rel(relation.reltype, target, relation.rId, relation.is_external)
        package.after_unmarshal()  # type: ignore[no-untyped-call]
        return cast(Document, cast(DocumentPart, package.main_document_part).document)


def new_document(language: str, roles: Mapping[str, Role]) -> Document:
    """A fresh, empty house document for a brief in `language` set in `roles`."""
    return house_template(language, tuple(roles.items())).new_document()


@functools.lru_cache(maxsize=16)
def house_template(language: str, roles: RoleItems) -> HouseTemplate:
    """The template of `language` and `roles`, built on its first use in the process."""
    document = docx.Document()
    _prepare(document, language, dict(roles))
    return _template_of(document.part.package)


def _prepare(document: Document, language: str, roles: Mapping[str, Role]) -> None:
    """Everything of a document that does not depend on the brief's content."""
    drop_template_leftovers(document)
    adjust_settings(document, language)
    declare_footnotes(document.settings.element)
    install_styles(document.styles.element, language, roles)
    install_list_definitions(document.part.numbering_part.element)


def _template_of(package: OpcPackage) -> HouseTemplate:
    parts = package.parts
    reltypes = {relation.target_part.partname: relation.reltype
                for relation in package.iter_rels() if not relation.is_external}
    plans = tuple(_plan(part, reltypes[part.partname]) for part in parts)
    relations = [*_relations(package, None)]
    for part in parts:
        relations += _relations(part, part.partname)
    return HouseTemplate(plans, tuple(relations))


def _plan(part: Part, reltype: str) -> PartPlan:
    blob = part.blob
    live = part.content_type in _LIVE_CONTENT_TYPES
    return PartPlan(part.partname, part.content_type, reltype, blob,
                    None if live else deflate(blob))


def _relations(source: OpcPackage | Part, name: PackURI | None) -> Iterator[RelationPlan]:
    """The relationships of `source`, in their order (which fixes the next rId)."""
    for relation in source.rels.values():
        target = relation.target_ref if relation.is_external else relation.target_part.partname
        yield RelationPlan(name, relation.rId, relation.reltype, target, relation.is_external)

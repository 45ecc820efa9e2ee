"""The DOCX renderer: content in order, real footnotes, named styles, reproducible bytes."""

from __future__ import annotations

import datetime
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.model import (
    Author,
    Block,
    BlockQuote,
    Brief,
    Emphasis,
    Footnote,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
)
from generator.render.docx import render_docx
from generator.source import load_brief
from generator.style.house import (
    A4,
    CONTINUED_NOTE_RULE_WIDTH,
    FOOTNOTES,
    KINU_BLUE,
    LINK_COLOUR,
    ROLES,
    list_level_indents,
)
from generator.style.units import Length
from tests import libreoffice
from tests.conftest import require_tools
from tests.docx_text import shown

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "co-23-30.yaml"
HOSTILE = "a<b & {{x}} <font color=red>"

# ------------------------------------------------------------------ the hand brief


def hand_brief(**changes: Any) -> Brief:
    """A brief built by hand that exercises every node class."""
    blocks: tuple[Block, ...] = (
        Paragraph(
            (
                Text("Opening with "),
                Emphasis((Text("emphasis"),)),
                Text(", "),
                Strong((Text("strong "), Emphasis((Text("and both"),)))),
                Text(" and a "),
                Link("https://www.kinu.or.kr/", (Text("link"),)),
                Text(
                    ".",
                ),
                FootnoteRef(1),
            )
        ),
        Heading(2, (Text("A Second-Level Heading"),)),
        Paragraph(
            (Text("First line"), LineBreak(), Text("second line.")),
        ),
        BlockQuote(
            (
                Paragraph((Text("Quoted words ... more quoted words."), FootnoteRef(2))),
                ListBlock(False, 1, ((Paragraph((Text("quoted bullet"),)),),)),
            )
        ),
        Heading(3, (Text("A Third-Level Heading"),)),
        ListBlock(
            True,
            3,
            (
                (Paragraph((Text("third item"),)), Paragraph((Text("its second paragraph"),))),
                (
                    Paragraph((Text("fourth item"),)),
                    ListBlock(False, 1, ((Paragraph((Text("nested bullet"),)),),)),
                ),
            ),
        ),
        Paragraph((Text("Closing paragraph."), FootnoteRef(3))),
    )
    footnotes = (
        Footnote(
            1,
            (
                Text("“A Title,” see "),
                Link("https://example.org/a?b=1&c=2", (Text("https://example.org/a?b=1&c=2"),)),
                Text(" (Accessed May 1, 2023)."),
            ),
        ),
        Footnote(2, (Text("Second note."),)),
        Footnote(3, (Text("Third note with "), Emphasis((Text("emphasis"),)), Text("."))),
    )
    brief = Brief(
        stem="hand",
        series="online-series",
        number="CO 23-30",
        date=datetime.date(2023, 9, 14),
        language="en",
        front_language="en",
        variant="full",
        title="A Hand-Built Brief",
        authors=(
            Author("Hyun, Seungsoo", "Research Fellow", "Global Strategy Research Division"),
            Author("Kim, Minji", "Senior Research Fellow", "North Korean Research Division"),
        ),
        blocks=blocks,
        footnotes=footnotes,
        keywords=("Russia", "North Korea"),
    )
    return replace(brief, **changes)


def korean_brief() -> Brief:
    return hand_brief(
        language="ko",
        front_language="ko",
        title="러시아-북한 정상회담 평가와 전망",
        authors=(Author("현승수", "연구위원", "국제전략연구실"),),
        blocks=(Paragraph((Text("러시아와 북한의 정상회담이 열렸다."), FootnoteRef(1))),),
        footnotes=(Footnote(1, (Text("주석입니다."),)),),
    )


@dataclass(frozen=True)
class Rendered:
    data: bytes
    document: Document

    def part(self, name: str) -> BaseOxmlElement:
        with zipfile.ZipFile(io.BytesIO(self.data)) as package:
            return parse_xml(package.read(name))

    def notes(self) -> dict[int, BaseOxmlElement]:
        """The footnotes by id, separators included."""
        return {
            int(note.get(qn("w:id"))): note
            for note in self.part("word/footnotes.xml").findall(qn("w:footnote"))
        }

    def paragraphs(self) -> list[tuple[str, str]]:
        """(style name, visible text) of every body paragraph."""
        return [
            (p.style.name if p.style else "", visible_text(p._p)) for p in self.document.paragraphs
        ]


def rendered(brief: Brief) -> Rendered:
    data = render_docx(brief)
    return Rendered(data, docx.Document(io.BytesIO(data)))


@pytest.fixture(scope="module")
def hand() -> Rendered:
    return rendered(hand_brief())


@pytest.fixture(scope="module")
def sample_brief() -> Brief:
    return load_brief(SAMPLE)


@pytest.fixture(scope="module")
def sample(sample_brief: Brief) -> Rendered:
    return rendered(sample_brief)


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """The text a reader of the DOCX sees: markers as "N)", breaks as newlines."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Emphasis | Strong | Link):
            parts.append(inline_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, FootnoteRef):
            parts.append(f"{node.number})")
    return "".join(parts)


def block_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    """The paragraph texts of `blocks` in reading order (list labels left out)."""
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            yield inline_text(block.inlines)
        elif isinstance(block, BlockQuote):
            yield from block_texts(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from block_texts(item)


def visible_text(element: BaseOxmlElement, note_id: int | None = None) -> str:
    """The text Word shows: w:t, tabs, breaks, and each automatic footnote number.

    Notes are numbered in order of their references, which carry ids 1, 2, ...
    """
    parts: list[str] = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:footnoteReference"),
                             qn("w:footnoteRef"), qn("w:noBreakHyphen")):
        if node.tag == qn("w:t"):
            parts.append(shown(node.text or ""))
        elif node.tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:br"):
            parts.append("\n")
        elif node.tag == qn("w:footnoteReference"):
            parts.append(node.get(qn("w:id")))
        else:
            parts.append(str(note_id))
    return "".join(parts)


def note_text(note: BaseOxmlElement) -> str:
    return visible_text(note, int(note.get(qn("w:id"))))


# ------------------------------------------------------------------ content and order


def test_front_matter_comes_first_in_house_order(hand: Rendered) -> None:
    assert hand.paragraphs()[:7] == [
        ("KINU Series Label", "Online Series"),
        ("KINU Date Line", "2023. 09. 14. | CO 23-30"),
        ("Heading 1", "A Hand-Built Brief"),
        ("KINU Author", "Hyun, Seungsoo"),
        ("KINU Affiliation", "(Research Fellow, Global Strategy Research Division)"),
        ("KINU Author", "Kim, Minji"),
        ("KINU Affiliation", "(Senior Research Fellow, North Korean Research Division)"),
    ]


def test_every_body_paragraph_follows_in_order_then_copyright_and_disclaimer(
    hand: Rendered,
) -> None:
    texts = [text for _, text in hand.paragraphs()[7:]]  # list labels come from numbering
    assert texts[:-2] == list(block_texts(hand_brief().blocks))
    assert hand.paragraphs()[-2:] == [
        ("KINU Copyright", "©KINU 2023"),
        (
            "KINU Disclaimer",
            "※ The views expressed in this paper are entirely those of the author"
            " and are not to be construed as representing those of the Korea Institute for"
            " National Unification (KINU).",
        ),
    ]


def test_the_korean_author_block_is_one_author_line() -> None:
    styles = [style for style, _ in rendered(korean_brief()).paragraphs()]
    assert styles[:5] == [
        "KINU Series Label",
        "KINU Date Line",
        "Heading 1",
        "KINU Author Line",
        "KINU Body",
    ]


def test_every_footnote_text_is_in_the_footnotes_part_after_its_marker(hand: Rendered) -> None:
    notes = hand.notes()
    assert sorted(notes) == [-1, 0, 1, 2, 3]
    assert notes[-1].get(qn("w:type")) == "separator"
    assert notes[0].get(qn("w:type")) == "continuationSeparator"
    for note in hand_brief().footnotes:
        paragraph = notes[note.number].find(qn("w:p"))
        assert paragraph is not None
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        assert style is not None and style.get(qn("w:val")) == "FootnoteText"
        runs = paragraph.findall(qn("w:r"))
        assert runs[0].find(qn("w:footnoteRef")) is not None  # Word's own number first
        assert runs[0].find(f"{qn('w:rPr')}/{qn('w:vertAlign')}").get(qn("w:val")) == "baseline"
        assert runs[1].find(qn("w:t")).text == ") "
        assert note_text(notes[note.number]) == f"{note.number}) {inline_text(note.inlines)}"


def test_each_footnote_is_referenced_from_the_body_once_with_its_id_and_marker(
    hand: Rendered,
) -> None:
    body = hand.part("word/document.xml")
    references = body.findall(f".//{qn('w:footnoteReference')}")
    assert [int(ref.get(qn("w:id"))) for ref in references] == [1, 2, 3]
    for reference in references:
        # Word's automatic number (no custom mark: LibreOffice would show it twice) ...
        assert reference.get(qn("w:customMarkFollows")) is None
        run = reference.getparent()
        style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        assert style is not None and style.get(qn("w:val")) == "FootnoteReference"
        raised = run.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}")
        assert raised is not None and raised.get(qn("w:val")) == "superscript"
        # ... then the house marker's ")" in the same superscript style.
        suffix = run.getnext()
        assert suffix.find(qn("w:t")).text == ")"
        suffix_style = suffix.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        assert suffix_style.get(qn("w:val")) == "FootnoteReference"


def test_settings_name_the_separator_footnotes(hand: Rendered) -> None:
    settings = hand.part("word/settings.xml")
    ids = [n.get(qn("w:id")) for n in settings.iterfind(f"{qn('w:footnotePr')}/{qn('w:footnote')}")]
    assert ids == ["-1", "0"]


@pytest.mark.parametrize(("note_id", "width"), [
    (-1, FOOTNOTES.rule_width),  # above a page's first notes: the short rule
    (0, CONTINUED_NOTE_RULE_WIDTH),  # above a note continued from the previous page
])
def test_the_note_separators_are_the_house_rules(hand: Rendered, note_id: int,
                                                 width: Length) -> None:
    (paragraph,) = hand.notes()[note_id].findall(qn("w:p"))
    properties = paragraph.find(qn("w:pPr"))
    rule = properties.find(f"{qn('w:pBdr')}/{qn('w:top')}")
    assert rule.get(qn("w:val")) == "single"
    assert int(rule.get(qn("w:sz"))) / 8 == FOOTNOTES.rule_thickness.points
    indent = properties.find(qn("w:ind"))
    drawn = A4.text_width.twips - int(indent.get(qn("w:left"))) - int(indent.get(qn("w:right")))
    assert drawn == width.twips
    # Word's own separator character stays, hidden: without it LibreOffice draws no rule.
    (run,) = paragraph.findall(qn("w:r"))
    kind = hand.notes()[note_id].get(qn("w:type"))
    assert run.find(qn(f"w:{kind}")) is not None
    assert run.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is not None


def test_links_are_real_hyperlinks_in_body_and_notes(hand: Rendered) -> None:
    with zipfile.ZipFile(io.BytesIO(hand.data)) as package:
        body_rels = package.read("word/_rels/document.xml.rels").decode()
        note_rels = package.read("word/_rels/footnotes.xml.rels").decode()
    assert 'Target="https://www.kinu.or.kr/" TargetMode="External"' in body_rels
    assert 'Target="https://example.org/a?b=1&amp;c=2" TargetMode="External"' in note_rels
    for part in ("word/document.xml", "word/footnotes.xml"):
        (hyperlink,) = hand.part(part).iter(qn("w:hyperlink"))
        assert hyperlink.get(qn("r:id"))
        properties = hyperlink.find(f"{qn('w:r')}/{qn('w:rPr')}")
        assert properties is not None
        colour = properties.find(qn("w:color"))
        underline = properties.find(qn("w:u"))
        assert colour is not None and colour.get(qn("w:val")) == LINK_COLOUR.hex
        assert underline is not None and underline.get(qn("w:val")) == "single"


def test_emphasis_and_strong_are_italic_and_bold_runs(hand: Rendered) -> None:
    runs = {run.text: run for run in hand.document.paragraphs[7].runs}
    assert runs["emphasis"].italic and not runs["emphasis"].bold
    assert runs["strong "].bold and not runs["strong "].italic
    assert runs["and both"].bold and runs["and both"].italic
    assert runs["Opening with "].bold is None and runs["Opening with "].italic is None


def test_a_line_break_is_a_break_that_does_not_stretch_the_justified_line(
    hand: Rendered,
) -> None:
    (paragraph,) = [p for p in hand.document.paragraphs if p.text.startswith("First line")]
    assert paragraph.text == "First line\nsecond line."
    assert len(list(paragraph._p.iter(qn("w:br")))) == 1
    compatibility = hand.part("word/settings.xml").find(qn("w:compat"))
    assert compatibility is not None
    assert compatibility.find(qn("w:doNotExpandShiftReturn")) is not None


def test_quotes_headings_and_lists_take_their_roles_and_nest(hand: Rendered) -> None:
    found = {text: style for style, text in hand.paragraphs()}
    assert found["A Second-Level Heading"] == "Heading 2"
    assert found["A Third-Level Heading"] == "Heading 3"
    assert found["Quoted words ... more quoted words.2)"] == "KINU Block Quote"
    for item in ("quoted bullet", "third item", "its second paragraph", "fourth item",
                 "nested bullet"):  # a list's last paragraph: the body's gap after it
        assert found[item] in ("KINU List Item", "KINU List Item Last")
    paragraphs = {p.text: p for p in hand.document.paragraphs}
    indents = {text: p.paragraph_format.left_indent for text, p in paragraphs.items()}
    levels = {text: p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
              for text, p in paragraphs.items()}
    list_indent = ROLES["list-item"].left_indent.emu
    # the list level's own indent: list_level_indents(0) = the style's, (1) twice that
    assert indents["third item"] is None and levels["third item"].get(qn("w:val")) == "0"
    assert indents["nested bullet"] is None and levels["nested bullet"].get(qn("w:val")) == "1"
    assert list_level_indents(1)[0].emu == pytest.approx(2 * list_indent, abs=700)
    assert levels["its second paragraph"] is None  # a later paragraph has no label
    quote_indent = ROLES["block-quote"].left_indent.emu
    assert indents["quoted bullet"] == pytest.approx(quote_indent + list_indent, abs=700)


def test_unknown_nodes_fail_loudly() -> None:
    @dataclass(frozen=True)
    class Table:
        rows: int

    with pytest.raises(TypeError, match="Table"):
        render_docx(hand_brief(blocks=(Table(2),)))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Table"):
        render_docx(hand_brief(blocks=(Paragraph((Table(2),)),)))  # type: ignore[arg-type]


def test_footnote_reference_mismatches_are_errors() -> None:
    twice = (Paragraph((FootnoteRef(1), FootnoteRef(1))),)
    with pytest.raises(ValueError, match="referenced twice"):
        render_docx(hand_brief(blocks=twice, footnotes=(Footnote(1, (Text("n"),)),)))
    with pytest.raises(ValueError, match="never referenced"):
        render_docx(hand_brief(blocks=(Paragraph((Text("no marker"),)),)))


# ------------------------------------------------------------------ author text is data


def test_hostile_author_text_comes_out_literally() -> None:
    brief = hand_brief(
        title=HOSTILE,
        authors=(Author(HOSTILE, HOSTILE, HOSTILE),),
        blocks=(
            Paragraph(
                (
                    Text(HOSTILE),
                    Link("https://x.test/?q=<b>&r='\"", (Text(HOSTILE),)),
                    FootnoteRef(1),
                )
            ),
        ),
        footnotes=(Footnote(1, (Text(HOSTILE),)),),
    )
    result = rendered(brief)
    texts = [text for _, text in result.paragraphs()]
    assert texts[2:6] == [HOSTILE, HOSTILE, f"({HOSTILE}, {HOSTILE})", HOSTILE + HOSTILE + "1)"]
    assert note_text(result.notes()[1]) == f"1) {HOSTILE}"
    assert result.document.core_properties.title == HOSTILE
    assert result.document.core_properties.author == HOSTILE


def test_characters_xml_cannot_carry_are_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="U\\+000B"):
        render_docx(hand_brief(title="vertical\x0btab"))


# ------------------------------------------------------------------ styles and page


def test_every_role_has_a_named_style_with_its_faces_and_languages(hand: Rendered) -> None:
    for role in ROLES.values():
        style = hand.document.styles[role.word_style]
        fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None, role.word_style
        latin = "Liberation Sans" if role.face == "sans" else "Liberation Serif"
        hangul = "NanumGothic" if role.face == "sans" else "NanumMyeongjo"
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == latin
        assert fonts.get(qn("w:eastAsia")) == hangul
        language = style.element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert language is not None
        assert (language.get(qn("w:val")), language.get(qn("w:eastAsia"))) == ("en-US", "ko-KR")
        assert style.font.size.pt == pytest.approx(role.size.points)
        assert bool(style.font.bold) == role.bold


def test_only_the_default_plain_grid_and_house_table_styles_are_kept(hand: Rendered) -> None:
    # python-docx's template carries 138 table styles (Light Shading ... Colorful Grid):
    # 90% of its styles part, parsed and stored by every document and used by none.
    # The house's own ("KINU Table", the rules of a body table) is added.
    table_styles = {style.get(qn("w:styleId"))
                    for style in hand.document.styles.element.findall(qn("w:style"))
                    if style.get(qn("w:type")) == "table"}
    assert table_styles == {"TableNormal", "TableGrid", "KINUTable"}
    assert hand.document.styles.default(WD_STYLE_TYPE.TABLE).name == "Normal Table"


def test_a_korean_brief_tags_its_latin_text_english_and_its_hangul_korean() -> None:
    # Latin words tagged Korean are cut anywhere by Word and LibreOffice ("Su|mmit").
    style = rendered(korean_brief()).document.styles["KINU Body"]
    language = style.element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
    assert language is not None
    assert (language.get(qn("w:val")), language.get(qn("w:eastAsia"))) == ("en-US", "ko-KR")


def test_styles_carry_the_house_measures(hand: Rendered) -> None:
    body = hand.document.styles["KINU Body"].paragraph_format
    assert body.alignment is not None and body.alignment.name == "JUSTIFY"
    assert body.line_spacing.pt == pytest.approx(ROLES["body"].leading.points)
    assert body.space_after.pt == pytest.approx(ROLES["body"].space_after.points)
    title = hand.document.styles["Heading 1"]
    assert title.paragraph_format.keep_with_next is True
    assert str(title.font.color.rgb) == KINU_BLUE.hex
    band = hand.document.styles["KINU Series Label"].element
    shading = band.find(f"{qn('w:pPr')}/{qn('w:shd')}")
    assert shading is not None and shading.get(qn("w:fill")) == KINU_BLUE.hex
    assert str(hand.document.styles["KINU Series Label"].font.color.rgb) == "FFFFFF"
    # Upright: LibreOffice sets the number opening a note in this style ("1)" at the
    # baseline); the body's markers are raised run by run.
    assert not hand.document.styles["Footnote Reference"].font.superscript


def test_headings_and_title_show_in_the_navigation_pane(hand: Rendered) -> None:
    for name, level in (("Heading 1", "0"), ("Heading 2", "1"), ("Heading 3", "2")):
        outline = hand.document.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        assert outline is not None and outline.get(qn("w:val")) == level, name


def test_body_paragraphs_use_styles_not_direct_formatting(hand: Rendered) -> None:
    direct = {"w:spacing", "w:jc", "w:keepNext", "w:shd"}
    paragraphs = hand.document.paragraphs
    # The one exception: the closing matter is kept with the body's last lines, so the
    # last body paragraph and the © line are kept with what follows them.
    closing = next(index for index, paragraph in enumerate(paragraphs)
                   if paragraph.style.name == "KINU Copyright")
    for index, paragraph in enumerate(paragraphs):
        properties = paragraph._p.pPr
        assert properties is not None and properties.pStyle is not None
        tags = {child.tag for child in properties}
        if index in (closing - 1, closing):
            assert qn("w:keepNext") in tags
            tags.discard(qn("w:keepNext"))
        assert not {qn(tag) for tag in direct} & tags


def test_the_page_is_a4_with_house_margins_and_a_centred_page_number(hand: Rendered) -> None:
    section = hand.document.sections[0]
    assert section.page_width == pytest.approx(A4.width.emu, abs=700)
    assert section.page_height == pytest.approx(A4.height.emu, abs=700)
    for side in ("top", "bottom", "left", "right"):
        expected = getattr(A4, f"margin_{side}").emu
        assert getattr(section, f"{side}_margin") == pytest.approx(expected, abs=700)
    (footer,) = section.footer.paragraphs
    assert footer.style is not None and footer.style.name == "KINU Page Number"
    instructions = [node.text for node in footer._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert hand.document.styles["KINU Page Number"].paragraph_format.alignment.name == "CENTER"


# ------------------------------------------------------------------ metadata and bytes


def test_core_properties_describe_the_brief_and_nothing_else(hand: Rendered) -> None:
    properties = hand.document.core_properties
    midnight = datetime.datetime(2023, 9, 14, tzinfo=datetime.UTC)
    assert properties.title == "A Hand-Built Brief"
    assert properties.author == "Hyun, Seungsoo; Kim, Minji"
    assert properties.subject == "Online Series CO 23-30"
    assert properties.keywords == "Russia; North Korea"
    assert properties.language == "en"
    assert properties.created == midnight and properties.modified == midnight
    assert properties.last_modified_by == "kinu-brief"
    assert properties.revision == 1
    assert properties.comments == "" and properties.category == ""
    with zipfile.ZipFile(io.BytesIO(hand.data)) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
    assert "Microsoft" not in app and "kinu-brief" in app
    assert not [name for name in names if "thumbnail" in name or "customXml" in name]
    assert "word/stylesWithEffects.xml" not in names


def test_two_renders_are_byte_identical(hand: Rendered) -> None:
    assert render_docx(hand_brief()) == hand.data


def test_zip_members_have_a_fixed_time_and_order(hand: Rendered) -> None:
    with zipfile.ZipFile(io.BytesIO(hand.data)) as package:
        members = package.infolist()
    assert members[0].filename == "[Content_Types].xml"
    assert members[1].filename == "_rels/.rels"
    assert [m.filename for m in members[2:]] == sorted(m.filename for m in members[2:])
    assert {m.date_time for m in members} == {(1980, 1, 1, 0, 0, 0)}
    assert {m.compress_type for m in members} == {zipfile.ZIP_DEFLATED}


# ------------------------------------------------------------------ the sample source


def test_the_sample_renders_its_fourteen_paragraphs_with_the_sixth_quoted(
    sample: Rendered,
    sample_brief: Brief,
) -> None:
    body = sample.paragraphs()[5:-2]
    assert len(sample_brief.blocks) == 14 and len(body) == 14
    assert [style for style, _ in body].count("KINU Block Quote") == 1
    assert body[5][0] == "KINU Block Quote"
    assert [text for _, text in body] == list(block_texts(sample_brief.blocks))


def test_the_sample_notes_are_referenced_and_complete(
    sample: Rendered,
    sample_brief: Brief,
) -> None:
    notes = sample.notes()
    assert sorted(notes) == [-1, 0, 1, 2]
    for note in sample_brief.footnotes:
        assert note_text(notes[note.number]) == f"{note.number}) {inline_text(note.inlines)}"
    references = sample.part("word/document.xml").findall(f".//{qn('w:footnoteReference')}")
    assert [ref.get(qn("w:id")) for ref in references] == ["1", "2"]


# ------------------------------------------------------------------ LibreOffice opens it


def _normalised(text: str) -> str:
    """Text without whitespace and hyphens, so line breaks and hyphenation do not matter."""
    return re.sub(r"[\s\-‐\u00ad]", "", unicodedata.normalize("NFKC", text))


def _words(text: str) -> list[str]:
    """The words of `text`, hyphens and footnote markers ("1)") left out.

    Markers go because LibreOffice sets a note's own number apart from its ")".
    """
    text = re.sub(r"\d+\)", " ", unicodedata.normalize("NFKC", text))
    words = (re.sub(r"[\-‐\u00ad]", "", word) for word in text.split())
    return [word for word in words if word]


def _find_in_order(words: list[str], page_words: list[str], start: int) -> int:
    """The position after `words` found in order in `page_words` from `start`.

    Gaps are allowed: a paragraph that crosses a page has the page number and the
    notes of that page between its words.
    """
    position = start
    for word in words:
        if word not in page_words[position:]:
            pytest.fail(f"{word!r} is missing after word {position} of the PDF text")
        position = page_words.index(word, position) + 1
    return position


@dataclass(frozen=True)
class Converted:
    sample_text: str
    sample_pages: int
    hand_text: str


@pytest.fixture(scope="module")
def converted(
    sample: Rendered, hand: Rendered, tmp_path_factory: pytest.TempPathFactory
) -> Converted:
    """Both DOCX files converted to PDF by LibreOffice (private profiles)."""
    require_tools("soffice")
    folder = tmp_path_factory.mktemp("libreoffice")
    (folder / "sample.docx").write_bytes(sample.data)
    (folder / "hand.docx").write_bytes(hand.data)
    libreoffice.convert_each([folder / "sample.docx", folder / "hand.docx"], folder,
                             folder / "profiles")
    sample_pdf = pypdf.PdfReader(folder / "sample.pdf")
    return Converted(
        sample_text=_pdf_text(folder / "sample.pdf"),
        sample_pages=len(sample_pdf.pages),
        hand_text=_pdf_text(folder / "hand.pdf"),
    )


def _pdf_text(path: Path) -> str:
    """The PDF's text, a word hyphenated at a line's end joined again ("accom-panied").

    Read with pypdf, which keeps the hyphen and the line end (pdftotext's default mode
    drops the hyphen and leaves a space: "ac companied").
    """
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    text = re.sub(r"(?<=\w)-\n(?=\w)", "", text)
    return re.sub(r"(?<=\w)–\n(?=\w)", "–", text)  # "Russia–|North" broken after its dash


def test_libreoffice_lays_out_the_sample_in_its_approved_page_count(converted: Converted) -> None:
    approved = json.loads((ROOT / "tests" / "visual" / "goldens" / "page-counts.json")
                          .read_text(encoding="utf-8"))
    assert converted.sample_pages == approved["co-23-30-en-full.docx"] == 5


def test_libreoffice_shows_the_sample_body_and_notes(
    converted: Converted, sample_brief: Brief
) -> None:
    page_words = _words(converted.sample_text)
    position = 0
    for block in block_texts(sample_brief.blocks):
        position = _find_in_order(_words(block), page_words, position)
    _find_in_order(_words("©KINU 2023"), page_words, position)
    for note in sample_brief.footnotes:
        assert _normalised(inline_text(note.inlines)) in _normalised(converted.sample_text)


def test_libreoffice_shows_nested_blocks_and_notes_of_the_hand_brief(
    converted: Converted,
) -> None:
    text = _normalised(converted.hand_text)
    for expected in (
        "Online Series",
        "A Hand-Built Brief",
        "quoted bullet",
        "nested bullet",
        "its second paragraph",
        "Second note.",
        "https://example.org/a?b=1&c=2",
    ):
        assert _normalised(expected) in text, expected

"""The PDF renderer's paragraph fragments are exactly what reportlab's parser makes of
the reference markup (tests/pdf_markup_reference.py), attribute by attribute.

The renderer builds reportlab's fragments straight from the model instead of writing
markup for reportlab to parse back; these tests hold the two ways together, so that
the PDF stays byte for byte what the markup gave, and any drift (ours or reportlab's)
shows up here first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.abag import ABag
from reportlab.lib.colors import Color
from reportlab.platypus import Paragraph as Flowable

from generator.model.nodes import (
    Author,
    Block,
    BlockQuote,
    Brief,
    CrossRef,
    Emphasis,
    Footnote,
    FootnoteRef,
    FullTextLink,
    Heading,
    Inline,
    KeyPoints,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
)
from generator.render.pdf.blocks import (
    back_matter_items,
    body_items,
    footnote_paragraphs,
    front_matter_items,
)
from generator.render.pdf.fragments import FragmentBuilder, settled_texts
from generator.render.pdf.inline import InlineStyle
from generator.render.pdf.keypoints import full_text_item, key_points_items
from generator.render.pdf.role_items import fixed_text_paragraph, inline_style, inline_style_of
from generator.render.pdf.styles import Label, paragraph_style
from generator.source import brief_for, load_source
from generator.style.house import (
    KEY_POINTS_HEADINGS,
    KEY_POINTS_ROLES,
    ROLES,
    list_label,
    role,
)
from generator.style.texts import footnote_marker, front_matter, render_label
from tests.pdf_markup_reference import inline_markup, text_markup

SAMPLE = Path(__file__).resolve().parent.parent / "sources" / "co-23-30.yaml"

# ---------------------------------------------------------------- comparing


def comparable(value: Any) -> Any:
    """`value` in a form that compares by content and type (0 is not 0.0 here); the
    order of a fragment's attributes does not count (nothing in reportlab reads it)."""
    if isinstance(value, ABag):
        attributes = sorted(value.__dict__.items())
        return (type(value).__name__, [(k, comparable(v)) for k, v in attributes])
    if isinstance(value, Color):
        return ("Color", value.rgba())
    if isinstance(value, list | tuple):
        return (type(value).__name__, [comparable(item) for item in value])
    return (type(value).__name__, value)


def assert_same_paragraph(built: Flowable, markup: str) -> None:
    """`built` is what reportlab makes of `markup` (in the same style, with the same
    bullet): the same fragments, each with the same attributes."""
    parsed = Flowable(markup, built.style, bulletText=built.bulletText)
    if hasattr(built, "width"):  # measured already: fragments turned into words
        parsed.wrap(built.width, 1e9)
    assert built.style is parsed.style
    assert built.bulletText == parsed.bulletText
    assert [comparable(frag) for frag in built.frags] == [
        comparable(frag) for frag in parsed.frags
    ], markup


# ---------------------------------------------------------------- generated inlines

# Whitespace of every kind reportlab's markup cleaning treats apart (line feed, the
# no-break space that switches its notion of whitespace, the zero-width space it
# strips at line ends), the characters markup escapes, Hangul, Latin and a character
# only the Hangul face has.
ALPHABET = list("ab Z9.,;:#=/'\"!?&<>\n\t\r\xa0\u200b\u3000\u2003\u2028가한국어※“”—…é")
HOSTILE = ["a<b", "&amp;", "&#160;", "<font color=red>x</font>", "<br/>", "]]>", "<para>",
           "&lt;", "<!-- x -->", "<a href='x'>", "<onDraw name=\"footnote\" label=\"9\"/>"]
TARGETS = ["https://example.org/", "https://example.org/a b?x=<1>&y=\"2\"", "mailto:x@example.org",
           " https://example.org/padded ", "HTTPS://EXAMPLE.ORG/%41", "javascript:alert(1)",
           "ftp://example.org", "https://example.org/한국?q=&amp;", "relative/path"]

texts = st.one_of(st.text(st.sampled_from(ALPHABET), max_size=12), st.sampled_from(HOSTILE))
leaves: st.SearchStrategy[Inline] = st.one_of(
    texts.map(Text),
    st.integers(1, 12).map(FootnoteRef),
    st.just(LineBreak()),
    st.builds(CrossRef, st.sampled_from(["fig:launches", "tbl:a&b<c>", 'tbl:"q"']),
              st.sampled_from(["Figure", "표", "a<b"]), st.integers(1, 120)),
)


def _containers(children: st.SearchStrategy[Inline]) -> st.SearchStrategy[Inline]:
    group = st.lists(children, max_size=4).map(tuple)
    return st.one_of(
        group.map(Emphasis),
        group.map(Strong),
        st.builds(Link, st.sampled_from(TARGETS), group),
    )


inline_trees = st.lists(st.recursive(leaves, _containers, max_leaves=12), max_size=6).map(tuple)
role_names = st.sampled_from(sorted(ROLES))
languages = st.sampled_from(["en", "ko"])
labels: st.SearchStrategy[Label] = st.sampled_from(["none", "bullet", "inline"])


@st.composite
def inline_styles(draw: st.DrawFn, role_name: str) -> InlineStyle:
    return inline_style_of(role(role_name), draw(languages), tag_markers=draw(st.booleans()),
                           bold=draw(st.sampled_from([None, True, False])))


@given(role_names, labels, inline_trees, st.data())
def test_inline_nodes_give_the_fragments_of_their_markup(
    role_name: str, label: Label, nodes: tuple[Inline, ...], data: st.DataObject
) -> None:
    inline = data.draw(inline_styles(role_name))
    style = paragraph_style(role_name, label=label)
    bullet = "•" if label == "bullet" else None
    built = FragmentBuilder(style).inlines(nodes, inline).paragraph(bullet)
    assert_same_paragraph(built, inline_markup(nodes, inline))


@given(role_names, texts, inline_trees, texts, st.data())
def test_text_breaks_and_inlines_in_sequence_give_the_fragments_of_their_markup(
    role_name: str, first: str, nodes: tuple[Inline, ...], last: str, data: st.DataObject
) -> None:
    """The shapes the renderer strings together: a note's label and text, the full-text
    line's bold label, a break and the address."""
    inline = data.draw(inline_styles(role_name))
    bold = InlineStyle(inline.kind, inline.size, inline.language, bold=True)
    built = (FragmentBuilder(paragraph_style(role_name)).text(first, bold).line_break()
             .inlines(nodes, inline).text(last, inline).paragraph())
    markup = text_markup(first, bold) + "<br/>" + inline_markup(nodes, inline)
    assert_same_paragraph(built, markup + text_markup(last, inline))


@pytest.mark.parametrize("text", [*HOSTILE, "", " ", "\n", "a  b\n\n c ", "x\xa0\u200b\ny",
                                  "한국어 English 혼합 ※", "tail \u200b", "\u200b\n\u200b"])
@pytest.mark.parametrize("role_name", ["body", "footnote", "title", "series-label"])
def test_fixed_texts_give_the_fragments_of_their_markup(text: str, role_name: str) -> None:
    for language in ("en", "ko"):
        built = fixed_text_paragraph(role_name, text, language)
        assert_same_paragraph(built, text_markup(text, inline_style(role_name, language)))


def test_a_lone_label_is_a_no_break_space() -> None:
    style = paragraph_style("list-item", 20.0, 0.0, "bullet")
    assert_same_paragraph(FragmentBuilder(style).no_break_space().paragraph("3."), "&#160;")


def test_author_text_is_never_markup() -> None:
    nodes = tuple(Text(text) for text in HOSTILE)
    built = FragmentBuilder(paragraph_style("body")).inlines(nodes, inline_style("body", "en"))
    assert "".join(frag.text for frag in built.frags()) == "".join(HOSTILE)
    assert {frag.__tag__ for frag in built.frags()} == {"font"}


def test_settled_texts_normalise_whitespace_across_runs() -> None:
    assert settled_texts(["a  b", "\n", " c\n"]) == ["a b", " ", " c "]
    assert settled_texts([]) == []
    assert settled_texts(["\ue000", "x"]) == ["\ue000", "x"]  # a run holding the stand-in
    every_private_use = "".join(map(chr, range(0xE000, 0xF900)))
    assert settled_texts([every_private_use, " y "]) == [every_private_use, " y "]


def test_an_unknown_inline_node_is_an_error() -> None:
    with pytest.raises(TypeError, match="object"):
        FragmentBuilder(paragraph_style("body")).inlines(
            (object(),), inline_style("body", "en"))  # type: ignore[arg-type]


# ------------------------------------------------- every paragraph of real briefs


def reference_body(blocks: tuple[Block, ...], language: str, role_name: str = "body",
                   label: str | None = None) -> Iterator[str]:
    """The markup the renderer wrote for each body paragraph, in order."""
    for index, block in enumerate(blocks):
        yield from _reference_block(block, language, role_name, label if index == 0 else None)


def _reference_block(block: Block, language: str, role_name: str,
                     label: str | None) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield inline_markup(block.inlines, inline_style(role_name, language))
    elif isinstance(block, Heading):
        yield inline_markup(block.inlines, inline_style(f"heading-{block.level}", language))
    elif isinstance(block, BlockQuote):
        yield from ["&#160;"] if label is not None else []
        yield from reference_body(block.blocks, language, "block-quote")
    elif isinstance(block, ListBlock):
        yield from ["&#160;"] if label is not None else []
        for index, item in enumerate(block.items):
            mark = list_label(ordered=block.ordered, number=block.start + index)
            yield from reference_body(item, language, "list-item", mark) if item else ["&#160;"]
    else:
        raise AssertionError(f"no reference for {type(block).__name__}")


def every_inline_brief(language: str) -> Brief:
    notes = tuple(Footnote(n, (Text(f"Note {n} & <x>\n"), Emphasis((Text("강조"),)),
                               Link("https://example.org/n", (Text("https://example.org/n"),)),
                               LineBreak(), Strong((Text(HOSTILE[n % len(HOSTILE)]),))))
                  for n in range(1, 5))
    nested = (Text("Plain  "), Emphasis((Text("em "), Strong((Text("굵게"), FootnoteRef(1))))),
              Link("https://example.org/a b?x=<1>", (Text("link"), Emphasis((Text("+em"),)))),
              LineBreak(), Link("javascript:x", (Text("no link"),)), FootnoteRef(2),
              Text(" \xa0 tail\n"))
    blocks: tuple[Block, ...] = (
        Paragraph(nested),
        Heading(2, (Text("Heading & <two>"), FootnoteRef(3))),
        Heading(3, (Strong((Text("three"),)),)),
        BlockQuote((Paragraph((Text("quoted"), FootnoteRef(4))),
                    ListBlock(False, 1, ((Paragraph((Text("inner"),)),),)))),
        ListBlock(True, 3, ((Paragraph((Text("first"),)),), (),
                            (BlockQuote((Paragraph((Text("quote in item"),)),)),),
                            (Paragraph((Text("a"),)), Paragraph((Text("b"),))))),
        Paragraph(tuple(Text(text) for text in HOSTILE)),
    )
    return Brief(stem="every", series="online-series", number="CO 23-30",
                 date=datetime.date(2023, 9, 14), language=language, front_language=language,
                 variant="full", title="Every <inline> & 모든",
                 authors=(Author("Hyun, <S>", "Fellow & co", "Division 부"),),
                 blocks=blocks, footnotes=notes)


def briefs() -> list[Brief]:
    source = load_source(SAMPLE)
    return [brief_for(source, "en"), brief_for(source, "ko", front_language="en"),
            every_inline_brief("en"), every_inline_brief("ko")]


@pytest.mark.parametrize("brief", briefs(), ids=lambda brief: f"{brief.stem}-{brief.language}")
def test_body_paragraphs_give_the_fragments_of_their_markup(brief: Brief) -> None:
    items = body_items(brief)
    markups = list(reference_body(brief.blocks, brief.language))
    assert len(items) == len(markups)
    for item, markup in zip(items, markups, strict=True):
        assert_same_paragraph(item.paragraph, markup)


@pytest.mark.parametrize("brief", briefs(), ids=lambda brief: f"{brief.stem}-{brief.language}")
def test_notes_give_the_fragments_of_their_markup(brief: Brief) -> None:
    style = inline_style("footnote", brief.language, tag_markers=False)
    for note in brief.footnotes:
        label = text_markup(footnote_marker(brief.language, note.number) + " ", style)
        markup = label + inline_markup(note.inlines, style)
        assert_same_paragraph(footnote_paragraphs(brief)[note.number], markup)


@pytest.mark.parametrize("brief", briefs(), ids=lambda brief: f"{brief.stem}-{brief.language}")
def test_front_and_back_matter_give_the_fragments_of_their_markup(brief: Brief) -> None:
    matter = front_matter(brief)
    texts = [matter.series_label, matter.date_line, brief.title,
             *(line for _, line in matter.author_lines), matter.copyright, matter.disclaimer]
    items = front_matter_items(brief, matter) + back_matter_items(brief, matter)
    roles = ["series-label", "date-line", "title",
             *(name for name, _ in matter.author_lines), "copyright", "disclaimer"]
    for item, text, role_name in zip(items, texts, roles, strict=True):
        style = inline_style(role_name, brief.front_language)
        assert_same_paragraph(item.paragraph, text_markup(text, style))


@pytest.mark.parametrize("language", ["en", "ko"])
def test_key_points_and_the_full_text_line_give_the_fragments_of_their_markup(
    language: str,
) -> None:
    points = ("A point & <more>", "둘째 요점 ※", " spaced\n point ")
    node = KeyPoints("executive-summary", points)
    items = key_points_items(node, language, language, ROLES)
    heading = render_label(language, KEY_POINTS_HEADINGS[node.purpose])
    point_role = KEY_POINTS_ROLES[node.purpose]
    markups = [text_markup(heading, inline_style("summary-heading", language))]
    markups += [text_markup(point, inline_style(point_role, language)) for point in points]
    for item, markup in zip(items, markups, strict=True):
        assert_same_paragraph(item.paragraph, markup)
    url = "https://example.org/full?x=1&y=<2>"
    item = full_text_item(FullTextLink(url), language, ROLES)
    house_role = ROLES["full-text"]
    label = text_markup(render_label(language, "full_text"),
                        inline_style_of(house_role, language, bold=True))
    address = inline_markup((Link(url, (Text(url),)),), inline_style_of(house_role, language))
    assert_same_paragraph(item.paragraph, label + "<br/>" + address)

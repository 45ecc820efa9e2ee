"""The reference: inline nodes as reportlab paragraph markup.

The renderer no longer writes markup: it builds reportlab's paragraph fragments
directly (fragments.py), so author text never reaches a markup parser. This module
keeps the markup it used to write, as the specification of those fragments:
tests/test_pdf_frags.py checks that reportlab's parser makes exactly the fragments of
fragments.py out of it.

Author text only ever appears escaped (`&`, `<`, `>`) between tags this module
writes; the only attribute that carries author data is a link's href, which is
limited to http/https/mailto, percent-encoded and escaped. Every tag and every
other attribute value comes from the house style or the font registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from generator.model.nodes import (
    CrossRef,
    Emphasis,
    FootnoteRef,
    Inline,
    LineBreak,
    Link,
    Strong,
    Text,
)
from generator.render.pdf.fonts import script_runs
from generator.render.pdf.inline import (
    MARKER_CALLBACK,
    InlineStyle,
    destination_name,
    link_target,
    marker_rise,
    marker_size,
)
from generator.style.house import LINK_COLOUR
from generator.style.texts import footnote_marker


def escape(text: str) -> str:
    """`text` safe between tags: `&`, `<` and `>` as entities (xml.sax.saxutils, minus
    the 25 ms its import of urllib.request costs a fresh process)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_markup(text: str, style: InlineStyle) -> str:
    """`text` as escaped runs, each in the face of its script."""
    runs = script_runs(text, style.kind, bold=style.bold, italic=style.italic)
    return "".join(f'<font face="{name}">{escape(run)}</font>' for name, run in runs)


def safe_href(target: str) -> str | None:
    """`target` percent-encoded for an href attribute, or None for another scheme."""
    href = link_target(target)
    return None if href is None else escape(href)


def inline_markup(nodes: tuple[Inline, ...], style: InlineStyle) -> str:
    return "".join(_markup_of(node, style) for node in nodes)


def _markup_of(node: Inline, style: InlineStyle) -> str:
    handler = _HANDLERS.get(type(node))
    if handler is None:
        raise TypeError(f"the PDF renderer has no markup for inline node {type(node).__name__}")
    return handler(node, style)


def _text(node: Inline, style: InlineStyle) -> str:
    assert isinstance(node, Text)
    return text_markup(node.text, style)


def _emphasis(node: Inline, style: InlineStyle) -> str:
    assert isinstance(node, Emphasis)
    return inline_markup(node.children, replace(style, italic=True))


def _strong(node: Inline, style: InlineStyle) -> str:
    assert isinstance(node, Strong)
    return inline_markup(node.children, replace(style, bold=True))


def _link(node: Inline, style: InlineStyle) -> str:
    assert isinstance(node, Link)
    children = inline_markup(node.children, style)
    href = safe_href(node.target)
    if href is None:
        return children
    return f'<a href="{href}" color="#{LINK_COLOUR.hex}">{children}</a>'


def _footnote_ref(node: Inline, style: InlineStyle) -> str:
    assert isinstance(node, FootnoteRef)
    label = text_markup(footnote_marker(style.language, node.number), style)
    marker = f'<super rise="{marker_rise(style)}" size="{marker_size(style)}">{label}</super>'
    if style.tag_markers:
        marker += f'<onDraw name="{MARKER_CALLBACK}" label="{node.number:d}"/>'
    return marker


def _cross_ref(node: Inline, style: InlineStyle) -> str:
    assert isinstance(node, CrossRef)
    href = escape("#" + destination_name(node.target)).replace('"', "&quot;")
    label = text_markup(f"{node.label}\N{NO-BREAK SPACE}{node.number:d}", style)
    return f'<a href="{href}">{label}</a>'


def _line_break(node: Inline, style: InlineStyle) -> str:
    assert isinstance(node, LineBreak)
    return "<br/>"


_HANDLERS: dict[type, Callable[[Inline, InlineStyle], str]] = {
    Text: _text,
    Emphasis: _emphasis,
    Strong: _strong,
    Link: _link,
    FootnoteRef: _footnote_ref,
    LineBreak: _line_break,
    CrossRef: _cross_ref,
}

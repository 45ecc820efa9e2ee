"""The one format-neutral document model that every renderer walks."""

from generator.model.nodes import (
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
    plain_text,
)

__all__ = [
    "Author",
    "Block",
    "BlockQuote",
    "Brief",
    "Emphasis",
    "Footnote",
    "FootnoteRef",
    "Heading",
    "Inline",
    "LineBreak",
    "Link",
    "ListBlock",
    "Paragraph",
    "Strong",
    "Text",
    "plain_text",
]

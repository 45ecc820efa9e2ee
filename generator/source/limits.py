"""Every per-brief limit, in one place. Each is enforced with a located error.

A long real brief is ~40 KB with ~60 paragraphs, ~20 footnotes and paragraphs of
~3,000 characters; the limits leave ample room for that and stop a hostile or
broken source from costing minutes or gigabytes.
"""

from __future__ import annotations

MAX_SOURCE_BYTES = 1024 * 1024
"""Size of a source file."""

MAX_YAML_NESTING = 32
"""Mappings and lists nested inside one another in the YAML."""

MAX_FIELD_CHARACTERS = 255
"""A title, author field, keyword or url; also the authors' names together and the
keywords together (joined with "; "), as they go into the documents' properties —
Word's core properties hold at most 255 characters."""

MAX_BLOCKS = 2000
"""Paragraphs and headings (list items and quoted paragraphs included) of one body."""

MAX_FOOTNOTES = 500
"""Footnotes of one body."""

MAX_BLOCK_CHARACTERS = 20_000
"""Characters of one paragraph, heading or footnote (as written in the source)."""

MAX_MARKDOWN_NESTING = 8
"""Block quotes, lists, emphasis, strong emphasis and links inside one another."""

RENDER_DEADLINE_SECONDS = 60
"""Wall-clock time to render one output (one edition, variant and format)."""

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

MAX_TABLE_COLUMNS = 12
"""Columns of one table (a table wider than this does not fit an A4 text width)."""

MAX_TABLE_ROWS = 500
"""Rows of one table, its header row included."""

MAX_TABLE_CELLS = 10_000
"""Cells of all the tables of one body together."""

MAX_FIGURES = 30
"""Figures of one body (each edition's body counts its own)."""

MAX_IMAGE_BYTES = 8 * 1024 * 1024
"""Size of one image file: a 24-megapixel photograph as a JPEG fits; the file is not
read when it is larger."""

MAX_IMAGE_PIXELS = 25_000_000
"""Pixels (width × height) of one image, checked from its header before it is decoded:
a decompression bomb (a small file that decodes to gigabytes) is refused with a located
error. Pillow's own limit (Image.MAX_IMAGE_PIXELS) is set to this value too."""

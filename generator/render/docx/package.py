"""Deterministic DOCX bytes: fixed member order and timestamps.

python-docx stamps every zip member with the current time; the package is rewritten
with [Content_Types].xml first, the rest sorted, all at 1980-01-01 00:00.
"""

from __future__ import annotations

import io
import zipfile

from docx.document import Document

FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_FIRST_MEMBERS = ("[Content_Types].xml", "_rels/.rels")


def member_order(name: str) -> tuple[int, str]:
    """Sort key: the content types and package relationships first, then by name."""
    rank = _FIRST_MEMBERS.index(name) if name in _FIRST_MEMBERS else len(_FIRST_MEMBERS)
    return rank, name


def deterministic_bytes(document: Document) -> bytes:
    """The saved `document`, repacked so equal content gives equal bytes."""
    saved = io.BytesIO()
    document.save(saved)
    return repack(saved.getvalue())


def repack(docx_bytes: bytes) -> bytes:
    """`docx_bytes` with members in a fixed order, each with a fixed timestamp."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in sorted(source.namelist(), key=member_order):
            member = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(name), compresslevel=6)
    return output.getvalue()

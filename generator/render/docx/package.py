"""Deterministic DOCX bytes: fixed member order and timestamps.

python-docx stamps every zip member with the current time; the package is written
here instead, with [Content_Types].xml first, the rest sorted, all at 1980-01-01 00:00.
The zip is the one `zipfile` writes for these members (deflate level 6, no extra
fields), built directly so that a part whose bytes never change (a FrozenPart) is
compressed once per process, not once per document.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from docx.document import Document
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem  # the builder python-docx's save() uses
from docx.package import Package

FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
COMPRESSION_LEVEL = 6
_FIRST_MEMBERS = ("[Content_Types].xml", "_rels/.rels")
_ZIP_VERSION = 20  # 2.0: deflate
_DEFLATED = 8
_PERMISSIONS = 0o600 << 16  # ?rw-------, as zipfile sets by default
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class Deflated:
    """A zip member's data, raw-deflated, with the CRC and size of the original."""

    data: bytes
    crc: int
    size: int


def deflate(data: bytes) -> Deflated:
    """`data` compressed as zipfile does it (one raw deflate stream, level 6)."""
    compressor = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    return Deflated(compressed, zlib.crc32(data), len(data))


class FrozenPart(Part):
    """A part whose bytes are fixed, carrying them compressed for the zip."""

    def __init__(
        self, partname: PackURI, content_type: str, blob: bytes, deflated: Deflated,
        package: Package,
    ) -> None:
        super().__init__(partname, content_type, blob, package)
        self.deflated = deflated


def member_order(name: str) -> tuple[int, str]:
    """Sort key: the content types and package relationships first, then by name."""
    rank = _FIRST_MEMBERS.index(name) if name in _FIRST_MEMBERS else len(_FIRST_MEMBERS)
    return rank, name


def deterministic_bytes(document: Document) -> bytes:
    """The package of `document` as a zip in which equal content gives equal bytes."""
    members = package_members(document.part.package)
    return zip_bytes((name, members[name]) for name in sorted(members, key=member_order))


def package_members(package: OpcPackage) -> dict[str, Deflated]:
    """Every member python-docx's save() would write, by name, compressed."""
    parts = package.parts
    members = {
        "[Content_Types].xml": deflate(_content_types(parts)),
        "_rels/.rels": deflate(_as_bytes(package.rels.xml)),
    }
    for part in parts:
        members[part.partname.membername] = _deflated_blob(part)
        if len(part.rels):
            members[part.partname.rels_uri.membername] = deflate(_as_bytes(part.rels.xml))
    return members


def zip_bytes(members: Iterable[tuple[str, Deflated]]) -> bytes:
    """A zip of `members` in the given order, every one at FIXED_TIMESTAMP."""
    entries, directory, count = bytearray(), bytearray(), 0
    for name, member in members:
        encoded = name.encode("ascii")
        directory += _central_header(encoded, member, offset=len(entries)) + encoded
        entries += _local_header(encoded, member) + encoded + member.data
        count += 1
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), len(entries), 0)
    return bytes(entries + directory + end)


def _deflated_blob(part: Part) -> Deflated:
    return part.deflated if isinstance(part, FrozenPart) else deflate(part.blob)


def _content_types(parts: list[Part]) -> bytes:
    """[Content_Types].xml for `parts`, as python-docx's save() writes it."""
    item = _ContentTypesItem.from_parts(parts)  # type: ignore[no-untyped-call]
    return cast(bytes, item.blob)


def _as_bytes(xml: str | bytes) -> bytes:
    return xml.encode("utf-8") if isinstance(xml, str) else xml


def _dos_date_time() -> tuple[int, int]:
    year, month, day, hour, minute, second = FIXED_TIMESTAMP
    return (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2


def _local_header(name: bytes, member: Deflated) -> bytes:
    date, time = _dos_date_time()
    return _LOCAL_HEADER.pack(
        b"PK\x03\x04", _ZIP_VERSION, 0, 0, _DEFLATED, time, date,
        member.crc, len(member.data), member.size, len(name), 0,
    )


def _central_header(name: bytes, member: Deflated, offset: int) -> bytes:
    date, time = _dos_date_time()
    return _CENTRAL_HEADER.pack(
        b"PK\x01\x02", _ZIP_VERSION, 0, _ZIP_VERSION, 0, 0, _DEFLATED, time, date,
        member.crc, len(member.data), member.size, len(name), 0, 0, 0, 0, _PERMISSIONS,
        offset,
    )

"""A QR code's modules as a PNG image: 1-bit greyscale, written with zlib and struct.

Enough PNG for a black-and-white square (no palette, no interlace); the same modules
always give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def modules_png(modules: Sequence[Sequence[bool]], quiet_zone: int, scale: int) -> bytes:
    """`modules` (True: dark) inside `quiet_zone` white modules, each `scale` pixels square."""
    side = (len(modules) + 2 * quiet_zone) * scale
    blank = [False] * quiet_zone
    rows = [[*blank, *row, *blank] for row in modules]
    padded = [[False] * (len(modules) + 2 * quiet_zone)] * quiet_zone
    pixels = bytearray()
    for row in (*padded, *rows, *padded):
        line = _packed_line([dark for dark in row for _ in range(scale)])
        pixels += line * scale
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return (_SIGNATURE + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(bytes(pixels), 9)) + _chunk(b"IEND", b""))


def _packed_line(dark: list[bool]) -> bytes:
    """One scanline: filter type 0, then eight pixels a byte, a set bit white."""
    line = bytearray(b"\x00")
    for start in range(0, len(dark), 8):
        byte = 0
        for offset, is_dark in enumerate(dark[start : start + 8]):
            if not is_dark:
                byte |= 0x80 >> offset
        line.append(byte)
    if len(dark) % 8:  # pad the last byte's unused bits white
        line[-1] |= (1 << (8 - len(dark) % 8)) - 1
    return bytes(line)


def _chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

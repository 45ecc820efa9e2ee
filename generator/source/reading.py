"""A source file's bytes to text: size cap, UTF-8 only, one kind of line break.

The text handed on has `\\n` line breaks only, so that YAML's line numbers, the
editor's and ours agree: CR LF and lone CR become LF; NEL (U+0085) and the Unicode
line and paragraph separators, which YAML counts as line breaks but most editors do
not, are refused where they stand.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.diagnostics import Diagnostic, SourceError
from generator.source.limits import MAX_SOURCE_BYTES

_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UNUSUAL_BREAKS = ("\x85", "\u2028", "\u2029")


def read_source_text(path: Path) -> str:
    """The file's text, or a located error for a file too big, unreadable or not UTF-8."""
    shown = str(path)
    raw = _read_capped(path, shown)
    _refuse_other_encodings(raw, shown)
    text = _decode(raw, shown).removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_unusual_breaks(text, shown)
    return text


def _too_big(shown: str, size: int) -> SourceError:
    return SourceError([Diagnostic(shown, 1, 1, f"source is {size} bytes; the limit is "
                                   f"{MAX_SOURCE_BYTES} bytes")])


def _read_capped(path: Path, shown: str) -> bytes:
    """At most MAX_SOURCE_BYTES bytes; never reads more than one byte beyond that."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise _too_big(shown, size)
        with path.open("rb") as stream:
            raw = stream.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SourceError([Diagnostic(shown, 1, 1, f"cannot read source: {reason}")]) from None
    if len(raw) > MAX_SOURCE_BYTES:  # the file grew after stat()
        raise _too_big(shown, len(raw))
    return raw


def _refuse_other_encodings(raw: bytes, shown: str) -> None:
    if raw.startswith(_UTF32_BOMS):
        message = "source is UTF-32; save it as UTF-8"
    elif raw.startswith(_UTF16_BOMS):
        message = "source is UTF-16; save it as UTF-8"
    elif len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0):
        message = "source looks like UTF-16 (NUL bytes between its characters); save it as UTF-8"
    else:
        return
    raise SourceError([Diagnostic(shown, 1, 1, message)])


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        message = f"invalid UTF-8 byte 0x{raw[error.start]:02X}; save the file as UTF-8"
        raise SourceError([Diagnostic(shown, line, column, message)]) from None


def _refuse_unusual_breaks(text: str, shown: str) -> None:
    if not any(character in text for character in _UNUSUAL_BREAKS):
        return
    found: list[Diagnostic] = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        for column, character in enumerate(line, start=1):
            if character in _UNUSUAL_BREAKS:
                name = unicodedata.name(character, "NEXT LINE")
                found.append(Diagnostic(
                    shown, line_number, column,
                    f"U+{ord(character):04X} {name} is a line break to YAML but not to most "
                    "editors; remove it"))
    raise SourceError(found)

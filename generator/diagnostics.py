"""Located problems in a source, printed as `path:line:col: error: message`."""

from __future__ import annotations

from dataclasses import dataclass

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every character that is not printable (line breaks, controls,
    format characters such as bidi overrides, lone surrogates) as a Python escape:
    a problem stays on one line and shows what is really there."""
    if text.isprintable():
        return text
    return "".join(character if character.isprintable() else _escape(character)
                   for character in text)


def _escape(character: str) -> str:
    code = ord(character)
    if character in _ESCAPES:
        return _ESCAPES[character]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem; `line` and `column` are 1-based and point into the source file."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return (f"{printable(self.path)}:{self.line}:{self.column}: error: "
                f"{printable(self.message)}")


class SourceError(Exception):
    """A source (or one of its editions) cannot be rendered; carries every problem."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self.diagnostics = tuple(sorted(set(diagnostics)))
        super().__init__("\n".join(str(item) for item in self.diagnostics))


class OutputError(SourceError):
    """One output of a source (an edition, variant and format) cannot be rendered; the
    source's other outputs still can. E.g. a handout asked of an edition without key
    points, or key points too long for the handout's page."""

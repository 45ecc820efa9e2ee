"""Property tests: any text in any field either comes out whole in both formats, or is
refused up front with an error at its exact line and column — never dropped.

Text is drawn from every character the tool accepts (Hangul, Latin, Cyrillic, Greek,
punctuation, curly quotes, combining marks, …) mixed with hostile tokens (`<`, `&`,
`{{ }}`, `{% %}`, `<font color=…>`, Markdown syntax), written into a YAML source
(front matter as double-quoted scalars, the body as Markdown with every ASCII
punctuation character backslash-escaped so that it stays literal text), rendered to
DOCX and PDF and read back: the DOCX text holds each field exactly, the PDF text
layer holds it modulo whitespace. Characters the tool cannot represent are inserted
one at a time and must give exactly one located error.

Example counts scale with the Hypothesis profile (tests/conftest.py): `ci` by
default, `--hypothesis-profile=nightly` for 50 times as many.
"""

from __future__ import annotations

import io
import shutil
import string
import subprocess
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.source import SourceError, brief_for, load_source
from generator.source.characters import character_problem
from generator.style.fonts import ks_x_1001_hanja
from tests.docx_text import shown

# ------------------------------------------------------------------ alphabets


def _accepted(first: int, last: int) -> list[str]:
    return [chr(code) for code in range(first, last + 1)
            if not 0xD800 <= code <= 0xDFFF and character_problem(chr(code)) is None]


ACCEPTED = _accepted(0x20, 0xFFFF)  # every character the tool accepts in a field
_HANGUL = _accepted(0xAC00, 0xD7A3)
_LATIN = _accepted(0x20, 0x24F)
_CYRILLIC_GREEK = _accepted(0x370, 0x4FF)
_PUNCTUATION = list("“”‘’–—…«»‹›·•€₩©®™°±×÷§¶†‡※") + list(string.punctuation)
HOSTILE_TOKENS = [
    "{{ 7*7 }}", "{% if x %}", "{% endif %}", "{# note #}", '<font color="red">', "</font>",
    "<font color=red>", "<b>", "</b>", "<i>", "<br/>", "<para>", '<img src="/etc/passwd"/>',
    "&amp;", "&lt;", "&#x41;", "&", "<", ">", "a<b", "${HOME}", "%(x)s", "{0}", "\\", "[^1]",
    "*em*", "**strong**", "_u_", "`code`", "# h", "~~s~~", "| a |", "![x](y.png)",
    "<https://x.example>", "[l](javascript:alert(1))", "---", "1. ", "- ", "> ",
]
_CHARACTER = st.one_of(st.sampled_from(_HANGUL), st.sampled_from(_LATIN),
                       st.sampled_from(_CYRILLIC_GREEK), st.sampled_from(_PUNCTUATION),
                       st.sampled_from(ACCEPTED))
_PIECE = st.one_of(st.text(_CHARACTER, min_size=1, max_size=10), st.sampled_from(HOSTILE_TOKENS),
                   st.just(" "))


def texts(max_pieces: int) -> st.SearchStrategy[str]:
    """One line of text with at least one visible character."""
    return (st.lists(_PIECE, min_size=1, max_size=max_pieces).map("".join)
            .filter(lambda text: bool(text.strip())))


def long_tokens(max_size: int) -> st.SearchStrategy[str]:
    """An unbroken token: no whitespace, hundreds to thousands of characters."""
    letters = [character for character in _HANGUL[:200] + _LATIN + _CYRILLIC_GREEK
               if not character.isspace()]
    return st.text(st.sampled_from(letters), min_size=200, max_size=max_size)


def scaled(examples: int) -> int:
    """`examples` under the `ci` profile, proportionally more under `nightly`."""
    return max(1, examples * (settings.default.max_examples or 100) // 100)


# ------------------------------------------------------------- a brief's text


@dataclass(frozen=True)
class Case:
    """The author text of a brief: body paragraphs are segments with a footnote marker
    between each two; footnotes are in marker order."""

    title: str
    authors: tuple[tuple[str, str, str], ...]
    paragraphs: tuple[tuple[str, ...], ...]
    footnotes: tuple[str, ...]


@st.composite
def cases(draw: st.DrawFn, *, max_paragraphs: int = 3, max_notes: int = 3,
          body_text: st.SearchStrategy[str] | None = None) -> Case:
    body_text = texts(12) if body_text is None else body_text
    paragraphs = tuple(
        tuple(draw(st.lists(body_text, min_size=1, max_size=max_notes + 1)))
        for _ in range(draw(st.integers(1, max_paragraphs))))
    notes = sum(len(segments) - 1 for segments in paragraphs)
    authors = tuple((draw(texts(4)), draw(texts(4)), draw(texts(4)))
                    for _ in range(draw(st.integers(1, 2))))
    return Case(title=draw(texts(8)), authors=authors, paragraphs=paragraphs,
                footnotes=tuple(draw(texts(10)) for _ in range(notes)))


def markdown_escaped(text: str) -> str:
    """`text` as Markdown that reads back as exactly `text`."""
    return "".join(f"\\{character}" if character in string.punctuation else character
                   for character in text)


def double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (escapes for what YAML may not hold raw)."""
    out = []
    for character in text:
        code = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif character == SENTINEL:
            out.append(character)
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF or character in "\u2028\u2029\ufeff\ufffe\uffff":
            out.append(f"\\u{code:04x}")
        else:
            out.append(character)
    return '"' + "".join(out) + '"'


def body_markdown(case: Case) -> str:
    blocks = []
    note = 0
    for segments in case.paragraphs:
        parts = [markdown_escaped(segments[0].lstrip())]  # Markdown drops it anyway
        for segment in segments[1:]:
            note += 1
            parts.append(f"[^{note}]{markdown_escaped(segment)}")
        blocks.append("".join(parts))
    blocks += [f"[^{number}]: {markdown_escaped(text.strip())}"  # 4 spaces: code
               for number, text in enumerate(case.footnotes, start=1)]
    return "\n\n".join(blocks) + "\n"


def source_text(case: Case, *, literal_body: bool = True, curly_quotes: bool = False) -> str:
    """The source of `case`; its quotes printed as typed unless `curly_quotes`."""
    lines = ["number: CO 23-30", "date: 2023-09-14", f"title: {double_quoted(case.title)}",
             "quotes: curly" if curly_quotes else "quotes: as-typed", "authors:"]
    for name, position, division in case.authors:
        lines += [f"  - name: {double_quoted(name)}", f"    position: {double_quoted(position)}",
                  f"    division: {double_quoted(division)}"]
    body = body_markdown(case)
    if literal_body:
        lines += ["body:", "  en: |"] + [f"    {line}" if line else "" for line in
                                        body.rstrip("\n").split("\n")]
    else:
        lines += ["body:", f"  en: {double_quoted(body)}"]
    return "\n".join(lines) + "\n"


def expected_fields(case: Case) -> list[str]:
    """Every piece of author text as it must read in the documents."""
    fields = [case.title, *(field for author in case.authors for field in author)]
    for segments in case.paragraphs:
        last = len(segments) - 1
        for number, segment in enumerate(segments):
            segment = segment.lstrip() if number == 0 else segment
            fields.append(segment.rstrip() if number == last else segment)
    fields += [note.strip() for note in case.footnotes]
    return [field for field in fields if field.strip()]


# ------------------------------------------------------------------- reading back

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """The text of every paragraph of the document and its footnotes, one per line."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for part in ("word/document.xml", "word/footnotes.xml"):
            root = etree.fromstring(package.read(part))
            for paragraph in root.iter(f"{_W}p"):
                lines.append(shown("".join(_run_text(element) for element in paragraph.iter())))
    return "\n".join(lines)


def _run_text(element: etree._Element) -> str:
    if element.tag == f"{_W}t":
        return element.text or ""
    shown_as = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}noBreakHyphen": "-"}
    return shown_as.get(str(element.tag), "")


def pdf_text(data: bytes) -> str:
    """The PDF's text layer in content-stream order, read by poppler's `pdftotext -raw`
    (its default mode joins a line ending in "-" to the next one; pypdf, used where
    poppler is missing, moves Hebrew combining marks, which the shipped fonts carry)."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data,
                              capture_output=True, check=True).stdout.decode("utf-8")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def without_whitespace(text: str) -> str:
    return "".join(character for character in text if not character.isspace())


def render_both(tmp_path: Path, text: str) -> tuple[str, str]:
    from generator.render.docx import render_docx
    from generator.render.pdf import render_pdf

    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    brief = brief_for(load_source(path), "en")
    return docx_text(render_docx(brief)), pdf_text(render_pdf(brief))


def assert_every_field_comes_out(case: Case, tmp_path: Path, *, curly_quotes: bool = False
                                 ) -> None:
    """Every field of `case` is in both formats' text; with `curly_quotes`, up to the
    form of its quotes (the typographic quotes the house sets for straight ones)."""
    fold = straight_quotes if curly_quotes else str
    docx, pdf = render_both(tmp_path, source_text(case, curly_quotes=curly_quotes))
    docx, pdf_compact = fold(docx), fold(without_whitespace(pdf))
    for field in expected_fields(case):
        assert fold(field) in docx, f"DOCX lacks {field!r}"
        assert fold(without_whitespace(field)) in pdf_compact, f"PDF text lacks {field!r}"


def straight_quotes(text: str) -> str:
    return text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))


# ------------------------------------------------------------------ properties


@settings(max_examples=scaled(200))
@given(case=cases())
def test_any_accepted_text_comes_out_whole_in_both_formats(
    case: Case, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert_every_field_comes_out(case, tmp_path_factory.mktemp("brief"))


@settings(max_examples=scaled(60))
@given(case=cases())
def test_any_accepted_text_comes_out_whole_with_curly_quotes(
    case: Case, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert_every_field_comes_out(case, tmp_path_factory.mktemp("brief"), curly_quotes=True)


@settings(max_examples=scaled(30))
@given(case=cases(max_paragraphs=1, max_notes=0, body_text=long_tokens(2500)),
       title=long_tokens(255))
def test_long_unbroken_tokens_come_out_whole(
    case: Case, title: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert_every_field_comes_out(replace(case, title=title), tmp_path_factory.mktemp("brief"))


@st.composite
def many_footnotes(draw: st.DrawFn) -> Case:
    """20–80 footnotes, each marked in a short paragraph of its own."""
    count = draw(st.integers(20, 80))
    paragraphs = tuple((draw(texts(3)), draw(texts(2))) for _ in range(count))
    return Case(title=draw(texts(4)), authors=((draw(texts(3)), "Fellow", "Division"),),
                paragraphs=paragraphs, footnotes=tuple(draw(texts(4)) for _ in range(count)))


@settings(max_examples=scaled(15))
@given(case=many_footnotes())
def test_many_footnotes_all_come_out(case: Case,
                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    assert_every_field_comes_out(case, tmp_path_factory.mktemp("brief"))


# ------------------------------------------------------- refused, at its place

SENTINEL = "\ue000"  # marks where the refused character goes; never generated


def _range(first: int, last: int) -> st.SearchStrategy[str]:
    return st.integers(first, last).map(chr)


# Characters no document may carry, whatever the field, by class (not by asking the tool).
_KS_X_1001_HANJA = frozenset(ks_x_1001_hanja())
REFUSED = st.one_of(
    _range(0x00, 0x08), _range(0x0B, 0x0C), _range(0x0E, 0x1F), st.just("\x7f"),
    _range(0x80, 0x9F),  # C0 and C1 controls (tab, line feed, carriage return aside)
    _range(0xD800, 0xDFFF),  # lone surrogates, from a "\ud800" escape
    _range(0xFDD0, 0xFDEF), st.sampled_from("\ufffe\uffff"),  # noncharacters
    _range(0x10000, 0x10FFFF).filter(lambda c: (ord(c) & 0xFFFE) != 0xFFFE),  # above U+FFFF
    _range(0x5D0, 0x5EA), _range(0x627, 0x64A),  # Hebrew, Arabic letters
    st.sampled_from("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"),
    _range(0x4E00, 0x9FFF).filter(lambda c: c not in _KS_X_1001_HANJA),  # Hanja no font has
    _range(0x900, 0x97F), _range(0xE01, 0xE3A),  # Devanagari, Thai
    st.sampled_from("\u2028\u2029\ufffd\u00ad\u200b"),  # soft hyphen, zero width space
    st.sampled_from("\u2000\u2003\u2007\u2009\u200a\u202f\u205f\u3000"),  # Unicode spaces
)
FRONT_MATTER_ONLY = st.sampled_from("\t\n\r")  # one line: refused in front matter only


@dataclass(frozen=True)
class Insertion:
    field: str  # "title", "name", "position", "division", "paragraph" or "footnote"
    character: str
    at: float  # where in the field, 0..1
    literal_body: bool


@st.composite
def insertions(draw: st.DrawFn) -> Insertion:
    field = draw(st.sampled_from(["title", "name", "position", "division", "paragraph",
                                  "footnote"]))
    refused = REFUSED if field in ("paragraph", "footnote") else st.one_of(REFUSED,
                                                                           FRONT_MATTER_ONLY)
    character = draw(refused)
    literal = draw(st.booleans()) and not 0xD800 <= ord(character) <= 0xDFFF
    return Insertion(field, character, draw(st.floats(0, 1)), literal)


def _insert(text: str, at: float) -> str:
    split = round(at * len(text))
    return text[:split] + SENTINEL + text[split:]


def with_sentinel(case: Case, insertion: Insertion) -> Case:
    field = insertion.field
    if field == "title":
        return replace(case, title=_insert(case.title, insertion.at))
    if field in ("name", "position", "division"):
        author = list(case.authors[0])
        number = ("name", "position", "division").index(field)
        author[number] = _insert(author[number], insertion.at)
        return replace(case, authors=(tuple(author), *case.authors[1:]))  # type: ignore[arg-type]
    if field == "footnote" and case.footnotes:
        return replace(case, footnotes=(_insert(case.footnotes[0], insertion.at),
                                        *case.footnotes[1:]))
    first = case.paragraphs[0]
    return replace(case, paragraphs=((_insert(first[0], insertion.at), *first[1:]),
                                     *case.paragraphs[1:]))


def _raw_or_escaped(character: str, in_double_quotes: bool) -> str:
    if in_double_quotes:
        return double_quoted(character)[1:-1]
    return character


@settings(max_examples=scaled(500))
@given(case=cases(max_paragraphs=2, max_notes=2), insertion=insertions())
def test_a_refused_character_is_a_located_error_wherever_it_is(
    case: Case, insertion: Insertion, tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = source_text(with_sentinel(case, insertion), literal_body=insertion.literal_body)
    index = text.index(SENTINEL)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    in_body = insertion.field in ("paragraph", "footnote")
    quoted = not (in_body and insertion.literal_body)
    text = text.replace(SENTINEL, _raw_or_escaped(insertion.character, quoted))
    path = tmp_path_factory.mktemp("brief") / "brief.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with pytest.raises(SourceError) as raised:
        brief_for(load_source(path), "en")
    found = [(problem.line, problem.column) for problem in raised.value.diagnostics]
    assert found == [(line, column)], [str(problem) for problem in raised.value.diagnostics]
    message = raised.value.diagnostics[0].message
    assert f"U+{ord(insertion.character):04X}" in message or "must be one line" in message

"""The PDF edition: text, fonts, metadata, determinism, escaping (see also the layout tests)."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pypdf
import pyphen
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
    plain_text,
)
from generator.render.pdf import render_pdf
from generator.render.pdf.fonts import UnsupportedCharacterError, script_runs
from generator.source import load_brief
from generator.style.house import HYPHENATION, ROLES, FaceKind
from tests.conftest import require_tools
from tests.pdf_markup_reference import safe_href

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "co-23-30.yaml"
BODY_SIZE = ROLES["block-quote"].size.points  # the smallest size of running text
NOTE_SIZE = ROLES["footnote"].size.points
STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


# ------------------------------------------------------------------ helpers


def make_brief(
    blocks: tuple[Block, ...],
    footnotes: tuple[Footnote, ...] = (),
    **fields: object,
) -> Brief:
    brief = Brief(
        stem="test",
        series="online-series",
        number="CO 23-30",
        date=datetime.date(2023, 9, 14),
        language="en",
        front_language="en",
        variant="full",
        title="A Test Brief",
        authors=(Author("Hyun, Seungsoo", "Research Fellow", "Global Strategy Research Division"),),
        blocks=blocks,
        footnotes=footnotes,
    )
    return replace(brief, **fields)  # type: ignore[arg-type]


def para(*inlines: Inline | str) -> Paragraph:
    return Paragraph(tuple(Text(node) if isinstance(node, str) else node for node in inlines))


def filler(words: int, tag: str = "w") -> str:
    """`words` distinct words, so that order and completeness can be checked."""
    return " ".join(f"{tag}{index:03d}" for index in range(words))


@dataclass(frozen=True)
class Chunk:
    """One string drawn on a page: its baseline y (points from the page foot) and size."""

    page: int
    y: float
    size: float
    font: str
    text: str


def text_chunks(pdf: bytes) -> list[Chunk]:
    chunks: list[Chunk] = []
    for number, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages, start=1):

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
                y = tm[5] * cm[3] + cm[5]
                chunks.append(Chunk(number, y, size * tm[3], name, text))  # noqa: B023

        page.extract_text(visitor_text=visit)
    return chunks


def body_chunks(chunks: list[Chunk]) -> list[Chunk]:
    return [chunk for chunk in chunks if chunk.size >= BODY_SIZE - 0.01]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def chunk_lines(chunks: list[Chunk]) -> str:
    """The chunks' texts in order, a line end between two chunks on different lines."""
    parts: list[str] = []
    for previous, chunk in zip([None, *chunks], chunks, strict=False):
        if previous is not None and (previous.page, previous.y) != (chunk.page, chunk.y):
            parts.append("\n")
        parts.append(chunk.text)
    return "".join(parts)


@cache
def _english_hyphenation() -> pyphen.Pyphen:
    rule = HYPHENATION["en"]
    return pyphen.Pyphen(lang=rule.patterns, left=rule.least_before, right=rule.least_after)


def dehyphenated(text: str) -> str:
    """`text` (with its line ends) with every word the renderer hyphenated at a line end
    made whole again, "Vos-\ntochny" -> "Vostochny": only where the renderer could have
    put it, at one of the house's English hyphenation points of a word of letters; a
    hyphen of an address ("letiyu-\nkndr/") or elsewhere in a word stays."""

    def whole(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if len(head) not in _english_hyphenation().positions(head + tail):
            return match.group(0)
        return match.group(0)[: match.start(1) - match.start()] + head + tail

    return _LINE_END_HYPHEN.sub(whole, text)


# A line that ends in "word-" and a next line that goes on with letters: the renderer
# hyphenates only words of letters and hyphens ("anti-Ameri-" "can"), after opening
# quotes or brackets, never a part of an address: the word is the line's whole last
# token and ends before any character of an address.
_LINE_END_HYPHEN = re.compile(
    r"(?<!\S)['\"(\[{¿‘‚“„]*((?:[^\W\d_]+-)*[^\W\d_]+)-[ \t]*\n\s*"
    r"([^\W\d_]+)(?![/&=?@_-]|\.\w)"
)


def pdf_file(tmp_path: Path, pdf: bytes) -> Path:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    return path


# ----------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def sample_brief() -> Brief:
    return load_brief(SAMPLE)


@pytest.fixture(scope="module")
def sample_pdf(sample_brief: Brief) -> bytes:
    return render_pdf(sample_brief)


# -------------------------------------------------------------------- tests


def test_sample_source_has_the_published_shape(sample_brief: Brief) -> None:
    assert len(sample_brief.blocks) == 14
    assert isinstance(sample_brief.blocks[5], BlockQuote)
    assert len(sample_brief.footnotes) == 2


def test_text_layer_holds_every_sample_paragraph_in_order(
    sample_brief: Brief, sample_pdf: bytes
) -> None:
    body = squeeze(dehyphenated(chunk_lines(body_chunks(text_chunks(sample_pdf)))))
    position = 0
    for block in sample_brief.blocks:
        inner = block.blocks[0] if isinstance(block, BlockQuote) else block
        assert isinstance(inner, Paragraph)
        expected = squeeze(plain_text(inner.inlines))
        found = body.find(expected, position)
        assert found >= 0, expected[:60]
        position = found + len(expected)


def test_front_and_back_matter_are_in_the_text_layer(sample_pdf: bytes) -> None:
    text = squeeze("".join(chunk.text for chunk in text_chunks(sample_pdf)))
    for expected in (
        "Online Series",
        "2023. 09. 14. | CO 23-30",
        "Assessment and Prospect of Russia-North Korea Summit",
        "Hyun, Seungsoo",
        "(Research Fellow, Global Strategy Research Division)",
        "©KINU 2023",
        "※ The views expressed in this paper are entirely those of the author",
    ):
        assert squeeze(expected) in text, expected
    assert text.index(squeeze("©KINU 2023")) < text.index("※")


def test_every_page_has_its_number_centred_in_the_footer(sample_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    chunks = text_chunks(sample_pdf)
    for number in range(1, len(reader.pages) + 1):
        footer = [c for c in chunks if c.page == number and c.y < ROLES["body"].leading.points * 3]
        assert [c.text.strip() for c in footer] == [str(number)]


def test_pages_are_a4(sample_pdf: bytes) -> None:
    for page in pypdf.PdfReader(io.BytesIO(sample_pdf)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_pdf_passes_qpdf_check(tmp_path: Path, sample_pdf: bytes) -> None:
    require_tools("qpdf")
    result = subprocess.run(
        ["qpdf", "--check", str(pdf_file(tmp_path, sample_pdf))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_font_is_embedded_and_none_is_standard_14(sample_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert not any(standard in name for standard in STANDARD_14), name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"


def test_pdffonts_reports_every_font_embedded(tmp_path: Path, sample_pdf: bytes) -> None:
    require_tools("pdffonts")
    output = subprocess.run(
        ["pdffonts", str(pdf_file(tmp_path, sample_pdf))], capture_output=True, text=True
    ).stdout
    rows = output.splitlines()[2:]
    assert rows
    for row in rows:
        name, _type, _subtype, _encoding, embedded, subset = row.split()[:6]
        assert (embedded, subset) == ("yes", "yes"), row
        assert not any(standard in name for standard in STANDARD_14), row


def test_two_renders_are_byte_identical(sample_brief: Brief, sample_pdf: bytes) -> None:
    assert render_pdf(sample_brief) == sample_pdf


def test_a_fresh_process_renders_the_same_bytes(tmp_path: Path, sample_pdf: bytes) -> None:
    script = (
        "import sys; from pathlib import Path; from generator.source import load_brief; "
        "from generator.render.pdf import render_pdf; "
        f"sys.stdout.buffer.write(render_pdf(load_brief(Path({str(SAMPLE)!r}))))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert result.stdout == sample_pdf


HOSTILE = ("a<b", "&amp;", "<font color=red>x</font>", "{{ x }}", "<img src='/etc/passwd'/>")


def test_hostile_author_text_comes_out_literally() -> None:
    hostile = " ".join(HOSTILE)
    brief = make_brief(
        (
            Heading(2, (Text(hostile),)),
            para(hostile, Emphasis((Text(hostile),)), Strong((Text("b>c"),)), FootnoteRef(1)),
        ),
        (Footnote(1, (Text(hostile),)),),
        title=f"Title {hostile}",
        authors=(Author(f"Name {hostile}", f"Rank {hostile}", "Division &lt;"),),
    )
    pdf = render_pdf(brief)
    text = squeeze("".join(chunk.text for chunk in text_chunks(pdf)))
    assert text.count(squeeze(hostile)) >= 7  # title, name, rank, heading, twice body, note
    assert squeeze("(Rank " + hostile + ", Division &lt;)") in text
    assert squeeze("b>c") in text
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == f"Title {hostile}"


def test_metadata_fields_are_set(sample_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == "Assessment and Prospect of Russia-North Korea Summit"
    assert info.author == "Hyun, Seungsoo"
    assert info.subject == "Online Series CO 23-30"
    assert info.creator == "kinu-brief"
    assert info.producer == "kinu-brief PDF renderer (ReportLab)"
    assert not re.search(r"\d+\.\d+", info.creator + info.producer)
    assert info["/CreationDate"] == info["/ModDate"] == "D:20230914000000+00'00'"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_keywords_and_several_authors_go_into_the_metadata() -> None:
    authors = (
        Author("Hyun, Seungsoo", "Research Fellow", "Global Strategy Research Division"),
        Author("Kim, Minji", "Senior Research Fellow", "North Korean Studies Division"),
    )
    brief = make_brief((para("Body."),), keywords=("Russia", "North Korea"), authors=authors)
    pdf = render_pdf(brief)
    info = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None
    assert info["/Keywords"] == "Russia, North Korea"
    assert info.author == "Hyun, Seungsoo; Kim, Minji"
    text = squeeze("".join(chunk.text for chunk in text_chunks(pdf)))
    assert squeeze("Kim, Minji(Senior Research Fellow, North Korean Studies Division)") in text


def test_headings_become_nested_bookmarks() -> None:
    blocks = (
        Heading(2, (Text("Background"),)),
        para(filler(30)),
        Heading(3, (Text("Detail"),)),
        para(filler(30)),
        Heading(2, (Text("Outlook"),)),
        para(filler(30)),
    )
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(make_brief(blocks))))
    outline = reader.outline
    assert [entry.title for entry in outline if not isinstance(entry, list)] == [
        "Background",
        "Outlook",
    ]
    assert [entry.title for entry in outline[1]] == ["Detail"]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_a_brief_without_headings_has_no_outline(sample_pdf: bytes) -> None:
    assert pypdf.PdfReader(io.BytesIO(sample_pdf)).outline == []


def _uris(pdf: bytes) -> list[str]:
    uris = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
    return uris


def test_links_are_clickable_uri_annotations(sample_pdf: bytes) -> None:
    assert _uris(sample_pdf) == ["https://globalaffairs.ru/articles/k-75-letiyu-kndr/"]


def test_only_web_and_mail_links_become_annotations() -> None:
    blocks = (
        para(
            Link("javascript:alert(1)", (Text("script"),)),
            " ",
            Link("file:///etc/passwd", (Text("file"),)),
            " ",
            Link('https://example.org/a b?q=1&r="2"', (Text("web"),)),
            " ",
            Link("mailto:someone@example.org", (Text("mail"),)),
        ),
    )
    pdf = render_pdf(make_brief(blocks))
    assert _uris(pdf) == [
        "https://example.org/a%20b?q=1&r=%222%22",
        "mailto:someone@example.org",
    ]
    assert squeeze("script file web mail") in squeeze("".join(c.text for c in text_chunks(pdf)))


def test_hrefs_are_percent_encoded_and_escaped() -> None:
    assert safe_href('https://x.org/"><b>') == "https://x.org/%22%3E%3Cb%3E"
    assert safe_href("https://x.org/?a=1&b=2") == "https://x.org/?a=1&amp;b=2"
    assert safe_href("JavaScript:alert(1)") is None
    assert safe_href("data:text/html,x") is None


def test_lists_carry_bullets_and_numbers() -> None:
    blocks = (
        ListBlock(False, 1, ((para("first point"),), (para("second point"),))),
        ListBlock(True, 3, ((para("third step"),), (para("fourth step"),))),
    )
    text = "".join(chunk.text for chunk in text_chunks(render_pdf(make_brief(blocks))))
    for expected in ("•first point", "•second point", "3.third step", "4.fourth step"):
        assert squeeze(expected) in squeeze(text)


def test_text_runs_are_split_by_script() -> None:
    runs = script_runs("Seoul 서울, 2023년 「통일」", "serif")
    assert runs == [
        ("LiberationSerif-Regular", "Seoul "),
        ("NanumMyeongjo", "서울"),
        ("LiberationSerif-Regular", ", 2023"),
        ("NanumMyeongjo", "년 「통일」"),
    ]
    assert script_runs("Seoul", "sans", bold=True) == [("LiberationSans-Bold", "Seoul")]


def test_a_glyph_the_latin_face_lacks_comes_from_the_hangul_face() -> None:
    assert script_runs("※ Note", "serif") == [
        ("NanumMyeongjo", "※ "),
        ("LiberationSerif-Regular", "Note"),
    ]


def _runs_character_by_character(text: str, kind: FaceKind) -> list[tuple[str, str]]:
    """The rule script_runs implements, spelled out one character at a time: each
    character takes its face, whitespace the face of the character before it."""
    runs: list[tuple[str, str]] = []
    for character in text:
        face = (runs[-1][0] if character.isspace() and runs
                else script_runs(character, kind)[0][0])
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + character)
        else:
            runs.append((face, character))
    return runs


@given(st.text(alphabet=st.sampled_from(list("ab, 1.\n\t\u00a0서울년「」※—é")), min_size=1,
               max_size=40),
       st.sampled_from(["serif", "sans"]))
def test_script_runs_follow_the_character_rule(text: str, kind: FaceKind) -> None:
    assert script_runs(text, kind) == _runs_character_by_character(text, kind)
    assert "".join(part for _, part in script_runs(text, kind)) == text


def test_a_character_no_face_has_is_an_error() -> None:
    with pytest.raises(UnsupportedCharacterError, match=r"U\+1F600"):
        script_runs("smile \U0001f600", "serif")


def test_a_korean_brief_is_set_in_the_nanum_faces() -> None:
    brief = make_brief(
        (para("러시아와 북한의 정상회담은 (Russia–North Korea) 한반도에 영향을 준다.", FootnoteRef(1)),),
        (Footnote(1, (Text("「조선중앙통신」 2023년 9월 14일."),)),),
        language="ko",
        front_language="ko",
        title="북러 정상회담 평가와 전망",
        authors=(Author("현승수", "연구위원", "국제전략연구실"),),
    )
    pdf = render_pdf(brief)
    chunks = text_chunks(pdf)
    text = squeeze("".join(chunk.text for chunk in chunks))
    for expected in ("온라인시리즈", "북러 정상회담 평가와 전망", "현승수(국제전략연구실 연구위원)",
                     "러시아와 북한의 정상회담은", "「조선중앙통신」"):
        assert squeeze(expected) in text, expected
    fonts = {chunk.font.split("+")[-1] for chunk in chunks}
    assert {"NanumMyeongjo", "NanumGothicBold", "LiberationSerif"} <= fonts
    assert pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "ko"


def test_latin_text_does_not_load_the_nanum_faces() -> None:
    script = (
        "from reportlab.pdfbase import pdfmetrics; "
        "from generator.render.pdf.fonts import script_runs; "
        "script_runs('Plain Latin, “quoted” – Кириллица', 'serif'); "
        "print(sorted(pdfmetrics.getRegisteredFontNames()))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Nanum" not in result.stdout
    assert "LiberationSerif-Regular" in result.stdout


class _Unknown:
    pass


def test_an_unknown_block_node_is_an_error() -> None:
    with pytest.raises(TypeError, match="_Unknown"):
        render_pdf(make_brief((_Unknown(),)))  # type: ignore[arg-type]


def test_an_unknown_inline_node_is_an_error() -> None:
    with pytest.raises(TypeError, match="_Unknown"):
        render_pdf(make_brief((Paragraph((_Unknown(),)),)))  # type: ignore[arg-type]

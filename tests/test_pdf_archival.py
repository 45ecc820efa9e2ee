"""Every brief PDF is PDF/A-2b and tagged PDF/UA-1, as far as the checkers here can
tell (docs/archival.md): its identification and metadata, output intent and annotations,
its structure tree read back in the model's order, its page furniture kept out of it.

The sample's English and Korean editions, every variant, final, draft and embargoed.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from functools import cache
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject

from generator.model.nodes import (
    Block,
    BlockQuote,
    Brief,
    CrossRef,
    Emphasis,
    Figure,
    FootnoteRef,
    FullTextLink,
    Heading,
    Inline,
    KeyPoints,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    Text,
)
from generator.render.pdf import render_pdf
from generator.render.pdf.archival import ICC_PROFILE
from generator.source import load_brief
from generator.style.house import CAPTION_NUMBER_FORMAT, KEY_POINTS_HEADINGS, list_label
from generator.style.texts import (
    draft_watermark,
    embargo_banner,
    footnote_marker,
    front_matter,
    render_label,
)
from tests.conftest import SAMPLE

LANGUAGES = ("en", "ko")
VARIANTS = ("full", "exec", "handout")
STATUSES = ("final", "draft", "embargoed")
CASES = [(language, variant, status) for language in LANGUAGES for variant in VARIANTS
         for status in STATUSES]
EMBARGO = datetime.datetime(2023, 9, 14, 9, 0)
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
# Operators that put ink on the page: each must sit inside marked content.
PAINTING = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S",
            b"s", b"Do", b"sh"}
needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler")


@cache
def brief_of(language: str, variant: str, status: str) -> Brief:
    brief = load_brief(SAMPLE, language, variant)
    if status == "embargoed":
        return replace(brief, status=status, embargo=EMBARGO)
    return replace(brief, status=status)


@cache
def pdf_of(language: str, variant: str, status: str) -> bytes:
    return render_pdf(brief_of(language, variant, status))


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(BytesIO(pdf))


def xmp_of(pdf: bytes) -> ET.Element:
    metadata = reader(pdf).trailer["/Root"]["/Metadata"].get_object()
    assert "/Filter" not in metadata, "PDF/A: the metadata stream is not compressed"
    return ET.fromstring(metadata.get_data())


def xmp_value(xmp: ET.Element, path: str) -> str:
    found = xmp.find(f".//{path}", NS)
    assert found is not None, path
    return "".join(found.itertext()).strip()


# ------------------------------------------------------------------- PDF/A-2b


@pytest.mark.parametrize(("language", "variant", "status"), CASES)
def test_the_pdf_is_version_1_7_and_says_pdfa_2b_and_pdfua_1_in_its_xmp(
    language: str, variant: str, status: str
) -> None:
    pdf = pdf_of(language, variant, status)
    assert pdf.startswith(b"%PDF-1.7\n%")
    assert all(byte >= 128 for byte in pdf[10:14]), "PDF/A: a binary comment line"
    xmp = xmp_of(pdf)
    assert xmp_value(xmp, "pdfaid:part") == "2"
    assert xmp_value(xmp, "pdfaid:conformance") == "B"
    assert xmp_value(xmp, "pdfuaid:part") == "1"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_xmp_says_what_the_document_information_says(language: str) -> None:
    pdf = pdf_of(language, "full", "final")
    info = reader(pdf).metadata
    assert info is not None
    xmp = xmp_of(pdf)
    brief = brief_of(language, "full", "final")
    assert xmp_value(xmp, "dc:title/rdf:Alt/rdf:li") == info["/Title"] == brief.title
    assert xmp_value(xmp, "dc:creator/rdf:Seq/rdf:li") == info["/Author"]
    assert xmp_value(xmp, "dc:description/rdf:Alt/rdf:li") == info["/Subject"]
    assert xmp_value(xmp, "dc:language/rdf:Bag/rdf:li") == language
    assert xmp_value(xmp, "xmp:CreatorTool") == info["/Creator"]
    assert xmp_value(xmp, "pdf:Producer") == info["/Producer"]
    day = f"{brief.date:%Y-%m-%d}T00:00:00+00:00"
    assert xmp_value(xmp, "xmp:CreateDate") == xmp_value(xmp, "xmp:ModifyDate") == day
    assert info["/CreationDate"] == info["/ModDate"] == f"D:{brief.date:%Y%m%d}000000+00'00'"
    assert "/Trapped" not in info, "PDF/A-2 would need it in the XMP too"
    if "/Keywords" in info:
        assert xmp_value(xmp, "pdf:Keywords") == info["/Keywords"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_srgb_output_intent_carries_the_shipped_icc_profile(language: str) -> None:
    root = reader(pdf_of(language, "full", "final")).trailer["/Root"]
    (intent,) = root["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    assert profile.get_data() == ICC_PROFILE.read_bytes()
    assert profile.get_data()[12:20] == b"mntrRGB "  # a display profile of RGB


@pytest.mark.parametrize(("language", "variant"), [(lang, "full") for lang in LANGUAGES]
                         + [(lang, "handout") for lang in LANGUAGES])
def test_every_link_annotation_prints_is_tagged_and_says_where_it_goes(
    language: str, variant: str
) -> None:
    links = 0
    for page in reader(pdf_of(language, variant, "final")).pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            links += 1
            assert annotation["/F"] == 4
            assert annotation["/Contents"] == annotation["/A"]["/URI"]
            assert "/StructParent" in annotation
        if "/Annots" in page:
            assert page["/Tabs"] == "/S"
    assert links > 0


def test_the_english_sample_pdf_is_at_most_75_kb() -> None:
    assert len(pdf_of("en", "full", "final")) <= 75 * 1024


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="needs qpdf")
@pytest.mark.parametrize(("language", "variant", "status"), CASES)
def test_qpdf_finds_no_error(language: str, variant: str, status: str, tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf_of(language, variant, status))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_rebuild_gives_the_same_bytes() -> None:
    brief = brief_of("ko", "full", "draft")
    assert render_pdf(brief) == render_pdf(brief)


# ------------------------------------------------------------------- PDF/UA-1


@pytest.mark.parametrize(("language", "variant", "status"), CASES)
def test_the_pdf_is_marked_tagged_and_names_its_language_and_title(
    language: str, variant: str, status: str
) -> None:
    root = reader(pdf_of(language, variant, status)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert root["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert root["/Lang"] == language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def marked_content(page: pypdf.PageObject, pdf: pypdf.PdfReader) -> tuple[list[int], list[bytes]]:
    """The MCIDs a page's content marks, and the painting operators found outside any
    marked content."""
    mcids: list[int] = []
    unmarked: list[bytes] = []
    depth = 0
    for operands, operator in ContentStream(page.get_contents(), pdf).operations:
        if operator in (b"BDC", b"BMC"):
            depth += 1
            properties = operands[1] if operator == b"BDC" else None
            if isinstance(properties, DictionaryObject) and "/MCID" in properties:
                mcids.append(int(properties["/MCID"]))
        elif operator == b"EMC":
            depth -= 1
        elif operator in PAINTING and depth == 0:
            unmarked.append(operator)
    assert depth == 0, "every BDC is closed on its page"
    return mcids, unmarked


@pytest.mark.parametrize(("language", "variant", "status"), CASES)
def test_nothing_is_drawn_outside_tagged_content_or_artifacts(
    language: str, variant: str, status: str
) -> None:
    pdf = reader(pdf_of(language, variant, status))
    for page in pdf.pages:
        assert marked_content(page, pdf)[1] == []


def holds_mcid(element: DictionaryObject, mcid: int, page: int) -> bool:
    """Does `element` list marked content `mcid` of the page whose object number is
    `page` among its kids?"""
    kids = element["/K"]
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, int) and kid == mcid and element.raw_get("/Pg").idnum == page:
            return True
        if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR" \
                and kid["/MCID"] == mcid and kid.raw_get("/Pg").idnum == page:
            return True
    return False


def assert_every_mcid_resolves(pdf: pypdf.PdfReader, *, untagged_allowed: bool = True) -> None:
    """Each page's MCIDs count up from 0 and resolve through the ParentTree to the
    element that lists them; with `untagged_allowed` False, nothing is drawn outside
    marked content either."""
    tree = pdf.trailer["/Root"]["/StructTreeRoot"]
    numbers = tree["/ParentTree"]["/Nums"]
    parents = {int(numbers[index]): numbers[index + 1] for index in range(0, len(numbers), 2)}
    assert int(tree["/ParentTreeNextKey"]) > max(parents)
    for page in pdf.pages:
        mcids, unmarked = marked_content(page, pdf)
        assert untagged_allowed or unmarked == []
        assert mcids == list(range(len(mcids))), "MCIDs count up from 0 on each page"
        owners = parents[int(page["/StructParents"])].get_object()
        assert len(owners) == len(mcids)
        for mcid in mcids:
            element = owners[mcid].get_object()
            assert holds_mcid(element, mcid, page.indirect_reference.idnum)


@pytest.mark.parametrize(("language", "variant", "status"), CASES)
def test_every_mcid_on_a_page_resolves_through_the_parent_tree_to_its_element(
    language: str, variant: str, status: str
) -> None:
    assert_every_mcid_resolves(reader(pdf_of(language, variant, status)))


# ------------------------------------------------ reading order, from the model


def visible(inlines: tuple[Inline, ...], language: str) -> str:
    """The text of `inlines` as printed, footnote markers included."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Emphasis | Strong | Link):
            parts.append(visible(node.children, language))
        elif isinstance(node, FootnoteRef):
            parts.append(footnote_marker(language, node.number))
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, CrossRef):
            parts.append(f"{node.label} {node.number}")
    return "".join(parts)


def cited(inlines: tuple[Inline, ...]) -> list[int]:
    numbers: list[int] = []
    for node in inlines:
        if isinstance(node, FootnoteRef):
            numbers.append(node.number)
        elif isinstance(node, Emphasis | Strong | Link):
            numbers += cited(node.children)
    return numbers


def note_texts(brief: Brief, inlines: tuple[Inline, ...]) -> list[str]:
    """The notes `inlines` cite, each with its label, as printed."""
    language = brief.language
    return [f"{footnote_marker(language, number)} "
            f"{visible(brief.footnote(number).inlines, language)}"
            for number in cited(inlines)]


def block_texts(brief: Brief, block: Block, label: str = "") -> list[str]:
    """A block's texts in reading order: its text, then the notes it cites."""
    language = brief.language
    if isinstance(block, Paragraph | Heading):
        return [label + visible(block.inlines, language), *note_texts(brief, block.inlines)]
    if isinstance(block, Table | Figure):
        caption = CAPTION_NUMBER_FORMAT.format(label=block.label, number=block.number)
        texts = [label + f"{caption} {visible(block.caption, language)}"]
        cells = [cell for row in (*block.header, *block.rows) for cell in row] \
            if isinstance(block, Table) else []
        texts += [visible(cell, language) for cell in cells]
        every = (*block.caption, *(node for cell in cells for node in cell))
        return [*texts, *note_texts(brief, every)]
    if isinstance(block, BlockQuote):
        return [text for inner in block.blocks for text in block_texts(brief, inner)]
    if isinstance(block, ListBlock):
        texts: list[str] = []
        for index, blocks in enumerate(block.items):
            mark = list_label(ordered=block.ordered, number=block.start + index) + " "
            texts += [text for position, inner in enumerate(blocks)
                      for text in block_texts(brief, inner, mark if position == 0 else "")]
        return texts
    if isinstance(block, KeyPoints):
        heading = render_label(brief.front_language, KEY_POINTS_HEADINGS[block.purpose])
        return [heading, *(f"• {point}" for point in block.points)]
    if isinstance(block, FullTextLink):
        return [render_label(brief.front_language, "full_text"), block.url]
    raise AssertionError(f"no reading order for {type(block).__name__}")


def model_texts(brief: Brief) -> list[str]:
    matter = front_matter(brief)
    return [
        matter.series_label, matter.date_line, brief.title,
        *(line for _, line in matter.author_lines),
        *(text for block in brief.blocks for text in block_texts(brief, block)),
        matter.copyright, matter.disclaimer,
    ]


def words(texts: list[str]) -> list[str]:
    """Words to compare: hyphens (printed at a break or not) and spacing set aside."""
    return re.sub(r"[-\u00ad]", "", " ".join(texts)).split()


def struct_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of every structure element, in the tree's order (pdfinfo -struct-text)."""
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                            check=True)
    # (pdfinfo prints a /T of Hangul as raw UTF-16 on the element's own line: not text)
    output = result.stdout.decode("utf-8", errors="replace")
    return [match.group(1) for match in re.finditer(r'^\s*"(.*)"$', output, re.M)]


INLINE_RUNS = ("Span", "Reference", "Link")  # elements inside a paragraph's text, read with it


def struct_block_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of every block element in the tree's order (pdfinfo -struct-text), the
    runs of its inline elements (a Span, a Reference, printed apart) joined back into
    its text as drawn."""
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                            check=True)
    output = result.stdout.decode("utf-8", errors="replace")
    texts: list[str] = []
    stack: list[tuple[int, str, int]] = []  # indent, kind, line number of open elements
    owner = -1
    for number, line in enumerate(output.splitlines()):
        indent = len(line) - len(line.lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        text = re.fullmatch(r'\s*"(.*)"', line)
        if text is None:
            stack.append((indent, line.split()[0] if line.strip() else "", number))
            continue
        block = next((entry[2] for entry in reversed(stack) if entry[1] not in INLINE_RUNS),
                     -1)
        if block == owner and texts:
            texts[-1] += text.group(1)
        else:
            texts.append(text.group(1))
        owner = block
    return texts


@needs_poppler
@pytest.mark.parametrize(("language", "variant", "status"), CASES)
def test_the_structure_reads_the_model_in_order_word_for_word(
    language: str, variant: str, status: str, tmp_path: Path
) -> None:
    brief = brief_of(language, variant, status)
    assert words(struct_block_texts(pdf_of(language, variant, status), tmp_path)) == \
        words(model_texts(brief))


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_structure_has_the_title_headings_notes_and_the_qr_code_as_a_figure(
    language: str, tmp_path: Path
) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf_of(language, "exec", "draft"))
    tree = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True,
                          check=True).stdout.decode("utf-8", errors="replace")
    kinds = re.findall(r"^\s*(\w+)", tree, re.M)
    assert kinds[0] == "Document" and kinds.count("H1") == 1
    assert {"Sect", "H2", "L", "LI", "LBody", "BlockQuote", "Note", "Link"} <= set(kinds)
    handout = tmp_path / "handout.pdf"
    handout.write_bytes(pdf_of(language, "handout", "final"))
    reader_tree = reader(handout.read_bytes()).trailer["/Root"]["/StructTreeRoot"]
    figures = list(elements_of(reader_tree, "/Figure"))
    url = brief_of(language, "handout", "final").blocks[-1]
    assert isinstance(url, FullTextLink)
    alt = render_label(language, "qr_code_alt", url=url.url)
    assert [figure["/Alt"] for figure in figures] == [alt] and url.url in alt


def elements_of(node: DictionaryObject, kind: str) -> list[DictionaryObject]:
    found: list[DictionaryObject] = []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/StructElem":
            if kid["/S"] == kind:
                found.append(kid)
            found += elements_of(kid, kind)
    return found


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_watermark_banner_and_page_numbers_stay_out_of_the_structure(
    language: str, tmp_path: Path
) -> None:
    for status in ("draft", "embargoed"):
        brief = brief_of(language, "full", status)
        stamp = draft_watermark(brief) or embargo_banner(brief)
        assert stamp
        texts = struct_texts(pdf_of(language, "full", status), tmp_path)
        assert not any(stamp in text for text in texts)
        assert not any(re.fullmatch(r"\s*-?\s*\d+\s*-?\s*", text) for text in texts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_extracted_draft_lines_hold_no_watermark_letters(language: str, tmp_path: Path) -> None:
    brief = brief_of(language, "full", "draft")
    watermark = draft_watermark(brief)
    assert watermark
    pdf = pdf_of(language, "full", "draft")
    extracted = [page.extract_text() for page in reader(pdf).pages]
    if shutil.which("pdftotext"):
        path = tmp_path / "draft.pdf"
        path.write_bytes(pdf)
        extracted.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                        text=True, check=True).stdout)
    for text in extracted:
        for line in text.splitlines():
            assert watermark not in line or line.strip() == watermark, line


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_front_matter_of_another_language_is_tagged_with_it(language: str) -> None:
    other = "ko" if language == "en" else "en"
    brief = replace(brief_of(language, "full", "final"), front_language=other)
    tree = reader(render_pdf(brief)).trailer["/Root"]["/StructTreeRoot"]
    (title,) = elements_of(tree, "/H1")
    assert title["/Lang"] == other
    assert all("/Lang" not in heading for heading in elements_of(tree, "/H2"))


@pytest.mark.parametrize(("language", "variant", "status"), CASES)
def test_the_pdfua_checker_finds_nothing(
    language: str, variant: str, status: str, tmp_path: Path
) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf_of(language, variant, status))
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not evaluated" not in result.stdout, result.stdout


# ------------------------------------------------------------- meeting packets


@pytest.fixture(scope="module")
def packet_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("packet")
    meeting = SAMPLE.parent / "meetings" / "russia-dprk-working-group.yaml"
    subprocess.run([sys.executable, "-m", "generator", "packet", str(meeting), "--format",
                    "pdf", "--out", str(out), "-q"], check=True)
    (pdf,) = out.glob("*.pdf")
    return pdf.read_bytes()


def test_a_packet_is_pdfa_and_tagged_its_tables_with_header_cells(
    packet_pdf: bytes, tmp_path: Path
) -> None:
    xmp = xmp_of(packet_pdf)
    assert xmp_value(xmp, "pdfaid:part") == "2" and xmp_value(xmp, "pdfuaid:part") == "1"
    pdf = reader(packet_pdf)
    assert_every_mcid_resolves(pdf, untagged_allowed=False)
    tree = pdf.trailer["/Root"]["/StructTreeRoot"]
    scopes = [cell["/A"]["/Scope"] for cell in elements_of(tree, "/TH")]
    assert scopes.count("/Row") == 3 and scopes.count("/Column") == 5
    assert len(elements_of(tree, "/Part")) == len(pdf.pages) - 1
    path = tmp_path / "packet.pdf"
    path.write_bytes(packet_pdf)
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@needs_poppler
def test_a_note_continued_on_the_next_page_is_one_note_read_after_its_paragraph(
    tmp_path: Path,
) -> None:
    from tests.test_pdf_continued_notes import brief_with_a_long_note

    brief = brief_with_a_long_note()
    pdf = render_pdf(brief)
    assert words(struct_block_texts(pdf, tmp_path)) == words(model_texts(brief))
    tree = reader(pdf).trailer["/Root"]["/StructTreeRoot"]
    (note,) = [element for element in elements_of(tree, "/Note") if element["/ID"] == "note-1"]
    pages = {kid.raw_get("/Pg").idnum for kid in note["/K"]}
    assert len(pages) == 2, "the note's content on its marker's page and on the next"


# ------------------------------------------------- inside a paragraph: runs


def inline_texts(pdf: bytes, kind: str, tmp_path: Path) -> list[str]:
    """The text of each `kind` element (Span, Reference), as pdfinfo -struct-text reads it."""
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                            check=True).stdout.decode("utf-8", errors="replace")
    return re.findall(rf'^\s*{kind} \(inline\)\n\s*"(.*)"$', output, re.M)


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_footnote_marker_is_a_reference_to_its_note(language: str, tmp_path: Path) -> None:
    brief = brief_of(language, "full", "final")
    pdf = pdf_of(language, "full", "final")
    tree = reader(pdf).trailer["/Root"]["/StructTreeRoot"]
    references = elements_of(tree, "/Reference")
    numbers = [note.number for note in brief.footnotes]
    assert [reference["/Ref"][0].get_object()["/ID"] for reference in references] == \
        [f"note-{number}" for number in numbers]
    assert all(reference["/Ref"][0].get_object()["/S"] == "/Note" for reference in references)
    assert all(reference["/P"].get_object()["/S"] == "/P" for reference in references)
    markers = [text.strip() for text in inline_texts(pdf, "Reference", tmp_path)]
    assert markers == [footnote_marker(language, number) for number in numbers]


@needs_poppler
def test_latin_words_in_a_korean_edition_are_spans_in_english(tmp_path: Path) -> None:
    pdf = pdf_of("ko", "full", "final")
    tree = reader(pdf).trailer["/Root"]["/StructTreeRoot"]
    spans = elements_of(tree, "/Span")
    assert spans and all(span["/Lang"] == "en" for span in spans)
    texts = [text.strip() for text in inline_texts(pdf, "Span", tmp_path)]
    assert {"UN", "TASS", "S-400", "THAAD"} <= set(texts)
    assert not any(re.search("[\uac00-\ud7a3]", text) for text in texts), "no Hangul in them"
    assert elements_of(reader(pdf_of("en", "full", "final")).trailer["/Root"]
                       ["/StructTreeRoot"], "/Span") == [], "no Span in English text"


@needs_poppler
def test_hangul_words_in_an_english_edition_are_spans_in_korean(tmp_path: Path) -> None:
    brief = brief_of("en", "full", "final")
    words_in_korean = Paragraph((Text("The policy of "), Text("통일 (unification)"),
                                 Text(" was named "), Strong((Text("대북정책"),)),
                                 Text(" in Seoul.")))
    brief = replace(brief, blocks=(*brief.blocks[:3], words_in_korean, *brief.blocks[3:]))
    pdf = render_pdf(brief)
    tree = reader(pdf).trailer["/Root"]["/StructTreeRoot"]
    spans = elements_of(tree, "/Span")
    assert [span["/Lang"] for span in spans] == ["ko", "ko"]
    assert [text.strip() for text in inline_texts(pdf, "Span", tmp_path)] == ["통일", "대북정책"]
    assert words(struct_block_texts(pdf, tmp_path)) == words(model_texts(brief))


def test_two_markers_side_by_side_are_two_references(tmp_path: Path) -> None:
    from generator.model.nodes import Footnote

    brief = brief_of("en", "full", "final")
    first, second = len(brief.footnotes) + 1, len(brief.footnotes) + 2
    cites = Paragraph((Text("Both sources agree."), FootnoteRef(first), FootnoteRef(second)))
    notes = (Footnote(first, (Text("One source."),)), Footnote(second, (Text("Another."),)))
    brief = replace(brief, blocks=(*brief.blocks, cites), footnotes=(*brief.footnotes, *notes))
    tree = reader(render_pdf(brief)).trailer["/Root"]["/StructTreeRoot"]
    targets = [reference["/Ref"][0].get_object()["/ID"]
               for reference in elements_of(tree, "/Reference")]
    assert targets[-2:] == [f"note-{first}", f"note-{second}"]


# ------------------------------------------------- inside a paragraph: links


def model_links(node: object, language: str) -> list[str]:
    """The visible text of every link in `node` (a brief, a block, ...): web and mail
    links, cross-references, a handout's full-text address; in the model's order."""
    from dataclasses import fields, is_dataclass

    from generator.render.pdf.inline import link_target

    if isinstance(node, Link) and link_target(node.target) is not None:
        return [visible(node.children, language)]
    if isinstance(node, CrossRef):
        return [f"{node.label} {node.number}"]
    if isinstance(node, FullTextLink):
        return [node.url]
    if isinstance(node, tuple):
        return [text for item in node for text in model_links(item, language)]
    if is_dataclass(node) and not isinstance(node, type):
        return [text for field in fields(node)
                for text in model_links(getattr(node, field.name), language)]
    return []


def link_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text under each Link element, in the tree's order (pdfinfo -struct-text)."""
    path = tmp_path / "links.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                            check=True).stdout.decode("utf-8", errors="replace")
    texts: list[str] = []
    link_indent: int | None = None
    for line in output.splitlines():
        indent = len(line) - len(line.lstrip())
        if link_indent is not None and indent <= link_indent:
            link_indent = None
        if line.strip().startswith("Link "):
            link_indent = indent
            texts.append("")
            continue
        text = re.fullmatch(r'\s*"(.*)"', line)
        if link_indent is not None and text is not None:
            texts[-1] += text.group(1)
    return texts


def link_kids(link: DictionaryObject) -> tuple[int, int]:
    """How many annotations (OBJR) and pieces of marked content `link` holds."""
    kids = link["/K"]
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    objects = [kid.get_object() if hasattr(kid, "get_object") else kid for kid in kids]
    annotations = sum(1 for kid in objects if isinstance(kid, DictionaryObject)
                      and kid.get("/Type") == "/OBJR")
    marked = sum(1 for kid in objects if isinstance(kid, int) or (
        isinstance(kid, DictionaryObject) and kid.get("/Type") in ("/MCR", "/StructElem")))
    return annotations, marked


def assert_links_hold_their_text(brief: Brief, pdf: bytes, tmp_path: Path) -> None:
    """One Link element per link of the model, holding its annotation(s) and the marked
    content of exactly the link's visible text."""
    tree = reader(pdf).trailer["/Root"]["/StructTreeRoot"]
    links = elements_of(tree, "/Link")
    expected = [" ".join(text.split()) for text in model_links(brief, brief.language)]
    assert expected, "the case has links"
    assert len(links) == len(expected), "one Link element per link"
    for link in links:
        annotations, marked = link_kids(link)
        assert annotations >= 1 and marked >= 1, "an annotation and its text"
    read = [" ".join(re.sub(r"[\u00ad]", "", text).split())
            for text in link_texts(pdf, tmp_path)]
    assert sorted(read) == sorted(expected)


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", ["full", "handout"])
def test_each_link_element_holds_its_annotation_and_its_text(
    language: str, variant: str, tmp_path: Path
) -> None:
    brief = brief_of(language, variant, "final")
    assert_links_hold_their_text(brief, pdf_of(language, variant, "final"), tmp_path)


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handouts_address_broken_over_two_lines_is_one_link(language: str) -> None:
    tree = reader(pdf_of(language, "handout", "final")).trailer["/Root"]["/StructTreeRoot"]
    (link,) = elements_of(tree, "/Link")
    annotations, marked = link_kids(link)
    assert annotations == 2 and marked >= 2, "an annotation and a piece of text per line"


@needs_poppler
def test_a_paragraph_that_is_one_link_is_that_links_text(tmp_path: Path) -> None:
    url = "https://www.kinu.or.kr/www/jsp/prg/api/dlV.jsp/menuIdx/351/category/53/thisPage/1"
    brief = brief_of("en", "full", "final")
    lone = Paragraph((Link(url, (Text(url),)),))
    brief = replace(brief, blocks=(*brief.blocks[:3], lone, *brief.blocks[3:]))
    pdf = render_pdf(brief)
    assert_links_hold_their_text(brief, pdf, tmp_path)
    assert words(struct_block_texts(pdf, tmp_path)) == words(model_texts(brief))

"""Variants: the executive-summary box, the one-page handout and its page budget, and
which outputs fail when a source cannot have a variant."""

from __future__ import annotations

import io
import math
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from generator.build.plan import VARIANTS as PLANNED_VARIANTS
from generator.cli import main
from generator.model import Brief
from generator.model.variants import VARIANTS, apply_variant
from generator.render.docx import render_docx
from generator.render.pdf import qr_modules, render_pdf, settle_handout
from generator.source import brief_for, load_brief, load_source
from generator.style.house import HANDOUT_QR, HANDOUT_TIGHTENING, handout_roles
from tests import libreoffice
from tests.conftest import MINIMAL_SOURCE, SAMPLE, needs_tools
from tests.docx_text import shown
from tests.test_pdf_render import dehyphenated

SAMPLE_URL = (
    "https://www.kinu.or.kr/www/jsp/prg/api/dlV.jsp?menuIdx=351&category=53&thisPage=1"
    "&biblioId=1540366"
)
LONG_POINT = (
    "A key point written far too long for a handout, repeating itself so that the box "
    "grows well beyond what one A4 page can hold even at the tightest setting allowed. "
)


def docx_of(brief: Brief) -> bytes:
    """The DOCX of `brief`, its handout layout settled first, as the build does."""
    return render_docx(settle_handout(brief))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, words hyphenated at line ends made whole."""
    return [dehyphenated(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def with_summary(points: list[str], url: str | None = "https://example.org/brief?id=1&x=2",
                 source: str = MINIMAL_SOURCE) -> str:
    lines = "".join(f"    - {point}\n" for point in points)
    address = f"url: {url}\n" if url else ""
    return source.replace("body:\n", f"{address}summary:\n  en:\n{lines}body:\n")


def output_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.suffix in (".docx", ".pdf"))


# ------------------------------------------------------------------ the handout


@pytest.fixture(scope="module")
def sample_handouts() -> dict[str, tuple[bytes, bytes]]:
    """language -> (PDF, DOCX) of the sample's handout."""
    source = load_source(SAMPLE)
    found = {}
    for language in ("en", "ko"):
        brief = brief_for(source, language, variant="handout")
        found[language] = (render_pdf(brief), docx_of(brief))
    return found


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_sample_handout_is_one_page_with_title_and_every_key_point(
    sample_handouts: dict[str, tuple[bytes, bytes]], language: str
) -> None:
    pages = pdf_pages(sample_handouts[language][0])
    assert len(pages) == 1
    brief = load_brief(SAMPLE, language)
    text = squeeze(pages[0])
    assert squeeze(brief.title) in text
    assert len(brief.summary) >= 3
    for point in brief.summary:
        assert squeeze(point) in text
    footer, full_text = {"en": ("For meeting use", "Full text:"), "ko": ("회의용", "전문:")}[language]
    assert squeeze(footer) in text and squeeze(full_text) in text
    assert squeeze(SAMPLE_URL) in text


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_docx_handout_has_the_same_content(
    sample_handouts: dict[str, tuple[bytes, bytes]], language: str
) -> None:
    document = docx.Document(io.BytesIO(sample_handouts[language][1]))
    body = squeeze(shown("".join(node.text or "" for node in document.element.body.iter(qn("w:t")))))
    brief = load_brief(SAMPLE, language)
    assert squeeze(brief.title) in body
    for point in brief.summary:
        assert squeeze(point) in body
    assert squeeze(SAMPLE_URL) in body
    footer = squeeze("".join(document.sections[0].footer.paragraphs[0].text))
    assert footer == {"en": "Formeetinguse", "ko": "회의용"}[language]


def _png_modules(png: bytes, count: int) -> tuple[tuple[bool, ...], ...]:
    """The modules of a 1-bit PNG QR image, read at each module's centre."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert (width, depth, colour) == (height, 1, 0)
    data, offset = b"", 8
    while offset < len(png):
        (length,), kind = struct.unpack(">I", png[offset : offset + 4]), png[offset + 4 : offset + 8]
        if kind == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    stride = 1 + (width + 7) // 8
    scale = width // (count + 2 * HANDOUT_QR.quiet_zone)

    def dark(x: int, y: int) -> bool:
        byte = raw[y * stride + 1 + x // 8]
        return not byte & (0x80 >> (x % 8))

    centre = (HANDOUT_QR.quiet_zone * scale) + scale // 2
    return tuple(
        tuple(dark(centre + column * scale, centre + row * scale) for column in range(count))
        for row in range(count)
    )


def test_the_docx_qr_image_carries_the_modules_the_pdf_draws(
    sample_handouts: dict[str, tuple[bytes, bytes]],
) -> None:
    modules = qr_modules(SAMPLE_URL, HANDOUT_QR.error_correction)
    with zipfile.ZipFile(io.BytesIO(sample_handouts["en"][1])) as package:
        images = [name for name in package.namelist() if name.startswith("word/media/")]
        assert len(images) == 1
        png = package.read(images[0])
    assert _png_modules(png, len(modules)) == modules


@needs_tools("zbarimg", "pdftoppm")
@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_qr_codes_decode_to_the_url(
    sample_handouts: dict[str, tuple[bytes, bytes]], language: str, tmp_path: Path
) -> None:
    pdf, document = sample_handouts[language]
    (tmp_path / "handout.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "handout.pdf"),
                    str(tmp_path / "page")], check=True)
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        (tmp_path / "docx-qr.png").write_bytes(package.read("word/media/image1.png"))
    for image in (tmp_path / "page-1.png", tmp_path / "docx-qr.png"):
        decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)],
                                 capture_output=True, text=True, check=True).stdout
        assert decoded.strip() == SAMPLE_URL, image.name


def test_a_handout_without_url_has_no_address_and_no_code(write_source) -> None:  # type: ignore[no-untyped-def]
    path = write_source(with_summary(["Only point."], url=None))
    brief = load_brief(path, "en", "handout")
    text = squeeze(pdf_pages(render_pdf(brief))[0])
    assert "Onlypoint." in text and "Fulltext:" not in text
    with zipfile.ZipFile(io.BytesIO(docx_of(brief))) as package:
        assert not [name for name in package.namelist() if name.startswith("word/media/")]


# ------------------------------------------------------------------ the page budget


def test_a_summary_that_needs_tightening_is_tightened_alike_in_both_formats(
    write_source,  # type: ignore[no-untyped-def]
) -> None:
    # Which step is the right one is tests/test_handout_steps.py's oracle; here: the
    # step read back from the printed PDF is the DOCX's, and a tightened one.
    from tests.test_handout_steps import docx_step, pdf_step

    path = write_source(with_summary([LONG_POINT * 2] * 6))
    brief = load_brief(path, "en", "handout")
    pdf = render_pdf(brief)
    assert len(pdf_pages(pdf)) == 1
    step = pdf_step(pdf)
    assert 0 < step < len(HANDOUT_TIGHTENING)
    assert docx_step(docx_of(brief)) == step


def overflow_on_an_endless_page(brief: Brief, step: int,
                                monkeypatch: pytest.MonkeyPatch) -> float:
    """How far the handout set at `step` reaches below the text area when its page
    never ends: measured on the printed PDF (glyph and drawing boxes), not with the
    product's own overflow arithmetic."""
    from generator.render.pdf import document
    from generator.render.pdf.composer import PageComposer
    from generator.render.pdf.handout import page_items
    from generator.style.house import A4
    from tests.printed_lines import drawn_shapes, printed_lines

    def endless(brief: Brief, matter: object) -> list[object]:
        items = page_items(brief, matter, handout_roles(step))  # type: ignore[arg-type]
        return PageComposer(A4.text_width.points, 1e9, {}).compose(items)  # type: ignore[return-value]

    with monkeypatch.context() as patch:
        patch.setattr(document, "compose_handout", endless)
        pdf = render_pdf(brief)
    lowest = min([line.bottom for line in printed_lines(pdf)
                  if line.text.strip() != "For meeting use"]
                 + [shape.bottom for shape in drawn_shapes(pdf)])
    return A4.margin_bottom.points - lowest


def test_an_overlong_summary_fails_at_the_summary_key_with_the_overflow(
    write_source, tmp_path: Path, capsys, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    text = with_summary([LONG_POINT * 3] * 9)
    path = write_source(text)
    line = text.split("\n").index("summary:") + 1
    out = tmp_path / "out"
    assert main(["generate", str(path), "--variant", "full,handout", "--out", str(out),
                 "--quiet"]) == 1
    assert output_files(out) == ["brief-en-full.docx", "brief-en-full.pdf"]
    tightest = len(HANDOUT_TIGHTENING) - 1
    measured = overflow_on_an_endless_page(load_brief(path, "en", "handout"), tightest,
                                           monkeypatch)
    assert measured > 100
    errors = capsys.readouterr().err.splitlines()
    pattern = re.compile(rf"{re.escape(f'{path}:{line}:1: error: handout overflows one page by ')}"
                         r"(\d+) pt \(about (\d+) lines\) even at the tightest setting; "
                         r"shorten summary\.en")
    found = [match for error in errors if (match := pattern.fullmatch(error))]
    assert len(found) == 1, errors
    reported, lines = int(found[0].group(1)), int(found[0].group(2))
    # The product measures line boxes, the test the glyphs: the last line's descent apart.
    assert measured <= reported <= measured + 4, (reported, measured)
    leading = HANDOUT_TIGHTENING[tightest].leading.points
    assert math.ceil(measured / leading) <= lines <= math.ceil(reported / leading)


# ------------------------------------------------------------------ missing key points


def test_a_missing_summary_fails_only_the_variants_that_need_it(
    write_source, tmp_path: Path, capsys  # type: ignore[no-untyped-def]
) -> None:
    path = write_source(MINIMAL_SOURCE)
    out = tmp_path / "out"
    assert main(["generate", str(path), "--variant", "full,exec,handout", "--out", str(out),
                 "--quiet"]) == 1
    assert output_files(out) == ["brief-en-full.docx", "brief-en-full.pdf"]
    body_line = MINIMAL_SOURCE.split("\n").index("body:") + 2
    errors = capsys.readouterr().err.splitlines()
    for variant in ("exec", "handout"):
        expected = (f"{path}:{body_line}:3: error: the {variant} variant needs key points for "
                    "the 'en' edition, but the source has no summary")
        assert errors.count(expected) == 1, errors


def test_a_summary_in_one_language_only_fails_the_other_edition_only(
    write_source, tmp_path: Path, capsys  # type: ignore[no-untyped-def]
) -> None:
    both = (MINIMAL_SOURCE.replace("title: A Title", "title: {en: A Title, ko: 제목}")
            .replace("    First paragraph.[^1]\n\n    [^1]: A note.\n",
                     "    First paragraph.[^1]\n\n    [^1]: A note.\n  ko: |\n    첫 문단.\n"))
    text = with_summary(["One point."], source=both)
    path = write_source(text)
    out = tmp_path / "out"
    assert main(["generate", str(path), "--variant", "exec", "--format", "pdf",
                 "--out", str(out), "--quiet"]) == 1
    assert output_files(out) == ["brief-en-exec.pdf"]
    line = text.split("\n").index("summary:") + 1
    assert (f"{path}:{line}:1: error: summary has no 'ko' key points; the exec variant "
            "needs them") in capsys.readouterr().err


# ------------------------------------------------------------------ the executive summary


@pytest.fixture(scope="module")
def sample_exec() -> dict[str, tuple[bytes, bytes]]:
    found = {}
    for language in ("en", "ko"):
        brief = load_brief(SAMPLE, language, "exec")
        found[language] = (render_pdf(brief), docx_of(brief))
    return found


@pytest.mark.parametrize("language", ["en", "ko"])
def test_exec_puts_the_summary_between_front_matter_and_body_in_the_pdf(
    sample_exec: dict[str, tuple[bytes, bytes]], language: str
) -> None:
    full = load_brief(SAMPLE, language)
    text = squeeze("".join(pdf_pages(sample_exec[language][0])))
    heading = {"en": "ExecutiveSummary", "ko": "요약"}[language]
    first_body = squeeze(full.blocks[0].inlines[0].text)[:40]  # type: ignore[union-attr]
    places = [text.index(squeeze(full.authors[0].name)), text.index(heading)]
    places += [text.index(squeeze(point)) for point in full.summary]
    places.append(text.index(first_body))
    assert places == sorted(places)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_exec_puts_the_summary_box_before_the_first_body_paragraph_in_the_docx(
    sample_exec: dict[str, tuple[bytes, bytes]], language: str
) -> None:
    document = docx.Document(io.BytesIO(sample_exec[language][1]))
    styles = []
    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        styles.append(None if style is None else style.get(qn("w:val")))
    first_body = styles.index("KINUBody")
    assert styles.index("KINUSummaryHeading") < first_body
    points = [index for index, name in enumerate(styles) if name == "KINUSummaryPoint"]
    assert len(points) == len(load_brief(SAMPLE, language).summary)
    assert max(points) < first_body
    assert styles.index("KINUAuthor" if language == "en" else "KINUAuthorLine") < min(points)


def test_key_points_are_data_and_print_literally(write_source) -> None:  # type: ignore[no-untyped-def]
    # Whole tags (`<b>…</b>`) are Markdown's raw HTML, refused in a key point with a
    # located error (tests/test_key_point_markup.py); what is left must print as typed.
    hostile = "a<b & c>d &lt;font color='red'&gt; {{ 7 * 7 }} <font color='red'"
    source = with_summary([f'"{hostile}"']).replace("body:\n", "quotes: as-typed\nbody:\n")
    path = write_source(source)
    for variant in ("exec", "handout"):
        brief = load_brief(path, "en", variant)
        assert squeeze(hostile) in squeeze("".join(pdf_pages(render_pdf(brief))))
        document = docx.Document(io.BytesIO(docx_of(brief)))
        texts = shown("".join(node.text or "" for node in document.element.body.iter(qn("w:t"))))
        assert hostile in texts


# ------------------------------------------------------------------ the whole command


def test_generate_with_every_variant_gives_twelve_files_for_the_sample(tmp_path: Path) -> None:
    assert main(["generate", str(SAMPLE), "--variant", "full,exec,handout", "--out",
                 str(tmp_path), "--quiet"]) == 0
    assert output_files(tmp_path) == sorted(
        f"co-23-30-{language}-{variant}.{format}"
        for language in ("en", "ko") for variant in ("full", "exec", "handout")
        for format in ("docx", "pdf")
    )
    for language in ("en", "ko"):
        handout = (tmp_path / f"co-23-30-{language}-handout.pdf").read_bytes()
        assert len(pdf_pages(handout)) == 1


def test_variant_outputs_are_byte_identical_for_identical_input() -> None:
    for variant in ("exec", "handout"):
        brief = load_brief(SAMPLE, "ko", variant)
        assert render_pdf(brief) == render_pdf(load_brief(SAMPLE, "ko", variant))
        assert docx_of(brief) == docx_of(load_brief(SAMPLE, "ko", variant))


def test_the_planned_variants_are_the_model_variants() -> None:
    assert PLANNED_VARIANTS == VARIANTS
    with pytest.raises(ValueError, match="unknown variant"):
        apply_variant(load_brief(SAMPLE), "poster")


@needs_tools("soffice")
def test_libreoffice_sets_each_docx_handout_on_one_page(
    sample_handouts: dict[str, tuple[bytes, bytes]], tmp_path: Path
) -> None:
    for language, (_, document) in sample_handouts.items():
        (tmp_path / f"{language}.docx").write_bytes(document)
    libreoffice.convert_each([tmp_path / "en.docx", tmp_path / "ko.docx"], tmp_path,
                             tmp_path / "profiles")
    for language in sample_handouts:
        converted = (tmp_path / f"{language}.pdf").read_bytes()
        pages = pdf_pages(converted)
        assert len(pages) == 1, language
        assert squeeze(load_brief(SAMPLE, language).summary[-1]) in squeeze(pages[0])

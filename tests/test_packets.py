"""A meeting's packet: the cover lists the agenda with the page of each handout, each
next page is a brief's handout (with its QR code), in order, in PDF and in DOCX."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pypdf
import pytest

from generator.cli import main
from generator.render.docx.packet import render_packet_docx
from generator.render.pdf import render_packet_pdf, settle_handout
from generator.source.meeting import load_meeting, packet_for
from tests.conftest import needs_tools, require_tools
from tests.packet_helpers import (
    BRIEF_AUTHORS,
    BRIEF_TITLES,
    meeting_text,
    sources_folder,
    url_of,
    write_meeting,
)
from tests.test_embedded_fonts import embedded_fonts
from tests.visual.pages import (
    convert_with_libreoffice,
    page_images,
    page_lines,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBERS = tuple(BRIEF_TITLES)  # CO 23-41, CO 23-42, CO 23-43: the agenda, in order
QR_DPI = 200


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDF and DOCX packet of a Korean meeting of three briefs (`<out>/meeting-packet`)."""
    root = tmp_path_factory.mktemp("packet")
    folder = sources_folder(root)
    meeting = write_meeting(folder, "meeting.yaml", meeting_text(*NUMBERS))
    out = root / "out"
    assert main(["packet", str(meeting), "--out", str(out), "-q"]) == 0
    return out / "meeting-packet"


def texts_of_pages(pdf: Path) -> list[str]:
    return ["\n".join(line.text for line in lines) for lines in page_lines(pdf)]


def test_a_meeting_of_three_briefs_makes_a_packet_of_four_pages(packet: Path) -> None:
    assert len(pypdf.PdfReader(packet.with_suffix(".pdf")).pages) == 4


def test_the_cover_lists_each_brief_on_the_agenda_with_the_page_of_its_handout(
    packet: Path,
) -> None:
    cover = [line.text for line in page_lines(packet.with_suffix(".pdf"))[0]]
    assert "회의용" in cover and "제재 실무회의" in cover and "안건" in cover
    rows = [text for text in cover if any(number in text for number in NUMBERS)]
    assert rows == [
        f"{item} {number} {BRIEF_TITLES[number][1]} {BRIEF_AUTHORS[number][1]} {item + 1}"
        for item, number in enumerate(NUMBERS, start=1)
    ]


def test_each_next_page_holds_the_handout_of_the_next_brief(packet: Path) -> None:
    pages = texts_of_pages(packet.with_suffix(".pdf"))
    for page, number in enumerate(NUMBERS, start=1):
        assert number in pages[page] and BRIEF_TITLES[number][1] in pages[page]
        assert "핵심 내용" in pages[page]
        assert f"{page + 1} / 4" in pages[page]
    assert "1 / 4" in pages[0]


def test_each_handout_has_a_bookmark_to_its_page(packet: Path) -> None:
    reader = pypdf.PdfReader(packet.with_suffix(".pdf"))
    bookmarks = [(entry.title, reader.get_destination_page_number(entry))
                 for entry in reader.outline]
    assert bookmarks == [(f"{number} {BRIEF_TITLES[number][1]}", page)
                         for page, number in enumerate(NUMBERS, start=1)]


def test_the_packet_says_what_meeting_it_is_for_and_who_wrote_its_briefs(packet: Path) -> None:
    reader = pypdf.PdfReader(packet.with_suffix(".pdf"))
    assert reader.metadata is not None
    assert reader.metadata.title == "제재 실무회의"
    assert reader.metadata.author == "; ".join(BRIEF_AUTHORS[number][1] for number in NUMBERS)
    assert reader.trailer["/Root"]["/Lang"] == "ko"
    with zipfile.ZipFile(packet.with_suffix(".docx")) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert "<dc:title>제재 실무회의</dc:title>" in core
    assert "김민수; 박지영; 최현" in core
    assert document.count("<w:sectPr") == 4  # one section per page


@needs_tools("zbarimg")
def test_each_handouts_qr_code_decodes_to_its_briefs_address(packet: Path,
                                                             tmp_path: Path) -> None:
    images = page_images(packet.with_suffix(".pdf"), QR_DPI)
    for page, number in enumerate(NUMBERS, start=1):
        assert decoded(images[page], tmp_path) == url_of(number)


def decoded(image: object, folder: Path) -> str:
    path = folder / "page.png"
    image.save(path)  # type: ignore[attr-defined]
    return subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True,
                          text=True, check=False).stdout.strip()


@pytest.fixture(scope="module")
def docx_pages(packet: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    require_tools("soffice")
    out = tmp_path_factory.mktemp("lo")
    convert_with_libreoffice([packet.with_suffix(".docx")], out, out / "profile")
    yield out / "meeting-packet.pdf"


def test_the_docx_has_the_same_pages_in_the_same_order(docx_pages: Path) -> None:
    pages = texts_of_pages(docx_pages)
    assert len(pages) == 4
    assert "안건" in pages[0] and "1 / 4" in pages[0]
    for page, number in enumerate(NUMBERS, start=1):
        assert number in pages[page] and BRIEF_TITLES[number][1] in pages[page]
        assert f"{page + 1} / 4" in pages[page]


@needs_tools("zbarimg")
def test_each_qr_code_decodes_from_the_docx_as_libreoffice_sets_it(docx_pages: Path,
                                                                  tmp_path: Path) -> None:
    images = page_images(docx_pages, QR_DPI)
    for page, number in enumerate(NUMBERS, start=1):
        assert decoded(images[page], tmp_path) == url_of(number)


@pytest.mark.parametrize(("language", "other"), [("ko", "en"), ("en", "ko")])
def test_a_packet_hands_out_a_brief_in_the_other_edition_when_asked(
    language: str, other: str, tmp_path: Path
) -> None:
    folder = sources_folder(tmp_path)
    meeting = write_meeting(folder, "meeting.yaml", meeting_text(
        "CO 23-41", f"{{number: CO 23-42, edition: {other}}}", language=language))
    out = tmp_path / "out"
    assert main(["packet", str(meeting), "--out", str(out), "-q"]) == 0
    pages = texts_of_pages(out / "meeting-packet.pdf")
    own, foreign = (0, 1) if language == "en" else (1, 0)  # BRIEF_TITLES: (en, ko)
    cover = {"ko": ("회의용", "안건", "2023. 09. 20.", "통일연구원 제1회의실"),
             "en": ("For meeting use", "Agenda", "2023. 09. 20.", "KINU Conference Room 1")}
    assert all(text in pages[0] for text in cover[language])
    assert BRIEF_TITLES["CO 23-41"][own] in pages[1]
    assert BRIEF_TITLES["CO 23-42"][foreign] in pages[2]  # in its own edition's language
    assert BRIEF_TITLES["CO 23-42"][foreign] in pages[0]  # and so on the agenda
    key_points = {"en": "Key Points", "ko": "핵심 내용"}
    assert key_points[language] in pages[1] and key_points[other] in pages[2]


def test_a_packet_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    folder = sources_folder(tmp_path)
    meeting = write_meeting(folder, "meeting.yaml", meeting_text(*NUMBERS))

    def rendered() -> tuple[bytes, bytes]:
        model = packet_for(load_meeting(meeting))
        model = replace(model, handouts=tuple(settle_handout(brief)
                                              for brief in model.handouts))
        return render_packet_pdf(model), render_packet_docx(model)

    assert rendered() == rendered()


def test_the_packet_docx_embeds_every_character_it_shows(packet: Path) -> None:
    """A desk without our faces sets the packet as the briefs: its DOCX carries them."""
    data = packet.with_suffix(".docx").read_bytes()
    fonts = embedded_fonts(data)
    assert fonts
    with zipfile.ZipFile(packet.with_suffix(".docx")) as archive:
        shown = {character for name in archive.namelist()
                 if name.startswith("word/") and name.endswith(".xml")
                 for text in ET.fromstring(archive.read(name)).iter(f"{W}t")
                 for character in text.text or ""}
    missing = {character for character in shown - set("\u200b\u2060")
               if not any(ord(character) in font.getBestCmap() for font in fonts.values())}
    assert not missing, f"shown but in no embedded face: {sorted(missing)}"

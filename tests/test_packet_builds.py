"""Packets in the nightly batch: built after the briefs, rebuilt only when their meeting
file or a brief on their agenda changed, in the report and on the index page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.cli import main
from tests.batch_helpers import statuses
from tests.packet_helpers import meeting_text, sources_folder, write_meeting


def generate(folder: Path, out: Path) -> dict[str, str]:
    report = out.parent / "report.json"
    assert main(["generate", str(folder), "--out", str(out), "--report", str(report),
                 "-q"]) == 0
    return statuses(report)


def setup_batch(tmp_path: Path) -> tuple[Path, Path]:
    folder = sources_folder(tmp_path)
    write_meeting(folder, "first.yaml", meeting_text("CO 23-41", "CO 23-42"))
    write_meeting(folder, "second.yaml", meeting_text("CO 23-43", language="en"))
    return folder, tmp_path / "out"


def test_editing_one_brief_rebuilds_its_outputs_and_the_packets_that_include_it(
    tmp_path: Path,
) -> None:
    folder, out = setup_batch(tmp_path)
    assert set(generate(folder, out).values()) == {"built"}
    assert set(generate(folder, out).values()) == {"skipped"}
    brief = folder / "co-23-42.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "브리프의 핵심 내용이다.", "고친 핵심 내용이다.", 1), encoding="utf-8")
    built = {name for name, status in generate(folder, out).items() if status == "built"}
    assert built == {"co-23-42-en-full.docx", "co-23-42-en-full.pdf", "co-23-42-ko-full.docx",
                     "co-23-42-ko-full.pdf", "first-packet.docx", "first-packet.pdf"}


def test_editing_a_meeting_file_rebuilds_its_packet_only(tmp_path: Path) -> None:
    folder, out = setup_batch(tmp_path)
    generate(folder, out)
    meeting = folder / "meetings" / "second.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("14:00", "15:30"),
                       encoding="utf-8")
    built = {name for name, status in generate(folder, out).items() if status == "built"}
    assert built == {"second-packet.docx", "second-packet.pdf"}


def test_packets_are_in_the_report_and_on_the_index_page_with_a_thumbnail(
    tmp_path: Path,
) -> None:
    folder, out = setup_batch(tmp_path)
    generate(folder, out)
    report = json.loads((out.parent / "report.json").read_text(encoding="utf-8"))
    packets = {Path(entry["path"]).name: entry for entry in report["outputs"]
               if entry["variant"] == "packet"}
    assert sorted(packets) == ["first-packet.docx", "first-packet.pdf", "second-packet.docx",
                               "second-packet.pdf"]
    first = packets["first-packet.pdf"]
    assert (first["source"], first["edition"], first["pages"], first["status"]) == (
        str(folder / "meetings" / "first.yaml"), "ko", 3, "built")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Meeting packets" in page and 'href="first-packet.pdf"' in page
    assert 'src="thumbnails/first-packet.png"' in page
    assert (out / "thumbnails" / "first-packet.png").is_file()


def test_a_removed_brief_leaves_its_packet_failed_and_the_previous_files_in_place(
    tmp_path: Path,
) -> None:
    folder, out = setup_batch(tmp_path)
    generate(folder, out)
    before = (out / "second-packet.pdf").read_bytes()
    (folder / "co-23-43.yaml").unlink()
    report = out.parent / "report.json"
    assert main(["generate", str(folder), "--out", str(out), "--report", str(report),
                 "-q"]) == 1
    assert statuses(report)["second-packet.pdf"] == "failed"
    assert (out / "second-packet.pdf").read_bytes() == before



def test_two_meeting_files_of_one_name_never_overwrite_each_others_packet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sources_folder(tmp_path)
    write_meeting(folder, "board.yaml", meeting_text("CO 23-41"))
    second = write_meeting(folder, "board.yml", meeting_text("CO 23-43", language="en"))
    out = tmp_path / "out"
    for _ in range(2):  # and a second run does not replace it either
        assert main(["generate", str(folder), "--out", str(out), "-q"]) == 1
        assert (f"{second}:1:1: error: its packet would overwrite that of "
                f"{folder / 'meetings' / 'board.yaml'}") in capsys.readouterr().err
        pages = [page.extract_text() for page in PdfReader(out / "board-packet.pdf").pages]
        assert len(pages) == 2 and "CO 23-41" in pages[1]  # the first meeting's packet

"""Meeting files are read like briefs: every problem a located error at the meeting
file's line and column, exit 1, no packet written; the other packets and the briefs of
the batch are still built."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.batch_helpers import statuses
from tests.packet_helpers import brief_text, meeting_text, sources_folder, write_meeting

GOOD = meeting_text("CO 23-41", "CO 23-42")


def generate_folder(folder: Path, out: Path) -> tuple[int, dict[str, str]]:
    report = out.parent / "report.json"
    code = main(["generate", str(folder), "--out", str(out), "--report", str(report), "-q"])
    return code, statuses(report)


def _several(folder: Path) -> None:
    (folder / "copy-of-43.yaml").write_text(brief_text("CO 23-43"), encoding="utf-8")


def _outside(folder: Path) -> None:
    (folder.parent / "elsewhere.yaml").write_text(brief_text("CO 23-44"), encoding="utf-8")


def _english_only(folder: Path) -> None:
    (folder / "co-23-45.yaml").write_text(brief_text("CO 23-45", editions=("en",)),
                                          encoding="utf-8")


def _no_key_points(folder: Path) -> None:
    (folder / "co-23-46.yaml").write_text(brief_text("CO 23-46", summary=False),
                                          encoding="utf-8")


def _nothing(folder: Path) -> None:
    pass


# (meeting text, what else the folder holds, line, column, what the error says)
BAD_MEETINGS = {
    "unknown key": (meeting_text("CO 23-41", extra="agendda: none\n"), _nothing, 7, 1,
                    "unknown key 'agendda' in the meeting (known keys:"),
    "number matching no source": (meeting_text("CO 23-41", "CO 23-49"), _nothing, 9, 5,
                                  "no brief numbered CO 23-49 among the sources in"),
    "number matching several sources": (meeting_text("CO 23-43"), _several, 8, 5,
                                        "CO 23-43 is the number of 2 sources"),
    "path outside the sources folder": (meeting_text("{source: ../../elsewhere.yaml}"),
                                        _outside, 8, 14, "../../elsewhere.yaml is outside "
                                        "the sources folder"),
    "brief without the edition": (meeting_text("CO 23-45"), _english_only, 8, 5,
                                  "has no 'ko' edition (it holds: en)"),
    "edition asked that the brief lacks": (
        meeting_text("{number: CO 23-45, edition: ko}", language="en"), _english_only, 8, 33,
        "has no 'ko' edition (it holds: en)"),
    "brief without key points": (meeting_text("CO 23-46"), _no_key_points, 8, 5,
                                 "has no key points for its 'ko' edition (summary.ko)"),
    "duplicate entry": (meeting_text("CO 23-41", "CO 23-42", "CO 23-41"), _nothing, 10, 5,
                        "duplicate entry: CO 23-41 ('ko') is already on the agenda at line 8"),
    "date that is not a date": (GOOD.replace("2023-09-20", "2023-02-30"), _nothing, 3, 7,
                                "date 2023-02-30 is not a real calendar date"),
    "date not written as a date": (GOOD.replace("2023-09-20", "20 September"), _nothing, 3, 7,
                                   "date must be an ISO date like 2023-09-14"),
    "time that is not a time": (GOOD.replace('"14:00"', '"2 pm"'), _nothing, 4, 7,
                                "time must be a time of day like"),
    "title without the packet's language": (
        GOOD.replace("{en: Sanctions Working Group, ko: 제재 실무회의}", "{en: Sanctions}"),
        _nothing, 2, 8, "title has no 'ko' text, but the packet's language is 'ko'"),
}


@pytest.mark.parametrize("case", list(BAD_MEETINGS))
def test_a_bad_meeting_file_is_a_located_error_and_the_rest_of_the_batch_builds(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, prepare, line, column, message = BAD_MEETINGS[case]
    folder = sources_folder(tmp_path)
    prepare(folder)
    bad = write_meeting(folder, "bad.yaml", text)
    write_meeting(folder, "good.yaml", GOOD)
    out = tmp_path / "out"
    code, files = generate_folder(folder, out)
    errors = capsys.readouterr().err
    assert code == 1
    located = [text for text in errors.splitlines()
               if text.startswith(f"{bad}:{line}:{column}: error: ")]
    assert located and message in located[0], errors
    assert not list(out.glob("bad-packet.*"))
    assert files["good-packet.pdf"] == files["good-packet.docx"] == "built"
    assert files["co-23-41-ko-full.pdf"] == files["co-23-42-en-full.docx"] == "built"


def test_every_problem_of_a_meeting_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sources_folder(tmp_path)
    text = meeting_text("CO 23-49", "{source: nowhere.yaml}", "CO 23-41", "CO 23-41")
    bad = write_meeting(folder, "bad.yaml", text.replace("2023-09-20", "2023-13-01"))
    assert main(["check", str(bad)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"{bad}:3:7: error: date 2023-13-01 is not a real calendar date",
        f"{bad}:8:5: error: no brief numbered CO 23-49 among the sources in {folder}",
        f"{bad}:9:14: error: no brief at nowhere.yaml ({folder}/meetings/nowhere.yaml does "
        "not exist)",
        f"{bad}:11:5: error: duplicate entry: CO 23-41 ('ko') is already on the agenda at "
        "line 10",
    ]


def test_check_validates_the_meetings_of_a_folder_with_its_briefs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sources_folder(tmp_path)
    write_meeting(folder, "good.yaml", GOOD)
    assert main(["check", str(folder)]) == 0
    bad = write_meeting(folder, "bad.yaml", meeting_text("CO 23-49"))
    assert main(["check", str(folder)]) == 1
    assert f"{bad}:8:5: error: no brief numbered CO 23-49" in capsys.readouterr().err


def test_a_brief_with_errors_fails_the_packet_at_its_own_line_and_the_meeting_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sources_folder(tmp_path)
    brief = folder / "co-23-42.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("date: ", "date: x"),
                     encoding="utf-8")
    meeting = write_meeting(folder, "meeting.yaml", GOOD)
    code, files = generate_folder(folder, tmp_path / "out")
    errors = capsys.readouterr().err
    assert code == 1
    assert f"{brief}:2:7: error: date must be an ISO date" in errors
    assert (f"{meeting}:9:5: error: CO 23-42 ({brief}): the brief has errors (listed with "
            "it); it cannot be handed out") in errors
    assert files["meeting-packet.pdf"] == "failed"
    assert files["co-23-41-ko-full.pdf"] == "built"


def test_a_handout_too_long_for_its_page_fails_the_packet_with_both_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sources_folder(tmp_path)
    long = folder / "co-23-47.yaml"
    long.write_text(brief_text("CO 23-47", points=12, point_length=12), encoding="utf-8")
    meeting = write_meeting(folder, "meeting.yaml", meeting_text("CO 23-41", "CO 23-47"))
    write_meeting(folder, "good.yaml", GOOD)
    code, files = generate_folder(folder, tmp_path / "out")
    errors = capsys.readouterr().err
    assert code == 1
    summary_line = long.read_text(encoding="utf-8").splitlines().index("summary:") + 1
    assert f"{long}:{summary_line}:1: error: handout overflows one page by" in errors
    assert (f"{meeting}:9:5: error: CO 23-47 ({long}): its 'ko' handout does not fit one "
            "page (see above)") in errors
    assert files["meeting-packet.pdf"] == files["meeting-packet.docx"] == "failed"
    assert not (tmp_path / "out" / "meeting-packet.pdf").exists()
    assert files["good-packet.pdf"] == "built"


def test_a_meeting_file_named_alone_is_built_from_the_sources_beside_its_folder(
    tmp_path: Path,
) -> None:
    folder = sources_folder(tmp_path)
    meeting = write_meeting(folder, "good.yaml", GOOD)
    out = tmp_path / "out"
    assert main(["packet", str(meeting), "--out", str(out), "-q"]) == 0
    assert sorted(path.name for path in out.glob("[!.]*.*")) == [
        "good-packet.docx", "good-packet.pdf", "index.html"]


def test_packet_refuses_a_brief_and_a_missing_file_and_builds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sources_folder(tmp_path)
    meeting = write_meeting(folder, "good.yaml", GOOD)
    brief = folder / "co-23-41.yaml"
    out = tmp_path / "out"
    assert main(["packet", str(meeting), str(brief), str(folder / "gone.yaml"),
                 "--out", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"kinu-brief: {brief}: not a meeting file (it says no 'kind: meeting'); "
        "'kinu-brief generate' builds briefs",
        f"kinu-brief: {folder / 'gone.yaml'}: no such file",
    ]
    assert not out.exists()

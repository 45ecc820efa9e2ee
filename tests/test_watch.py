"""`kinu-brief watch` as an author uses it: the real command watching 20 sources.

A save rebuilds the outputs of the saved source only, writing what `generate` writes;
a touch (or the same bytes saved again) rebuilds nothing; an editor's save (swap
file, temporary, rename) is one rebuild. The output folder stays locked, Ctrl-C ends
it with 130 and leaves no temporary. The preview listens on 127.0.0.1 only and serves
the output folder's files, nothing outside it.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.batch_helpers import TWO_EDITIONS, numbered, write_sources
from tests.conftest import MINIMAL_SOURCE
from tests.watch_helpers import WatchProcess, get, save_like_an_editor

QUIET_SECONDS = 1.0  # long enough for a second rebuild to show, were there one


@pytest.fixture(scope="module")
def watching(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WatchProcess, Path]]:
    """A watch of 20 sources (two editions each) into `out/`; yields it and its folder."""
    folder = tmp_path_factory.mktemp("watch")
    write_sources(folder / "sources", 20)
    (folder / "secret.pdf").write_bytes(b"%PDF- not in the output folder")
    watch = WatchProcess(["sources", "--out", "out", "--port", "0"], folder / "tmp", folder)
    with watch:
        watch.wait_for("Watching 20 sources")
        yield watch, folder
        assert watch.stop() == 130


def outputs_of(out: Path, stem: str) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of each output file of `stem` and its thumbnails."""
    files = [*out.glob(f"{stem}-*.*"), *(out / "thumbnails").glob(f"{stem}-*.png")]
    return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in files}


def edited(path: Path, word: str) -> str:
    return path.read_text(encoding="utf-8").replace("First paragraph.", f"{word} paragraph.")


def rebuilds_of(watch: WatchProcess, name: str) -> list[str]:
    return watch.lines_matching(rf"sources/{name} changed")


def test_saving_one_of_twenty_sources_rebuilds_only_its_outputs(
        watching: tuple[WatchProcess, Path]) -> None:
    watch, folder = watching
    out = folder / "out"
    before = {f"brief-{number:02d}": outputs_of(out, f"brief-{number:02d}")
              for number in range(1, 21)}
    assert all(len(files) == 6 for files in before.values())  # 4 documents, 2 thumbnails

    source = folder / "sources" / "brief-07.yaml"
    source.write_text(edited(source, "Edited"), encoding="utf-8")
    line = watch.wait_for(r"sources/brief-07\.yaml changed")

    assert "rebuilt 4 files (en, ko; full; pdf, docx) in" in line
    after = {stem: outputs_of(out, stem) for stem in before}
    assert [stem for stem in before if after[stem] != before[stem]] == ["brief-07"]
    assert all(after["brief-07"][name] != before["brief-07"][name]
               for name in before["brief-07"] if not name.endswith(".png"))  # written again


def test_touching_a_source_or_saving_the_same_bytes_rebuilds_nothing(
        watching: tuple[WatchProcess, Path]) -> None:
    watch, folder = watching
    source = folder / "sources" / "brief-11.yaml"
    status, _, headers = get(watch.port, "/main")
    generation = headers["X-Generation"]
    lines = len(watch.stdout)

    os.utime(source)  # touch
    save_like_an_editor(source, source.read_text(encoding="utf-8"))
    time.sleep(QUIET_SECONDS)

    assert watch.stdout[lines:] == []
    assert get(watch.port, "/main")[2]["X-Generation"] == generation  # the page not told


def test_an_editors_save_is_exactly_one_rebuild(watching: tuple[WatchProcess, Path]) -> None:
    watch, folder = watching
    source = folder / "sources" / "brief-12.yaml"
    save_like_an_editor(source, edited(source, "Saved"))
    watch.wait_for(r"sources/brief-12\.yaml changed: rebuilt 4 files")
    time.sleep(QUIET_SECONDS)
    assert len(rebuilds_of(watch, r"brief-12\.yaml")) == 1
    assert watch.lines_matching(r"4913|\.swp|tmp-save") == []


def test_the_page_shows_the_pages_of_the_briefs_saved_last(
        watching: tuple[WatchProcess, Path]) -> None:
    watch, folder = watching
    source = folder / "sources" / "brief-19.yaml"
    source.write_text(edited(source, "Latest"), encoding="utf-8")
    watch.wait_for(r"sources/brief-19\.yaml changed: rebuilt")
    page = get(watch.port, "/main")[1].decode()
    shown = re.findall(r'<section class="brief[^"]*" id="brief-([^"]+)"', page)
    assert len(shown) == 3 and shown[0] == "brief-19"
    others = page.split('id="others"', 1)[1]
    assert others.count("<li>") == 17
    assert "/page/" not in others  # listed with links to their files, no page images


def test_a_rebuild_writes_the_bytes_generate_writes(watching: tuple[WatchProcess, Path],
                                                    tmp_path: Path) -> None:
    watch, folder = watching
    source = folder / "sources" / "brief-05.yaml"
    source.write_text(edited(source, "Rebuilt"), encoding="utf-8")
    watch.wait_for(r"sources/brief-05\.yaml changed: rebuilt 4 files")
    (tmp_path / "sources").mkdir()
    copy = tmp_path / "sources" / "brief-05.yaml"
    copy.write_bytes(source.read_bytes())

    assert main(["generate", str(copy), "--out", str(tmp_path / "out"), "-q"]) == 0

    generated = sorted(path.name for path in (tmp_path / "out").glob("brief-05-*.*"))
    assert generated == ["brief-05-en-full.docx", "brief-05-en-full.pdf",
                         "brief-05-ko-full.docx", "brief-05-ko-full.pdf"]
    for name in generated:
        assert (folder / "out" / name).read_bytes() == (tmp_path / "out" / name).read_bytes()


def test_a_run_on_the_watched_folder_exits_75_while_it_watches(
        watching: tuple[WatchProcess, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, folder = watching
    code = main(["generate", str(folder / "sources"), "--out", str(folder / "out")])
    assert code == 75
    assert "another kinu-brief run is writing to" in capsys.readouterr().err


def test_a_second_watch_of_the_folder_exits_75(watching: tuple[WatchProcess, Path]) -> None:
    _, folder = watching
    second = WatchProcess(["sources", "--out", "out", "--port", "0"], folder / "tmp-2", folder)
    assert second.process.wait(timeout=60) == 75
    second.wait_for("another kinu-brief run is writing to .*; not watching", stream="stderr")


def test_the_preview_listens_on_127_0_0_1_only(watching: tuple[WatchProcess, Path]) -> None:
    watch, _ = watching
    assert watch.url.startswith("http://127.0.0.1:")
    assert get(watch.port, "/")[0] == 200
    with pytest.raises(ConnectionRefusedError):  # another address of this machine
        socket.create_connection(("127.0.0.2", watch.port), timeout=5).close()
    status, _, _ = get(watch.port, "/", headers={"Host": f"attacker.example:{watch.port}"})
    assert status == 403  # a page elsewhere, through a DNS-rebinding name


@pytest.mark.parametrize("path", [
    "/file/../secret.pdf",
    "/file/%2e%2e/secret.pdf",
    "/file/%2E%2E%2Fsecret.pdf",
    "/file/..%2fsecret.pdf",
    "/%2e%2e/secret.pdf",
    "/file/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/file//etc/passwd",
    "/file/%2Fetc%2Fpasswd",
    "//etc/passwd",
    "/page/..%2fsecret.pdf/1.png",
    "/page/%2e%2e/secret.pdf/1.png",
    "/file/..%5csecret.pdf",
    "/file/.kinu-brief-manifest.json",
    "/file/index.html",
    "http://127.0.0.1/file/../secret.pdf",
])
def test_the_preview_refuses_paths_outside_the_output_folder(
        watching: tuple[WatchProcess, Path], path: str) -> None:
    watch, _ = watching
    status, body, _ = get(watch.port, path)
    assert status in (403, 404)
    assert b"%PDF" not in body and b"root:" not in body and b"manifest" not in body


def test_the_preview_serves_the_output_folders_files(watching: tuple[WatchProcess, Path]) -> None:
    watch, folder = watching
    status, body, headers = get(watch.port, "/file/brief-01-en-full.pdf")
    assert (status, body[:5]) == (200, b"%PDF-")
    status, body, headers = get(watch.port, "/page/brief-01-ko-full.pdf/1.png?v=x")
    assert (status, headers["Content-Type"], body[:8]) == (200, "image/png", b"\x89PNG\r\n\x1a\n")
    assert headers["Cache-Control"] == "no-store"  # not the bytes asked for: not kept
    digest = hashlib.sha256((folder / "out" / "brief-01-ko-full.pdf").read_bytes()).hexdigest()
    headers = get(watch.port, f"/page/brief-01-ko-full.pdf/1.png?v={digest[:16]}")[2]
    assert headers["Cache-Control"] == "max-age=3600"
    assert get(watch.port, "/page/brief-01-ko-full.pdf/99.png")[0] == 404


def test_ctrl_c_exits_130_and_leaves_no_temporaries(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    source = tmp_path / "sources" / "brief.yaml"
    source.write_text(numbered(TWO_EDITIONS, 1), encoding="utf-8")
    temporary = tmp_path / "tmp"
    watch = WatchProcess(["sources", "--out", "out", "--port", "0"], temporary, tmp_path)
    with watch:
        source.write_text(edited(source, "Interrupted"), encoding="utf-8")
        time.sleep(0.03)  # the rebuild has started, or is about to
        assert watch.stop() == 130
    assert "kinu-brief: stopped" in watch.stderr
    assert list(temporary.iterdir()) == []  # LibreOffice's folder and profile too
    leftovers = [path.name for path in (tmp_path / "out").rglob(".*") if path.is_file()]
    assert leftovers in ([], [".kinu-brief-manifest.json"])
    assert not [process for process in Path("/proc").glob("[0-9]*/cmdline")
                if str(temporary).encode() in _read(process)]  # no LibreOffice left


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def test_another_interface_only_with_host_and_a_warning(tmp_path: Path) -> None:
    (tmp_path / "brief.yaml").write_text(MINIMAL_SOURCE, encoding="utf-8")
    watch = WatchProcess(["brief.yaml", "--out", "out", "--port", "0", "--host", "0.0.0.0"],
                         tmp_path / "tmp", tmp_path)
    with watch:
        warning = watch.wait_for("warning", stream="stderr")
        assert "the preview listens on 0.0.0.0, not only on this machine" in warning
        status, _, _ = get(watch.port, "/", headers={"Host": f"briefs.example:{watch.port}"})
        assert status == 200
        assert watch.stop() == 130


def test_without_libreoffice_the_page_says_the_docx_cannot_be_drawn(tmp_path: Path) -> None:
    (tmp_path / "brief.yaml").write_text(MINIMAL_SOURCE, encoding="utf-8")
    watch = WatchProcess(["brief.yaml", "--out", "out", "--port", "0"], tmp_path / "tmp",
                         tmp_path, environment={"PATH": ""})  # no soffice to be found
    with watch:
        assert "(no LibreOffice: the preview shows PDF pages only)" in watch.stdout[-1]
        page = get(watch.port, "/main")[1].decode()
        assert "/page/brief-en-full.pdf/1.png" in page
        assert "LibreOffice (<code>soffice</code>) is not installed" in page
        assert "/page/brief-en-full.docx/" not in page
        assert watch.stop() == 130

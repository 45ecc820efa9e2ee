"""Nightly batch builds: incremental by content, a pool, a report, logs, reproducibility."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from generator.build import fingerprint
from generator.cli import main
from tests.batch_helpers import (
    TWO_EDITIONS,
    assert_valid_document,
    generate,
    load_report,
    numbered,
    snapshot,
    statuses,
    write_sources,
)
from tests.conftest import MINIMAL_SOURCE, ROOT

DOCUMENTS_OF_TWO = sorted(
    f"brief-{index:02d}-{lang}-full.{ext}"
    for index in (1, 2) for lang in ("en", "ko") for ext in ("docx", "pdf")
)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    write_sources(folder, 2)
    return folder


# ------------------------------------------------------------------ incremental


def test_a_batch_builds_every_source_edition_and_format(sources: Path, tmp_path: Path) -> None:
    code, built = generate(sources, tmp_path / "out", "-j", "2")
    assert code == 0
    assert sorted(built) == DOCUMENTS_OF_TWO
    assert set(built.values()) == {"built"}
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert_valid_document(path)


def test_a_second_run_builds_nothing_and_touches_no_file(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(sources, out, "-j", "2")[0] == 0
    before = snapshot(out)
    code, second = generate(sources, out, "-j", "2")
    assert code == 0
    assert set(second.values()) == {"skipped"}
    assert snapshot(out) == before  # bytes and mtimes, index and manifest included


def test_a_rebuild_with_nothing_changed_imports_no_renderer(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    script = (
        "import json, sys\n"
        "from generator.cli import main\n"
        f"code = main(['generate', {str(sources)!r}, '--out', {str(out)!r}, '--quiet'])\n"
        "heavy = ('reportlab', 'docx', 'lxml', 'pypdfium2', 'PIL')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
        "sys.exit(code)\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                              text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout) == []


def _with_extra_code_file(monkeypatch: pytest.MonkeyPatch, extra: Path,
                          formats: tuple[str, ...] = ("docx", "pdf")) -> None:
    """Count `extra` as part of the templates that shape documents of `formats` (outside
    the installation, so the remembered fingerprints of fingerprint_cache do not see it)."""
    monkeypatch.setenv("KINU_BRIEF_NO_CACHE", "1")
    original = fingerprint.document_inputs
    monkeypatch.setattr(fingerprint, "document_inputs", lambda format: [
        *original(format), *([extra] if format in formats else [])])


def test_a_changed_template_rebuilds_every_output_it_affects(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tmp_path / "house.toml"
    template.write_text("title-size = 16\n", encoding="utf-8")
    _with_extra_code_file(monkeypatch, template)
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    template.write_text("title-size = 18\n", encoding="utf-8")
    code, second = generate(sources, out)
    assert code == 0
    assert sorted(second) == DOCUMENTS_OF_TWO
    assert set(second.values()) == {"built"}


def test_a_template_of_one_format_rebuilds_only_that_format(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer_file = tmp_path / "pdf-renderer.py"
    renderer_file.write_text("A = 1\n", encoding="utf-8")
    _with_extra_code_file(monkeypatch, renderer_file, formats=("pdf",))
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    renderer_file.write_text("A = 2\n", encoding="utf-8")
    second = generate(sources, out)[1]
    assert {name for name, status in second.items() if status == "built"} == {
        name for name in DOCUMENTS_OF_TWO if name.endswith(".pdf")}


def test_a_touched_but_unchanged_template_rebuilds_nothing(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tmp_path / "house.toml"
    template.write_text("title-size = 16\n", encoding="utf-8")
    _with_extra_code_file(monkeypatch, template)
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    template.write_text("title-size = 16\n", encoding="utf-8")  # new mtime, same content
    assert set(generate(sources, out)[1].values()) == {"skipped"}


def test_editing_one_source_rebuilds_only_its_outputs(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(sources, out, "-j", "2")[0] == 0
    edited = sources / "brief-02.yaml"
    edited.write_text(numbered(TWO_EDITIONS, 2).replace("A Title", "Another Title"), "utf-8")
    code, second = generate(sources, out, "-j", "2")
    assert code == 0
    assert {name for name, status in second.items() if status == "built"} == {
        name for name in DOCUMENTS_OF_TWO if name.startswith("brief-02-")}
    assert {name for name, status in second.items() if status == "skipped"} == {
        name for name in DOCUMENTS_OF_TWO if name.startswith("brief-01-")}
    assert "Another Title" in (out / "index.html").read_text(encoding="utf-8")


def test_outputs_deleted_or_altered_by_hand_are_rebuilt(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    thumbnail = out / "thumbnails" / "brief-02-ko-full.png"
    kept = thumbnail.read_bytes()
    (out / "brief-01-en-full.pdf").unlink()
    (out / "brief-02-en-full.docx").write_bytes(b"not a docx")
    thumbnail.unlink()
    code, second = generate(sources, out)
    assert code == 0
    assert {name for name, status in second.items() if status == "built"} == {
        "brief-01-en-full.pdf", "brief-02-en-full.docx"}
    assert_valid_document(out / "brief-02-en-full.docx")
    assert thumbnail.read_bytes() == kept


def test_a_damaged_manifest_means_a_full_rebuild(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    (out / ".kinu-brief-manifest.json").write_text('{"manifest": 1, "outputs": [', "utf-8")
    code, second = generate(sources, out)
    assert code == 0
    assert set(second.values()) == {"built"}
    assert set(generate(sources, out)[1].values()) == {"skipped"}


def test_force_rebuilds_everything(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    code, second = generate(sources, out, "--force")
    assert code == 0
    assert set(second.values()) == {"built"}


def test_a_thumbnail_is_redrawn_only_when_its_pdf_changed(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer_file = tmp_path / "pdf-renderer.py"
    renderer_file.write_text("A = 1\n", encoding="utf-8")
    _with_extra_code_file(monkeypatch, renderer_file, formats=("pdf",))
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    thumbnails = snapshot(out / "thumbnails")
    renderer_file.write_text("A = 2\n", encoding="utf-8")  # PDFs rebuilt, same bytes
    assert set(generate(sources, out)[1].values()) == {"built", "skipped"}
    assert snapshot(out / "thumbnails") == thumbnails


def test_document_inputs_are_what_the_renderer_and_source_reader_import() -> None:
    def inputs(format: str) -> set[str]:
        return {path.relative_to(ROOT).as_posix() for path in fingerprint.document_inputs(format)}

    docx, pdf = inputs("docx"), inputs("pdf")
    assert "generator/render/docx/document.py" in docx - pdf
    assert {"generator/render/pdf/document.py", "generator/source/loader.py",
            "generator/style/house.py", "generator/model/nodes.py",
            "templates/catalogues/en.toml", "generator/fonts/NanumMyeongjo.ttf"} <= pdf
    assert not [name for name in docx | pdf
                if name.startswith(("generator/build/", "generator/index/", "templates/index/"))]


def test_dependencies_follow_imports_inside_functions(tmp_path: Path) -> None:
    from generator.build.dependencies import module_closure

    package = tmp_path / "generator"
    (package / "a").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a" / "__init__.py").write_text("from generator.a.b import (\n    thing,\n)\n",
                                              encoding="utf-8")
    (package / "a" / "b.py").write_text("def thing():\n    from generator.c import other\n",
                                        encoding="utf-8")
    (package / "c.py").write_text("other = 1\n", encoding="utf-8")
    (package / "unused.py").write_text("import generator.a\n", encoding="utf-8")
    found = module_closure(package, ["generator.a"], Path.read_bytes)
    assert [path.relative_to(package).as_posix() for path in found] == [
        "__init__.py", "a/__init__.py", "a/b.py", "c.py"]


# ---------------------------------------------------------------- failures, report


def test_a_broken_source_fails_alone_and_the_report_locates_it(
    sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = sources / "brief-00-broken.yaml"
    broken.write_text(MINIMAL_SOURCE.replace("title:", "titel:"), encoding="utf-8")
    out = tmp_path / "out"
    code, built = generate(sources, out, "-j", "2")
    assert code == 1
    assert sorted(name for name, status in built.items() if status == "built") == (
        DOCUMENTS_OF_TWO)
    report = load_report(tmp_path / "out-report.json")
    failed = [entry for entry in report["outputs"] if entry["status"] == "failed"]
    assert [entry["source"] for entry in failed] == [str(broken)]
    assert {"path": str(broken), "line": 3, "column": 1,
            "message": "unknown key 'titel' in the brief (did you mean 'title'?)"} in (
        failed[0]["errors"])
    assert report["totals"]["failed_sources"] == 1
    printed = capsys.readouterr()
    assert "brief-00-broken: FAILED (2 errors)" in printed.out.splitlines()
    assert f"{broken}:3:1: error: unknown key 'titel'" in printed.err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("with errors: not built") < index.index("<table")
    assert "unknown key &#39;titel&#39;" in index


def test_the_report_gives_every_output_its_hash_size_pages_and_time(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert generate(sources, out)[0] == 0
    report = load_report(tmp_path / "out-report.json")
    assert len(report["outputs"]) == 8
    for entry in report["outputs"]:
        path = Path(entry["path"])
        assert entry["source"].endswith(".yaml")
        assert entry["edition"] in ("en", "ko") and entry["variant"] == "full"
        assert entry["format"] == path.suffix[1:]
        assert entry["status"] == "built" and entry["errors"] == []
        assert entry["bytes"] == path.stat().st_size
        import hashlib

        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["seconds"] > 0
        if entry["format"] == "pdf":
            assert entry["pages"] == len(pypdf.PdfReader(path).pages)
    assert report["totals"] | {"seconds": 0, "bytes": 0} == {
        "sources": 2, "failed_sources": 0, "outputs": 8, "built": 8, "skipped": 0,
        "failed": 0, "orphaned": 0, "errors": 0, "bytes": 0, "seconds": 0,
        "succeeded": True}


def test_logs_are_one_line_per_brief_in_sorted_order(
    sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["generate", str(sources), "--out", str(out), "-j", "2"]) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines() == ["brief-01: built 4, skipped 0",
                                        "brief-02: built 4, skipped 0"]
    assert printed.err == ""  # no progress bar when stderr is not a terminal
    assert main(["generate", str(sources), "--out", str(out), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_an_output_that_cannot_be_rendered_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MINIMAL_SOURCE has no summary: its exec edition fails, its full edition builds."""
    source = tmp_path / "sources" / "brief.yaml"
    source.parent.mkdir()
    source.write_text(MINIMAL_SOURCE, encoding="utf-8")
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    assert main(["generate", str(source.parent), "--out", str(out), "--variant", "full,exec",
                 "--report", str(report)]) == 1
    assert statuses(report) == {
        "brief-en-exec.docx": "failed", "brief-en-exec.pdf": "failed",
        "brief-en-full.docx": "built", "brief-en-full.pdf": "built"}
    printed = capsys.readouterr()
    assert printed.out == "brief: built 2, skipped 0, FAILED 2 (1 error)\n"
    assert printed.err.count(f"{source}:") == 1  # one problem, printed once


def test_two_sources_with_one_name_do_not_overwrite_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a" / "brief.yaml", tmp_path / "b" / "brief.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(MINIMAL_SOURCE, encoding="utf-8")
    assert main(["generate", str(first), str(second), "--out", str(tmp_path / "out"),
                 "--format", "docx", "--quiet"]) == 1
    assert f"{second}:1:1: error: its outputs would overwrite those of {first}" in (
        capsys.readouterr().err)


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["generate", "-j", "0"])
    assert raised.value.code == 2
    assert "give 1 or more" in capsys.readouterr().err


# ------------------------------------------------------------------ reproducible


def test_two_clean_builds_are_byte_identical_file_for_file(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (sources / "brief-03-broken.yaml").write_text("number: [", encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    assert generate(sources, first, "-j", "2")[0] == 1
    assert generate(sources, second, "-j", "1")[0] == 1
    files = {name: data for name, (data, _) in snapshot(first).items()}
    assert files == {name: data for name, (data, _) in snapshot(second).items()}
    assert {"index.html", ".kinu-brief-manifest.json", "thumbnails/brief-01-ko-full.png"} <= (
        set(files))
    assert b"2023-11-14 22:13 UTC" in files["index.html"]
    assert load_report(tmp_path / "first-report.json")["generated_at"] == "2023-11-14T22:13:20Z"


def test_the_index_escapes_author_text(tmp_path: Path) -> None:
    source = tmp_path / "sources" / "brief.yaml"
    source.parent.mkdir()
    title = '<script>alert(1)</script> & "R&D" <b>'
    # quotes: as-typed keeps the straight quotes, which the page must escape too
    text = MINIMAL_SOURCE.replace("title: A Title", f"title: '{title}'\nquotes: as-typed")
    source.write_text(text, "utf-8")
    out = tmp_path / "out"
    assert main(["generate", str(source.parent), "--out", str(out), "--quiet"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;R&amp;D&#34; &lt;b&gt;" in page


def test_a_progress_bar_is_drawn_only_on_a_terminal(sources: Path, tmp_path: Path) -> None:
    import io

    from generator.build.console import ConsoleEvents
    from generator.build.plan import Options
    from generator.build.run import build

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, drawn in ((Terminal(), True), (io.StringIO(), False)):
        events = ConsoleEvents(quiet=False, stdout=io.StringIO(), stderr=stream)
        build([sources], Options(out=tmp_path / "out"), events=events)
        events.finish()
        assert ("[" + "#" * 30 + "] 2/2" in stream.getvalue()) is drawn
        assert stream.getvalue().endswith("\r\x1b[K") is drawn

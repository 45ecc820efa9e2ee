"""No code, no files, no explosions: author text is data, the render reads only what it
should, and every per-brief limit holds — at the limit a brief builds, past it a
located error stops that brief alone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import sysconfig
import textwrap
import time
import zoneinfo
from pathlib import Path

import pytest

from generator.build.deadline import render_deadline
from generator.cli import main
from generator.source import SourceError, brief_for, limits, load_source
from generator.user_cache import cache_folder
from tests.conftest import MINIMAL_SOURCE, ROOT, SAMPLE
from tests.test_properties import docx_text, double_quoted, markdown_escaped, pdf_text

HOSTILE = [
    "{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{{ cycler.__init__.__globals__ }}",
    '<font color="red">red</font>', "<font color=red>", '<img src="/etc/passwd"/>',
    "<b>bold</b>", "a<b", "&amp;", "&lt;tag&gt;", "${HOME}", "%(title)s", "{0}", "<para>",
]
_BODY = "    First paragraph.[^1]\n\n    [^1]: A note.\n"


def _hostile_source() -> str:
    """Every hostile string in the title, each author field, the body and a footnote."""
    text = " ".join(HOSTILE)
    return textwrap.dedent(f"""\
        number: CO 23-30
        date: 2023-09-14
        title: {double_quoted(text[:250])}
        authors:
          - name: {double_quoted(HOSTILE[0] + " " + HOSTILE[3])}
            position: {double_quoted(HOSTILE[1])}
            division: {double_quoted(HOSTILE[5] + " " + HOSTILE[6])}
        body:
          en: |
            {markdown_escaped(text)}[^1]

            [^1]: {markdown_escaped(text)}
        """)


def _rendered(tmp_path: Path, source: str) -> tuple[str, str]:
    from generator.render.docx import render_docx
    from generator.render.pdf import render_pdf

    path = tmp_path / "brief.yaml"
    path.write_text(source, encoding="utf-8")
    brief = brief_for(load_source(path), "en")
    return docx_text(render_docx(brief)), pdf_text(render_pdf(brief))


def _compact(text: str) -> str:
    return "".join(character for character in text if not character.isspace())


# ------------------------------------------------------------- author text is data


def test_author_text_is_never_evaluated_in_either_format(tmp_path: Path) -> None:
    docx, pdf = _rendered(tmp_path, _hostile_source())
    for hostile in HOSTILE:
        assert docx.count(hostile) >= 2, hostile  # body and footnote at least
        assert _compact(pdf).count(_compact(hostile)) >= 2, hostile
    for evaluated in ("49", "xxx", "<function", "/root", "red</font>red"):
        assert evaluated not in docx.replace("7*7", ""), evaluated
        assert evaluated not in pdf.replace("7*7", ""), evaluated


def test_a_jinja_expression_in_the_title_comes_out_literally(tmp_path: Path) -> None:
    source = MINIMAL_SOURCE.replace("title: A Title",
                                    "title: \"{{ 7*7 }} and <font color='red'>red</font>\"\n"
                                    "quotes: as-typed")
    docx, pdf = _rendered(tmp_path, source)
    title = "{{ 7*7 }} and <font color='red'>red</font>"
    assert title in docx.splitlines()
    assert _compact(title) in _compact(pdf)


# -------------------------------------------------- the render reads only its own

_AUDITED_RUN = """
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        opened.append([os.fsdecode(args[0]), args[1], args[2] or 0])
sys.addaudithook(hook)  # cannot be removed: this is its own process
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "opened": opened}))
"""


def _inside(path: str, roots: list[Path]) -> bool:
    real = Path(os.path.realpath(path))
    return any(real == root or root in real.parents for root in roots)


def _writes(mode: str | None, flags: int) -> bool:
    if mode is not None:
        return any(letter in mode for letter in "wax+")
    return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC))


def test_the_render_opens_only_package_source_python_and_output_files(tmp_path: Path) -> None:
    source_folder = tmp_path / "sources"
    source_folder.mkdir()
    (source_folder / "hostile.yaml").write_text(_hostile_source(), encoding="utf-8")
    out = tmp_path / "output"
    process = subprocess.run(
        [sys.executable, "-c", _AUDITED_RUN, "generate", str(source_folder), "--out", str(out),
         "-j", "1", "--quiet"],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    report = json.loads(process.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, process.stderr
    python = {sys.prefix, sys.base_prefix, *(sysconfig.get_paths()[key] for key in
                                             ("stdlib", "platstdlib", "purelib", "platlib"))}
    readable = [Path(os.path.realpath(root)) for root in (
        ROOT / "generator", ROOT / "templates", source_folder, out, *python,
        *zoneinfo.TZPATH, "/dev/urandom", "/dev/null",
        cache_folder(),  # fingerprints and font tables (generator/user_cache.py)
    )]
    writable = [Path(os.path.realpath(root)) for root in (out, cache_folder())]
    for path, mode, flags in report["opened"]:
        roots = writable if _writes(mode, flags) else readable
        assert _inside(path, roots), f"opened {path} ({mode or flags})"
    assert any(Path(path).name == "hostile.yaml" for path, _, _ in report["opened"])


_RENDER_SAMPLE = """
import sys
from pathlib import Path
from generator.render.pdf import render_pdf
from generator.source import load_brief
sys.stdout.buffer.write(render_pdf(load_brief(Path(sys.argv[1]), "en")))
"""


def test_per_user_reportlab_settings_and_mods_change_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".reportlab_settings").write_text("invariant = 0\npageCompression = 0\n")
    (home / ".reportlab_mods").write_text("raise SystemExit('user code ran')\n")

    def rendered(environment: dict[str, str]) -> bytes:
        return subprocess.run([sys.executable, "-c", _RENDER_SAMPLE, str(SAMPLE)],
                              capture_output=True, check=True, cwd=ROOT, timeout=120,
                              env={**os.environ, **environment}).stdout

    assert rendered({"HOME": str(home)}) == rendered({"HOME": str(tmp_path)})


# ------------------------------------------------------------------- the limits


def _body(lines: list[str]) -> str:
    return MINIMAL_SOURCE.replace(_BODY, "".join(f"    {line}\n" if line else "\n"
                                                 for line in lines))


def _loads(write_source, content: str) -> None:  # type: ignore[no-untyped-def]
    load_source(write_source(content))


def test_every_limit_is_a_named_constant_in_one_place() -> None:
    assert limits.MAX_SOURCE_BYTES == 1024 * 1024
    assert limits.MAX_BLOCKS == 2000
    assert limits.MAX_FOOTNOTES == 500
    assert limits.MAX_BLOCK_CHARACTERS == 20_000
    assert limits.MAX_MARKDOWN_NESTING == 8
    assert limits.MAX_YAML_NESTING == 32
    assert limits.MAX_FIELD_CHARACTERS == 255
    assert limits.RENDER_DEADLINE_SECONDS == 60


def test_a_body_at_every_limit_loads(write_source) -> None:  # type: ignore[no-untyped-def]
    notes = limits.MAX_FOOTNOTES
    lines = [f"P{number}.[^{number}]" if number < notes else f"P{number}."
             for number in range(limits.MAX_BLOCKS)]
    lines = [line for paragraph in lines for line in (paragraph, "")]
    lines += [line for number in range(notes) for line in (f"[^{number}]: Note.", "")]
    source = load_source(write_source(_body(lines)))
    assert len(source.bodies["en"].blocks) == limits.MAX_BLOCKS
    assert len(source.bodies["en"].footnotes) == notes


def test_the_longest_paragraph_and_deepest_nesting_load_and_render(tmp_path: Path) -> None:
    long = ("word " * limits.MAX_BLOCK_CHARACTERS)[: limits.MAX_BLOCK_CHARACTERS - 4] + "[^1]"
    deep = "> " * (limits.MAX_MARKDOWN_NESTING - 2) + "- *deep*"
    docx, pdf = _rendered(tmp_path, _body([long, "", deep, "", "[^1]: A note."]))
    assert "deep" in docx
    assert "deep" in pdf


def test_a_title_at_the_field_limit_renders(tmp_path: Path) -> None:
    title = "T" * limits.MAX_FIELD_CHARACTERS
    docx, _ = _rendered(tmp_path, MINIMAL_SOURCE.replace("A Title", title))
    assert title in docx


def test_a_field_one_past_the_limit_is_refused(write_source) -> None:  # type: ignore[no-untyped-def]
    title = "T" * (limits.MAX_FIELD_CHARACTERS + 1)
    with pytest.raises(SourceError) as raised:
        _loads(write_source, MINIMAL_SOURCE.replace("A Title", title))
    assert [str(problem).split(": ", 1)[1] for problem in raised.value.diagnostics] == [
        f"error: title is {len(title)} characters long; the limit is 255"]


# ------------------------------------------------------------------ the deadline


def test_the_render_deadline_stops_a_runaway_render_with_a_located_error() -> None:
    before = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    with pytest.raises(SourceError) as raised, render_deadline(Path("b.yaml"), "b-en-full.pdf",
                                                               0.2):
        while True:  # a renderer that never ends
            pass
    assert time.monotonic() - start < 5
    assert [str(problem) for problem in raised.value.diagnostics] == [
        "b.yaml:1:1: error: rendering b-en-full.pdf took longer than 0.2 seconds (the limit "
        "for one output) and was stopped; shorten the brief"]
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_render_within_the_deadline_is_untouched() -> None:
    with render_deadline(Path("b.yaml"), "b-en-full.docx", 5):
        value = sum(range(1000))
    assert value == 499500
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_brief_past_the_deadline_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.render.docx as docx_renderer

    real = docx_renderer.render_docx

    def slow_for_one(brief):  # type: ignore[no-untyped-def]
        if brief.stem == "a-slow":
            time.sleep(30)
        return real(brief)

    monkeypatch.setattr(docx_renderer, "render_docx", slow_for_one)
    monkeypatch.setattr(limits, "RENDER_DEADLINE_SECONDS", 0.3)
    folder = tmp_path / "sources"
    folder.mkdir()
    for stem in ("a-slow", "b-fine"):
        (folder / f"{stem}.yaml").write_text(MINIMAL_SOURCE, encoding="utf-8")
    out = tmp_path / "output"
    start = time.monotonic()
    code = main(["generate", str(folder), "--out", str(out), "--format", "docx", "-j", "1",
                 "--quiet"])
    assert time.monotonic() - start < 20
    assert code == 1
    assert sorted(path.name for path in out.glob("*.docx")) == ["b-fine-en-full.docx"]
    assert (f"{folder / 'a-slow.yaml'}:1:1: error: rendering a-slow-en-full.docx took longer "
            "than 0.3 seconds") in capsys.readouterr().err

"""The malformed-source corpus: every broken source gives its exact error lines.

tests/corpus/NN-name.yaml is a broken source (any bytes); NN-name.expected holds the
exact `path:line:col: error: message` lines `kinu-brief check` must print for it,
with `{path}` for the file's path. Sources too big to commit (the size cap, the
paragraph and footnote limits) are generated here, with their expected lines; so are
the figures whose image files are the problem (outside the folder, missing, not an
image, a 20,000 × 20,000 PNG, a truncated JPEG), written beside them at test time.
"""

from __future__ import annotations

import io
import random
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.source.limits import (
    MAX_BLOCK_CHARACTERS,
    MAX_BLOCKS,
    MAX_FOOTNOTES,
    MAX_IMAGE_PIXELS,
    MAX_SOURCE_BYTES,
)
from tests.conftest import MINIMAL_SOURCE

CORPUS = Path(__file__).resolve().parent / "corpus"
CORPUS_CASES = sorted(path.stem for path in CORPUS.glob("*.yaml"))

_BODY = "    First paragraph.[^1]\n\n    [^1]: A note.\n"
_BODY_LINE = MINIMAL_SOURCE.splitlines().index("  en: |") + 2  # file line of the body's line 1


def _with_body(lines: list[str]) -> str:
    """MINIMAL_SOURCE with `lines` (each indented) as its body."""
    return MINIMAL_SOURCE.replace(_BODY, "".join(f"    {line}\n" if line else "\n"
                                                  for line in lines))


def _too_many_paragraphs() -> tuple[str, list[str]]:
    lines = [line for number in range(MAX_BLOCKS + 1) for line in (f"Paragraph {number}.", "")]
    line = _BODY_LINE + 2 * MAX_BLOCKS
    return _with_body(lines), [f"{{path}}:{line}:5: error: more than {MAX_BLOCKS} paragraphs "
                               f"and headings in this body; the limit is {MAX_BLOCKS}"]


def _too_many_footnotes() -> tuple[str, list[str]]:
    count = MAX_FOOTNOTES + 1
    lines = ["Text" + "".join(f"[^{number}]" for number in range(count)), ""]
    lines += [line for number in range(count) for line in (f"[^{number}]: Note.", "")]
    line = _BODY_LINE + 2 + 2 * MAX_FOOTNOTES
    return _with_body(lines), [f"{{path}}:{line}:5: error: more than {MAX_FOOTNOTES} "
                               f"footnotes in this body; the limit is {MAX_FOOTNOTES}"]


def _paragraph_too_long() -> tuple[str, list[str]]:
    text = ("word " * MAX_BLOCK_CHARACTERS)[: MAX_BLOCK_CHARACTERS - 3] + "[^1]"
    return _with_body([text, "", "[^1]: A note."]), [
        f"{{path}}:{_BODY_LINE}:5: error: paragraph of {MAX_BLOCK_CHARACTERS + 1} characters; "
        f"the limit is {MAX_BLOCK_CHARACTERS} (split it with a blank line)"]


def _fifty_megabytes() -> tuple[bytes, list[str]]:
    content = (MINIMAL_SOURCE + "# padding\n" * (5 * 1024 * 1024)).encode()
    return content, [f"{{path}}:1:1: error: source is {len(content)} bytes; the limit is "
                     f"{MAX_SOURCE_BYTES} bytes"]


def _one_byte_over_the_cap() -> tuple[bytes, list[str]]:
    padding = MAX_SOURCE_BYTES + 1 - len(MINIMAL_SOURCE.encode())
    content = (MINIMAL_SOURCE + "#" * (padding - 1) + "\n").encode()
    return content, [f"{{path}}:1:1: error: source is {MAX_SOURCE_BYTES + 1} bytes; the "
                     f"limit is {MAX_SOURCE_BYTES} bytes"]


GENERATED: dict[str, Callable[[], tuple[str | bytes, list[str]]]] = {
    "g1-too-many-paragraphs": _too_many_paragraphs,
    "g2-too-many-footnotes": _too_many_footnotes,
    "g3-paragraph-too-long": _paragraph_too_long,
    "g4-fifty-megabytes": _fifty_megabytes,
    "g5-one-byte-over-the-size-cap": _one_byte_over_the_cap,
}


def _figure(path: str, alt: str = ' "A chart"', id: str = "") -> list[str]:
    return ["As the chart shows.[^1]", "", f"![Chart]({path}{alt}){id}", "", "[^1]: A note."]


_FIGURE_LINE = _BODY_LINE + 2  # the figure's file line; its path starts at column 14
_AT_PATH = f"{{path}}:{_FIGURE_LINE}:14: error: "


def _png(width: int, height: int) -> bytes:
    """A valid black-and-white PNG of width × height pixels, compressed as it goes (a
    20,000 × 20,000 one is 50 KB: what a decompression bomb looks like)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


def _truncated_jpeg() -> bytes:
    from PIL import Image

    noise = random.Random(13).randbytes(120 * 120 * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (120, 120), noise).save(out, format="JPEG", quality=90)
    return out.getvalue()[: len(out.getvalue()) // 2]


def _outside(folder: Path) -> Path:
    outside = folder.parent / "outside.png"
    outside.write_bytes(_png(8, 8))
    return outside


def _image_up_and_out(folder: Path) -> tuple[str, list[str]]:
    _outside(folder)
    return _with_body(_figure("../outside.png")), [
        _AT_PATH + "image path '../outside.png' leads out of the source's folder ('..')"]


def _image_absolute(folder: Path) -> tuple[str, list[str]]:
    outside = _outside(folder)
    return _with_body(_figure(str(outside))), [
        _AT_PATH + f"image path '{outside}' is absolute; write it relative to the source's "
        "folder"]


def _image_symlink(folder: Path) -> tuple[str, list[str]]:
    link = folder / "figures" / "linked.png"
    link.parent.mkdir(exist_ok=True)
    if not link.is_symlink():
        link.symlink_to(_outside(folder))
    return _with_body(_figure("figures/linked.png")), [
        _AT_PATH + "image path 'figures/linked.png' leads out of the source's folder "
        "(through a symbolic link)"]


def _image_missing(folder: Path) -> tuple[str, list[str]]:
    return _with_body(_figure("figures/missing.png")), [
        _AT_PATH + "image file 'figures/missing.png' not found (paths are relative to the "
        "source's folder)"]


def _image_not_an_image(folder: Path) -> tuple[str, list[str]]:
    (folder / "figures").mkdir(exist_ok=True)
    (folder / "figures" / "notes.png").write_text("not a picture\n", encoding="utf-8")
    return _with_body(_figure("figures/notes.png")), [
        _AT_PATH + "'figures/notes.png' is not a PNG or JPEG image (judged by its content; "
        "SVG and other formats are not supported)"]


def _image_too_many_pixels(folder: Path) -> tuple[str, list[str]]:
    (folder / "figures").mkdir(exist_ok=True)
    (folder / "figures" / "bomb.png").write_bytes(_png(20_000, 20_000))
    return _with_body(_figure("figures/bomb.png")), [
        _AT_PATH + f"image 'figures/bomb.png' has 400,000,000 pixels; the limit is "
        f"{MAX_IMAGE_PIXELS:,} pixels (checked before decoding)"]


def _image_truncated(folder: Path) -> tuple[str, list[str]]:
    (folder / "figures").mkdir(exist_ok=True)
    (folder / "figures" / "cut.jpg").write_bytes(_truncated_jpeg())
    return _with_body(_figure("figures/cut.jpg")), [
        _AT_PATH + "image 'figures/cut.jpg' is truncated: the file ends before the picture "
        "does"]


def _figure_without_alternative_text(folder: Path) -> tuple[str, list[str]]:
    (folder / "figures").mkdir(exist_ok=True)
    (folder / "figures" / "chart.png").write_bytes(_png(8, 8))
    return _with_body(_figure("figures/chart.png", alt="")), [
        f"{{path}}:{_FIGURE_LINE}:5: error: the figure has no alternative text for screen "
        "readers: write it in quotes after the path, ![Caption](figures/chart.png \"What "
        "the chart shows\")"]


def _duplicate_figure_id(folder: Path) -> tuple[str, list[str]]:
    (folder / "figures").mkdir(exist_ok=True)
    (folder / "figures" / "chart.png").write_bytes(_png(8, 8))
    figure = '![Chart](figures/chart.png "A chart"){#fig:chart}'
    return _with_body(["See @fig:chart.[^1]", "", figure, "", figure, "", "[^1]: A note."]), [
        f"{{path}}:{_BODY_LINE + 4}:42: error: id 'fig:chart' is used twice in this body; "
        "each table and figure has its own"]


# Sources whose problem is a file beside them: each writes what it needs into the
# sources' folder (or next to it) and gives its content and expected lines.
WITH_FILES: dict[str, Callable[[Path], tuple[str, list[str]]]] = {
    "f1-image-up-and-out": _image_up_and_out,
    "f2-image-absolute": _image_absolute,
    "f3-image-symlink-out": _image_symlink,
    "f4-image-missing": _image_missing,
    "f5-image-not-an-image": _image_not_an_image,
    "f6-image-20000-by-20000": _image_too_many_pixels,
    "f7-image-truncated-jpeg": _image_truncated,
    "f8-figure-without-alternative-text": _figure_without_alternative_text,
    "f9-duplicate-figure-id": _duplicate_figure_id,
}


def _expected(stem: str) -> list[str]:
    return (CORPUS / f"{stem}.expected").read_text(encoding="utf-8").splitlines()


def _lines_for(path: Path, expected: list[str]) -> list[str]:
    return [line.replace("{path}", str(path)) for line in expected]


def _write(folder: Path, stem: str, content: str | bytes) -> Path:
    path = folder / f"{stem}.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("stem", sorted(WITH_FILES))
def test_a_figure_whose_image_is_the_problem_gives_its_exact_error(
    stem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    content, expected = WITH_FILES[stem](folder)
    path = _write(folder, stem, content)
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == _lines_for(path, expected)


def test_the_corpus_holds_enough_cases() -> None:
    assert len(CORPUS_CASES) + len(GENERATED) >= 40
    for stem in CORPUS_CASES:
        assert _expected(stem), f"{stem}.expected is missing or empty"


@pytest.mark.parametrize("stem", CORPUS_CASES)
def test_corpus_source_gives_its_exact_errors(stem: str, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    path = CORPUS / f"{stem}.yaml"
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == _lines_for(path, _expected(stem))


@pytest.mark.parametrize("stem", sorted(GENERATED))
def test_generated_source_gives_its_exact_errors(
    stem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = GENERATED[stem]()
    path = _write(tmp_path, stem, content)
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == _lines_for(path, expected)


def test_a_source_exactly_at_the_size_cap_is_read(tmp_path: Path) -> None:
    padding = MAX_SOURCE_BYTES - len(MINIMAL_SOURCE.encode())
    path = _write(tmp_path, "at-the-cap", MINIMAL_SOURCE + "#" * (padding - 1) + "\n")
    assert path.stat().st_size == MAX_SOURCE_BYTES
    assert main(["check", str(path)]) == 0


def test_generate_over_the_whole_corpus_builds_only_the_good_source(tmp_path: Path) -> None:
    """One run over every broken source and one good one, in a separate process:
    exit 1, each problem once as `path:line:col: error: message`, no traceback, and
    exactly the good source's output written."""
    folder = tmp_path / "sources"
    folder.mkdir()
    expected: list[str] = []
    for stem in CORPUS_CASES:
        path = _write(folder, stem, (CORPUS / f"{stem}.yaml").read_bytes())
        expected += _lines_for(path, _expected(stem))
    for stem, make in GENERATED.items():
        content, lines = make()
        expected += _lines_for(_write(folder, stem, content), lines)
    for stem, with_files in WITH_FILES.items():
        content, lines = with_files(folder)
        expected += _lines_for(_write(folder, stem, content), lines)
    _write(folder, "zz-good", MINIMAL_SOURCE)
    out = tmp_path / "output"
    process = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(folder), "--out", str(out),
         "--format", "docx", "--quiet"],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert process.returncode == 1, process.stderr[-2000:]
    assert "Traceback" not in process.stderr + process.stdout
    reported = [line for line in process.stderr.splitlines() if line.startswith(str(folder))]
    assert sorted(reported) == sorted(expected)
    written = sorted(path.name for path in out.rglob("*") if path.suffix in (".docx", ".pdf"))
    assert written == ["zz-good-en-full.docx"]

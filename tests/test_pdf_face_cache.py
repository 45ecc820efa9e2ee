"""Faces loaded with remembered character tables are the faces reportlab parses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from generator import user_cache
from generator.render.pdf import face_cache
from generator.render.pdf.face_cache import character_tables, face_with_tables, font_of_face
from tests.conftest import ROOT, SAMPLE

FONTS = sorted((ROOT / "generator" / "fonts").glob("*.ttf"))
READ_POSITION = "_pos"  # where the parser stopped reading: not part of the face


def comparable(face: TTFontFace) -> dict[str, Any]:
    found = {key: value for key, value in vars(face).items() if key != READ_POSITION}
    found["_pdfScale"] = [found["_pdfScale"](value) for value in (0, 1, 1000, 2048)]
    return found


@pytest.mark.parametrize("path", FONTS, ids=lambda path: path.name)
def test_a_face_with_remembered_tables_equals_the_parsed_face(path: Path) -> None:
    parsed = TTFontFace(str(path))
    assert comparable(face_with_tables(path, character_tables(parsed))) == comparable(parsed)


def test_a_font_of_a_loaded_face_equals_reportlabs_font() -> None:
    path = FONTS[0]
    expected = TTFont("Face", str(path), asciiReadable=face_cache.ASCII_READABLE)
    found = font_of_face("Face", expected.face)
    assert set(vars(found)) == set(vars(expected))
    for key in set(vars(expected)) - {"encoding", "state"}:
        assert getattr(found, key) == getattr(expected, key), key


class UnparsedFace(TTFontFace):
    """A face that may be built from remembered tables, never parsed whole."""

    def __init__(self, *arguments: object, **keywords: object) -> None:
        raise AssertionError("the face was parsed again")


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KINU_BRIEF_NO_CACHE", raising=False)
    monkeypatch.setattr(user_cache, "RECENT_SECONDS", -1e9)  # the fonts count as old
    return tmp_path / "cache" / "kinu-brief" / "faces"


def test_tables_are_remembered_and_then_used(own_cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = FONTS[0]
    first = face_cache.load_font("First", path)
    assert len(list(own_cache.iterdir())) == 1
    monkeypatch.setattr(face_cache, "TTFontFace", UnparsedFace)
    again = face_cache.load_font("Again", path)
    assert comparable(again.face) == comparable(first.face)


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe9\x01\x00\x00\x00"])
def test_a_damaged_entry_is_ignored(own_cache: Path, content: bytes) -> None:
    path = FONTS[0]
    face_cache.load_font("First", path)
    (entry,) = own_cache.iterdir()
    entry.write_bytes(content)
    font = face_cache.load_font("Again", path)
    assert comparable(font.face) == comparable(TTFontFace(str(path)))


_RENDER_SAMPLE = """
import sys
from pathlib import Path
if sys.argv[3:] == ["remembered-only"]:  # a face parsed whole fails the run
    from generator.render.pdf import face_cache
    class Unparsed(face_cache.TTFontFace):
        def __init__(self, *arguments, **keywords):
            raise AssertionError("a face was parsed, not loaded from what was remembered")
    face_cache.TTFontFace = Unparsed
from generator.render.pdf import render_pdf
from generator.source import load_brief
sys.stdout.buffer.write(render_pdf(load_brief(Path(sys.argv[1]), sys.argv[2])))
"""


@pytest.mark.parametrize("edition", ["en", "ko"])
def test_pdfs_are_the_same_bytes_with_and_without_remembered_faces(tmp_path: Path,
                                                                  edition: str) -> None:
    def rendered(*flags: str, **environment: str) -> bytes:
        return subprocess.run([sys.executable, "-c", _RENDER_SAMPLE, str(SAMPLE), edition,
                               *flags], capture_output=True, check=True, cwd=ROOT, timeout=120,
                              env={**os.environ, **environment}).stdout

    cache = tmp_path / "cache"
    unremembered = rendered(KINU_BRIEF_NO_CACHE="1")
    assert rendered(XDG_CACHE_HOME=str(cache)) == unremembered  # remembers the fonts
    assert list((cache / "kinu-brief" / "faces").iterdir()), "no face was remembered"
    # Only what it remembered: the run fails if it parses a face.
    assert rendered("remembered-only", XDG_CACHE_HOME=str(cache)) == unremembered

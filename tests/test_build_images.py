"""A figure's image is an input of its brief's build (issue 13): replacing the file
rebuilds that brief's outputs and nothing else; an unchanged or touched image rebuilds
nothing. The renderer is replaced by a stand-in that writes the model it is given, so
these tests are about what the build (and the watch) decides, whatever the renderers
draw."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from generator.build import fingerprint, work
from generator.build.plan import Options
from generator.build.run import BuildEvents
from generator.model import Brief, Figure
from generator.watch.changes import WatchedPaths, absolute, batch_of
from generator.watch.session import WatchSession
from generator.watch.state import PreviewState
from tests.batch_helpers import generate, numbered, write_sources
from tests.conftest import MINIMAL_SOURCE

WITH_FIGURE = MINIMAL_SOURCE.replace(
    "    First paragraph.[^1]\n",
    '    First paragraph.[^1]\n\n    ![Chart](figures/chart.png "A chart"){#fig:chart}\n')


def _stand_in_renderer(brief: Brief) -> bytes:
    """The bytes of a stand-in document: what the model holds, pictures by hash."""
    parts = [brief.stem, brief.language]
    for block in brief.blocks:
        if isinstance(block, Figure):
            parts.append(hashlib.sha256(block.picture.data).hexdigest())
    return "\n".join(parts).encode()


@pytest.fixture
def stand_in_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINU_BRIEF_NO_CACHE", "1")
    monkeypatch.setattr(work, "renderer_for", lambda format: _stand_in_renderer)


def _chart(path: Path, colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(out, format="PNG")
    path.write_bytes(out.getvalue())


def _two_briefs(folder: Path) -> None:
    """brief-01 shows figures/chart.png; brief-02 has no figure."""
    write_sources(folder, 2, MINIMAL_SOURCE)
    (folder / "brief-01.yaml").write_text(numbered(WITH_FIGURE, 1), encoding="utf-8")
    _chart(folder / "figures" / "chart.png", "navy")


def _generate(sources: Path, out: Path) -> dict[str, str]:
    code, statuses = generate(sources, out, "--format", "docx", "-j", "1")
    assert code == 0
    return statuses


@pytest.mark.usefixtures("stand_in_renderer")
def test_replacing_an_image_rebuilds_only_the_brief_that_shows_it(tmp_path: Path) -> None:
    sources, out = tmp_path / "sources", tmp_path / "out"
    _two_briefs(sources)
    assert set(_generate(sources, out).values()) == {"built"}
    before = (out / "brief-01-en-full.docx").read_bytes()
    _chart(sources / "figures" / "chart.png", "darkred")
    assert _generate(sources, out) == {"brief-01-en-full.docx": "built",
                                       "brief-02-en-full.docx": "skipped"}
    assert (out / "brief-01-en-full.docx").read_bytes() != before


@pytest.mark.usefixtures("stand_in_renderer")
def test_a_touched_but_unchanged_image_rebuilds_nothing(tmp_path: Path) -> None:
    sources, out = tmp_path / "sources", tmp_path / "out"
    _two_briefs(sources)
    _generate(sources, out)
    _chart(sources / "figures" / "chart.png", "navy")  # the same bytes, a new mtime
    assert set(_generate(sources, out).values()) == {"skipped"}


@pytest.mark.usefixtures("stand_in_renderer")
def test_a_removed_image_fails_its_brief_with_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    sources, out = tmp_path / "sources", tmp_path / "out"
    _two_briefs(sources)
    _generate(sources, out)
    (sources / "figures" / "chart.png").unlink()
    code, statuses = generate(sources, out, "--format", "docx", "-j", "1")
    assert code == 1
    assert statuses == {"brief-01-en-full.docx": "failed", "brief-02-en-full.docx": "skipped"}
    assert "image file 'figures/chart.png' not found" in capsys.readouterr().err


def test_a_source_without_images_keeps_its_build_key() -> None:
    """Outputs built before figures existed stay up to date."""
    assert fingerprint.source_input("ab" * 32, {}) == "ab" * 32
    assert fingerprint.source_input("ab" * 32, {"c.png": "00"}) != "ab" * 32


@pytest.mark.usefixtures("stand_in_renderer")
def test_watch_rebuilds_the_brief_whose_image_was_replaced(tmp_path: Path) -> None:
    sources, out = tmp_path / "sources", tmp_path / "out"
    _two_briefs(sources)
    named = sorted(sources.glob("*.yaml"))
    session = WatchSession(named, Options(formats=("docx",), out=out), PreviewState())
    session.build_everything(BuildEvents(), 1)
    watched = WatchedPaths.named([sources], None)
    watched.images.update(session.images)
    chart = sources / "figures" / "chart.png"
    assert watched.wanted(1, str(chart))

    _chart(chart, "navy")  # saved unchanged
    assert session.apply(batch_of(watched, {(2, str(chart))})) is None
    _chart(chart, "darkred")
    rebuild = session.apply(batch_of(watched, {(2, str(chart))}))
    assert rebuild is not None
    assert rebuild.reason == f"{chart} changed"
    built = [output.output.path.name for report in rebuild.result.sources
             for output in report.outputs if output.status == "built"]
    assert built == ["brief-01-en-full.docx"]
    assert absolute(chart) in session.images

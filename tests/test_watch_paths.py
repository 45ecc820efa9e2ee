"""Which paths the watch reacts to, and which the preview serves (no process needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.watch.changes import WatchedPaths, batch_of
from generator.watch.server import Refused, output_name, route


def test_an_editors_save_is_one_change_of_the_source(tmp_path: Path) -> None:
    (tmp_path / "sources" / "meetings").mkdir(parents=True)
    watched = WatchedPaths.named([tmp_path / "sources"], None)
    folder = tmp_path / "sources"
    events = {(1, str(folder / name)) for name in (
        "co-23-30.yaml", ".co-23-30.yaml.swp", "4913", "co-23-30.yaml~", ".#co-23-30.yaml",
        ".co-23-30.yaml.tmp-save", "co-23-30.yaml.bak", "meetings/board.yaml",
        ".git/index.yaml")} | {(3, str(folder / "co-23-30.yaml"))}
    assert batch_of(watched, events).sources == (Path(tmp_path / "sources/co-23-30.yaml"),)


def test_a_source_named_alone_is_watched_through_its_folder(tmp_path: Path) -> None:
    (tmp_path / "co-23-30.yaml").write_text("", encoding="utf-8")
    named = Path(tmp_path / "co-23-30.yaml")
    watched = WatchedPaths.named([named], None)
    assert watched.roots() == [tmp_path]  # a rename over the file is seen there
    events = {(1, str(tmp_path / "co-23-30.yaml")), (1, str(tmp_path / "other.yaml"))}
    assert batch_of(watched, events).sources == (named,)


def test_a_new_source_in_a_watched_folder_counts(tmp_path: Path) -> None:
    (tmp_path / "sources" / "2024").mkdir(parents=True)
    watched = WatchedPaths.named([tmp_path / "sources"], None)
    new = tmp_path / "sources" / "2024" / "co-24-01.YML"
    assert batch_of(watched, {(1, str(new))}).sources == (new,)


def test_templates_count_in_a_developer_checkout(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "catalogues").mkdir(parents=True)
    watched = WatchedPaths.named([tmp_path / "sources"], templates)
    events = {(2, str(templates / "catalogues" / "en.toml")),
              (2, str(templates / "catalogues" / ".en.toml.swp")),
              (2, str(templates / "__init__.py"))}
    batch = batch_of(watched, events)
    assert (batch.sources, batch.templates) == ((), (templates / "catalogues" / "en.toml",))


@pytest.mark.parametrize("path, expected", [
    ("/", ("", [])),
    ("/main", ("main", [])),
    ("/page/co-23-30-en-full.pdf/2.png?v=0123", ("page", ["co-23-30-en-full.pdf", "2.png"])),
])
def test_the_preview_routes(path: str, expected: tuple[str, list[str]]) -> None:
    assert route(path) == expected


@pytest.mark.parametrize("path", ["/file/../x.pdf", "/file/%2e%2e/x.pdf", "/%2E%2E/x.pdf",
                                  "//etc/passwd", "etc/passwd", "/file/.%2e/x.pdf",
                                  "/file/..\\x.pdf"])
def test_the_preview_refuses_a_path_that_climbs(path: str) -> None:
    with pytest.raises(Refused):
        route(path)


@pytest.mark.parametrize("segment", ["..%2fx.pdf", "%2Fetc%2Fpasswd.pdf", "%2e%2e", "..",
                                     ".kinu-brief-manifest.json", "index.html", "x.pdf%00",
                                     "..%5cx.pdf", "%ff.pdf", ""])
def test_the_preview_serves_only_output_file_names(segment: str) -> None:
    with pytest.raises(Refused):
        output_name(segment)


def test_an_output_file_name_is_decoded_once() -> None:
    assert output_name("co-23-30-en-full.pdf") == "co-23-30-en-full.pdf"
    assert output_name("brief%20one-en-full.docx") == "brief one-en-full.docx"

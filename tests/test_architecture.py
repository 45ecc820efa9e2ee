"""The import rules of the architecture: one renderer per library, a neutral model."""

from __future__ import annotations

import ast
from pathlib import Path

from generator.style.texts import available_languages, catalogue

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _modules_importing(prefix: str) -> set[str]:
    return {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(name == prefix or name.startswith(prefix + ".") for name in _imported_modules(path))
    }


def test_only_the_docx_renderer_imports_python_docx() -> None:
    for module in _modules_importing("docx") | _modules_importing("lxml"):
        assert module.startswith("render/docx/"), module


def test_only_the_pdf_renderer_imports_reportlab() -> None:
    for module in _modules_importing("reportlab"):
        assert module.startswith("render/pdf/"), module


def test_the_model_imports_neither_style_nor_renderers() -> None:
    for path in (PACKAGE / "model").rglob("*.py"):
        for name in _imported_modules(path):
            assert not name.startswith(("generator.style", "generator.render")), (path, name)


def test_renderers_never_read_yaml() -> None:
    for module in _modules_importing("yaml") | _modules_importing("generator.source"):
        assert not module.startswith("render/"), module


def test_every_catalogue_has_the_same_keys() -> None:
    languages = available_languages()
    assert {"en", "ko"} <= set(languages)
    reference = set(catalogue("en"))
    for language in languages:
        assert set(catalogue(language)) == reference, language


def test_the_glyph_coverage_table_matches_the_shipped_fonts() -> None:
    """coverage.json is generated from the fonts; regenerate it when a font changes:
    python -m generator.style.coverage"""
    import json
    from importlib import resources

    from generator.style.coverage import COVERAGE_FILE, coverage_from_fonts

    folder = Path(str(resources.files("generator.fonts")))
    stored = json.loads((folder / COVERAGE_FILE).read_text("utf-8"))
    fresh = coverage_from_fonts(folder)
    assert stored == {name: [list(pair) for pair in ranges] for name, ranges in fresh.items()}


def test_the_renderers_do_not_import_each_other() -> None:
    for module in _modules_importing("generator.render.pdf"):
        assert not module.startswith("render/docx/"), module
    for module in _modules_importing("generator.render.docx"):
        assert not module.startswith("render/pdf/"), module


def test_the_build_never_imports_the_watch() -> None:
    """generator/watch/ sits on top of build/: a nightly build loads none of it."""
    for module in _modules_importing("generator.watch"):
        assert module.startswith("watch/") or module == "cli.py", module
    for path in (PACKAGE / "build").rglob("*.py"):
        for name in _imported_modules(path):
            assert not name.startswith("generator.watch"), (path, name)


def test_only_the_watch_imports_the_file_watcher_and_the_web_server() -> None:
    for module in _modules_importing("watchfiles") | _modules_importing("http.server"):
        assert module.startswith("watch/"), module

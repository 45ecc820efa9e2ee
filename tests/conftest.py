"""Shared fixtures: the sample source, a minimal valid source, helpers to write sources."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "co-23-30.yaml"

# The per-user cache (generator/build/fingerprint_cache.py) of this test session, so
# tests never read or write the real ~/.cache; subprocesses inherit it.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="kinu-brief-tests-cache-")

MINIMAL_SOURCE = """\
number: CO 23-30
date: 2023-09-14
title: A Title
authors:
  - name: Hyun, Seungsoo
    position: Research Fellow
    division: Global Strategy Research Division
body:
  en: |
    First paragraph.[^1]

    [^1]: A note.
"""


# A tool known by more than one command name.
_COMMANDS = {"chromium": ("chromium", "chromium-browser")}


def tool_available(name: str) -> bool:
    return any(shutil.which(command) for command in _COMMANDS.get(name, (name,)))


def in_ci() -> bool:
    """CI=true (set by .ci/run, and by most CI services): every tool is installed."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_tools(*names: str) -> None:
    """Skip the calling test when an external tool it needs is not installed — or, in
    CI, fail it: there a missing tool is a broken image, not a reason to test less."""
    missing = [name for name in names if not tool_available(name)]
    if not missing:
        return
    what = " and ".join(missing)
    if in_ci():
        pytest.fail(f"CI=true but {what} is not installed (.ci/run installs it); this "
                    "test would otherwise be skipped", pytrace=False)
    pytest.skip(f"needs {what}, not installed")


def needs_tools(*names: str) -> pytest.MarkDecorator:
    """Mark a test that needs external tools (require_tools, before it runs)."""
    return pytest.mark.needs_tools(*names)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_tools(*names): external tools the test runs; "
                            "skipped without them, failed without them under CI=true")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_tools"):
        require_tools(*mark.args)


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def write_source(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a source file (text or bytes) into a fresh folder; returns its path."""

    def write(content: str | bytes, name: str = "brief.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


# --------------------------------------------------------- hypothesis profiles
# `ci` (the default) keeps the property suite under a minute; `nightly` runs 50 times
# as many examples: pytest --hypothesis-profile=nightly. Tests size themselves with
# tests.test_properties.scaled(), relative to the profile's max_examples.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", deadline=None, max_examples=100, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", deadline=None, max_examples=5000, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

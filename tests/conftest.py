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


def tool_available(name: str) -> bool:
    return shutil.which(name) is not None


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

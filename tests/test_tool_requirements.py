"""A test that needs an external tool skips without it on a workstation, and fails
without it in CI (CI=true), where a missing tool is a broken image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tools

MISSING = "kinu-brief-no-such-tool"


def test_a_missing_tool_fails_the_test_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=f"CI=true but {MISSING} is not installed"):
        require_tools("sh", MISSING)


def test_a_missing_tool_skips_the_test_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"needs {MISSING}, not installed"):
        require_tools(MISSING)
    require_tools("sh")  # present: nothing happens


def test_ci_runs_the_tests_with_ci_set() -> None:
    script = Path(ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    exported = script.index("export CI=true")
    tests = next(index for index, line in enumerate(script) if "pytest" in line)
    assert exported < tests

"""The visual suite's outputs, built once per test session (see outputs.py): every DOCX
is turned into pages by LibreOffice once (a run per document), shared by all the visual
tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import require_tools
from tests.visual.outputs import Renders, build_everything


@pytest.fixture(scope="session")
def renders(tmp_path_factory: pytest.TempPathFactory) -> Renders:
    return build_everything(tmp_path_factory.mktemp("visual"))


@pytest.fixture(scope="session")
def converted(renders: Renders) -> Renders:
    """The same, for tests of the DOCX: skipped when LibreOffice is not installed."""
    if renders.converted is None:
        require_tools("soffice")
    return renders



@pytest.fixture
def pages(renders: Renders) -> Callable[[str, str], Path]:
    """pages(name, format): the PDF showing output `name` in "pdf" or "docx" (through
    LibreOffice; the test is skipped when LibreOffice is not installed)."""

    def find(name: str, file_format: str) -> Path:
        if file_format == "docx" and renders.converted is None:
            require_tools("soffice")
        return renders.pages(name, file_format)

    return find

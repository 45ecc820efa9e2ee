"""The handout's QR code is whole on the rendered page and decodes to the brief's url,
in the PDF and in the DOCX as LibreOffice sets it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import SAMPLE, needs_tools
from tests.visual.outputs import LANGUAGES, SAMPLE_STEM
from tests.visual.pages import page_images

DPI = 200  # a 22 mm code of ~33 modules: ~5 pixels a module


@needs_tools("zbarimg")
@pytest.mark.parametrize("file_format", ["pdf", "docx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handout_qr_code_decodes_from_the_rendered_page(
    pages: Callable[[str, str], Path], file_format: str, language: str, tmp_path: Path
) -> None:
    page = page_images(pages(f"{SAMPLE_STEM}-{language}-handout", file_format), DPI)[0]
    image = tmp_path / "handout.png"
    page.save(image)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)],
                             capture_output=True, text=True, check=False).stdout
    url = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["url"]
    assert decoded.strip() == url, "zbarimg reads no code (or another) on the page"

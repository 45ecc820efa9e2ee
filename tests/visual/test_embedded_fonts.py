"""A DOCX looks the same on a desk without our faces: LibreOffice, under a fontconfig
that offers none of the shipped faces, sets every page of the sample's DOCX files
(English and Korean, every variant; and a brief with Hanja, one with lists) as a
LibreOffice that has them installed does, drawing only with the faces the document
embeds.

"Installed" is the system's fonts plus the package's own font folder, so the test does
not depend on the system's font packages; "hidden" is only the system's folders that
hold none of the shipped families (DejaVu, OpenSymbol, ...), with a clean HOME.
"""

from __future__ import annotations

import subprocess
from importlib import resources
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.style.fonts import font_path
from generator.style.house import FACES
from tests import libreoffice
from tests.conftest import require_tools
from tests.visual.compare import page_difference
from tests.visual.goldens import GOLDEN_DPI
from tests.visual.outputs import SAMPLE_OUTPUTS, Renders
from tests.visual.pages import page_images

SHIPPED_FAMILIES = {face.family for face in FACES.values()}
# The sample's DOCX files, and two long briefs with Hanja (the Hanja face) and lists
# (labels from numbering.xml).
OUTPUTS = (*SAMPLE_OUTPUTS, "hanja-ko-ko-full", "lists-en-en-full")


@pytest.fixture(scope="module")
def libreoffice_pages(
    renders: Renders, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Path]]:
    """{"hidden"|"installed": {output name: LibreOffice's PDF of its DOCX}}."""
    require_tools("soffice")
    require_tools("fc-list")
    folder = tmp_path_factory.mktemp("embedded-fonts")
    system = libreoffice.font_folders()
    without_faces = [path for path, families in system.items()
                     if not families & SHIPPED_FAMILIES]
    package_fonts = Path(str(resources.files("generator.fonts")))
    environments = {
        "hidden": libreoffice.fontconfig_environment(folder / "hidden", without_faces),
        "installed": libreoffice.fontconfig_environment(
            folder / "installed", [*system, package_fonts]),
    }
    offered = libreoffice.families_offered(environments["hidden"])
    assert not offered & SHIPPED_FAMILIES, "the hidden fontconfig still offers a shipped face"
    assert libreoffice.families_offered(environments["installed"]) >= SHIPPED_FAMILIES
    documents = [renders.docx(name) for name in OUTPUTS]
    pages = {}
    for setting, environment in environments.items():
        pdfs = libreoffice.convert_each(documents, folder / setting / "pdf",
                                        folder / setting / "profiles", environment)
        pages[setting] = dict(zip(OUTPUTS, pdfs, strict=True))
    return pages


@pytest.mark.parametrize("name", OUTPUTS)
def test_libreoffice_without_the_faces_sets_each_page_as_with_them(
    libreoffice_pages: dict[str, dict[str, Path]], name: str
) -> None:
    hidden = page_images(libreoffice_pages["hidden"][name], GOLDEN_DPI)
    installed = page_images(libreoffice_pages["installed"][name], GOLDEN_DPI)
    assert len(hidden) == len(installed), "page count"
    for number, (with_faces, without) in enumerate(zip(installed, hidden, strict=True), start=1):
        difference = page_difference(with_faces, without)
        assert difference.acceptable, f"page {number}: {difference.changed_pixels} pixels differ"


@pytest.mark.parametrize("name", OUTPUTS)
def test_libreoffice_without_the_faces_draws_only_with_the_embedded_ones(
    libreoffice_pages: dict[str, dict[str, Path]], name: str
) -> None:
    require_tools("pdffonts")
    listed = subprocess.run(["pdffonts", str(libreoffice_pages["hidden"][name])],
                            capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in listed.splitlines()[2:]]
    assert fonts
    for font in fonts:
        base_name = font[0].split("+", 1)[-1]
        assert base_name in shipped_postscript_names(), f"{base_name}: not an embedded face"
        assert font[-5] == "yes", f"{font[0]} is not embedded in LibreOffice's PDF"


def shipped_postscript_names() -> set[str]:
    names = set()
    for face in FACES.values():
        for file_name in {face.regular, face.bold, face.italic, face.bold_italic}:
            with TTFont(font_path(file_name), lazy=True) as font:
                names.add(font["name"].getDebugName(6))
    return names

"""What the visual tests look at: the sample's outputs (final and draft), the Korean
sample with English front matter, and the long briefs of tests/visual/briefs/, built
with a fixed SOURCE_DATE_EPOCH, and their DOCX turned into pages by LibreOffice (a run
per document: tests/libreoffice.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.cli import main
from tests.conftest import SAMPLE
from tests.visual.pages import convert_with_libreoffice, libreoffice_available

SOURCE_DATE_EPOCH = "1694649600"  # 2023-09-14, the sample's date
LANGUAGES = ("en", "ko")
VARIANTS = ("full", "exec", "handout")
FORMATS = ("pdf", "docx")
SAMPLE_STEM = SAMPLE.stem
DRAFT_STEM = f"{SAMPLE_STEM}-draft"
BRIEFS = Path(__file__).resolve().parent / "briefs"
BRIEF_VARIANTS = ("full", "exec")

# The sample's twelve outputs, by file name: co-23-30-en-full.pdf, …
SAMPLE_OUTPUTS = tuple(
    f"{SAMPLE_STEM}-{language}-{variant}" for language in LANGUAGES for variant in VARIANTS
)
SAMPLE_FILES = tuple(f"{name}.{extension}" for name in SAMPLE_OUTPUTS for extension in FORMATS)


@dataclass(frozen=True)
class Renders:
    """Generated files in `out`; LibreOffice's PDF of each DOCX in `converted` (None
    when LibreOffice is not installed)."""

    out: Path
    converted: Path | None

    def pdf(self, name: str) -> Path:
        """Our PDF of output `name` (a file name without extension)."""
        return self.out / f"{name}.pdf"

    def docx(self, name: str) -> Path:
        return self.out / f"{name}.docx"

    def docx_pages(self, name: str) -> Path:
        """LibreOffice's PDF of our DOCX of output `name`."""
        if self.converted is None:
            raise LookupError("LibreOffice (soffice) is not installed")
        return self.converted / f"{name}.pdf"

    def pages(self, name: str, file_format: str) -> Path:
        """The PDF that shows the pages of output `name` in `file_format` ("pdf", or
        "docx": LibreOffice's pages of it)."""
        return self.pdf(name) if file_format == "pdf" else self.docx_pages(name)

    def pages_of(self, file_name: str) -> Path:
        """The PDF that shows the pages of an output file: itself, or LibreOffice's."""
        name, extension = file_name.rsplit(".", 1)
        return self.pages(name, extension)



def brief_outputs() -> tuple[str, ...]:
    """The outputs of the long briefs (each edition, full and exec), by name."""
    names = []
    for path in sorted(BRIEFS.glob("*.yaml")):
        editions = yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
        names += [f"{path.stem}-{language}-{variant}"
                  for language in sorted(editions) for variant in BRIEF_VARIANTS]
    return tuple(names)


@contextlib.contextmanager
def fixed_build_time() -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def generate(sources: list[Path], out: Path, *options: str) -> None:
    """`kinu-brief generate` in this process; every output must build."""
    with fixed_build_time():
        code = main(["generate", *map(str, sources), "--out", str(out), "--quiet", "--force",
                     *options])
    if code != 0:
        raise RuntimeError(f"kinu-brief generate {sources} {options} exited {code}")


def draft_of_sample(folder: Path) -> Path:
    """A copy of the sample with `status: draft`."""
    text = SAMPLE.read_text(encoding="utf-8")
    draft = text.replace("\nstatus: final\n", "\nstatus: draft\n")
    if draft == text:
        raise RuntimeError("the sample has no `status: final` line to turn into a draft")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{DRAFT_STEM}.yaml"
    path.write_text(draft, encoding="utf-8")
    return path


def build_sample(folder: Path) -> Renders:
    """The sample's twelve outputs and LibreOffice's pages of its DOCX (for approve)."""
    out = folder / "out"
    generate([SAMPLE], out, "--variant", ",".join(VARIANTS))
    return _with_libreoffice_pages(out, folder)


def build_everything(folder: Path) -> Renders:
    """All the visual tests look at, every DOCX converted by LibreOffice."""
    out = folder / "out"
    generate([SAMPLE, draft_of_sample(folder / "sources")], out, "--variant", ",".join(VARIANTS))
    generate([SAMPLE], out, "--lang", "ko", "--front-matter", "en")
    generate(sorted(BRIEFS.glob("*.yaml")), out, "--variant", ",".join(BRIEF_VARIANTS))
    return _with_libreoffice_pages(out, folder)


def _with_libreoffice_pages(out: Path, folder: Path) -> Renders:
    if not libreoffice_available():
        return Renders(out, None)
    converted = folder / "libreoffice"
    with fixed_build_time():
        convert_with_libreoffice(sorted(out.glob("*.docx")), converted, folder / "profile")
    return Renders(out, converted)

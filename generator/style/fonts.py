"""The font files shipped inside the package (OFL; licences beside them)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class FontFace:
    """A family as Word names it, with the shipped file of each of its styles."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def file_for(self, *, bold: bool, italic: bool) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


def font_path(file_name: str) -> Path:
    """The absolute path of a shipped font file."""
    return Path(str(resources.files("generator.fonts").joinpath(file_name)))


LIBERATION_SERIF = FontFace(
    family="Liberation Serif",
    regular="LiberationSerif-Regular.ttf",
    bold="LiberationSerif-Bold.ttf",
    italic="LiberationSerif-Italic.ttf",
    bold_italic="LiberationSerif-BoldItalic.ttf",
)
LIBERATION_SANS = FontFace(
    family="Liberation Sans",
    regular="LiberationSans-Regular.ttf",
    bold="LiberationSans-Bold.ttf",
    italic="LiberationSans-Italic.ttf",
    bold_italic="LiberationSans-BoldItalic.ttf",
)
# Nanum has no italic; Korean typography does not use it, so italic maps to upright.
NANUM_MYEONGJO = FontFace(
    family="NanumMyeongjo",
    regular="NanumMyeongjo.ttf",
    bold="NanumMyeongjoBold.ttf",
    italic="NanumMyeongjo.ttf",
    bold_italic="NanumMyeongjoBold.ttf",
)
NANUM_GOTHIC = FontFace(
    family="NanumGothic",
    regular="NanumGothic.ttf",
    bold="NanumGothicBold.ttf",
    italic="NanumGothic.ttf",
    bold_italic="NanumGothicBold.ttf",
)

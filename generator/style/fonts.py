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

# The face a Word desk without ours has, closest to each of ours: the DOCX names it as
# the alternate (w:altName) Word substitutes when the embedded face cannot be used.
WORD_DESK_FACES = {
    "Liberation Serif": "Times New Roman",  # metric-compatible
    "Liberation Sans": "Arial",  # metric-compatible
    "NanumMyeongjo": "Batang",  # the Windows Myeongjo (바탕)
    "NanumGothic": "Malgun Gothic",  # the Windows Gothic (맑은 고딕)
}


# ------------------------------------------------------------ scripts and coverage

# Characters set in the Hangul faces (Nanum); everything else takes the Latin faces.
HANGUL_SCRIPT_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x3200, 0x32FF),  # enclosed CJK letters
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs (Hanja)
    (0xA960, 0xA97F),  # Hangul Jamo extended-A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended-B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half- and full-width forms
)


def script_of(character: str) -> str:
    """`hangul` or `latin`: which faces set this character (see house.FACES)."""
    code = ord(character)
    if code < HANGUL_SCRIPT_RANGES[0][0]:  # the ranges are sorted: Latin, Greek, Cyrillic
        return "latin"
    for low, high in HANGUL_SCRIPT_RANGES:
        if low <= code <= high:
            return "hangul"
    return "latin"

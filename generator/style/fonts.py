"""The font files shipped inside the package (OFL; licences beside them)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
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
# Hanja in serif text: a subset of Noto Serif CJK KR (generator/fonts/build_hanja_subset.py)
# holding the KS X 1001 Hanja and HANJA_FACE_SYMBOLS. No italic, as for Nanum. Sans
# text needs no extra face: Nanum Gothic has every KS X 1001 Hanja.
NOTO_SERIF_HANJA = FontFace(
    family="Noto Serif CJK KR",
    regular="NotoSerifCJKkr-Hanja-Regular.ttf",
    bold="NotoSerifCJKkr-Hanja-Bold.ttf",
    italic="NotoSerifCJKkr-Hanja-Regular.ttf",
    bold_italic="NotoSerifCJKkr-Hanja-Bold.ttf",
)

# Symbols Korean writers type, kept in the Hanja subset; ‧ (U+2027) and ✓ (U+2713) are
# in no other shipped face.
HANJA_FACE_SYMBOLS = " ·‧ㆍ※○◆□▲→✓"


def ks_x_1001_hanja() -> list[str]:
    """The 4,888 Hanja of KS X 1001 (rows 0xCA-0xFD of EUC-KR), in code order: 4,620
    unified ideographs and 268 compatibility ideographs (its duplicate readings)."""
    return [bytes((row, cell)).decode("euc_kr")
            for row in range(0xCA, 0xFE) for cell in range(0xA1, 0xFF)]


# The face a Word desk without ours has, closest to each of ours: the DOCX names it as
# the alternate (w:altName) Word substitutes when the embedded face cannot be used.
WORD_DESK_FACES = {
    "Liberation Serif": "Times New Roman",  # metric-compatible
    "Liberation Sans": "Arial",  # metric-compatible
    "NanumMyeongjo": "Batang",  # the Windows Myeongjo (바탕)
    "NanumGothic": "Malgun Gothic",  # the Windows Gothic (맑은 고딕)
    "Noto Serif CJK KR": "Batang",  # Hanja in serif text: Batang has the KS X 1001 Hanja
}


# ------------------------------------------------------------ scripts and coverage

# Characters set in the East Asian faces, by script: Hanja (ideographs) take the Hanja
# faces, the rest of these ranges the Hangul faces (Nanum); everything else is Latin.
HANJA_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)
EAST_ASIAN_SCRIPT_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x3200, 0x32FF),  # enclosed CJK letters
    *HANJA_RANGES[:2],
    (0xA960, 0xA97F),  # Hangul Jamo extended-A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended-B
    HANJA_RANGES[2],
    (0xFF00, 0xFFEF),  # half- and full-width forms
)
# The keys of a kind's faces in house.FACES, in the order a character missing from its
# own script's face looks for another; "symbols" is no script, only that last resort.
SCRIPTS = ("latin", "hangul", "hanja", "symbols")


@cache
def script_of(character: str) -> str:
    """`latin`, `hangul` or `hanja`: whose faces set this character first (house.FACES)."""
    code = ord(character)
    if code < EAST_ASIAN_SCRIPT_RANGES[0][0]:  # sorted ranges: Latin, Greek, Cyrillic
        return "latin"
    for low, high in HANJA_RANGES:
        if low <= code <= high:
            return "hanja"
    for low, high in EAST_ASIAN_SCRIPT_RANGES:
        if low <= code <= high:
            return "hangul"
    return "latin"


def is_east_asian(character: str) -> bool:
    """Whether Word sets `character` in a run's East Asian face (Hangul and Hanja)."""
    return script_of(character) != "latin"

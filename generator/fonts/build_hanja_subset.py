"""Build the shipped Myeongjo-style Hanja faces: TrueType subsets of Noto Serif CJK KR.

Nanum Myeongjo has no ideographs, so Hanja in serif text is set in Noto Serif CJK KR
(SIL OFL 1.1, no Reserved Font Name), cut down to what a Korean brief needs: the 4,888
Hanja of KS X 1001 (4,620 unified and 268 compatibility ideographs) and the symbols
Korean writers type that the other shipped faces lack. Noto CJK is drawn in cubic
(CFF) outlines, which reportlab cannot embed, so the subset's outlines are converted
to quadratic TrueType (glyf) ones, within one font unit. Sans text needs no extra face:
Nanum Gothic has every KS X 1001 Hanja.

The sources are the Korean faces of Debian's `fonts-noto-cjk` collections (or the
upstream NotoSerifCJKkr-*.otf files):

    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    python -m generator.fonts.build_hanja_subset \\
        /tmp/noto/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \\
        /tmp/noto/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc

then `python -m generator.style.coverage` to refresh coverage.json. The output is the
same bytes for the same sources (no time stamp is written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.style.fonts import HANJA_FACE_SYMBOLS, font_path, ks_x_1001_hanja

FAMILY = "Noto Serif CJK KR"
OUTPUT_FILES = {"Regular": "NotoSerifCJKkr-Hanja-Regular.ttf",
                "Bold": "NotoSerifCJKkr-Hanja-Bold.ttf"}
# The tables a renderer and a word processor read; layout, vertical metrics and
# colour tables are left out.
_TABLES_DROPPED = ("VORG", "vhea", "vmtx", "BASE", "DSIG")
_MAX_CONVERSION_ERROR = 1.0  # font units


def subset_characters() -> list[int]:
    """The code points the subset holds."""
    return sorted({ord(character) for character in [*ks_x_1001_hanja(), *HANJA_FACE_SYMBOLS]})


def korean_face(path: Path) -> Any:
    """The Noto Serif CJK KR face of a collection (or the font of an .otf file)."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() not in (".ttc", ".otc"):
        return TTFont(path, recalcTimestamp=False)
    collection = TTCollection(path, recalcTimestamp=False)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    raise SystemExit(f"{path}: no face named {FAMILY!r}")


def subset(font: Any) -> None:
    """Keep only the glyphs of `subset_characters`, without layout features or hints."""
    from fontTools import subset as subsetting

    options = subsetting.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += list(_TABLES_DROPPED) + ["GSUB", "GPOS", "GDEF"]
    subsetter = subsetting.Subsetter(options)
    subsetter.populate(unicodes=subset_characters())
    subsetter.subset(font)


def to_truetype_outlines(font: Any) -> None:
    """Replace the font's CFF outlines by quadratic glyf ones."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, _MAX_CONVERSION_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"] = _truetype_maxp()
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _truetype_maxp() -> Any:
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    return maxp  # the glyph counts are computed when the font is saved


def mark_as_subset(font: Any) -> None:
    """No glyph names (post format 3), and a version string saying what this file is."""
    font["post"].formatType = 3.0
    names = font["name"]
    version = names.getDebugName(5)
    names.setName(f"{version}; KS X 1001 Hanja subset (kinu-brief)", 5, 3, 1, 0x409)


def build(source: Path, style: str) -> Path:
    font = korean_face(source)
    if font["name"].getDebugName(2) != style:
        raise SystemExit(f"{source}: the {FAMILY} face is {font['name'].getDebugName(2)!r}, "
                         f"not {style!r}")
    subset(font)
    if "CFF " in font:
        to_truetype_outlines(font)
    mark_as_subset(font)
    target = font_path(OUTPUT_FILES[style])
    font.save(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("regular", type=Path, help="NotoSerifCJK-Regular.ttc (or the KR .otf)")
    parser.add_argument("bold", type=Path, help="NotoSerifCJK-Bold.ttc (or the KR .otf)")
    arguments = parser.parse_args()
    for style, source in (("Regular", arguments.regular), ("Bold", arguments.bold)):
        target = build(source, style)
        print(f"wrote {target} ({target.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()

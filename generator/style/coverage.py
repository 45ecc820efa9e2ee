"""Which characters each shipped font file has a glyph for, read without parsing fonts.

`generator/fonts/coverage.json` lists, per font file, the code-point ranges of its
cmap. It is generated from the fonts (`python -m generator.style.coverage`, needs
fontTools) and a test checks that it still matches them, so it cannot go stale;
reading it costs a millisecond where parsing the Nanum files costs a tenth of a second.
"""

from __future__ import annotations

import bisect
import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path

COVERAGE_FILE = "coverage.json"


def ranges_of(code_points: set[int]) -> list[tuple[int, int]]:
    """Sorted, merged [low, high] ranges holding exactly `code_points`."""
    ranges: list[tuple[int, int]] = []
    for code in sorted(code_points):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def coverage_from_fonts(folder: Path) -> dict[str, list[tuple[int, int]]]:
    """Read every shipped font's cmap (with fontTools): file name -> ranges."""
    from fontTools.ttLib import TTFont

    table: dict[str, list[tuple[int, int]]] = {}
    for path in sorted(folder.glob("*.ttf")):
        with TTFont(path, lazy=True) as font:
            table[path.name] = ranges_of(set(font["cmap"].getBestCmap()))
    return table


@cache
def _coverage_table() -> dict[str, list[list[int]]]:
    text = resources.files("generator.fonts").joinpath(COVERAGE_FILE).read_text("utf-8")
    table: dict[str, list[list[int]]] = json.loads(text)
    return table


@cache
def _starts_and_ends(file_name: str) -> tuple[list[int], list[int]]:
    ranges = _coverage_table()[file_name]
    return [low for low, _ in ranges], [high for _, high in ranges]


def has_glyph(file_name: str, character: str) -> bool:
    """Whether the shipped font file `file_name` has a glyph for `character`."""
    starts, ends = _starts_and_ends(file_name)
    code = ord(character)
    index = bisect.bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


def main() -> None:
    folder = Path(str(resources.files("generator.fonts")))
    table = coverage_from_fonts(folder)
    (folder / COVERAGE_FILE).write_text(json.dumps(table, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {folder / COVERAGE_FILE} for {len(table)} fonts", file=sys.stderr)


if __name__ == "__main__":
    main()

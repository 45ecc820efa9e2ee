"""Draws the figure of the example brief sources/co-23-31.yaml from its data.

    .venv/bin/python sources/figures/make_chart.py

reads launch-attempts.csv (North Korea's satellite launch attempts per year: those
that failed and those that put a satellite in orbit, as widely reported) and writes
launch-attempts-en.png and launch-attempts-ko.png beside it: a bar chart, one bar per
year from 1998 to 2023 (labelled where there were attempts), in the house colours, labelled with the project's own fonts
(Liberation Sans, Nanum Gothic). Drawn with Pillow only; the same Pillow and FreeType
give the same bytes. The chart, its data and this script are the project's own
(MIT, as the rest of the repository).
"""

from __future__ import annotations

import csv
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent.parent / "generator" / "fonts"
DATA = HERE / "launch-attempts.csv"

SIZE = (1200, 470)  # pixels; printed at DPI: 6 × 2.35 inches
DPI = 200
FIRST_YEAR, LAST_YEAR = 1998, 2023
KINU_BLUE = (0x1F, 0x3A, 0x68)  # house.KINU_BLUE: reached orbit
GREY = (0xA6, 0xA6, 0xA6)  # failed
INK = (0x33, 0x33, 0x33)
GRID = (0xD9, 0xD9, 0xD9)
PLOT = (110, 40, 1170, 400)  # left, top, right, bottom of the bars' area

LABELS = {
    "en": {"font": "LiberationSans-Regular.ttf", "failed": "Failed",
           "in_orbit": "Reached orbit", "axis": "Launch attempts"},
    "ko": {"font": "NanumGothic.ttf", "failed": "실패", "in_orbit": "궤도 진입",
           "axis": "발사 횟수"},
}


def attempts() -> dict[int, tuple[int, int]]:
    """Year -> (failed, reached orbit)."""
    with DATA.open(encoding="utf-8", newline="") as file:
        return {int(row["year"]): (int(row["failed"]), int(row["in_orbit"]))
                for row in csv.DictReader(file)}


def draw_chart(language: str) -> Image.Image:
    labels = LABELS[language]
    font = ImageFont.truetype(str(FONTS / labels["font"]), 26)
    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = PLOT
    top_value = 2
    unit = (bottom - top) / top_value
    for value in range(top_value + 1):
        y = bottom - value * unit
        draw.line((left, y, right, y), fill=INK if value == 0 else GRID, width=2)
        draw.text((left - 16, y), str(value), font=font, fill=INK, anchor="rm")
    _draw_bars(draw, font, attempts(), unit)
    _draw_legend(draw, font, labels)
    return _with_rotated_axis_label(image, labels["axis"], font)


def _draw_bars(draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont,
               data: dict[int, tuple[int, int]], unit: float) -> None:
    left, _, right, bottom = PLOT
    slot = (right - left) / (LAST_YEAR - FIRST_YEAR + 1)
    for index, year in enumerate(range(FIRST_YEAR, LAST_YEAR + 1)):
        x = left + index * slot + slot * 0.18
        failed, in_orbit = data.get(year, (0, 0))
        base = bottom
        for count, colour in ((in_orbit, KINU_BLUE), (failed, GREY)):
            if count:
                draw.rectangle((x, base - count * unit + 2, x + slot * 0.64, base - 1),
                               fill=colour)
                base -= count * unit
        if year in data:
            draw.text((x + slot * 0.32, bottom + 14), f"’{year % 100:02d}", font=font,
                      fill=INK, anchor="mt")


def _draw_legend(draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont,
                 labels: dict[str, str]) -> None:
    x, y = PLOT[0] + 30, PLOT[1] + 10
    for key, colour in (("in_orbit", KINU_BLUE), ("failed", GREY)):
        draw.rectangle((x, y, x + 26, y + 26), fill=colour)
        draw.text((x + 38, y + 13), labels[key], font=font, fill=INK, anchor="lm")
        x += 60 + int(draw.textlength(labels[key], font=font))


def _with_rotated_axis_label(image: Image.Image, text: str,
                             font: ImageFont.FreeTypeFont) -> Image.Image:
    """The chart with its y-axis label set vertically at the left edge."""
    width = int(ImageDraw.Draw(image).textlength(text, font=font)) + 8
    label = Image.new("RGB", (width, 36), "white")
    ImageDraw.Draw(label).text((4, 18), text, font=font, fill=INK, anchor="lm")
    turned = label.rotate(90, expand=True)
    left, top, _, bottom = PLOT
    image.paste(turned, (14, int((top + bottom) / 2 - turned.height / 2)))
    return image


def main() -> None:
    for language in LABELS:
        chart = draw_chart(language).quantize(colors=32, dither=Image.Dither.NONE)
        chart.convert("RGB").save(HERE / f"launch-attempts-{language}.png", format="PNG",
                                  dpi=(DPI, DPI), optimize=True)


if __name__ == "__main__":
    main()

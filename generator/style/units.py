"""One length unit for the house style, converted only at a renderer's edge."""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_INCH = 72.0
MILLIMETRES_PER_INCH = 25.4


@dataclass(frozen=True, order=True)
class Length:
    """A length, stored in PostScript points (1/72 inch)."""

    points: float

    @property
    def twips(self) -> int:
        """Twentieths of a point, the unit of most WordprocessingML measures."""
        return round(self.points * 20)

    @property
    def half_points(self) -> int:
        """Half points, the unit of WordprocessingML font sizes."""
        return round(self.points * 2)

    @property
    def emu(self) -> int:
        """English Metric Units (914400 per inch), python-docx's internal unit."""
        return round(self.points * 12700)

    def __add__(self, other: Length) -> Length:
        return Length(self.points + other.points)

    def __sub__(self, other: Length) -> Length:
        return Length(self.points - other.points)

    def __mul__(self, factor: float) -> Length:
        return Length(self.points * factor)


def pt(value: float) -> Length:
    return Length(float(value))


def mm(value: float) -> Length:
    return Length(value / MILLIMETRES_PER_INCH * POINTS_PER_INCH)

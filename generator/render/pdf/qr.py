"""QR codes: the module matrix of a text (reportlab's encoder) and its drawing.

The matrix is what both formats print: the PDF draws it here, the DOCX renderer
turns the same matrix into a PNG image.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfgen.canvas import Canvas

from generator.render.pdf.styles import colour
from generator.style.house import TEXT_BLACK, QrCode

QrModules = tuple[tuple[bool, ...], ...]  # rows of modules, True for dark; no quiet zone


@cache
def qr_modules(text: str, error_correction: str) -> QrModules:
    """The modules of the smallest QR code holding `text` (UTF-8) at the given level."""
    from reportlab.graphics.barcode import qrencoder  # only handouts pay for its import

    level = getattr(qrencoder.QRErrorCorrectLevel, error_correction)
    code = qrencoder.QRCode(None, level)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    return tuple(
        tuple(bool(code.isDark(row, column)) for column in range(count)) for row in range(count)
    )


def draw_qr(canvas: Canvas, modules: QrModules, x: float, top: float, style: QrCode) -> None:
    """`modules` as a square of `style.size` (quiet zone included), top left at (x, top)."""
    module = style.size.points / (len(modules) + 2 * style.quiet_zone)
    path = canvas.beginPath()  # one path: adjacent modules fill without hairline seams
    for row_number, row in enumerate(modules):
        y = top - (style.quiet_zone + row_number + 1) * module
        for start, length in _dark_runs(row):
            path.rect(x + (style.quiet_zone + start) * module, y, length * module, module)
    canvas.saveState()
    canvas.setFillColor(colour(TEXT_BLACK))
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _dark_runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in `row`."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for column, dark in enumerate((*row, False)):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column - start))
            start = None
    return runs

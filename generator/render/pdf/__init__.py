"""The PDF edition of a brief, drawn with reportlab (the only package that imports it).

`render_pdf(brief)` returns the complete PDF: A4 in the house style, notes at the foot
of the page of their markers, fonts embedded and subset, fixed metadata and dates.
"""

from generator.render.pdf.document import render_pdf

__all__ = ["render_pdf"]

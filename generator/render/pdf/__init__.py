"""The PDF edition of a brief, drawn with reportlab (the only package that imports it).

`render_pdf(brief)` returns the complete PDF: A4 in the house style, notes at the foot
of the page of their markers, fonts embedded and subset, fixed metadata and dates.
"""

from generator.render.pdf.isolation import ignore_user_reportlab_settings

ignore_user_reportlab_settings()  # before the first import of reportlab below

# ruff: noqa: E402

from generator.render.pdf.document import render_pdf
from generator.render.pdf.fonts import preload_faces
from generator.render.pdf.handout import handout_step, settle_handout
from generator.render.pdf.packet import render_packet_pdf
from generator.render.pdf.qr import QrModules, qr_modules

__all__ = ["QrModules", "handout_step", "preload_faces", "qr_modules", "render_packet_pdf",
           "render_pdf", "settle_handout"]

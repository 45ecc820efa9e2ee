"""The floor to compare against: the same paragraphs, plain reportlab and python-docx.

No styling, no footnote layout, no metadata: one shipped TTF registered, a
SimpleDocTemplate of plain Paragraphs, and a python-docx document of plain
paragraphs. Reads the paragraphs from a JSON list written by bench_sample.py.

    python benchmarks/bare_floor.py PARAGRAPHS.json OUT_DIR [pdf,docx]
"""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path

FONT = (
    Path(__file__).resolve().parent.parent / "generator" / "fonts" / "LiberationSerif-Regular.ttf"
)


def write_pdf(paragraphs: list[str], path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("Body", str(FONT)))
    style = ParagraphStyle("body", fontName="Body", fontSize=11, leading=16)
    document = SimpleDocTemplate(str(path), pagesize=A4)
    document.build([Paragraph(escape(text, quote=False), style) for text in paragraphs])


def write_docx(paragraphs: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


def main(arguments: list[str]) -> None:
    paragraphs = json.loads(Path(arguments[0]).read_text(encoding="utf-8"))
    out = Path(arguments[1])
    formats = arguments[2].split(",") if len(arguments) > 2 else ["pdf", "docx"]
    if "pdf" in formats:
        write_pdf(paragraphs, out / "bare.pdf")
    if "docx" in formats:
        write_docx(paragraphs, out / "bare.docx")


if __name__ == "__main__":
    main(sys.argv[1:])

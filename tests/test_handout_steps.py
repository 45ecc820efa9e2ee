"""A handout is set at the loosest tightening step that fits its page — checked against
an oracle that does not ask the product's fitting code.

The oracle renders the handout at every step of `house.HANDOUT_TIGHTENING` itself (the
composition forced to that step, however many pages it takes) and looks at the PDF:
a step fits when the page count is one and no text or drawing but the footer reaches
below the text area. For each step there is a source that fits at that step and not
at the one before; `generate` must set it at exactly that step, read back from what
it wrote: the PDF's key-point size and line pitch (pdfium), the DOCX's key-point style
(size, line spacing, space after).
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import docx
import pytest

from generator.cli import main
from generator.model.nodes import Brief
from generator.render.pdf import document, render_pdf
from generator.render.pdf.composer import Page, PageComposer
from generator.render.pdf.handout import page_items
from generator.source import load_brief
from generator.style.house import A4, HANDOUT_TIGHTENING, handout_roles
from generator.style.texts import FrontMatter
from tests.printed_lines import drawn_shapes, page_count, printed_lines
from tests.test_variants import with_summary

SENTENCE = ("The summit shows a partnership that both sides now treat as strategic rather "
            "than tactical and that may outlast the war in Ukraine")
WORDS = SENTENCE.split() * 20

# (key points, words in each, words in one more point): found by running the oracle;
# each fits at its step and not at the step before (asserted below).
NEEDS_STEP = {0: (5, 40, 0), 1: (5, 58, 0), 2: (5, 58, 24), 3: (5, 76, 0), 4: (5, 88, 0)}
FOOTER_ROOM = 1.0  # pt: descenders of the last line may touch the margin


def key_points(count: int, words: int, extra: int) -> list[str]:
    points = [" ".join(WORDS[:words]) + "."] * count
    return points + ([" ".join(WORDS[:extra]) + "."] if extra else [])


def pdf_at_step(brief: Brief, step: int, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The handout's PDF composed at `step`, on as many pages as that takes."""

    def compose(brief: Brief, matter: FrontMatter) -> list[Page]:
        items = page_items(brief, matter, handout_roles(step))
        return PageComposer(A4.text_width.points, A4.text_height.points, {}).compose(items)

    with monkeypatch.context() as patch:
        patch.setattr(document, "compose_handout", compose)
        return render_pdf(brief)


def fits_one_page(pdf: bytes) -> bool:
    """One page, and nothing below the text area but the footer (its last line)."""
    if page_count(pdf) != 1:
        return False
    bottom = A4.margin_bottom.points - FOOTER_ROOM
    *lines, footer = printed_lines(pdf)
    assert footer.text.strip() == "For meeting use", footer
    shapes = drawn_shapes(pdf)
    return (all(line.bottom >= bottom for line in lines)
            and all(shape.bottom >= bottom for shape in shapes))


def loosest_fitting_step(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> int | None:
    fitting = [step for step in range(len(HANDOUT_TIGHTENING))
               if fits_one_page(pdf_at_step(brief, step, monkeypatch))]
    return fitting[0] if fitting else None


def pdf_step(pdf: bytes) -> int:
    """The step whose key-point size and leading the PDF's key points are printed in."""
    lines = printed_lines(pdf)
    pitches: Counter[tuple[float, float]] = Counter()
    for line, following in zip(lines, lines[1:], strict=False):
        pitch = line.baseline - following.baseline
        if abs(line.size - following.size) < 0.01 and 0 < pitch < 1.6 * line.size:
            pitches[(round(line.size, 1), round(pitch, 1))] += 1
    (size, leading), _ = pitches.most_common(1)[0]  # the points are most of the lines
    found = [step for step, tightening in enumerate(HANDOUT_TIGHTENING)
             if (tightening.size.points, tightening.leading.points) == (size, leading)]
    assert found, f"the PDF's key points are set {size} pt on {leading} pt: no step's setting"
    return found[0]


def docx_step(data: bytes) -> int:
    style = docx.Document(io.BytesIO(data)).styles["KINU Handout Point"]
    setting = (style.font.size.pt, style.paragraph_format.line_spacing.pt,
               style.paragraph_format.space_after.pt)
    found = [step for step, tightening in enumerate(HANDOUT_TIGHTENING)
             if (tightening.size.points, tightening.leading.points,
                 tightening.space_after.points) == pytest.approx(setting)]
    assert found, f"the DOCX key points are set {setting}: no step's setting"
    return found[0]


@pytest.mark.parametrize("step", sorted(NEEDS_STEP))
def test_the_handout_is_set_at_the_loosest_step_that_fits(
    step: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(with_summary(key_points(*NEEDS_STEP[step])), encoding="utf-8")
    brief = load_brief(source, "en", "handout")
    assert loosest_fitting_step(brief, monkeypatch) == step, (
        f"the source made to need step {step} does not (the house style changed?): pick "
        "its length again")
    out = tmp_path / "out"
    assert main(["generate", str(source), "--variant", "handout", "--out", str(out),
                 "-j", "1", "--quiet"]) == 0
    pdf = (out / "brief-en-handout.pdf").read_bytes()
    assert page_count(pdf) == 1
    in_pdf = pdf_step(pdf)
    assert in_pdf == step, (
        f"the PDF handout is set at step {in_pdf}; the loosest step that fits one page is {step}")
    in_docx = docx_step((out / "brief-en-handout.docx").read_bytes())
    assert in_docx == step, (
        f"the DOCX handout is set at step {in_docx}; the loosest step that fits one page is {step}")


def test_a_handout_that_fits_at_no_step_is_refused(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(with_summary(key_points(5, 100, 0)), encoding="utf-8")
    assert loosest_fitting_step(load_brief(source, "en", "handout"), monkeypatch) is None
    out = tmp_path / "out"
    assert main(["generate", str(source), "--variant", "handout", "--out", str(out),
                 "-j", "1", "--quiet"]) == 1
    assert not list(out.glob("brief-en-handout.*"))


def test_a_handout_a_few_points_too_long_is_refused_as_about_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_variants import overflow_on_an_endless_page

    source = tmp_path / "brief.yaml"
    text = with_summary(key_points(7, 58, 0))
    source.write_text(text, encoding="utf-8")
    tightest = len(HANDOUT_TIGHTENING) - 1
    measured = overflow_on_an_endless_page(load_brief(source, "en", "handout"), tightest,
                                           monkeypatch)
    assert 0 < measured < HANDOUT_TIGHTENING[tightest].leading.points, "less than a line over"
    assert main(["generate", str(source), "--variant", "handout", "--out", str(tmp_path / "out"),
                 "-j", "1", "--quiet"]) == 1
    line = text.split("\n").index("summary:") + 1
    (error,) = capsys.readouterr().err.splitlines()
    prefix = f"{source}:{line}:1: error: handout overflows one page by "
    assert error.startswith(prefix), error
    reported = int(error[len(prefix):].split(" ")[0])
    assert measured <= reported <= measured + 4, (reported, measured)
    assert error.endswith(" pt (about 1 line) even at the tightest setting; shorten summary.en")

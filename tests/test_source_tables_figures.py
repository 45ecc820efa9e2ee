"""Tables, figures and cross-references read from a body (issue 13), at model level:
what the source reader hands both renderers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from generator.diagnostics import SourceError
from generator.model import (
    CrossRef,
    Emphasis,
    Figure,
    FootnoteRef,
    Paragraph,
    Table,
    Text,
    plain_text,
)
from generator.model.variants import apply_variant
from generator.source import brief_for, load_source
from generator.source.images import ImageProblem, read_image
from generator.style.house import FIGURE_DEFAULT_DPI
from tests.conftest import MINIMAL_SOURCE

BODY_START = "    First paragraph.[^1]\n\n    [^1]: A note.\n"

TRADE_TABLE = [
    "Table: Russia–DPRK trade, *USD thousand*[^t] {#tbl:trade}",
    "",
    "| Year | Exports | Imports | Note |",
    "|------|--------:|:-------:|:-----|",
    "| 2019 | 1,234 | 2,000 | *low* |",
    "| 2020[^y] | 1,300 | 2,100 |",
]


def source_with(tmp_path: Path, en: list[str], ko: list[str] | None = None,
                summary: bool = False) -> Path:
    """MINIMAL_SOURCE with `en` (and `ko`) as its bodies, written into `tmp_path`."""
    text = MINIMAL_SOURCE.replace(BODY_START, _indented(en))
    if ko is not None:
        text = text.replace("title: A Title", "title: {en: A Title, ko: 제목}")
        text += "  ko: |\n" + _indented(ko)
    if summary:
        text += "summary:\n  en:\n    - A key point.\n"
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _indented(lines: list[str]) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in lines)


def write_png(path: Path, size: tuple[int, int] = (300, 150), *, mode: str = "RGB",
              dpi: tuple[int, int] | None = (150, 150), colour: object = "navy") -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new(mode, size, colour)  # type: ignore[arg-type]
    out = io.BytesIO()
    image.save(out, format="PNG", **({"dpi": dpi} if dpi else {}))
    path.write_bytes(out.getvalue())
    return out.getvalue()


def errors_of(path: Path) -> list[str]:
    with pytest.raises(SourceError) as raised:
        load_source(path)
    return [str(diagnostic) for diagnostic in raised.value.diagnostics]


# ------------------------------------------------------------------------ tables


def test_a_pipe_table_becomes_a_numbered_table_with_its_caption_alignments_and_rows(
    tmp_path: Path,
) -> None:
    path = source_with(tmp_path, ["As @tbl:trade shows.", "", *TRADE_TABLE, "",
                                  "[^t]: Source: KITA.", "[^y]: Provisional."])
    brief = brief_for(load_source(path), "en")
    table = brief.blocks[1]
    assert isinstance(table, Table)
    assert (table.number, table.label, table.id) == (1, "Table", "tbl:trade")
    assert table.alignments == ("left", "right", "center", "left")
    assert table.caption == (Text("Russia–DPRK trade, "), Emphasis((Text("USD thousand"),)),
                             FootnoteRef(1))
    assert table.header == (((Text("Year"),), (Text("Exports"),), (Text("Imports"),),
                             (Text("Note"),)),)
    assert table.rows[0][3] == (Emphasis((Text("low"),)),)
    # A short row is padded with empty cells, as GFM does; its footnote marker counts.
    assert table.rows[1] == ((Text("2020"), FootnoteRef(2)), (Text("1,300"),),
                             (Text("2,100"),), ())
    assert brief.blocks[0] == Paragraph((Text("As "), CrossRef("tbl:trade", "Table", 1),
                                         Text(" shows.")))


def test_a_caption_after_its_table_is_read_before_the_cells_for_footnote_numbers(
    tmp_path: Path,
) -> None:
    lines = ["| Year | Value |", "|---|---:|", "| 2019[^a] | 1 |", "",
             "Table: Values[^b]", "", "[^a]: Row note.", "[^b]: Caption note."]
    table = brief_for(load_source(source_with(tmp_path, lines)), "en").blocks[0]
    assert isinstance(table, Table)
    assert table.caption == (Text("Values"), FootnoteRef(1))  # printed above the table
    assert table.rows[0][0] == (Text("2019"), FootnoteRef(2))
    assert table.id is None


def test_a_footnote_in_a_header_cell_is_a_located_error(tmp_path: Path) -> None:
    # The header repeats on every page the table continues on; its note would too.
    lines = ["Table: Values", "", "| Year | *Value*[^a] |", "|---|---:|", "| 2019 | 1 |", "",
             "[^a]: In thousands."]
    path = source_with(tmp_path, lines)
    assert errors_of(path) == [
        f"{path}:12:21: error: a footnote in a table's header row would be printed again on "
        "every page the table continues on; put it in the caption or a body cell"]


def test_tables_and_figures_are_numbered_separately_in_order_and_labelled_per_language(
    tmp_path: Path,
) -> None:
    write_png(tmp_path / "figures" / "chart.png")
    body = ["See @tbl:b, @fig:one and @tbl:a.", "",
            "Table: First {#tbl:a}", "", "| x |", "|---|", "| 1 |", "",
            '![Chart](figures/chart.png "Bars"){#fig:one}', "",
            "Table: Second {#tbl:b}", "", "| y |", "|---|", "| 2 |"]
    ko = ["@tbl:b, @fig:one, @tbl:a를 보라.", "", *body[2:]]
    source = load_source(source_with(tmp_path, body, ko))
    english, korean = brief_for(source, "en"), brief_for(source, "ko")
    assert plain_text(english.blocks[0].inlines) == (  # type: ignore[union-attr]
        "See Table\u00a02, Figure\u00a01 and Table\u00a01.")
    assert plain_text(korean.blocks[0].inlines) == (  # type: ignore[union-attr]
        "표\u00a02, 그림\u00a01, 표\u00a01를 보라.")
    numbered = [(type(block).__name__, block.number, block.label)
                for block in korean.blocks if isinstance(block, Table | Figure)]
    assert numbered == [("Table", 1, "표"), ("Figure", 1, "그림"), ("Table", 2, "표")]


def test_an_e_mail_address_and_a_bare_at_sign_stay_text(tmp_path: Path) -> None:
    lines = ["Write to kim@fig.org, lee@tbl:x.org, @ home or @fig: later; "
             "<mailto:park@fig.kr>."]
    brief = brief_for(load_source(source_with(tmp_path, lines)), "en")
    paragraph = brief.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert not any(isinstance(node, CrossRef) for node in paragraph.inlines)


def test_a_cross_reference_in_a_footnote_resolves(tmp_path: Path) -> None:
    lines = ["Text.[^1]", "", "Table: T {#tbl:t}", "", "| a |", "|---|", "| 1 |", "",
             "[^1]: See @tbl:t."]
    brief = brief_for(load_source(source_with(tmp_path, lines)), "en")
    assert brief.footnotes[0].inlines == (Text("See "), CrossRef("tbl:t", "Table", 1),
                                          Text("."))


@pytest.mark.parametrize(("lines", "message"), [
    (["| a | b |", "|---|---|", "| 1 | 2 |"], "a table needs a caption"),
    (["Table: T", "", "| a | b |", "|---|---|", "| 1 | 2 | 3 |"],
     "this table row has 3 cells; the table has 2 columns"),
    (["See @fig:nothing."], "cross-reference @fig:nothing: no figure in this body"),
    (["Table: T", "", "| a | b | c |", "|---|---|", "| 1 | 2 | 3 |"],
     "this table's header row has 3 cells but its alignment row 2"),
    (["Table: T {#tbl:x}", "", "| a |", "|---|", "| 1 |", "",
      "Table: U {#tbl:x}", "", "| b |", "|---|", "| 2 |"], "id 'tbl:x' is used twice"),
    (["Table: T {#tbl:bad id}", "", "| a |", "|---|", "| 1 |"],
     "the table's id must be written {#tbl:name}"),
    (["> | a |", "> |---|", "> | 1 |"], "a table must stand at the top level of the body"),
    (["Table: ", "", "| a |", "|---|", "| 1 |"], "a table needs a caption"),
    (["[A @tbl:t link](https://example.org)", "", "Table: T {#tbl:t}", "", "| a |", "|---|",
      "| 1 |"], "cross-reference @tbl:t inside a link's text"),
])
def test_table_and_reference_problems_are_located_errors(
    tmp_path: Path, lines: list[str], message: str,
) -> None:
    found = errors_of(source_with(tmp_path, lines))
    assert any(message in line for line in found), found
    assert all(line.startswith(f"{tmp_path / 'brief.yaml'}:") for line in found)


def test_table_limits_are_located_errors(tmp_path: Path) -> None:
    from generator.source.limits import MAX_TABLE_COLUMNS

    columns = MAX_TABLE_COLUMNS + 1
    lines = ["Table: Wide", "", "|" + " c |" * columns, "|" + "---|" * columns,
             "|" + " 1 |" * columns]
    found = errors_of(source_with(tmp_path, lines))
    assert found == [f"{tmp_path / 'brief.yaml'}:12:5: error: a table of {columns} columns; "
                     f"the limit is {MAX_TABLE_COLUMNS}"]


# ----------------------------------------------------------------------- figures


def test_an_image_alone_in_its_paragraph_is_a_figure_with_caption_alt_and_picture(
    tmp_path: Path,
) -> None:
    data = write_png(tmp_path / "figures" / "chart.png", (300, 150), dpi=(150, 150))
    lines = ['![Launches *by* "year"](figures/chart.png "Bars of launches per year")'
             "{#fig:launches}"]
    source = load_source(source_with(tmp_path, lines))
    figure = brief_for(source, "en").blocks[0]
    assert isinstance(figure, Figure)
    assert (figure.number, figure.label, figure.id) == (1, "Figure", "fig:launches")
    assert figure.caption == (Text("Launches "), Emphasis((Text("by"),)), Text(" “year”"))
    assert figure.alt == "Bars of launches per year"
    picture = figure.picture
    assert picture.data == data  # nothing needed changing: the file's own bytes
    assert (picture.format, picture.width_px, picture.height_px) == ("png", 300, 150)
    assert (picture.width_pt, picture.height_pt) == (pytest.approx(144.0, abs=0.05),
                                                      pytest.approx(72.0, abs=0.05))  # 150 dpi
    assert source.images == (("figures/chart.png", __import__("hashlib").sha256(data)
                              .hexdigest()),)


def test_a_picture_without_a_resolution_prints_at_the_house_default(tmp_path: Path) -> None:
    write_png(tmp_path / "chart.png", (300, 150), dpi=None)
    picture = read_image(tmp_path, "chart.png").picture
    assert picture.width_pt == pytest.approx(300 / FIGURE_DEFAULT_DPI * 72)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (300, 100), "red")
    exif = image.getexif()
    exif[0x0112] = 6  # to be turned 90° clockwise
    image.save(tmp_path / "photo.jpg", format="JPEG", exif=exif, dpi=(100, 50))
    picture = read_image(tmp_path, "photo.jpg").picture
    assert (picture.width_px, picture.height_px) == (100, 300)
    assert Image.open(io.BytesIO(picture.data)).size == (100, 300)
    # 2 by 3 inches upright: the resolutions across and down turn with the picture.
    assert (picture.width_pt, picture.height_pt) == (144.0, 216.0)


def test_a_kept_jpeg_loses_its_exif_gps_and_comment_but_not_its_pixels_or_profile(
    tmp_path: Path,
) -> None:
    image = Image.effect_noise((40, 30), 60).convert("RGB")
    exif = image.getexif()
    exif[0x010F] = "CameraMaker"
    exif.get_ifd(0x8825)[2] = (37.0, 33.0, 0.0)  # GPS latitude
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(tmp_path / "photo.jpg", format="JPEG", exif=exif, icc_profile=profile,
               comment=b"taken at home", dpi=(200, 200))
    original = (tmp_path / "photo.jpg").read_bytes()
    picture = read_image(tmp_path, "photo.jpg").picture
    assert b"Exif" in original and b"CameraMaker" in original and b"taken at home" in original
    assert b"Exif" not in picture.data and b"CameraMaker" not in picture.data
    assert b"taken at home" not in picture.data
    placed = Image.open(io.BytesIO(picture.data))
    assert placed.tobytes() == Image.open(tmp_path / "photo.jpg").tobytes()  # not re-encoded
    assert placed.info.get("icc_profile") == profile and placed.info["dpi"] == (200, 200)
    assert picture.width_pt == pytest.approx(40 / 200 * 72)


def test_a_kept_png_loses_its_text_and_time_chunks(tmp_path: Path) -> None:
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Jane Analyst")
    text.add_itxt("Comment", "internal draft", zip=True)
    Image.new("RGB", (20, 10), "teal").save(tmp_path / "chart.png", pnginfo=text)
    picture = read_image(tmp_path, "chart.png").picture
    assert b"Jane Analyst" in (tmp_path / "chart.png").read_bytes()
    assert b"tEXt" not in picture.data and b"iTXt" not in picture.data
    assert Image.open(io.BytesIO(picture.data)).tobytes() == Image.new(
        "RGB", (20, 10), "teal").tobytes()


@pytest.mark.parametrize(("mode", "colour", "expected"), [
    ("CMYK", (0, 255, 255, 0), "RGB"),  # pure red ink
    ("P", 3, "RGB"),
    ("RGBA", (0, 0, 255, 0), "RGB"),  # transparent: white
    ("LA", (0, 128), "L"),
    ("I;16", 40000, "L"),  # 16 bits of grey
])
def test_cmyk_palette_alpha_and_16_bits_become_8_bit_rgb_or_grey(
    tmp_path: Path, mode: str, colour: object, expected: str,
) -> None:
    image = Image.new(mode, (20, 10), colour)  # type: ignore[arg-type]
    kind = "JPEG" if mode == "CMYK" else "PNG"
    image.save(tmp_path / "picture", format=kind)
    picture = read_image(tmp_path, "picture").picture
    placed = Image.open(io.BytesIO(picture.data))
    assert placed.mode == expected
    if mode == "CMYK":
        red, green, blue = placed.getpixel((10, 5))  # type: ignore[misc]
        assert red > 200 and green < 60 and blue < 60
    if mode == "RGBA":
        assert placed.getpixel((10, 5)) == (255, 255, 255)


def test_re_encoded_pictures_are_byte_identical_from_run_to_run(tmp_path: Path) -> None:
    Image.new("RGBA", (64, 64), (10, 20, 30, 128)).save(tmp_path / "a.png")
    first = read_image(tmp_path, "a.png").picture.data
    second = read_image(tmp_path, "a.png").picture.data
    assert first == second
    assert first != (tmp_path / "a.png").read_bytes()


def test_the_same_image_in_both_editions_is_read_once(tmp_path: Path) -> None:
    write_png(tmp_path / "chart.png")
    line = ['![C](chart.png "Alt")']
    source = load_source(source_with(tmp_path, line, line))
    en, ko = (brief_for(source, language).blocks[0] for language in ("en", "ko"))
    assert isinstance(en, Figure) and isinstance(ko, Figure)
    assert en.picture is ko.picture


@pytest.mark.parametrize(("written", "message"), [
    ("../outside.png", "leads out of the source's folder ('..')"),
    ("/etc/passwd", "is absolute"),
    ("https://example.org/a.png", "not an address"),
    ("missing.png", "not found"),
    ("a%00b.png", "holds a control character"),
    ("loop.png", "cannot be resolved"),
])
def test_image_paths_that_leave_the_folder_or_name_nothing_are_refused(
    tmp_path: Path, written: str, message: str,
) -> None:
    folder = tmp_path / "inner"
    folder.mkdir()
    write_png(tmp_path / "outside.png")
    (folder / "loop.png").symlink_to(folder / "loop.png")
    with pytest.raises(ImageProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_image(folder, written)


def test_a_symlink_leading_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "inner"
    folder.mkdir()
    write_png(tmp_path / "outside.png")
    (folder / "chart.png").symlink_to(tmp_path / "outside.png")
    with pytest.raises(ImageProblem, match="symbolic link"):
        read_image(folder, "chart.png")


def test_a_figure_inline_in_text_or_in_a_list_stays_an_error(tmp_path: Path) -> None:
    write_png(tmp_path / "chart.png")
    found = errors_of(source_with(tmp_path, ['Text ![C](chart.png "A") more.', "",
                                             '- ![C](chart.png "A")']))
    assert len(found) == 2
    assert all("an image must stand alone in its own paragraph" in line for line in found)


def test_handouts_leave_tables_and_figures_out_exec_and_full_carry_them(
    tmp_path: Path,
) -> None:
    write_png(tmp_path / "chart.png")
    lines = ['![C](chart.png "A")', "", *TRADE_TABLE[:-1], "", "[^t]: Note."]
    source = load_source(source_with(tmp_path, lines, summary=True))
    kinds = {variant: [type(block).__name__ for block in brief_for(
        source, "en", variant=variant).blocks] for variant in ("full", "exec", "handout")}
    assert kinds["full"] == ["Figure", "Table"]
    assert kinds["exec"] == ["KeyPoints", "Figure", "Table"]
    assert kinds["handout"] == ["KeyPoints"]
    assert apply_variant(brief_for(source, "en"), "handout").footnotes == ()


def test_a_cross_reference_in_a_key_point_is_a_located_error(tmp_path: Path) -> None:
    path = source_with(tmp_path, ["Table: T {#tbl:t}", "", "| a |", "|---|", "| 1 |"],
                       summary=True)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    - A key point.", "    - Trade grew (@tbl:t), mail kim@tbl.org."), encoding="utf-8")
    assert errors_of(path) == [
        f"{path}:17:19: error: key points are plain text: the cross-reference '@tbl:t' would "
        "be printed as typed (a handout has no tables or figures); write the point without it"]


def test_the_second_example_brief_has_a_cross_referenced_table_and_figure_in_each_edition(
) -> None:
    source = load_source(Path(__file__).resolve().parent.parent / "sources" / "co-23-31.yaml")
    for language, table_label, figure_label in (("en", "Table", "Figure"), ("ko", "표", "그림")):
        blocks = brief_for(source, language).blocks
        tables = [block for block in blocks if isinstance(block, Table)]
        figures = [block for block in blocks if isinstance(block, Figure)]
        references = {node for block in blocks if isinstance(block, Paragraph)
                      for node in block.inlines if isinstance(node, CrossRef)}
        assert [(table.label, table.number, len(table.rows)) for table in tables] == [
            (table_label, 1, 7)]
        assert [(figure.label, figure.number) for figure in figures] == [(figure_label, 1)]
        assert figures[0].picture.format == "png" and len(figures[0].picture.data) < 30_000
        assert references == {CrossRef("tbl:launches", table_label, 1),
                              CrossRef("fig:attempts", figure_label, 1)}

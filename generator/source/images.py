"""A figure's image file, read as untrusted input and made ready to place (a Picture).

The path an author writes is relative to the source file's folder and must stay inside
it: no absolute path, no `..`, no symlink leading out. The file must be a regular file
of at most MAX_IMAGE_BYTES; its format is judged by its content (PNG or JPEG; SVG is
not supported), its pixel count (from the header, before decoding) by MAX_IMAGE_PIXELS;
it is decoded in full, so a truncated or corrupt file is refused here, never in a
renderer. The picture handed on is upright (EXIF orientation applied) and in RGB or
grey (CMYK through its ICC profile when it has one, palette and alpha flattened onto
white); when nothing needs changing, the original bytes are kept, less their metadata
(EXIF with its camera, time and GPS position, XMP, IPTC, comments, text chunks), which
would otherwise be published inside every DOCX and PDF. Re-encoded bytes are
deterministic (fixed settings, no metadata, no timestamps).

Pillow is imported only when a body has a figure.
"""

from __future__ import annotations

import io
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote

from generator.model import Picture
from generator.source.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from generator.style.house import FIGURE_DEFAULT_DPI

if TYPE_CHECKING:
    from PIL import Image

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PLAUSIBLE_DPI = (10.0, 10_000.0)
_KEPT_MODES = {"png": ("RGB", "L"), "jpeg": ("RGB", "L")}
_EXIF_ORIENTATION = 0x0112


class ImageProblem(ValueError):
    """Why an image cannot be a figure; the message names the path as written."""


@dataclass(frozen=True)
class ReadImage:
    """A checked image: the picture to place and the hash of the file's bytes (part of
    the build fingerprint: replacing the file rebuilds the brief)."""

    relative_path: str  # as resolved inside the source's folder, POSIX form
    picture: Picture
    sha256: str


def image_path(folder: Path, written: str) -> tuple[Path, str]:
    """The file `written` names inside `folder` and its path relative to it;
    ImageProblem when it is not a plain relative path that stays inside the folder."""
    text = unquote(written)
    if not text:
        raise ImageProblem("a figure needs an image path: ![Caption](figures/chart.png "
                           '"Alternative text")')
    if _SCHEME.match(text):
        raise ImageProblem(f"image '{text}' must be a file beside the source (a relative "
                           "path), not an address")
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in text):
        raise ImageProblem(f"image path {text!r} holds a control character")
    if "\\" in text:
        raise ImageProblem(f"image path '{text}' must use '/' between folders")
    if text.startswith("/"):
        raise ImageProblem(f"image path '{text}' is absolute; write it relative to the "
                           "source's folder")
    if ".." in PurePosixPath(text).parts:
        raise ImageProblem(f"image path '{text}' leads out of the source's folder ('..')")
    try:
        root = folder.resolve()
        resolved = (root / text).resolve()
    except (OSError, RuntimeError):  # a symbolic link loop
        raise ImageProblem(f"image path '{text}' cannot be resolved (a symbolic link "
                           "loop?)") from None
    if not resolved.is_relative_to(root):
        raise ImageProblem(f"image path '{text}' leads out of the source's folder "
                           "(through a symbolic link)")
    return resolved, resolved.relative_to(root).as_posix()


def read_image(folder: Path, written: str) -> ReadImage:
    """The checked picture of image `written` (relative to `folder`); ImageProblem
    when it cannot be used."""
    import hashlib

    path, relative = image_path(folder, written)
    data = _file_bytes(path, written)
    kind = _format_of(data, written)
    picture = _picture(data, kind, written)
    return ReadImage(relative, picture, hashlib.sha256(data).hexdigest())


def _file_bytes(path: Path, written: str) -> bytes:
    try:
        status = path.stat()
    except FileNotFoundError:
        raise ImageProblem(f"image file '{written}' not found (paths are relative to the "
                           "source's folder)") from None
    except OSError as error:
        raise ImageProblem(f"image file '{written}' cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise ImageProblem(f"image '{written}' is not a regular file")
    if status.st_size > MAX_IMAGE_BYTES:
        raise ImageProblem(f"image file '{written}' has {status.st_size:,} bytes; the limit "
                           f"is {MAX_IMAGE_BYTES:,}")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            data = file.read(MAX_IMAGE_BYTES + 1)
    except OSError as error:
        raise ImageProblem(f"image file '{written}' cannot be read: {error.strerror}") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageProblem(f"image file '{written}' is larger than {MAX_IMAGE_BYTES:,} bytes")
    return data


def _format_of(data: bytes, written: str) -> Literal["png", "jpeg"]:
    if data.startswith(_PNG_SIGNATURE):
        return "png"
    if data.startswith(_JPEG_SIGNATURE):
        return "jpeg"
    raise ImageProblem(f"'{written}' is not a PNG or JPEG image (judged by its content; "
                       "SVG and other formats are not supported)")


def _picture(data: bytes, kind: Literal["png", "jpeg"], written: str) -> Picture:
    from PIL import Image

    image = _decoded(data, kind, written)
    oriented = _upright(image)
    flat = _in_rgb_or_grey(oriented)
    unchanged = (flat is image and image.mode in _KEPT_MODES[kind]
                 and not _needs_reencoding(data, kind, image))
    dpi_x, dpi_y = _resolution(image, swapped=oriented.size != image.size)
    encoded = without_metadata(data, kind) if unchanged else _encoded(flat, kind, (dpi_x, dpi_y))
    width, height = flat.size
    assert isinstance(flat, Image.Image)
    return Picture(data=encoded, format=kind, width_px=width, height_px=height,
                   width_pt=width / dpi_x * 72.0, height_pt=height / dpi_y * 72.0)


def _decoded(data: bytes, kind: str, written: str) -> Image.Image:
    """The image decoded in full; ImageProblem for a bomb, a truncated or corrupt file."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Over the limit: refused below with the image's size, never only a warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind.upper()])
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ImageProblem(_too_many_pixels(written, image.width * image.height))
        image.load()
    except Image.DecompressionBombError as error:
        found = re.search(r"\((\d+) pixels\)", str(error))
        raise ImageProblem(_too_many_pixels(written, int(found.group(1)) if found else 0)
                           ) from None
    except ImageProblem:
        raise
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        if "truncated" in str(error):
            raise ImageProblem(f"image '{written}' is truncated: the file ends before the "
                               "picture does") from None
        raise ImageProblem(f"image '{written}' is damaged or unreadable ({kind.upper()}: "
                           f"{error})") from None
    return image


def _too_many_pixels(written: str, pixels: int) -> str:
    size = f"{pixels:,} pixels" if pixels else "more pixels than that"
    return (f"image '{written}' has {size}; the limit is {MAX_IMAGE_PIXELS:,} pixels "
            "(checked before decoding)")


def _upright(image: Image.Image) -> Image.Image:
    """The image turned as its EXIF orientation says (the same object when upright)."""
    from PIL import ImageOps

    orientation = image.getexif().get(_EXIF_ORIENTATION, 1)
    if orientation in (None, 1):
        return image
    turned = ImageOps.exif_transpose(image)
    return turned if turned is not None else image


def _in_rgb_or_grey(image: Image.Image) -> Image.Image:
    """RGB or grey ("L"): CMYK through its ICC profile (else plainly), palette, alpha and
    16-bit or bilevel images converted; alpha flattened onto white. The same object when
    already RGB or grey."""
    from PIL import Image

    if image.mode in ("RGB", "L") and "transparency" not in image.info:
        return image
    if image.mode == "CMYK":
        return _cmyk_to_rgb(image)
    if image.mode in ("1", "I", "I;16", "I;16B", "I;16L", "F"):
        return image.convert("L") if image.mode == "1" else _sixteen_bit_grey(image)
    rgba = image.convert("LA" if image.mode in ("L", "LA") else "RGBA")
    background = Image.new(rgba.mode, rgba.size, (255, 255) if rgba.mode == "LA"
                           else (255, 255, 255, 255))
    background.alpha_composite(rgba)
    return background.convert("L" if rgba.mode == "LA" else "RGB")


def _sixteen_bit_grey(image: Image.Image) -> Image.Image:
    return image.convert("I").point(lambda value: value / 257).convert("L")


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    if profile:
        try:
            from PIL import ImageCms

            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                                  outputMode="RGB")
            if converted is not None:
                return converted
        except (ImportError, OSError, ValueError, ImageCms.PyCMSError):
            pass  # a broken profile: the plain conversion below
    return image.convert("RGB")


# What a kept file keeps: the JPEG segments and PNG chunks that decide how its pixels
# look (JFIF resolution, ICC profile, Adobe colour transform; PNG's own and colour
# chunks). Everything else before the image data is metadata.
_JPEG_KEPT_MARKERS = frozenset({0xE0, 0xE2, 0xEE})  # APP0 JFIF, APP2 ICC, APP14 Adobe
_PNG_DROPPED_CHUNKS = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})


def without_metadata(data: bytes, kind: str) -> bytes:
    """`data` without its metadata segments (JPEG) or chunks (PNG); pixels untouched."""
    return _jpeg_without_metadata(data) if kind == "jpeg" else _png_without_metadata(data)


def _jpeg_without_metadata(data: bytes) -> bytes:
    """The JPEG's segments up to its scan, less APPn (but the kept ones) and COM."""
    kept, at = [data[:2]], 2  # SOI
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            break
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        is_metadata = 0xE0 <= marker <= 0xEF and marker not in _JPEG_KEPT_MARKERS
        if not (is_metadata or marker == 0xFE):
            kept.append(data[at:end])
        at = end
    return b"".join(kept) + data[at:]


def _png_without_metadata(data: bytes) -> bytes:
    kept, at = [data[:8]], 8  # the signature
    while at + 12 <= len(data):
        end = at + 12 + int.from_bytes(data[at:at + 4], "big")
        if data[at + 4:at + 8] not in _PNG_DROPPED_CHUNKS:
            kept.append(data[at:end])
        at = end
    return b"".join(kept) + data[at:]


def _needs_reencoding(data: bytes, kind: str, image: Image.Image) -> bool:
    """Whether an RGB or grey image must still be re-encoded: a PNG of 16 bits per
    channel or interlaced (both renderers place 8-bit, non-interlaced PNGs as they
    are)."""
    if kind != "png":
        return False
    bit_depth, interlace = data[24], data[28]
    return bit_depth != 8 or interlace != 0


def _encoded(image: Image.Image, kind: str, dpi: tuple[float, float]) -> bytes:
    """Deterministic bytes: fixed settings, the resolution, no other metadata (Pillow
    writes no time)."""
    out = io.BytesIO()
    if kind == "png":
        image.save(out, format="PNG", optimize=False, compress_level=6, dpi=dpi)
    else:
        image.save(out, format="JPEG", quality=92, subsampling=0, optimize=False,
                   progressive=False, dpi=(round(dpi[0]), round(dpi[1])))
    return out.getvalue()


def _resolution(image: Image.Image, *, swapped: bool) -> tuple[float, float]:
    """Pixels per inch across and down: the file's, else house.FIGURE_DEFAULT_DPI."""
    dpi = image.info.get("dpi")
    low, high = _PLAUSIBLE_DPI
    try:
        across, down = (float(dpi[0]), float(dpi[1])) if dpi else (0.0, 0.0)
    except (TypeError, ValueError, IndexError):
        across = down = 0.0
    if not (low <= across <= high and low <= down <= high):
        return FIGURE_DEFAULT_DPI, FIGURE_DEFAULT_DPI
    return (down, across) if swapped else (across, down)

"""Content hashes of everything that determines an output, computed once per run.

A document depends on its source bytes, its options (edition, variant, format, front
matter) and the code and data that shape it: its format's renderer and every project
module it or the source reader imports (model, house style, …; see dependencies.py),
the label catalogues, the fonts, the versions of the libraries they call, and Python's.
Each is hashed by content (the 20 MB of fonts take ~20 ms with sha256), so a touched
file that did not change rebuilds nothing, and a changed one rebuilds every output it
affects.

The fingerprints of an installation are kept in a per-user cache (fingerprint_cache.py)
under the stat signature of every file they read, so a run hashes nothing when the
installation did not change since the last run.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import sys
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import generator
from generator.build.dependencies import module_closure
from generator.build.plan import Output

PACKAGE = Path(generator.__file__).resolve().parent
INDEX_TEMPLATES = "index"  # templates/index/ shapes the index page, not the documents

# Pillow: a figure's picture is decoded and, when it must be, re-encoded by the source
# reader (generator/source/images.py).
COMMON_LIBRARIES = ("PyYAML", "jsonschema", "markdown-it-py", "mdit-py-plugins", "babel",
                    "Jinja2", "pillow")
# fontTools subsets the faces every DOCX embeds (generator.render.docx.embedded_fonts).
FORMAT_LIBRARIES = {"docx": ("python-docx", "lxml", "fonttools"), "pdf": ("reportlab",)}
THUMBNAIL_LIBRARIES = ("pypdfium2", "pillow")
INDEX_LIBRARIES = ("Jinja2", "MarkupSafe")
# Code that shapes a format beyond its own renderer: a DOCX handout is set at the step
# settled on the PDF layout (generator.build.work.settled_layout).
SETTLING_MODULES = {"docx": ("generator.render.pdf.handout",), "pdf": ()}
# A format's fingerprint covers its packets too (a meeting's packet is an output of the
# format): the meeting reader and the packet renderers. (A change to them rebuilds the
# briefs' outputs as well: one fingerprint per format keeps the cache simple.)
PACKET_MODULES = {"docx": ("generator.source.meeting", "generator.render.docx.packet"),
                  "pdf": ("generator.source.meeting", "generator.render.pdf.packet")}


def templates_folder() -> Path:
    return Path(str(resources.files("generator.templates")))


def files_under(folder: Path) -> list[Path]:
    """Every file below `folder` that can affect a run (compiled caches left out)."""
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def document_inputs(format: str) -> list[Path]:
    """The code and data files that determine a document of `format`: the modules its
    renderer and the source reader import (transitively), the fonts, the templates."""
    templates = templates_folder()
    roots = (f"generator.render.{format}", "generator.source", *SETTLING_MODULES[format],
             *PACKET_MODULES[format])
    code = module_closure(PACKAGE, roots, Path.read_bytes)
    data = files_under(PACKAGE / "fonts") + [
        path for path in files_under(templates)
        if path.relative_to(templates).parts[0] != INDEX_TEMPLATES]
    return sorted(set(code + data))


def thumbnail_inputs() -> list[Path]:
    return [PACKAGE / "index" / "thumbnails.py"]


def index_inputs() -> list[Path]:
    return [*files_under(PACKAGE / "index"), *files_under(templates_folder() / INDEX_TEMPLATES)]


def renderer_libraries(files: Iterable[Path]) -> list[str]:
    """The libraries of every renderer whose code is among `files`."""
    folders = {path.parent for path in files}
    return [library for format, libraries in FORMAT_LIBRARIES.items()
            if PACKAGE / "render" / format in folders for library in libraries]


def library_versions(names: Iterable[str]) -> dict[str, str]:
    """The installed version of each distribution (`absent` when not installed)."""
    installed = installed_versions()
    return {name: installed.get(normalized_name(name)) or _metadata_version(name)
            for name in names}


def normalized_name(name: str) -> str:
    """A distribution name as PEP 503 compares them: `python_docx` → `python-docx`."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def installed_versions() -> dict[str, str]:
    """Distribution name → version, read from the `name-version.dist-info` folder names
    on sys.path (first one wins, as for imports): a directory listing per path entry,
    where importlib.metadata would import the email parser and read every METADATA."""
    versions: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                name, _, version = folder.removesuffix(".dist-info").partition("-")
                versions.setdefault(normalized_name(name), version)
    return versions


def _metadata_version(name: str) -> str:
    """The slow way, for a distribution installed without a dist-info folder."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def digest_of(value: object) -> str:
    """The sha256 of a JSON-able value, keys sorted."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FileHashes:
    """Content hashes of code files, each file read at most once per run."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def of(self, files: Iterable[Path]) -> dict[str, str]:
        found: dict[str, str] = {}
        for path in files:
            if path not in self._known:
                self._known[path] = file_sha256(path)
            found[_shown(path)] = self._known[path]
        return found


def _shown(path: Path) -> str:
    """A path named relative to the package or templates, so installs agree."""
    for base, prefix in ((templates_folder(), "templates"), (PACKAGE, "generator")):
        if path.is_relative_to(base):
            return f"{prefix}/{path.relative_to(base).as_posix()}"
    return path.as_posix()


@dataclass(frozen=True)
class Fingerprints:
    """One hash per document format, one for thumbnails, one for the index page."""

    documents: dict[str, str]
    thumbnail: str
    index: str


def runtime_versions() -> dict[str, str]:
    return {"generator": generator.__version__, "python": platform.python_version(),
            "zlib": zlib.ZLIB_RUNTIME_VERSION}


def compute_fingerprints(formats: Iterable[str]) -> Fingerprints:
    """The fingerprints of `formats`, from the cache when the installation is unchanged."""
    from generator.build.fingerprint_cache import cached_fingerprints

    wanted = tuple(formats)
    return cached_fingerprints(wanted, hashed_fingerprints)


def installation_files() -> list[Path]:
    """Every file any fingerprint can read: the package's and the templates'."""
    return sorted({*files_under(PACKAGE), *files_under(templates_folder())})


def hashed_fingerprints(formats: Iterable[str]) -> Fingerprints:
    """The fingerprints of `formats`, every file read and hashed."""
    hashes = FileHashes()
    runtime = runtime_versions()
    common = library_versions(COMMON_LIBRARIES)
    documents = {}
    for format in formats:
        files = document_inputs(format)
        documents[format] = digest_of({
            "runtime": runtime, "files": hashes.of(files),
            "libraries": {**common, **library_versions(renderer_libraries(files))},
        })
    thumbnail = digest_of({"runtime": runtime, "files": hashes.of(thumbnail_inputs()),
                           "libraries": library_versions(THUMBNAIL_LIBRARIES)})
    index = digest_of({"runtime": runtime, "files": hashes.of(index_inputs()),
                       "libraries": library_versions(INDEX_LIBRARIES)})
    return Fingerprints(documents, thumbnail, index)


def source_input(source_sha256: str, images: Mapping[str, str]) -> str:
    """The hash of a brief's own inputs: its source's bytes and, when its figures show
    images, theirs (path relative to the source's folder -> sha256). Without images it
    is the source's hash alone, as before figures existed: no output is rebuilt."""
    if not images:
        return source_sha256
    return digest_of({"source": source_sha256, "images": dict(images)})


def image_hashes(folder: Path, images: Iterable[str]) -> dict[str, str]:
    """The current sha256 of each image (relative to `folder`) a source's figures
    showed when last built; `unreadable` for one that is gone, too big or not a file
    (its brief is then rebuilt, and the source reader reports the problem)."""
    from generator.source.limits import MAX_IMAGE_BYTES

    found: dict[str, str] = {}
    for relative in images:
        path = folder / relative
        try:
            too_big = not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES
            found[relative] = "unreadable" if too_big else file_sha256(path)
        except OSError:
            found[relative] = "unreadable"
    return found


def output_key(source_sha256: str, document_fingerprint: str, output: Output) -> str:
    """The hash of everything that determines `output`: equal keys, equal bytes.
    `source_sha256` is the brief's source_input (its source and its images)."""
    return digest_of({
        "source": source_sha256, "code": document_fingerprint,
        "language": output.language, "variant": output.variant, "format": output.format,
        "front_language": output.front_language,
    })


def thumbnail_key(pdf_sha256: str, thumbnail_fingerprint: str) -> str:
    return digest_of({"pdf": pdf_sha256, "code": thumbnail_fingerprint})

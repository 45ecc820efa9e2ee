"""The DOCX renderer's per-process caches (house template, element prototypes, frozen
parts compressed once) never carry one brief into another document, and its own zip
writer gives the bytes `zipfile` gives."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from functools import cache

import pytest

from generator.build.work import settled_layout
from generator.model import Brief
from generator.render.docx import render_docx
from generator.render.docx.package import (
    FIXED_TIMESTAMP,
    deflate,
    member_order,
    package_members,
    zip_bytes,
)
from generator.render.docx.template import house_template, new_document
from generator.source import brief_for, load_source
from generator.style.house import ROLES
from tests.conftest import ROOT, SAMPLE

VARIANTS = ("full", "exec", "handout")
OTHER = {"en": "ko", "ko": "en"}


@cache
def sample_brief(language: str, variant: str, front_language: str | None = None) -> Brief:
    source = load_source(SAMPLE)
    return settled_layout(brief_for(source, language, variant=variant,
                                    front_language=front_language or language))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_brief_renders_alike_with_another_language_rendered_in_between(
    language: str, variant: str
) -> None:
    brief = sample_brief(language, variant)
    first = render_docx(brief)
    other = render_docx(sample_brief(OTHER[language], variant))
    render_docx(sample_brief(language, variant, front_language=OTHER[language]))
    assert render_docx(brief) == first
    assert other != first


def test_a_handout_and_a_full_brief_share_no_state() -> None:
    handout, full = sample_brief("en", "handout"), sample_brief("en", "full")
    first = render_docx(full)
    render_docx(handout)
    assert render_docx(full) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert not any(name.startswith("word/media/") for name in package.namelist())


_FRESH_PROCESS = """
import sys
from pathlib import Path
from generator.build.work import settled_layout
from generator.render.docx import render_docx
from generator.source import brief_for, load_source
brief = brief_for(load_source(Path(sys.argv[1])), sys.argv[2], variant=sys.argv[3])
sys.stdout.buffer.write(render_docx(settled_layout(brief)))
"""


@pytest.mark.parametrize("language, variant", [("en", "full"), ("ko", "handout")])
def test_the_first_document_of_a_process_equals_a_later_one(language: str,
                                                             variant: str) -> None:
    render_docx(sample_brief(OTHER[language], variant))  # this process's caches are warm
    fresh = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS, str(SAMPLE), language, variant],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout
    assert fresh == render_docx(sample_brief(language, variant))


def test_documents_of_one_template_are_independent() -> None:
    first, second = new_document("en", ROLES), new_document("en", ROLES)
    first.add_paragraph("only in the first document")
    assert first.element is not second.element
    assert "only in the first" not in second.element.xml


def test_rendering_leaves_the_house_template_unchanged() -> None:
    template = house_template("ko", tuple(ROLES.items()))
    blobs = [plan.blob for plan in template.parts]
    brief = sample_brief("ko", "full")
    render_docx(brief)
    assert [plan.blob for plan in template.parts] == blobs
    assert brief.title not in b"".join(blobs).decode("utf-8")


def zipfile_bytes(members: dict[str, bytes]) -> bytes:
    """`members` written by zipfile, as the renderer once repacked python-docx's save."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(members, key=member_order):
            member = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0o600 << 16
            target.writestr(member, members[name], compresslevel=6)
    return output.getvalue()


@pytest.mark.parametrize("language, variant", [("en", "exec"), ("ko", "handout")])
def test_the_zip_writer_gives_zipfiles_bytes(language: str, variant: str) -> None:
    data = render_docx(sample_brief(language, variant))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        members = {name: package.read(name) for name in package.namelist()}
    assert data == zipfile_bytes(members)


def test_the_zip_writer_matches_zipfile_for_any_member() -> None:
    members = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"",
               "b/large.bin": bytes(range(256)) * 2000, "a/text.xml": "한글".encode()}
    ordered = sorted(members, key=member_order)
    assert zip_bytes((name, deflate(members[name])) for name in ordered) == zipfile_bytes(
        members)


def test_package_members_are_the_members_python_docx_saves() -> None:
    document = new_document("en", ROLES)
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        expected = {name: package.read(name) for name in package.namelist()}
    members = package_members(document.part.package)
    assert sorted(members) == sorted(expected)
    for name, member in members.items():
        assert zipfile_bytes({name: expected[name]}) == zip_bytes([(name, member)]), name

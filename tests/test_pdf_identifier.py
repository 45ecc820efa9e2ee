"""The PDF trailer's /ID comes from the file's content, never from the environment."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.batch_helpers import generate_command
from tests.conftest import MINIMAL_SOURCE, ROOT, SAMPLE


def trailer_id(pdf: bytes) -> bytes:
    found = re.search(rb"/ID\s*\[<([0-9a-f]{32})><\1>\]", pdf)
    assert found is not None, "no /ID in the trailer"
    return found.group(1)


def build_pdf(source: Path, out: Path, env: dict[str, str], formats: str = "pdf") -> bytes:
    subprocess.run(generate_command(str(source), "--out", str(out), "--format", formats,
                                    "--lang", "en", "-q"),
                   cwd=ROOT, check=True, timeout=120,
                   env=env)
    return (out / f"{source.stem}-en-full.pdf").read_bytes()


def test_documents_are_byte_identical_with_and_without_source_date_epoch(
    tmp_path: Path,
) -> None:
    import os

    base = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    plain = build_pdf(SAMPLE, tmp_path / "plain", base, "docx,pdf")
    epoch = build_pdf(SAMPLE, tmp_path / "epoch", {**base, "SOURCE_DATE_EPOCH": "1700000000"},
                      "docx,pdf")
    assert trailer_id(plain) == trailer_id(epoch)
    assert plain == epoch
    docx = "co-23-30-en-full.docx"
    assert (tmp_path / "plain" / docx).read_bytes() == (tmp_path / "epoch" / docx).read_bytes()


def test_briefs_with_the_same_metadata_but_other_text_get_other_ids(tmp_path: Path) -> None:
    import os

    first, second = tmp_path / "a" / "brief.yaml", tmp_path / "b" / "brief.yaml"
    for path, text in ((first, MINIMAL_SOURCE),
                       (second, MINIMAL_SOURCE.replace("First paragraph.", "Other words."))):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    env = dict(os.environ)
    assert (trailer_id(build_pdf(first, tmp_path / "out-a", env))
            != trailer_id(build_pdf(second, tmp_path / "out-b", env)))

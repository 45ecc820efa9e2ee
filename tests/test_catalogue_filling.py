"""Catalogue values are jinja2 templates; those made only of text and `{{ name }}`
placeholders are filled without jinja2. The result must be jinja2's, for every value
that ships and for author text that looks like template syntax."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator.source import brief_for, load_source
from generator.style import texts

HOSTILE = ["{{ 7*7 }}", "{% if x %}y{% endif %}", "{# c #}", "}}{{", "<b>&amp;</b>", "",
           "현승수", "Kim \\n Jong-un", 42, None, 3.5]


def jinja2_result(source: str, values: dict[str, object]) -> str:
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    return environment.from_string(source).render(**values)


def shipped_templates() -> list[tuple[str, str, str]]:
    found = []
    for language in texts.available_languages():
        for key, value in texts.catalogue(language).items():
            sources = [value] if isinstance(value, str) else [
                line for _, line in value] if key == "author_lines" else []
            found += [(language, key, source) for source in sources if "{{" in source]
    return found


@pytest.mark.parametrize(("language", "key", "source"), shipped_templates())
def test_each_shipped_template_is_filled_as_jinja2_fills_it(
        language: str, key: str, source: str) -> None:
    names = texts._PLACEHOLDER.findall(source)
    assert names, source
    for value in HOSTILE:
        values = {name: value for name in names}
        assert texts.fill(source, values) == jinja2_result(source, values)


@pytest.mark.parametrize("source", ["{{ name|upper }}", "{% if name %}{{ name }}{% endif %}",
                                    "a\n{{ name }}\n"])
def test_other_jinja2_syntax_goes_to_jinja2(source: str) -> None:
    assert texts._placeholders(source) is None
    assert texts.fill(source, {"name": "x"}) == jinja2_result(source, {"name": "x"})


def test_a_missing_value_is_jinja2_s_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        texts.fill("{{ name }})", {})


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_pdf_worker_renders_a_brief_without_importing_jinja2(
        tmp_path: Path, language: str) -> None:
    # The PDF half of a split build: a fresh process gets the model, writes the PDF.
    source = load_source(Path(__file__).resolve().parent.parent / "sources" / "co-23-30.yaml")
    brief = brief_for(source, language, variant="exec", front_language="en")
    (tmp_path / "brief.pickle").write_bytes(pickle.dumps(brief))
    script = (
        "import pickle, sys\n"
        f"brief = pickle.loads(open({str(tmp_path / 'brief.pickle')!r}, 'rb').read())\n"
        "from generator.render.pdf import render_pdf\n"
        "assert render_pdf(brief).startswith(b'%PDF')\n"
        "print(sorted(m for m in sys.modules if m.startswith('jinja2')))\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True)
    assert finished.stdout.strip() == "[]"

"""Every page of the sample's twelve outputs looks as reviewed and approved.

An intended change is re-approved with `.venv/bin/python -m tests.visual.approve`
(docs/visual-tests.md); an unintended one fails here, with review images.
"""

from __future__ import annotations

import pytest

from tests.conftest import require_tools
from tests.visual.goldens import (
    GOLDEN_DPI,
    approved_page_counts,
    page_changes,
    write_review_images,
)
from tests.visual.outputs import SAMPLE_FILES, Renders
from tests.visual.pages import page_images

APPROVE = ".venv/bin/python -m tests.visual.approve"


@pytest.mark.parametrize("file_name", SAMPLE_FILES)
def test_each_page_of_the_sample_looks_as_approved(renders: Renders, file_name: str) -> None:
    if file_name.endswith(".docx") and renders.converted is None:
        require_tools("soffice")
    pages = page_images(renders.pages_of(file_name), GOLDEN_DPI)
    approved = approved_page_counts().get(file_name)
    assert approved is not None, f"{file_name} has no goldens: review it, then run {APPROVE}"
    changed = [change.number for change in page_changes(file_name, pages)
               if not change.acceptable]
    if changed or approved != len(pages):
        folder = write_review_images(file_name, pages, changed)
        pytest.fail(
            f"{file_name}: {len(pages)} pages (approved: {approved}); pages changed: "
            f"{changed or 'none'}. Golden | new | changes in red: {folder}. "
            f"If the change is intended, approve it: {APPROVE}"
        )

"""Brief sources: YAML with line:col for every node, a strict schema, located errors.

The names below are imported on first use (PEP 562), so that `generator.source.limits`
and the other small modules can be imported without the reader's libraries (YAML,
Markdown, jinja2): a build's main process forks its workers before it needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from generator.diagnostics import Diagnostic, SourceError

if TYPE_CHECKING:
    from generator.source.loader import SourceBrief, brief_for, load_brief, load_source
    from generator.source.schema import SCHEMA

_LAZY = {"SourceBrief": "loader", "brief_for": "loader", "load_brief": "loader",
         "load_source": "loader", "SCHEMA": "schema"}

__all__ = [
    "SCHEMA",
    "Diagnostic",
    "SourceBrief",
    "SourceError",
    "brief_for",
    "load_brief",
    "load_source",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value

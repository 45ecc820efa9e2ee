"""Brief sources: YAML with line:col for every node, a strict schema, located errors."""

from generator.diagnostics import Diagnostic, SourceError
from generator.source.loader import SourceBrief, brief_for, load_brief, load_source
from generator.source.schema import SCHEMA

__all__ = [
    "SCHEMA",
    "Diagnostic",
    "SourceBrief",
    "SourceError",
    "brief_for",
    "load_brief",
    "load_source",
]

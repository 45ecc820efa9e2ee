"""kinu-brief: KINU Online Series briefs from YAML sources to DOCX and PDF."""

__version__ = "0.1.0"

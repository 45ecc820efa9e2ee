"""The variants of a brief, as model → model transforms.

- `full`: the brief as written, its tables and figures included.
- `exec`: the full brief (tables and figures included) with its key points in an
  executive-summary box between the front matter and the body.
- `handout`: one page for a meeting: the front matter, the key points and, when the
  brief is published at an address, that address (printed and as a QR code); no body,
  so no tables or figures, and no notes.

A transform only rearranges the model; how a box or a handout page looks is the
house style's business, and whether a handout fits its page is the renderer's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from generator.model.nodes import Block, Brief, FullTextLink, KeyPoints

VARIANTS = ("full", "exec", "handout")
# Variants that print the key points, so need the source's `summary` in the language.
NEEDS_SUMMARY = frozenset({"exec", "handout"})


class MissingSummaryError(ValueError):
    """A variant that prints key points was asked of a brief that has none."""


def full_brief(brief: Brief) -> Brief:
    return replace(brief, variant="full")


def executive_summary(brief: Brief) -> Brief:
    """The full brief opened by a box of its key points."""
    box = KeyPoints("executive-summary", _key_points(brief, "exec"))
    return replace(brief, variant="exec", blocks=(box, *brief.blocks))


def handout(brief: Brief) -> Brief:
    """The front matter, the key points and the published address; nothing else."""
    blocks: tuple[Block, ...] = (KeyPoints("handout", _key_points(brief, "handout")),)
    if brief.url is not None:
        blocks += (FullTextLink(brief.url),)
    return replace(brief, variant="handout", blocks=blocks, footnotes=())


TRANSFORMS: dict[str, Callable[[Brief], Brief]] = {
    "full": full_brief,
    "exec": executive_summary,
    "handout": handout,
}


def apply_variant(brief: Brief, variant: str) -> Brief:
    """`brief` as variant `variant`; ValueError for a variant that does not exist."""
    transform = TRANSFORMS.get(variant)
    if transform is None:
        raise ValueError(f"unknown variant {variant!r} (known: {', '.join(VARIANTS)})")
    return transform(brief)


def _key_points(brief: Brief, variant: str) -> tuple[str, ...]:
    if not brief.summary:
        raise MissingSummaryError(
            f"the {variant} variant needs key points in summary.{brief.language}")
    return brief.summary

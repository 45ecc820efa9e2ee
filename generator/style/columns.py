"""How the columns of a body table share the text width: one rule for both formats.

Each renderer measures, per column, what its cells need at least (the widest word
that cannot break) and what they want (the longest line unbroken); this module decides
the widths. It is the rule of the PDF renderer's tables (generator/render/pdf/table.py,
`shared_widths`), kept here, outside either renderer, so that the DOCX's columns come
out as the PDF's do.
"""

from __future__ import annotations


def shared_widths(least: list[float], most: list[float], room: float) -> list[float]:
    """Widths for columns that need at least `least` and want `most`, filling `room`:
    everything wanted fits, the spare spread evenly; else each column that wants no
    more than an even share of what is left gets it all (the short ones: years,
    figures, short headings), and the others share the rest between what they need and
    what they want; if even their needs do not fit, in proportion to those."""
    if not most:
        return []
    if sum(most) <= room:
        spare = (room - sum(most)) / len(most)
        return [column + spare for column in most]
    if sum(least) > room:
        return [low * room / sum(least) for low in least]
    widths: dict[int, float] = {}
    while True:
        rest = [index for index in range(len(most)) if index not in widths]
        share = (room - sum(widths.values())) / len(rest)
        narrow = [index for index in rest if most[index] <= share]
        if not narrow:
            break
        widths.update((index, most[index]) for index in narrow)
    left = room - sum(widths.values())
    needed = sum(least[index] for index in rest)
    if needed > left:  # the short columns took too much: share it all by need and want
        widths, rest, left, needed = {}, list(range(len(most))), room, sum(least)
    wanted = sum(most[index] for index in rest)
    ratio = (left - needed) / (wanted - needed)
    widths.update((index, least[index] + (most[index] - least[index]) * ratio)
                  for index in rest)
    return [widths[index] for index in range(len(most))]

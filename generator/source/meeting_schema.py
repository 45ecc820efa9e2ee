"""The JSON Schema of a meeting file (`kind: meeting`), validated as a brief's is.

A meeting names the briefs discussed, in agenda order: each by its number (`CO 23-30`,
found among the sources) or by its file (`source: ../co-23-31.yaml`, relative to the
meeting file), optionally in another edition than the packet's language.
"""

from __future__ import annotations

from typing import Any

from generator.source.schema import (
    DATE_PATTERN,
    LANGUAGE_CODE,
    LOCALIZED_TEXT,
    NOT_BLANK,
    NUMBER_PATTERN,
    TIME_PATTERN,
    register_schema,
)

MEETING_KIND = "meeting"

_NUMBER = {"description": "A brief's series number, `CO YY-NN`, found among the sources.",
           "type": "string", "pattern": NUMBER_PATTERN}
_ENTRY = {
    "description": "A brief on the agenda: its number, or a mapping naming it by `number` "
    "or by `source` (a file relative to the meeting file, inside the sources folder), "
    "with an optional `edition`.",
    "anyOf": [
        _NUMBER,
        {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {
                "number": _NUMBER,
                "source": {"type": "string", "pattern": NOT_BLANK},
                "edition": {
                    "description": "The edition to hand out (default: the packet's language).",
                    "type": "string", "pattern": LANGUAGE_CODE,
                },
            },
        },
    ],
}

MEETING_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "KINU meeting: the packet of handouts for one meeting",
    "type": "object",
    "required": ["kind", "title", "date", "language", "briefs"],
    "additionalProperties": False,
    "properties": {
        "kind": {"description": "Always `meeting`: what tells a meeting file from a brief.",
                 "type": "string", "enum": [MEETING_KIND]},
        "title": LOCALIZED_TEXT,
        "date": {"description": "The meeting's date, ISO `YYYY-MM-DD`.",
                 "type": "string", "pattern": DATE_PATTERN},
        "time": {"description": "When it starts, `HH:MM` (24-hour; quote it).",
                 "type": "string", "pattern": TIME_PATTERN},
        "venue": LOCALIZED_TEXT,
        "language": {"description": "The packet's language: its cover, labels, and the "
                     "edition of each brief unless the entry names another.",
                     "type": "string", "pattern": LANGUAGE_CODE},
        "briefs": {"description": "The briefs discussed, in agenda order.",
                   "type": "array", "minItems": 1, "items": _ENTRY},
    },
}

register_schema(MEETING_KIND, MEETING_SCHEMA,
                "a meeting is a mapping of keys such as 'kind', 'title', 'date', 'language', "
                "'briefs'")

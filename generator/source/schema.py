"""The JSON Schema of a brief source, and its errors as located diagnostics.

The schema is the single definition of the source's shape: `kinu-brief schema`
prints it for editors, and `check` validates every source with it (jsonschema),
then maps each error back to the line and column of the offending node.

Importing jsonschema costs ~50 ms, a sixth of rendering a brief by hand, and almost
every source is valid. So a source is first checked by `conforms`, a small reading of
the few keywords this schema uses (it refuses any other), and jsonschema is imported
only to explain a source that does not conform. Tests check that both agree.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from generator.diagnostics import Diagnostic
from generator.source.yaml_tree import JsonPath, NodeIndex, Position, field_name

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

LANGUAGE_CODE = "^[a-z]{2}$"
NUMBER_PATTERN = r"^CO [0-9]{2}-[0-9]{2}$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[^\s<>\"]+$"
EMBARGO_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$"
EMBARGO_EXAMPLE = "2023-09-14T09:00"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"

NOT_BLANK = r"\S"
TEXT = {"type": "string", "pattern": NOT_BLANK}
LOCALIZED_TEXT = {
    "description": "Plain text for every edition, or a mapping from language code to text.",
    "anyOf": [
        TEXT,
        {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_CODE},
            "additionalProperties": TEXT,
            "minProperties": 1,
        },
    ],
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "KINU Online Series brief source",
    "type": "object",
    "required": ["number", "date", "title", "authors", "body"],
    "additionalProperties": False,
    "properties": {
        "number": {
            "description": "Series number as printed, `CO YY-NN`; YY is the date's year.",
            "type": "string", "pattern": NUMBER_PATTERN,
        },
        "date": {
            "description": "Publication date, ISO `YYYY-MM-DD`.",
            "type": "string", "pattern": DATE_PATTERN,
        },
        "series": {"type": "string", "enum": ["online-series"], "default": "online-series"},
        "url": {
            "description": "Where the brief is published (http or https).",
            "type": "string", "pattern": URL_PATTERN,
        },
        "status": {
            "description": "`final`, `draft` (watermarked DRAFT) or `embargoed` (a banner "
            "with the `embargo` date and time).",
            "type": "string", "enum": ["final", "draft", "embargoed"], "default": "final",
        },
        "embargo": {
            "description": "With status `embargoed` (and only then): until when, ISO date "
            f"and time `YYYY-MM-DDTHH:MM`, e.g. {EMBARGO_EXAMPLE}.",
            "type": "string", "pattern": EMBARGO_PATTERN,
        },
        "keywords": {"type": "array", "items": TEXT},
        "quotes": {
            "description": "`curly` (default): straight quotes and apostrophes typed in any "
            "text become typographic ones (“ ” ‘ ’), as the house style sets them; "
            "`as-typed`: every quote is printed as written.",
            "type": "string", "enum": ["curly", "as-typed"], "default": "curly",
        },
        "title": LOCALIZED_TEXT,
        "authors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "position", "division"],
                "additionalProperties": False,
                "properties": {
                    "name": LOCALIZED_TEXT,
                    "position": LOCALIZED_TEXT,
                    "division": LOCALIZED_TEXT,
                },
            },
        },
        "body": {
            "description": "Mapping from language code to the brief's Markdown text; "
            "its keys are the editions the source holds.",
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": LANGUAGE_CODE},
            "additionalProperties": TEXT,
        },
        "summary": {
            "description": "Mapping from language code to the key points of the brief.",
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_CODE},
            "additionalProperties": {"type": "array", "minItems": 1, "items": TEXT},
        },
    },
    # An embargoed brief says until when (located at `status` by _located).
    "if": {"properties": {"status": {"const": "embargoed"}}, "required": ["status"]},
    "then": {"required": ["embargo"]},
}



@cache
def _validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_SCHEMAS[kind])


_SCHEMAS: dict[str, dict[str, Any]] = {"brief": SCHEMA}
_EMPTY_HINTS = {"brief": "a brief is a mapping of keys such as 'number', 'date', 'title', "
                "'authors', 'body'"}


def register_schema(kind: str, schema: dict[str, Any], empty_hint: str) -> None:
    """Another kind of source (a meeting), validated by schema_diagnostics(kind=...)."""
    _SCHEMAS[kind] = schema
    _EMPTY_HINTS[kind] = empty_hint


_ANNOTATIONS = frozenset({"$schema", "title", "description", "default"})
_JSON_TYPES: dict[str, type | tuple[type, ...]] = {"string": str, "array": list, "object": dict}


def conforms(schema: dict[str, Any], value: Any) -> bool:
    """Whether `value` (str, list, dict or None: what a YAML source composes to) is
    valid under `schema`, as Draft 2020-12 defines the keywords SCHEMA uses."""
    return all(_keyword_holds(keyword, argument, schema, value)
               for keyword, argument in schema.items() if keyword not in _ANNOTATIONS)


def _keyword_holds(keyword: str, argument: Any, schema: dict[str, Any], value: Any) -> bool:
    if keyword == "type":
        return isinstance(value, _JSON_TYPES[argument])
    if keyword in ("if", "then"):
        return keyword == "then" or not conforms(argument, value) or conforms(
            schema.get("then", {}), value)
    if keyword == "anyOf":
        return any(conforms(branch, value) for branch in argument)
    if keyword in ("enum", "const"):
        return value in (argument if keyword == "enum" else [argument])
    if isinstance(value, str):
        return _string_keyword_holds(keyword, argument, value)
    if isinstance(value, list):
        return _array_keyword_holds(keyword, argument, value)
    if isinstance(value, dict):
        return _object_keyword_holds(keyword, argument, schema, value)
    return _known(keyword)


def _string_keyword_holds(keyword: str, argument: Any, value: str) -> bool:
    if keyword == "pattern":
        return re.search(argument, value) is not None
    return _known(keyword)


def _array_keyword_holds(keyword: str, argument: Any, value: list[Any]) -> bool:
    if keyword == "items":
        return all(conforms(argument, item) for item in value)
    if keyword == "minItems":
        return len(value) >= int(argument)
    return _known(keyword)


def _object_keyword_holds(keyword: str, argument: Any, schema: dict[str, Any],
                          value: dict[str, Any]) -> bool:
    properties = schema.get("properties", {})
    if keyword == "required":
        return all(name in value for name in argument)
    if keyword == "properties":
        return all(conforms(argument[key], item) for key, item in value.items()
                   if key in argument)
    if keyword == "additionalProperties":
        extra = [item for key, item in value.items() if key not in properties]
        return not extra if argument is False else all(conforms(argument, item)
                                                       for item in extra)
    if keyword == "propertyNames":
        return all(conforms(argument, key) for key in value)
    if keyword == "minProperties":
        return len(value) >= int(argument)
    return _known(keyword)


_KNOWN = frozenset({"type", "if", "then", "anyOf", "enum", "const", "pattern", "items",
                    "minItems", "required", "properties", "additionalProperties",
                    "propertyNames", "minProperties"})


def _known(keyword: str) -> bool:
    """A keyword that does not apply to this kind of value holds; an unknown one is a
    bug here, never a silent pass."""
    if keyword not in _KNOWN:
        raise ValueError(f"schema keyword {keyword!r} is not read by conforms()")
    return True

_PATTERN_MESSAGES = {
    NUMBER_PATTERN: "must look like 'CO 23-30' (CO, space, two-digit year, hyphen, "
    "two-digit sequence)",
    DATE_PATTERN: "must be an ISO date like 2023-09-14",
    URL_PATTERN: "must be an http:// or https:// address without spaces",
    EMBARGO_PATTERN: f"must be an ISO date and time like {EMBARGO_EXAMPLE}",
    LANGUAGE_CODE: "must be a two-letter lowercase language code such as 'en' or 'ko'",
    TIME_PATTERN: "must be a time of day like \"14:00\" (24-hour, in quotes)",
    NOT_BLANK: "must not be empty or only spaces",
}

_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping"}
_ANY_OF_TEXT = "must be text or a mapping from language code to text"
# A value that takes none of its forms, by its top-level field (a meeting's agenda).
_ANY_OF_MESSAGES: dict[JsonPath, str] = {
    ("briefs",): "must be a brief's number (CO 23-30) or a mapping with 'number' or "
    "'source' and an optional 'edition'",
}


def schema_diagnostics(data: Any, index: NodeIndex, path: str,
                       kind: str = "brief") -> list[Diagnostic]:
    """Every violation in `data` of the schema of `kind` (a brief, a meeting), located."""
    if not isinstance(data, dict):
        empty = data is None or data == ""  # no document, or `---` alone
        where = Position(1, 1) if empty else index.value_position(())
        state = "empty" if empty else "not a mapping"
        return [Diagnostic(path, where.line, where.column,
                           f"the file is {state}: {_EMPTY_HINTS[kind]}")]
    if conforms(_SCHEMAS[kind], data):
        return []
    found: list[Diagnostic] = []
    for error in _validator(kind).iter_errors(data):
        found.extend(_located(error, index, path, kind))
    return found


def _field_name(location: JsonPath, kind: str = "brief") -> str:
    return field_name(location) if location else f"the {kind}"


def _located(error: ValidationError, index: NodeIndex, path: str,
             kind: str = "brief") -> list[Diagnostic]:
    location: JsonPath = tuple(error.absolute_path)
    if error.validator == "anyOf" and isinstance(error.instance, str | dict) and error.context:
        # Localized text: report what is wrong inside the branch the value took.
        branch = 1 if isinstance(error.instance, dict) else 0
        inner = [sub for sub in error.context if sub.schema_path and sub.schema_path[0] == branch]
        return [found for sub in inner for found in _located(sub, index, path, kind)]
    if "propertyNames" in error.schema_path:
        where = index.key_position((*location, str(error.instance)))
        rule = _PATTERN_MESSAGES[LANGUAGE_CODE]
        message = f"'{error.instance}' in {_field_name(location)} {rule}"
        return [Diagnostic(path, where.line, where.column, message)]
    if error.validator == "required" and "then" in error.schema_path:
        where = index.value_position(("status",))
        message = f"status 'embargoed' needs an 'embargo' date and time, e.g. {EMBARGO_EXAMPLE}"
        return [Diagnostic(path, where.line, where.column, message)]
    if error.validator == "additionalProperties":
        return [
            Diagnostic(path, where.line, where.column, message)
            for message, where in _unknown_key_messages(error, location, index, kind)
        ]
    message, where = _message_and_position(error, location, index, kind)
    return [Diagnostic(path, where.line, where.column, message)]


def _message_and_position(
    error: ValidationError, location: JsonPath, index: NodeIndex, source_kind: str = "brief"
) -> tuple[str, Any]:
    field = _field_name(location, source_kind)
    kind = error.validator
    if kind == "required":
        missing = str(error.message).split("'")[1]
        return f"missing required field '{missing}' in {field}", index.value_position(location)
    where = index.value_position(location)
    if kind == "pattern":
        return f"{field} {_PATTERN_MESSAGES.get(str(error.validator_value), 'is malformed')}", where
    if kind == "type":
        wanted = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        return f"{field} must be {wanted}", where
    if kind == "anyOf":
        return f"{field} {_ANY_OF_MESSAGES.get(location[:1], _ANY_OF_TEXT)}", where
    if kind == "enum":
        choices = ", ".join(repr(choice) for choice in error.validator_value)
        return f"{field} must be one of {choices}, not {error.instance!r}", where
    if kind == "minLength":
        return f"{field} must not be empty", where
    if kind in ("minItems", "minProperties"):
        return f"{field} must not be empty", where
    return f"{field}: {error.message}", where


def _unknown_key_messages(
    error: ValidationError, location: JsonPath, index: NodeIndex, kind: str = "brief"
) -> list[tuple[str, Any]]:
    known = sorted(error.schema.get("properties", {}))
    container = _field_name(location, kind)
    found = []
    for key in (key for key in error.instance if key not in known):
        hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        suggestion = f"did you mean '{hint[0]}'?" if hint else f"known keys: {', '.join(known)}"
        found.append((f"unknown key '{key}' in {container} ({suggestion})",
                      index.key_position((*location, key))))
    return found

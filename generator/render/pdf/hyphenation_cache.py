"""pyphen's parsed hyphenation patterns, remembered across runs (as face_cache.py does
for fonts).

pyphen parses a language's pattern file with regular expressions when a process first
asks for it: ~115 ms for en-US (11,000 patterns), in every process that renders an
English PDF, which doubled the cost of hyphenation. The parsed table (pattern ->
(offset, values), plain ints and tuples) is kept in the per-user cache
(generator/user_cache.py, marshal) under the pattern file's stat signature and the
pyphen and Python versions, and handed to pyphen's own per-process cache of
dictionaries (`pyphen.hdcache`) before pyphen is asked. A table holding anything but
ints (a pattern file with non-standard hyphenation, which en-US has none of) is not
remembered. tests/test_pdf_line_breaking.py checks a remembered table equals a parsed
one.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pyphen

from generator import user_cache

FORMAT = 1
Patterns = dict[str, tuple[int, tuple[int, ...]]]


def pyphen_with_remembered_patterns(language: str, left: int, right: int) -> Any:
    """pyphen.Pyphen(lang=language, left=left, right=right), its patterns parsed once
    per installation rather than once per process."""
    path = Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = _dictionary(path)
    return pyphen.Pyphen(lang=language, left=left, right=right)


def dictionary_of_patterns(patterns: Patterns) -> Any:
    """A pyphen.HyphDict holding `patterns`, as HyphDict(path) makes it from the file."""
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = patterns
    dictionary.cache = {}
    dictionary.maxlen = max(len(key) for key in patterns)
    return dictionary


def _dictionary(path: Path) -> Any:
    entry = _entry_name(path)
    patterns = _remembered_patterns(entry)
    if patterns is not None:
        return dictionary_of_patterns(patterns)
    parsed = pyphen.HyphDict(path)
    if _plain(parsed.patterns) and user_cache.settled(path):
        user_cache.write_entry(entry, marshal.dumps(parsed.patterns))
    return parsed


def _plain(patterns: dict[str, Any]) -> bool:
    return all(isinstance(value, int) for _, values in patterns.values() for value in values)


def _entry_name(path: Path) -> str:
    return user_cache.entry_for_file("hyphenation", path, FORMAT, pyphen.VERSION)


def _remembered_patterns(entry: str) -> Patterns | None:
    patterns = user_cache.read_marshalled(entry)
    if not isinstance(patterns, dict) or not patterns:
        return None
    return patterns

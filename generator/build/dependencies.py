"""The project's own modules that a module needs, found by scanning its imports.

A document of one format is shaped by its renderer and by everything that renderer
imports, wherever it lives (plus the few modules fingerprint.SETTLING_MODULES names).
Following the `generator.*` imports, function-level ones too,
finds those files without a hand-kept list. Scanning is textual (1-2 ms for the
whole package): an import mentioned in a docstring only adds a file, never drops one.
The project uses absolute imports only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(generator[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)"
    r"|import[ \t]+(generator[\w.]*))",
    re.MULTILINE,
)


def module_file(package: Path, name: str) -> Path | None:
    """The file of module `name` (`generator.x.y`) below `package`, if it is a module."""
    base = package.joinpath(*name.split(".")[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def imported_names(text: str) -> set[str]:
    """Every `generator.*` name imported, and `module.name` for each `from … import name`
    (kept later only if it is a module itself)."""
    found: set[str] = set()
    for module, names, plain in IMPORT.findall(text):
        if plain:
            found.add(plain)
            continue
        found.add(module)
        found.update(f"{module}.{name}" for name in re.findall(r"\w+", names))
    return found


def with_parents(name: str) -> list[str]:
    """`a.b.c` → `a`, `a.b`, `a.b.c`: importing a module runs its packages first."""
    parts = name.split(".")
    return [".".join(parts[: end + 1]) for end in range(len(parts))]


def module_closure(package: Path, roots: Iterable[str],
                   read: Callable[[Path], bytes]) -> list[Path]:
    """The files of `roots` and of every project module they import, transitively."""
    seen: dict[str, Path] = {}
    pending = list(roots)
    while pending:
        for name in with_parents(pending.pop()):
            if name in seen:
                continue
            path = module_file(package, name)
            if path is None:
                continue  # an imported function or class, not a module
            seen[name] = path
            pending.extend(imported_names(read(path).decode("utf-8")))
    return sorted(set(seen.values()))

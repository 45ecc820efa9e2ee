"""Keep per-user reportlab customisation out of the rendering.

On import, reportlab executes `~/.reportlab_settings` (or a `reportlab_settings`
module on sys.path), which can change any default — compression, invariance, fonts
— and imports `~/.reportlab_mods` (or `reportlab_mods`), arbitrary code. A brief
must render the same bytes for every user and every cron job, so this module puts
empty modules under both names before reportlab is first imported; reportlab then
finds them and reads nothing from the home folder. It must not import reportlab.
"""

from __future__ import annotations

import sys
import types

USER_HOOKS = ("reportlab_settings", "reportlab_mods")


def ignore_user_reportlab_settings() -> None:
    """Stand empty modules in for reportlab's per-user hooks (before reportlab loads)."""
    for name in USER_HOOKS:
        if name not in sys.modules:
            module = types.ModuleType(name, "Stands in for a per-user reportlab hook: "
                                            "kinu-brief renders without them.")
            module.__all__ = []  # type: ignore[attr-defined]
            sys.modules[name] = module

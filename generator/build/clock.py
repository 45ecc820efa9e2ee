"""The build time: SOURCE_DATE_EPOCH when set (reproducible builds), else now, in UTC."""

from __future__ import annotations

import datetime
import os


def build_time() -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    return datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)


def build_time_text() -> str:
    """`2023-09-14T00:00:00Z`."""
    return build_time().strftime("%Y-%m-%dT%H:%M:%SZ")

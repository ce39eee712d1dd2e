"""Date strings to timezone-aware-where-given datetimes (ISO 8601 first, then dateutil)."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateutil_parser

_EARLIEST_YEAR = 1990
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")


def parse_date(value: str | None) -> datetime | None:
    """Parse a date as pages write it in metadata; None when it is not a plausible date."""
    if not value:
        return None
    value = value.strip()
    parsed = _parse(value)
    if parsed is None or not (_EARLIEST_YEAR <= parsed.year <= datetime.now().year + 1):
        return None
    return parsed


def _parse(value: str) -> datetime | None:
    if _EPOCH.match(value):
        seconds = int(value[:10])
        from datetime import UTC

        return datetime.fromtimestamp(seconds, tz=UTC)
    if _ISO_LIKE.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            pass
    try:
        return dateutil_parser.parse(value[:80], fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None

"""Date strings to timezone-aware-where-given datetimes (ISO 8601 first, then dateutil)."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime

from dateutil import parser as dateutil_parser
from dateutil.parser import UnknownTimezoneWarning

_EARLIEST_YEAR = 1990
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HOUR = 3600
_ZONES = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5 * _HOUR, "EDT": -4 * _HOUR, "CST": -6 * _HOUR, "CDT": -5 * _HOUR,
          "MST": -7 * _HOUR, "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR, "BST": _HOUR,
          "CET": _HOUR, "CEST": 2 * _HOUR, "IST": 5 * _HOUR + 1800, "JST": 9 * _HOUR, "AEST": 10 * _HOUR,
          "AEDT": 11 * _HOUR}
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
        return datetime.fromtimestamp(seconds, tz=UTC)
    if _ISO_LIKE.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            pass
    try:
        with warnings.catch_warnings():  # unknown zone names ("PST") parse as naive times
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            parsed: datetime = dateutil_parser.parse(value[:80], fuzzy=True, tzinfos=_ZONES)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed

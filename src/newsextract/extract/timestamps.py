"""Timestamps for the record: each date with the string the page printed, its precision, and
whether the page gave its time zone.

Rules (the record's contract):

- every value is timezone-aware; a value whose zone the page does not give is read as UTC,
  and ``*_tz_given`` is False;
- ``*_precision`` is ``day`` when the page gave a date alone (the value is that day's midnight),
  ``minute`` for a time without seconds (or an hour alone, "10 am"), ``second`` otherwise
  (Unix timestamps too);
- ``*_raw`` is the string as the page wrote it; for a day read from the URL, that part of its path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from newsextract.extract.vocabulary.dates import EPOCH, MINUTES, SECONDS
from newsextract.models import TimestampPrecision


@dataclass(frozen=True)
class DateText:
    """A date as the page wrote it, and what it was read as."""

    raw: str
    value: datetime
    source: str  # as in provenance: "json-ld", "meta", "dom", "url"


@dataclass(frozen=True)
class Stamp:
    """A record timestamp and what the page said about it."""

    value: datetime | None  # always aware
    raw: str | None = None
    precision: TimestampPrecision | None = None
    tz_given: bool | None = None


def precision_of(raw: str | None) -> TimestampPrecision | None:
    """How much of a moment the string gives: a date alone, minutes, or seconds."""
    if raw is None:
        return None
    text = raw.strip()
    if EPOCH.match(text) or SECONDS.search(text):
        return "second"
    return "minute" if MINUTES.search(text) else "day"


def _raw_of(value: datetime, source: str | None, seen: list[DateText]) -> str | None:
    """The string the value was read from: the same moment from the same source first, else from
    any, else the same wall-clock time (a naive local time given the offset of a UTC rendering)."""
    same = [t for t in seen if t.value == value and (t.value.tzinfo is None) == (value.tzinfo is None)]
    for text in sorted(same, key=lambda t: t.source != source):
        return text.raw
    wall = value.replace(tzinfo=None)
    for text in seen:
        if text.value.replace(tzinfo=None) == wall:
            return text.raw
    return None


def stamp(value: datetime | None, source: str | None, seen: list[DateText]) -> Stamp:
    """The record's timestamp for a chosen value (from ``source``), given every date string the page offered."""
    if value is None:
        return Stamp(None)
    raw = _raw_of(value, source, seen)
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return Stamp(aware, raw, precision_of(raw) or _precision_of_value(value), value.tzinfo is not None)


def _precision_of_value(value: datetime) -> TimestampPrecision:
    """For a value whose string is unknown: a naive midnight is a date alone."""
    if value.tzinfo is None and (value.hour, value.minute, value.second) == (0, 0, 0):
        return "day"
    return "second" if value.second else "minute"

"""Cell values: a validated record's Python values made ready for Parquet and CSV.

Usage::

    normaliser = Normaliser.for_type(column.type)
    cell = normaliser(value)                # datetimes in UTC, JSON text where the type says so
    csv_cell(cell)                          # "" for null, ISO 8601, JSON for lists/maps/structs
"""

from __future__ import annotations

import base64
import enum
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from newsextract.export.columns import ColType, ListOf, MapOf, Scalar

Convert = Callable[[Any], Any]


def utc(value: datetime) -> datetime:
    """`value` in UTC; a naive value (older batch outputs) is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def json_text(value: Any) -> str:
    """A string (or a URL, a datetime...) as its text; numbers, lists and dicts as compact JSON."""
    if not isinstance(value, str | int | float | list | tuple | dict):
        value = _json_default(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)  # e.g. a pydantic URL type: its text is what a reader wants


def converter(kind: ColType) -> Convert | None:
    """A function normalising values of `kind` (None when they pass through unchanged)."""
    if isinstance(kind, Scalar):
        return _SCALARS.get(kind.kind)
    if isinstance(kind, ListOf):
        item = converter(kind.item)
        return None if item is None else _nullable(lambda value: [item(v) for v in value])
    if isinstance(kind, MapOf):
        inner = converter(kind.value)
        return None if inner is None else _nullable(lambda value: {k: inner(v) for k, v in value.items()})
    members = [(member.name, converter(member.type)) for member in kind.members]

    def struct(value: Any) -> Any:
        # Keys the model does not know cannot be here: validation has rejected them.
        return {name: value.get(name) if conv is None else conv(value.get(name)) for name, conv in members}

    return _nullable(struct)


def _nullable(convert: Convert) -> Convert:
    return lambda value: None if value is None else convert(value)


def _string(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


_SCALARS: dict[str, Convert] = {
    "timestamp": _nullable(utc),
    "json": _nullable(json_text),
    "string": _nullable(_string),
}


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for null, true/false, ISO 8601 with offset, JSON for lists/maps/structs."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)
    return json_text(value)

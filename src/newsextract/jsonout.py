"""JSON / JSON Lines writers for records."""

from __future__ import annotations

import json
from typing import IO

from pydantic import BaseModel


def to_json(record: BaseModel, *, indent: int | None = None) -> str:
    """The record as JSON text (ISO 8601 dates, UTF-8 kept as is)."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def write_jsonl(record: BaseModel, stream: IO[str]) -> None:
    """Write one record as one line and flush, so a reader never sees half a line for long."""
    stream.write(to_json(record) + "\n")
    stream.flush()

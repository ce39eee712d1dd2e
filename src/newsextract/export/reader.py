"""Batch JSON Lines read as column batches, validated against the record models.

Usage::

    reader = JsonlReader(Path("out.jsonl"), layout, batch_size=10_000)
    for batch in reader.batches():          # {column name: [values]}, at most batch_size rows
        ...
    reader.records, reader.failures, reader.torn_line

Bounded memory: one batch of rows at a time. A last line without its newline that is not
JSON is a write cut short by a crash: it is skipped and reported in `torn_line`. Any other
malformed line stops the export with its line number (ExportError): silently dropping
records from a corpus is worse than stopping. Keys the models do not know (at the top level,
in the article or in the error) raise NewKeysFound so the caller restarts with extra columns.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from newsextract.export.columns import Column, Layout
from newsextract.export.errors import ExportError, NewKeysFound
from newsextract.export.values import Convert, converter

Batch = dict[str, list[Any]]
ExtraKey = tuple[str | None, str]


@dataclass(frozen=True)
class _Cell:
    column: Column
    convert: Convert | None


class JsonlReader:
    """One pass over a JSON Lines file (plain or .gz); counts are complete after `batches()` ends."""

    def __init__(self, source: Path, layout: Layout, batch_size: int) -> None:
        self.source, self.layout, self.batch_size = source, layout, batch_size
        self.records = self.failures = 0
        self.torn_line: int | None = None
        self._cells = tuple(_Cell(column, converter(column.type)) for column in layout.columns)
        self._extras = {(c.section, c.key) for c in layout.columns if not c.known}
        self._fields: dict[str | None, frozenset[str]] = {None: frozenset(layout.envelope.model_fields)}
        self._fields.update({section.field: frozenset(section.model.model_fields) for section in layout.sections})

    def batches(self) -> Iterator[Batch]:
        batch: Batch = {cell.column.name: [] for cell in self._cells}
        rows, new_keys = 0, dict[ExtraKey, None]()  # a dict: new columns in order of first sight
        for number, raw in enumerate(_lines(self.source), 1):
            record = self._parse(number, raw)
            if record is None:
                continue
            new_keys.update(
                dict.fromkeys(key for key in self._append(batch, number, record) if key not in self._extras)
            )
            rows += 1
            if rows == self.batch_size:
                _check(new_keys)
                yield batch
                batch, rows = {name: [] for name in batch}, 0
        _check(new_keys)
        if rows:
            yield batch

    def _parse(self, number: int, raw: bytes) -> dict[str, Any] | None:
        if not raw.strip():
            return None
        try:
            record = json.loads(raw)
        except ValueError as exc:
            if not raw.endswith(b"\n"):  # only the very last line can lack its newline
                self.torn_line = number
                return None
            raise ExportError(f"{self.source}:{number}: not JSON ({exc})") from None
        if not isinstance(record, dict):
            raise ExportError(f"{self.source}:{number}: not a JSON object")
        return record

    def _append(self, batch: Batch, number: int, record: dict[str, Any]) -> list[ExtraKey]:
        """Add the record's row to `batch`; return the unknown keys it had."""
        extras = self._pop_unknown(record)
        try:
            dump = self.layout.envelope.model_validate(record).model_dump()
        except ValidationError as exc:
            raise ExportError(f"{self.source}:{number}: not a newsextract record: {_first_error(exc)}") from None
        for cell in self._cells:
            column = cell.column
            if not column.known:
                value = extras.get((column.section, column.key))
            else:
                holder = dump if column.section is None else dump.get(column.section)
                value = None if holder is None else holder.get(column.key)
            batch[column.name].append(value if cell.convert is None else cell.convert(value))
        self.records += 1
        self.failures += dump.get("ok") is False
        return list(extras)

    def _pop_unknown(self, record: dict[str, Any]) -> dict[ExtraKey, Any]:
        """Take out the keys the models do not know (they would fail validation), keyed by (section, key)."""
        extras: dict[ExtraKey, Any] = {}
        for section, known in self._fields.items():
            holder = record if section is None else record.get(section)
            if not isinstance(holder, dict):
                continue
            for key in [key for key in holder if key not in known]:
                extras[(section, key)] = holder.pop(key)
        return extras


def _check(new_keys: dict[ExtraKey, None]) -> None:
    if new_keys:
        raise NewKeysFound(list(new_keys))


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "record"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {error['msg']}{more}"


def _lines(source: Path) -> Iterator[bytes]:
    """The file's lines, newline included; a damaged .gz is an ExportError, not a traceback."""
    with _open(source) as stream:
        try:
            yield from stream
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ExportError(f"{source}: damaged gzip file ({exc})") from None


def _open(source: Path) -> BinaryIO:
    if source.suffix == ".gz":
        return gzip.open(source, "rb")  # type: ignore[return-value]  # GzipFile reads like a BinaryIO
    return open(source, "rb")

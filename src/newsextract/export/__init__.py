"""Corpus-ready exports of batch output: JSON Lines -> Parquet or CSV.

Usage::

    from newsextract.export import export_records
    summary = export_records(Path("out.jsonl"), Path("out.parquet"))
    summary.records, summary.failures, summary.columns

JSON Lines stays the streaming, crash-safe format of ``newsextract batch``; this converts a
finished (or crashed) run into typed columns. See docs/export.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from newsextract._files import atomic_path
from newsextract.export.columns import Layout
from newsextract.export.errors import ExportError, MissingDependencyError, NewKeysFound, UsageError
from newsextract.export.reader import ExtraKey, JsonlReader
from newsextract.export.writers import require_pyarrow, write_csv, write_parquet
from newsextract.models import Result

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportSettings",
    "ExportSummary",
    "MissingDependencyError",
    "UsageError",
    "export_records",
    "format_for",
]

FORMATS = ("parquet", "csv")
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}


@dataclass(frozen=True)
class ExportSettings:
    batch_size: int = 10_000  # records per Arrow record batch / Parquet row group
    envelope: type[BaseModel] = Result  # the record model the columns are derived from


@dataclass(frozen=True)
class ExportSummary:
    dest: Path
    format: str
    records: int
    failures: int
    columns: tuple[str, ...]
    torn_line: int | None  # the line number of a skipped, cut-short last line


def format_for(dest: Path, fmt: str | None) -> str:
    """`fmt` if given, else the one named by the output's suffix."""
    if fmt is None:
        fmt = _SUFFIXES.get(dest.suffix.lower())
        if fmt is None:
            raise UsageError(f"cannot tell the format from {dest.name!r}: use .parquet or .csv, or --format")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return fmt


def export_records(
    source: Path,
    dest: Path,
    *,
    fmt: str | None = None,
    settings: ExportSettings = ExportSettings(),
    warn: Callable[[str], None] | None = None,
) -> ExportSummary:
    """Write the records of the JSON Lines file `source` to `dest` as Parquet or CSV.

    Raises ExportError (bad input; `dest` is left as it was), UsageError, MissingDependencyError.
    """
    fmt = format_for(dest, fmt)
    if dest.exists() and dest.resolve() == source.resolve():
        raise UsageError(f"the output {dest} is the input")
    if fmt == "parquet":
        require_pyarrow()
    base = Layout.derive(settings.envelope)
    extras: list[ExtraKey] = []
    # A batch with keys not yet among the columns restarts the export with them added; in the
    # first batch that costs little, as nothing has been written yet.
    while True:
        try:
            summary = _export_once(source, dest, fmt, base.with_extras(extras), settings.batch_size)
        except NewKeysFound as found:
            extras += found.keys
            continue
        if summary.torn_line is not None:
            (warn or _stderr)(
                f"newsextract: warning: {source}: line {summary.torn_line} is cut short (a crashed batch?): skipped"
            )
        return summary


def _export_once(source: Path, dest: Path, fmt: str, layout: Layout, batch_size: int) -> ExportSummary:
    reader = JsonlReader(source, layout, batch_size)
    write = write_parquet if fmt == "parquet" else write_csv
    with atomic_path(dest) as tmp:
        write(reader.batches(), layout, tmp)
    return ExportSummary(dest, fmt, reader.records, reader.failures, layout.names, reader.torn_line)


def _stderr(message: str) -> None:
    sys.stderr.write(message + "\n")

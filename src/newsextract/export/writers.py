"""Writers: column batches to Parquet (pyarrow) or CSV (the csv module), always via a temp file.

Usage::

    with atomic_path(Path("out.parquet")) as tmp:       # renamed over the target only on success
        write_parquet(reader.batches(), layout, tmp)
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsextract.export.columns import Layout, arrow_schema
from newsextract.export.errors import PARQUET_FIX, MissingDependencyError
from newsextract.export.values import csv_cell

Batch = dict[str, list[Any]]


def require_pyarrow() -> None:
    """Fail early, before reading anything, when the parquet extra is not installed."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingDependencyError(f"Parquet export needs pyarrow: {PARQUET_FIX}") from None


def write_parquet(batches: Iterable[Batch], layout: Layout, path: Path) -> None:
    """One Parquet row group per batch; only one batch is in memory at a time."""
    require_pyarrow()
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(layout)
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in batches:
            arrays = [pa.array(batch[field.name], type=field.type) for field in schema]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))


def write_csv(batches: Iterable[Batch], layout: Layout, path: Path) -> None:
    """A header row, then one row per record (RFC 4180 quoting, UTF-8, no pyarrow needed)."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(layout.names)
        for batch in batches:
            columns = [batch[name] for name in layout.names]
            writer.writerows([csv_cell(value) for value in row] for row in zip(*columns, strict=True))

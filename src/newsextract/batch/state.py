"""The embedded run state of a batch (SQLite): every input URL pending, done or failed.

Usage::

    with RunStore(Path("out.jsonl.state.sqlite")) as store:
        store.ingest(items, chunk=5000)             # streamed; duplicates dropped by the primary key
        for row in store.pending(): ...
        store.commit([Outcome.of_article(...)], [0], output_offset=1234)

The state and the output file are committed together: a row is "done" or "failed" only
once its output line is on disk, and `meta.output_offset` is the end of the last line the
state knows about. Anything past it in the output is a torn or uncommitted tail, cut on
restart (see files.py); its URLs are still pending here, so they are simply redone.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import TracebackType

from newsextract.batch.records import Outcome
from newsextract.batch.sources import InputItem

# Row statuses; interpolated into the SQL as literals, so that the partial index on failed rows applies.
PENDING, DONE, FAILED = "pending", "done", "failed"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,              -- input order
    url TEXT NOT NULL UNIQUE,            -- the record key; UNIQUE de-duplicates the input
    status TEXT NOT NULL DEFAULT '{PENDING}',
    attempts INTEGER NOT NULL DEFAULT 0,
    locator TEXT,                        -- offline pages: where the bytes are
    invalid TEXT,                        -- malformed input line: why (never fetched)
    error_kind TEXT,
    error_message TEXT,
    http_status INTEGER,
    out_offset INTEGER,                  -- where its line starts in the output
    out_len INTEGER,
    line INTEGER,                        -- the input's line number (see sources.InputItem)
    ext_id TEXT                          -- the input's own id (TSV/CSV input)
);
-- Only failed rows are ever looked up by offset (to cut their lines for a retry).
CREATE INDEX IF NOT EXISTS failed_by_offset ON items(out_offset) WHERE status = '{FAILED}';
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# Columns added since the first release: a state written before them gets them on open.
_ADDED_COLUMNS = {"line": "INTEGER", "ext_id": "TEXT"}

__all__ = ["DONE", "FAILED", "PENDING", "IngestCounts", "Outcome", "PendingRow", "RunStore"]


@dataclass(frozen=True, slots=True)
class PendingRow:
    """A URL still to be processed, as the pipeline needs it."""

    id: int
    url: str
    locator: str | None
    invalid: str | None
    line: int | None = None
    ext_id: str | None = None


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """Input lines read, and how many of them were new to the state."""

    lines: int
    new: int


class RunStore:
    """One run's state in a SQLite file; single-threaded use (one connection); a context manager."""

    def __init__(self, path: Path) -> None:
        # check_same_thread=False: the async API ingests in a worker thread, then hands the
        # connection back to the event loop; it is never used by two threads at once.
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # WAL + synchronous=NORMAL: a commit survives a process crash; after a power cut the
        # last commits may roll back, which only turns done rows back into pending ones.
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        present = {row[1] for row in self._conn.execute("PRAGMA table_info(items)")}
        for name, kind in _ADDED_COLUMNS.items():
            if name not in present:
                self._conn.execute(f"ALTER TABLE items ADD COLUMN {name} {kind}")

    def close(self) -> None:
        """Close the connection (all changes are already committed)."""
        self._conn.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table, or None."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, values: dict[str, str | None]) -> None:
        """Set (or with None, delete) meta values, in one transaction."""
        with self._transaction():
            for key, value in values.items():
                self._put_meta(key, value)

    def ingest(self, items: Iterable[InputItem], chunk: int, stop: threading.Event | None = None) -> IngestCounts:
        """Add input items as pending, in transactions of `chunk` rows; known URLs are left as they are.

        Stops between chunks once `stop` is set (the input is read again on the next run).
        """
        lines = new = 0
        iterator = iter(items)
        while not (stop and stop.is_set()) and (batch := list(islice(iterator, chunk))):
            before = self._conn.total_changes
            with self._transaction():
                self._conn.executemany(
                    "INSERT OR IGNORE INTO items (url, locator, invalid, line, ext_id) VALUES (?, ?, ?, ?, ?)",
                    ((item.key, item.locator, item.error, item.line, item.id) for item in batch),
                )
            lines += len(batch)
            new += self._conn.total_changes - before
        return IngestCounts(lines, new)

    def pending(self, page: int = 1_000) -> Iterator[PendingRow]:
        """The pending rows in input order, read a page at a time (keyset pagination)."""
        last = 0
        while True:
            rows = self._conn.execute(
                "SELECT id, url, locator, invalid, line, ext_id FROM items "
                f"WHERE id > ? AND status = '{PENDING}' ORDER BY id LIMIT ?",
                (last, page),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield PendingRow(*row)
            last = rows[-1][0]

    def commit(self, outcomes: Sequence[Outcome], offsets: Sequence[int | None], output_offset: int | None) -> None:
        """Record outcomes (with each line's output offset) and the output's committed end, atomically."""
        with self._transaction():
            self._conn.executemany(
                "UPDATE items SET status = ?, attempts = attempts + 1, error_kind = ?, error_message = ?, "
                "http_status = ?, out_offset = ?, out_len = ? WHERE id = ?",
                (_outcome_row(outcome, offset) for outcome, offset in zip(outcomes, offsets, strict=True)),
            )
            if output_offset is not None:
                self._put_meta("output_offset", str(output_offset))

    def failed_lines(self, max_attempts: int) -> Iterator[tuple[int, int, int, bool]]:
        """(id, out_offset, out_len, retryable) of failed rows in output order; streamed."""
        cursor = self._conn.execute(
            "SELECT id, out_offset, out_len, retry FROM ("
            "  SELECT id, out_offset, out_len, (invalid IS NULL AND attempts < ?) AS retry"
            f"  FROM items WHERE status = '{FAILED}') ORDER BY out_offset",
            (max_attempts,),
        )
        for row_id, offset, length, retry in cursor:
            yield int(row_id), int(offset or 0), int(length or 0), bool(retry)

    def reopen_failed(
        self,
        max_attempts: int,
        shifted: Iterable[tuple[int, int]],
        output_offset: int | None,
        extra_meta: dict[str, str | None],
    ) -> int:
        """Turn retryable failed rows back to pending and move the kept lines' offsets, atomically.

        `shifted` gives (id, new offset) for failed rows whose lines stay in a compacted
        output. Returns the number of rows reopened.
        """
        with self._transaction():
            self._conn.executemany(
                "UPDATE items SET out_offset = ? WHERE id = ?", ((off, row_id) for row_id, off in shifted)
            )
            cursor = self._conn.execute(
                f"UPDATE items SET status = '{PENDING}', out_offset = NULL, out_len = NULL "
                f"WHERE status = '{FAILED}' AND invalid IS NULL AND attempts < ?",
                (max_attempts,),
            )
            if output_offset is not None:
                self._put_meta("output_offset", str(output_offset))
            for key, value in extra_meta.items():
                self._put_meta(key, value)
            return cursor.rowcount

    def counts(self) -> dict[str, int]:
        """Rows by status."""
        rows = self._conn.execute("SELECT status, COUNT(*) FROM items GROUP BY status").fetchall()
        return {str(status): int(n) for status, n in rows}

    def failure_kinds(self) -> dict[str, int]:
        """Failed rows by error kind."""
        rows = self._conn.execute(
            f"SELECT error_kind, COUNT(*) FROM items WHERE status = '{FAILED}' GROUP BY error_kind ORDER BY 2 DESC"
        ).fetchall()
        return {str(kind): int(n) for kind, n in rows}

    def _put_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self._conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)


def _outcome_row(outcome: Outcome, offset: int | None) -> tuple[object, ...]:
    """The UPDATE parameters of one outcome: status, error fields, output span, id."""
    failure = outcome.failure
    status = DONE if failure is None else FAILED
    kind, message, http_status = (failure.kind, failure.message, failure.http_status) if failure else (None,) * 3
    return (status, kind, message, http_status, offset, len(outcome.line), outcome.row_id)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error (the connection runs in autocommit mode)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._conn.execute("COMMIT" if exc_type is None else "ROLLBACK")

"""Errors of the export: bad input (exit 1) and a missing optional dependency (exit 2)."""

from __future__ import annotations

PARQUET_FIX = 'pip install "newsextract[parquet]"'


class ExportError(Exception):
    """The export cannot be done: a malformed line, a clash of column names, an unreadable file."""


class UsageError(ExportError):
    """The request itself is wrong (unknown format, output = input)."""


class MissingDependencyError(UsageError):
    """Parquet needs pyarrow, an optional extra."""


class NewKeysFound(Exception):  # a signal to restart, not an error
    """Keys the models do not know turned up after the columns were fixed: restart with them."""

    def __init__(self, keys: list[tuple[str | None, str]]) -> None:
        super().__init__(f"{len(keys)} new keys")
        self.keys = keys

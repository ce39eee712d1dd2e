"""Errors of the export: bad input (ExportError, exit 1), a bad request or a missing optional dependency
(UsageError, MissingDependencyError, exit 2). The classes live in newsextract.errors with every other."""

from __future__ import annotations

from newsextract.errors import ExportError, MissingDependencyError, UsageError

__all__ = ["PARQUET_FIX", "ExportError", "MissingDependencyError", "NewKeysFound", "UsageError"]

PARQUET_FIX = 'pip install "newsextract[parquet]"'


class NewKeysFound(Exception):  # a signal to restart, not an error
    """Keys the models do not know turned up after the columns were fixed: restart with them."""

    def __init__(self, keys: list[tuple[str | None, str]]) -> None:
        super().__init__(f"{len(keys)} new keys")
        self.keys = keys

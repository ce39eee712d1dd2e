"""Finishing a Dask batch on the client: merge the complete parts, write the manifest, add up the summary."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from pathlib import Path
from typing import IO

from newsextract._files import atomic_file
from newsextract.batch.dask.cluster import Outcomes
from newsextract.batch.dask.layout import Run, write_manifest
from newsextract.batch.state import DONE, FAILED, RunStore
from newsextract.batch.summary import BatchSummary
from newsextract.errors import DaskBatchError
from newsextract.settings import BatchSettings

_MERGE_SUFFIX = ".merging"
_COPY_CHUNK = 1 << 20


def finish(run: Run, outcomes: Outcomes, partitions: int, settings: BatchSettings) -> tuple[int, int]:
    """Merge (once every part is complete) and write the manifest; raise if a partition kept failing.

    Returns the duplicates dropped by the merge (ok, failed).
    """
    complete = all(run.layout.part(spec.name).exists() for spec in run.specs)
    dropped = (0, 0)
    if complete and run.merged is not None:
        # A URL in several WARC files is kept once, from the first, as the local batch keeps the first.
        dedupe = bool(run.warc_names) and len(run.specs) > 1
        dropped = _merge(run, dedupe, settings.fsync)
    write_manifest(run, partitions, complete)
    if outcomes.failures and not outcomes.interrupted:
        raise DaskBatchError(
            f"{len(outcomes.failures)} partition(s) did not complete (first: {outcomes.first_failure()}); "
            "rerun the same command to resume them"
        )
    return dropped


def _merge(run: Run, dedupe: bool, fsync: bool) -> tuple[int, int]:
    """Write the complete parts into the output (atomically); return duplicates dropped (ok, failed)."""
    assert run.merged is not None
    dropped = (0, 0)
    parts = [run.layout.part(spec.name) for spec in run.specs]
    with atomic_file(run.merged, fsync=fsync, suffix=_MERGE_SUFFIX) as writer:
        if dedupe:
            dropped = _copy_first_of_each_url(parts, writer, run.layout.work / "merge-keys.sqlite")
        else:
            for part in parts:
                with open(part, "rb") as reader:
                    shutil.copyfileobj(reader, writer, _COPY_CHUNK)
    return dropped


def _copy_first_of_each_url(parts: list[Path], writer: IO[bytes], keys_path: Path) -> tuple[int, int]:
    """Copy lines whose URL was not seen in an earlier line; the seen set lives on disk (flat memory)."""
    keys_path.unlink(missing_ok=True)
    conn = sqlite3.connect(keys_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("CREATE TABLE seen (url TEXT PRIMARY KEY) WITHOUT ROWID")
    dropped_ok = dropped_failed = 0
    try:
        conn.execute("BEGIN")
        for part in parts:
            with open(part, "rb") as reader:
                for line in reader:
                    record = json.loads(line)
                    if conn.execute("INSERT OR IGNORE INTO seen VALUES (?)", (record["url"],)).rowcount:
                        writer.write(line)
                    elif record["ok"]:
                        dropped_ok += 1
                    else:
                        dropped_failed += 1
        conn.execute("COMMIT")
    finally:
        conn.close()
        keys_path.unlink(missing_ok=True)
    return dropped_ok, dropped_failed


def summarise(run: Run, outcomes: Outcomes, dropped: tuple[int, int], started: float) -> BatchSummary:
    """The run's summary: this run's counts from the reports, the totals from every partition's state."""
    totals, kinds = _state_totals(run)
    totals[DONE] = totals.get(DONE, 0) - dropped[0]
    totals[FAILED] = totals.get(FAILED, 0) - dropped[1]
    reports = outcomes.reports.values()
    return BatchSummary(
        input_lines=run.staged_lines + sum(r.input_lines for r in reports if r.name in run.warc_names),
        new_urls=sum(r.new_urls for r in reports),
        processed=sum(r.processed for r in reports),
        ok=sum(r.ok for r in reports),
        failed=sum(r.failed for r in reports),
        retried=sum(r.retried for r in reports),
        totals={k: v for k, v in totals.items() if v},
        failure_kinds=kinds,
        elapsed=time.monotonic() - started,
        interrupted=outcomes.interrupted,
        no_article=sum(r.no_article for r in reports),
    )


def _state_totals(run: Run) -> tuple[dict[str, int], dict[str, int]]:
    """Rows by status and failures by kind, over every partition's state."""
    totals: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for spec in run.specs:
        path = run.layout.state(spec.name)
        if not path.exists():
            continue
        with RunStore(path) as store:
            _add(totals, store.counts())
            _add(kinds, store.failure_kinds())
    return totals, dict(sorted(kinds.items(), key=lambda kv: -kv[1]))


def _add(into: dict[str, int], values: dict[str, int]) -> None:
    for key, value in values.items():
        into[key] = into.get(key, 0) + value

"""Before a batch's pipeline runs: tie the state to its output, stream the input in, reopen failures.

1. finish (or clean up after) a retry compaction that a crash interrupted;
2. bind the state to one output, refusing to overwrite a file this state did not write;
3. stream the input into the state as pending rows (duplicates fall to the primary key);
4. with --retry-failed, cut the lines of retryable failures from the output and reopen them.

All of it is blocking SQLite and file work, run in a thread (`in_thread`) that a signal can stop
between chunks.
"""

from __future__ import annotations

import asyncio
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from newsextract._files import replace_durably, temp_path
from newsextract.batch.files import copy_without
from newsextract.batch.sources import InputItem
from newsextract.batch.state import PENDING, IngestCounts, RunStore
from newsextract.errors import OutputStateError
from newsextract.settings import BatchSettings

_T = TypeVar("_T")
_COMPACT_SUFFIX = ".compact"


@dataclass(frozen=True)
class Prepared:
    """What preparing the run found: input lines and new URLs, failures reopened, rows pending."""

    counts: IngestCounts
    reopened: int
    total: int


NOTHING_PREPARED = Prepared(IngestCounts(0, 0), 0, 0)


def prepare(
    store: RunStore,
    items: Iterable[InputItem],
    output_name: str,
    path: Path | None,
    settings: BatchSettings,
    stop: threading.Event,
) -> Prepared:
    """Steps 1-4 above; `path` is the output file (None for stdout or a library caller)."""
    if path is not None:
        _finish_compaction(store, path)
    _bind_output(store, output_name, path)
    counts = store.ingest(items, settings.ingest_chunk, stop)
    reopened = _reopen_failed(store, path, settings) if settings.retry_failed and not stop.is_set() else 0
    return Prepared(counts, reopened, store.counts().get(PENDING, 0))


async def in_thread(stop: threading.Event, func: Callable[..., _T], *args: object) -> _T:
    """Run blocking setup in a thread; if cancelled, ask it to stop and wait (it holds the store)."""
    future = asyncio.ensure_future(asyncio.to_thread(func, *args))
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        stop.set()
        await asyncio.wait([future])
        raise


def _bind_output(store: RunStore, name: str, path: Path | None) -> None:
    """Tie the state to one output, refusing to overwrite a file this state did not write."""
    recorded = store.get_meta("output")
    if recorded is None:
        if path is not None and path.exists() and path.stat().st_size > 0:
            raise OutputStateError(
                f"{path} exists and was not written with this run state; "
                "pass the --state it was written with, or choose a new output"
            )
        store.set_meta({"output_offset": "0", "output": name})
    elif recorded != name:
        raise OutputStateError(f"this run state belongs to output {recorded}, not {name}")


def _finish_compaction(store: RunStore, path: Path) -> None:
    """Complete (or clean up after) a retry compaction that a crash interrupted."""
    tmp = temp_path(path, _COMPACT_SUFFIX)
    if store.get_meta("pending_rename") is not None:
        if tmp.exists():
            replace_durably(tmp, path)
        store.set_meta({"pending_rename": None})
    elif tmp.exists():
        tmp.unlink()  # never committed: the old output and state still agree


def _reopen_failed(store: RunStore, path: Path | None, settings: BatchSettings) -> int:
    """Reopen retryable failures; in a file output, first cut their lines (exactly one line per URL).

    The compacted copy is written beside the output; the state commits the new offsets with
    a "pending_rename" mark, then the copy is renamed over the output (_finish_compaction),
    so a crash at any point leaves an output and a state that agree.
    """
    if path is None:
        return store.reopen_failed(settings.max_attempts, (), None, {})
    committed = int(store.get_meta("output_offset") or 0)
    kept_ids, kept_offsets = array("q"), array("q")  # compact: failures kept are few, but may be many
    removed = 0

    def cuts() -> Iterator[tuple[int, int]]:
        nonlocal removed
        for row_id, offset, length, retry in store.failed_lines(settings.max_attempts):
            if retry:
                removed += length
                yield offset, length
            else:
                kept_ids.append(row_id)
                kept_offsets.append(offset - removed)

    tmp = temp_path(path, _COMPACT_SUFFIX)
    new_end = copy_without(path, tmp, cuts(), end=committed, fsync=settings.fsync)
    if removed == 0:
        tmp.unlink()
        return 0
    reopened = store.reopen_failed(
        settings.max_attempts, zip(kept_ids, kept_offsets, strict=True), new_end, {"pending_rename": str(tmp)}
    )
    _finish_compaction(store, path)
    return reopened

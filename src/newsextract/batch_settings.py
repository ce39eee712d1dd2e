"""Settings for batch runs (`newsextract batch`, run_batch): frozen, validated, passed down.

Usage::

    settings = BatchSettings(fetch=FetchSettings(per_host_delay=1.0), retry_failed=True)
    for result in run_batch(urls, settings=settings): ...

The lead will move this class into settings.py; import it from there once it has moved.
"""

from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict, Field

from newsextract.settings import (
    DEFAULT_EXTRACT_SETTINGS,
    DEFAULT_FETCH_SETTINGS,
    ExtractSettings,
    FetchSettings,
)


class BatchSettings(BaseModel):
    """How a batch run is paced, bounded and made resumable. Every field has a sensible default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fetch: FetchSettings = DEFAULT_FETCH_SETTINGS
    extract: ExtractSettings = DEFAULT_EXTRACT_SETTINGS
    # Extraction processes; None means one per core.
    workers: int | None = Field(default=None, ge=1)
    # URLs being fetched or extracted at once. Larger than the fetch concurrency so that
    # URLs of a host that is waiting out its politeness delay do not stall other hosts;
    # it also bounds how many fetched pages sit in memory waiting for a worker.
    max_in_flight: int = Field(default=128, ge=1)
    # Each extraction process is replaced after this many pages, so that heap growth from
    # parsing many different pages (fragmentation, parser caches) cannot add up over hours.
    worker_max_tasks: int | None = Field(default=1_000, ge=1)
    # Pages handed to the process pool at once, per worker: keeps the pool's own
    # (unbounded) call queue short.
    jobs_per_worker: int = Field(default=2, ge=1)
    # --retry-failed: failed URLs with fewer attempts than this are tried again.
    retry_failed: bool = False
    max_attempts: int = Field(default=3, ge=1)
    # The output and the state are committed together after this many records or
    # seconds, whichever comes first: the most a crash can make us redo.
    commit_every: int = Field(default=500, ge=1)
    commit_interval: float = Field(default=1.0, gt=0)
    # fsync the output before each state commit, so that a power cut cannot leave the
    # state claiming lines the disk never got. A process crash is safe without it.
    fsync: bool = True
    # Input lines written to the state per transaction while streaming the input in.
    ingest_chunk: int = Field(default=5_000, ge=1)

    def worker_count(self) -> int:
        """The number of extraction processes to start."""
        return self.workers or os.cpu_count() or 1


DEFAULT_BATCH_SETTINGS = BatchSettings()

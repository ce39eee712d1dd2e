"""Batch runs: many URLs (or saved pages, or WARC records) in, one Result per URL out, resumable.

Usage::

    for result in run_batch(["https://example.com/a", ...]):        # library, in-process
        print(result.ok, result.url)
    summary = run_to_file(list_items("urls.txt"),                    # what `newsextract batch` runs
                          output=Path("out.jsonl"), options=RunOptions(live_progress=True))

The modules, in the order a run uses them::

    options    RunOptions: the extraction function, the fetcher, progress and signal handling
    sources    inputs: URL lists (line numbers, ids), CSV/TSV tables, saved pages and URL maps,
               WARC files, and loading an offline page
    records    a record's provenance Envelope, and each URL's Outcome (its finished output line)
    state      the run state (SQLite, RunStore)
    files      the JSON Lines output, its torn-line repair, atomic file writes
    prepare    bind the state to the output, stream the input in, reopen failures to retry
    pipeline   pending rows through a bounded window: fetch, then extraction in the pool
    pool       the extraction processes (worker: what runs inside them; mainguard: the missing
               `if __name__ == "__main__":` of a script, caught at once)
    sinks      where outcomes go, and the commit protocol with the state
    progress, summary, signals    the live line, the end-of-run summary, clean stops
    run        the four entry points
    dask       the same run partitioned over a Dask cluster

Memory stays flat: the input is streamed into SQLite in chunks, pending rows are read a
page at a time, and at most `max_in_flight` URLs (and so pages) are in flight. The fetching
process never imports the extractor (trafilatura, lxml): only the pool's workers do.
"""

from __future__ import annotations

from newsextract.batch.options import RunOptions
from newsextract.batch.run import arun_batch, arun_to_file, run_batch, run_to_file
from newsextract.batch.summary import BatchSummary, format_summary
from newsextract.errors import OutputStateError

__all__ = [
    "BatchSummary",
    "OutputStateError",
    "RunOptions",
    "arun_batch",
    "arun_to_file",
    "format_summary",
    "run_batch",
    "run_to_file",
]

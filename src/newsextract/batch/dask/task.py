"""The worker side of a Dask batch: one task runs (or resumes) one partition into its part file.

A task locks its partition, runs `run_to_file` into ``work/NAME.jsonl.partial`` with
``work/NAME.state.sqlite`` and, once nothing is pending, renames the file to ``NAME.jsonl``:
the part is complete. A task that dies is rescheduled by Dask; the rerun resumes from the
partition's state, and `run_to_file` cuts whatever the dead task wrote past its last commit.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsextract._files import replace_durably
from newsextract.batch.dask.layout import Layout, exclusive
from newsextract.batch.options import DEFAULT_RUN_OPTIONS, RunOptions
from newsextract.batch.run import run_to_file
from newsextract.batch.sources import InputItem, warc_items
from newsextract.batch.state import PENDING, RunStore
from newsextract.batch.summary import BatchSummary
from newsextract.errors import DaskBatchError
from newsextract.settings import BatchSettings

DIGEST_KEY = "dask_input_digest"


@dataclass(frozen=True, slots=True)
class PartitionSpec:
    """One unit of work and of resume: a staged input file, or one WARC file."""

    name: str
    run_dir: str
    digest: str  # fingerprint of the input: a complete part with the same digest is skipped
    settings: BatchSettings
    options: RunOptions = DEFAULT_RUN_OPTIONS  # pickled to the worker: collaborators only (for_worker)
    warc: str | None = None


@dataclass(frozen=True, slots=True)
class PartitionReport:
    """What a partition task did: this run's counts, and whether its part file is complete."""

    name: str
    complete: bool
    skipped: bool
    input_lines: int = 0
    new_urls: int = 0
    processed: int = 0
    ok: int = 0
    failed: int = 0
    retried: int = 0
    no_article: int = 0

    @classmethod
    def of_run(cls, name: str, summary: BatchSummary) -> PartitionReport:
        """The report of a partition that ran; complete once nothing in its state is pending."""
        complete = not summary.interrupted and summary.totals.get(PENDING, 0) == 0
        counts = (summary.input_lines, summary.new_urls, summary.processed, summary.ok, summary.failed)
        return cls(name, complete, False, *counts, summary.retried, summary.no_article)


def run_partition(spec: PartitionSpec) -> PartitionReport:
    """Run one partition to completion (or resume it); what a Dask task calls on a worker.

    Usage: ``client.submit(run_partition, spec, pure=False, retries=2)``
    """
    layout = Layout(Path(spec.run_dir))
    _require_visible(layout, spec)
    _require_children_allowed()
    # A retried task waits here until an old attempt that is still running has let go.
    with exclusive(layout.lock(spec.name)):
        if _is_complete(layout, spec):
            return PartitionReport(spec.name, complete=True, skipped=True)
        _reopen(layout, spec.name)
        summary = run_to_file(
            _partition_items(layout, spec),
            output=layout.partial(spec.name),
            state=layout.state(spec.name),
            settings=spec.settings,
            options=spec.options,
        )
        report = PartitionReport.of_run(spec.name, summary)
        if report.complete:
            _publish(layout, spec)
        return report


def _require_visible(layout: Layout, spec: PartitionSpec) -> None:
    source = Path(spec.warc) if spec.warc else layout.staged(spec.name)
    if not source.is_file():
        raise DaskBatchError(
            f"{source} is not visible on this worker: the run directory and WARC files "
            "must be on a file system shared by the client and all workers, at the same path"
        )


def _require_children_allowed() -> None:
    # The extraction pool needs child processes, which a daemonic process may not start.
    if multiprocessing.current_process().daemon:
        raise DaskBatchError(
            "this Dask worker runs as a daemonic process and cannot start the extraction "
            "pool: start workers with DASK_DISTRIBUTED__WORKER__DAEMON=False (or --no-nanny)"
        )


def _is_complete(layout: Layout, spec: PartitionSpec) -> bool:
    state = layout.state(spec.name)
    if spec.settings.retry_failed or not layout.part(spec.name).exists() or not state.exists():
        return False
    with RunStore(state) as store:
        return store.get_meta(DIGEST_KEY) == spec.digest


def _reopen(layout: Layout, name: str) -> None:
    """Give a complete part back to its run (new input, or --retry-failed): the state knows it as .partial."""
    if layout.part(name).exists():
        replace_durably(layout.part(name), layout.partial(name))


def _publish(layout: Layout, spec: PartitionSpec) -> None:
    """Mark the part complete: digest into the state first, so a crash before the rename only redoes a no-op."""
    with RunStore(layout.state(spec.name)) as store:
        store.set_meta({DIGEST_KEY: spec.digest})
    replace_durably(layout.partial(spec.name), layout.part(spec.name))


def _partition_items(layout: Layout, spec: PartitionSpec) -> Iterator[InputItem]:
    if spec.warc is not None:
        yield from warc_items([Path(spec.warc)])
        return
    with open(layout.staged(spec.name), encoding="utf-8") as stream:
        for line in stream:
            yield InputItem(*json.loads(line))  # key, locator, error, line, id

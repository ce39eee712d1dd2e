"""Batch runs on a Dask cluster: the records and guarantees of `newsextract batch`, on many machines.

Usage::

    summary = run_batch_dask(list_items("urls.txt"), output=Path("out.jsonl"),
                             cluster="tcp://scheduler:8786")          # or cluster="local:4"
    summary = run_batch_dask([], warc=[Path("CC-NEWS-1.warc.gz")], output=Path("parts/"), cluster=client)

Needs the extra: ``pip install "newsextract[dask]"``. The steps of a run, on the client:

1. find the run directory (layout.py) (``OUT.parts/`` beside OUT, or DIR itself for ``-o DIR/``), lock it,
   and check the output belongs to it;
2. stage the input into N partition files (staging.py). A URL's partition is a stable hash of its host, so
   every URL of a host is fetched by one task: the per-host delay and robots.txt hold across the
   cluster. Saved pages go by their key (no politeness needed). Each WARC file is a partition of
   its own, read on the worker, so the client never reads the archives;
3. submit one `run_partition` task per partition (pure=False, with retries). A task locks its
   partition, runs `run_to_file` into ``work/NAME.jsonl.partial`` with ``work/NAME.state.sqlite``
   and, once nothing is pending, renames the file to ``NAME.jsonl``: the part is complete
   (task.py; the connection and submission: cluster.py);
4. merge the complete parts into OUT through a temporary file and a rename (``-o DIR/`` keeps the
   parts), write ``manifest.json``, and add up the partitions' summaries (merge.py).

Exactly once: a task that dies (its worker killed) is rescheduled by Dask; the rerun resumes
from the partition's SQLite state, and `run_to_file` cuts whatever the dead task wrote past the
last commit, so no URL is lost or doubled. Rerunning the command skips complete partitions
whose staged input is unchanged and resumes the others. A URL present in several WARC files
is kept once in the merged output, from the first file, as the local batch keeps the first.

Extraction inside a task uses the batch's process pool (crash isolation: a page that kills
the parser becomes a "worker_crashed" record). Daemonic processes cannot have children, so
Dask workers must run with ``distributed.worker.daemon: False`` (``local:N`` does this; for
``dask worker`` set ``DASK_DISTRIBUTED__WORKER__DAEMON=False``, or use ``--no-nanny``).
The run directory and the WARC files must be at the same path on every worker (a shared
file system).
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsextract.batch.dask.cluster import DaskClient, connect, default_partitions, local_cluster, submit_all
from newsextract.batch.dask.layout import Run, client_lock, open_run, read_manifest, write_manifest
from newsextract.batch.dask.merge import finish, summarise
from newsextract.batch.dask.staging import partition_of, plan
from newsextract.batch.dask.task import PartitionReport, PartitionSpec, run_partition
from newsextract.batch.mainguard import refuse_in_spawn_bootstrap
from newsextract.batch.options import DEFAULT_RUN_OPTIONS, RunOptions
from newsextract.batch.progress import LiveLine
from newsextract.batch.signals import on_first_stop_signal, raise_keyboard_interrupt
from newsextract.batch.sources import InputItem, as_items
from newsextract.batch.summary import BatchSummary
from newsextract.errors import DaskBatchError, OutputStateError
from newsextract.settings import DEFAULT_BATCH_SETTINGS, BatchSettings

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "DaskBatchError",
    "PartitionReport",
    "PartitionSpec",
    "local_cluster",
    "partition_of",
    "run_batch_dask",
    "run_partition",
]

_MAX_PARTITIONS = 1_000  # one open file each while staging


def run_batch_dask(
    items: Iterable[str] | Iterable[InputItem] = (),
    *,
    output: Path | str,
    cluster: str | Client,
    warc: Sequence[Path] = (),
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    partitions: int | None = None,
    options: RunOptions = DEFAULT_RUN_OPTIONS,
) -> BatchSummary:
    """Run a batch on a Dask cluster into one JSON Lines file, or a directory of parts ("DIR/").

    Usage: ``run_batch_dask(urls, output=Path("out.jsonl"), cluster="tcp://10.0.0.1:8786")``

    cluster: a scheduler address, "local:N" (a LocalCluster of N worker processes), or a
    distributed.Client. Resumable: run it again with the same arguments. `settings.workers`
    is the number of extraction processes per running partition (None: 1, since the cluster
    already runs a task per worker thread); concurrency limits apply per partition, the
    per-host limits across the cluster. The tasks get options.extract and fetcher_factory;
    the progress line and signal handling are the client's. Raises DaskBatchError if a
    partition kept failing, OutputStateError if the output belongs to another run.
    """
    refuse_in_spawn_bootstrap()
    started = time.monotonic()
    run = open_run(output)
    task_settings = settings if settings.workers else settings.model_copy(update={"workers": 1})
    line = LiveLine(options.progress_stream or sys.stderr, options.live_progress, options.progress_every)
    with client_lock(run.layout), connect(cluster) as client:
        count = _partition_count(run, partitions, client)
        plan(run, as_items(items), warc, count, task_settings, options)
        write_manifest(run, count, complete=False)
        # SIGTERM stops the run like Ctrl-C: tasks are cancelled, finished work stays committed.
        with on_first_stop_signal(raise_keyboard_interrupt) if options.handle_signals else contextlib.nullcontext():
            outcomes = submit_all(client, run.specs, line, options.handle_signals)
    dropped = finish(run, outcomes, count, settings)
    return summarise(run, outcomes, dropped, started)


def _partition_count(run: Run, requested: int | None, client: DaskClient) -> int:
    manifest = read_manifest(run.layout)
    if manifest is not None:
        recorded = int(manifest["partitions"])
        if requested is not None and requested != recorded:
            raise OutputStateError(
                f"{run.layout.run_dir} was partitioned {recorded} ways, not {requested}: "
                "resume needs the same partitions"
            )
        return recorded
    if requested is not None and not 1 <= requested <= _MAX_PARTITIONS:
        raise DaskBatchError(f"partitions must be between 1 and {_MAX_PARTITIONS}, not {requested}")
    return requested or default_partitions(client)

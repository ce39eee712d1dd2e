"""The client side of a Dask batch: the cluster connection, and one task per partition.

distributed is only partly typed: past the public signature, its client and futures are
handled as Any (DaskClient), so that mypy --strict checks our code, not theirs.
"""

from __future__ import annotations

import contextlib
import importlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsextract.batch.dask.task import PartitionReport, PartitionSpec, run_partition
from newsextract.batch.progress import LiveLine
from newsextract.errors import DaskBatchError
from newsextract.models import Failure

if TYPE_CHECKING:
    from distributed import Client

DaskClient = Any

_TASK_RETRIES = 2  # for exceptions; a worker that dies is rescheduled by the scheduler itself
_DEFAULT_MAX_PARTITIONS = 256


@contextlib.contextmanager
def connect(cluster: str | Client) -> Iterator[DaskClient]:
    """A client for a scheduler address, a new LocalCluster ("local:N"), or the caller's own client."""
    distributed: Any = importlib.import_module("distributed")

    if not isinstance(cluster, str):
        yield cluster  # the caller's client: theirs to close
        return
    if cluster.startswith("local:"):
        with local_cluster(_local_workers(cluster)) as client:
            yield client
        return
    try:
        client = distributed.Client(cluster, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise DaskBatchError(f"cannot reach the Dask scheduler at {cluster}: {exc}") from exc
    with client:
        yield client


def _local_workers(spec: str) -> int:
    text = spec.removeprefix("local:")
    if not text.isdigit() or int(text) < 1:
        raise DaskBatchError(f"--dask local:N needs a positive worker count, not {spec!r}")
    return int(text)


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[DaskClient]:
    """A LocalCluster of `workers` processes (one thread each) whose workers may start the extraction pool.

    Usage: ``with local_cluster(2) as client: run_batch_dask(urls, output=out, cluster=client)``

    The daemon setting stays in force for the cluster's life: the nanny reads it again
    when it restarts a worker that died.
    """
    import dask

    distributed: Any = importlib.import_module("distributed")

    # One thread per worker: a task's own process pool does the CPU work, so more threads
    # would only run more partitions' pools on the same cores.
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def default_partitions(client: DaskClient) -> int:
    """A few partitions per worker thread, which balances hosts of uneven size."""
    # The count is fixed in the manifest on the first run, since resume depends on it.
    threads = sum(client.nthreads().values()) or 1
    return max(1, min(_DEFAULT_MAX_PARTITIONS, 4 * threads))


@dataclass
class Outcomes:
    """The partitions' reports, the failures of those whose task kept failing, and whether the run was stopped."""

    reports: dict[str, PartitionReport] = field(default_factory=dict)
    failures: dict[str, Failure] = field(default_factory=dict)
    interrupted: bool = False

    def first_failure(self) -> str:
        """The first failed partition and why, for an error message."""
        name, failure = next(iter(self.failures.items()))
        return f"{name}: {failure.kind}: {failure.message}"


def submit_all(client: DaskClient, specs: list[PartitionSpec], line: LiveLine, stop_on_interrupt: bool) -> Outcomes:
    """Run every partition as a task and gather the outcomes; on KeyboardInterrupt cancel the tasks."""
    distributed: Any = importlib.import_module("distributed")
    token = uuid.uuid4().hex[:8]
    futures: dict[Any, str] = {
        client.submit(
            run_partition, spec, key=f"newsextract-{spec.name}-{token}", pure=False, retries=_TASK_RETRIES
        ): spec.name
        for spec in specs
    }
    outcomes = Outcomes()
    try:
        for future in distributed.as_completed(list(futures)):
            _collect(future, futures[future], outcomes)
            done = sum(r.complete for r in outcomes.reports.values())
            line.show(f"partitions {done}/{len(specs)} complete, {len(outcomes.failures)} failed")
    except KeyboardInterrupt:
        client.cancel(list(futures))
        if not stop_on_interrupt:
            raise
        outcomes.interrupted = True
    finally:
        line.clear()
    return outcomes


def _collect(future: Any, name: str, outcomes: Outcomes) -> None:
    if future.status == "finished":
        outcomes.reports[name] = future.result()
    else:
        outcomes.failures[name] = Failure.from_error(future.exception())

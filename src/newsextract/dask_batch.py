"""Batch runs on a Dask cluster: the records and guarantees of `newsextract batch`, on many machines.

Usage::

    summary = run_batch_dask(url_items(read_url_lines("urls.txt")), output=Path("out.jsonl"),
                             cluster="tcp://scheduler:8786")          # or cluster="local:4"
    summary = run_batch_dask([], warc=[Path("CC-NEWS-1.warc.gz")], output=Path("parts/"), cluster=client)

Needs the extra: ``pip install "newsextract[dask]"``. The steps of a run, on the client:

1. find the run directory (``OUT.parts/`` beside OUT, or DIR itself for ``-o DIR/``), lock it,
   and check the output belongs to it;
2. stage the input into N partition files. A URL's partition is a stable hash of its host, so
   every URL of a host is fetched by one task: the per-host delay and robots.txt hold across the
   cluster. Saved pages go by their key (no politeness needed). Each WARC file is a partition of
   its own, read on the worker, so the client never reads the archives;
3. submit one `run_partition` task per partition (pure=False, with retries). A task locks its
   partition, runs `run_to_file` into ``work/NAME.jsonl.partial`` with ``work/NAME.state.sqlite``
   and, once nothing is pending, renames the file to ``NAME.jsonl``: the part is complete;
4. merge the complete parts into OUT through a temporary file and a rename (``-o DIR/`` keeps the
   parts), write ``manifest.json``, and add up the partitions' summaries.

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
import fcntl
import hashlib
import importlib
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from newsextract.batch import extract_in_worker, run_to_file
from newsextract.batch_output import OutputStateError, fsync_dir
from newsextract.extract_pool import ExtractFn
from newsextract.inputs import InputItem, url_items, warc_items
from newsextract.progress import BatchSummary
from newsextract.settings import DEFAULT_BATCH_SETTINGS, BatchSettings
from newsextract.store import RunStore

if TYPE_CHECKING:
    from distributed import Client

# distributed is only partly typed: past the public signature, its client and futures are
# handled as Any (DaskClient), so that mypy --strict checks our code, not theirs.
DaskClient = Any

__all__ = ["DaskBatchError", "PartitionReport", "PartitionSpec", "partition_of", "run_batch_dask", "run_partition"]

MANIFEST = "manifest.json"
_FORMAT = "newsextract-dask-parts/1"
_DIGEST_KEY = "dask_input_digest"
_MAX_PARTITIONS = 1_000  # one open file each while staging
_DEFAULT_MAX_PARTITIONS = 256
_TASK_RETRIES = 2  # for exceptions; a worker that dies is rescheduled by the scheduler itself
_MERGE_CHUNK = 5_000
_TICK_SECONDS = 0.5


class DaskBatchError(RuntimeError):
    """The cluster could not run the batch: unreachable, misconfigured, or a partition kept failing."""


# --- partitions: what a task gets, and what it reports ----------------------------------------------


@dataclass(frozen=True, slots=True)
class PartitionSpec:
    """One unit of work and of resume: a staged input file, or one WARC file."""

    name: str
    run_dir: str
    digest: str  # fingerprint of the input: a complete part with the same digest is skipped
    settings: BatchSettings
    extract: ExtractFn = extract_in_worker
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


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a run keeps its files; the same paths on the client and on every worker."""

    run_dir: Path

    @property
    def work(self) -> Path:
        return self.run_dir / "work"

    @property
    def manifest(self) -> Path:
        return self.run_dir / MANIFEST

    def part(self, name: str) -> Path:
        return self.run_dir / f"{name}.jsonl"

    def partial(self, name: str) -> Path:
        return self.work / f"{name}.jsonl.partial"

    def state(self, name: str) -> Path:
        return self.work / f"{name}.state.sqlite"

    def staged(self, name: str) -> Path:
        return self.work / f"{name}.input.jsonl"

    def lock(self, name: str) -> Path:
        return self.work / f"{name}.lock"


def partition_of(item: InputItem, count: int) -> int:
    """The partition of an input item: by host for URLs to fetch, by key otherwise. Stable across runs.

    Usage: ``partition_of(InputItem("https://a.com/x"), 16)``

    A keyed hash, not hash(): Python salts str hashes per process, and a rerun must put
    every URL into the partition whose state already knows it.
    """
    basis = item.key
    if item.locator is None and item.error is None:
        basis = urlsplit(item.key).hostname or item.key
    digest = hashlib.blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


# --- the worker side ----------------------------------------------------------------------------


def run_partition(spec: PartitionSpec) -> PartitionReport:
    """Run one partition to completion (or resume it); what a Dask task calls on a worker.

    Usage: ``client.submit(run_partition, spec, pure=False, retries=2)``
    """
    layout = _Layout(Path(spec.run_dir))
    _require_visible(layout, spec)
    _require_children_allowed()
    with _exclusive(layout.lock(spec.name)):
        if _is_complete(layout, spec):
            return PartitionReport(spec.name, complete=True, skipped=True)
        _reopen(layout, spec.name)
        summary = run_to_file(
            _partition_items(layout, spec),
            output=layout.partial(spec.name),
            state=layout.state(spec.name),
            settings=spec.settings,
            extract=spec.extract,
        )
        complete = not summary.interrupted and summary.totals.get("pending", 0) == 0
        if complete:
            _publish(layout, spec)
        return PartitionReport(
            spec.name,
            complete,
            False,
            summary.input_lines,
            summary.new_urls,
            summary.processed,
            summary.ok,
            summary.failed,
            summary.retried,
        )


def _require_visible(layout: _Layout, spec: PartitionSpec) -> None:
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


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Hold the partition's lock: a retried task waits until an old attempt still running has let go."""
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released by the kernel if the holder dies
        yield


def _is_complete(layout: _Layout, spec: PartitionSpec) -> bool:
    if spec.settings.retry_failed or not layout.part(spec.name).exists():
        return False
    return _state_meta(layout.state(spec.name), _DIGEST_KEY) == spec.digest


def _state_meta(path: Path, key: str) -> str | None:
    if not path.exists():
        return None
    store = RunStore(path)
    try:
        return store.get_meta(key)
    finally:
        store.close()


def _reopen(layout: _Layout, name: str) -> None:
    """Give a complete part back to its run (new input, or --retry-failed): the state knows it as .partial."""
    if layout.part(name).exists():
        os.replace(layout.part(name), layout.partial(name))


def _publish(layout: _Layout, spec: PartitionSpec) -> None:
    """Mark the part complete: digest into the state first, so a crash before the rename only redoes a no-op."""
    store = RunStore(layout.state(spec.name))
    try:
        store.set_meta({_DIGEST_KEY: spec.digest})
    finally:
        store.close()
    os.replace(layout.partial(spec.name), layout.part(spec.name))
    fsync_dir(layout.run_dir)


def _partition_items(layout: _Layout, spec: PartitionSpec) -> Iterator[InputItem]:
    if spec.warc is not None:
        yield from warc_items([Path(spec.warc)])
        return
    with open(layout.staged(spec.name), encoding="utf-8") as stream:
        for line in stream:
            key, locator, error = json.loads(line)
            yield InputItem(key, locator, error)


# --- the client side: run directory, staging ------------------------------------------------------


@dataclass
class _Run:
    layout: _Layout
    merged: Path | None  # None for -o DIR/: the parts are the output
    specs: list[PartitionSpec] = field(default_factory=list)
    staged_lines: int = 0
    warc_names: set[str] = field(default_factory=set)


def _open_run(target: Path | str) -> _Run:
    """The run directory for an output, after checking the output belongs to it."""
    # Path() drops a trailing "/", so the directory form is read from the string as given.
    output = Path(target)
    as_dir = str(target).endswith(("/", os.sep)) or output.is_dir()
    run_dir = output if as_dir else output.with_name(output.name + ".parts")
    run = _Run(_Layout(run_dir.resolve()), None if as_dir else output.resolve())
    manifest = _read_manifest(run.layout)
    if manifest is None:
        _refuse_foreign_output(run, as_dir)
    elif manifest.get("output") != (str(run.merged) if run.merged else None):
        raise OutputStateError(f"{run_dir} belongs to output {manifest.get('output')}, not {output}")
    run.layout.work.mkdir(parents=True, exist_ok=True)
    return run


def _refuse_foreign_output(run: _Run, as_dir: bool) -> None:
    if run.merged is not None and run.merged.exists() and run.merged.stat().st_size > 0:
        raise OutputStateError(
            f"{run.merged} exists and was not written by a Dask run (no {run.layout.manifest}); choose a new output"
        )
    # A first run that died before writing its manifest leaves only work/ behind.
    if as_dir and run.layout.run_dir.exists() and any(p.name != "work" for p in run.layout.run_dir.iterdir()):
        raise OutputStateError(f"{run.layout.run_dir} is not empty and holds no {MANIFEST}; choose a new directory")


def _read_manifest(layout: _Layout) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(layout.manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if data.get("format") != _FORMAT:
        raise OutputStateError(f"{layout.manifest} is not a newsextract parts manifest")
    return data


def _write_json_atomically(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as stream:
        json.dump(data, stream, indent=1)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


@contextlib.contextmanager
def _client_lock(layout: _Layout) -> Iterator[None]:
    with open(layout.work / "client.lock", "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputStateError(f"another run is using {layout.run_dir}") from None
        yield


def _stage(items: Iterable[InputItem], layout: _Layout, count: int) -> tuple[list[str], int]:
    """Write the items into `count` partition inputs (temporary names, then renamed); return digests, lines."""
    names = [_staged_name(i) for i in range(count)]
    hashers = [hashlib.blake2b(digest_size=16) for _ in names]
    lines = 0
    with contextlib.ExitStack() as stack:
        files: list[IO[bytes]] = [stack.enter_context(open(_tmp(layout.staged(n)), "wb")) for n in names]
        for item in items:
            index = partition_of(item, count)
            line = json.dumps([item.key, item.locator, item.error], ensure_ascii=False).encode() + b"\n"
            files[index].write(line)
            hashers[index].update(line)
            lines += 1
        for stream in files:
            stream.flush()
            os.fsync(stream.fileno())
    for name in names:
        os.replace(_tmp(layout.staged(name)), layout.staged(name))
    return [hasher.hexdigest() for hasher in hashers], lines


def _staged_name(index: int) -> str:
    return f"part-{index:05d}"


def _warc_name(path: Path) -> str:
    # Named by the file, not its position: a rerun listing the files in another order resumes the same states.
    return "warc-" + hashlib.blake2b(str(path).encode(), digest_size=8).hexdigest()


def _warc_digest(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _tmp(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


def _plan(
    run: _Run, items: Iterable[InputItem], warc: Sequence[Path], count: int, settings: BatchSettings, extract: ExtractFn
) -> None:
    """Stage the inputs and build the partition specs: staged ones first, then WARC files in order."""
    digests, run.staged_lines = _stage(items, run.layout, count)
    base = str(run.layout.run_dir)
    run.specs = [PartitionSpec(_staged_name(i), base, d, settings, extract) for i, d in enumerate(digests)]
    for path in dict.fromkeys(Path(p).resolve() for p in warc):
        name = _warc_name(path)
        run.warc_names.add(name)
        run.specs.append(PartitionSpec(name, base, _warc_digest(path), settings, extract, str(path)))


# --- the client side: cluster, tasks, progress ------------------------------------------------------


@contextlib.contextmanager
def _connect(cluster: str | Client) -> Iterator[DaskClient]:
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


def _default_partitions(client: DaskClient) -> int:
    # A few partitions per worker thread balances hosts of uneven size; the count is fixed
    # in the manifest on the first run, since resume depends on it.
    threads = sum(client.nthreads().values()) or 1
    return max(1, min(_DEFAULT_MAX_PARTITIONS, 4 * threads))


@dataclass
class _Outcomes:
    reports: dict[str, PartitionReport] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    interrupted: bool = False


def _submit_all(
    client: DaskClient, specs: list[PartitionSpec], stream: TextIO, live: bool, stop_on_interrupt: bool
) -> _Outcomes:
    distributed: Any = importlib.import_module("distributed")
    token = uuid.uuid4().hex[:8]
    futures: dict[Any, str] = {
        client.submit(
            run_partition, spec, key=f"newsextract-{spec.name}-{token}", pure=False, retries=_TASK_RETRIES
        ): spec.name
        for spec in specs
    }
    outcomes = _Outcomes()
    try:
        for future in distributed.as_completed(list(futures)):
            _collect(future, futures[future], outcomes)
            _render(stream, live, outcomes, len(specs))
    except KeyboardInterrupt:
        client.cancel(list(futures))
        if not stop_on_interrupt:
            raise
        outcomes.interrupted = True
    finally:
        if live:
            stream.write("\r\x1b[K")
    return outcomes


def _collect(future: Any, name: str, outcomes: _Outcomes) -> None:
    if future.status == "finished":
        outcomes.reports[name] = future.result()
    else:
        exc = future.exception()
        outcomes.errors[name] = f"{type(exc).__name__}: {exc}"


def _render(stream: TextIO, live: bool, outcomes: _Outcomes, total: int) -> None:
    if live:
        done = sum(r.complete for r in outcomes.reports.values())
        stream.write(f"\rpartitions {done}/{total} complete, {len(outcomes.errors)} failed\x1b[K")
        stream.flush()


@contextlib.contextmanager
def _sigterm_as_interrupt(enabled: bool) -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C: tasks are cancelled, finished work stays committed."""
    if not enabled:
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- the client side: merge, manifest, summary ------------------------------------------------------


def _complete_parts(run: _Run) -> list[PartitionSpec]:
    return [spec for spec in run.specs if run.layout.part(spec.name).exists()]


def _merge(run: _Run, dedupe: bool, fsync: bool) -> tuple[int, int]:
    """Write the complete parts into the output (temp file, then rename); return duplicates dropped (ok, failed)."""
    assert run.merged is not None
    tmp = run.merged.with_name(run.merged.name + ".merging")
    dropped = (0, 0)
    with open(tmp, "wb") as writer:
        parts = [run.layout.part(spec.name) for spec in run.specs]
        if dedupe:
            dropped = _copy_first_of_each_url(parts, writer, run.layout.work / "merge-keys.sqlite")
        else:
            for part in parts:
                with open(part, "rb") as reader:
                    shutil.copyfileobj(reader, writer, 1 << 20)
        writer.flush()
        if fsync:
            os.fsync(writer.fileno())
    os.replace(tmp, run.merged)
    fsync_dir(run.merged.parent)
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


def _state_counts(path: Path) -> dict[str, int]:
    store = RunStore(path)
    try:
        return store.counts()
    finally:
        store.close()


def _state_totals(run: _Run) -> tuple[dict[str, int], dict[str, int]]:
    """Rows by status and failures by kind, over every partition's state."""
    totals: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for spec in run.specs:
        path = run.layout.state(spec.name)
        if not path.exists():
            continue
        store = RunStore(path)
        try:
            _add(totals, store.counts())
            _add(kinds, store.failure_kinds())
        finally:
            store.close()
    return totals, dict(sorted(kinds.items(), key=lambda kv: -kv[1]))


def _add(into: dict[str, int], values: dict[str, int]) -> None:
    for key, value in values.items():
        into[key] = into.get(key, 0) + value


def _manifest(run: _Run, partitions: int, complete: bool) -> dict[str, Any]:
    """The index of the run directory; for -o DIR/ it tells readers which part files are whole."""
    parts = []
    for spec in run.specs:
        done = run.layout.part(spec.name).exists()
        records = sum(_state_counts(run.layout.state(spec.name)).values()) if done else None
        parts.append(
            {
                "name": spec.name,
                "file": f"{spec.name}.jsonl" if done else None,
                "complete": done,
                "records": records,
                "source": spec.warc or "input",
            }
        )
    return {
        "format": _FORMAT,
        "output": str(run.merged) if run.merged else None,
        "partitions": partitions,
        "complete": complete,
        "parts": parts,
    }


def _summary(run: _Run, outcomes: _Outcomes, dropped: tuple[int, int], started: float) -> BatchSummary:
    totals, kinds = _state_totals(run)
    totals["done"] = totals.get("done", 0) - dropped[0]
    totals["failed"] = totals.get("failed", 0) - dropped[1]
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
    )


def _as_items(items: Iterable[str] | Iterable[InputItem]) -> Iterator[InputItem]:
    for item in items:
        if isinstance(item, InputItem):
            yield item
        else:
            yield from url_items([item])


def _partition_count(run: _Run, requested: int | None, client: DaskClient) -> int:
    manifest = _read_manifest(run.layout)
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
    return requested or _default_partitions(client)


def _finish(run: _Run, outcomes: _Outcomes, partitions: int, settings: BatchSettings) -> tuple[int, int]:
    """Merge (once every part is complete) and write the manifest; raise if a partition kept failing."""
    complete = len(_complete_parts(run)) == len(run.specs)
    dropped = (0, 0)
    if complete and run.merged is not None:
        dedupe = bool(run.warc_names) and len(run.specs) > 1
        dropped = _merge(run, dedupe, settings.fsync)
    _write_json_atomically(run.layout.manifest, _manifest(run, partitions, complete))
    if outcomes.errors and not outcomes.interrupted:
        first = next(iter(outcomes.errors.items()))
        raise DaskBatchError(
            f"{len(outcomes.errors)} partition(s) did not complete (first: {first[0]}: "
            f"{first[1]}); rerun the same command to resume them"
        )
    return dropped


# --- public entry point -----------------------------------------------------------------------------


def run_batch_dask(
    items: Iterable[str] | Iterable[InputItem] = (),
    *,
    output: Path | str,
    cluster: str | Client,
    warc: Sequence[Path] = (),
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    partitions: int | None = None,
    extract: ExtractFn = extract_in_worker,
    progress_stream: TextIO | None = None,
    live_progress: bool = False,
    handle_signals: bool = False,
) -> BatchSummary:
    """Run a batch on a Dask cluster into one JSON Lines file, or a directory of parts ("DIR/").

    Usage: ``run_batch_dask(urls, output=Path("out.jsonl"), cluster="tcp://10.0.0.1:8786")``

    cluster: a scheduler address, "local:N" (a LocalCluster of N worker processes), or a
    distributed.Client. Resumable: run it again with the same arguments. `settings.workers`
    is the number of extraction processes per running partition (None: 1, since the cluster
    already runs a task per worker thread); concurrency limits apply per partition, the
    per-host limits across the cluster. Raises DaskBatchError if a partition kept failing,
    OutputStateError if the output belongs to another run.
    """
    started = time.monotonic()
    run = _open_run(output)
    task_settings = settings if settings.workers else settings.model_copy(update={"workers": 1})
    with _client_lock(run.layout), _connect(cluster) as client:
        count = _partition_count(run, partitions, client)
        _plan(run, _as_items(items), warc, count, task_settings, extract)
        _write_json_atomically(run.layout.manifest, _manifest(run, count, complete=False))
        with _sigterm_as_interrupt(handle_signals):
            outcomes = _submit_all(client, run.specs, progress_stream or sys.stderr, live_progress, handle_signals)
    dropped = _finish(run, outcomes, count, settings)
    return _summary(run, outcomes, dropped, started)

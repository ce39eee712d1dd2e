"""Batch runs: many URLs (or saved pages, or WARC records) in, one Result per URL out, resumable.

Usage::

    for result in run_batch(["https://example.com/a", ...]):        # library, in-process
        print(result.ok, result.url)
    summary = run_to_file(url_items(read_url_lines("urls.txt")),    # what `newsextract batch` runs
                          output=Path("out.jsonl"), state=Path("out.jsonl.state.sqlite"))

The steps of a run (`run_to_file`, also the unit a distributed runner maps over partitions):

1. open the run state (SQLite, store.py) and the output; cut any torn or uncommitted tail;
2. stream the input into the state as pending rows (duplicates fall to the primary key);
3. with --retry-failed, cut the lines of retryable failures from the output and reopen them;
4. the pipeline: pending rows, in input order, through a bounded window of tasks, each one
   fetching its URL with the shared Fetcher (politeness and robots.txt live there) and
   handing the page to a process pool for extraction (one page per process at a time; a
   page past `page_timeout` has its process killed and replaced); outcomes are written as
   they complete and committed to the state together with the output's end offset;
5. the summary.

Memory stays flat: the input is streamed into SQLite in chunks, pending rows are read a
page at a time, and at most `max_in_flight` URLs (and so pages) are in flight.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import threading
import time
from array import array
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO, TypeVar

from newsextract.batch_output import JsonlFile, OutputStateError, StreamOutput, copy_without, fsync_dir
from newsextract.errors import FetchError, InvalidURLError
from newsextract.extract_pool import ExtractFn, ExtractJob, ExtractPool, failure_outcome
from newsextract.inputs import InputItem, url_items
from newsextract.models import Article, FetchedPage, Result
from newsextract.progress import BatchSummary, Progress
from newsextract.settings import DEFAULT_BATCH_SETTINGS, BatchSettings, FetchSettings
from newsextract.store import IngestCounts, Outcome, PendingRow, RunStore

__all__ = [
    "BatchSummary",
    "OutputStateError",
    "arun_batch",
    "arun_to_file",
    "run_batch",
    "run_to_file",
]


def extract_in_worker(html: str | bytes, url: str | None = None, **options: Any) -> Article:
    """extract_article, imported where it runs: the pool's workers load the extractor,
    the fetching parent never does (it saves the parent trafilatura and lxml's memory)."""
    from newsextract.extract import extract_article

    return extract_article(html, url, **options)


_STDOUT = "<stdout>"
_ITERATOR = "<iterator>"
_TICK_SECONDS = 0.5
_T = TypeVar("_T")


class PageFetcher(Protocol):
    """What the pipeline needs of newsextract.fetch.Fetcher."""

    async def fetch(self, url: str) -> FetchedPage: ...


FetcherFactory = Callable[[FetchSettings], AbstractAsyncContextManager[PageFetcher]]


def default_fetcher(settings: FetchSettings) -> AbstractAsyncContextManager[PageFetcher]:
    """The real Fetcher (imported here so extraction workers, which import this module, skip httpx)."""
    from newsextract.fetch import Fetcher

    fetcher: AbstractAsyncContextManager[PageFetcher] = Fetcher(settings)
    return fetcher


# --- sinks: where outcomes go, and when the state is committed -----------------------------------


class _Sink:
    """Collects outcomes and commits them to the state in batches (by count or by age)."""

    def __init__(self, store: RunStore, settings: BatchSettings) -> None:
        self._store = store
        self._settings = settings
        self._outcomes: list[Outcome] = []
        self._offsets: list[int | None] = []
        self._last_commit = time.monotonic()

    async def emit(self, outcome: Outcome) -> None:
        """Hand one outcome on and record it."""
        self.record(outcome, await self._deliver(outcome))

    def record(self, outcome: Outcome, offset: int | None) -> None:
        """Count an outcome as delivered; commit when enough have gathered."""
        self._outcomes.append(outcome)
        self._offsets.append(offset)
        if len(self._outcomes) >= self._settings.commit_every:
            self.commit()

    async def _deliver(self, outcome: Outcome) -> int | None:
        raise NotImplementedError

    def _sync(self) -> int | None:
        return None

    def commit_if_due(self) -> None:
        """Commit if the oldest uncommitted outcome is older than the commit interval."""
        if time.monotonic() - self._last_commit >= self._settings.commit_interval:
            self.commit()

    def commit(self) -> None:
        """Make delivered outcomes durable: output first, then the state that points at it."""
        self._last_commit = time.monotonic()
        if not self._outcomes:
            return
        end = self._sync()
        self._store.commit(self._outcomes, self._offsets, end)
        self._outcomes, self._offsets = [], []


class _FileSink(_Sink):
    def __init__(self, store: RunStore, settings: BatchSettings, output: JsonlFile | StreamOutput) -> None:
        super().__init__(store, settings)
        self._output = output

    async def _deliver(self, outcome: Outcome) -> int | None:
        return self._output.write(outcome.line)

    def _sync(self) -> int | None:
        end = self._output.sync()
        return end if isinstance(self._output, JsonlFile) else None


class _QueueSink(_Sink):
    """Outcomes for a library caller: recorded (by the consumer) only once handed over."""

    def __init__(self, store: RunStore, settings: BatchSettings, queue: asyncio.Queue[Outcome | None]) -> None:
        super().__init__(store, settings)
        self._queue = queue

    async def emit(self, outcome: Outcome) -> None:
        """Queue the outcome for the consumer, who records it when it yields it."""
        await self._queue.put(outcome)


# --- the pipeline ---------------------------------------------------------------------------------


class _Window:
    """At most `size` tasks at once; the first unexpected error stops the run."""

    def __init__(self, size: int) -> None:
        self._slots = asyncio.Semaphore(size)
        self._tasks: set[asyncio.Task[None]] = set()
        self._error: BaseException | None = None

    async def spawn(self, work: Callable[[PendingRow], Awaitable[None]], row: PendingRow) -> None:
        """Start work(row) as soon as a slot is free."""
        await self._slots.acquire()
        self._raise_if_failed()
        task = asyncio.ensure_future(work(row))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None and self._error is None:
            self._error = task.exception()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    async def join(self) -> None:
        """Wait for every task; re-raise the first error."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))
        self._raise_if_failed()

    async def cancel(self) -> None:
        """Cancel what is still running (its URLs stay pending) and wait for it to unwind."""
        tasks = set(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


@dataclass
class _Pipeline:
    store: RunStore
    sink: _Sink
    pool: ExtractPool
    fetcher: PageFetcher
    settings: BatchSettings
    extract: ExtractFn
    progress: Progress

    async def drive(self) -> None:
        """Run every pending row through fetch and extraction; commit whatever finished, however it ends."""
        window = _Window(self.settings.max_in_flight)
        ticker = asyncio.ensure_future(self._tick())
        try:
            for row in self.store.pending():
                await window.spawn(self._process, row)
            await window.join()
        finally:
            await window.cancel()
            ticker.cancel()
            self.sink.commit()
            self.progress.render()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(_TICK_SECONDS)
            self.sink.commit_if_due()
            self.progress.render()

    async def _process(self, row: PendingRow) -> None:
        outcome = await self._outcome(row)
        await self.sink.emit(outcome)
        self.progress.update(outcome.ok)

    async def _outcome(self, row: PendingRow) -> Outcome:
        if row.invalid is not None:
            return failure_outcome(row.id, row.url, InvalidURLError(row.invalid).kind, row.invalid)
        if row.locator is not None:
            return await self.pool.run(self._job(row, None))
        try:
            page = await self.fetcher.fetch(row.url)
        except FetchError as exc:
            return failure_outcome(row.id, row.url, exc.kind, exc.message, exc.http_status)
        except Exception as exc:  # a fetcher bug on one URL must not end the run; it is recorded
            return failure_outcome(row.id, row.url, "internal", f"{type(exc).__name__}: {exc}")
        return await self.pool.run(self._job(row, page))

    def _job(self, row: PendingRow, page: FetchedPage | None) -> ExtractJob:
        return ExtractJob(
            row.id, row.url, page, row.locator, self.extract, self.settings.extract, self.settings.fetch.max_bytes
        )


async def _run_pipeline(
    store: RunStore,
    sink: _Sink,
    settings: BatchSettings,
    extract: ExtractFn,
    fetcher_factory: FetcherFactory,
    progress: Progress,
) -> None:
    pool = ExtractPool(settings.worker_count(), settings.page_timeout, settings.worker_max_tasks)
    try:
        async with fetcher_factory(settings.fetch) as fetcher:
            await _Pipeline(store, sink, pool, fetcher, settings, extract, progress).drive()
    finally:
        # Off the loop: waiting for the workers' last pages must not block signal handling.
        await asyncio.shield(asyncio.to_thread(pool.shutdown))


# --- setup: items, state, output, retry -----------------------------------------------------------


def _as_items(urls: Iterable[str] | Iterable[InputItem]) -> Iterator[InputItem]:
    for url in urls:
        if isinstance(url, InputItem):
            yield url
        else:
            yield from url_items([url])


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
    tmp = _compact_path(path)
    if store.get_meta("pending_rename") is not None:
        if tmp.exists():
            os.replace(tmp, path)
            fsync_dir(path.parent)
        store.set_meta({"pending_rename": None})
    elif tmp.exists():
        tmp.unlink()  # never committed: the old output and state still agree


def _compact_path(path: Path) -> Path:
    return path.with_name(path.name + ".compact")


def _reopen_failed(store: RunStore, path: Path | None, settings: BatchSettings) -> int:
    """Reopen retryable failures; in a file output, first cut their lines (exactly one line per URL)."""
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

    tmp = _compact_path(path)
    new_end = copy_without(path, tmp, cuts(), end=committed, fsync=settings.fsync)
    if removed == 0:
        tmp.unlink()
        return 0
    reopened = store.reopen_failed(
        settings.max_attempts, zip(kept_ids, kept_offsets, strict=True), new_end, {"pending_rename": str(tmp)}
    )
    _finish_compaction(store, path)
    return reopened


@dataclass
class _Prepared:
    counts: IngestCounts
    reopened: int
    total: int


_NOTHING_PREPARED = _Prepared(IngestCounts(0, 0), 0, 0)


def _prepare(
    store: RunStore,
    items: Iterable[InputItem],
    output_name: str,
    path: Path | None,
    settings: BatchSettings,
    stop: threading.Event,
) -> _Prepared:
    if path is not None:
        _finish_compaction(store, path)
    _bind_output(store, output_name, path)
    counts = store.ingest(items, settings.ingest_chunk, stop)
    reopened = _reopen_failed(store, path, settings) if settings.retry_failed and not stop.is_set() else 0
    return _Prepared(counts, reopened, store.counts().get("pending", 0))


async def _in_thread(stop: threading.Event, func: Callable[..., _T], *args: object) -> _T:
    """Run blocking setup in a thread; if cancelled, ask it to stop and wait (it holds the store)."""
    future = asyncio.ensure_future(asyncio.to_thread(func, *args))
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        stop.set()
        await asyncio.wait([future])
        raise


class _FileRun:
    """One run into a file or stdout: the steps, and what the summary needs of them."""

    def __init__(
        self, store: RunStore, output: Path | None, settings: BatchSettings, stop: threading.Event, progress: Progress
    ) -> None:
        self.store, self.output, self.settings = store, output, settings
        self.stop, self.progress = stop, progress
        self.prepared = _NOTHING_PREPARED

    async def execute(self, items: Iterable[InputItem], extract: ExtractFn, fetcher_factory: FetcherFactory) -> None:
        name = str(self.output.resolve()) if self.output else _STDOUT
        self.prepared = await _in_thread(
            self.stop, _prepare, self.store, items, name, self.output, self.settings, self.stop
        )
        self.progress.total = self.prepared.total
        self.progress.started = time.monotonic()  # the rate is of pages, not of reading the input
        committed = int(self.store.get_meta("output_offset") or 0)
        out = JsonlFile.open(self.output, committed, self.settings.fsync) if self.output else StreamOutput()
        try:
            sink = _FileSink(self.store, self.settings, out)
            await _run_pipeline(self.store, sink, self.settings, extract, fetcher_factory, self.progress)
        finally:
            out.close()
            self.progress.finish()

    def summary(self, interrupted: bool) -> BatchSummary:
        progress = self.progress
        return BatchSummary(
            input_lines=self.prepared.counts.lines,
            new_urls=self.prepared.counts.new,
            processed=progress.done,
            ok=progress.ok,
            failed=progress.failed,
            retried=self.prepared.reopened,
            totals=self.store.counts(),
            failure_kinds=self.store.failure_kinds(),
            elapsed=time.monotonic() - progress.started,
            interrupted=interrupted,
        )


# --- public entry points --------------------------------------------------------------------------


async def arun_to_file(
    items: Iterable[str] | Iterable[InputItem],
    *,
    output: Path | None,
    state: Path | None = None,
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    extract: ExtractFn = extract_in_worker,
    fetcher_factory: FetcherFactory = default_fetcher,
    progress_stream: TextIO | None = None,
    live_progress: bool = False,
    handle_signals: bool = False,
) -> BatchSummary:
    """Run a batch into a JSON Lines file (or stdout when output is None); resumable through `state`.

    Usage: ``summary = await arun_to_file(urls, output=Path("out.jsonl"))``

    The state defaults to ``<output>.state.sqlite``; with stdout and no state, a temporary
    one is used (no resume). With handle_signals, SIGINT/SIGTERM stop the run cleanly:
    in-flight URLs stay pending, finished ones are committed, and the summary says so.
    This is the per-partition unit a distributed runner can map: own items, output, state.
    """
    stop = threading.Event()
    with tempfile.TemporaryDirectory(prefix="newsextract-") as tmp:
        state_path = state or (Path(f"{output}.state.sqlite") if output else Path(tmp, "state.sqlite"))
        store = RunStore(state_path)
        try:
            progress = Progress(0, progress_stream or sys.stderr, live_progress)
            run = _FileRun(store, output, settings, stop, progress)
            work = run.execute(_as_items(items), extract, fetcher_factory)
            interrupted = await _run_cancellable(work, stop if handle_signals else None)
            return run.summary(interrupted)
        finally:
            store.close()


async def _run_cancellable(work: Awaitable[None], stop: threading.Event | None) -> bool:
    """Run `work`; given a stop event, the first SIGINT/SIGTERM sets it and cancels the work (-> True)."""
    task = asyncio.ensure_future(work)
    if stop is None:
        await task
        return False
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)

    def on_signal() -> None:
        stop.set()
        task.cancel()
        for sig in signals:
            loop.remove_signal_handler(sig)  # a second Ctrl-C falls through to Python's default

    for sig in signals:
        loop.add_signal_handler(sig, on_signal)
    try:
        await task
    except asyncio.CancelledError:
        if not stop.is_set():
            raise
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
    return stop.is_set()


def run_to_file(
    items: Iterable[str] | Iterable[InputItem],
    *,
    output: Path | None,
    state: Path | None = None,
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    extract: ExtractFn = extract_in_worker,
    fetcher_factory: FetcherFactory = default_fetcher,
    progress_stream: TextIO | None = None,
    live_progress: bool = False,
    handle_signals: bool = False,
) -> BatchSummary:
    """The synchronous form of arun_to_file: the per-partition unit of a batch.

    Usage: ``run_to_file(url_items(read_url_lines("urls.txt")), output=Path("out.jsonl"))``
    """
    return asyncio.run(
        arun_to_file(
            items,
            output=output,
            state=state,
            settings=settings,
            extract=extract,
            fetcher_factory=fetcher_factory,
            progress_stream=progress_stream,
            live_progress=live_progress,
            handle_signals=handle_signals,
        )
    )


async def arun_batch(
    urls: Iterable[str] | Iterable[InputItem],
    *,
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    state: Path | None = None,
    extract: ExtractFn = extract_in_worker,
    fetcher_factory: FetcherFactory = default_fetcher,
) -> AsyncIterator[Result]:
    """Fetch and extract many URLs; yield one Result per distinct URL, in completion order.

    Usage: ``async for result in arun_batch(urls): ...``

    With a `state` file, a rerun skips URLs already yielded (a URL counts as done once it
    has been handed to the caller, so a crash can lose at most the last few).
    """
    with tempfile.TemporaryDirectory(prefix="newsextract-") as tmp:
        store = RunStore(state or Path(tmp, "state.sqlite"))
        try:
            stop = threading.Event()
            await _in_thread(stop, _prepare, store, _as_items(urls), _ITERATOR, None, settings, stop)
            queue: asyncio.Queue[Outcome | None] = asyncio.Queue(maxsize=settings.max_in_flight)
            sink = _QueueSink(store, settings, queue)
            progress = Progress(0, sys.stderr, live=False)
            feed = _feed(store, sink, settings, extract, fetcher_factory, progress, queue)
            task = asyncio.ensure_future(feed)
            try:
                while (outcome := await queue.get()) is not None:
                    sink.record(outcome, None)
                    yield Result.model_validate_json(outcome.line)
                await task
            finally:
                if not task.done():
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
                sink.commit()
        finally:
            store.close()


async def _feed(
    store: RunStore,
    sink: _Sink,
    settings: BatchSettings,
    extract: ExtractFn,
    fetcher_factory: FetcherFactory,
    progress: Progress,
    queue: asyncio.Queue[Outcome | None],
) -> None:
    cancelled = False
    try:
        await _run_pipeline(store, sink, settings, extract, fetcher_factory, progress)
    except asyncio.CancelledError:
        cancelled = True  # the consumer went away: nobody is left to read an end marker
        raise
    finally:
        if not cancelled:
            await queue.put(None)


def run_batch(
    urls: Iterable[str] | Iterable[InputItem],
    *,
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    state: Path | None = None,
    extract: ExtractFn = extract_in_worker,
    fetcher_factory: FetcherFactory = default_fetcher,
) -> Iterator[Result]:
    """Fetch and extract many URLs; yield one Result per distinct URL, in completion order.

    Usage: ``for result in run_batch(urls): print(result.ok, result.url)``

    Runs its own event loop while the caller waits for the next result; not for use
    inside a running event loop (use arun_batch there).
    """
    agen = arun_batch(urls, settings=settings, state=state, extract=extract, fetcher_factory=fetcher_factory)
    assert isinstance(agen, AsyncGenerator)
    with asyncio.Runner() as runner:
        try:
            while True:
                try:
                    result = runner.run(agen.__anext__())
                except StopAsyncIteration:
                    return
                yield result
        finally:
            runner.run(agen.aclose())

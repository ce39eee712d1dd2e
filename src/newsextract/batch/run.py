"""The four entry points of a local batch: into a file (or stdout), or as an iterator of Results.

`run_to_file` / `arun_to_file` is what `newsextract batch` runs, and the per-partition unit a
Dask task runs; `run_batch` / `arun_batch` yield Results to a library caller. Each one opens
the run state, prepares the run (prepare.py), drives the pipeline (pipeline.py) into a sink
(sinks.py) and closes everything, however the run ends.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator
from pathlib import Path

from newsextract.batch.files import JsonlFile, StreamOutput
from newsextract.batch.mainguard import refuse_in_spawn_bootstrap
from newsextract.batch.options import DEFAULT_RUN_OPTIONS, RunOptions
from newsextract.batch.pipeline import run_pipeline
from newsextract.batch.prepare import NOTHING_PREPARED, in_thread, prepare
from newsextract.batch.progress import LiveLine, Progress
from newsextract.batch.signals import on_first_stop_signal
from newsextract.batch.sinks import FileSink, QueueSink, Sink
from newsextract.batch.sources import InputItem, as_items
from newsextract.batch.state import Outcome, RunStore
from newsextract.batch.summary import BatchSummary
from newsextract.models import Result
from newsextract.settings import DEFAULT_BATCH_SETTINGS, BatchSettings

_STDOUT = "<stdout>"
_ITERATOR = "<iterator>"


class _FileRun:
    """One run into a file or stdout: the steps, and what the summary needs of them."""

    def __init__(self, store: RunStore, output: Path | None, settings: BatchSettings, options: RunOptions) -> None:
        self.store, self.output, self.settings, self.options = store, output, settings, options
        self.stop = threading.Event()
        line = LiveLine(options.progress_stream or sys.stderr, options.live_progress, options.progress_every)
        self.progress = Progress(0, line)
        self.prepared = NOTHING_PREPARED

    async def execute(self, items: Iterable[InputItem]) -> None:
        name = str(self.output.resolve()) if self.output else _STDOUT
        self.prepared = await in_thread(
            self.stop, prepare, self.store, items, name, self.output, self.settings, self.stop
        )
        self.progress.total = self.prepared.total
        self.progress.started = time.monotonic()  # the rate is of pages, not of reading the input
        committed = int(self.store.get_meta("output_offset") or 0)
        out = JsonlFile.open(self.output, committed, self.settings.fsync) if self.output else StreamOutput()
        try:
            sink = FileSink(self.store, self.settings, out)
            await run_pipeline(self.store, sink, self.settings, self.options, self.progress)
        finally:
            out.close()
            self.progress.finish()

    async def until_done_or_stopped(self, items: Iterable[InputItem]) -> bool:
        """Execute; with handle_signals, the first SIGINT/SIGTERM stops the run cleanly (-> True)."""
        task = asyncio.ensure_future(self.execute(items))
        if not self.options.handle_signals:
            await task
            return False

        def stop() -> None:
            self.stop.set()
            task.cancel()

        with on_first_stop_signal(stop, loop=asyncio.get_running_loop()):
            try:
                await task
            except asyncio.CancelledError:
                if not self.stop.is_set():
                    raise
        return self.stop.is_set()

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
            no_article=progress.no_article,
        )


async def arun_to_file(
    items: Iterable[str] | Iterable[InputItem],
    *,
    output: Path | None,
    state: Path | None = None,
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    options: RunOptions = DEFAULT_RUN_OPTIONS,
) -> BatchSummary:
    """Run a batch into a JSON Lines file (or stdout when output is None); resumable through `state`.

    Usage: ``summary = await arun_to_file(urls, output=Path("out.jsonl"))``

    The state defaults to ``<output>.state.sqlite``; with stdout and no state, a temporary
    one is used (no resume). With options.handle_signals, SIGINT/SIGTERM stop the run cleanly:
    in-flight URLs stay pending, finished ones are committed, and the summary says so.
    Raises UsageError if called from a script's top level without a main guard (mainguard.py).
    """
    refuse_in_spawn_bootstrap()
    with tempfile.TemporaryDirectory(prefix="newsextract-") as tmp:
        state_path = state or (Path(f"{output}.state.sqlite") if output else Path(tmp, "state.sqlite"))
        with RunStore(state_path) as store:
            run = _FileRun(store, output, settings, options)
            interrupted = await run.until_done_or_stopped(as_items(items))
            return run.summary(interrupted)


def run_to_file(
    items: Iterable[str] | Iterable[InputItem],
    *,
    output: Path | None,
    state: Path | None = None,
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    options: RunOptions = DEFAULT_RUN_OPTIONS,
) -> BatchSummary:
    """The synchronous form of arun_to_file: the per-partition unit of a batch.

    Usage: ``run_to_file(list_items("urls.txt"), output=Path("out.jsonl"))``
    """
    return asyncio.run(arun_to_file(items, output=output, state=state, settings=settings, options=options))


async def arun_batch(
    urls: Iterable[str] | Iterable[InputItem],
    *,
    settings: BatchSettings = DEFAULT_BATCH_SETTINGS,
    state: Path | None = None,
    options: RunOptions = DEFAULT_RUN_OPTIONS,
) -> AsyncIterator[Result]:
    """Fetch and extract many URLs; yield one Result per distinct URL, in completion order.

    Usage: ``async for result in arun_batch(urls): ...``

    With a `state` file, a rerun skips URLs already yielded (a URL counts as done once it
    has been handed to the caller, so a crash can lose at most the last few). Call it under
    ``if __name__ == "__main__":`` in a script; without the guard it raises UsageError (mainguard.py).
    """
    refuse_in_spawn_bootstrap()
    with (
        tempfile.TemporaryDirectory(prefix="newsextract-") as tmp,
        RunStore(state or Path(tmp, "state.sqlite")) as store,
    ):
        stop = threading.Event()
        await in_thread(stop, prepare, store, as_items(urls), _ITERATOR, None, settings, stop)
        queue: asyncio.Queue[Outcome | None] = asyncio.Queue(maxsize=settings.max_in_flight)
        sink = QueueSink(store, settings, queue)
        progress = Progress(0, LiveLine(sys.stderr, live=False))
        task = asyncio.ensure_future(_feed(store, sink, settings, options, progress, queue))
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


async def _feed(
    store: RunStore,
    sink: Sink,
    settings: BatchSettings,
    options: RunOptions,
    progress: Progress,
    queue: asyncio.Queue[Outcome | None],
) -> None:
    cancelled = False
    try:
        await run_pipeline(store, sink, settings, options, progress)
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
    options: RunOptions = DEFAULT_RUN_OPTIONS,
) -> Iterator[Result]:
    """Fetch and extract many URLs; yield one Result per distinct URL, in completion order
    (`Result.line` is the URL's 1-based position in `urls`).

    Usage: ``for result in run_batch(urls): print(result.ok, result.url)``

    Runs its own event loop while the caller waits for the next result; not for use
    inside a running event loop (use arun_batch there).
    """
    agen = arun_batch(urls, settings=settings, state=state, options=options)
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

"""The batch pipeline: pending rows, in input order, through a bounded window of tasks.

Each task fetches its URL with the shared fetcher (politeness and robots.txt live there) and
hands the page to the extraction pool; outcomes go to the sink as they complete. Whatever
ends the pipeline (done, an error, cancellation), what finished is committed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from newsextract.batch.options import ExtractFn, PageFetcher, RunOptions
from newsextract.batch.pool import ExtractPool
from newsextract.batch.progress import Progress
from newsextract.batch.records import Envelope, Outcome
from newsextract.batch.sinks import Sink
from newsextract.batch.state import PendingRow, RunStore
from newsextract.batch.worker import ExtractJob
from newsextract.errors import InvalidURLError
from newsextract.models import FetchedPage
from newsextract.settings import BatchSettings

_TICK_SECONDS = 0.5  # how often an idle run commits due outcomes and redraws its progress line


class Window:
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
    sink: Sink
    pool: ExtractPool
    fetcher: PageFetcher
    settings: BatchSettings
    extract: ExtractFn
    progress: Progress

    async def drive(self) -> None:
        """Run every pending row through fetch and extraction; commit whatever finished, however it ends."""
        window = Window(self.settings.max_in_flight)
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
        self.progress.update(outcome.ok, outcome.no_article)

    async def _outcome(self, row: PendingRow) -> Outcome:
        envelope = Envelope(line=row.line, id=row.ext_id, source=row.locator)
        if row.invalid is not None:
            return Outcome.of_error(row.id, row.url, InvalidURLError(row.invalid, url=row.url), envelope)
        if row.locator is not None:
            return await self.pool.run(self._job(row, None, envelope))
        try:
            page = await self.fetcher.fetch(row.url)
        except Exception as exc:  # a FetchError is a record; so is a fetcher bug on one URL ("internal")
            return Outcome.of_error(row.id, row.url, exc, envelope.failed_fetch(exc))
        return await self.pool.run(self._job(row, page, envelope.fetched(page.status)))

    def _job(self, row: PendingRow, page: FetchedPage | None, envelope: Envelope) -> ExtractJob:
        settings = self.settings
        return ExtractJob(
            row.id,
            row.url,
            page,
            row.locator,
            self.extract,
            settings.extract,
            settings.fetch.max_bytes,
            envelope,
            settings.require_article,
        )


async def run_pipeline(
    store: RunStore, sink: Sink, settings: BatchSettings, options: RunOptions, progress: Progress
) -> None:
    """Start the extraction pool and the fetcher, drive every pending row through them, stop both."""
    pool = ExtractPool(settings.worker_count(), settings.page_timeout, settings.worker_max_tasks)
    try:
        async with options.fetcher_factory(settings.fetch) as fetcher:
            await _Pipeline(store, sink, pool, fetcher, settings, options.extract, progress).drive()
    finally:
        # Off the loop: waiting for the workers' last pages must not block signal handling.
        await asyncio.shield(asyncio.to_thread(pool.shutdown))

"""The extraction pool of batch runs: worker processes that die with their parent, one page each
at a time under a time limit, fed by one thread per worker.

A page that overruns has its worker killed and replaced, and becomes an ``extract_timeout``
failure (ExtractTimeoutError); a worker that dies becomes ``worker_crashed`` (WorkerCrashedError)
after one retry on a fresh worker. What runs inside a worker is in worker.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable

from newsextract.batch.mainguard import MAIN_GUARD_EXIT, WORKER_NAME, main_guard_error
from newsextract.batch.records import Outcome
from newsextract.batch.worker import READY, ExtractJob, worker_main
from newsextract.errors import ExtractTimeoutError, WorkerCrashedError

_STARTUP_SECONDS = 60.0  # a new worker imports the extractor before it takes a page
_STOP_SECONDS = 5.0


class _WorkerDied(Exception):
    """The worker process exited (or never started) while it held a page."""


class _Worker:
    """One extraction process and the pipe to it.

    Started with spawn, not forkserver: a forkserver child's parent is the forkserver, which
    lives as long as any of its children, so the parent-death signal would never fire. (And
    a process that runs an event loop and threads must not fork.) The parent is the thread
    that starts the process, so that thread must live as long as the process: see _Slot.
    """

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=worker_main, args=(child, os.getpid()), daemon=True, name=WORKER_NAME)
        self._process.start()
        child.close()
        self.pages = 0
        try:
            ready = self._receive(_STARTUP_SECONDS)
        except _WorkerDied:
            ready = None
        if ready != READY:
            self.kill()
            if self._process.exitcode == MAIN_GUARD_EXIT:
                raise main_guard_error()  # stops the run: no page can be extracted
            raise _WorkerDied

    def extract(self, job: ExtractJob, timeout: float) -> Outcome | None:
        """The page's outcome, or None if it overran `timeout` (the process is then killed)."""
        try:
            self._conn.send(job)
        except OSError as exc:
            raise _WorkerDied from exc
        outcome = self._receive(timeout)
        if outcome is None:
            self.kill()
            return None
        assert isinstance(outcome, Outcome)
        self.pages += 1
        return outcome

    def _receive(self, timeout: float) -> object:
        """The next message, or None if none came within `timeout`."""
        try:
            return self._conn.recv() if self._conn.poll(timeout) else None
        except (EOFError, OSError) as exc:
            raise _WorkerDied from exc

    def stop(self) -> None:
        """Ask the process to exit after its page; kill it if it does not."""
        with contextlib.suppress(OSError):
            self._conn.send(None)
        self._process.join(_STOP_SECONDS)
        self.kill()

    def kill(self) -> None:
        self._process.kill()
        self._process.join()
        self._conn.close()


_Delivery = Callable[[Outcome | BaseException], None]
_Jobs = queue.SimpleQueue[tuple[ExtractJob, _Delivery] | None]


class _Slot:
    """A thread that owns one worker process and hands it one page at a time.

    One page per process means a kill takes no other page with it. The thread, not the
    event loop, starts the process, so that the process (whose parent-death signal is tied
    to the thread that started it) lives exactly as long as the slot.
    """

    def __init__(self, jobs: _Jobs, page_timeout: float, max_pages: int | None) -> None:
        self._jobs = jobs
        self._page_timeout = page_timeout
        self._max_pages = max_pages
        self._worker: _Worker | None = None
        self._thread = threading.Thread(target=self._serve, name="newsextract-extract", daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    def _serve(self) -> None:
        try:
            while (item := self._jobs.get()) is not None:
                job, deliver = item
                try:
                    result: Outcome | BaseException = self._extract(job)
                except Exception as exc:  # e.g. a job that cannot be pickled: the run stops on it
                    self._drop_worker()  # whatever it was doing, its next answer must not go to another page
                    result = exc
                deliver(result)
        finally:
            self._stop_worker()

    def _extract(self, job: ExtractJob) -> Outcome:
        # A page whose process dies gets a second try on a new one: the first death may not
        # be the page's doing (the OOM killer's pick); a page that kills it twice is a failure.
        for _ in range(2):
            try:
                return self._attempt(job)
            except _WorkerDied:
                self._drop_worker()
        return Outcome.of_error(
            job.row_id,
            job.key,
            WorkerCrashedError("the extraction process died on this page", url=job.key),
            job.envelope,
        )

    def _attempt(self, job: ExtractJob) -> Outcome:
        worker = self._worker or self._start_worker()
        outcome = worker.extract(job, self._page_timeout)
        if outcome is None:
            self._worker = None  # killed: the next page gets a new process
            limit = f"extraction took longer than the page time limit ({self._page_timeout:g} s)"
            return Outcome.of_error(job.row_id, job.key, ExtractTimeoutError(limit, url=job.key), job.envelope)
        if self._max_pages is not None and worker.pages >= self._max_pages:
            self._stop_worker()
        return outcome

    def _start_worker(self) -> _Worker:
        self._worker = _Worker()
        return self._worker

    def _drop_worker(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker = None

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None


class ExtractPool:
    """Extraction processes, each fed by a slot thread; pages queue here for the next free slot."""

    def __init__(self, workers: int, page_timeout: float, max_pages: int | None) -> None:
        self._jobs: _Jobs = queue.SimpleQueue()
        self._slots = [_Slot(self._jobs, page_timeout, max_pages) for _ in range(workers)]

    async def run(self, job: ExtractJob) -> Outcome:
        """Extract in a worker; a page that overruns or kills its worker becomes a failure outcome."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        self._jobs.put((job, functools.partial(_deliver, loop, future)))
        return await future

    def shutdown(self) -> None:
        """Let running extractions finish, drop queued ones, stop the workers."""
        with contextlib.suppress(queue.Empty):
            while True:
                self._jobs.get_nowait()
        for _ in self._slots:
            self._jobs.put(None)
        for slot in self._slots:
            slot.join()


def _deliver(loop: asyncio.AbstractEventLoop, future: asyncio.Future[Outcome], result: Outcome | BaseException) -> None:
    with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits for this page
        loop.call_soon_threadsafe(_settle, future, result)


def _settle(future: asyncio.Future[Outcome], result: Outcome | BaseException) -> None:
    if future.done():
        return  # its task was cancelled: the URL stays pending, to be redone by a rerun
    if isinstance(result, BaseException):
        future.set_exception(result)
    else:
        future.set_result(result)

"""Where a batch's outcomes go, and the commit protocol that ties them to the run state.

An outcome is first delivered (a line appended to the output, or a result handed to the
library caller), then recorded; recorded outcomes are committed to the state in batches, by
count (`commit_every`) or age (`commit_interval`): the output is synced first, then the state
commits the outcomes together with the output's end offset. A crash between the two leaves
lines past the committed offset, which the next run cuts (files.JsonlFile.open) and redoes.
"""

from __future__ import annotations

import asyncio
import time

from newsextract.batch.files import JsonlFile, StreamOutput
from newsextract.batch.state import Outcome, RunStore
from newsextract.settings import BatchSettings


class Sink:
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


class FileSink(Sink):
    """Outcomes appended to a JSON Lines file (offsets committed) or a stream such as stdout."""

    def __init__(self, store: RunStore, settings: BatchSettings, output: JsonlFile | StreamOutput) -> None:
        super().__init__(store, settings)
        self._output = output

    async def _deliver(self, outcome: Outcome) -> int | None:
        return self._output.write(outcome.line)

    def _sync(self) -> int | None:
        end = self._output.sync()
        return end if isinstance(self._output, JsonlFile) else None


class QueueSink(Sink):
    """Outcomes for a library caller: recorded (by the consumer) only once handed over."""

    def __init__(self, store: RunStore, settings: BatchSettings, queue: asyncio.Queue[Outcome | None]) -> None:
        super().__init__(store, settings)
        self._queue = queue

    async def emit(self, outcome: Outcome) -> None:
        """Queue the outcome for the consumer, who records it when it yields it."""
        await self._queue.put(outcome)

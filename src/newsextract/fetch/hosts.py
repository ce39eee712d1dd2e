"""Per-host politeness state for the fetcher, held in a bounded LRU table.

Usage::

    table = HostTable(per_host_concurrency=2, capacity=4096, clock=time.monotonic)
    with table.use("https://example.com:443") as host:
        async with host.slots:
            await asyncio.sleep(host.reserve_start(delay=0.5))
            ...

Cost: one entry is a semaphore, a lock, two floats and the origin's parsed
robots.txt (robots.txt is capped at 500 KiB, typically a few KB parsed), so
``capacity`` bounds the memory however many hosts a run visits. An entry that
is in use is never evicted: evicting it would let a second, fresh state for the
same host double that host's concurrency; nor is one whose politeness delay
has not yet run out.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsextract.fetch.robots import RobotsPolicy

# Seconds from a fixed point, never going back (time.monotonic; tests pass their own).
Clock = Callable[[], float]


class HostState:
    """Politeness and robots.txt state for one origin (scheme, host, port)."""

    __slots__ = ("_clock", "next_start", "robots", "robots_expires", "robots_lock", "slots", "users")

    def __init__(self, concurrency: int, clock: Clock) -> None:
        self._clock = clock
        self.slots = asyncio.Semaphore(concurrency)
        self.robots_lock = asyncio.Lock()
        self.robots: RobotsPolicy | None = None
        self.robots_expires = 0.0
        # Clock time before which no further request to this host may start.
        self.next_start = 0.0
        self.users = 0

    def reserve_start(self, delay: float) -> float:
        """Book the next start slot for this host; return how long to wait for it.

        Synchronous on purpose: with no await inside, concurrent callers on one
        event loop book distinct slots ``delay`` seconds apart.
        """
        now = self._clock()
        start = max(now, self.next_start)
        self.next_start = start + delay
        return start - now

    def defer(self, seconds: float) -> None:
        """Hold back every later request to this host by at least ``seconds`` (Retry-After)."""
        self.next_start = max(self.next_start, self._clock() + seconds)

    def current_robots(self) -> RobotsPolicy | None:
        """The cached robots.txt policy, or None if there is none or it has expired."""
        if self.robots is not None and self._clock() < self.robots_expires:
            return self.robots
        return None

    def keep_robots(self, policy: RobotsPolicy, lifetime: float) -> None:
        """Cache ``policy`` for ``lifetime`` seconds."""
        self.robots = policy
        self.robots_expires = self._clock() + lifetime

    def idle(self) -> bool:
        """Nobody uses this state and its politeness gap has run out: it may be forgotten."""
        return self.users == 0 and self.next_start <= self._clock()


class HostTable:
    """A bounded LRU map of origin -> HostState; only idle entries are evicted."""

    def __init__(self, per_host_concurrency: int, capacity: int, clock: Clock = time.monotonic) -> None:
        self._concurrency = per_host_concurrency
        self._capacity = capacity
        self._clock = clock
        self._states: OrderedDict[str, HostState] = OrderedDict()

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, origin: object) -> bool:
        return origin in self._states

    @contextmanager
    def use(self, origin: str) -> Iterator[HostState]:
        """Pin the state of ``origin`` (created if new) for the duration of the block."""
        state = self._states.get(origin)
        if state is None:
            state = self._states[origin] = HostState(self._concurrency, self._clock)
        self._states.move_to_end(origin)
        state.users += 1
        try:
            yield state
        finally:
            state.users -= 1
            self._evict()

    def _evict(self) -> None:
        while len(self._states) > self._capacity:
            # A state still inside its politeness gap must survive, or the gap is lost.
            idle = next((key for key, state in self._states.items() if state.idle()), None)
            if idle is None:
                return  # every entry is busy; the table shrinks back as they finish
            del self._states[idle]

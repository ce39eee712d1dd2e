"""The live progress line of batch runs, on stderr: one line redrawn in place, local and Dask.

Usage::

    progress = Progress(total=10_000, line=LiveLine(sys.stderr, live=sys.stderr.isatty()))
    progress.update(ok=True); progress.render()     # redraws one line, only when live

Plain text with a carriage return rather than rich/tqdm: one line is all a batch needs,
and it keeps the dependency list short.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(frozen=True)
class LiveLine:
    """One status line redrawn in place with a carriage return; silent unless live (a terminal)."""

    stream: TextIO
    live: bool

    def show(self, text: str) -> None:
        """Replace the line with `text`."""
        if self.live:
            self.stream.write(f"\r{text}\x1b[K")
            self.stream.flush()

    def clear(self) -> None:
        """Remove the line."""
        self.show("")


@dataclass
class Progress:
    """Counts of this run's outcomes, and the live progress line."""

    total: int
    line: LiveLine
    ok: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        """Outcomes recorded so far in this run."""
        return self.ok + self.failed

    def update(self, ok: bool) -> None:
        """Count one outcome."""
        if ok:
            self.ok += 1
        else:
            self.failed += 1

    def rate(self) -> float:
        """Outcomes per second since the start."""
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def render(self) -> None:
        """Redraw the progress line (no-op unless live)."""
        if not self.line.live:
            return
        rate = self.rate()
        left = max(self.total - self.done, 0)
        eta = _clock(left / rate) if rate > 0 else "--:--"
        self.line.show(
            f"{self.done:,}/{self.total:,}  ok {self.ok:,}  failed {self.failed:,}  {rate:,.1f}/s  ETA {eta}  "
        )

    def finish(self) -> None:
        """Clear the progress line."""
        self.line.clear()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"

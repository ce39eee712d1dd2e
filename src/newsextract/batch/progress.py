"""The progress line of batch runs, on stderr: one line redrawn in place, local and Dask.

Usage::

    progress = Progress(total=10_000, line=LiveLine(sys.stderr, live=sys.stderr.isatty()))
    progress.update(ok=True); progress.render()     # redraws one line, only when live
    LiveLine(sys.stderr, live=False, every=30)      # not a terminal: a plain line every 30 s (for logs)

Plain text with a carriage return rather than rich/tqdm: one line is all a batch needs,
and it keeps the dependency list short.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class LiveLine:
    """One status line redrawn in place with a carriage return when live (a terminal); otherwise,
    with `every` (seconds), the same text as a line of its own at most that often (a log); else silent."""

    stream: TextIO
    live: bool
    every: float | None = None
    _last: float = field(default_factory=time.monotonic, repr=False)

    def show(self, text: str) -> None:
        """Replace the line with `text` (live), or print it if `every` seconds have passed since the last."""
        if self.live:
            self.stream.write(f"\r{text}\x1b[K")
            self.stream.flush()
        elif self.every and text and time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            self.stream.write(f"newsextract batch: {text.strip()}\n")
            self.stream.flush()

    def clear(self) -> None:
        """Remove the line (live only: printed lines stay)."""
        if self.live:
            self.show("")


@dataclass
class Progress:
    """Counts of this run's outcomes, and the live progress line."""

    total: int
    line: LiveLine
    ok: int = 0
    failed: int = 0
    no_article: int = 0  # outcomes with no article (an empty body), ok or failed (--require-article)
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        """Outcomes recorded so far in this run."""
        return self.ok + self.failed

    def update(self, ok: bool, no_article: bool = False) -> None:
        """Count one outcome."""
        self.no_article += no_article
        if ok:
            self.ok += 1
        else:
            self.failed += 1

    def rate(self) -> float:
        """Outcomes per second since the start."""
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def render(self) -> None:
        """Redraw the progress line (live), or print it when due (`every`); else a no-op."""
        if not (self.line.live or self.line.every):
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

"""Progress line and end-of-run summary for batch runs, on stderr.

Usage::

    progress = Progress(total=10_000, stream=sys.stderr, live=sys.stderr.isatty())
    progress.update(ok=True); progress.render()     # redraws one line, only when live
    print(format_summary(summary), file=sys.stderr)

Plain text with a carriage return rather than rich/tqdm: one line is all a batch needs,
and it keeps the dependency list short.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Progress:
    """Counts of this run's outcomes, and the live progress line."""

    total: int
    stream: TextIO
    live: bool
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
        if not self.live:
            return
        rate = self.rate()
        left = max(self.total - self.done, 0)
        eta = _clock(left / rate) if rate > 0 else "--:--"
        self.stream.write(
            f"\r{self.done:,}/{self.total:,}  ok {self.ok:,}  failed {self.failed:,}  {rate:,.1f}/s  ETA {eta}  \x1b[K"
        )
        self.stream.flush()

    def finish(self) -> None:
        """Clear the progress line."""
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run did: this run's outcomes, the whole state's totals, timing."""

    input_lines: int
    new_urls: int
    processed: int
    ok: int
    failed: int
    retried: int
    totals: dict[str, int]
    failure_kinds: dict[str, int]
    elapsed: float
    interrupted: bool

    @property
    def pages_per_second(self) -> float:
        """This run's outcomes per second of wall time."""
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """130 if interrupted, 1 if any URL of the run state failed, else 0."""
        if self.interrupted:
            return 130
        return 1 if self.totals.get("failed", 0) else 0


def format_summary(summary: BatchSummary) -> str:
    """The end-of-run summary, a few lines for people reading a log."""
    totals = summary.totals
    kinds = ", ".join(f"{kind} {n:,}" for kind, n in summary.failure_kinds.items()) or "none"
    state = "interrupted" if summary.interrupted else "finished"
    return (
        f"newsextract batch {state}: this run {summary.processed:,} processed "
        f"({summary.ok:,} ok, {summary.failed:,} failed) in {summary.elapsed:,.1f} s, "
        f"{summary.pages_per_second:,.1f} pages/s\n"
        f"  input: {summary.input_lines:,} lines, {summary.new_urls:,} new URLs"
        f"{f', {summary.retried:,} failed reopened for retry' if summary.retried else ''}\n"
        f"  state: {totals.get('done', 0):,} done, {totals.get('failed', 0):,} failed, "
        f"{totals.get('pending', 0):,} pending; failures by kind: {kinds}"
    )

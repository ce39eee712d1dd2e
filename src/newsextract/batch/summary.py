"""The end-of-run summary of a batch (local or Dask), and its exit code.

Usage::

    print(format_summary(summary), file=sys.stderr)
    raise SystemExit(summary.exit_code)
"""

from __future__ import annotations

from dataclasses import dataclass

from newsextract.errors import ExitCode


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
    no_article: int = 0  # this run's pages with no article (an empty body), ok or failed

    @property
    def folded(self) -> int:
        """Input lines that added no URL: repeats of a URL (after normalisation), or URLs an earlier run knew."""
        return max(self.input_lines - self.new_urls, 0)

    @property
    def pages_per_second(self) -> float:
        """This run's outcomes per second of wall time."""
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def exit_code(self) -> ExitCode:
        """INTERRUPTED (130) if interrupted; FAILED (1) if this run processed URLs and the run state
        has failures; else OK (0): a rerun with nothing left to do succeeds, whatever failed before."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        return ExitCode.FAILED if self.processed and self.totals.get("failed", 0) else ExitCode.OK


def format_summary(summary: BatchSummary) -> str:
    """The end-of-run summary, a few lines for people reading a log."""
    totals = summary.totals
    kinds = ", ".join(f"{kind} {n:,}" for kind, n in summary.failure_kinds.items()) or "none"
    state = "interrupted" if summary.interrupted else "finished"
    return (
        f"newsextract batch {state}: this run {summary.processed:,} processed "
        f"({summary.ok:,} ok, {summary.failed:,} failed, {summary.no_article:,} with no article) "
        f"in {summary.elapsed:,.1f} s, {summary.pages_per_second:,.1f} pages/s\n"
        f"  input: {summary.input_lines:,} lines, {summary.new_urls:,} new URLs, "
        f"{summary.folded:,} folded (a URL already seen, after normalisation)"
        f"{f', {summary.retried:,} failed reopened for retry' if summary.retried else ''}\n"
        f"  state: {totals.get('done', 0):,} done, {totals.get('failed', 0):,} failed, "
        f"{totals.get('pending', 0):,} pending; failures by kind: {kinds}"
    )

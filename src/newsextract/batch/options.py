"""RunOptions: how a batch run extracts, fetches and reports, carried as one object by every entry point.

Usage::

    options = RunOptions(live_progress=True, handle_signals=True)       # what `newsextract batch` uses
    run_to_file(items, output=Path("out.jsonl"), settings=BatchSettings(), options=options)

The BatchSettings say how much and how fast (public, frozen, validated); RunOptions say with
what: the extraction function, the fetcher, and where the progress line goes. The defaults
are the real extractor and fetcher, both imported only where they run.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from newsextract.models import Article, FetchedPage
from newsextract.settings import FetchSettings

ExtractFn = Callable[..., Article]


class PageFetcher(Protocol):
    """What the pipeline needs of newsextract.fetch.Fetcher."""

    async def fetch(self, url: str) -> FetchedPage: ...


FetcherFactory = Callable[[FetchSettings], AbstractAsyncContextManager[PageFetcher]]


def extract_in_worker(html: str | bytes, url: str | None = None, **options: Any) -> Article:
    """extract_article, imported where it runs: the pool's workers load the extractor,
    the fetching parent never does (it saves the parent trafilatura and lxml's memory)."""
    from newsextract.extract import extract_article

    return extract_article(html, url, **options)


def default_fetcher(settings: FetchSettings) -> AbstractAsyncContextManager[PageFetcher]:
    """The real Fetcher (imported here so extraction workers, which import this module, skip httpx)."""
    from newsextract.fetch import Fetcher

    fetcher: AbstractAsyncContextManager[PageFetcher] = Fetcher(settings)
    return fetcher


@dataclass(frozen=True, slots=True)
class RunOptions:
    """The run's collaborators and reporting, beside its BatchSettings.

    extract: the extraction function, called in the worker processes (pickled by name, so
        module-level); fetcher_factory: opens the fetcher for URLs;
    progress_stream: where the progress line and summary go (None: stderr at the time of the run);
    live_progress: redraw a progress line (for a terminal);
    progress_every: when not live, print a progress line every this many seconds (None: never);
    handle_signals: the first SIGINT/SIGTERM stops the run cleanly, committing what finished
        (only in the main thread of a program that owns its signals, like the CLI).
    """

    extract: ExtractFn = extract_in_worker
    fetcher_factory: FetcherFactory = default_fetcher
    progress_stream: TextIO | None = None
    live_progress: bool = False
    handle_signals: bool = False
    progress_every: float | None = None

    def for_worker(self) -> RunOptions:
        """These options as a remote task gets them: its collaborators, none of the console's."""
        return RunOptions(extract=self.extract, fetcher_factory=self.fetcher_factory)


DEFAULT_RUN_OPTIONS = RunOptions()

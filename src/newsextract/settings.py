"""Explicit, frozen settings objects passed down through the library.

Usage::

    settings = FetchSettings(per_host_concurrency=1, per_host_delay=1.0)
    article = fetch_article(url, fetch_settings=settings)
    for result in run_batch(urls, settings=BatchSettings(fetch=settings, retry_failed=True)): ...
"""

from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_USER_AGENT = "newsextract/0.1 (+https://pypi.org/project/newsextract/)"


class _Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ExtractSettings(_Settings):
    """How extract_article() behaves. Every field has a sensible default."""

    include_images: bool = True
    # Pages past this size are cut before parsing (a warning says so): real
    # articles are far smaller, and a 20 MB page must not stall a batch.
    max_html_bytes: int = Field(default=4_000_000, gt=0)
    min_body_words: int = Field(default=50, ge=0)
    # Caps on the work a page can ask for, far above what any article holds; a page past
    # one is still extracted, bounded, with a warning naming the cap.
    max_pictures_examined: int = Field(default=1_000, gt=0)  # <img>/<picture> elements looked at
    max_images: int = Field(default=300, gt=0)  # images kept in the record
    max_table_cells: int = Field(default=3_000, gt=0)  # cells handed to the main-text extractor
    max_main_text_paragraphs: int = Field(default=3_000, gt=0)  # beyond: the first ones, read directly


class FetchSettings(_Settings):
    """How the fetcher talks to servers: timeouts, politeness, limits.

    robots.txt (``respect_robots``, RFC 9309): a 4xx answer means no restrictions;
    a 5xx answer or an unreachable server disallows the whole host for
    ``robots_retry_after`` seconds, after which robots.txt is asked again. A
    ``Crawl-delay`` raises ``per_host_delay`` for its host up to ``max_crawl_delay``
    (30 s by default), so a hostile robots.txt cannot stall a run for hours.

    ``block_private_addresses`` refuses hosts that resolve to private, loopback,
    link-local and other non-public addresses; the connection goes to the very
    address that was checked (DNS rebinding cannot slip past). With a ``proxy``,
    the proxy resolves and connects, so only the check before each hop applies.
    """

    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=20.0, gt=0)
    total_timeout: float = Field(default=60.0, gt=0)
    concurrency: int = Field(default=32, ge=1)
    per_host_concurrency: int = Field(default=2, ge=1)
    per_host_delay: float = Field(default=0.5, ge=0)
    user_agent: str = DEFAULT_USER_AGENT
    headers: dict[str, str] = Field(default_factory=dict)
    proxy: str | None = None
    http2: bool = True
    max_retries: int = Field(default=3, ge=0)
    backoff_base: float = Field(default=0.5, ge=0)
    backoff_max: float = Field(default=30.0, ge=0)
    retry_after_max: float = Field(default=60.0, ge=0)
    max_redirects: int = Field(default=10, ge=0)
    max_bytes: int = Field(default=10_000_000, gt=0)
    respect_robots: bool = True
    block_private_addresses: bool = False
    robots_retry_after: float = Field(default=300.0, ge=0)
    max_crawl_delay: float = Field(default=30.0, ge=0)


# A day: more than any page needs, and a bound a timed wait can take (inf or 1e12 overflow it).
MAX_PAGE_TIMEOUT = 86_400.0

DEFAULT_EXTRACT_SETTINGS = ExtractSettings()
DEFAULT_FETCH_SETTINGS = FetchSettings()


class BatchSettings(_Settings):
    """How a batch run is paced, bounded and made resumable. Every field has a sensible default."""

    fetch: FetchSettings = DEFAULT_FETCH_SETTINGS
    extract: ExtractSettings = DEFAULT_EXTRACT_SETTINGS
    # Extraction processes; None means one per core.
    workers: int | None = Field(default=None, ge=1)
    # URLs being fetched or extracted at once. Larger than the fetch concurrency so that
    # URLs of a host that is waiting out its politeness delay do not stall other hosts;
    # it also bounds how many fetched pages sit in memory waiting for a worker.
    max_in_flight: int = Field(default=64, ge=1)
    # Each extraction process is replaced after this many pages, so that heap growth from
    # parsing many different pages (fragmentation, parser caches) cannot add up over hours.
    worker_max_tasks: int | None = Field(default=1_000, ge=1)
    # Seconds one page may take in extraction (--page-timeout). A normal page takes tens of
    # milliseconds; past this, its worker is killed and replaced, the page is recorded as
    # failed ("extract_timeout"), and the run goes on.
    page_timeout: float = Field(default=30.0, gt=0, le=MAX_PAGE_TIMEOUT)
    # --retry-failed: failed URLs with fewer attempts than this are tried again.
    retry_failed: bool = False
    max_attempts: int = Field(default=3, ge=1)
    # The output and the state are committed together after this many records or
    # seconds, whichever comes first: the most a crash can make us redo.
    commit_every: int = Field(default=500, ge=1)
    commit_interval: float = Field(default=1.0, gt=0)
    # fsync the output before each state commit, so that a power cut cannot leave the
    # state claiming lines the disk never got. A process crash is safe without it.
    fsync: bool = True
    # Input lines written to the state per transaction while streaming the input in.
    ingest_chunk: int = Field(default=5_000, ge=1)
    # --require-article: a page with no article (an empty body) is a failure of kind
    # "no_article" rather than an ok record; the summary counts such pages either way.
    require_article: bool = False

    def worker_count(self) -> int:
        """The number of extraction processes to start."""
        return self.workers or os.cpu_count() or 1


DEFAULT_BATCH_SETTINGS = BatchSettings()

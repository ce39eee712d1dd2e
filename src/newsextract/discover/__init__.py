"""Discovery: where URL lists come from. Home pages, sitemaps and feeds in; article URLs out.

Usage::

    from newsextract.discover import DiscoverSettings, discover

    for found in discover(["https://example.com/"], settings=DiscoverSettings(limit=100)):
        print(found.url, found.published, found.title)

    async for found in adiscover(["https://example.com/news-sitemap.xml"]): ...

A source is a site's home page (autodiscovery: Sitemap lines in robots.txt,
/sitemap.xml and /sitemap_index.xml, <link rel="alternate"> RSS, Atom and JSON
feeds), a feed URL, or a sitemap URL (index or plain, gzip or not, Google News).
Every request goes through the Fetcher (robots.txt, per-host delay, retries, size
caps); URLs robots.txt disallows are left out. See docs/discovery.md.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator

from newsextract.discover.crawl import adiscover, log_report
from newsextract.discover.models import DEFAULT_DISCOVER_SETTINGS, DiscoveredURL, DiscoverSettings, Report
from newsextract.settings import DEFAULT_FETCH_SETTINGS, FetchSettings

__all__ = ["DEFAULT_DISCOVER_SETTINGS", "DiscoverSettings", "DiscoveredURL", "Report", "adiscover", "discover"]


def discover(
    sources: Iterable[str],
    *,
    settings: DiscoverSettings = DEFAULT_DISCOVER_SETTINGS,
    fetch_settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
    report: Report = log_report,
) -> Iterator[DiscoveredURL]:
    """The synchronous form of ``adiscover``: yields each URL as it is found.

    Runs its own event loop, one step per URL, so it cannot be called from async code
    (use ``adiscover`` there). Closing the iterator early closes the fetcher.
    """
    loop = asyncio.new_event_loop()
    found = adiscover(sources, settings=settings, fetch_settings=fetch_settings, report=report)
    try:
        while True:
            try:
                yield loop.run_until_complete(anext(found))
            except StopAsyncIteration:
                return
    finally:
        loop.run_until_complete(found.aclose())
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()

"""One page, synchronously: for scripts and the command line, each call on its own event loop.

Usage::

    page = fetch("https://example.com/a")                    # FetchedPage
    article = fetch_article("https://example.com/a")          # fetch + extract
"""

from __future__ import annotations

import asyncio

from newsextract.fetch.client import Fetcher
from newsextract.models import Article, FetchedPage
from newsextract.settings import (
    DEFAULT_EXTRACT_SETTINGS,
    DEFAULT_FETCH_SETTINGS,
    ExtractSettings,
    FetchSettings,
)

__all__ = ["fetch", "fetch_article"]


def fetch(url: str, settings: FetchSettings = DEFAULT_FETCH_SETTINGS) -> FetchedPage:
    """Fetch one page synchronously. Usage: ``page = fetch("https://example.com/a")``

    Runs its own event loop, so it cannot be called from async code: use
    ``Fetcher`` there.
    """

    async def run() -> FetchedPage:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def fetch_article(
    url: str,
    *,
    fetch_settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
    extract_settings: ExtractSettings = DEFAULT_EXTRACT_SETTINGS,
) -> Article:
    """Fetch a page and extract its article. Usage: ``fetch_article("https://example.com/a")``"""
    from newsextract.extract import extract_article  # loaded on first use: fetching alone needs none of it

    page = fetch(url, fetch_settings)
    return extract_article(
        page.content,
        url=page.url,
        final_url=page.final_url,
        http_charset=page.charset,
        settings=extract_settings,
    )

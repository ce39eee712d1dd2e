"""The fetcher: web pages and resources over HTTP, politely, safely and bounded.

Usage::

    from newsextract.fetch import Fetcher, fetch, fetch_article

    async with Fetcher(FetchSettings(per_host_delay=1.0)) as fetcher:
        page = await fetcher.fetch("https://example.com/a")               # HTML only
        feed = await fetcher.fetch_resource("https://example.com/feed")   # any content type
        ok = await fetcher.allowed("https://example.com/b")               # robots.txt only

The modules, outside in:

- ``sync``: ``fetch`` and ``fetch_article``, one page on its own event loop;
- ``client``: ``Fetcher`` (redirects, retries, politeness, policies);
- ``transport``: the one httpx client and the transport enforcing the address policy;
- ``addresses``: the address policy (non-public addresses refused when connecting, rebinding-safe);
- ``robots``: robots.txt answers as policies (RFC 9309);
- ``hosts``: per-origin politeness and robots.txt state, in a bounded table;
- ``responses``: what an exchange returns and the rules on it (redirects, content types, sizes, errors);
- ``bounded_body``: bodies read and decompressed under a size cap.
"""

from __future__ import annotations

from newsextract.fetch.addresses import IPAddress, Resolver, system_resolver
from newsextract.fetch.client import Fetcher, Sleep
from newsextract.fetch.hosts import Clock
from newsextract.fetch.responses import FetchedResource, parse_retry_after
from newsextract.fetch.sync import fetch, fetch_article

__all__ = [
    "Clock",
    "FetchedResource",
    "Fetcher",
    "IPAddress",
    "Resolver",
    "Sleep",
    "fetch",
    "fetch_article",
    "parse_retry_after",
    "system_resolver",
]

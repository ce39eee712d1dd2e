"""Fetcher.fetch_resource: any content type, the same politeness and caps, against a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator
from typing import Any

import pytest
from loopback import LoopbackServer, encoded, endless, redirect, respond

from newsextract.errors import BlockedURLError, HTTPStatusError, ResponseTooLargeError
from newsextract.fetch import FetchedResource, Fetcher
from newsextract.settings import FetchSettings

pytestmark = pytest.mark.timeout(30)

FAST = FetchSettings(connect_timeout=1.0, read_timeout=1.0, total_timeout=5.0, per_host_delay=0.0, max_retries=1)
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>'


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


def get(url: str, *, cap: int | None = None, **changes: Any) -> FetchedResource:
    """``fetch_resource(url, max_bytes=cap)`` with FAST plus ``changes``."""

    async def main() -> FetchedResource:
        async with Fetcher(FAST.model_copy(update=changes)) as fetcher:
            return await fetcher.fetch_resource(url, max_bytes=cap)

    return asyncio.run(main())


def test_xml_is_accepted_after_a_redirect(server: LoopbackServer) -> None:
    server.route("/feed", redirect("/feed.xml", 301))
    server.route("/feed.xml", respond(200, FEED, content_type="application/rss+xml; charset=utf-8"))
    resource = get(server.url("/feed"))
    assert resource == FetchedResource(
        url=server.url("/feed"),
        final_url=server.url("/feed.xml"),
        status=200,
        content_type="application/rss+xml; charset=utf-8",
        content=FEED,
    )
    assert server.hits("/robots.txt") == 1  # the same politeness as pages


def test_gz_file_stays_gzipped_but_content_encoding_is_undone(server: LoopbackServer) -> None:
    packed = gzip.compress(FEED)
    server.route("/sitemap.xml.gz", respond(200, packed, content_type="application/gzip"))
    server.route("/sitemap.xml", encoded(packed, "gzip", content_type="application/xml"))
    assert get(server.url("/sitemap.xml.gz")).content == packed
    assert get(server.url("/sitemap.xml")).content == FEED


@pytest.mark.parametrize("declare_length", [True, False])
def test_body_over_max_bytes_is_refused(server: LoopbackServer, declare_length: bool) -> None:
    server.route("/big.xml", endless(200_000, declare_length=declare_length, content_type="application/xml"))
    with pytest.raises(ResponseTooLargeError):
        get(server.url("/big.xml"), cap=50_000)
    assert len(get(server.url("/big.xml"), cap=200_000).content) == 200_000


def test_max_bytes_defaults_to_the_settings_cap(server: LoopbackServer) -> None:
    server.route("/big.xml", endless(20_000, content_type="application/xml"))
    with pytest.raises(ResponseTooLargeError):
        get(server.url("/big.xml"), max_bytes=10_000)
    with pytest.raises(ValueError, match="max_bytes"):
        get(server.url("/big.xml"), cap=0)


def test_robots_and_statuses_apply(server: LoopbackServer) -> None:
    server.route("/robots.txt", respond(200, "User-agent: *\nDisallow: /private\n", content_type="text/plain"))
    server.route("/private/feed.xml", respond(200, FEED, content_type="application/xml"))
    with pytest.raises(BlockedURLError, match=r"robots\.txt"):
        get(server.url("/private/feed.xml"))
    assert server.hits("/private/feed.xml") == 0
    with pytest.raises(HTTPStatusError) as caught:
        get(server.url("/missing.xml"))
    assert caught.value.http_status == 404

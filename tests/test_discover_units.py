"""Discovery's parts on their own: gunzip cap, sniffing, dates, same site, sitemap and feed parsers,
home-page autodiscovery, settings, and the Fetcher's fetch_resource / allowed."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from loopback import LoopbackServer, encoded, gzip_bomb, redirect, respond

from newsextract.discover.documents import DocumentError, gunzip_capped, sniff_kind
from newsextract.discover.feeds import FeedError, feed_entries, json_feed_entries
from newsextract.discover.filters import on_site, parse_date, site_of
from newsextract.discover.homepage import feed_links, guessed_sitemaps, robots_sitemaps
from newsextract.discover.models import DiscoveredURL, DiscoverSettings
from newsextract.discover.sitemaps import SitemapChild, SitemapError, iter_sitemap
from newsextract.errors import BlockedURLError, HTTPStatusError, ResponseTooLargeError
from newsextract.fetch import FetchedResource, Fetcher
from newsextract.settings import FetchSettings

pytestmark = pytest.mark.timeout(30)
SOURCE = "https://www.example.com/sitemap.xml"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def test_gunzip_capped_inflates_stops_bombs_and_refuses_corrupt_files() -> None:
    assert gunzip_capped(gzip.compress(b"<urlset/>"), 100) == b"<urlset/>"
    with pytest.raises(DocumentError, match="cap"):
        gunzip_capped(gzip_bomb(64 << 20), 1 << 20)
    with pytest.raises(DocumentError, match="truncated"):
        gunzip_capped(gzip.compress(b"x" * 1000)[:20], 10_000)
    with pytest.raises(DocumentError, match="corrupt"):
        gunzip_capped(b"\x1f\x8b\x08\x00garbage-garbage", 10_000)


@pytest.mark.parametrize(
    ("content", "content_type", "kind"),
    [
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- x --><urlset>', None, "sitemap"),
        (b"<sitemapindex xmlns='x'>", "text/plain", "sitemap"),
        (b"<?xml version='1.0'?><rss version='2.0'>", None, "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", None, "feed"),
        (b"<rdf:RDF xmlns:rdf='x'>", None, "feed"),
        (b'  {"version": "https://jsonfeed.org/version/1.1"}', None, "json_feed"),
        (b"<!doctype html><html><head>", None, "html"),
        (b"plain words", "text/html; charset=utf-8", "html"),
        (b"plain words", "text/plain", "unknown"),
    ],
)
def test_sniff_kind(content: bytes, content_type: str | None, kind: str) -> None:
    assert sniff_kind(content, content_type) == kind


def test_parse_date_is_timezone_aware_and_naive_means_utc() -> None:
    assert parse_date("2024-05-01") == datetime(2024, 5, 1, tzinfo=UTC)
    assert parse_date("2024-05-01T10:00:00+02:00") == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert parse_date("Wed, 01 May 2024 10:00:00 GMT") == datetime(2024, 5, 1, 10, tzinfo=UTC)
    stamp = parse_date("2024-05-01T10:00:00+05:30")
    assert stamp is not None and stamp.utcoffset() == timedelta(hours=5, minutes=30)
    assert parse_date("soon") is None and parse_date("") is None and parse_date("2024-" * 40) is None


def test_same_site_is_the_host_without_www_or_a_subdomain() -> None:
    site = site_of("https://www.Example.com/")
    assert site == "example.com"
    assert on_site("https://example.com/a", site) and on_site("https://news.example.com/a", site)
    assert on_site("http://www.example.com:8080/a", site)
    assert not on_site("https://badexample.com/a", site) and not on_site("https://example.com.evil/a", site)
    assert on_site("http://127.0.0.1:80/a", "127.0.0.1") and not on_site("http://1.127.0.0.1/a", "127.0.0.1")


def test_sitemap_urls_with_lastmod_and_relative_locs() -> None:
    xml = f"<urlset {NS}><url><loc> /a </loc><lastmod>2024-05-01</lastmod></url><url><loc>https://x.org/b</loc></url>"
    items = list(iter_sitemap((xml + "<url></url></urlset>").encode(), source=SOURCE, max_entries=10))
    assert items == [
        DiscoveredURL("https://www.example.com/a", SOURCE, lastmod=datetime(2024, 5, 1, tzinfo=UTC)),
        DiscoveredURL("https://x.org/b", SOURCE),
    ]


def test_sitemap_index_children_and_entry_cap() -> None:
    xml = f"<sitemapindex {NS}>" + "".join(f"<sitemap><loc>/s{i}.xml</loc></sitemap>" for i in range(5))
    items = list(iter_sitemap((xml + "</sitemapindex>").encode(), source=SOURCE, max_entries=3))
    assert items == [SitemapChild(f"https://www.example.com/s{i}.xml") for i in range(3)]


def test_news_fields_only_from_the_news_namespace() -> None:
    xml = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/'
        'sitemap-image/1.1"><url><loc>/a</loc><image:image><image:loc>/pic.jpg</image:loc><image:title>Pic'
        "</image:title></image:image><news:news><news:publication><news:name>N</news:name><news:language>de"
        "</news:language></news:publication><news:publication_date>2024-05-01T10:00:00Z</news:publication_date>"
        "<news:title>Schlagzeile</news:title></news:news></url></urlset>"
    )
    [item] = list(iter_sitemap(xml.encode(), source=SOURCE, max_entries=10))
    assert isinstance(item, DiscoveredURL)
    assert (item.url, item.title, item.language) == ("https://www.example.com/a", "Schlagzeile", "de")
    assert item.published == datetime(2024, 5, 1, 10, tzinfo=UTC) and item.lastmod is None


def test_sitemap_parser_resolves_no_entities_and_reports_broken_xml_once() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<urlset {NS}><url><loc>&xxe;</loc></url><url><loc>&b;</loc></url><url><loc>/ok</loc></url></urlset>"
    )
    items = list(iter_sitemap(xxe.encode(), source=SOURCE, max_entries=10))
    assert [item.url for item in items] == ["https://www.example.com/ok"]
    with pytest.raises(SitemapError, match="not well-formed"):
        list(iter_sitemap(f"<urlset {NS}><url><loc>/a</loc></url><url>".encode(), source=SOURCE, max_entries=10))


def test_rss_and_atom_entries() -> None:
    rss = (
        b"<rss version='2.0'><channel><language>fr</language><item><title> Un  titre </title><link>/a</link>"
        b"<pubDate>Wed, 01 May 2024 10:00:00 +0200</pubDate></item><item><title>no link</title></item></channel></rss>"
    )
    [item] = feed_entries(rss, source="https://example.com/feed", max_entries=10)
    assert (item.url, item.title, item.language) == ("https://example.com/a", "Un titre", "fr")
    assert item.published == datetime(2024, 5, 1, 8, tzinfo=UTC)
    atom = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>T</title><link href='https://e.com/x'/>"
        b"<updated>2024-05-02T00:00:00Z</updated></entry></feed>"
    )
    [item] = feed_entries(atom, source="https://e.com/atom", max_entries=10)
    assert item.url == "https://e.com/x" and item.lastmod == datetime(2024, 5, 2, tzinfo=UTC) and item.published is None


def test_a_broken_feed_raises_one_error() -> None:
    with pytest.raises(FeedError, match="broken feed"):
        feed_entries(b"<rss><channel><item><title>half", source="https://e.com/f", max_entries=10)


def test_a_feed_body_naming_a_local_file_is_not_opened(tmp_path: Path) -> None:
    local = tmp_path / "feed.xml"
    local.write_bytes(b"<rss version='2.0'><channel><item><link>https://e.com/secret</link></item></channel></rss>")
    with pytest.raises(FeedError):
        feed_entries(str(local).encode(), source="https://e.com/f", max_entries=10)


def test_json_feed_items_and_refusals() -> None:
    feed = (
        b'{"version": "https://jsonfeed.org/version/1.1", "language": "en", "items": ['
        b'{"id": "1", "url": "/a", "title": "A", "date_published": "2024-05-01T00:00:00+00:00"},'
        b'{"id": "2"}, "junk", {"id": "3", "url": "https://e.com/b", "date_modified": "2024-05-03", "language": "de"}]}'
    )
    items = json_feed_entries(feed, source="https://e.com/feed.json", max_entries=10)
    assert [(i.url, i.title, i.language) for i in items] == [
        ("https://e.com/a", "A", "en"),
        ("https://e.com/b", None, "de"),
    ]
    assert items[0].published == datetime(2024, 5, 1, tzinfo=UTC) and items[1].lastmod == datetime(
        2024, 5, 3, tzinfo=UTC
    )
    for bad in (
        b"{not json",
        b'{"items": []}',
        b'{"version": "https://jsonfeed.org/version/1", "items": 3}',
        b"[" * 100_000,
    ):
        with pytest.raises(FeedError):
            json_feed_entries(bad, source="https://e.com/f", max_entries=10)


def test_feed_links_robots_sitemaps_and_guesses() -> None:
    page = (
        b"<html><head><base href='/news/'><link rel='alternate' type='application/rss+xml' href='rss.xml'>"
        b"<link rel='alternate stylesheet' type='text/css' href='x.css'><link rel='Alternate' "
        b"type='application/atom+xml; charset=utf-8' href='https://e.com/atom'><link rel='alternate' "
        b"hreflang='de' href='/de/'><link rel='alternate' type='application/feed+json' href='/f.json'></head></html>"
    )
    links = feed_links(page, base_url="https://e.com/", limit=10)
    assert links == ["https://e.com/news/rss.xml", "https://e.com/atom", "https://e.com/f.json"]
    assert feed_links(page, base_url="https://e.com/", limit=1) == ["https://e.com/news/rss.xml"]
    robots = b"User-agent: *\nDisallow: /x\nSitemap: https://e.com/s.xml\nsitemap: /rel.xml\n"
    assert robots_sitemaps(robots, base_url="https://e.com/robots.txt") == [
        "https://e.com/s.xml",
        "https://e.com/rel.xml",
    ]
    assert guessed_sitemaps("https://e.com/a/b?c") == ["https://e.com/sitemap.xml", "https://e.com/sitemap_index.xml"]


def test_settings_are_frozen_validated_and_make_naive_bounds_utc() -> None:
    settings = DiscoverSettings(
        since=datetime(2024, 5, 1), until=datetime(2024, 6, 1, tzinfo=timezone(timedelta(hours=2)))
    )
    assert settings.since == datetime(2024, 5, 1, tzinfo=UTC)
    assert settings.until is not None and settings.until.utcoffset() == timedelta(hours=2)
    assert DiscoverSettings(limit=5).url_cap == 5 and DiscoverSettings(limit=50, max_urls=10).url_cap == 10
    with pytest.raises(AttributeError):
        settings.limit = 3  # type: ignore[misc]
    for bad in ({"max_sitemaps": 0}, {"max_depth": -1}, {"limit": 0}, {"max_decompressed_bytes": 0}):
        with pytest.raises(ValueError):
            DiscoverSettings(**bad)  # type: ignore[arg-type]


# --- the Fetcher additions discovery needs --------------------------------------------------------

FAST = FetchSettings(per_host_delay=0.0, max_retries=0, total_timeout=10.0, max_bytes=1 << 20)


def fetch_resource(url: str, **kwargs: int) -> FetchedResource:
    async def run() -> FetchedResource:
        async with Fetcher(FAST) as fetcher:
            return await fetcher.fetch_resource(url, **kwargs)

    return asyncio.run(run())


def test_fetch_resource_returns_non_html_as_sent_and_decodes_content_encoding() -> None:
    xml = b"<urlset><url><loc>/a</loc></url></urlset>"
    routes = {
        "/s.xml.gz": respond(200, gzip.compress(xml), content_type="application/gzip"),
        "/s.xml": encoded(gzip.compress(xml), "gzip", content_type="application/xml"),
        "/old.xml": redirect("/s.xml"),
    }
    with LoopbackServer(routes) as server:
        packed = fetch_resource(server.url("/s.xml.gz"))
        assert packed.content == gzip.compress(xml) and packed.content_type == "application/gzip"
        moved = fetch_resource(server.url("/old.xml"))
        assert (moved.final_url, moved.status, moved.content) == (server.url("/s.xml"), 200, xml)


def test_fetch_resource_keeps_the_policies() -> None:
    routes = {
        "/robots.txt": respond(200, "User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/private/s.xml": respond(200, "<urlset/>", content_type="application/xml"),
        "/big.xml": respond(200, b"<urlset>" + b" " * 5000, content_type="application/xml"),
    }
    with LoopbackServer(routes) as server:
        with pytest.raises(BlockedURLError):
            fetch_resource(server.url("/private/s.xml"))
        assert server.hits("/private/s.xml") == 0
        with pytest.raises(ResponseTooLargeError):
            fetch_resource(server.url("/big.xml"), max_bytes=1000)
        with pytest.raises(HTTPStatusError):
            fetch_resource(server.url("/missing.xml"))


def test_allowed_asks_robots_txt_without_fetching_the_url() -> None:
    routes = {"/robots.txt": respond(200, "User-agent: *\nDisallow: /private/\n", content_type="text/plain")}

    async def verdicts(server: LoopbackServer) -> tuple[bool, bool]:
        async with Fetcher(FAST) as fetcher:
            return await fetcher.allowed(server.url("/private/a")), await fetcher.allowed(server.url("/news/a"))

    with LoopbackServer(routes) as server:
        assert asyncio.run(verdicts(server)) == (False, True)
        assert server.hits("/robots.txt") == 1 and server.hits("/private/a") == 0 and server.hits("/news/a") == 0

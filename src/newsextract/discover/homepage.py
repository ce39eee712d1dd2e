"""Autodiscovery on a site's home page: feed links in the HTML, sitemaps in robots.txt and at the usual places.

Usage::

    feeds = feed_links(html_bytes, base_url="https://example.com/", limit=50)
    sitemaps = robots_sitemaps(robots_txt_bytes, base_url="https://example.com/robots.txt")
    guesses = guessed_sitemaps("https://example.com/news/")   # /sitemap.xml, /sitemap_index.xml
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

from protego import Protego
from selectolax.lexbor import LexborHTMLParser

from newsextract.fetch.robots import ROBOTS_MAX_BYTES

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
    }
)
GUESSED_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml")
# The <head> holds the feed links; a home page past this size is cut before parsing.
_MAX_HTML_BYTES = 4_000_000


def feed_links(html: bytes, *, base_url: str, limit: int) -> list[str]:
    """Absolute URLs of the RSS, Atom and JSON feeds a page links with <link rel="alternate">, in order."""
    tree = LexborHTMLParser(html[:_MAX_HTML_BYTES].decode("utf-8", errors="replace"))
    base = tree.css_first("base[href]")
    base_href = urljoin(base_url, (base.attributes.get("href") or "").strip()) if base is not None else base_url
    links: list[str] = []
    for node in tree.css("link[rel][href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        media = (node.attributes.get("type") or "").split(";")[0].strip().lower()
        href = (node.attributes.get("href") or "").strip()
        if "alternate" in rel and media in FEED_TYPES and href:
            url = urljoin(base_href, href)
            if url not in links:
                links.append(url)
            if len(links) >= limit:
                break
    return links


def robots_sitemaps(robots_txt: bytes, *, base_url: str) -> list[str]:
    """The sitemaps a robots.txt names in its Sitemap: lines, made absolute."""
    text = robots_txt[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
    return [urljoin(base_url, url.strip()) for url in Protego.parse(text).sitemaps if url.strip()]


def robots_txt_url(url: str) -> str:
    """The robots.txt of ``url``'s origin."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def guessed_sitemaps(url: str) -> list[str]:
    """The usual sitemap places at ``url``'s origin, tried when nothing names them."""
    parts = urlsplit(url)
    return [urlunsplit((parts.scheme, parts.netloc, path, "", "")) for path in GUESSED_SITEMAP_PATHS]

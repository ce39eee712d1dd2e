"""Sitemaps (protocol 0.9, index or plain) and Google News sitemaps, parsed incrementally with lxml.

Usage::

    for item in iter_sitemap(document.content, source=document.url, max_entries=50_000):
        if isinstance(item, SitemapChild): ...   # a sitemap an index lists
        else: ...                                # a DiscoveredURL (raw, not yet normalised)

The parser resolves no entities, loads no DTD, touches no network and refuses huge
text nodes; each <url>/<sitemap> element is dropped once read, so memory holds one
entry at a time besides the document bytes. Elements are matched by local name (many
sitemaps get the namespace wrong); the news fields only inside the News namespace.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from newsextract.discover.filters import parse_date
from newsextract.discover.models import DiscoveredURL

NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
# Longer text in a <loc> or <news:title> is not a URL or a title; cut it.
_MAX_TEXT_CHARS = 4_000


@dataclass(frozen=True, slots=True)
class SitemapChild:
    """A sitemap listed by a sitemap index."""

    url: str


class SitemapError(Exception):
    """A sitemap that is not well-formed XML; the message is one line."""


def iter_sitemap(content: bytes, *, source: str, max_entries: int) -> Iterator[SitemapChild | DiscoveredURL]:
    """Yield the children of a sitemap index or the URLs of a sitemap, at most ``max_entries``."""
    events = etree.iterparse(
        io.BytesIO(content),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    count = 0
    try:
        for _, element in events:
            name = _local(element)
            if name not in ("url", "sitemap"):
                continue
            item = _read_entry(element, name, source)
            _drop(element)
            if item is not None:
                yield item
                count += 1
                if count >= max_entries:
                    return
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not well-formed XML: {str(exc)[:200]}") from exc


def _read_entry(element: etree._Element, name: str, source: str) -> SitemapChild | DiscoveredURL | None:
    fields = {_local(child): child for child in element}
    loc = _text(fields.get("loc"))
    if not loc:
        return None
    url = urljoin(source, loc)
    if name == "sitemap":
        return SitemapChild(url)
    news = next((child for child in element if _namespace(child) == NEWS_NAMESPACE and _local(child) == "news"), None)
    found = DiscoveredURL(url=url, source=source, lastmod=parse_date(_text(fields.get("lastmod"))))
    return _with_news(found, news) if news is not None else found


def _with_news(found: DiscoveredURL, news: etree._Element) -> DiscoveredURL:
    """Add a <news:news> block's publication date, title and language."""
    date = title = language = None
    for child in news.iter():
        if _namespace(child) != NEWS_NAMESPACE:
            continue
        name = _local(child)
        if name == "publication_date":
            date = parse_date(_text(child))
        elif name == "title":
            title = _text(child)
        elif name == "language":
            language = _text(child)
    return DiscoveredURL(
        url=found.url, source=found.source, lastmod=found.lastmod, published=date, title=title, language=language
    )


def _drop(element: etree._Element) -> None:
    # Clean as we go: clear the entry and the already-read siblings before it.
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _namespace(element: etree._Element) -> str | None:
    tag = element.tag
    return etree.QName(tag).namespace if isinstance(tag, str) else None


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    text = element.text.strip()[:_MAX_TEXT_CHARS]
    return text or None

"""RSS and Atom feeds (feedparser) and JSON Feed (json): the URLs they list, with dates and titles.

Usage::

    entries = feed_entries(document.content, source=document.url, max_entries=1000)
    entries = json_feed_entries(document.content, source=document.url, max_entries=1000)

Both raise FeedError (one line) for a feed that lists nothing usable. URLs are made
absolute against the feed's URL but not yet normalised.
"""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsextract.discover.filters import parse_date
from newsextract.discover.models import DiscoveredURL

_MAX_TEXT_CHARS = 4_000  # longer is not a URL or a title


class FeedError(Exception):
    """A feed that cannot be used; the message is one line."""


def feed_entries(content: bytes, *, source: str, max_entries: int) -> list[DiscoveredURL]:
    """The entries of an RSS (0.9x, 1.0, 2.0) or Atom feed that have a link."""
    # A stream, never bytes or str: feedparser fetches a str that looks like a URL and *opens a body
    # that names a local file*. No HTML sanitising: only links and titles are used.
    parsed = feedparser.parse(io.BytesIO(content), sanitize_html=False, resolve_relative_uris=False)
    language = _clean(parsed.feed.get("language"))
    found = []
    for entry in parsed.entries[:max_entries]:
        link = _clean(entry.get("link"))
        if not link:
            continue
        found.append(
            DiscoveredURL(
                url=urljoin(source, link),
                source=source,
                # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
                lastmod=_struct_date(dict.get(entry, "updated_parsed")),
                published=_struct_date(dict.get(entry, "published_parsed")),
                title=_clean(entry.get("title")),
                language=language or _clean(entry.get("title_detail", {}).get("language")),
            )
        )
    if not found and parsed.get("bozo"):
        raise FeedError(f"broken feed: {_one_line(parsed.get('bozo_exception'))}")
    return found


def json_feed_entries(content: bytes, *, source: str, max_entries: int) -> list[DiscoveredURL]:
    """The items of a JSON Feed (jsonfeed.org 1.0 and 1.1) that have a url."""
    try:
        feed = json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"broken JSON feed: {_one_line(exc)}") from exc
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedError("not a JSON Feed: no jsonfeed.org version")
    items = feed.get("items")
    if not isinstance(items, list):
        raise FeedError("broken JSON feed: items is not a list")
    language = _clean(feed.get("language"))
    return [_json_item(item, source, language) for item in items[:max_entries] if _has_url(item)]


def _json_item(item: dict[str, Any], source: str, language: str | None) -> DiscoveredURL:
    return DiscoveredURL(
        url=urljoin(source, str(item["url"]).strip()),
        source=source,
        lastmod=parse_date(_clean(item.get("date_modified"))),
        published=parse_date(_clean(item.get("date_published"))),
        title=_clean(item.get("title")),
        language=_clean(item.get("language")) or language,
    )


def _has_url(item: object) -> bool:
    return isinstance(item, dict) and isinstance(item.get("url"), str) and bool(item["url"].strip())


def _struct_date(value: time.struct_time | None) -> datetime | None:
    # feedparser gives dates as UTC struct_time, whatever zone the feed wrote.
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:_MAX_TEXT_CHARS]
    return text or None


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200] or "unreadable"

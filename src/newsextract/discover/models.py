"""What discovery finds (DiscoveredURL) and the limits it works within (DiscoverSettings).

Usage::

    settings = DiscoverSettings(since=datetime(2024, 5, 1, tzinfo=UTC), limit=100)
    for found in discover(["https://example.com/"], settings=settings):
        print(found.url, found.published or found.lastmod)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

MB = 1_000_000

# Called with (document or source URL, one-line message) for each problem; discovery goes on.
Report = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class DiscoverSettings:
    """Limits and filters of one discovery run. Every limit holds however hostile the site.

    max_depth: sitemap-index levels followed below a sitemap given or found (an index
        at depth 0 may list sitemaps at depth 1, and so on).
    max_sitemaps: sitemap documents read in the whole run (indexes included).
    max_feeds: feed documents read in the whole run.
    max_document_bytes: bytes read per sitemap or feed, after HTTP decompression (the
        sitemap protocol's own limit is 50 MB).
    max_decompressed_bytes: bytes a gzip file (sitemap.xml.gz) may inflate to; past it the
        document is dropped, so a gzip bomb costs no more than this.
    max_urls: URLs output in the whole run; also the most entries read from one document.
    same_site: keep only URLs (and follow only sitemaps and feeds) on the source's site: its
        host (after redirects) without a leading "www.", or a subdomain of it.
    since, until: keep only URLs whose date (publication date, else lastmod) is in
        [since, until]; with either set, URLs without any date are left out.
    limit: stop after this many URLs (after the filters).
    guess_sitemaps: on a home page, also try /sitemap.xml and /sitemap_index.xml.
    """

    max_depth: int = 3
    max_sitemaps: int = 500
    max_feeds: int = 50
    max_document_bytes: int = 50 * MB
    max_decompressed_bytes: int = 50 * MB
    max_urls: int = 1_000_000
    same_site: bool = True
    since: datetime | None = None
    until: datetime | None = None
    limit: int | None = None
    guess_sitemaps: bool = True

    def __post_init__(self) -> None:
        for name in ("max_sitemaps", "max_feeds", "max_document_bytes", "max_decompressed_bytes", "max_urls"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.max_depth < 0 or (self.limit is not None and self.limit < 1):
            raise ValueError("max_depth must not be negative and limit must be at least 1")
        # Naive bounds are taken as UTC, like naive dates in sitemaps and feeds.
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                object.__setattr__(self, name, value.replace(tzinfo=UTC))

    @property
    def url_cap(self) -> int:
        """The most URLs this run may output: limit or max_urls, whichever is smaller."""
        return min(self.limit or self.max_urls, self.max_urls)


DEFAULT_DISCOVER_SETTINGS = DiscoverSettings()


@dataclass(frozen=True, slots=True)
class DiscoveredURL:
    """One URL and what the listing source says about it.

    url: normalised as `batch` normalises (_urls.normalise_url);
    lastmod: when the page last changed (sitemap lastmod, feed updated);
    published: when it was published (news sitemap publication_date, feed published);
    title, language: as the source gives them (news sitemaps and feeds);
    source: the sitemap or feed that listed it.
    Dates are timezone-aware; a source's naive dates are taken as UTC.
    """

    url: str
    source: str
    lastmod: datetime | None = None
    published: datetime | None = None
    title: str | None = None
    language: str | None = None

    @property
    def date(self) -> datetime | None:
        """The date the filters use: the publication date, else lastmod."""
        return self.published or self.lastmod

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON Lines record of `discover --format jsonl`."""
        return {
            "url": self.url,
            "lastmod": self.lastmod.isoformat() if self.lastmod else None,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "language": self.language,
            "source": self.source,
        }

"""The filters every discovered URL passes: same site, date window; and date parsing.

Usage::

    site = site_of("https://www.example.com/")        # "example.com"
    on_site("https://news.example.com/a", site)        # True
    in_window(found, settings)                         # since/until on published or lastmod
    parse_date("2024-05-01T10:00:00+02:00")
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from dateutil import parser as dateutil_parser

from newsextract.discover.models import DiscoveredURL, DiscoverSettings

# Dates are short; a longer string is not a date and must not cost the parser time.
_MAX_DATE_CHARS = 64


def site_of(url: str) -> str:
    """The site a URL belongs to: its host, lower-cased, without a leading "www."."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def on_site(url: str, site: str) -> bool:
    """True if ``url`` is on ``site`` or a subdomain of it (IP addresses: the same address only)."""
    host = site_of(url)
    if host == site:
        return True
    is_address = ":" in site or site.replace(".", "").isdigit()
    return not is_address and host.endswith("." + site)


def in_window(found: DiscoveredURL, settings: DiscoverSettings) -> bool:
    """True if the URL's date lies in [since, until]; undated URLs pass only when no bound is set."""
    if settings.since is None and settings.until is None:
        return True
    when = found.date
    if when is None:
        return False
    if settings.since is not None and when < settings.since:
        return False
    return settings.until is None or when <= settings.until


def parse_date(text: str | None) -> datetime | None:
    """A timezone-aware datetime from a W3C/ISO 8601 or RFC 822 date, or None if it is not one."""
    if not text or not text.strip() or len(text) > _MAX_DATE_CHARS:
        return None
    value = text.strip()
    parsed: datetime
    try:
        parsed = dateutil_parser.isoparse(value)
    except (ValueError, OverflowError):
        try:
            parsed = dateutil_parser.parse(value)
        except (ValueError, OverflowError):
            return None
    # A naive date names no zone; UTC is the usual meaning in sitemaps and feeds.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)

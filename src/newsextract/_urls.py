"""http(s) URLs, parsed by one parser: the one the fetcher sends requests with (httpx).

Usage::

    url = parse_http_url("https://example.com/a")   # httpx.URL, or InvalidURLError
    is_http_url("ftp://example.com/")               # False
    origin(url)                                     # "https://example.com:443"
"""

from __future__ import annotations

import httpx

from newsextract.errors import InvalidURLError

__all__ = ["HTTP_SCHEMES", "check_http_url", "default_port", "is_http_url", "origin", "parse_http_url"]

HTTP_SCHEMES = frozenset({"http", "https"})


def parse_http_url(text: str) -> httpx.URL:
    """Parse an absolute http(s) URL with a host; raise ``InvalidURLError`` otherwise."""
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InvalidURLError(f"malformed URL: {exc}", url=text) from exc
    check_http_url(url, text)
    return url


def check_http_url(url: httpx.URL, original: str) -> None:
    """Raise ``InvalidURLError`` (naming ``original``) unless ``url`` is http(s) with a host."""
    if url.scheme not in HTTP_SCHEMES:
        raise InvalidURLError(f"only http and https URLs can be fetched, not {url.scheme or 'none'}", url=original)
    if not url.host:
        raise InvalidURLError("URL has no host", url=original)


def is_http_url(text: str) -> bool:
    """True if ``text`` is an absolute http(s) URL with a host."""
    try:
        parse_http_url(text)
    except InvalidURLError:
        return False
    return True


def default_port(url: httpx.URL) -> int:
    """The port ``url`` connects to when it names none."""
    return 443 if url.scheme == "https" else 80


def origin(url: httpx.URL) -> str:
    """``scheme://host:port``: the unit robots.txt and politeness apply to."""
    return f"{url.scheme}://{url.host}:{url.port or default_port(url)}"

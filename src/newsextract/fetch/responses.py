"""What one HTTP exchange gives back, and the rules applied to it: statuses, redirects, types, sizes, errors.

Usage::

    target = redirect_target(reply)                     # the next hop, or None
    check_html(response, url)                           # ContentTypeError unless HTML
    raise fetch_error(exc, url)                         # an httpx error as a typed FetchError
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from newsextract._media import is_html_media_type, media_type
from newsextract._urls import check_http_url
from newsextract.errors import (
    ContentTypeError,
    FetchError,
    FetchTimeoutError,
    InvalidURLError,
    NetworkError,
    ResponseTooLargeError,
)

__all__ = [
    "REDIRECT_STATUSES",
    "RETRY_STATUSES",
    "FetchedResource",
    "Reply",
    "check_declared_length",
    "check_html",
    "check_magic",
    "fetch_error",
    "parse_retry_after",
    "redirect_target",
]

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Magic numbers of common non-HTML bodies, for servers that send no Content-Type.
_MAGIC_TYPES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
)


@dataclass(frozen=True, slots=True)
class Reply:
    """One exchange's answer, body read (empty for non-2xx)."""

    url: httpx.URL
    status: int
    headers: httpx.Headers
    content: bytes


@dataclass(frozen=True, slots=True)
class FetchedResource:
    """A non-HTML resource (feed, sitemap, ...) as ``Fetcher.fetch_resource`` returns it.

    ``content`` is the body with any Content-Encoding undone, nothing more: a
    ``.gz`` file served as such stays gzipped, for the caller to open under its own cap.
    """

    url: str
    final_url: str
    status: int
    content_type: str  # the Content-Type header as sent, "" if none
    content: bytes


def redirect_target(reply: Reply) -> httpx.URL | None:
    """Where a redirect points (an http(s) URL), or None if ``reply`` is not a redirect."""
    location = reply.headers.get("location")
    if reply.status not in REDIRECT_STATUSES or not location:
        return None
    try:
        target = reply.url.join(location.strip())
    except httpx.InvalidURL as exc:
        raise InvalidURLError(f"bad redirect location {location!r}", url=str(reply.url)) from exc
    check_http_url(target, str(target))
    return target


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def fetch_error(exc: BaseException, url: httpx.URL) -> FetchError:
    """The typed error for a transport failure (or the whole-request timeout) on ``url``."""
    where = str(url)
    if isinstance(exc, TimeoutError):
        return FetchTimeoutError("request took longer than the whole-request timeout", url=where)
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeoutError(f"timed out: {type(exc).__name__}", url=where)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return InvalidURLError(f"unsupported protocol: {exc}", url=where)
    if isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)):
        return NetworkError(f"{type(exc).__name__}: {exc or 'connection failed'}", url=where)
    return FetchError(f"{type(exc).__name__}: {exc}", url=where)


def check_html(response: httpx.Response, url: httpx.URL) -> None:
    """Refuse a response whose Content-Type names anything but HTML (none at all passes: see check_magic)."""
    media = media_type(response.headers.get("content-type"))
    if media and not is_html_media_type(media):
        raise ContentTypeError(
            f"not an HTML page: content type {media}", url=str(url), http_status=response.status_code
        )


def check_magic(content: bytes, response: httpx.Response, url: httpx.URL) -> None:
    """Refuse an untyped body that starts like a PDF, image or archive."""
    if response.headers.get("content-type"):
        return
    head = content[:16].lstrip()
    for magic, media in _MAGIC_TYPES:
        if head.startswith(magic):
            raise ContentTypeError(
                f"not an HTML page: no content type, body looks like {media}",
                url=str(url),
                http_status=response.status_code,
            )


def check_declared_length(response: httpx.Response, url: httpx.URL, limit: int) -> None:
    """Refuse a body whose Content-Length is over ``limit`` before reading any of it."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ResponseTooLargeError(
            f"body of {int(declared)} bytes is over the {limit}-byte cap",
            url=str(url),
            http_status=response.status_code,
        )

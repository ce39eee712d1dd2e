"""Fetch pages over HTTP: polite, bounded, retried, with typed errors.

Usage::

    page = fetch("https://example.com/a")                    # sync, one page
    article = fetch_article("https://example.com/a")          # fetch + extract

    async with Fetcher(FetchSettings(per_host_delay=1.0)) as fetcher:
        pages = await asyncio.gather(*(fetcher.fetch(u) for u in urls))

One ``Fetcher`` owns one ``httpx.AsyncClient`` and every limit: it may be
called from many tasks at once, and the global concurrency, per-host
concurrency, per-host delay and the once-per-origin robots.txt fetch hold
across all of them.

What one ``Fetcher.fetch(url)`` does, hop by hop along redirects:

1. refuse anything but http/https (``InvalidURLError``);
2. optionally refuse hosts that resolve to private, loopback or link-local
   addresses (``BlockedURLError``);
3. consult the origin's robots.txt, fetched once and cached (``BlockedURLError``);
4. wait for a per-host slot and the per-host delay, then a global slot;
5. send the request; retry connect errors, timeouts and 408/425/429/5xx with
   exponential backoff and jitter, or as long as ``Retry-After`` says (capped);
6. on a redirect, go round again with the new URL (limit and loop detection);
7. refuse non-HTML content types before reading the body, then stream the
   body, decompressing it ourselves, and cut it at ``max_bytes`` compressed or
   decompressed (``ResponseTooLargeError``; see bounded_body.py).

Every failure is a ``FetchError`` subclass carrying url, stage and HTTP status.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.client import HTTPResponse
from http.cookiejar import Cookie, CookieJar
from importlib.util import find_spec
from types import TracebackType
from urllib.request import Request

import httpx

from newsextract._hosts import HostTable
from newsextract.bounded_body import ACCEPT_ENCODING, read_body
from newsextract.errors import (
    BlockedURLError,
    ContentTypeError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InvalidURLError,
    NetworkError,
    ResponseTooLargeError,
    TooManyRedirectsError,
)
from newsextract.models import Article, FetchedPage
from newsextract.robots import (
    ROBOTS_MAX_BYTES,
    ROBOTS_MAX_REDIRECTS,
    RobotsPolicy,
    policy_from_response,
    robots_url,
)
from newsextract.settings import (
    DEFAULT_EXTRACT_SETTINGS,
    DEFAULT_FETCH_SETTINGS,
    ExtractSettings,
    FetchSettings,
)

__all__ = ["FetchedResource", "Fetcher", "fetch", "fetch_article"]

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# How many origins keep their politeness and robots state (see _hosts.py for the cost).
MAX_HOST_STATES = 4096
# Idle connections kept for reuse (each is a socket; httpx closes them after 5 s idle).
_KEEPALIVE_CONNECTIONS = 128

# Transport errors worth another attempt: the next one may well succeed.
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, TimeoutError)
_HAS_H2 = find_spec("h2") is not None
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# Magic numbers of common non-HTML bodies, for servers that send no Content-Type.
_MAGIC_TYPES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
)

Sleep = Callable[[float], Awaitable[None]]


# --- the public API -----------------------------------------------------------------------------


class Fetcher:
    """Fetch pages politely and safely over one shared HTTP client.

    Usage: ``async with Fetcher(settings) as f: page = await f.fetch(url)``

    ``transport`` replaces the network (tests, custom stacks); with it,
    ``proxy`` and ``http2`` in the settings have no effect.
    """

    def __init__(
        self,
        settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._settings = settings
        self._client = _build_client(settings, transport)
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._hosts = HostTable(settings.per_host_concurrency, MAX_HOST_STATES)
        self._rng = random.Random()
        # Every deliberate wait (backoff, Retry-After, per-host delay) goes through
        # here, so tests can observe the delays without waiting for them.
        self._sleep: Sleep = asyncio.sleep

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client and its connections."""
        await self._client.aclose()

    async def fetch(self, url: str) -> FetchedPage:
        """Fetch one HTML page; raise a ``FetchError`` subclass if that is not possible."""
        start = _parse_url(url)
        reply = await self._follow(start, self._settings.max_redirects, purpose=_PAGE)
        if not 200 <= reply.status < 300:
            raise HTTPStatusError(f"HTTP {reply.status}", url=str(reply.url), http_status=reply.status)
        return FetchedPage(
            url=url,
            final_url=str(reply.url),
            status=reply.status,
            headers={key.lower(): value for key, value in reply.headers.items()},
            content=reply.content,
        )

    async def fetch_resource(self, url: str, *, max_bytes: int | None = None) -> FetchedResource:
        """Fetch any resource (XML, a feed, a .gz file) under the page policies, with no HTML check.

        The body is capped at ``max_bytes`` (default: the settings' ``max_bytes``); an HTTP
        Content-Encoding is undone, a gzip *file* is returned as it is.
        """
        purpose = _Purpose(robots=True, retries=True, html_only=False, max_bytes=max_bytes, truncate=False)
        reply = await self._follow(_parse_url(url), self._settings.max_redirects, purpose=purpose)
        if not 200 <= reply.status < 300:
            raise HTTPStatusError(f"HTTP {reply.status}", url=str(reply.url), http_status=reply.status)
        return FetchedResource(str(reply.url), reply.status, reply.headers.get("content-type"), reply.content)

    async def allowed(self, url: str) -> bool:
        """robots.txt's verdict on ``url`` for our user agent (robots.txt fetched once per origin)."""
        return await self._robots_allow(_parse_url(url))

    # --- redirects, policy checks, retries ----------------------------------------------------

    async def _follow(self, url: httpx.URL, max_redirects: int, *, purpose: _Purpose) -> _Reply:
        # Cookies live for one redirect chain only: consent walls that set a
        # cookie and bounce back work, and nothing accumulates across a run.
        jar = httpx.Cookies()
        seen = {_chain_state(url, jar)}
        redirects = 0
        while True:
            reply = await self._hop(url, jar, purpose=purpose)
            target = _redirect_target(reply)
            if target is None:
                return reply
            state = _chain_state(target, jar)
            if state in seen:
                raise TooManyRedirectsError(f"redirect loop back to {target}", url=str(url), http_status=reply.status)
            redirects += 1
            if redirects > max_redirects:
                raise TooManyRedirectsError(
                    f"more than {max_redirects} redirects", url=str(url), http_status=reply.status
                )
            seen.add(state)
            url = target

    async def _hop(self, url: httpx.URL, jar: httpx.Cookies, *, purpose: _Purpose) -> _Reply:
        if self._settings.block_private_addresses:
            await self._check_public(url)
        if purpose.robots and self._settings.respect_robots and not await self._robots_allow(url):
            raise BlockedURLError("disallowed by robots.txt", url=str(url))
        retries = self._settings.max_retries if purpose.retries else 0
        return await self._with_retries(url, jar, retries, purpose=purpose)

    async def _with_retries(self, url: httpx.URL, jar: httpx.Cookies, retries: int, *, purpose: _Purpose) -> _Reply:
        for attempt in range(retries + 1):
            last = attempt == retries
            try:
                reply = await self._attempt(url, jar, purpose=purpose)
            except _RETRYABLE_ERRORS as exc:
                if last:
                    raise _fetch_error(exc, url) from exc
                await self._sleep(self._backoff(attempt))
                continue
            except httpx.HTTPError as exc:
                raise _fetch_error(exc, url) from exc
            if last or reply.status not in RETRY_STATUSES:
                return reply
            await self._pause_before_retry(reply, attempt)
        raise AssertionError("unreachable: the last attempt always returns or raises")

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._settings.backoff_max, self._settings.backoff_base * 2.0**attempt)
        # "Equal jitter": never less than half the ceiling, so retries really back off,
        # yet spread out so many clients hit by one outage do not retry in lockstep.
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    async def _pause_before_retry(self, reply: _Reply, attempt: int) -> None:
        after = parse_retry_after(reply.headers.get("retry-after"))
        if after is None:
            await self._sleep(self._backoff(attempt))
            return
        # Retry-After speaks for the whole host, not just this URL: hold back every
        # request to it; the retry itself then waits for its slot in _attempt.
        with self._hosts.use(_origin(reply.url)) as host:
            host.defer(min(after, self._settings.retry_after_max))

    # --- one HTTP exchange under the politeness limits -----------------------------------------

    async def _attempt(self, url: httpx.URL, jar: httpx.Cookies, *, purpose: _Purpose) -> _Reply:
        settings = self._settings
        with self._hosts.use(_origin(url)) as host:
            async with host.slots:
                wait = host.reserve_start(settings.per_host_delay)
                if wait > 0:
                    await self._sleep(wait)
                async with self._slots, asyncio.timeout(settings.total_timeout):
                    return await self._exchange(url, jar, purpose=purpose)

    async def _exchange(self, url: httpx.URL, jar: httpx.Cookies, *, purpose: _Purpose) -> _Reply:
        request = self._client.build_request("GET", url)
        jar.set_cookie_header(request)
        response = await self._client.send(request, stream=True)
        try:
            jar.extract_cookies(response)
            if not 200 <= response.status_code < 300:
                return _Reply(url, response.status_code, response.headers, b"")
            limit = purpose.max_bytes or self._settings.max_bytes
            if purpose.html_only:
                _check_media_type(response, url)
            if not purpose.truncate:
                _check_declared_length(response, url, limit)
            content = await read_body(response, url, limit, truncate=purpose.truncate)
            if purpose.html_only:
                _check_magic(content, response, url)
            return _Reply(url, response.status_code, response.headers, content)
        finally:
            await response.aclose()

    # --- policies ------------------------------------------------------------------------------

    async def _robots_allow(self, url: httpx.URL) -> bool:
        with self._hosts.use(_origin(url)) as host:
            # The lock makes concurrent first requests to a host share one robots.txt fetch.
            async with host.robots_lock:
                if host.robots is None:
                    host.robots = await self._load_robots(url)
            return host.robots.allows(str(url), self._settings.user_agent)

    async def _load_robots(self, url: httpx.URL) -> RobotsPolicy:
        try:
            reply = await self._follow(robots_url(url), ROBOTS_MAX_REDIRECTS, purpose=_ROBOTS_TXT)
        except FetchError:
            return RobotsPolicy.allow_all()  # unreachable: allowed (see robots.py)
        return policy_from_response(reply.status, reply.content)

    async def _check_public(self, url: httpx.URL) -> None:
        host = url.host
        try:
            addresses: Sequence[_IPAddress] = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                addresses = await self._resolve(host, url.port or _default_port(url))
            except OSError as exc:
                raise NetworkError(f"DNS lookup failed for {host}: {exc}", url=str(url)) from exc
        for address in addresses:
            if not _is_public(address):
                raise BlockedURLError(f"{host} resolves to non-public address {address}", url=str(url))

    async def _resolve(self, host: str, port: int) -> list[_IPAddress]:
        # Note the gap: httpx resolves again when it connects, so a DNS server
        # that answers differently the second time (rebinding) is not caught.
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def fetch(url: str, settings: FetchSettings = DEFAULT_FETCH_SETTINGS) -> FetchedPage:
    """Fetch one page synchronously. Usage: ``page = fetch("https://example.com/a")``

    Runs its own event loop, so it cannot be called from async code: use
    ``Fetcher`` there.
    """

    async def run() -> FetchedPage:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def fetch_article(
    url: str,
    *,
    fetch_settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
    extract_settings: ExtractSettings = DEFAULT_EXTRACT_SETTINGS,
) -> Article:
    """Fetch a page and extract its article. Usage: ``fetch_article("https://example.com/a")``"""
    from newsextract.extract import extract_article  # loaded on first use: fetching alone needs none of it

    page = fetch(url, fetch_settings)
    return extract_article(
        page.content,
        url=page.url,
        final_url=page.final_url,
        http_charset=page.charset,
        settings=extract_settings,
    )


# --- client and response helpers ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchedResource:
    """A non-HTML resource from ``Fetcher.fetch_resource``: final URL, status, type and body."""

    url: str
    status: int
    content_type: str | None
    content: bytes


@dataclass(frozen=True, slots=True)
class _Purpose:
    """What a request is for, and so which checks apply to it."""

    robots: bool  # ask robots.txt first (not for robots.txt itself)
    retries: bool
    html_only: bool  # refuse non-HTML content types
    max_bytes: int | None  # body cap; None: the settings' max_bytes
    truncate: bool  # past the cap keep the first bytes (robots.txt) instead of failing


_PAGE = _Purpose(robots=True, retries=True, html_only=True, max_bytes=None, truncate=False)
_ROBOTS_TXT = _Purpose(robots=False, retries=False, html_only=False, max_bytes=ROBOTS_MAX_BYTES, truncate=True)


@dataclass(frozen=True, slots=True)
class _Reply:
    url: httpx.URL
    status: int
    headers: httpx.Headers
    content: bytes


class _NoCookieJar(CookieJar):
    """The shared client stores no cookies: a run over millions of URLs would
    otherwise keep every cookie of every site, and leak them between fetches."""

    def extract_cookies(self, response: HTTPResponse, request: Request) -> None:
        return None

    def set_cookie(self, cookie: Cookie) -> None:
        return None


def _build_client(settings: FetchSettings, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    headers = {"user-agent": settings.user_agent, "accept": _ACCEPT, "accept-encoding": ACCEPT_ENCODING}
    headers.update(settings.headers)
    return httpx.AsyncClient(
        headers=headers,
        # A CookieJar, not httpx.Cookies: httpx would copy the latter into a plain, storing jar.
        cookies=_NoCookieJar(),
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.connect_timeout,
        ),
        # Requests in flight are bounded by our own semaphores, so the pool itself
        # needs no cap; a cap near `concurrency` would make connections to many
        # hosts evict each other and every request pay for a new connection.
        limits=httpx.Limits(max_connections=None, max_keepalive_connections=_KEEPALIVE_CONNECTIONS),
        http2=settings.http2 and _HAS_H2,
        proxy=settings.proxy,
        transport=transport,
        follow_redirects=False,
        # Settings are the whole configuration: no proxy picked up from the environment.
        trust_env=False,
    )


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InvalidURLError(f"malformed URL: {exc}", url=url) from exc
    _check_scheme(parsed, url)
    return parsed


def _check_scheme(parsed: httpx.URL, original: str) -> None:
    if parsed.scheme not in ("http", "https"):
        raise InvalidURLError(f"only http and https URLs can be fetched, not {parsed.scheme or 'none'}", url=original)
    if not parsed.host:
        raise InvalidURLError("URL has no host", url=original)


def _redirect_target(reply: _Reply) -> httpx.URL | None:
    location = reply.headers.get("location")
    if reply.status not in REDIRECT_STATUSES or not location:
        return None
    try:
        target = reply.url.join(location.strip())
    except httpx.InvalidURL as exc:
        raise InvalidURLError(f"bad redirect location {location!r}", url=str(reply.url)) from exc
    _check_scheme(target, str(target))
    return target


def _chain_state(url: httpx.URL, jar: httpx.Cookies) -> tuple[str, frozenset[tuple[str, str, str]]]:
    # The same URL with new cookies is progress (a consent wall), not a loop.
    return str(url), frozenset((c.domain, c.name, c.value or "") for c in jar.jar)


def _origin(url: httpx.URL) -> str:
    return f"{url.scheme}://{url.host}:{url.port or _default_port(url)}"


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


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


def _fetch_error(exc: BaseException, url: httpx.URL) -> FetchError:
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


# --- content checks -----------------------------------------------------------------------------


def _check_media_type(response: httpx.Response, url: httpx.URL) -> None:
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media and media not in HTML_MEDIA_TYPES:
        raise ContentTypeError(
            f"not an HTML page: content type {media}", url=str(url), http_status=response.status_code
        )


def _check_magic(content: bytes, response: httpx.Response, url: httpx.URL) -> None:
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


def _check_declared_length(response: httpx.Response, url: httpx.URL, limit: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ResponseTooLargeError(
            f"body of {int(declared)} bytes is over the {limit}-byte cap",
            url=str(url),
            http_status=response.status_code,
        )


# --- addresses ----------------------------------------------------------------------------------

_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _is_public(address: _IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return address.is_global and not address.is_multicast

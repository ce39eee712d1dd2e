"""The Fetcher: polite, bounded, retried HTTP on one shared client, with typed errors.

Usage::

    async with Fetcher(FetchSettings(per_host_delay=1.0)) as fetcher:
        pages = await asyncio.gather(*(fetcher.fetch(u) for u in urls))
        feed = await fetcher.fetch_resource("https://example.com/feed.xml", max_bytes=5_000_000)
        if await fetcher.allowed(url): ...

One ``Fetcher`` owns one ``httpx.AsyncClient`` and every limit: it may be
called from many tasks at once, and the global concurrency, per-host
concurrency, per-host delay and the once-per-origin robots.txt fetch hold
across all of them.

What one ``fetch(url)`` does, hop by hop along redirects:

1. refuse anything but http/https (``InvalidURLError``);
2. optionally refuse hosts that resolve to non-public addresses
   (``BlockedURLError``; checked here and again, rebinding-safe, when a
   connection is opened: see addresses.py);
3. consult the origin's robots.txt, cached per origin (``BlockedURLError``; see robots.py);
4. wait for a per-host slot and the per-host delay (raised by a robots.txt
   Crawl-delay), then a global slot;
5. send the request; retry connect errors, timeouts and 408/425/429/5xx with
   exponential backoff and jitter, or as long as ``Retry-After`` says (capped);
6. on a redirect, go round again with the new URL (limit and loop detection);
7. refuse non-HTML content types before reading the body (``fetch`` only, not
   ``fetch_resource``), then stream the body, decompressing it ourselves, and
   cut it at the size cap compressed or decompressed (``ResponseTooLargeError``;
   see bounded_body.py).

Every failure is a ``FetchError`` subclass carrying url, stage and HTTP status.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType

import httpx

from newsextract._urls import default_port, origin, parse_http_url
from newsextract.errors import BlockedURLError, FetchError, HTTPStatusError, NetworkError, TooManyRedirectsError
from newsextract.fetch.addresses import Resolver, public_addresses, system_resolver
from newsextract.fetch.bounded_body import read_body
from newsextract.fetch.hosts import Clock, HostState, HostTable
from newsextract.fetch.responses import (
    RETRY_STATUSES,
    FetchedResource,
    Reply,
    check_declared_length,
    check_html,
    check_magic,
    fetch_error,
    parse_retry_after,
    redirect_target,
)
from newsextract.fetch.robots import (
    ROBOTS_MAX_AGE,
    ROBOTS_MAX_BYTES,
    ROBOTS_MAX_REDIRECTS,
    RobotsPolicy,
    policy_from_failure,
    policy_from_response,
    robots_url,
)
from newsextract.fetch.transport import build_client
from newsextract.models import FetchedPage
from newsextract.settings import DEFAULT_FETCH_SETTINGS, FetchSettings

__all__ = ["Fetcher", "Sleep"]

# How many origins keep their politeness and robots state (see hosts.py for the cost).
MAX_HOST_STATES = 4096
# Transport errors worth another attempt: the next one may well succeed.
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, TimeoutError)

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class _Purpose:
    """What a request is for, and so which rules it goes through."""

    html_only: bool  # refuse non-HTML content types (pages)
    limit: int  # body cap in bytes
    truncate: bool  # over the cap: keep the first ``limit`` bytes instead of failing
    retries: int
    obey_robots: bool
    max_redirects: int


class Fetcher:
    """Fetch pages and resources politely and safely over one shared HTTP client.

    Usage: ``async with Fetcher(settings) as f: page = await f.fetch(url)``

    Seams, each replacing one piece of the outside world:

    - ``transport``: the network (tests, custom stacks); with it, ``proxy`` and
      ``http2`` in the settings have no effect, and the address policy is only
      checked before each hop, not when connecting;
    - ``sleep``: every deliberate wait (backoff, Retry-After, per-host and crawl delay);
    - ``resolver``: host name to addresses, for the address policy (consulted only
      with ``block_private_addresses``; connections then go to the addresses it gave);
    - ``clock``: monotonic seconds, for per-host delays and robots.txt expiry.
    """

    def __init__(
        self,
        settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
        resolver: Resolver = system_resolver,
        clock: Clock = time.monotonic,
    ) -> None:
        self._settings = settings
        self._sleep = sleep
        self._resolver = resolver
        self._client = build_client(settings, transport, resolver)
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._hosts = HostTable(settings.per_host_concurrency, MAX_HOST_STATES, clock)
        self._rng = random.Random()
        self._page = self._resource(html_only=True, limit=settings.max_bytes)
        # robots.txt: cut rather than refused when large, never retried (a failure is cached
        # briefly instead, see robots.py), and not itself subject to robots.txt.
        self._robots = _Purpose(
            html_only=False,
            limit=ROBOTS_MAX_BYTES,
            truncate=True,
            retries=0,
            obey_robots=False,
            max_redirects=ROBOTS_MAX_REDIRECTS,
        )

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
        reply = await self._fetch_ok(url, self._page)
        return FetchedPage(
            url=url,
            final_url=str(reply.url),
            status=reply.status,
            headers={key.lower(): value for key, value in reply.headers.items()},
            content=reply.content,
        )

    async def fetch_resource(self, url: str, *, max_bytes: int | None = None) -> FetchedResource:
        """Fetch a resource of any content type (feed, sitemap) under the same politeness and policies.

        ``max_bytes`` caps the body (default: the settings' ``max_bytes``); over it:
        ``ResponseTooLargeError``. The body comes back as sent, Content-Encoding undone.
        """
        limit = self._settings.max_bytes if max_bytes is None else max_bytes
        if limit < 1:
            raise ValueError(f"max_bytes must be at least 1, not {limit}")
        reply = await self._fetch_ok(url, self._resource(html_only=False, limit=limit))
        return FetchedResource(
            url=url,
            final_url=str(reply.url),
            status=reply.status,
            content_type=reply.headers.get("content-type", ""),
            content=reply.content,
        )

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this fetcher fetch ``url`` (fetching robots.txt if need be, never ``url``).

        True when ``respect_robots`` is off. False when robots.txt disallows ``url`` or
        is unreachable (RFC 9309), or when the address policy refuses the host or its
        name does not resolve. ``InvalidURLError`` for what is not an http(s) URL.
        """
        parsed = parse_http_url(url)
        if not self._settings.respect_robots:
            return True
        try:
            if self._settings.block_private_addresses:
                await self._check_address(parsed)
            policy = await self._robots_policy(parsed)
        except (BlockedURLError, NetworkError):
            return False
        return policy.allows(str(parsed), self._settings.user_agent)

    def _resource(self, *, html_only: bool, limit: int) -> _Purpose:
        settings = self._settings
        return _Purpose(
            html_only=html_only,
            limit=limit,
            truncate=False,
            retries=settings.max_retries,
            obey_robots=True,
            max_redirects=settings.max_redirects,
        )

    # --- redirects, policy checks, retries ----------------------------------------------------

    async def _fetch_ok(self, url: str, purpose: _Purpose) -> Reply:
        reply = await self._follow(parse_http_url(url), purpose)
        if not 200 <= reply.status < 300:
            raise HTTPStatusError(f"HTTP {reply.status}", url=str(reply.url), http_status=reply.status)
        return reply

    async def _follow(self, url: httpx.URL, purpose: _Purpose) -> Reply:
        # Cookies live for one redirect chain only: consent walls that set a
        # cookie and bounce back work, and nothing accumulates across a run.
        jar = httpx.Cookies()
        seen = {_chain_state(url, jar)}
        redirects = 0
        while True:
            reply = await self._hop(url, jar, purpose)
            target = redirect_target(reply)
            if target is None:
                return reply
            state = _chain_state(target, jar)
            if state in seen:
                raise TooManyRedirectsError(f"redirect loop back to {target}", url=str(url), http_status=reply.status)
            redirects += 1
            if redirects > purpose.max_redirects:
                raise TooManyRedirectsError(
                    f"more than {purpose.max_redirects} redirects", url=str(url), http_status=reply.status
                )
            seen.add(state)
            url = target

    async def _hop(self, url: httpx.URL, jar: httpx.Cookies, purpose: _Purpose) -> Reply:
        try:
            if self._settings.block_private_addresses:
                await self._check_address(url)
            if purpose.obey_robots and self._settings.respect_robots:
                await self._check_robots(url)
            return await self._with_retries(url, jar, purpose)
        except BlockedURLError as exc:
            if exc.url == str(url):
                raise
            # Refused when connecting (where the URL is not known) or on the way to robots.txt:
            # the error names the URL that was asked for.
            raise BlockedURLError(exc.message, url=str(url)) from exc

    async def _with_retries(self, url: httpx.URL, jar: httpx.Cookies, purpose: _Purpose) -> Reply:
        for attempt in range(purpose.retries + 1):
            last = attempt == purpose.retries
            try:
                reply = await self._attempt(url, jar, purpose)
            except _RETRYABLE_ERRORS as exc:
                if last:
                    raise fetch_error(exc, url) from exc
                await self._sleep(self._backoff(attempt))
                continue
            except httpx.HTTPError as exc:
                raise fetch_error(exc, url) from exc
            if last or reply.status not in RETRY_STATUSES:
                return reply
            await self._pause_before_retry(reply, attempt)
        raise AssertionError("unreachable: the last attempt always returns or raises")

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._settings.backoff_max, self._settings.backoff_base * 2.0**attempt)
        # "Equal jitter": never less than half the ceiling, so retries really back off,
        # yet spread out so many clients hit by one outage do not retry in lockstep.
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    async def _pause_before_retry(self, reply: Reply, attempt: int) -> None:
        after = parse_retry_after(reply.headers.get("retry-after"))
        if after is None:
            await self._sleep(self._backoff(attempt))
            return
        # Retry-After speaks for the whole host, not just this URL: hold back every
        # request to it; the retry itself then waits for its slot in _attempt.
        with self._hosts.use(origin(reply.url)) as host:
            host.defer(min(after, self._settings.retry_after_max))

    # --- one HTTP exchange under the politeness limits -----------------------------------------

    async def _attempt(self, url: httpx.URL, jar: httpx.Cookies, purpose: _Purpose) -> Reply:
        with self._hosts.use(origin(url)) as host:
            async with host.slots:
                wait = host.reserve_start(self._host_delay(host))
                if wait > 0:
                    await self._sleep(wait)
                async with self._slots, asyncio.timeout(self._settings.total_timeout):
                    return await self._exchange(url, jar, purpose)

    def _host_delay(self, host: HostState) -> float:
        delay = self._settings.per_host_delay
        asked = host.robots.crawl_delay(self._settings.user_agent) if host.robots is not None else None
        if asked is None or not self._settings.respect_robots:
            return delay
        return max(delay, min(asked, self._settings.max_crawl_delay))

    async def _exchange(self, url: httpx.URL, jar: httpx.Cookies, purpose: _Purpose) -> Reply:
        request = self._client.build_request("GET", url)
        jar.set_cookie_header(request)
        response = await self._client.send(request, stream=True)
        try:
            jar.extract_cookies(response)
            if not 200 <= response.status_code < 300:
                return Reply(url, response.status_code, response.headers, b"")
            if purpose.html_only:
                check_html(response, url)
            if not purpose.truncate:
                check_declared_length(response, url, purpose.limit)
            content = await read_body(response, url, purpose.limit, truncate=purpose.truncate)
            if purpose.html_only:
                check_magic(content, response, url)
            return Reply(url, response.status_code, response.headers, content)
        finally:
            await response.aclose()

    # --- policies ------------------------------------------------------------------------------

    async def _check_robots(self, url: httpx.URL) -> None:
        policy = await self._robots_policy(url)
        if policy.allows(str(url), self._settings.user_agent):
            return
        if policy.reachable:
            raise BlockedURLError("disallowed by robots.txt", url=str(url))
        raise BlockedURLError("robots.txt unreachable: the host is disallowed until it answers", url=str(url))

    async def _robots_policy(self, url: httpx.URL) -> RobotsPolicy:
        with self._hosts.use(origin(url)) as host:
            # The lock makes concurrent first requests to a host share one robots.txt fetch.
            async with host.robots_lock:
                policy = host.current_robots()
                if policy is None:
                    policy = await self._load_robots(url)
                    lifetime = ROBOTS_MAX_AGE if policy.reachable else self._settings.robots_retry_after
                    host.keep_robots(policy, lifetime)
            return policy

    async def _load_robots(self, url: httpx.URL) -> RobotsPolicy:
        try:
            reply = await self._follow(robots_url(url), self._robots)
        except BlockedURLError:
            raise  # the address policy, not robots.txt, speaks: nothing to cache
        except FetchError as exc:
            return policy_from_failure(exc)
        return policy_from_response(reply.status, reply.content)

    async def _check_address(self, url: httpx.URL) -> None:
        try:
            await public_addresses(url.host, url.port or default_port(url), self._resolver)
        except OSError as exc:
            raise NetworkError(f"DNS lookup failed for {url.host}: {exc}", url=str(url)) from exc


def _chain_state(url: httpx.URL, jar: httpx.Cookies) -> tuple[str, frozenset[tuple[str, str, str]]]:
    # The same URL with new cookies is progress (a consent wall), not a loop.
    return str(url), frozenset((c.domain, c.name, c.value or "") for c in jar.jar)

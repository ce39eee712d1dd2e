"""The one httpx client a Fetcher owns, and the transport that enforces the address policy.

Usage: ``client = build_client(settings, transport=None, resolver=system_resolver)``

Which transport carries the requests:

- ``transport`` given (tests, custom stacks): that one; ``proxy`` and ``http2`` have no effect;
- ``block_private_addresses`` on and no proxy: ``PublicOnlyTransport``, whose
  connections go through ``PublicOnlyBackend`` (resolve once, check, connect to that address);
- otherwise httpx's own, with the proxy if one is set. Behind a proxy the proxy
  resolves and connects, so only the fetcher's check before each hop applies;
  the proxy's own address is configuration and is not checked.
"""

from __future__ import annotations

from http.client import HTTPResponse
from http.cookiejar import Cookie, CookieJar
from importlib.util import find_spec
from urllib.request import Request

import httpcore
import httpx

from newsextract.fetch.addresses import PublicOnlyBackend, Resolver
from newsextract.fetch.bounded_body import ACCEPT_ENCODING
from newsextract.settings import FetchSettings

__all__ = ["PublicOnlyTransport", "build_client", "http2_enabled"]

_HAS_H2 = find_spec("h2") is not None
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# Idle connections kept for reuse (each is a socket; httpx closes them after 5 s idle).
_KEEPALIVE_CONNECTIONS = 128
# Requests in flight are bounded by the fetcher's own semaphores, so the pool itself
# needs no cap; a cap near `concurrency` would make connections to many hosts evict
# each other and every request pay for a new connection.
_LIMITS = httpx.Limits(max_connections=None, max_keepalive_connections=_KEEPALIVE_CONNECTIONS)


def http2_enabled(settings: FetchSettings) -> bool:
    """Whether connections offer HTTP/2: asked for in the settings and the h2 package installed."""
    return settings.http2 and _HAS_H2


class PublicOnlyTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, its connections made by ``PublicOnlyBackend`` (no proxy support)."""

    def __init__(self, resolver: Resolver, *, http2: bool, limits: httpx.Limits = _LIMITS) -> None:
        super().__init__(http2=http2, limits=limits, trust_env=False)
        # httpx takes no network backend, so the pool it built (unused, no sockets yet)
        # is replaced by the same pool with ours; request and error handling stay httpx's.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=http2,
            network_backend=PublicOnlyBackend(resolver),
        )


class _NoCookieJar(CookieJar):
    """The shared client stores no cookies: a run over millions of URLs would
    otherwise keep every cookie of every site, and leak them between fetches."""

    def extract_cookies(self, response: HTTPResponse, request: Request) -> None:
        return None

    def set_cookie(self, cookie: Cookie) -> None:
        return None


def build_client(
    settings: FetchSettings, transport: httpx.AsyncBaseTransport | None, resolver: Resolver
) -> httpx.AsyncClient:
    """The shared client: settings' headers and timeouts, no redirects, no cookies, no environment."""
    if transport is None and settings.block_private_addresses and settings.proxy is None:
        transport = PublicOnlyTransport(resolver, http2=http2_enabled(settings))
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
        limits=_LIMITS,
        http2=http2_enabled(settings),
        proxy=settings.proxy,
        transport=transport,
        follow_redirects=False,
        # Settings are the whole configuration: no proxy picked up from the environment.
        trust_env=False,
    )

"""The fetcher's policies against a real server on 127.0.0.1: DNS rebinding, robots.txt (RFC 9309), Crawl-delay.

The seams (``resolver``, ``sleep``, ``clock``) stand in for DNS and time; nothing is patched.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Iterable, Iterator
from typing import Any, TypeVar

import httpcore
import pytest
from loopback import LoopbackServer, html, redirect, respond, sequence

from newsextract.errors import BlockedURLError, NetworkError
from newsextract.fetch import Fetcher, IPAddress, Resolver
from newsextract.fetch.addresses import PublicOnlyBackend
from newsextract.settings import FetchSettings

pytestmark = pytest.mark.timeout(30)

T = TypeVar("T")
PAGE = "<!doctype html><html><head><title>T</title></head><body><p>Hello, world.</p></body></html>"
FAST = FetchSettings(
    connect_timeout=1.0,
    read_timeout=1.0,
    total_timeout=5.0,
    per_host_delay=0.0,
    max_retries=1,
    backoff_base=0.01,
    backoff_max=0.02,
)
PUBLIC = "93.184.216.34"


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


def run(coro: Awaitable[T]) -> T:
    async def main() -> T:
        return await coro

    return asyncio.run(main())


async def fetch_with(settings: FetchSettings, url: str, **seams: Any) -> None:
    async with Fetcher(settings, **seams) as fetcher:
        await fetcher.fetch(url)


def answering(*answers: str) -> tuple[Resolver, list[str]]:
    """A resolver seam giving the n-th answer to the n-th question (the last one after that)."""
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[IPAddress]:
        asked.append(host)
        return [ipaddress.ip_address(answers[min(len(asked), len(answers)) - 1])]

    return resolve, asked


class FakeTime:
    """The ``sleep`` and ``clock`` seams on one fake clock: sleeping moves it on, instantly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


# --- DNS rebinding ------------------------------------------------------------------------------


def test_rebinding_host_is_refused_when_connecting(server: LoopbackServer) -> None:
    server.route("/a", html(PAGE))
    # Public when checked before the hop, loopback when the connection is made.
    resolver, asked = answering(PUBLIC, "127.0.0.1")
    settings = FAST.model_copy(update={"block_private_addresses": True, "respect_robots": False})
    url = f"http://localhost:{server.port}/a"
    with pytest.raises(BlockedURLError, match=r"non-public address 127\.0\.0\.1") as caught:
        run(fetch_with(settings, url, resolver=resolver))
    assert caught.value.url == url
    assert asked == ["localhost", "localhost"]  # the check before the hop, then the connection's own
    assert server.log == []


def test_rebinding_host_is_refused_on_the_way_to_robots(server: LoopbackServer) -> None:
    server.route("/robots.txt", respond(200, "User-agent: *\nAllow: /\n", content_type="text/plain"))
    server.route("/a", html(PAGE))
    resolver, _ = answering(PUBLIC, PUBLIC, "127.0.0.1")  # page check, robots.txt check, connection
    settings = FAST.model_copy(update={"block_private_addresses": True})
    with pytest.raises(BlockedURLError, match="non-public"):
        run(fetch_with(settings, f"http://localhost:{server.port}/a", resolver=resolver))
    assert server.log == []


def test_without_the_policy_the_resolver_is_not_consulted(server: LoopbackServer) -> None:
    server.route("/a", html(PAGE))
    resolver, asked = answering(PUBLIC, "127.0.0.1")
    settings = FAST.model_copy(update={"respect_robots": False})
    run(fetch_with(settings, f"http://localhost:{server.port}/a", resolver=resolver))
    assert server.hits("/a") == 1
    assert asked == []


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Records where connections go; the addresses in ``unreachable`` refuse."""

    def __init__(self, unreachable: Iterable[str] = ()) -> None:
        self.unreachable = set(unreachable)
        self.connected: list[tuple[str, int]] = []

    async def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        self.connected.append((host, port))
        if host in self.unreachable:
            raise httpcore.ConnectError(f"{host} refused")
        return httpcore.AsyncNetworkStream()


def test_backend_connects_to_the_checked_address() -> None:
    resolver, asked = answering(PUBLIC)
    inner = RecordingBackend()
    run(PublicOnlyBackend(resolver, inner).connect_tcp("news.example", 443))
    assert asked == ["news.example"]
    assert inner.connected == [(PUBLIC, 443)]  # the address, never the name resolved again


def test_backend_tries_the_next_checked_address() -> None:
    async def two(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("2606:2800:220:1::1"), ipaddress.ip_address(PUBLIC)]

    inner = RecordingBackend(unreachable={"2606:2800:220:1::1"})
    run(PublicOnlyBackend(two, inner).connect_tcp("news.example", 80))
    assert inner.connected == [("2606:2800:220:1::1", 80), (PUBLIC, 80)]


def test_backend_refuses_any_private_answer_before_connecting() -> None:
    async def mixed(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address(PUBLIC), ipaddress.ip_address("10.0.0.7")]

    inner = RecordingBackend()
    with pytest.raises(BlockedURLError, match=r"10\.0\.0\.7"):
        run(PublicOnlyBackend(mixed, inner).connect_tcp("news.example", 80))
    assert inner.connected == []


def test_dns_failure_when_connecting_is_a_network_error(server: LoopbackServer) -> None:
    answers = iter([[ipaddress.ip_address(PUBLIC)]])

    async def then_nothing(host: str, port: int) -> list[IPAddress]:
        answer = next(answers, None)
        if answer is None:
            raise OSError("Name or service not known")
        return answer

    settings = FAST.model_copy(update={"block_private_addresses": True, "respect_robots": False, "max_retries": 0})
    with pytest.raises(NetworkError, match="DNS lookup failed"):
        run(fetch_with(settings, f"http://localhost:{server.port}/a", resolver=then_nothing))
    assert server.log == []


# --- robots.txt, RFC 9309 -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [401, 404])
def test_robots_4xx_means_allowed(server: LoopbackServer, status: int) -> None:
    server.route("/robots.txt", respond(status, "no", content_type="text/plain"))
    server.route("/private/a", html(PAGE))
    run(fetch_with(FAST, server.url("/private/a")))
    assert server.hits("/private/a") == 1


@pytest.mark.parametrize("status", [429, 503])
def test_robots_503_or_429_means_disallowed(server: LoopbackServer, status: int) -> None:
    server.route("/robots.txt", respond(status, "busy", content_type="text/plain"))
    server.route("/a", html(PAGE))
    with pytest.raises(BlockedURLError, match=r"robots\.txt"):
        run(fetch_with(FAST, server.url("/a")))
    assert server.hits("/a") == 0
    assert server.hits("/robots.txt") == 1  # not retried within the request: the cache retries later


def test_robots_on_an_unreachable_host_means_disallowed() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # bound but not listening: connections are refused
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/a"

        async def scenario() -> bool:
            async with Fetcher(FAST) as fetcher:
                return await fetcher.allowed(url)

        assert run(scenario()) is False
        with pytest.raises(BlockedURLError, match=r"robots\.txt"):
            run(fetch_with(FAST, url))


def test_robots_failure_is_retried_after_the_retry_time(server: LoopbackServer) -> None:
    busy = respond(503, "busy", content_type="text/plain")
    server.route("/robots.txt", sequence(busy, respond(200, "User-agent: *\nAllow: /\n", content_type="text/plain")))
    server.route("/a", html(PAGE))
    time = FakeTime()

    async def scenario() -> list[bool]:
        settings = FAST.model_copy(update={"robots_retry_after": 300.0})
        async with Fetcher(settings, sleep=time.sleep, clock=time.clock) as fetcher:
            answers = [await fetcher.allowed(server.url("/a"))]
            time.now += 299  # still inside the retry time: the failure stands, robots.txt is not asked
            answers.append(await fetcher.allowed(server.url("/a")))
            time.now += 2
            answers.append(await fetcher.allowed(server.url("/a")))
            await fetcher.fetch(server.url("/a"))
            return answers

    assert run(scenario()) == [False, False, True]
    assert server.hits("/robots.txt") == 2
    assert server.hits("/a") == 1


def test_robots_failure_with_no_retry_time_is_asked_again_at_once(server: LoopbackServer) -> None:
    busy = respond(503, "busy", content_type="text/plain")
    server.route("/robots.txt", sequence(busy, respond(404, "none", content_type="text/plain")))
    server.route("/a", html(PAGE))
    settings = FAST.model_copy(update={"robots_retry_after": 0.0})

    async def scenario() -> None:
        async with Fetcher(settings) as fetcher:
            with pytest.raises(BlockedURLError):
                await fetcher.fetch(server.url("/a"))
            await fetcher.fetch(server.url("/a"))

    run(scenario())
    assert server.hits("/a") == 1


@pytest.mark.parametrize(("hops", "blocked"), [(5, True), (6, False)])
def test_robots_redirects_followed_up_to_five(server: LoopbackServer, hops: int, blocked: bool) -> None:
    server.route("/robots.txt", redirect("/r1"))
    for n in range(1, hops):
        server.route(f"/r{n}", redirect(f"/r{n + 1}"))
    server.route(f"/r{hops}", respond(200, "User-agent: *\nDisallow: /\n", content_type="text/plain"))
    server.route("/a", html(PAGE))

    async def scenario() -> bool:
        async with Fetcher(FAST) as fetcher:
            return await fetcher.allowed(server.url("/a"))

    # Past five redirects robots.txt counts as unavailable (RFC 9309 2.3.1.2): allowed.
    assert run(scenario()) is not blocked
    assert server.hits(f"/r{hops}") == (1 if blocked else 0)


def test_allowed_answers_without_fetching_the_page(server: LoopbackServer) -> None:
    server.route("/robots.txt", respond(200, "User-agent: *\nDisallow: /private\n", content_type="text/plain"))

    async def scenario() -> list[bool]:
        async with Fetcher(FAST) as fetcher:
            return [await fetcher.allowed(server.url(path)) for path in ("/private/a", "/public", "/private/b")]

    assert run(scenario()) == [False, True, False]
    assert [hit.path for hit in server.log] == ["/robots.txt"]


def test_allowed_without_robots_or_with_a_blocked_address(server: LoopbackServer) -> None:
    async def ask(**changes: Any) -> bool:
        async with Fetcher(FAST.model_copy(update=changes)) as fetcher:
            return await fetcher.allowed(server.url("/a"))

    assert run(ask(respect_robots=False)) is True
    assert run(ask(block_private_addresses=True)) is False
    assert server.log == []


# --- Crawl-delay --------------------------------------------------------------------------------


@pytest.mark.parametrize(("asked", "expected"), [("7", 7.0), ("0.1", 0.5), ("3600", 30.0)])
def test_crawl_delay_spaces_requests_up_to_the_cap(server: LoopbackServer, asked: str, expected: float) -> None:
    robots = f"User-agent: *\nCrawl-delay: {asked}\n"
    server.route("/robots.txt", respond(200, robots, content_type="text/plain"))
    server.route("/a", html(PAGE))
    server.route("/b", html(PAGE))
    time = FakeTime()

    async def scenario() -> None:
        settings = FAST.model_copy(update={"per_host_delay": 0.5, "max_crawl_delay": 30.0})
        async with Fetcher(settings, sleep=time.sleep, clock=time.clock) as fetcher:
            await fetcher.fetch(server.url("/a"))
            await fetcher.fetch(server.url("/b"))

    run(scenario())
    # robots.txt, then /a after the settings' delay, then /b after the crawl delay:
    # max(per_host_delay, Crawl-delay), capped at max_crawl_delay.
    assert time.slept == [pytest.approx(0.5), pytest.approx(expected)]
    assert server.hits("/b") == 1

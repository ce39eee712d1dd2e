"""The fetcher against a real HTTP server on 127.0.0.1: outcome, time taken and memory, per case."""

from __future__ import annotations

import asyncio
import gc
import itertools
import socket
import threading
import time
from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import psutil
import pytest
from loopback import (
    LoopbackServer,
    brotli_bomb,
    delayed,
    encoded,
    endless,
    gzip_bomb,
    html,
    redirect,
    reset_connection,
    respond,
    sequence,
    stall_mid_body,
)

from newsextract.decode import decode_html
from newsextract.errors import (
    BlockedURLError,
    ContentTypeError,
    FetchTimeoutError,
    HTTPStatusError,
    NetworkError,
    ResponseTooLargeError,
    TooManyRedirectsError,
)
from newsextract.fetch import Fetcher, fetch
from newsextract.models import FetchedPage
from newsextract.settings import FetchSettings

pytestmark = pytest.mark.timeout(30)

T = TypeVar("T")
MB = 1 << 20
# Short timeouts and backoff so every failure path finishes in a second or two.
FAST = FetchSettings(
    connect_timeout=1.0,
    read_timeout=1.0,
    total_timeout=8.0,
    per_host_delay=0.0,
    per_host_concurrency=4,
    max_retries=2,
    backoff_base=0.05,
    backoff_max=0.2,
    retry_after_max=3.0,
    max_bytes=10 * MB,
)
PAGE = "<!doctype html><html><head><title>T</title></head><body><p>Hello, world.</p></body></html>"


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


class _PeakRSS:
    """Samples this process's RSS in a thread and keeps the peak, so a spike that is freed again counts."""

    def __init__(self) -> None:
        self._process = psutil.Process()
        self.baseline = self._process.memory_info().rss
        self.peak = self.baseline
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.005):
            self.peak = max(self.peak, self._process.memory_info().rss)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)
        return int(self.peak - self.baseline)


@contextmanager
def bounded(seconds: float, megabytes: float = 30) -> Iterator[None]:
    """Assert the block finishes within ``seconds`` and grows peak RSS by less than ``megabytes``."""
    gc.collect()
    watch = _PeakRSS()
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        growth = watch.stop()
    assert elapsed < seconds, f"took {elapsed:.2f}s, bound {seconds}s"
    assert growth < megabytes * MB, f"peak RSS grew {growth / MB:.1f} MB, bound {megabytes} MB"


def run(coro: Awaitable[T]) -> T:
    async def main() -> T:
        return await coro

    return asyncio.run(main())


async def fetch_with(settings: FetchSettings, url: str) -> FetchedPage:
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(url)


def get(url: str, **changes: object) -> FetchedPage:
    return run(fetch_with(FAST.model_copy(update=changes), url))


@pytest.fixture(autouse=True, scope="module")
def _warm_up() -> None:
    # Import-time and first-client allocations (SSL context, h2) must not count against a test.
    with LoopbackServer({"/": html(PAGE)}) as srv:
        get(srv.url("/"))
    gzip_bomb()
    brotli_bomb()


# --- the cases the issue lists ------------------------------------------------------------------


@pytest.mark.slow
def test_normal_page(server: LoopbackServer) -> None:
    server.route("/a", html(PAGE))
    with bounded(seconds=2, megabytes=15):
        page = get(server.url("/a"))
    assert page.status == 200
    assert page.content == PAGE.encode()
    assert page.final_url == server.url("/a")
    assert page.charset == "utf-8"
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert server.hits("/robots.txt") == 1


def test_503_twice_then_200_is_retried(server: LoopbackServer) -> None:
    busy = respond(503, "busy", content_type="text/plain")
    server.route("/flaky", sequence(busy, busy, html(PAGE)))
    with bounded(seconds=2, megabytes=15):
        page = get(server.url("/flaky"))
    assert page.status == 200
    assert server.hits("/flaky") == 3


def test_503_forever_gives_http_status_error_after_retries(server: LoopbackServer) -> None:
    server.route("/down", respond(503, "busy", content_type="text/plain"))
    with bounded(seconds=2, megabytes=15), pytest.raises(HTTPStatusError) as caught:
        get(server.url("/down"))
    assert caught.value.http_status == 503
    assert server.hits("/down") == 1 + FAST.max_retries


@pytest.mark.slow
def test_429_retry_after_is_honoured(server: LoopbackServer) -> None:
    server.route("/throttled", sequence(respond(429, "", {"retry-after": "1"}), html(PAGE)))
    started = time.monotonic()
    with bounded(seconds=3, megabytes=15):
        page = get(server.url("/throttled"))
    assert time.monotonic() - started >= 0.95  # waited as asked, not the 0.05 s backoff
    assert page.status == 200
    assert server.hits("/throttled") == 2


@pytest.mark.slow
def test_retry_after_is_capped(server: LoopbackServer) -> None:
    server.route("/throttled", sequence(respond(429, "", {"retry-after": "3600"}), html(PAGE)))
    with bounded(seconds=2, megabytes=15):
        page = get(server.url("/throttled"), retry_after_max=0.3)
    assert page.status == 200


@pytest.mark.slow
def test_redirect_chain_keeps_final_url(server: LoopbackServer) -> None:
    server.route("/r1", redirect("/r2", 301))
    server.route("/r2", redirect(server.url("/r3"), 307))
    server.route("/r3", redirect("page?x=1", 302))
    server.route("/page", html(PAGE))
    with bounded(seconds=2, megabytes=15):
        page = get(server.url("/r1"))
    assert page.url == server.url("/r1")
    assert page.final_url == server.url("/page?x=1")
    assert [server.hits(p) for p in ("/r1", "/r2", "/r3", "/page")] == [1, 1, 1, 1]


def test_redirect_chain_over_the_limit(server: LoopbackServer) -> None:
    for n in range(5):
        server.route(f"/r{n}", redirect(f"/r{n + 1}"))
    with bounded(seconds=2, megabytes=15), pytest.raises(TooManyRedirectsError, match="more than 3"):
        get(server.url("/r0"), max_redirects=3)
    assert server.hits("/r4") == 0


def test_redirect_loop_is_detected(server: LoopbackServer) -> None:
    server.route("/a", redirect("/b"))
    server.route("/b", redirect("/a"))
    with bounded(seconds=2, megabytes=15), pytest.raises(TooManyRedirectsError, match="loop"):
        get(server.url("/a"), max_redirects=50)
    assert server.hits("/a") == 1 and server.hits("/b") == 1


@pytest.mark.slow
def test_stall_mid_body_times_out(server: LoopbackServer) -> None:
    server.route("/stall", stall_mid_body(stall=30))
    with bounded(seconds=4, megabytes=15), pytest.raises(FetchTimeoutError):
        get(server.url("/stall"), read_timeout=0.5, max_retries=1)
    assert server.hits("/stall") == 2


@pytest.mark.slow
def test_slow_drip_hits_the_whole_request_timeout(server: LoopbackServer) -> None:
    def drip(exchange: object) -> None:
        from loopback import Exchange

        assert isinstance(exchange, Exchange)
        exchange.send_head(200, {"content-type": "text/html", "content-length": "1000"})
        for _ in range(100):  # one byte every 0.1 s: never a read timeout, never done
            if exchange.server.stopping.wait(0.1):
                return
            exchange.write(b"x")

    server.route("/drip", drip)
    with bounded(seconds=3, megabytes=15), pytest.raises(FetchTimeoutError, match="whole-request"):
        get(server.url("/drip"), read_timeout=1.0, total_timeout=1.0, max_retries=0)


def test_50mb_body_with_length_is_refused_before_download(server: LoopbackServer) -> None:
    server.route("/big", endless(50 * MB, declare_length=True))
    with bounded(seconds=2, megabytes=15), pytest.raises(ResponseTooLargeError) as caught:
        get(server.url("/big"))
    assert "52428800 bytes" in str(caught.value)


def test_50mb_body_without_length_is_cut_while_streaming(server: LoopbackServer) -> None:
    server.route("/big", endless(50 * MB))
    with bounded(seconds=5, megabytes=30), pytest.raises(ResponseTooLargeError):
        get(server.url("/big"))
    assert server.hits("/big") == 1  # a size cap is not retried


def test_gzip_bomb_is_stopped(server: LoopbackServer) -> None:
    bomb = gzip_bomb()  # ~1 MB inflating to 1 GiB
    assert len(bomb) < 2 * MB
    server.route("/bomb", encoded(bomb, "gzip"))
    with bounded(seconds=3, megabytes=30), pytest.raises(ResponseTooLargeError):
        get(server.url("/bomb"))


def test_brotli_bomb_is_stopped(server: LoopbackServer) -> None:
    bomb = brotli_bomb()  # a few KB inflating to 1 GiB
    assert len(bomb) < 4096
    server.route("/bomb", encoded(bomb, "br"))
    with bounded(seconds=3, megabytes=30), pytest.raises(ResponseTooLargeError):
        get(server.url("/bomb"))


LATIN1_PAGE = (
    "<html><head><title>Le café</title></head><body><p>Le président a déclaré mercredi que la réforme"
    " serait présentée après l'été. « Nous irons jusqu'au bout », a-t-il ajouté.</p>"
    "<p>En España, el señor García dijo que la situación económica es difícil.</p></body></html>"
)


def test_latin1_page_without_any_charset(server: LoopbackServer) -> None:
    server.route("/latin1", html(LATIN1_PAGE, charset=None, encoding="latin-1"))
    with bounded(seconds=2, megabytes=15):
        page = get(server.url("/latin1"))
    # The fetcher's part: the bytes untouched, and no charset invented.
    assert page.charset is None
    assert page.content == LATIN1_PAGE.encode("latin-1")
    assert page.headers["content-type"] == "text/html"
    assert decode_html(page.content, page.charset)[0] == LATIN1_PAGE


def test_page_that_lies_about_its_charset(server: LoopbackServer) -> None:
    text = "<html><body><p>“Quoted,” she said — it’s 5 € – a bargain…</p></body></html>"
    server.route("/liar", html(text, charset="utf-8", encoding="windows-1252"))
    with bounded(seconds=2, megabytes=15):
        page = get(server.url("/liar"))
    assert page.charset == "utf-8"
    assert page.content == text.encode("windows-1252")
    assert decode_html(page.content, page.charset)[0] == text  # the header lost to the bytes


def test_pdf_is_refused_by_content_type(server: LoopbackServer) -> None:
    server.route("/doc.pdf", endless(50 * MB, content_type="application/pdf"))
    with bounded(seconds=2, megabytes=15), pytest.raises(ContentTypeError, match="application/pdf") as caught:
        get(server.url("/doc.pdf"))
    assert caught.value.http_status == 200
    assert server.hits("/doc.pdf") == 1


def test_pdf_without_content_type_is_refused_by_magic(server: LoopbackServer) -> None:
    server.route("/doc", respond(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", content_type=None))
    with bounded(seconds=2, megabytes=15), pytest.raises(ContentTypeError, match="application/pdf"):
        get(server.url("/doc"))


def test_robots_disallowed_path_is_never_requested(server: LoopbackServer) -> None:
    robots = "User-agent: *\nDisallow: /private\n"
    server.route("/robots.txt", respond(200, robots, content_type="text/plain"))
    server.route("/private/a", html(PAGE))
    server.route("/public", html(PAGE))

    async def scenario() -> list[FetchedPage | BaseException]:
        async with Fetcher(FAST) as fetcher:
            urls = [server.url("/private/a"), server.url("/public")] * 5
            return await asyncio.gather(*(fetcher.fetch(u) for u in urls), return_exceptions=True)

    with bounded(seconds=2, megabytes=15):
        results = run(scenario())
    assert all(isinstance(r, BlockedURLError) for r in results[0::2])
    assert all(isinstance(r, FetchedPage) for r in results[1::2])
    assert server.hits("/private/a") == 0
    assert server.hits("/robots.txt") == 1  # concurrent first requests share one robots.txt fetch


def test_robots_can_be_turned_off(server: LoopbackServer) -> None:
    server.route("/robots.txt", respond(200, "User-agent: *\nDisallow: /\n", content_type="text/plain"))
    server.route("/a", html(PAGE))
    with bounded(seconds=2, megabytes=15):
        page = get(server.url("/a"), respect_robots=False)
    assert page.status == 200
    assert server.hits("/robots.txt") == 0


@pytest.mark.slow
def test_robots_403_means_no_restrictions(server: LoopbackServer) -> None:
    server.route("/robots.txt", respond(403, "no", content_type="text/plain"))
    server.route("/a", html(PAGE))
    with bounded(seconds=2, megabytes=15):
        assert get(server.url("/a")).status == 200  # RFC 9309 2.3.1.3: 4xx is "unavailable"


def test_unreachable_robots_disallows_everything(server: LoopbackServer) -> None:
    server.route("/robots.txt", reset_connection())
    server.route("/a", html(PAGE))
    with bounded(seconds=2, megabytes=15), pytest.raises(BlockedURLError, match=r"robots\.txt"):
        get(server.url("/a"))  # RFC 9309 2.3.1.4: unreachable is complete disallow
    assert server.hits("/a") == 0


@pytest.mark.slow
def test_connection_reset_is_retried_then_reported(server: LoopbackServer) -> None:
    server.route("/reset", reset_connection())
    with bounded(seconds=2, megabytes=15), pytest.raises(NetworkError) as caught:
        get(server.url("/reset"))
    assert caught.value.stage == "fetch"
    assert caught.value.url == server.url("/reset")
    assert server.hits("/reset") == 1 + FAST.max_retries


# --- politeness, policy and other failures ------------------------------------------------------


@pytest.mark.slow
def test_per_host_concurrency_is_enforced(server: LoopbackServer) -> None:
    server.route("/slow", delayed(0.2, html(PAGE)))

    async def scenario() -> None:
        async with Fetcher(FAST.model_copy(update={"per_host_concurrency": 2})) as fetcher:
            await asyncio.gather(*(fetcher.fetch(server.url("/slow")) for _ in range(6)))

    with bounded(seconds=3, megabytes=15):
        run(scenario())
    assert server.hits("/slow") == 6
    assert server.max_in_flight == 2


@pytest.mark.slow
def test_per_host_delay_spaces_request_starts(server: LoopbackServer) -> None:
    server.route("/a", html(PAGE))

    async def scenario() -> None:
        settings = FAST.model_copy(update={"per_host_delay": 0.15, "respect_robots": False})
        async with Fetcher(settings) as fetcher:
            await asyncio.gather(*(fetcher.fetch(server.url("/a")) for _ in range(5)))

    with bounded(seconds=3, megabytes=15):
        run(scenario())
    starts = [hit.started for hit in server.log]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 5
    assert min(gaps) >= 0.13, gaps


@pytest.mark.slow
def test_global_concurrency_spans_hosts() -> None:
    with (
        LoopbackServer({"/slow": delayed(0.15, html(PAGE))}) as one,
        LoopbackServer({"/slow": delayed(0.15, html(PAGE))}) as two,
    ):

        async def scenario() -> None:
            settings = FAST.model_copy(update={"concurrency": 1, "respect_robots": False})
            async with Fetcher(settings) as fetcher:
                urls = [one.url("/slow"), two.url("/slow")] * 3
                await asyncio.gather(*(fetcher.fetch(u) for u in urls))

        started = time.monotonic()
        with bounded(seconds=3, megabytes=15):
            run(scenario())
        assert time.monotonic() - started >= 6 * 0.15 * 0.95  # strictly one at a time
        assert one.max_in_flight == 1 and two.max_in_flight == 1


@pytest.mark.slow
def test_private_addresses_blocked_when_asked(server: LoopbackServer) -> None:
    server.route("/a", html(PAGE))
    with bounded(seconds=2, megabytes=15):
        for url in (server.url("/a"), f"http://localhost:{server.port}/a"):
            with pytest.raises(BlockedURLError, match="non-public"):
                get(url, block_private_addresses=True)
    assert server.hits("/a") == 0 and server.hits("/robots.txt") == 0


def test_404_is_not_retried(server: LoopbackServer) -> None:
    with bounded(seconds=2, megabytes=15), pytest.raises(HTTPStatusError) as caught:
        get(server.url("/missing"))
    assert caught.value.http_status == 404
    assert server.hits("/missing") == 1


@pytest.mark.slow
def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        with bounded(seconds=2, megabytes=15), pytest.raises(NetworkError):
            get(f"http://127.0.0.1:{port}/", respect_robots=False)


def test_sync_fetch(server: LoopbackServer) -> None:
    server.route("/a", html(PAGE))
    with bounded(seconds=2, megabytes=15):
        page = fetch(server.url("/a"), FAST)
    assert page.content == PAGE.encode()

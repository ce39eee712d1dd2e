"""Unit behaviour of the fetcher, one rule at a time, with respx standing in for the network."""

from __future__ import annotations

import asyncio
import gzip
import importlib
import ipaddress
import time
import zlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import brotli
import httpx
import pytest
import respx

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
from newsextract.fetch import Fetcher, IPAddress, Resolver, fetch_article, parse_retry_after
from newsextract.fetch.hosts import HostTable
from newsextract.fetch.robots import RobotsPolicy, policy_from_response, robots_url
from newsextract.fetch.transport import http2_enabled
from newsextract.models import Article, FetchedPage
from newsextract.settings import FetchSettings

pytestmark = pytest.mark.timeout(10)

BASE = "https://news.example"
PAGE = b"<html><body><p>Hello.</p></body></html>"
HTML = {"content-type": "text/html; charset=utf-8"}
SETTINGS = FetchSettings(
    per_host_delay=0, respect_robots=False, max_retries=2, backoff_base=1.0, backoff_max=30.0, retry_after_max=60.0
)


@pytest.fixture
def net() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def go(url: str, sleeps: list[float] | None = None, *, resolver: Resolver | None = None, **changes: Any) -> FetchedPage:
    """Fetch ``url`` with SETTINGS plus ``changes``; backoff sleeps are recorded, not slept."""
    recorded = [] if sleeps is None else sleeps

    async def fake_sleep(seconds: float) -> None:
        recorded.append(seconds)

    async def main() -> FetchedPage:
        seams: dict[str, Any] = {"resolver": resolver} if resolver else {}
        async with Fetcher(SETTINGS.model_copy(update=changes), sleep=fake_sleep, **seams) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(main())


def ok(content: bytes = PAGE, **headers: str) -> httpx.Response:
    return httpx.Response(200, content=content, headers={**HTML, **headers})


# --- only http and https ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://news.example/a",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
        "news.example/a",
        "http://",
        "gopher://news.example/",
    ],
)
def test_non_http_urls_are_refused(net: respx.MockRouter, url: str) -> None:
    with pytest.raises(InvalidURLError) as caught:
        go(url)
    assert caught.value.url == url and caught.value.stage == "fetch"
    assert not net.calls


def test_redirect_to_another_scheme_is_refused(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").respond(302, headers={"location": "file:///etc/passwd"})
    with pytest.raises(InvalidURLError, match="file"):
        go(f"{BASE}/a")


# --- retries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 425, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried(net: respx.MockRouter, status: int) -> None:
    route = net.get(f"{BASE}/a").mock(side_effect=[httpx.Response(status), ok()])
    assert go(f"{BASE}/a").content == PAGE
    assert route.call_count == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 451, 501])
def test_other_errors_are_not_retried(net: respx.MockRouter, status: int) -> None:
    route = net.get(f"{BASE}/a").respond(status)
    with pytest.raises(HTTPStatusError) as caught:
        go(f"{BASE}/a")
    assert caught.value.http_status == status
    assert caught.value.url == f"{BASE}/a"
    assert route.call_count == 1


def test_retries_run_out(net: respx.MockRouter) -> None:
    route = net.get(f"{BASE}/a").respond(503)
    with pytest.raises(HTTPStatusError) as caught:
        go(f"{BASE}/a", max_retries=4)
    assert caught.value.http_status == 503
    assert route.call_count == 5


def test_backoff_is_exponential_with_jitter_and_capped(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").respond(500)
    sleeps: list[float] = []
    with pytest.raises(HTTPStatusError):
        go(f"{BASE}/a", sleeps, max_retries=5, backoff_base=1.0, backoff_max=5.0)
    ceilings = [1, 2, 4, 5, 5]
    assert len(sleeps) == 5
    for slept, ceiling in zip(sleeps, ceilings, strict=True):
        assert ceiling / 2 <= slept <= ceiling


def test_jitter_varies() -> None:
    fetcher = Fetcher(SETTINGS)
    assert len({fetcher._backoff(3) for _ in range(20)}) > 1


@pytest.mark.parametrize(("header", "expected"), [("7", 7.0), ("0", 0.0), ("3600", 60.0)])
def test_retry_after_seconds_honoured_and_capped(net: respx.MockRouter, header: str, expected: float) -> None:
    net.get(f"{BASE}/a").mock(side_effect=[httpx.Response(429, headers={"retry-after": header}), ok()])
    sleeps: list[float] = []
    go(f"{BASE}/a", sleeps)
    assert sleeps == ([pytest.approx(expected, abs=0.05)] if expected else [])


def test_retry_after_http_date(net: respx.MockRouter) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    net.get(f"{BASE}/a").mock(side_effect=[httpx.Response(503, headers={"retry-after": when}), ok()])
    sleeps: list[float] = []
    go(f"{BASE}/a", sleeps)
    assert 18 <= sleeps[0] <= 20


def test_retry_after_garbage_falls_back_to_backoff(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").mock(side_effect=[httpx.Response(503, headers={"retry-after": "soon"}), ok()])
    sleeps: list[float] = []
    go(f"{BASE}/a", sleeps)
    assert 0.5 <= sleeps[0] <= 1.0


def test_parse_retry_after() -> None:
    assert parse_retry_after(None) is None
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert parse_retry_after("-5") is None
    assert parse_retry_after("tomorrow") is None


def test_retry_after_holds_back_the_whole_host() -> None:
    table = HostTable(per_host_concurrency=1, capacity=10)
    with table.use("https://news.example:443") as host:
        host.defer(5.0)
        assert 4.9 < host.reserve_start(0.0) <= 5.0


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpx.ConnectError("refused"), NetworkError),
        (httpx.ReadError("reset"), NetworkError),
        (httpx.RemoteProtocolError("server disconnected"), NetworkError),
        (httpx.ConnectTimeout("slow"), FetchTimeoutError),
        (httpx.ReadTimeout("slow"), FetchTimeoutError),
    ],
)
def test_network_trouble_is_retried_then_typed(
    net: respx.MockRouter, error: Exception, expected: type[FetchError]
) -> None:
    route = net.get(f"{BASE}/a").mock(side_effect=error)
    with pytest.raises(expected) as caught:
        go(f"{BASE}/a")
    assert route.call_count == 3
    assert caught.value.url == f"{BASE}/a" and caught.value.http_status is None


def test_connect_error_then_success(net: respx.MockRouter) -> None:
    route = net.get(f"{BASE}/a").mock(side_effect=[httpx.ConnectError("refused"), ok()])
    assert go(f"{BASE}/a").status == 200
    assert route.call_count == 2


def test_whole_request_timeout(net: respx.MockRouter) -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return ok()

    net.get(f"{BASE}/a").mock(side_effect=slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="whole-request"):
        go(f"{BASE}/a", total_timeout=0.2, max_retries=0)
    assert time.monotonic() - started < 2


# --- redirects ----------------------------------------------------------------------------------


def test_redirects_are_followed_and_final_url_kept(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").respond(301, headers={"location": "/b?x=1"})
    net.get(f"{BASE}/b").respond(303, headers={"location": "https://www.news.example/c"})
    net.get("https://www.news.example/c").mock(return_value=ok())
    page = go(f"{BASE}/a")
    assert page.url == f"{BASE}/a"
    assert page.final_url == "https://www.news.example/c"


def test_redirect_limit(net: respx.MockRouter) -> None:
    for n in range(4):
        net.get(f"{BASE}/{n}").respond(302, headers={"location": f"/{n + 1}"})
    net.get(f"{BASE}/4").mock(return_value=ok())
    assert go(f"{BASE}/0", max_redirects=4).final_url == f"{BASE}/4"
    with pytest.raises(TooManyRedirectsError, match="more than 3") as caught:
        go(f"{BASE}/0", max_redirects=3)
    assert caught.value.http_status == 302


def test_redirect_loop(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").respond(302, headers={"location": "/b"})
    route_b = net.get(f"{BASE}/b").respond(302, headers={"location": "/a"})
    with pytest.raises(TooManyRedirectsError, match="loop"):
        go(f"{BASE}/a", max_redirects=100)
    assert route_b.call_count == 1


def test_self_redirect_is_a_loop(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").respond(302, headers={"location": f"{BASE}/a"})
    with pytest.raises(TooManyRedirectsError, match="loop"):
        go(f"{BASE}/a")


def test_consent_wall_cookie_round_trip_is_not_a_loop(net: respx.MockRouter) -> None:
    def article(request: httpx.Request) -> httpx.Response:
        if "consent=yes" in request.headers.get("cookie", ""):
            return ok()
        return httpx.Response(302, headers={"location": "/consent"})

    net.get(f"{BASE}/a").mock(side_effect=article)
    net.get(f"{BASE}/consent").respond(302, headers={"location": "/a", "set-cookie": "consent=yes; Path=/"})
    assert go(f"{BASE}/a").final_url == f"{BASE}/a"


def test_cookies_do_not_leak_between_fetches(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/set").mock(return_value=ok(PAGE, **{"set-cookie": "session=secret; Path=/"}))
    other = net.get(f"{BASE}/other").mock(return_value=ok())

    async def main() -> None:
        async with Fetcher(SETTINGS) as fetcher:
            await fetcher.fetch(f"{BASE}/set")
            await fetcher.fetch(f"{BASE}/other")

    asyncio.run(main())
    assert "cookie" not in other.calls.last.request.headers


# --- size caps and decompression ----------------------------------------------------------------


def test_declared_length_over_cap_is_refused_up_front(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").mock(return_value=ok(b"x" * 2000))
    with pytest.raises(ResponseTooLargeError, match="2000 bytes") as caught:
        go(f"{BASE}/a", max_bytes=1000)
    assert caught.value.http_status == 200


def test_streamed_body_over_cap_is_cut(net: respx.MockRouter) -> None:
    produced: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        for _ in range(1000):
            produced.append(1)
            yield b"x" * 1000

    net.get(f"{BASE}/a").mock(side_effect=lambda request: httpx.Response(200, headers=HTML, content=body()))
    with pytest.raises(ResponseTooLargeError):
        go(f"{BASE}/a", max_bytes=10_000)
    assert len(produced) <= 12  # stopped reading, not buffered first


def test_body_exactly_at_cap_is_fine(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").mock(return_value=ok(b"x" * 1000))
    assert len(go(f"{BASE}/a", max_bytes=1000).content) == 1000


@pytest.mark.parametrize("encoding", ["gzip", "br", "deflate"])
def test_decompressed_size_is_capped(net: respx.MockRouter, encoding: str) -> None:
    raw = bytes(5_000_000)
    packed = {"gzip": gzip.compress, "br": brotli.compress, "deflate": zlib.compress}[encoding](raw)
    assert len(packed) < 10_000
    net.get(f"{BASE}/a").mock(return_value=ok(packed, **{"content-encoding": encoding}))
    with pytest.raises(ResponseTooLargeError):
        go(f"{BASE}/a", max_bytes=100_000)


@pytest.mark.parametrize(
    ("encoding", "pack"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("br", brotli.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
        ("identity", lambda data: data),
        ("gzip, br", lambda data: brotli.compress(gzip.compress(data))),
    ],
)
def test_content_encodings_are_decoded(net: respx.MockRouter, encoding: str, pack: Any) -> None:
    content = PAGE * 500
    net.get(f"{BASE}/a").mock(return_value=ok(pack(content), **{"content-encoding": encoding}))
    assert go(f"{BASE}/a").content == content


def test_unknown_encoding_and_corrupt_gzip_are_fetch_errors(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/a").mock(return_value=ok(b"???", **{"content-encoding": "compress"}))
    corrupt = httpx.ByteStream(b"not gzip at all")  # a stream: httpx would decode content= eagerly
    net.get(f"{BASE}/b").respond(200, stream=corrupt, headers={**HTML, "content-encoding": "gzip"})
    with pytest.raises(FetchError, match="unsupported content encoding compress"):
        go(f"{BASE}/a")
    with pytest.raises(FetchError, match="decompress"):
        go(f"{BASE}/b")


def test_accept_encoding_and_headers_sent(net: respx.MockRouter) -> None:
    route = net.get(f"{BASE}/a").mock(return_value=ok())
    go(f"{BASE}/a", user_agent="TestBot/2.0", headers={"x-extra": "1", "accept-language": "fr"})
    sent = route.calls.last.request.headers
    assert sent["user-agent"] == "TestBot/2.0"
    assert sent["x-extra"] == "1" and sent["accept-language"] == "fr"
    assert {"gzip", "deflate", "br"} <= {part.strip() for part in sent["accept-encoding"].split(",")}
    assert "text/html" in sent["accept"]


# --- content types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ctype", ["text/html", "text/html; charset=ISO-8859-1", "TEXT/HTML", "application/xhtml+xml; charset=utf-8"]
)
def test_html_and_xhtml_accepted(net: respx.MockRouter, ctype: str) -> None:
    net.get(f"{BASE}/a").respond(200, content=PAGE, headers={"content-type": ctype})
    page = go(f"{BASE}/a")
    assert page.headers["content-type"] == ctype


@pytest.mark.parametrize(
    "ctype",
    [
        "application/pdf",
        "image/png",
        "image/jpeg",
        "application/json",
        "text/plain",
        "application/octet-stream",
        "video/mp4",
    ],
)
def test_other_content_types_refused_by_name(net: respx.MockRouter, ctype: str) -> None:
    net.get(f"{BASE}/a").respond(200, content=b"...", headers={"content-type": ctype})
    with pytest.raises(ContentTypeError, match=ctype.replace("+", r"\+")) as caught:
        go(f"{BASE}/a")
    assert caught.value.http_status == 200
    assert caught.value.kind == "content_type"


def test_missing_content_type_is_sniffed(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/html").respond(200, content=PAGE)
    net.get(f"{BASE}/png").respond(200, content=b"\x89PNG\r\n\x1a\n....")
    assert go(f"{BASE}/html").content == PAGE
    with pytest.raises(ContentTypeError, match="image/png"):
        go(f"{BASE}/png")


# --- robots.txt ---------------------------------------------------------------------------------


def robots(net: respx.MockRouter, response: httpx.Response | Exception) -> respx.Route:
    route = net.get(f"{BASE}/robots.txt")
    if isinstance(response, Exception):
        return route.mock(side_effect=response)
    return route.mock(return_value=response)


@pytest.mark.parametrize(
    ("response", "allowed"),
    [
        (httpx.Response(200, text="User-agent: *\nDisallow: /private\n"), False),
        (httpx.Response(200, text="User-agent: newsextract\nDisallow: /private\n"), False),
        (httpx.Response(200, text="User-agent: otherbot\nDisallow: /\n"), True),
        # RFC 9309 2.3.1.3: any 4xx means "unavailable", no restrictions.
        (httpx.Response(404), True),
        (httpx.Response(410), True),
        (httpx.Response(401), True),
        (httpx.Response(403), True),
        (httpx.Response(429), False),  # asked to slow down: like a 5xx
        # RFC 9309 2.3.1.4: 5xx or no answer means "unreachable", complete disallow.
        (httpx.Response(500), False),
        (httpx.Response(503), False),
        (httpx.ConnectError("refused"), False),
        (httpx.ReadTimeout("slow"), False),
    ],
)
def test_robots_rules(net: respx.MockRouter, response: httpx.Response | Exception, allowed: bool) -> None:
    robots_route = robots(net, response)
    page = net.get(f"{BASE}/private/a").mock(return_value=ok())
    if allowed:
        assert go(f"{BASE}/private/a", respect_robots=True).status == 200
    else:
        with pytest.raises(BlockedURLError, match=r"robots\.txt"):
            go(f"{BASE}/private/a", respect_robots=True)
        assert page.call_count == 0
    assert robots_route.call_count == 1  # robots.txt is not retried


def test_robots_redirect_is_followed(net: respx.MockRouter) -> None:
    robots(net, httpx.Response(301, headers={"location": "https://www.news.example/robots.txt"}))
    net.get("https://www.news.example/robots.txt").respond(200, text="User-agent: *\nDisallow: /\n")
    with pytest.raises(BlockedURLError):
        go(f"{BASE}/a", respect_robots=True)


def test_robots_fetched_once_per_host_under_concurrency(net: respx.MockRouter) -> None:
    async def slow_robots(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.05)
        return httpx.Response(200, text="User-agent: *\nDisallow: /private\n")

    robots_route = net.get(f"{BASE}/robots.txt").mock(side_effect=slow_robots)
    other_robots = net.get("https://other.example/robots.txt").respond(404)
    net.get(url__regex=r"https://(news|other)\.example/(a|b|c)").mock(return_value=ok())

    async def main() -> list[FetchedPage]:
        async with Fetcher(SETTINGS.model_copy(update={"respect_robots": True})) as fetcher:
            urls = [f"{BASE}/{p}" for p in "abc" * 5] + ["https://other.example/a"] * 3
            return await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    assert len(asyncio.run(main())) == 18
    assert robots_route.call_count == 1
    assert other_robots.call_count == 1


def test_robots_off_means_never_asked(net: respx.MockRouter) -> None:
    robots_route = robots(net, httpx.Response(200, text="User-agent: *\nDisallow: /\n"))
    net.get(f"{BASE}/a").mock(return_value=ok())
    assert go(f"{BASE}/a", respect_robots=False).status == 200
    assert robots_route.call_count == 0


def test_robots_checked_on_every_redirect_hop(net: respx.MockRouter) -> None:
    robots(net, httpx.Response(200, text="User-agent: *\nDisallow: /private\n"))
    net.get(f"{BASE}/a").respond(302, headers={"location": "/private/b"})
    target = net.get(f"{BASE}/private/b").mock(return_value=ok())
    with pytest.raises(BlockedURLError):
        go(f"{BASE}/a", respect_robots=True)
    assert target.call_count == 0


def test_robots_policy_module() -> None:
    assert str(robots_url(httpx.URL("https://x.example:8443/a/b?q=1#f"))) == "https://x.example:8443/robots.txt"
    assert policy_from_response(200, b"User-agent: *\nDisallow: /a\n").allows("https://x/b", "bot") is True
    assert policy_from_response(200, b"User-agent: *\nDisallow: /a\n").allows("https://x/a", "bot") is False
    assert policy_from_response(403, b"").allows("https://x/b", "bot") is True
    assert policy_from_response(404, b"").allows("https://x/b", "bot") is True
    assert policy_from_response(503, b"").allows("https://x/b", "bot") is False
    assert policy_from_response(503, b"").reachable is False
    assert RobotsPolicy.unreachable().allows("https://x/", "bot") is False


# --- private addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://224.0.0.1/",
    ],
)
def test_private_address_literals_blocked_when_asked(net: respx.MockRouter, url: str) -> None:
    with pytest.raises(BlockedURLError, match="non-public"):
        go(url, block_private_addresses=True)
    assert not net.calls


def test_private_addresses_allowed_by_default(net: respx.MockRouter) -> None:
    net.get("http://10.1.2.3/a").mock(return_value=ok())
    assert go("http://10.1.2.3/a").status == 200


def resolving(answers: dict[str, list[str]]) -> Resolver:
    """A resolver seam answering from ``answers``; other names do not resolve."""

    async def resolve(host: str, port: int) -> list[IPAddress]:
        if host not in answers:
            raise OSError("Name or service not known")
        return [ipaddress.ip_address(a) for a in answers[host]]

    return resolve


def test_hostname_resolving_to_private_is_blocked(net: respx.MockRouter) -> None:
    resolver = resolving({"news.example": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(BlockedURLError, match=r"10\.0\.0\.7"):
        go(f"{BASE}/a", resolver=resolver, block_private_addresses=True)
    assert not net.calls


def test_redirect_to_private_is_blocked(net: respx.MockRouter) -> None:
    resolver = resolving({"news.example": ["93.184.216.34"], "intranet.example": ["192.168.0.10"]})
    net.get(f"{BASE}/a").respond(302, headers={"location": "http://intranet.example/admin"})
    internal = net.get("http://intranet.example/admin").mock(return_value=ok())
    with pytest.raises(BlockedURLError):
        go(f"{BASE}/a", resolver=resolver, block_private_addresses=True)
    assert internal.call_count == 0


def test_public_host_passes_and_dns_failure_is_network_error(net: respx.MockRouter) -> None:
    resolver = resolving({"news.example": ["93.184.216.34", "2606:2800:220:1::1"]})
    net.get(f"{BASE}/a").mock(return_value=ok())
    assert go(f"{BASE}/a", resolver=resolver, block_private_addresses=True).status == 200
    with pytest.raises(NetworkError, match="DNS"):
        go("https://nowhere.example/", resolver=resolver, block_private_addresses=True)


# --- host table, errors, wiring -----------------------------------------------------------------


def test_host_table_is_bounded_but_keeps_busy_hosts() -> None:
    table = HostTable(per_host_concurrency=1, capacity=3)
    with table.use("busy"):
        for n in range(10):
            with table.use(f"h{n}"):
                pass
        assert len(table) == 3
        assert "busy" in table
    assert len(table) == 3


def test_host_table_keeps_hosts_inside_their_delay() -> None:
    table = HostTable(per_host_concurrency=1, capacity=1)
    with table.use("a") as host:
        host.reserve_start(60.0)
    with table.use("b"):
        pass
    assert "a" in table  # evicting it would forget the 60 s gap


def test_reserve_start_spaces_concurrent_callers() -> None:
    table = HostTable(per_host_concurrency=5, capacity=10)
    with table.use("a") as host:
        waits = [host.reserve_start(0.5) for _ in range(4)]
    assert waits[0] == 0
    assert [round(w, 1) for w in waits] == [0.0, 0.5, 1.0, 1.5]


def test_errors_are_typed_and_carry_context(net: respx.MockRouter) -> None:
    net.get(f"{BASE}/gone").respond(410)
    with pytest.raises(HTTPStatusError) as caught:
        go(f"{BASE}/gone")
    error = caught.value
    assert (error.url, error.stage, error.http_status) == (f"{BASE}/gone", "fetch", 410)
    assert str(error) == f"HTTP 410 ({BASE}/gone)"


def test_fetch_article_passes_page_to_extractor(net: respx.MockRouter, monkeypatch: pytest.MonkeyPatch) -> None:
    net.get(f"{BASE}/a").respond(301, headers={"location": "/b"})
    net.get(f"{BASE}/b").respond(200, content=PAGE, headers={"content-type": "text/html; charset=ISO-8859-1"})
    seen: dict[str, Any] = {}

    def fake_extract(html: bytes, url: str | None = None, **kwargs: Any) -> Article:
        seen.update(html=html, url=url, **kwargs)
        return Article(url=url, final_url=kwargs["final_url"])

    # fetch_article imports the extractor on first use, from its module.
    monkeypatch.setattr(importlib.import_module("newsextract.extract"), "extract_article", fake_extract)
    article = fetch_article(f"{BASE}/a", fetch_settings=SETTINGS)
    assert article.final_url == f"{BASE}/b"
    assert seen["html"] == PAGE and seen["url"] == f"{BASE}/a"
    assert seen["http_charset"] == "iso-8859-1"


def test_http2_enabled_when_h2_installed() -> None:
    assert http2_enabled(FetchSettings(http2=True))  # h2 is a dependency (httpx[http2])
    assert not http2_enabled(FetchSettings(http2=False))

"""A real HTTP server on 127.0.0.1 for tests and benchmarks, started and stopped by the caller.

Usage::

    from loopback import LoopbackServer, html, redirect, sequence, respond

    with LoopbackServer({"/": html("<p>hi</p>"), "/old": redirect("/")}) as server:
        httpx.get(server.url("/old"))
        assert server.hits("/") == 1

    # or as a pytest fixture (import it into the test module or a conftest):
    from loopback import loopback_server
    def test_x(loopback_server): loopback_server.route("/a", html("a")); ...

A route is ``path -> handler``; a handler takes an ``Exchange`` and writes the
response. The helpers below build the usual handlers (pages, redirects, status
sequences, stalls, resets, endless bodies, compression bombs). The server is
threaded (one thread per connection, HTTP/1.1 keep-alive), counts requests per
path, records when each started and how many were in flight at once, so tests
can check politeness. Paths are matched without the query string; unknown
paths get 404. ``host`` may be any 127.0.0.x address to stand for distinct hosts.
"""

from __future__ import annotations

import functools
import gzip
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

Handler = Callable[["Exchange"], None]


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    started: float  # time.monotonic() when the handler began


class Exchange:
    """One request and the means to answer it, handed to a route handler."""

    def __init__(self, raw: BaseHTTPRequestHandler, server: LoopbackServer, hit: Hit) -> None:
        self.raw = raw  # for handlers that need the socket (resets) or wfile
        self.server = server
        self.method = hit.method
        self.path = hit.path
        self.query = hit.query
        self.headers = hit.headers  # lower-case names

    def send(self, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None) -> None:
        """Send a complete response with Content-Length."""
        self.send_head(status, {"content-length": str(len(body)), **(headers or {})})
        if self.method != "HEAD":
            self.write(body)

    def send_head(self, status: int, headers: Mapping[str, str]) -> None:
        """Send the status line and headers only; the body follows through ``write``."""
        self.raw.send_response(status)
        for name, value in headers.items():
            self.raw.send_header(name, value)
        if "content-length" not in {name.lower() for name in headers}:
            # Without a length the body ends when the connection does.
            self.raw.send_header("connection", "close")
            self.raw.close_connection = True
        self.raw.end_headers()

    def write(self, data: bytes) -> None:
        """Write body bytes and push them to the client now."""
        self.raw.wfile.write(data)
        self.raw.wfile.flush()


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, the body waits
    # for the client's delayed ACK and every response costs 40 ms.
    disable_nagle_algorithm = True
    server: _HTTPServer

    def do_GET(self) -> None:
        self.server.owner.dispatch(self)

    do_HEAD = do_GET
    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 drops connections under benchmark load, and each
    # drop costs a one-second SYN retransmit.
    request_queue_size = 256
    owner: LoopbackServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients cutting connections (size caps, timeouts) is what the tests do


class LoopbackServer:
    """A threaded HTTP server on a loopback address and a free port; see the module docstring."""

    def __init__(self, routes: Mapping[str, Handler] | None = None, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._routes: dict[str, Handler] = dict(routes or {})
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._hits: list[Hit] = []
        self._in_flight = 0
        self.max_in_flight = 0
        self.stopping = threading.Event()
        self._httpd = _HTTPServer((host, port), _RequestHandler)
        self._httpd.owner = self
        self._thread: threading.Thread | None = None

    # --- lifecycle ---

    def start(self) -> LoopbackServer:
        """Start serving in a background thread."""
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; stalled handlers are released through ``stopping``."""
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- addresses and routes ---

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    def route(self, path: str, handler: Handler) -> None:
        """Add or replace the handler for ``path``."""
        self._routes[path] = handler

    # --- what happened ---

    def hits(self, path: str) -> int:
        """How many requests ``path`` received."""
        with self._lock:
            return self._counts[path]

    @property
    def log(self) -> list[Hit]:
        """Every request so far, in arrival order."""
        with self._lock:
            return list(self._hits)

    def reset_stats(self) -> None:
        """Forget counts, the log and the in-flight maximum."""
        with self._lock:
            self._counts.clear()
            self._hits.clear()
            self.max_in_flight = self._in_flight

    # --- serving ---

    def dispatch(self, raw: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(raw.path)
        hit = Hit(
            raw.command, parts.path, parts.query, {k.lower(): v for k, v in raw.headers.items()}, time.monotonic()
        )
        with self._lock:
            self._counts[hit.path] += 1
            self._hits.append(hit)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        handler = self._routes.get(hit.path, respond(404, b"not found", content_type="text/plain"))
        try:
            handler(Exchange(raw, self, hit))
        except (BrokenPipeError, ConnectionResetError):
            raw.close_connection = True  # the client went away: expected when it enforces caps
        finally:
            with self._lock:
                self._in_flight -= 1


def loopback_server_fixture() -> Iterator[LoopbackServer]:
    """Body of the ``loopback_server`` fixture, for projects that wrap it themselves."""
    with LoopbackServer() as server:
        yield server


try:
    import pytest
except ImportError:  # pragma: no cover - the benchmark runs without pytest
    pass
else:
    loopback_server = pytest.fixture(loopback_server_fixture, name="loopback_server")


# --- handlers -----------------------------------------------------------------------------------


def respond(
    status: int = 200,
    body: bytes | str = b"",
    headers: Mapping[str, str] | None = None,
    *,
    content_type: str | None = "text/html; charset=utf-8",
) -> Handler:
    """A fixed response. ``content_type=None`` sends no Content-Type at all."""
    data = body.encode() if isinstance(body, str) else body
    head = dict(headers or {})
    if content_type is not None:
        head.setdefault("content-type", content_type)

    def handler(exchange: Exchange) -> None:
        exchange.send(status, data, head)

    return handler


def html(text: str, *, charset: str | None = "utf-8", encoding: str | None = None) -> Handler:
    """An HTML page: ``text`` encoded with ``encoding`` (default: ``charset`` or UTF-8),
    labelled ``charset`` in the Content-Type (``None``: no charset parameter)."""
    data = text.encode(encoding or charset or "utf-8")
    ctype = f"text/html; charset={charset}" if charset else "text/html"
    return respond(200, data, content_type=ctype)


def redirect(location: str, status: int = 302) -> Handler:
    """A redirect to ``location`` (absolute or relative)."""
    return respond(status, b"", {"location": location}, content_type=None)


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th handler; the last one answers every request after."""
    calls = iter(range(len(handlers)))
    lock = threading.Lock()

    def handler(exchange: Exchange) -> None:
        with lock:
            index = next(calls, len(handlers) - 1)
        handlers[index](exchange)

    return handler


def delayed(seconds: float, then: Handler) -> Handler:
    """Wait ``seconds`` (or until the server stops), then answer with ``then``."""

    def handler(exchange: Exchange) -> None:
        exchange.server.stopping.wait(seconds)
        then(exchange)

    return handler


def stall_mid_body(
    sent: bytes = b"<html><body><p>start of the page", total: int = 100_000, stall: float = 30.0
) -> Handler:
    """Promise ``total`` bytes, send ``sent``, then go silent for ``stall`` seconds."""

    def handler(exchange: Exchange) -> None:
        exchange.send_head(200, {"content-type": "text/html; charset=utf-8", "content-length": str(total)})
        exchange.write(sent)
        exchange.server.stopping.wait(stall)
        exchange.raw.close_connection = True

    return handler


def endless(
    total: int, *, chunk: int = 64 * 1024, declare_length: bool = False, content_type: str = "text/html; charset=utf-8"
) -> Handler:
    """Stream ``total`` bytes generated on the fly (the server holds one chunk, never the body)."""
    block = (b"<p>" + b"x" * (chunk - 8) + b"</p>\n")[:chunk]

    def handler(exchange: Exchange) -> None:
        head = {"content-type": content_type}
        if declare_length:
            head["content-length"] = str(total)
        exchange.send_head(200, head)
        left = total
        while left > 0 and not exchange.server.stopping.is_set():
            exchange.write(block[: min(chunk, left)])
            left -= chunk

    return handler


def reset_connection() -> Handler:
    """Abort the connection with a TCP RST before any response."""

    def handler(exchange: Exchange) -> None:
        sock = exchange.raw.connection
        # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        exchange.raw.close_connection = True
        sock.close()

    return handler


def encoded(body: bytes, encoding: str, content_type: str = "text/html; charset=utf-8") -> Handler:
    """Serve already-compressed ``body`` with ``Content-Encoding: encoding``."""
    return respond(200, body, {"content-encoding": encoding}, content_type=content_type)


# --- compression bombs ---------------------------------------------------------------------------


@functools.cache
def gzip_bomb(size: int = 1 << 30) -> bytes:
    """A valid gzip stream of ``size`` zero bytes (gzip tops out near 1:1000, so 1 GiB is ~1 MB).

    Built in well under a second: after a full flush deflate forgets its history,
    so every further megabyte of zeros compresses to the same bytes, repeated.
    """
    mib = bytes(1 << 20)
    count, rest = divmod(size, len(mib))
    if count < 4:
        return gzip.compress(bytes(size), mtime=0)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = deflater.compress(mib) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(mib) + deflater.flush(zlib.Z_FULL_FLUSH)
    assert deflater.compress(mib) + deflater.flush(zlib.Z_FULL_FLUSH) == block
    body = first + block * (count - 1)
    body += deflater.compress(bytes(rest)) + deflater.flush()
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(bytes(rest), crc)
    header = gzip.compress(b"", mtime=0)[:10]
    return header + body + struct.pack("<II", crc, size & 0xFFFFFFFF)


@functools.cache
def brotli_bomb(size: int = 1 << 30) -> bytes:
    """A brotli stream of ``size`` zero bytes: about 1.6 KB for 1 GiB."""
    import brotli

    compressor = brotli.Compressor(quality=5)
    mib = bytes(1 << 20)
    out = [compressor.process(mib) for _ in range(size >> 20)]
    out.append(compressor.process(bytes(size & ((1 << 20) - 1))))
    out.append(compressor.finish())
    return b"".join(out)

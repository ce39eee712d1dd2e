"""Fetcher throughput and memory against loopback servers, next to a plain sequential httpx loop.

Usage::

    python bench/fetch.py                     # 2,000 pages over 20 hosts (127.0.0.1 .. 127.0.0.20)
    python bench/fetch.py --latency 0.02      # each page takes 20 ms server-side, like a real site
    python bench/fetch.py --pages 500 --hosts 5 --delay 0.01

The servers run in a child process (one threaded http.server per host, from
tests/loopback.py), so they do not share the benchmark's interpreter lock.
Both runs fetch the same URLs, interleaved across hosts as a batch would:

- ``Fetcher``: one shared client, politeness on (per-host concurrency and a
  minimum gap between requests to one host, robots.txt fetched per host),
  everything gathered at once and left to the Fetcher's limits;
- ``httpx loop``: one ``httpx.Client``, a plain ``for`` loop, no politeness.

On bare loopback there is no latency for concurrency to hide and both sides
compete for the same CPUs, so the ratio mostly compares httpx's async and sync
overheads; ``--latency`` shows what the concurrency buys against real sites.

Reported: requests per second, and the peak RSS growth of this process during
each run (sampled every 5 ms), plus the ratio of the two rates.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from loopback import LoopbackServer, delayed, html, respond

from newsextract.fetch import Fetcher
from newsextract.settings import FetchSettings

MB = 1 << 20
ROBOTS = "User-agent: *\nDisallow: /private/\n"


def page_html(host: int, n: int) -> str:
    paragraphs = "".join(
        f"<p>Paragraph {i} of story {n} on host {host}, about the size of a news brief.</p>" for i in range(40)
    )
    head = f"<!doctype html><html><head><title>Story {n}</title></head>"
    return f"{head}<body><article>{paragraphs}</article></body></html>"


def serve(hosts: int, pages: int, latency: float, conn: Connection) -> None:
    """Child process: one server per 127.0.0.x, until the parent says stop."""
    servers = []
    for h in range(1, hosts + 1):
        routes = {"/robots.txt": respond(200, ROBOTS, content_type="text/plain")}
        for n in range(pages):
            page = html(page_html(h, n))
            routes[f"/story/{n}"] = delayed(latency, page) if latency else page
        servers.append(LoopbackServer(routes, host=f"127.0.0.{h}").start())
    conn.send([server.base_url for server in servers])
    conn.recv()  # stop
    for server in servers:
        server.stop()


def measure(run: Callable[[], int]) -> tuple[float, int, float]:
    """Time ``run`` (it returns the pages fetched); return seconds, pages and peak RSS growth in MB."""
    process = psutil.Process()
    baseline = peak = process.memory_info().rss
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.005):
            peak = max(peak, process.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    fetched = run()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return elapsed, fetched, (max(peak, process.memory_info().rss) - baseline) / MB


def run_fetcher(urls: list[str], settings: FetchSettings) -> int:
    async def main() -> int:
        async with Fetcher(settings) as fetcher:
            pages = await asyncio.gather(*(fetcher.fetch(url) for url in urls))
        return sum(1 for page in pages if page.status == 200 and page.content)

    return asyncio.run(main())


def run_sequential(urls: list[str]) -> int:
    fetched = 0
    with httpx.Client(timeout=10) as client:
        for url in urls:
            response = client.get(url)
            fetched += response.status_code == 200 and bool(response.content)
    return fetched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--delay", type=float, default=0.005, help="per-host gap between request starts")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="server think time per page, standing in for a real site's latency"
    )
    args = parser.parse_args()

    per_host = args.pages // args.hosts
    parent, child = mp.get_context("spawn").Pipe()
    server = mp.get_context("spawn").Process(
        target=serve, args=(args.hosts, per_host, args.latency, child), daemon=True
    )
    server.start()
    bases: list[str] = parent.recv()
    # Interleaved across hosts, as a batch of mixed URLs arrives.
    urls = [f"{base}/story/{n}" for n in range(per_host) for base in bases]

    settings = FetchSettings(
        concurrency=args.concurrency, per_host_concurrency=args.per_host, per_host_delay=args.delay, respect_robots=True
    )
    try:
        run_sequential(urls[: args.hosts])  # warm up the servers and the imports, untimed
        results = {
            "Fetcher (polite)": measure(lambda: run_fetcher(urls, settings)),
            "httpx sequential loop": measure(lambda: run_sequential(urls)),
        }
    finally:
        parent.send("stop")
        server.join(timeout=10)

    page_kb = len(page_html(1, 0).encode()) / 1024
    print(
        f"{len(urls)} pages of {page_kb:.1f} KB over {args.hosts} hosts (127.0.0.1..{args.hosts}); "
        f"Fetcher: concurrency {args.concurrency}, per host {args.per_host}, delay {args.delay}s "
        f"(politeness ceiling {args.hosts / args.delay:.0f} req/s), robots.txt on; "
        f"server latency {args.latency * 1000:.0f} ms; {psutil.cpu_count()} CPUs, "
        "server in a child process\n"
    )
    print("| run | pages ok | seconds | requests/s | peak RSS growth (MB) |")
    print("|---|---:|---:|---:|---:|")
    for name, (seconds, fetched, rss) in results.items():
        print(f"| {name} | {fetched} | {seconds:.2f} | {fetched / seconds:.0f} | {rss:.1f} |")
    (f_s, f_n, _), (s_s, s_n, _) = results.values()
    print(f"\nratio Fetcher / sequential (requests per second): {(f_n / f_s) / (s_n / s_s):.2f}x")


if __name__ == "__main__":
    main()

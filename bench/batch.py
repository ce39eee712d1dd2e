"""Batch throughput and memory: `newsextract batch` against trafilatura's CLI on the same URLs.

Usage::

    python bench/batch.py                      # 10,000 URLs; RSS compared at 1,000 and 10,000
    python bench/batch.py --urls 2000 --small 500 --delay 0.1
    python bench/batch.py --urls 2000 --small 500 --no-peer --dask local:2   # + a Dask column, same list

A loopback server farm (one threaded server per host name, 127.0.0.1 .. 127.0.0.N)
serves the pages of ../shared/datasets, gzip-encoded as fetched. Every URL is distinct;
URL i is page i mod P on host i mod N. Each tool runs as a subprocess; we measure wall
time end to end (start-up included) and peak RSS of its whole process tree (sampled).
trafilatura gets a config file whose SLEEP_TIME is our per-host delay.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from loopback import LoopbackServer, respond

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def load_pages(root: Path) -> list[bytes]:
    """The dataset pages, gzip-compressed as stored (served with Content-Encoding: gzip)."""
    return [path.read_bytes() for path in sorted(root.glob("*/pages/*.html.gz"))]


def start_farm(pages: list[bytes], hosts: int, urls: int) -> tuple[list[LoopbackServer], list[str]]:
    servers = [LoopbackServer(host=f"127.0.0.{i + 1}").start() for i in range(hosts)]
    addresses = []
    for n in range(urls):
        server = servers[n % hosts]
        server.route(
            f"/news/{n}", respond(200, pages[n % len(pages)], {"content-encoding": "gzip"}, content_type="text/html")
        )
        addresses.append(server.url(f"/news/{n}"))
    return servers, addresses


def measure(cmd: list[str], cwd: Path, stdout: Path) -> tuple[float, int, int, int]:
    """Run cmd; return wall seconds, peak RSS and peak PSS of its process tree (summed), exit code.

    RSS summed over forked workers counts their shared pages once per process; PSS
    splits shared pages between the processes, so its sum is the tree's real footprint.
    """
    started = time.monotonic()
    with open(stdout, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        root, peak_rss, peak_pss = psutil.Process(proc.pid), 0, 0
        while proc.poll() is None:
            try:
                infos = [p.memory_full_info() for p in [root, *root.children(recursive=True)]]
                peak_rss = max(peak_rss, sum(i.rss for i in infos))
                peak_pss = max(peak_pss, sum(i.pss for i in infos))
            except psutil.Error:
                pass
            time.sleep(0.2)
    return time.monotonic() - started, peak_rss, peak_pss, proc.returncode


def trafilatura_config(work: Path, delay: float) -> Path:
    """A config read over trafilatura's defaults: our politeness delay; loopback allowed (the farm lives there)."""
    config = work / "trafilatura.cfg"
    config.write_text(f"[DEFAULT]\nSLEEP_TIME = {delay}\nSSRF_PROTECTION = off\n")
    return config


def run_ours(work: Path, urls: list[str], delay: float, dask: str | None = None) -> dict[str, float]:
    listing = work / f"urls{len(urls)}.txt"
    listing.write_text("\n".join(urls) + "\n")
    out = work / f"ours{len(urls)}{'-dask' if dask else ''}.jsonl"
    cmd = [
        sys.executable,
        "-m",
        "newsextract",
        "batch",
        listing.name,
        "-o",
        out.name,
        "--delay",
        str(delay),
        "--per-host",
        "1",
        "--no-robots",
        *(["--dask", dask] if dask else []),
    ]
    seconds, rss, pss, _ = measure(cmd, work, work / "ours.stdout")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    return _row(len(urls), seconds, rss, pss, len(records), sum(r["ok"] for r in records))


def run_peer(work: Path, urls: list[str], delay: float) -> dict[str, float]:
    listing = work / f"urls{len(urls)}.txt"
    listing.write_text("\n".join(urls) + "\n")
    config = trafilatura_config(work, delay)
    stdout = work / "peer.jsonl"
    cmd = [
        shutil.which("trafilatura") or "trafilatura",
        "-i",
        listing.name,
        "--parallel",
        "2",
        "--json",
        "--config-file",
        str(config),
    ]
    seconds, rss, pss, _ = measure(cmd, work, stdout)
    lines = [line for line in stdout.read_text(errors="replace").splitlines() if line.startswith("{")]
    return _row(len(urls), seconds, rss, pss, len(lines), len(lines))


def _row(urls: int, seconds: float, rss: int, pss: int, records: int, ok: int) -> dict[str, float]:
    return {
        "urls": urls,
        "seconds": seconds,
        "pages_per_s": urls / seconds,
        "rss_mb": rss / 2**20,
        "pss_mb": pss / 2**20,
        "records": records,
        "ok": ok,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--urls", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="the smaller list, for RSS growth")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1, help="per-host politeness delay, both tools")
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--dask", metavar="local:N", help="also run the full list with --dask (e.g. local:2)")
    args = parser.parse_args()
    pages = load_pages(DATASETS)
    servers, urls = start_farm(pages, args.hosts, args.urls)
    rows = []
    local = dask = peer = None
    try:
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
            work = Path(tmp)
            rows.append(("newsextract batch", run_ours(work, urls[: args.small], args.delay)))
            local = run_ours(work, urls, args.delay)
            rows.append(("newsextract batch", local))
            if args.dask:
                dask = run_ours(work, urls, args.delay, args.dask)
                rows.append((f"newsextract batch --dask {args.dask}", dask))
            if not args.no_peer:
                peer = run_peer(work, urls, args.delay)
                rows.append(("trafilatura --parallel 2", peer))
    finally:
        for server in servers:
            server.stop()
    print(f"{len(pages)} pages, {args.hosts} hosts, per-host delay {args.delay}s, 2 cores\n")
    print("| tool | URLs | seconds | pages/s | peak RSS MB (sum) | peak PSS MB (sum) | records | ok |")
    print("|---|---|---|---|---|---|---|---|")
    for name, row in rows:
        print(
            f"| {name} | {row['urls']:,.0f} | {row['seconds']:.1f} | {row['pages_per_s']:.1f} | "
            f"{row['rss_mb']:.0f} | {row['pss_mb']:.0f} | {row['records']:,.0f} | {row['ok']:,.0f} |"
        )
    assert local is not None
    if peer is not None:
        print(
            f"\nnewsextract batch / trafilatura, same {local['urls']:,.0f} URLs: pages/s x"
            f"{local['pages_per_s'] / peer['pages_per_s']:.2f}, peak RSS x{local['rss_mb'] / peer['rss_mb']:.2f}"
        )
    if dask is not None:
        print(
            f"\n--dask {args.dask} / local, same {local['urls']:,.0f} URLs: pages/s x"
            f"{dask['pages_per_s'] / local['pages_per_s']:.2f}, peak RSS x{dask['rss_mb'] / local['rss_mb']:.2f}, "
            f"peak PSS x{dask['pss_mb'] / local['pss_mb']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

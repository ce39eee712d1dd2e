"""`newsextract batch` as a user runs it: subprocesses, kill -9, Ctrl-C, big lists, usage errors."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from loopback import LoopbackServer, delayed, html, respond
from pages import story_page as page

from newsextract.batch.progress import LiveLine, Progress

pytestmark = [pytest.mark.slow, pytest.mark.timeout(170)]


def batch_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsextract", "batch", *args]


def start(cwd: Path, *args: str) -> subprocess.Popen[str]:
    # A session of its own, so the test can signal or kill the run and its workers as a group.
    return subprocess.Popen(
        batch_command(*args), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)


def done_urls(state: Path) -> set[str]:
    """URLs the state has committed as done or failed (none while the run is still creating it)."""
    with sqlite3.connect(state) as conn:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'items'").fetchone() is None:
            return set()
        return {row[0] for row in conn.execute("SELECT url FROM items WHERE status != 'pending'")}


def wait_for_done(state: Path, at_least: int, proc: subprocess.Popen[str], limit: float = 60.0) -> None:
    """Wait until the run has committed `at_least` outcomes (the machine may be slow to start it)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if len(done_urls(state)) >= at_least:
                return
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.05)


def output_urls(out: Path) -> Counter[str]:
    return Counter(json.loads(line)["url"] for line in out.read_text().splitlines())


@pytest.fixture
def slow_hosts() -> Iterator[list[LoopbackServer]]:
    servers = [LoopbackServer(host=f"127.0.0.{i}").start() for i in (1, 2)]
    yield servers
    for server in servers:
        server.stop()


def hit_counts(servers: list[LoopbackServer], urls: list[str]) -> dict[str, int]:
    by_base = {server.base_url: server for server in servers}
    counts = {}
    for url in urls:
        base, _, path = url.partition("/a/")
        counts[url] = by_base[base].hits("/a/" + path)
    return counts


def test_kill_9_at_several_points_then_rerun_gives_every_url_once(
    slow_hosts: list[LoopbackServer], tmp_path: Path
) -> None:
    urls = []
    for n in range(600):
        server = slow_hosts[n % 2]
        server.route(f"/a/{n}", delayed(0.04, html(page(n))))
        urls.append(server.url(f"/a/{n}"))
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
    args = ("urls.txt", "-o", "out.jsonl", "--delay", "0", "--per-host", "4", "--concurrency", "8", "--no-robots")
    out, state = tmp_path / "out.jsonl", tmp_path / "out.jsonl.state.sqlite"
    snapshots: list[tuple[set[str], dict[str, int]]] = []
    # Kill points: during start-up (state being created), then after progress: the first
    # commit, part-way, most of the way. Progress, not wall time, so a loaded machine still works.
    for done_before_kill in (0, 1, 150, 400):
        proc = start(tmp_path, *args)
        if done_before_kill == 0:
            time.sleep(0.3)
        else:
            wait_for_done(state, done_before_kill, proc)
        os.kill(proc.pid, signal.SIGKILL)  # the main process only, as a crash would
        kill_group(proc)
        if out.exists() and out.stat().st_size > 0 and not any(done for done, _ in snapshots):
            with open(out, "ab") as stream:
                stream.write(b'{"url": "http://torn')  # a torn last line, as a crash mid-write leaves
        snapshots.append((done_urls(state), hit_counts(slow_hosts, urls)))
    final = subprocess.run(batch_command(*args), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert output_urls(out) == Counter(urls)  # none lost, none doubled
    end_hits = hit_counts(slow_hosts, urls)
    for done, hits in snapshots:
        assert all(end_hits[url] == hits[url] for url in done)  # done URLs were not fetched again
    assert any(0 < len(done) < len(urls) for done, _ in snapshots)  # at least one kill landed mid-run


def test_ctrl_c_stops_cleanly_and_the_rerun_completes(slow_hosts: list[LoopbackServer], tmp_path: Path) -> None:
    urls = []
    for n in range(300):
        server = slow_hosts[n % 2]
        server.route(f"/a/{n}", delayed(0.05, html(page(n))))
        urls.append(server.url(f"/a/{n}"))
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
    args = ("urls.txt", "-o", "out.jsonl", "--delay", "0", "--concurrency", "4", "--no-robots")
    proc = start(tmp_path, *args)
    wait_for_done(tmp_path / "out.jsonl.state.sqlite", 20, proc)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    out = tmp_path / "out.jsonl"
    written = output_urls(out)
    assert set(written) == done_urls(tmp_path / "out.jsonl.state.sqlite")  # state and output agree
    assert 0 < len(written) < len(urls) and max(written.values()) == 1
    final = subprocess.run(batch_command(*args), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert output_urls(out) == Counter(urls)


def peak_rss(cmd: list[str], cwd: Path) -> tuple[int, str]:
    """Run cmd; return its peak resident memory (itself plus its children, sampled) and stderr."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    main, peak = psutil.Process(proc.pid), 0
    deadline = time.monotonic() + 150
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            family = [main, *main.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in family if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    _, err = proc.communicate(timeout=30)
    return peak, err


def test_100k_urls_memory_stays_flat(tmp_path: Path) -> None:
    # robots.txt shuts every host, so each URL runs the whole pipeline (state, fetcher,
    # output) without page fetches: 100,000 in well under a minute.
    robots = respond(200, "User-agent: *\nDisallow: /\n", content_type="text/plain")
    servers = [LoopbackServer({"/robots.txt": robots}, host=f"127.0.0.{i}").start() for i in (1, 2, 3)]
    try:
        peaks = {}
        for count in (10_000, 100_000):
            name = f"urls{count}.txt"
            with open(tmp_path / name, "w") as stream:
                for n in range(count):
                    stream.write(f"{servers[n % 3].base_url}/story/{n}\n")
            out = tmp_path / f"out{count}.jsonl"
            peaks[count], err = peak_rss(
                batch_command(name, "-o", out.name, "--delay", "0", "--concurrency", "64", "--per-host", "16"), tmp_path
            )
            lines = out.read_text().splitlines()
            assert len(lines) == count, err
            assert json.loads(lines[0])["ok"] is False
    finally:
        for server in servers:
            server.stop()
    assert peaks[100_000] < 400 * 2**20
    assert peaks[100_000] < peaks[10_000] * 1.15 + 20 * 2**20, peaks


def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_text("someone else's file\n")
    (tmp_path / "urls.txt").write_text("http://127.0.0.1:9/a\n")
    for args in ((), ("missing.txt",), ("urls.txt", "-o", "out.jsonl"), ("--input-dir", "nowhere")):
        result = subprocess.run(batch_command(*args), cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert (tmp_path / "out.jsonl").read_text() == "someone else's file\n"


def test_stdin_and_stdout_and_malformed_lines(tmp_path: Path) -> None:
    with LoopbackServer({"/a": html(page(1))}) as server:
        text = f"# list\n{server.url('/a')}\n\nnot a url\n{server.url('/a')}#again\nftp://x/y\n"
        result = subprocess.run(
            batch_command("-", "--no-robots", "--delay", "0"),
            cwd=tmp_path,
            input=text,
            capture_output=True,
            text=True,
            timeout=60,
        )
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1, result.stderr
    assert sorted((r["url"], r["ok"]) for r in got) == [
        ("ftp://x/y", False),
        (server.url("/a"), True),
        ("not a url", False),
    ]
    assert "1 ok" in result.stderr and "2 failed" in result.stderr


def test_progress_line_only_when_live() -> None:
    quiet, live = io.StringIO(), io.StringIO()
    for stream, is_live in ((quiet, False), (live, True)):
        progress = Progress(total=10, line=LiveLine(stream, live=is_live))
        progress.update(ok=True)
        progress.update(ok=False)
        progress.render()
    assert quiet.getvalue() == ""
    assert "2/10" in live.getvalue() and "failed 1" in live.getvalue() and "ETA" in live.getvalue()

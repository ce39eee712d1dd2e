"""Batch limits: a page that hangs extraction is cut at --page-timeout, and kill -9 leaves no worker behind."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import psutil
import pydantic
import pytest
from pages import story_page

from newsextract.batch import RunOptions, run_batch, run_to_file
from newsextract.batch.sources import dir_items
from newsextract.cli.batch import _settings, add_batch_parser
from newsextract.models import Article, Result
from newsextract.settings import BatchSettings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]

HANG_SECONDS = 30.0  # far past every limit and wait below: a test that relies on the hang ending fails
LIMIT = 1.0
SLACK = 2.0  # late: killing the worker and handing the record over; early: the page reaching the worker


def hang_extract(html: str | bytes, **kwargs: object) -> Article:
    """A runaway extraction: on a page saying "HANG <marker>", write the start time to the marker and hang.

    Other pages give a stub article whose body names the worker process.
    """
    text = html if isinstance(html, bytes) else html.encode()
    if match := re.search(rb"HANG ([^<\s]+)", text):
        Path(match[1].decode()).write_text(repr(time.time()))
        time.sleep(HANG_SECONDS)
    return Article(url=str(kwargs.get("url")), body=f"worker {os.getpid()}")


def saved_pages(root: Path, count: int, hang_at: tuple[int, ...]) -> dict[str, Path]:
    """`count` saved pages under root, HANG pages at `hang_at`; {URL: marker file} of the HANG pages."""
    root.mkdir()
    markers = {}
    for n in range(count):
        path = root / f"{n:03d}.html"
        if n in hang_at:
            marker = root.parent / f"hang-{n}.started"
            path.write_text(f"<html><body><p>HANG {marker}</p></body></html>")
            markers[path.resolve().as_uri()] = marker
        else:
            path.write_text(story_page(n))
    return markers


def fast(**fields: object) -> BatchSettings:
    return BatchSettings(commit_interval=0.2, **fields)  # type: ignore[arg-type]


def test_a_hanging_page_is_cut_at_its_limit_and_the_rest_is_unaffected(tmp_path: Path) -> None:
    markers = saved_pages(tmp_path / "pages", 9, hang_at=(2,))
    arrived: dict[str, float] = {}
    results: list[Result] = []
    for result in run_batch(
        dir_items(tmp_path / "pages"),
        settings=fast(workers=2, page_timeout=LIMIT),
        options=RunOptions(extract=hang_extract),
    ):
        arrived[result.url] = time.time()
        results.append(result)
    ((url, marker),) = markers.items()
    by_url = {result.url: result for result in results}
    assert len(results) == len(by_url) == 9  # every page once: the batch completed
    error = by_url[url].error
    assert error is not None and error.kind == "extract_timeout" and f"{LIMIT:g} s" in error.message
    took = arrived[url] - float(marker.read_text())
    assert LIMIT - SLACK / 4 < took < LIMIT + SLACK, took
    assert all(result.ok for key, result in by_url.items() if key != url)


def test_killed_workers_are_replaced_and_every_other_page_has_one_ok_record(tmp_path: Path) -> None:
    markers = saved_pages(tmp_path / "pages", 8, hang_at=(2, 5))
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    summary = run_to_file(
        dir_items(tmp_path / "pages"),
        output=out,
        settings=fast(workers=1, page_timeout=LIMIT),
        options=RunOptions(extract=hang_extract),
    )
    assert time.monotonic() - started < HANG_SECONDS
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == len({r["url"] for r in records}) == 8 and summary.exit_code == 1
    kinds = Counter(r["error"]["kind"] if r["error"] else "ok" for r in records)
    assert kinds == {"ok": 6, "extract_timeout": 2}
    assert {r["url"] for r in records if not r["ok"]} == set(markers)
    # One worker: the pages after a hang were extracted by its replacement.
    assert len({r["article"]["body"] for r in records if r["ok"]}) >= 2
    assert summary.failure_kinds == {"extract_timeout": 2}


_RUN_IN_CHILD = """
import sys
from pathlib import Path
from newsextract.batch import RunOptions, run_to_file
from newsextract.batch.sources import dir_items
from newsextract.settings import BatchSettings
from test_batch_limits import hang_extract

pages, out = Path(sys.argv[1]), Path(sys.argv[2])
run_to_file(dir_items(pages), output=out, settings=BatchSettings(workers=2, page_timeout=600),
            options=RunOptions(extract=hang_extract))
"""


def alive(process: psutil.Process) -> bool:
    """Running, and not just a zombie waiting to be reaped (the container's init may not reap)."""
    try:
        return bool(process.is_running() and process.status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def wait_for(condition: Callable[[], bool], limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_kill_9_of_the_batch_leaves_no_worker_behind(tmp_path: Path) -> None:
    markers = saved_pages(tmp_path / "pages", 5, hang_at=(1,))
    (marker,) = markers.values()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUN_IN_CHILD, str(tmp_path / "pages"), str(tmp_path / "out.jsonl")],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    descendants: list[psutil.Process] = []
    try:
        assert wait_for(marker.exists, 60), "the hanging page never started"
        descendants = psutil.Process(proc.pid).children(recursive=True)
        assert len(descendants) >= 2  # the extraction workers (and multiprocessing's helpers)
        os.kill(proc.pid, signal.SIGKILL)  # the batch process only, as a crash or the OOM killer would
        proc.wait(timeout=10)
        assert wait_for(lambda: not any(alive(p) for p in descendants), 5), [
            (p.pid, p.name()) for p in descendants if alive(p)
        ]
    finally:
        for process in descendants:  # a failed test must not leave its orphans to the next one
            with contextlib.suppress(psutil.Error):
                process.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=10)


def test_page_timeout_setting_and_option() -> None:
    parser = argparse.ArgumentParser()
    add_batch_parser(parser.add_subparsers(dest="command"))
    assert _settings(parser.parse_args(["batch", "urls.txt", "--page-timeout", "2.5"])).page_timeout == 2.5
    assert _settings(parser.parse_args(["batch", "urls.txt"])).page_timeout == BatchSettings().page_timeout == 30
    for bad in ("0", "-1", "nan", "inf"):
        with pytest.raises(SystemExit):
            parser.parse_args(["batch", "urls.txt", "--page-timeout", bad])
        with pytest.raises(pydantic.ValidationError):
            BatchSettings(page_timeout=float(bad))

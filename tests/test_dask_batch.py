"""Batch runs on a Dask LocalCluster (2 worker processes) against loopback servers: same records, each once."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import pytest
from loopback import LoopbackServer, delayed, html, respond
from pages import story_page as page

pytest.importorskip("distributed")

import newsextract
from newsextract.batch import run_to_file
from newsextract.batch.dask import local_cluster, partition_of, run_batch_dask
from newsextract.batch.sources import InputItem, warc_items
from newsextract.errors import OutputStateError
from newsextract.settings import BatchSettings, FetchSettings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]


def fast_settings(**fetch: object) -> BatchSettings:
    base: dict[str, object] = {
        "per_host_delay": 0.0,
        "per_host_concurrency": 2,
        "max_retries": 0,
        "respect_robots": False,
        "read_timeout": 2.0,
        "total_timeout": 4.0,
    }
    base.update(fetch)
    return BatchSettings(fetch=FetchSettings(**base), commit_interval=0.2)  # type: ignore[arg-type]


def by_url(path: Path) -> dict[str, dict[str, Any]]:
    """The records by URL, without the fetch time (the one field two runs cannot share)."""
    lines = path.read_text().splitlines()
    records = {json.loads(line)["url"]: json.loads(line) for line in lines}
    assert len(records) == len(lines), "a URL appears twice"
    for record in records.values():
        fetched_at = record.pop("fetched_at")
        assert fetched_at is None or fetched_at.endswith("+00:00"), fetched_at
    return records


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with local_cluster(2) as dask_client:
        yield dask_client


def serve(hosts: list[LoopbackServer], count: int, delay: float = 0.0) -> list[str]:
    """`count` story URLs spread over the hosts, with a 404 and a PDF among them."""
    urls = []
    for n in range(count):
        server, path = hosts[n % len(hosts)], f"/a/{n}"
        if n % 25 == 7:
            server.route(path, respond(404, b"gone", content_type="text/plain"))
        elif n % 25 == 11:
            server.route(path, respond(200, b"%PDF-1.4", content_type="application/pdf"))
        else:
            server.route(path, delayed(delay, html(page(n))) if delay else html(page(n)))
        urls.append(server.url(path))
    return urls


def hits(hosts: list[LoopbackServer], urls: list[str]) -> Counter[str]:
    servers = {server.base_url: server for server in hosts}
    return Counter({url: servers[f"http://{urlsplit(url).netloc}"].hits(urlsplit(url).path) for url in urls})


# --- partitioning --------------------------------------------------------------------------------


def test_partitions_go_by_host_and_do_not_depend_on_the_process() -> None:
    items = [InputItem(f"http://h{n % 5}.test/{n}") for n in range(50)] + [InputItem("bad", error="x")]
    here = [partition_of(item, 7) for item in items]
    for n, item in enumerate(items[:50]):
        assert here[n] == partition_of(InputItem(f"http://{urlsplit(item.key).hostname}/other"), 7)
    code = (
        "import json,sys; from newsextract.batch.dask import partition_of; from newsextract.batch.sources import "
        "InputItem; print(json.dumps([partition_of(InputItem(*i), 7) for i in json.load(sys.stdin)]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    data = json.dumps([[i.key, i.locator, i.error] for i in items])
    there = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, text=True, env=env, check=True, timeout=60
    )
    assert json.loads(there.stdout) == here  # a rerun in a new process finds the same partitions


# --- the command line ----------------------------------------------------------------------------


def test_cli_dask_local_2_gives_the_records_of_a_local_batch(hosts: list[LoopbackServer], tmp_path: Path) -> None:
    urls = serve(hosts, 120)
    (tmp_path / "urls.txt").write_text("\n".join([*urls, "not a url", urls[3] + "#dup"]) + "\n")
    common = ["-m", "newsextract", "batch", "urls.txt", "--delay", "0", "--no-robots"]
    local = subprocess.run(
        [sys.executable, *common, "-o", "local.jsonl"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert local.returncode == 1, local.stderr  # the 404s, PDFs and the bad line are failure records
    before = hits(hosts, urls)
    dask = [sys.executable, *common, "-o", "dask.jsonl", "--dask", "local:2"]
    first = subprocess.run(dask, cwd=tmp_path, capture_output=True, text=True, timeout=80)
    assert first.returncode == 1 and "Traceback" not in first.stderr, first.stderr
    dask_records = by_url(tmp_path / "dask.jsonl")
    assert dask_records == by_url(tmp_path / "local.jsonl")  # same URLs, same content, same envelope
    assert {r["line"] for r in dask_records.values()} == set(range(1, 122))  # the duplicate (line 122) folded
    assert all(r["extractor_version"] == newsextract.__version__ for r in dask_records.values())
    assert all(r["page_sha256"] for r in dask_records.values() if r["ok"])
    assert hits(hosts, urls) == before + Counter(urls)  # every URL fetched once by the cluster
    again = subprocess.run(dask, cwd=tmp_path, capture_output=True, text=True, timeout=80)
    assert again.returncode == 0 and "0 processed" in again.stderr, again.stderr  # nothing left to do: success
    assert hits(hosts, urls) == before + Counter(urls)  # the rerun skipped every complete partition
    assert by_url(tmp_path / "dask.jsonl") == by_url(tmp_path / "local.jsonl")


def test_cli_dask_needs_an_output(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("http://127.0.0.1:9/a\n")
    for extra in ([], ["-o", "o.jsonl", "--state", "s.sqlite"]):
        result = subprocess.run(
            [sys.executable, "-m", "newsextract", "batch", "urls.txt", "--dask", "local:1", *extra],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr


# --- the library, on one shared cluster ------------------------------------------------------------


def test_directory_of_parts_resume_and_new_input(client: Any, hosts: list[LoopbackServer], tmp_path: Path) -> None:
    urls = serve(hosts, 80)
    out = tmp_path / "parts"
    summary = run_batch_dask(urls[:60], output=f"{out}/", cluster=client, settings=fast_settings(), partitions=3)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] and summary.processed == 60
    records = [json.loads(line) for part in manifest["parts"] for line in (out / part["file"]).open()]
    assert Counter(r["url"] for r in records) == Counter(urls[:60])
    assert sum(part["records"] for part in manifest["parts"]) == 60
    partitions_of_host: dict[str, set[str]] = {}
    for staged in (out / "work").glob("*.input.jsonl"):
        for line in staged.read_text().splitlines():
            partitions_of_host.setdefault(str(urlsplit(json.loads(line)[0]).hostname), set()).add(staged.name)
    assert all(len(names) == 1 for names in partitions_of_host.values())  # politeness stays global
    grown = run_batch_dask(urls, output=f"{out}/", cluster=client, settings=fast_settings())
    assert grown.processed == 20 and grown.new_urls == 20
    manifest = json.loads((out / "manifest.json").read_text())
    records = [json.loads(line) for part in manifest["parts"] for line in (out / part["file"]).open()]
    assert Counter(r["url"] for r in records) == Counter(urls)
    assert max(hits(hosts, urls).values()) == 1


def test_output_of_another_run_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    with pytest.raises(OutputStateError):
        run_batch_dask([], output=out, cluster="local:1")  # refused before any cluster starts
    assert out.read_text() == "precious\n"


def write_warc(path: Path, responses: list[tuple[str, str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri, status, ctype, body in responses:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_warc_files_split_over_workers_give_the_local_records(client: Any, tmp_path: Path) -> None:
    files = []
    for f in range(3):
        responses = [
            (f"http://news{f}.test/{n}", "200 OK", "text/html; charset=utf-8", page(10 * f + n).encode())
            for n in range(6)
        ]
        responses += [
            (f"http://news{f}.test/gone", "404 Not Found", "text/html", b"<p>no</p>"),
            (f"http://NEWS{f}.test:80/0#again", "200 OK", "text/html", b"<p>dup in file</p>"),
            ("http://shared.test/story", "200 OK", "text/html", page(100 + f).encode()),
        ]
        files.append(tmp_path / f"cc-{f}.warc.gz")
        write_warc(files[-1], responses)
    local = tmp_path / "local.jsonl"
    run_to_file(warc_items(files), output=local, settings=fast_settings())
    out = tmp_path / "dask.jsonl"
    summary = run_batch_dask([], warc=files, output=out, cluster=client, settings=fast_settings())
    assert by_url(out) == by_url(local)  # the cross-file duplicate kept once, from the first file
    assert by_url(out)["http://shared.test/story"]["article"]["headline"] == "Story 100"
    assert summary.totals == {"done": 19, "failed": 3} and summary.input_lines == 27


def dask_state_progress(work: Path) -> int:
    done = 0
    for state in work.glob("*.state.sqlite"):
        try:
            with sqlite3.connect(state, timeout=0.1) as conn:
                done = max(done, conn.execute("SELECT COUNT(*) FROM items WHERE status != 'pending'").fetchone()[0])
        except sqlite3.Error:
            pass  # being created
    return done


def committed_urls(work: Path) -> set[str]:
    urls: set[str] = set()
    for state in work.glob("*.state.sqlite"):
        with sqlite3.connect(state, timeout=5) as conn:
            urls.update(row[0] for row in conn.execute("SELECT url FROM items WHERE status != 'pending'"))
    return urls


def kill_a_busy_worker(client: Any, work: Path, killed: list[set[str]]) -> None:
    """Once a partition has committed some URLs, SIGKILL a worker process that is running a task.

    Appends the URLs committed just before the kill: the rerun must not fetch them again.
    """
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and dask_state_progress(work) < 15:
        time.sleep(0.05)
    pids = client.run(os.getpid)
    busy = [address for address, keys in client.processing().items() if keys]
    if busy:
        committed = committed_urls(work)
        # The worker and its extraction pool die together, as on a crashed machine (a pool
        # orphaned by a lone kill would outlive the test).
        worker = psutil.Process(pids[busy[0]])
        for process in [worker, *worker.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                process.send_signal(signal.SIGKILL)
        killed.append(committed)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
    client: Any, hosts: list[LoopbackServer], tmp_path: Path
) -> None:
    urls = serve(hosts, 240, delay=0.03)
    out = tmp_path / "out.jsonl"
    killed: list[set[str]] = []
    killer = threading.Thread(target=kill_a_busy_worker, args=(client, tmp_path / "out.jsonl.parts" / "work", killed))
    killer.start()
    summary = run_batch_dask(
        urls, output=out, cluster=client, settings=fast_settings(per_host_concurrency=1), partitions=2
    )
    killer.join()
    assert killed, "no worker was busy to kill"
    assert Counter(by_url(out).keys()) == Counter(urls)  # every URL exactly once
    assert summary.totals.get("pending", 0) == 0 and not summary.interrupted
    fetched = hits(hosts, urls)
    assert max(fetched.values()) <= 2  # only URLs in flight or uncommitted at the kill are fetched again
    assert killed[0] and all(fetched[url] == 1 for url in killed[0])  # committed ones never again

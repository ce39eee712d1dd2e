"""Batch runs in-process: inputs, state, output repair, and the pipeline against loopback servers."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from loopback import LoopbackServer, delayed, html, respond, sequence
from pages import story_page as page

from newsextract._urls import normalise_url
from newsextract.batch import RunOptions, arun_batch, run_batch, run_to_file
from newsextract.batch.files import JsonlFile, copy_without
from newsextract.batch.sources import InputItem, dir_items, read_url_lines, url_items, warc_items
from newsextract.batch.state import RunStore
from newsextract.errors import ContentTypeError, FetchTimeoutError, HTTPStatusError, InvalidURLError, OutputStateError
from newsextract.models import Article
from newsextract.settings import BatchSettings, FetchSettings

pytestmark = pytest.mark.timeout(120)

HTTP_STATUS = HTTPStatusError("x").kind
TIMEOUT = FetchTimeoutError("x").kind
CONTENT_TYPE = ContentTypeError("x").kind
INVALID = InvalidURLError("x").kind


def fast_settings(**fetch: object) -> BatchSettings:
    base: dict[str, object] = {
        "per_host_delay": 0.0,
        "per_host_concurrency": 4,
        "max_retries": 0,
        "respect_robots": False,
        "read_timeout": 1.0,
        "total_timeout": 2.0,
    }
    base.update(fetch)
    return BatchSettings(fetch=FetchSettings(**base), workers=2, commit_interval=0.2)  # type: ignore[arg-type]


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def crash_extract(html: str | bytes, **kwargs: object) -> Article:
    """Kills its worker process on a page that says so (a segfault stand-in)."""
    if b"CRASH" in (html if isinstance(html, bytes) else html.encode()):
        os._exit(3)
    return Article(url=str(kwargs.get("url")), body="ok")


# --- inputs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM:80/a?b=1#frag", "http://example.com/a?b=1"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("  https://Ex.com/Path  ", "https://ex.com/Path"),
        ("http://[::1]:80/a", "http://[::1]/a"),
    ],
)
def test_normalise_url(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "ftp://x.com/a",
        "example.com/a",
        "http://",
        "http://x.com:99999/",
        "http://a b.com/",
        "javascript:alert(1)",
        "\x00\x01",
    ],
)
def test_malformed_urls_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidURLError):
        normalise_url(raw)


def test_url_lines_skip_blanks_and_comments_and_read_gzip(tmp_path: Path) -> None:
    text = "# header\nhttp://a.com/1\n\n   \nhttp://a.com/2\r\n#x\nbad line\n"
    plain, packed = tmp_path / "u.txt", tmp_path / "u.txt.gz"
    plain.write_text(text)
    packed.write_bytes(gzip.compress(text.encode()))
    expected = ["http://a.com/1", "http://a.com/2", "bad line"]
    assert list(read_url_lines(plain)) == expected
    assert list(read_url_lines(packed)) == expected
    assert list(read_url_lines("-", stdin=io.BytesIO(gzip.compress(text.encode())))) == expected
    items = list(url_items(expected))
    assert [i.error is None for i in items] == [True, True, False]


def test_store_dedupes_by_primary_key_across_chunks(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "s.sqlite")
    urls = [f"http://h{i % 7}.test/{i % 50}" for i in range(200)]
    counts = store.ingest(url_items(urls), chunk=16)
    assert (counts.lines, counts.new) == (200, len(set(urls)))
    assert store.ingest(url_items(urls), chunk=16).new == 0
    pending = [row.url for row in store.pending(page=7)]
    assert pending == list(dict.fromkeys(urls))  # input order, each once
    store.close()


# --- output repair -------------------------------------------------------------------------------


def test_torn_tail_is_cut_to_the_committed_offset(tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_bytes(b'{"a":1}\n{"b":2}\n{"c":')
    out = JsonlFile.open(path, committed=8)
    assert out.write(b'{"d":4}\n') == 8
    out.close()
    assert path.read_bytes() == b'{"a":1}\n{"d":4}\n'
    with pytest.raises(OutputStateError):
        JsonlFile.open(path, committed=100)


def test_copy_without_cuts_ranges_and_tail(tmp_path: Path) -> None:
    src, dst = tmp_path / "a", tmp_path / "b"
    src.write_bytes(b"AAAA\nBB\nCCC\nDD\ntorn")
    assert copy_without(src, dst, [(5, 3), (12, 3)], end=15) == 9
    assert dst.read_bytes() == b"AAAA\nCCC\n"


# --- the pipeline --------------------------------------------------------------------------------


@pytest.mark.slow
def test_thousand_urls_over_several_hosts(hosts: list[LoopbackServer], tmp_path: Path) -> None:
    expected: dict[str, tuple[bool, str | None]] = {}
    for n in range(1000):
        server = hosts[n % len(hosts)]
        path = f"/a/{n}"
        if n % 50 == 7:
            server.route(path, respond(404, b"gone", content_type="text/plain"))
            expected[server.url(path)] = (False, HTTP_STATUS)
        elif n % 100 == 13:
            server.route(path, delayed(3.0, html(page(n))))
            expected[server.url(path)] = (False, TIMEOUT)
        elif n % 50 == 21:
            server.route(path, respond(200, b"%PDF-1.4 not html", content_type="application/pdf"))
            expected[server.url(path)] = (False, CONTENT_TYPE)
        else:
            server.route(path, html(page(n)))
            expected[server.url(path)] = (True, None)
    out = tmp_path / "out.jsonl"
    summary = run_to_file(list(expected), output=out, settings=fast_settings(read_timeout=0.5))
    got = records(out)
    assert Counter(r["url"] for r in got) == Counter(list(expected))  # exactly one line per URL
    for record in got:
        ok, kind = expected[str(record["url"])]
        assert record["ok"] is ok, record
        assert (record["error"] or {}).get("kind") == kind, record  # type: ignore[attr-defined]
        if ok:
            assert record["article"]["headline"].startswith("Story ")  # type: ignore[index]
    assert summary.processed == 1000 and summary.ok == sum(ok for ok, _ in expected.values())
    assert summary.exit_code == 1
    assert sum(server.hits(p) for server in hosts for p in {h.path for h in server.log}) == 1000


@pytest.mark.slow
def test_resume_skips_done_and_retry_failed_replaces_the_failed_line(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        for n in range(30):
            server.route(f"/{n}", html(page(n)))
        server.route("/flaky", sequence(respond(503, b"busy", content_type="text/plain"), html(page(99))))
        urls = [server.url(f"/{n}") for n in range(30)] + [server.url("/flaky"), "not a url"]
        out = tmp_path / "out.jsonl"
        first = run_to_file(urls, output=out, settings=fast_settings())
        assert (first.ok, first.failed) == (30, 2)
        again = run_to_file(urls, output=out, settings=fast_settings())
        assert again.processed == 0 and server.hits("/0") == 1
        retrying = fast_settings().model_copy(update={"retry_failed": True})
        retry = run_to_file(urls, output=out, settings=retrying)
        assert retry.retried == 1 and retry.ok == 1  # the malformed line is never retried
        got = records(out)
        assert Counter(r["url"] for r in got) == Counter(normalise_url(u) if "://" in u else u for u in urls)
        assert [r["ok"] for r in got if r["url"] == server.url("/flaky")] == [True]
        assert server.hits("/flaky") == 2 and server.hits("/5") == 1
        assert RunStore(Path(f"{out}.state.sqlite")).counts() == {"done": 31, "failed": 1}


@pytest.mark.slow
def test_run_batch_library_iterator_dedupes_and_resumes(tmp_path: Path) -> None:
    with LoopbackServer({f"/{n}": html(page(n)) for n in range(12)}) as server:
        urls = [server.url(f"/{n}") for n in range(12)] + [server.url("/3#again"), "nope"]
        state = tmp_path / "lib.sqlite"
        results = list(run_batch(urls, settings=fast_settings(), state=state))
        assert sorted(r.url for r in results) == sorted({*urls[:12], "nope"})
        assert sum(r.ok for r in results) == 12
        assert list(run_batch(urls, settings=fast_settings(), state=state)) == []
        assert server.hits("/3") == 1


@pytest.mark.slow
def test_async_variant_and_early_stop(tmp_path: Path) -> None:
    import asyncio

    async def first_three() -> list[str]:
        got = []
        async for result in arun_batch(urls, settings=fast_settings()):
            got.append(result.url)
            if len(got) == 3:
                break
        return got

    with LoopbackServer({f"/{n}": html(page(n)) for n in range(40)}) as server:
        urls = [server.url(f"/{n}") for n in range(40)]
        assert len(asyncio.run(first_three())) == 3


def test_empty_input_gives_empty_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_to_file([], output=out, settings=fast_settings())
    assert out.read_bytes() == b"" and summary.exit_code == 0 and summary.processed == 0


def test_existing_output_without_state_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    with pytest.raises(OutputStateError):
        run_to_file([], output=out, settings=fast_settings())
    assert out.read_text() == "precious\n"


@pytest.mark.slow
def test_a_page_that_kills_its_worker_becomes_a_failure(tmp_path: Path) -> None:
    pages = {f"/{n}": html(page(n)) for n in range(10)}
    pages["/boom"] = html("<html><body>CRASH</body></html>")
    with LoopbackServer(pages) as server:
        urls = [server.url(p) for p in pages]
        out = tmp_path / "out.jsonl"
        summary = run_to_file(urls, output=out, settings=fast_settings(), options=RunOptions(extract=crash_extract))
    by_url = {str(r["url"]): r for r in records(out)}
    assert len(by_url) == 11 and summary.ok == 10
    assert by_url[server.url("/boom")]["error"]["kind"] == "worker_crashed"  # type: ignore[index]


# --- offline inputs ------------------------------------------------------------------------------


@pytest.mark.slow
def test_input_dir_of_saved_pages(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "a.html").write_text(page(1))
    (pages / "sub" / "b.html.gz").write_bytes(gzip.compress(page(2).encode()))
    (pages / "notes.txt").write_text("skip me")
    items = list(dir_items(pages))
    assert len(items) == 2 and all(i.locator for i in items)
    out = tmp_path / "out.jsonl"
    summary = run_to_file(items, output=out, settings=fast_settings())
    headlines = sorted(r["article"]["headline"] for r in records(out))  # type: ignore[index]
    assert summary.ok == 2 and headlines == ["Story 1", "Story 2"]


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        responses = [
            ("http://news.test/1", "200 OK", "text/html; charset=utf-8", page(1).encode()),
            ("http://news.test/2", "404 Not Found", "text/html", b"<p>no</p>"),
            ("http://news.test/3", "200 OK", "image/png", b"\x89PNG...."),
            ("http://NEWS.test:80/1#dup", "200 OK", "text/html", page(1).encode()),
        ]
        for uri, status, ctype, body in responses:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        writer.write_record(
            writer.create_warc_record("http://news.test/1", "request", payload=io.BytesIO(b"GET /1 HTTP/1.1\r\n\r\n"))
        )


@pytest.mark.slow
def test_warc_records_go_through_the_same_pipeline(tmp_path: Path) -> None:
    warc = tmp_path / "news.warc.gz"
    write_warc(warc)
    out = tmp_path / "out.jsonl"
    summary = run_to_file(warc_items([warc]), output=out, settings=fast_settings())
    by_url = {str(r["url"]): r for r in records(out)}
    assert sorted(by_url) == ["http://news.test/1", "http://news.test/2", "http://news.test/3"]
    assert by_url["http://news.test/1"]["article"]["headline"] == "Story 1"  # type: ignore[index]
    assert by_url["http://news.test/2"]["error"]["http_status"] == 404  # type: ignore[index]
    assert by_url["http://news.test/3"]["error"]["kind"] == CONTENT_TYPE  # type: ignore[index]
    assert summary.input_lines == 4 and summary.new_urls == 3


def test_input_items_may_be_mixed(tmp_path: Path) -> None:
    items = [InputItem("http://x.test/a", error="bad"), InputItem("bad line", error="not a URL")]
    out = tmp_path / "out.jsonl"
    summary = run_to_file(items, output=out, settings=fast_settings())
    assert summary.failure_kinds == {INVALID: 2}

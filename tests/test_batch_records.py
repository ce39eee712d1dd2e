"""Corpus-ready batch records: line numbers and ids, the provenance envelope, URL maps,
--require-article, progress lines off a terminal, no-op reruns, and the missing main guard."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from loopback import LoopbackServer, delayed, html, respond
from pages import story_page as page
from test_batch import fast_settings, write_warc

import newsextract
from newsextract.batch import run_batch, run_to_file
from newsextract.batch.progress import LiveLine, Progress
from newsextract.batch.sources import InputItem, dir_items, list_items, read_url_map, url_items, warc_items
from newsextract.batch.state import RunStore
from newsextract.errors import NoArticleError, UsageError

pytestmark = pytest.mark.timeout(120)

INDEX_PAGE = "<html><head><title>Index</title></head><body><ul>{}</ul></body></html>".format(
    "".join(f'<li><a href="/a/{i}">Link number {i} to a story</a></li>' for i in range(40))
)


def records(path: Path) -> dict[str, dict[str, Any]]:
    return {json.loads(line)["url"]: json.loads(line) for line in path.read_text().splitlines()}


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def cli(*args: str, cwd: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsextract", "batch", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def fast_cli(*args: str) -> tuple[str, ...]:
    return (*args, "--delay", "0", "--no-robots", "--workers", "1")


# --- the envelope ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_fetched_records_carry_line_time_status_hashes_and_version(tmp_path: Path) -> None:
    with LoopbackServer({"/a": html(page(1)), "/gone": respond(404, b"gone", content_type="text/plain")}) as server:
        listing = f"# my list\n\n{server.url('/a')}\nnot a url\n{server.url('/gone')}\n"
        (tmp_path / "urls.txt").write_text(listing)
        before = datetime.now(UTC).replace(microsecond=0)  # timestamps are written to the second
        run_to_file(list_items(tmp_path / "urls.txt"), output=tmp_path / "out.jsonl", settings=fast_settings())
    got = records(tmp_path / "out.jsonl")
    ok, bad, gone = got[server.url("/a")], got["not a url"], got[server.url("/gone")]
    assert (ok["line"], bad["line"], gone["line"]) == (3, 4, 5)  # physical lines: the comment and blank count
    fetched = datetime.fromisoformat(ok["fetched_at"])
    assert fetched.utcoffset() == timedelta(0) and before <= fetched <= datetime.now(UTC)
    assert ok["status"] == 200 and ok["page_sha256"] == sha256(page(1))
    assert ok["body_sha256"] == sha256(ok["article"]["body"]) and ok["extractor_version"] == newsextract.__version__
    assert gone["status"] == 404 and gone["fetched_at"] and gone["body_sha256"] is None
    assert bad["status"] is None and bad["fetched_at"] is None and bad["extractor_version"] == newsextract.__version__
    assert ok["id"] is None and ok["source"] is None


@pytest.mark.slow
def test_resume_keeps_the_lines_already_written(tmp_path: Path) -> None:
    with LoopbackServer({f"/{n}": html(page(n)) for n in range(6)}) as server:
        urls = [server.url(f"/{n}") for n in range(6)]
        out = tmp_path / "out.jsonl"
        run_to_file(urls[:4], output=out, settings=fast_settings())
        first = out.read_bytes()
        time.sleep(0.01)
        run_to_file(urls, output=out, settings=fast_settings())
    assert out.read_bytes().startswith(first)  # done URLs: their fetch time and hashes stay as written
    assert sorted(r["line"] for r in records(out).values()) == [1, 2, 3, 4, 5, 6]


@pytest.mark.slow
def test_library_results_carry_their_position(tmp_path: Path) -> None:
    with LoopbackServer({f"/{n}": html(page(n)) for n in range(3)}) as server:
        urls = ["bad", *(server.url(f"/{n}") for n in range(3))]
        results = {r.url: r for r in run_batch(urls, settings=fast_settings())}
    assert results["bad"].line == 1 and results[server.url("/2")].line == 4
    assert results[server.url("/0")].status == 200 and results[server.url("/0")].page_sha256


def list_items_of(urls: list[str]) -> list[InputItem]:
    return list(url_items(urls))


def test_an_old_state_file_gets_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(  # the table as the first release made it
            "CREATE TABLE items (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, status TEXT NOT NULL DEFAULT "
            "'pending', attempts INTEGER NOT NULL DEFAULT 0, locator TEXT, invalid TEXT, error_kind TEXT, "
            "error_message TEXT, http_status INTEGER, out_offset INTEGER, out_len INTEGER)"
        )
    with RunStore(path) as store:
        store.ingest(list_items_of(["http://x.test/a"]), chunk=10)
        assert [(row.line, row.url) for row in store.pending()] == [(1, "http://x.test/a")]
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(items)")}
    assert {"line", "ext_id"} <= columns


# --- ids: TSV lines, CSV/TSV tables -------------------------------------------------------------------


def test_a_line_with_a_tab_is_id_then_url(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("a1\thttp://x.test/1\n\thttp://x.test/2\nb2\tnot a url\nhttp://x.test/3\n")
    items = list(list_items(tmp_path / "urls.txt"))
    assert [(i.id, i.line, i.error is None) for i in items] == [
        ("a1", 1, True),
        (None, 2, True),  # a line is stripped: a leading tab is no id
        ("b2", 3, False),
        (None, 4, True),
    ]
    assert items[0].key == "http://x.test/1" and items[1].key == "http://x.test/2"
    assert "empty id" in (next(url_items([" \thttp://x.test/4"])).error or "")


def test_csv_and_tsv_tables_name_their_columns(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text('title,URL,id\n"A, b",http://x.test/1,doc-1\nno url here\n,ftp://x,doc-3\n')
    items = list(list_items(tmp_path / "in.csv"))
    assert [(i.key, i.id, i.line, bool(i.error)) for i in items] == [
        ("http://x.test/1", "doc-1", 2, False),
        ("no url here", None, 3, True),  # a short row: one failure record, not a crash
        ("ftp://x", "doc-3", 4, True),
    ]
    (tmp_path / "in.tsv.gz").write_bytes(gzip.compress(b"url\nhttp://x.test/9\n"))
    assert [(i.key, i.id, i.line) for i in list_items(tmp_path / "in.tsv.gz")] == [("http://x.test/9", None, 2)]
    (tmp_path / "huge.csv").write_text("url,id\n" + "x" * 200_000 + ",1\nhttp://x.test/2,2\n")
    huge = list(list_items(tmp_path / "huge.csv"))  # a field past the csv module's limit: one failure record
    assert [(i.line, bool(i.error)) for i in huge] == [(2, True), (3, False)] and huge[1].id == "2"
    (tmp_path / "bad.csv").write_text("link,id\nhttp://x.test/1,1\n")
    with pytest.raises(UsageError, match="'url' column"):
        list_items(tmp_path / "bad.csv")


@pytest.mark.slow
def test_cli_writes_ids_and_lines_from_a_tsv_list(tmp_path: Path) -> None:
    with LoopbackServer({"/a": html(page(1))}) as server:
        (tmp_path / "urls.txt").write_text(f"doc-7\t{server.url('/a')}\n\tbroken\n")
        result = cli("urls.txt", "-o", "out.jsonl", *fast_cli(), cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # the broken line is a failure record
    got = records(tmp_path / "out.jsonl")
    assert got[server.url("/a")]["id"] == "doc-7" and got[server.url("/a")]["line"] == 1
    assert got["broken"]["line"] == 2 and got["broken"]["error"]["kind"] == "invalid_url"
    (tmp_path / "bad.csv").write_text("link\nhttp://x.test/\n")
    refused = cli("bad.csv", "-o", "bad.jsonl", cwd=tmp_path)
    assert refused.returncode == 2 and "'url' column" in refused.stderr


# --- offline inputs: URL maps, sources, WARC dates ----------------------------------------------------


@pytest.mark.slow
def test_url_map_gives_saved_pages_their_real_urls(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    relative_links = page(1).replace("</article>", '<a href="/next">next</a></article>')
    (pages / "sub" / "a.html").write_text(relative_links)
    (pages / "b.html").write_text(page(2))
    (tmp_path / "map.tsv").write_text("# saved from the site\nsub/a.html\thttps://News.Example.com/story-1\n")
    url_map = read_url_map(tmp_path / "map.tsv")
    assert url_map == {"sub/a.html": "https://news.example.com/story-1"}
    result = cli("--input-dir", "pages", "--url-map", "map.tsv", "-o", "out.jsonl", *fast_cli(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    got = records(tmp_path / "out.jsonl")
    mapped = got["https://news.example.com/story-1"]
    assert mapped["article"]["url"] == "https://news.example.com/story-1"  # the base URL of the extraction
    assert mapped["source"] == f"file:{(pages / 'sub' / 'a.html').resolve()}"
    assert mapped["status"] is None and mapped["fetched_at"] is None  # a saved file: no HTTP exchange
    assert mapped["page_sha256"] == sha256(relative_links)
    unmapped = got[(pages / "b.html").resolve().as_uri()]
    assert unmapped["ok"] and unmapped["source"] == f"file:{(pages / 'b.html').resolve()}"


@pytest.mark.slow
def test_a_bad_url_map_line_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "map.tsv").write_text("a.html\thttps://x.test/\nb.html no tab\n")
    with pytest.raises(UsageError, match=r"map\.tsv:2"):
        read_url_map(tmp_path / "map.tsv")
    result = cli("--input-dir", "pages", "--url-map", "map.tsv", "-o", "out.jsonl", cwd=tmp_path)
    assert result.returncode == 2 and "map.tsv:2" in result.stderr
    assert cli("urls.txt", "--url-map", "map.tsv", cwd=tmp_path).returncode == 2  # needs --input-dir


def test_dir_items_without_a_map_keep_file_uris(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(1))
    assert [i.key for i in dir_items(tmp_path, {"other.html": "https://x.test/"})] == [
        (tmp_path / "a.html").resolve().as_uri()
    ]


@pytest.mark.slow
def test_warc_records_carry_status_date_and_locator(tmp_path: Path) -> None:
    warc = tmp_path / "news.warc.gz"
    write_warc(warc)
    out = tmp_path / "out.jsonl"
    run_to_file(warc_items([warc]), output=out, settings=fast_settings())
    got = records(out)
    ok, missing = got["http://news.test/1"], got["http://news.test/2"]
    assert ok["status"] == 200 and missing["status"] == 404
    assert ok["source"].startswith("warc:") and ok["source"].endswith(str(warc.resolve()))
    assert ok["page_sha256"] == sha256(page(1)) and ok["line"] is None
    assert datetime.fromisoformat(ok["fetched_at"]).utcoffset() == timedelta(0)  # the record's WARC-Date


# --- require-article, the summary ---------------------------------------------------------------------


@pytest.mark.slow
def test_pages_without_an_article_are_counted_and_can_be_required(tmp_path: Path) -> None:
    with LoopbackServer({"/a": html(page(1)), "/index": html(INDEX_PAGE), "/empty": html("<html></html>")}) as server:
        (tmp_path / "urls.txt").write_text("\n".join(server.url(p) for p in ("/a", "/index", "/empty")) + "\n")
        lenient = cli("urls.txt", "-o", "lenient.jsonl", *fast_cli(), cwd=tmp_path)
        strict = cli("urls.txt", "-o", "strict.jsonl", "--require-article", *fast_cli(), cwd=tmp_path)
    assert lenient.returncode == 0 and "2 with no article" in lenient.stderr, lenient.stderr
    assert all(r["ok"] for r in records(tmp_path / "lenient.jsonl").values())
    assert strict.returncode == 1 and "2 with no article" in strict.stderr, strict.stderr
    got = records(tmp_path / "strict.jsonl")
    assert got[server.url("/a")]["ok"] and got[server.url("/a")]["body_sha256"]
    for path in ("/index", "/empty"):
        record = got[server.url(path)]
        assert not record["ok"] and record["error"]["kind"] == NoArticleError.kind == "no_article"
        assert record["status"] == 200 and record["page_sha256"] and record["body_sha256"] is None


@pytest.mark.slow
def test_the_summary_says_how_many_lines_were_folded(tmp_path: Path) -> None:
    with LoopbackServer({"/a": html(page(1))}) as server:
        url = server.url("/a")
        (tmp_path / "urls.txt").write_text(f"{url}\n{url}#frag\n{url.replace('http', 'HTTP')}\n")
        result = cli("urls.txt", "-o", "out.jsonl", *fast_cli(), cwd=tmp_path)
    assert result.returncode == 0 and "3 lines, 1 new URLs, 2 folded" in result.stderr, result.stderr
    assert len(records(tmp_path / "out.jsonl")) == 1 and server.hits("/a") == 1


@pytest.mark.slow
def test_a_rerun_with_nothing_left_to_do_exits_0(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("not a url\n")
    first = cli("urls.txt", "-o", "out.jsonl", cwd=tmp_path)
    assert first.returncode == 1, first.stderr  # this run recorded a failure
    again = cli("urls.txt", "-o", "out.jsonl", cwd=tmp_path)
    assert again.returncode == 0 and "0 processed" in again.stderr and "1 failed" in again.stderr, again.stderr


# --- progress off a terminal ----------------------------------------------------------------------------


def test_progress_lines_are_printed_every_n_seconds_when_not_live() -> None:
    stream = io.StringIO()
    progress = Progress(3, LiveLine(stream, live=False, every=0.05))
    progress.render()
    assert stream.getvalue() == ""  # not yet due
    time.sleep(0.06)
    progress.update(ok=True)
    progress.render()
    progress.render()  # due again only after another interval
    assert stream.getvalue().count("\n") == 1 and "1/3" in stream.getvalue() and "\r" not in stream.getvalue()
    silent = io.StringIO()
    Progress(3, LiveLine(silent, live=False)).render()
    assert silent.getvalue() == ""


@pytest.mark.slow
def test_cli_prints_progress_lines_to_a_log(tmp_path: Path) -> None:
    with LoopbackServer({f"/{n}": delayed(0.4, html(page(n))) for n in range(4)}) as server:
        (tmp_path / "urls.txt").write_text("\n".join(server.url(f"/{n}") for n in range(4)) + "\n")
        result = cli(
            "urls.txt", "-o", "out.jsonl", "--progress-every", "0.3", "--per-host", "1", *fast_cli(), cwd=tmp_path
        )
    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stderr.splitlines() if line.startswith("newsextract batch: ")]
    assert progress and "/4" in progress[0], result.stderr


# --- the missing main guard -----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_script_without_a_main_guard_fails_fast_and_names_the_fix(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(1))
    script = tmp_path / "plain.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from newsextract.batch import run_batch
            from newsextract.batch.sources import InputItem, dir_items
            from newsextract.settings import BatchSettings

            for result in run_batch(dir_items(Path({str(tmp_path)!r})), settings=BatchSettings(workers=1)):
                print("RESULT", result.ok)
            """
        )
    )
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert time.monotonic() - started < 10
    assert result.returncode != 0 and "RESULT" not in result.stdout
    assert 'if __name__ == "__main__":' in result.stderr and "UsageError" in result.stderr, result.stderr
    assert "worker_crashed" not in result.stdout + result.stderr


@pytest.mark.slow
def test_a_guarded_script_runs(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(1))
    script = tmp_path / "guarded.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from newsextract.batch import run_batch
            from newsextract.batch.sources import InputItem, dir_items
            from newsextract.settings import BatchSettings

            if __name__ == "__main__":
                for result in run_batch(dir_items(Path({str(tmp_path)!r})), settings=BatchSettings(workers=1)):
                    print("RESULT", result.ok)
            """
        )
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.split() == ["RESULT", "True"], result.stderr


def test_cli_progress_defaults_to_a_line_every_30_seconds_off_a_terminal() -> None:
    import argparse

    from newsextract.cli.batch import _options, add_batch_parser

    parser = argparse.ArgumentParser()
    add_batch_parser(parser.add_subparsers(dest="command"))
    default = _options(parser.parse_args(["batch", "urls.txt"]))
    assert not default.live_progress and default.progress_every == 30  # pytest's stderr is not a terminal
    assert _options(parser.parse_args(["batch", "urls.txt", "--progress-every", "0"])).progress_every is None

"""`newsextract extract` for corpora: a JSON array for several sources, records naming their
file, .html.gz pages, values refused up front (exit 2), and the request flags, seen by a real server."""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from loopback import LoopbackServer, gzip_bomb, html
from support import run_newsextract

from newsextract.cli.fetch_options import add_request_options, with_request_options
from newsextract.settings import FetchSettings

pytestmark = pytest.mark.slow  # end to end: child processes or large generated pages

FIXTURES = Path(__file__).parent / "fixtures"
IRAQ = FIXTURES / "wordpress_iraq_nato.html"
LAZY = FIXTURES / "lazy_images.html"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_newsextract(*args, cwd=cwd)


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


# --- several sources: one JSON array, each record naming its source ---------------------------


def test_json_with_several_sources_is_one_array_without_the_failures(tmp_path: Path) -> None:
    done = run("extract", str(IRAQ), str(tmp_path / "missing.html"), str(LAZY), "--format", "json")
    assert done.returncode == 1
    records = json.loads(done.stdout)  # one document, not objects back to back
    assert isinstance(records, list) and len(records) == 2
    assert [record["source"] for record in records] == [str(IRAQ), str(LAZY)]
    assert all(record["headline"] for record in records)
    assert "missing.html: input error" in one_error_line(done)


def test_json_array_when_every_source_fails_is_empty(tmp_path: Path) -> None:
    done = run("extract", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--format", "json")
    assert done.returncode == 1
    assert json.loads(done.stdout) == []
    assert len(done.stderr.splitlines()) == 2


def test_json_lines_from_several_files_name_their_file(tmp_path: Path) -> None:
    shutil.copy(IRAQ, tmp_path / "iraq.html")
    shutil.copy(LAZY, tmp_path / "lazy.html")
    done = run("extract", "iraq.html", "lazy.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(record["source"], record["url"]) for record in records] == [("iraq.html", None), ("lazy.html", None)]
    assert next(iter(records[0])) == "source"  # next to the article fields, first


def test_explain_records_of_several_sources_name_theirs_too() -> None:
    done = run("extract", str(IRAQ), str(LAZY), "--explain")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [sorted(record) for record in records] == [["article", "removed", "source"]] * 2
    assert records[1]["source"] == str(LAZY)


def test_one_file_with_url_is_as_before() -> None:
    done = run("extract", str(IRAQ), "--url", "https://www.gulfledger.com/a/")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["url"] == "https://www.gulfledger.com/a/" and "source" not in record


def test_url_with_several_files_is_a_usage_error(tmp_path: Path) -> None:
    done = run("extract", str(IRAQ), str(LAZY), "--url", "https://www.gulfledger.com/a/")
    assert done.returncode == 2
    assert done.stdout == ""
    assert one_error_line(done).startswith("newsextract: usage error: --url")


def test_url_with_only_url_sources_is_a_usage_error() -> None:
    done = run("extract", "https://a.example/x", "--url", "https://www.gulfledger.com/a/")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "a URL source needs none" in one_error_line(done)


# --- .html.gz ---------------------------------------------------------------------------------


def test_gzip_page_is_read_like_the_plain_one(tmp_path: Path) -> None:
    packed = tmp_path / "iraq.html.gz"
    packed.write_bytes(gzip.compress(IRAQ.read_bytes()))
    plain, unpacked = run("extract", str(IRAQ)), run("extract", str(packed))
    assert unpacked.returncode == 0, unpacked.stderr
    assert json.loads(unpacked.stdout) == json.loads(plain.stdout)


def test_gzip_bomb_is_cut_off_at_the_size_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip_bomb(1 << 30))  # 1 MB on disk, 1 GiB inflated
    done = run("extract", str(bomb))
    assert done.returncode == 1
    assert "response_too_large error" in one_error_line(done)


# --- values refused before any work -----------------------------------------------------------


@pytest.mark.parametrize(
    "flags",
    [
        ["--timeout", "-5"],
        ["--timeout", "nan"],
        ["--timeout", "inf"],
        ["--url", "not a url"],
        ["--url", "ftp://example.com/a"],
        ["--header", "no colon"],
        ["--header", "Bad Name: x"],
        ["--header", "X-Note: caf\u00e9"],
        ["--user-agent", ""],
        ["--proxy", "not a proxy"],
    ],
)
def test_bad_values_are_exit_2_with_one_line(flags: list[str]) -> None:
    done = run("extract", str(IRAQ), *flags)
    assert done.returncode == 2
    assert done.stdout == ""
    assert one_error_line(done).startswith("newsextract: usage error: argument")


# --- request flags, against a real server ------------------------------------------------------


def test_request_options_change_only_what_is_given() -> None:
    parser = argparse.ArgumentParser()
    add_request_options(parser)
    base = FetchSettings(per_host_delay=2.0, headers={"x-a": "1"})
    assert with_request_options(parser.parse_args([]), base) == base
    flags = ["--header", "X-B: 2", "--header", "X-A: 3", "--proxy", "http://127.0.0.1:3128", "--block-private"]
    got = with_request_options(parser.parse_args(flags), base)
    assert got.headers == {"x-a": "3", "x-b": "2"}  # names lower-cased: one spelling, a later one wins
    assert (got.proxy, got.block_private_addresses, got.per_host_delay) == ("http://127.0.0.1:3128", True, 2.0)
    assert got.user_agent == base.user_agent


def test_user_agent_and_headers_reach_the_server_and_robots() -> None:
    with LoopbackServer({"/a": html(IRAQ.read_text(encoding="utf-8"))}) as server:
        done = run(
            "extract",
            server.url("/a"),
            "--user-agent",
            "corpus-bot/1.0",
            "--header",
            "X-Trace: 42",
            "--header",
            "Accept-Language:de",
        )
        log = server.log
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["headline"]
    assert {hit.path for hit in log} == {"/robots.txt", "/a"}
    assert all(hit.headers["user-agent"] == "corpus-bot/1.0" for hit in log)
    page = next(hit for hit in log if hit.path == "/a")
    assert page.headers["x-trace"] == "42" and page.headers["accept-language"] == "de"


def test_proxy_carries_the_request() -> None:
    # The loopback server stands in for the proxy: it gets the absolute URL of a host that cannot resolve.
    with LoopbackServer({"/a": html(IRAQ.read_text(encoding="utf-8"))}) as proxy:
        done = run("extract", "http://news.invalid/a", "--no-robots", "--proxy", proxy.base_url)
        log = proxy.log
    assert done.returncode == 0, done.stderr
    assert [(hit.path, hit.headers["host"]) for hit in log] == [("/a", "news.invalid")]
    assert json.loads(done.stdout)["url"] == "http://news.invalid/a"


def test_block_private_refuses_loopback() -> None:
    with LoopbackServer({"/a": html(IRAQ.read_text(encoding="utf-8"))}) as server:
        done = run("extract", server.url("/a"), "--block-private")
        log = server.log
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"newsextract: {server.url('/a')}: blocked_url error:" in one_error_line(done)
    assert log == []

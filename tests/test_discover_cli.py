"""`newsextract discover | newsextract batch -` and `newsextract batch --discover`, as a user runs them."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from news_site import NewsSite
from support import run_newsextract

pytestmark = [pytest.mark.slow, pytest.mark.timeout(170)]


def newsextract(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_newsextract(*args, stdin=stdin, cwd=cwd, timeout=150)


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_discover_piped_into_batch_gives_one_record_per_url(tmp_path: Path) -> None:
    with NewsSite() as site:
        listed = newsextract("discover", site.home, "--delay", "0")
        assert listed.returncode == 0, listed.stderr
        urls = listed.stdout.splitlines()
        out = tmp_path / "out.jsonl"
        batch = newsextract("batch", "-", "-o", str(out), "--delay", "0", "--workers", "1", stdin=listed.stdout)
    assert batch.returncode == 0, batch.stderr
    got = records(out)
    assert Counter(str(record["url"]) for record in got) == Counter(site.article_urls())
    assert len(urls) == len(got) == 9
    assert all(record["ok"] for record in got)
    assert {record["article"]["headline"] for record in got} == {f"Story {n}" for n in range(1, 10)}  # type: ignore[index]


def test_batch_discover_saves_the_list_once_and_a_rerun_reuses_it(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ("batch", "--discover", "", "-o", str(out), "--delay", "0", "--workers", "1")
    with NewsSite() as site:
        run_args = tuple(site.home if arg == "" else arg for arg in args)
        first = newsextract(*run_args)
        assert first.returncode == 0, first.stderr
        saved = tmp_path / "out.jsonl.discovered.txt"
        assert set(saved.read_text().splitlines()) == site.article_urls()
        home_hits = site.server.hits("/")
        again = newsextract(*run_args)
        assert again.returncode == 0, again.stderr
        assert site.server.hits("/") == home_hits  # no second discovery: the saved list is reused
    got = records(out)
    assert Counter(str(record["url"]) for record in got) == Counter(site.article_urls())


def test_batch_discover_needs_an_output_and_no_input(tmp_path: Path) -> None:
    for args in (("batch", "--discover", "http://127.0.0.1:9/"), ("batch", "urls.txt", "--discover", "x", "-o", "o")):
        result = newsextract(*args, cwd=tmp_path)
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr


def test_discover_writes_the_output_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "urls.txt"
    with NewsSite() as site:
        result = newsextract("discover", site.url("/feeds/rss.xml"), "-o", str(target), "--delay", "0")
    assert result.returncode == 0, result.stderr
    assert target.read_text().splitlines() == [site.story(8), site.story(1)]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["urls.txt"]  # no temporary file left


def test_usage_errors_are_one_line_and_exit_2() -> None:
    for args in (("discover",), ("discover", "x", "--since", "not a date"), ("discover", "x", "--limit", "0")):
        result = newsextract(*args)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)

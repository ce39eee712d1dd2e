"""Timestamps load as timestamps: one ISO 8601 format, always with an offset, with the page's own
string, its precision and whether the page gave the zone kept beside each."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from newsextract import Article, Result, extract_article

FIXTURES = Path(__file__).parent / "fixtures"
_WORDS = "The council extended the ferry timetable through the summer months, officials said on Tuesday. " * 4


def _page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Ferry timetable</h1>{body}<p>{_WORDS}</p></article></body></html>"
    )


def _fixture_results() -> list[Result]:
    results = []
    for path in sorted(FIXTURES.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        page = (FIXTURES / expected.get("file", path.name.replace(".expected.json", ".html"))).read_bytes()
        article = extract_article(page, url=expected["url"], http_charset=expected.get("http_charset"))
        results.append(Result(url=expected["url"], ok=True, article=article))
    return results


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 batch lines from the fixture pages (dates from URLs, metadata and the page text), repeated."""
    results = _fixture_results()
    sources = {r.article.provenance.get("published") for r in results if r.article and r.article.published}
    assert {"url", "meta", "json-ld"} <= sources, sources  # the column mixes every kind of date
    path = tmp_path_factory.mktemp("records") / "results.jsonl"
    lines = [results[i % len(results)].model_dump_json() for i in range(200)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_pandas_reads_published_as_timestamps(jsonl: Path) -> None:
    frame = pd.json_normalize([json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()])
    published = pd.to_datetime(frame["article.published"], utc=True)
    assert len(published) == 200 and published.notna().sum() > 100


def test_duckdb_reads_published_as_a_timestamp_column(jsonl: Path) -> None:
    query = f"SELECT article.published AS published FROM read_json_auto('{jsonl}')"
    relation = duckdb.sql(query)
    assert str(relation.types[0]) in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMP"), relation.types
    assert sum(1 for (value,) in relation.fetchall() if value is not None) > 100


def test_every_timestamp_is_written_one_way_with_an_offset(jsonl: Path) -> None:
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)["article"]
        for name in ("published", "modified"):
            if article[name] is not None:
                parsed = datetime.fromisoformat(article[name])
                assert parsed.tzinfo is not None and article[name] == parsed.isoformat(timespec="seconds")
                assert article[f"{name}_precision"] in ("day", "minute", "second")
                assert isinstance(article[f"{name}_tz_given"], bool) and article[f"{name}_raw"]


def test_a_date_from_the_url_is_a_utc_day_marked_as_such() -> None:
    article = extract_article(_page(), url="https://harbornews.example/2019/11/19/ferry-timetable/")
    assert article.published == datetime(2019, 11, 19, tzinfo=UTC)
    assert article.model_dump(mode="json")["published"] == "2019-11-19T00:00:00+00:00"
    assert (article.published_raw, article.published_precision, article.published_tz_given) == (
        "2019/11/19",
        "day",
        False,
    )


def test_a_timestamp_with_an_offset_keeps_it_and_the_string() -> None:
    head = '<meta property="article:published_time" content="2024-05-02T10:30-04:00">'
    article = extract_article(_page(head), url="https://harbornews.example/ferry")
    assert article.published == datetime(2024, 5, 2, 10, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert article.model_dump(mode="json")["published"] == "2024-05-02T10:30:00-04:00"
    assert (article.published_raw, article.published_precision, article.published_tz_given) == (
        "2024-05-02T10:30-04:00",
        "minute",
        True,
    )


def test_a_time_without_a_zone_is_read_as_utc_and_says_so() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry timetable",'
        ' "datePublished": "2024-05-02 10:30:15", "dateModified": "May 3, 2024"}</script>'
    )
    article = extract_article(_page(head), url="https://harbornews.example/ferry")
    assert article.published == datetime(2024, 5, 2, 10, 30, 15, tzinfo=UTC)
    assert (article.published_precision, article.published_tz_given) == ("second", False)
    assert article.modified == datetime(2024, 5, 3, tzinfo=UTC)
    assert (article.modified_raw, article.modified_precision, article.modified_tz_given) == (
        "May 3, 2024",
        "day",
        False,
    )


def test_a_naive_value_given_to_the_model_is_read_as_utc() -> None:
    assert Article(published=datetime(2020, 1, 2, 3, 4)).published == datetime(2020, 1, 2, 3, 4, tzinfo=UTC)


def test_a_timestamp_is_kept_to_the_second_so_the_record_survives_its_json() -> None:
    head = '<meta property="article:published_time" content="2024-05-03T15:47:42.389000+02:00">'
    article = extract_article(_page(head), url="https://harbornews.example/ferry")
    assert article.model_dump(mode="json")["published"] == "2024-05-03T15:47:42+02:00"
    assert article.published_raw == "2024-05-03T15:47:42.389000+02:00"
    assert Article.model_validate_json(article.model_dump_json()) == article

"""Discovery against a loopback news site: every article once, robots.txt, filters, caps, one line per problem."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from loopback import LoopbackServer, redirect
from news_site import NewsSite

from newsextract.cli import main
from newsextract.discover import DiscoveredURL, DiscoverSettings, discover
from newsextract.settings import FetchSettings

pytestmark = pytest.mark.timeout(60)

# Loopback is allowed by default (block_private_addresses=False); no delay, few retries, for speed.
FAST = FetchSettings(per_host_delay=0.0, max_retries=1, backoff_base=0.01, total_timeout=10.0)


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as running:
        yield running


def run_discover(
    sources: list[str], settings: DiscoverSettings | None = None
) -> tuple[list[DiscoveredURL], list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    found = list(
        discover(
            sources,
            settings=settings or DiscoverSettings(),
            fetch_settings=FAST,
            report=lambda url, message: problems.append((url, message)),
        )
    )
    return found, problems


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    code = main(["discover", *args, "--delay", "0"])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def test_home_page_finds_every_article_exactly_once(site: NewsSite) -> None:
    found, problems = run_discover([site.home])
    counts = Counter(item.url for item in found)
    assert set(counts) == site.article_urls()
    assert max(counts.values()) == 1
    # Nothing fetched twice: the self-listing index, and the guessed /sitemap_index.xml robots.txt named too.
    assert site.server.hits("/sitemap_index.xml") >= 1
    assert all(site.server.hits(path) <= 1 for path in ("/sitemaps/part-1.xml.gz", "/sitemaps/part-2.xml"))
    assert len(problems) == 2, problems


def test_leaves_out_what_robots_txt_disallows_and_off_site_urls(site: NewsSite) -> None:
    found, _ = run_discover([site.home])
    urls = {item.url for item in found}
    assert site.secret not in urls and site.offsite not in urls
    assert site.server.hits("/private/secret.html") == 0


def test_no_robots_keeps_the_disallowed_url_and_any_site_the_off_site_one(site: NewsSite) -> None:
    problems: list[tuple[str, str]] = []
    settings = DiscoverSettings(same_site=False)
    fetch = FAST.model_copy(update={"respect_robots": False})
    urls = {
        item.url
        for item in discover([site.home], settings=settings, fetch_settings=fetch, report=lambda *p: problems.append(p))
    }
    assert urls == site.article_urls() | {site.secret, site.offsite}


def test_survives_the_loop_and_the_broken_feed_with_one_stderr_line_each(
    site: NewsSite, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, site.home)
    assert code == 0
    assert set(out) == site.article_urls() and len(out) == len(site.article_urls())
    assert len(err) == 2, err
    loop = [line for line in err if "loop" in line]
    broken = [line for line in err if "/feeds/broken.xml" in line]
    assert len(loop) == 1 and site.url("/sitemap_index.xml") in loop[0]
    assert len(broken) == 1 and "broken feed" in broken[0]


def test_since_keeps_only_newer_urls(site: NewsSite, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, site.home, "--since", "2024-05-01")
    assert code == 0
    assert set(out) == {site.story(n) for n in range(5, 10)}


def test_until_includes_the_whole_day_and_limit_stops_early(site: NewsSite, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, site.home, "--until", "2024-03-15")
    assert set(out) == {site.story(n) for n in (1, 2, 3)}
    _, out, _ = cli(capsys, site.home, "--limit", "3")
    assert len(out) == 3 and set(out) <= site.article_urls()


def test_undated_urls_are_left_out_by_a_date_filter() -> None:
    settings = DiscoverSettings(since=datetime(2024, 1, 1))
    assert settings.since is not None and settings.since.tzinfo is UTC  # naive bounds are UTC
    undated = DiscoveredURL(url="http://a.example/x", source="s")
    from newsextract.discover.filters import in_window

    assert in_window(undated, DiscoverSettings()) and not in_window(undated, settings)


def test_jsonl_gives_dates_title_language_and_source(site: NewsSite, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, site.home, "--format", "jsonl")
    records = {record["url"]: record for record in map(json.loads, out)}
    assert code == 0 and set(records) == site.article_urls()
    assert set(records[site.story(6)]) == {"url", "lastmod", "published", "title", "language", "source"}
    news = records[site.story(6)]
    assert news["title"] == "Story 6 & more" and news["language"] == "en"
    assert datetime.fromisoformat(news["published"]) == datetime(2024, 6, 15, 8, tzinfo=UTC)
    assert news["source"] == site.url("/news-sitemap.xml")
    plain = records[site.story(2)]
    assert plain["source"] == site.url("/sitemaps/part-1.xml.gz") and plain["published"] is None
    assert datetime.fromisoformat(plain["lastmod"]) == datetime(2024, 2, 15, tzinfo=UTC)
    assert records[site.story(8)]["title"] == "Story 8" and records[site.story(8)]["language"] == "en-gb"


def test_feeds_and_sitemaps_as_sources(site: NewsSite) -> None:
    cases = {
        "/feeds/rss.xml": {8, 1},
        "/feeds/atom.xml": {9, 4},
        "/feeds/feed.json": {7, 3},
        "/news-sitemap.xml": {6, 7},
        "/sitemaps/part-1.xml.gz": {1, 2, 3},
    }
    for path, stories in cases.items():
        found, problems = run_discover([site.url(path)])
        assert {item.url for item in found} == {site.story(n) for n in stories}, path
        assert problems == [], path


def test_a_gzip_bomb_is_stopped_with_one_stderr_line(site: NewsSite, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, site.url("/bomb.xml.gz"), site.url("/feeds/rss.xml"))
    assert out == [site.story(8), site.story(1)]  # the next source still ran
    assert len(err) == 1 and "/bomb.xml.gz" in err[0] and "cap" in err[0]
    assert code == 0


def test_nothing_found_and_a_problem_exits_1(site: NewsSite, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, site.url("/bomb.xml.gz"))
    assert (code, out, len(err)) == (1, [], 1)


def test_depth_cap_holds_with_one_line(site: NewsSite) -> None:
    found, problems = run_discover([site.url("/deep/0.xml")], DiscoverSettings(max_depth=2))
    assert found == [] and len(problems) == 1 and "max_depth" in problems[0][1]
    assert site.server.hits("/deep/2.xml") == 1 and site.server.hits("/deep/3.xml") == 0
    found, problems = run_discover([site.url("/deep/0.xml")], DiscoverSettings(max_depth=5))
    assert [item.url for item in found] == [site.url("/news/deep.html")] and problems == []


def test_sitemap_count_cap_holds_with_one_line(site: NewsSite) -> None:
    found, problems = run_discover([site.url("/many/index.xml")], DiscoverSettings(max_sitemaps=3))
    assert [item.url for item in found] == [site.url(f"/news/many-{i}.html") for i in (1, 2)]
    assert len(problems) == 1 and "max_sitemaps" in problems[0][1]
    assert site.server.hits("/many/3.xml") == 0


def test_max_urls_stops_the_run_with_one_line(site: NewsSite) -> None:
    found, problems = run_discover([site.home], DiscoverSettings(max_urls=4))
    assert len(found) == 4
    assert sum("max_urls" in message for _, message in problems) == 1


def test_library_iterator_yields_as_found_and_closes_early(site: NewsSite) -> None:
    before = site.server.hits("/feeds/rss.xml")
    found = discover([site.url("/feeds/rss.xml"), site.home], fetch_settings=FAST)
    first = next(found)
    assert isinstance(first, DiscoveredURL) and first.url == site.story(8)
    assert first.published == datetime(2024, 8, 15, 8, tzinfo=UTC)
    found.close()  # the fetcher closes; the home page is never read
    assert site.server.hits("/feeds/rss.xml") == before + 1


def test_a_bad_source_is_one_line_and_the_others_go_on(site: NewsSite, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "ftp://example.com/x", site.url("/missing.xml"), site.url("/feeds/atom.xml"))
    assert code == 0 and out == [site.story(9), site.story(4)]
    assert len(err) == 2 and "HTTP 404" in err[1]


def test_a_source_that_redirects_takes_its_site_along(site: NewsSite) -> None:
    with LoopbackServer({"/feed": redirect(site.url("/feeds/rss.xml"), 301)}, host="127.0.0.3") as old_domain:
        found, problems = run_discover([old_domain.url("/feed")])
    assert [item.url for item in found] == [site.story(8), site.story(1)] and problems == []

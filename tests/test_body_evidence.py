"""The body cleaner decides by evidence: names nominate zones, content convicts them; --explain says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run_newsextract

from newsextract import explain_article, extract_article
from newsextract.extract.explain import RemovalLog
from newsextract.extract.safety import ProseShares, choose_body

_SENTENCE = (
    "The council met on Tuesday evening to weigh the plan for the old harbour, and members spoke "
    "at length about the cost, the timetable and the families who would have to move. "
)


def _page(article: str, extra: str = "") -> str:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8))
    return (
        f"<html><head><title>Harbour plan</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<h1>Council weighs the harbour plan</h1>{article}{extra}"
        "<footer><a href='/about'>About</a> <a href='/privacy'>Privacy</a></footer></body></html>"
    )


def _paragraphs(n: int, tag: str = "p") -> str:
    return "".join(f"<{tag}>{_SENTENCE} Paragraph {i}.</{tag}>" for i in range(n))


def test_zone_named_widget_holding_the_prose_is_kept() -> None:
    html = _page(f'<div class="widget promo-box">{_paragraphs(6)}</div>')
    article = extract_article(html, url="https://example.com/a")
    assert "Paragraph 0." in article.body and "Paragraph 5." in article.body


def test_link_dense_zone_inside_the_story_is_removed_and_explained() -> None:
    related = (
        '<div class="related-box">'
        + "".join(f'<a href="/story{i}">Another story headline number {i}</a> ' for i in range(5))
        + "</div>"
    )
    html = _page(f"<article>{_paragraphs(3)}{related}{_paragraphs(3)}</article>")
    explained = explain_article(html, url="https://example.com/a")
    assert "Another story headline" not in explained.article.body
    rules = {r.rule for r in explained.removed if "Another story headline" in r.text}
    assert rules == {"link_dense"}


def test_short_call_to_action_inside_the_story_is_removed() -> None:
    promo = '<div class="newsletter-promo"><p>Get our morning briefing in your inbox. <a href="/nl">Go</a></p></div>'
    html = _page(f"<article>{_paragraphs(3)}{promo}{_paragraphs(3)}</article>")
    explained = explain_article(html, url="https://example.com/a")
    assert "morning briefing" not in explained.article.body
    assert any(r.rule == "little_prose" for r in explained.removed)


def test_repeated_short_labels_stay_and_long_repeats_go() -> None:
    menus = "".join(f"<h3>Morning Snack</h3><p>{_SENTENCE} Menu {i}.</p>" for i in range(3))
    teaser = f"<p>{_SENTENCE}</p>"
    html = _page(f"<article>{teaser}{menus}{teaser}</article>")
    body = extract_article(html, url="https://example.com/a").body
    assert body.count("Morning Snack") == 3
    assert body.count(_SENTENCE.strip()) == 4  # the teaser once, and inside each of the 3 menus


def test_safety_net_takes_the_raw_page_when_the_cleaned_body_is_thin() -> None:
    region = [f"{_SENTENCE} {i}" for i in range(10)]
    log = RemovalLog(enabled=True)
    choice = choose_body(
        ["Subscribe"], region, lambda: region, log, min_words=50, shares=ProseShares(page=2000, region=1800)
    )
    assert choice.source == "raw-page" and choice.paragraphs == region
    assert [r.rule for r in log.removals] == ["thin_body"]


def test_safety_net_keeps_an_adequate_body_without_a_second_extraction() -> None:
    region = [f"{_SENTENCE} {i}" for i in range(10)]

    def never() -> list[str]:
        raise AssertionError("the raw page must not be extracted again")

    choice = choose_body(
        region[:8], region, never, RemovalLog(), min_words=50, shares=ProseShares(page=2000, region=1800)
    )
    assert choice.source == "main-text"


def test_safety_net_reads_the_raw_page_when_the_region_holds_little_of_the_prose() -> None:
    region = [f"{_SENTENCE} {i}" for i in range(3)]
    whole = region + [f"{_SENTENCE} more {i}" for i in range(12)]
    choice = choose_body(
        region, region, lambda: whole, RemovalLog(), min_words=50, shares=ProseShares(page=3000, region=600)
    )
    assert choice.source == "raw-page" and choice.paragraphs == whole


@pytest.mark.slow
def test_cli_explain_prints_article_and_removals(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page(f"<article>{_paragraphs(4)}</article>", '<div class="share-bar"><a href="#">Share</a></div>'))
    done = run_newsextract("extract", "--explain", str(page))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    record = json.loads(out)
    assert "Paragraph 3." in record["article"]["body"]
    share_bar = [r for r in record["removed"] if r["text"] == "Share"]
    assert share_bar and share_bar[0]["rule"] == "outside_main_text" and "share" in share_bar[0]["evidence"]

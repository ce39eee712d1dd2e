"""The published date is the story's: not a caption's, a related story's, an update's or a comment's.

Each fixture is a page whose metadata gives no date (or a wrong one), with
the date trap its "_about" note describes; the URL's day is evidence.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsextract import extract_article

FIXTURES = Path(__file__).parent / "fixtures"
DATE_FIXTURES = [
    "date_caption_file_photo",
    "date_related_story_time",
    "date_updated_before_published",
    "date_comment_times",
    "date_photo_time_no_url",
]


@pytest.mark.parametrize("name", DATE_FIXTURES)
def test_published_is_the_storys_date(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = extract_article((FIXTURES / f"{name}.html").read_bytes(), url=expected["url"])
    want = datetime.fromisoformat(expected["published"])
    want = want if want.tzinfo else want.replace(tzinfo=UTC)  # a zone the page does not give is read as UTC
    assert article.published == want, (
        f"{name}: published {article.published!r} ({article.provenance.get('published')}), "
        f"expected {expected['published']}: {expected['_about']}"
    )


def _page(head: str, body: str) -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Ferry timetable changes for the summer</h1>{body}"
        "</article></body></html>"
    )


_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} about the new ferry timetable, long enough to read as article text.</p>" for i in range(6)
)


def test_a_date_far_from_the_urls_day_loses_to_it() -> None:
    # A JSON-LD "datePublished" re-stamped years after the URL's day (a republish or a template bug).
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry timetable changes '
        'for the summer", "datePublished": "2024-01-09T10:00:00Z"}</script>'
    )
    article = extract_article(_page(head, _PARAGRAPHS), url="https://harbornews.example/2019/11/19/ferry-timetable/")
    assert article.published == datetime(2019, 11, 19, tzinfo=UTC)
    assert article.provenance["published"] == "url"


def test_the_urls_day_keeps_a_timestamp_on_the_next_utc_day() -> None:
    # 02:41 UTC on the 19th is the evening of the 18th in the site's time zone: no conflict with /2025/12/18/.
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">'
    article = extract_article(_page(head, _PARAGRAPHS), url="https://harbornews.example/2025/12/18/ferry-timetable/")
    assert article.published == datetime.fromisoformat("2025-12-19T02:41:41+00:00")


def test_the_date_in_the_text_is_found_behind_a_long_inline_stylesheet() -> None:
    # Inline CSS and scripts fill the first 300,000 characters the date search reads; they are not searched.
    head = "<style>" + ".c{color:red}\n" * 25_000 + "</style>"
    body = '<p class="meta">Published June 2, 2021</p>' + _PARAGRAPHS
    article = extract_article(_page(head, body), url="https://harbornews.example/ferry/timetable-changes")
    assert article.published == datetime(2021, 6, 2, tzinfo=UTC)

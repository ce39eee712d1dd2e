"""The day a URL's path names: whole path segments only."""

from __future__ import annotations

from datetime import date

import pytest

from newsextract.extract.dates import url_date


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.example.com/news/2019/11/19/county-reopens-bridge/", date(2019, 11, 19)),
        ("https://www.example.com/2019/1/9/story", date(2019, 1, 9)),
        ("https://www.example.com/politics/2023-12-21/story", date(2023, 12, 21)),
        ("https://www.example.com/news/20191119/story.html", date(2019, 11, 19)),
        ("https://www.example.com/archives/2025/12/16/vibe_coding.html", date(2025, 12, 16)),
        ("https://www.example.com/hudson/2023/12/16-new-officers-join-police", None),  # a slug, not a day
        ("https://www.example.com/2025/12/book-beat", None),  # a month only
        ("https://www.example.com/2019/02/30/story", None),
        ("https://www.example.com/story?date=2019/11/19", None),  # the query is not the path
        ("https://www.example.com/article/436674/best-laptops.html", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, day: date | None) -> None:
    assert url_date(url) == day

"""The golden fixture pages as extracted Articles, for tests that look at one field closely."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from newsextract import Article, extract_article

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def fixture_article(name: str) -> Article:
    """tests/fixtures/<name>.html extracted at the URL its expected file gives."""
    url = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))["url"]
    return extract_article((FIXTURES / f"{name}.html").read_bytes(), url=url)


def image_urls(article: Article) -> list[str]:
    return [image.url for image in article.images]

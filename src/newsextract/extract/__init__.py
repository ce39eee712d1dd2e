"""Pure extraction: page text or bytes in, Article out (placeholder until the extractor lands)."""

from __future__ import annotations

from newsextract.models import Article
from newsextract.settings import DEFAULT_EXTRACT_SETTINGS, ExtractSettings


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    final_url: str | None = None,
    http_charset: str | None = None,
    settings: ExtractSettings = DEFAULT_EXTRACT_SETTINGS,
) -> Article:
    """Extract an Article from a page. Usage: ``extract_article(html, url="https://x/a")``"""
    raise NotImplementedError

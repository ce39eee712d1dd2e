"""newsextract: turn news web pages into clean, structured article records.

Usage::

    from newsextract import extract_article
    article = extract_article(html, url="https://example.com/a")
"""

from __future__ import annotations

from newsextract.errors import (
    ContentTypeError,
    ExtractionError,
    FetchError,
    NewsExtractError,
    ParseError,
)
from newsextract.extract import extract_article
from newsextract.fetch import Fetcher, fetch_article
from newsextract.models import Article, Failure, FetchedPage, Image, Result
from newsextract.settings import ExtractSettings, FetchSettings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ContentTypeError",
    "ExtractSettings",
    "ExtractionError",
    "Failure",
    "FetchError",
    "FetchSettings",
    "FetchedPage",
    "Fetcher",
    "Image",
    "NewsExtractError",
    "ParseError",
    "Result",
    "__version__",
    "extract_article",
    "fetch_article",
]

"""newsextract: turn news web pages into clean, structured article records.

Usage::

    from newsextract import extract_article
    article = extract_article(html, url="https://example.com/a")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsextract.errors import (
    ContentTypeError,
    ExtractionError,
    FetchError,
    NewsExtractError,
    ParseError,
)
from newsextract.models import Article, Block, ExplainedArticle, Failure, FetchedPage, Image, Removal, Result
from newsextract.settings import BatchSettings, ExtractSettings, FetchSettings

if TYPE_CHECKING:
    from newsextract.batch import run_batch
    from newsextract.extract import explain_article, extract_article
    from newsextract.fetch import Fetcher, fetch_article

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BatchSettings",
    "Block",
    "ContentTypeError",
    "ExplainedArticle",
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
    "Removal",
    "Result",
    "__version__",
    "explain_article",
    "extract_article",
    "fetch_article",
    "run_batch",
]

# The extractor (trafilatura, lxml) and the fetcher load on first use, so a
# batch's fetching process, which never extracts, does not carry them.
_LAZY = {
    "extract_article": "newsextract.extract",
    "explain_article": "newsextract.extract",
    "fetch_article": "newsextract.fetch",
    "Fetcher": "newsextract.fetch",
    "run_batch": "newsextract.batch",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsextract' has no attribute {name!r}")

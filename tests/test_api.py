"""The public API is the contract: pin its names and the record's fields."""

from __future__ import annotations

import newsextract
from newsextract import Article, Image

PUBLIC = {
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
}
ARTICLE_FIELDS = {
    "url",
    "final_url",
    "canonical_url",
    "headline",
    "description",
    "authors",
    "byline",
    "dateline",
    "published",
    "published_raw",
    "published_precision",
    "published_tz_given",
    "modified",
    "modified_raw",
    "modified_precision",
    "modified_tz_given",
    "language",
    "site_name",
    "section",
    "tags",
    "body",
    "blocks",
    "images",
    "word_count",
    "warnings",
    "provenance",
}


def test_all_is_the_contract() -> None:
    assert set(newsextract.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(newsextract, name), name


def test_article_and_image_fields() -> None:
    assert set(Article.model_fields) == ARTICLE_FIELDS
    assert set(Image.model_fields) == {"url", "alt", "caption", "credit", "is_lead"}


def test_records_are_frozen_and_strict() -> None:
    article = Article(headline="x")
    try:
        article.headline = "y"  # type: ignore[misc]
    except Exception as exc:  # pydantic raises ValidationError for frozen models
        assert "frozen" in str(exc)
    else:
        raise AssertionError("Article should be frozen")
    try:
        Article(headline="x", bogus=1)  # type: ignore[call-arg]
    except Exception as exc:
        assert "bogus" in str(exc)
    else:
        raise AssertionError("unknown fields should be refused")


def test_error_kinds_are_snake_case() -> None:
    from newsextract.errors import HTTPStatusError, InvalidURLError, TooManyRedirectsError

    assert HTTPStatusError("x").kind == "http_status"
    assert InvalidURLError("x").kind == "invalid_url"
    assert TooManyRedirectsError("x").kind == "too_many_redirects"

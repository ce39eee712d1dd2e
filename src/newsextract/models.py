"""Typed records: Article, Image, and the batch Result envelope.

Usage::

    article = extract_article(html, url="https://example.com/a")
    article.model_dump(mode="json")
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from newsextract._media import charset_of
from newsextract.errors import INTERNAL_KIND, FetchError, NewsExtractError


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Image(_Record):
    """One of the article's own images, with its caption and credit kept apart."""

    url: str
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None
    is_lead: bool = False


class Article(_Record):
    """A news article as a typed record (see CONTRACT.md for every field)."""

    url: str | None = None
    final_url: str | None = None
    canonical_url: str | None = None
    headline: str | None = None
    description: str | None = None
    authors: list[str] = Field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    language: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    body: str = ""
    images: list[Image] = Field(default_factory=list)
    word_count: int = 0
    warnings: list[str] = Field(default_factory=list)
    provenance: dict[str, str] = Field(default_factory=dict)


class Failure(_Record):
    """Why one URL gave no article: the error kind, its message and any HTTP status."""

    kind: str
    message: str
    http_status: int | None = None

    @classmethod
    def from_error(cls, exc: BaseException) -> Failure:
        """The record of an error: its kind, message and HTTP status; anything untyped is "internal".

        Usage: ``except Exception as exc: failure = Failure.from_error(exc)``
        """
        if isinstance(exc, NewsExtractError):
            status = exc.http_status if isinstance(exc, FetchError) else None
            return cls(kind=exc.kind, message=exc.message, http_status=status)
        return cls(kind=INTERNAL_KIND, message=f"{type(exc).__name__}: {exc}")


class Result(_Record):
    """The batch envelope: one per input URL, either an article or a failure."""

    url: str
    ok: bool
    article: Article | None = None
    error: Failure | None = None
    # Batch provenance (None where it does not apply, and in results not made by a batch; docs/batch.md):
    line: int | None = None  # 1-based line of the URL list (or position in a library caller's list)
    id: str | None = None  # the input's own id (a TSV line "id<TAB>url", a CSV/TSV id column)
    source: str | None = None  # a saved page or WARC record: its locator, "file:PATH" or "warc:OFFSET:PATH"
    fetched_at: datetime | None = None  # when the page was fetched (UTC); a WARC record's WARC-Date
    status: int | None = None  # the HTTP status of the page (None for a saved file)
    page_sha256: str | None = None  # SHA-256 (hex) of the raw page bytes
    body_sha256: str | None = None  # SHA-256 (hex) of the extracted body text (UTF-8); None without a body
    extractor_version: str | None = None  # newsextract.__version__ of the run that wrote the record

    @classmethod
    def from_error(cls, exc: BaseException, *, url: str) -> Result:
        """The failed result for `url`. Usage: ``Result.from_error(exc, url=url)``"""
        return cls(url=url, ok=False, error=Failure.from_error(exc))


class FetchedPage(_Record):
    """What the fetcher hands to the extractor: raw bytes plus what HTTP said about them."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = Field(default_factory=dict)
    content: bytes = b""

    @property
    def charset(self) -> str | None:
        """The charset named in the Content-Type header, if any."""
        return charset_of(self.headers.get("content-type"))


class Removal(_Record):
    """One zone or paragraph the extractor left out of the body, with the rule and the evidence."""

    step: str  # "zone", "paragraph" or "main_text"
    rule: str  # e.g. "link_dense", "no_prose", "caption", "duplicate"
    evidence: str  # what the rule measured, e.g. "links 82% of 340 chars"
    text: str  # the start of the removed text
    words: int


class ExplainedArticle(_Record):
    """An Article with every removal that shaped its body (``newsextract extract --explain``)."""

    article: Article
    removed: list[Removal] = Field(default_factory=list)

"""Typed records: Article, Image, and the batch Result envelope.

Usage::

    article = extract_article(html, url="https://example.com/a")
    article.model_dump(mode="json")
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from newsextract._media import charset_of
from newsextract.errors import INTERNAL_KIND, FetchError, NewsExtractError
from newsextract.warning_codes import WarningCode

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "table", "preformatted"]
TimestampPrecision = Literal["day", "minute", "second"]


def _normalise_timestamp(value: datetime) -> datetime:
    """Every timestamp aware (a value without a zone is read as UTC) and to the second, as it is
    written: a record read back from its JSON equals the record (the page's string is in *_raw)."""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return aware.replace(microsecond=0)


def _iso(value: datetime) -> str:
    """One ISO 8601 format for every timestamp: seconds and an offset, "+00:00" for UTC."""
    return value.isoformat(timespec="seconds")


Timestamp = Annotated[
    datetime,
    AfterValidator(_normalise_timestamp),
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Image(_Record):
    """One of the article's own images, with its caption and credit kept apart."""

    url: str = Field(description="The image's absolute URL.")
    alt: str | None = Field(default=None, description="The image's alt text, when it says something.")
    caption: str | None = Field(default=None, description="The caption the page prints for it, credit removed.")
    credit: str | None = Field(default=None, description="The photographer or agency credit, kept apart.")
    is_lead: bool = Field(default=False, description="True for the article's lead (top) image; at most one is.")


class Block(_Record):
    """One block of the body, in order: its kind and its text as the body prints it.

    The blocks' texts joined by a blank line are exactly ``Article.body``. A list item keeps the
    "- " the body prints before it; a table's text is its rows as the body prints them
    ("| a | b |", one per paragraph), and ``rows`` holds their cells.
    """

    kind: BlockKind = Field(
        description=(
            "What the text is: paragraph, heading (with level), list_item, quote, table or preformatted (code, "
            "verse). Read from the element the text came from."
        )
    )
    text: str = Field(description="The block's text exactly as in body (several paragraphs for a table or a `<pre>`).")
    level: int | None = Field(default=None, description="A heading's level, 1 (h1) to 6 (h6); None for other kinds.")
    rows: list[list[str]] | None = Field(
        default=None, description="A table's rows as lists of cell texts (no separator row); None for other kinds."
    )


class Article(_Record):
    """A news article as a typed record (docs/record.md describes every field)."""

    url: str | None = Field(default=None, description="The address the caller gave for the page.")
    final_url: str | None = Field(default=None, description="The address after redirects, when the page was fetched.")
    canonical_url: str | None = Field(
        default=None,
        description=(
            "The page's own canonical address (JSON-LD, `<link rel=canonical>`, og:url); when the page names none, "
            "the address it was read from (final_url, else url), and provenance['canonical_url'] says which."
        ),
    )
    headline: str | None = Field(
        default=None, description="The headline as the page prints it (its `<h1>`, else metadata)."
    )
    description: str | None = Field(default=None, description="The standfirst or summary from the page's metadata.")
    authors: list[str] = Field(default_factory=list, description="The authors' names, people only, in byline order.")
    byline: str | None = Field(default=None, description="The byline as printed on the page.")
    dateline: str | None = Field(default=None, description='The dateline opening the body ("LONDON (Reuters) -").')
    published: Timestamp | None = Field(
        default=None,
        description=(
            "When the article was published, always timezone-aware, serialised as ISO 8601 with an offset "
            "(2019-11-20T00:00:00+00:00). A value whose zone the page does not give is read as UTC "
            "(published_tz_given is false); a date alone is midnight (published_precision is day)."
        ),
    )
    published_raw: str | None = Field(
        default=None, description="The published date exactly as the page wrote it (for a date from the URL: its part)."
    )
    published_precision: TimestampPrecision | None = Field(
        default=None, description="How much of published the page gave: day (a date alone), minute or second."
    )
    published_tz_given: bool | None = Field(
        default=None, description="True when the page gave published's time zone; false when UTC was assumed."
    )
    modified: Timestamp | None = Field(
        default=None, description="When the article was last modified; same format and rules as published."
    )
    modified_raw: str | None = Field(default=None, description="The modified date exactly as the page wrote it.")
    modified_precision: TimestampPrecision | None = Field(
        default=None, description="How much of modified the page gave: day, minute or second."
    )
    modified_tz_given: bool | None = Field(
        default=None, description="True when the page gave modified's time zone; false when UTC was assumed."
    )
    language: str | None = Field(
        default=None,
        description=(
            'The language as a BCP 47 tag ("en", "en-US"): from metadata, else detected from a body of 50 words '
            "or more (provenance['language'] is then 'detected')."
        ),
    )
    site_name: str | None = Field(default=None, description="The publication's name.")
    section: str | None = Field(default=None, description="The section the page files the article under.")
    tags: list[str] = Field(
        default_factory=list,
        description=(
            "Keywords and tags from metadata, in order, unique; none shorter than 2 characters or punctuation only."
        ),
    )
    body: str = Field(
        default="",
        description=(
            "The article's text, paragraphs separated by a blank line; no captions, credits, bylines or boilerplate."
        ),
    )
    blocks: list[Block] = Field(
        default_factory=list,
        description="The body as typed blocks in order; their texts joined by a blank line are exactly body.",
    )
    images: list[Image] = Field(default_factory=list, description="The article's own images, lead image first.")
    word_count: int = Field(default=0, description="Words in body (runs of CJK text count two characters a word).")
    warnings: list[WarningCode] = Field(
        default_factory=list,
        description="What looked wrong, as codes of a closed vocabulary (docs/record.md, Warnings: what each means).",
    )
    provenance: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Where each field came from, by field name: 'json-ld', 'meta', 'dom', 'url' (the URL's date), "
            "'detected' (language), 'final_url' or 'url' (canonical_url), or for body 'main-text', 'raw-page' "
            "or 'region'."
        ),
    )

    def to_markdown(self) -> str:
        """The body as Markdown: headings, list items, quotes, tables and code blocks marked up."""
        from newsextract.markdown import blocks_markdown

        return blocks_markdown(self.blocks)


class Failure(_Record):
    """Why one URL gave no article: the error kind, its message and any HTTP status."""

    kind: str = Field(
        description=(
            'The error\'s kind: the stable name its class in newsextract.errors gives ("fetch", "http_status", '
            '"parse"), or "internal" for an unexpected error.'
        )
    )
    message: str = Field(description="What went wrong, for people.")
    http_status: int | None = Field(default=None, description="The HTTP status the server answered, if any.")

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

    url: str = Field(description="The input URL, as given (normalised: see docs/batch.md).")
    ok: bool = Field(description="True when an article was extracted; then article is set, else error.")
    article: Article | None = Field(default=None, description="The article, when ok.")
    error: Failure | None = Field(default=None, description="Why there is no article, when not ok.")
    # Batch provenance: None where it does not apply, and in results not made by a batch (docs/batch.md).
    line: int | None = Field(
        default=None, description="1-based line of the URL list (or position in a library caller's list)."
    )
    id: str | None = Field(
        default=None, description='The input\'s own id (a line "id<TAB>url", or a CSV/TSV id column).'
    )
    source: str | None = Field(
        default=None, description='Where an offline page lives: "file:PATH" or "warc:OFFSET:PATH".'
    )
    fetched_at: Timestamp | None = Field(
        default=None, description="When the page was fetched (UTC); a WARC record's WARC-Date."
    )
    status: int | None = Field(default=None, description="The HTTP status of the page (None for a saved file).")
    page_sha256: str | None = Field(default=None, description="SHA-256 (hex) of the raw page bytes.")
    body_sha256: str | None = Field(
        default=None, description="SHA-256 (hex) of the extracted body text (UTF-8); None without a body."
    )
    extractor_version: str | None = Field(
        default=None, description="newsextract.__version__ of the run that wrote the record."
    )

    @classmethod
    def from_error(cls, exc: BaseException, *, url: str) -> Result:
        """The failed result for `url`. Usage: ``Result.from_error(exc, url=url)``"""
        return cls(url=url, ok=False, error=Failure.from_error(exc))


class FetchedPage(_Record):
    """What the fetcher hands to the extractor: raw bytes plus what HTTP said about them."""

    url: str = Field(description="The address requested.")
    final_url: str = Field(description="The address after redirects.")
    status: int = Field(description="The HTTP status of the final response.")
    headers: dict[str, str] = Field(default_factory=dict, description="The final response's headers, names lower-case.")
    content: bytes = Field(default=b"", description="The response body, decompressed, as bytes.")

    @property
    def charset(self) -> str | None:
        """The charset named in the Content-Type header, if any."""
        return charset_of(self.headers.get("content-type"))


class Removal(_Record):
    """One zone or paragraph the extractor left out of the body, with the rule and the evidence."""

    step: str = Field(description='Where it was removed: "zone", "paragraph" or "main_text".')
    rule: str = Field(description='The rule that removed it, e.g. "link_dense", "no_prose", "caption", "duplicate".')
    evidence: str = Field(description='What the rule measured, e.g. "links 82% of 340 chars".')
    text: str = Field(description="The start of the removed text.")
    words: int = Field(description="Words in the removed text.")


class ExplainedArticle(_Record):
    """An Article with every removal that shaped its body (``newsextract extract --explain``)."""

    article: Article = Field(description="The article, as extract_article() gives it.")
    removed: list[Removal] = Field(
        default_factory=list, description="Every zone and paragraph left out of the body, in the order removed."
    )


PUBLIC_MODELS: tuple[type[BaseModel], ...] = (
    Article,
    Image,
    Block,
    Result,
    Failure,
    FetchedPage,
    Removal,
    ExplainedArticle,
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one batch output line (a Result, holding an Article), every field described."""
    return Result.model_json_schema(mode="serialization")

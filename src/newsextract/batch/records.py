"""The record of one batch URL: its provenance envelope, and the Outcome that carries its output line.

Usage::

    envelope = Envelope(line=3, id="a1").fetched(page.status)        # in the fetching process
    outcome = Outcome.of_article(row_id, url, article, envelope.of_page(page, offline=False))
    outcome.line                                                      # b'{"url": ..., "line": 3, ...}\\n'

The envelope fields (line, id, source, fetched_at, status, page_sha256, extractor_version)
are known in pieces: the input gives the line, id and source, the fetch its time and status,
the worker the page bytes. Each step adds its piece; the worker adds the body hash when it
writes the line. A failure gets whatever was known when it happened.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from newsextract.errors import FetchError
from newsextract.models import Article, Failure, FetchedPage, Result

WARC_DATE_HEADER = "x-newsextract-warc-date"  # set by sources.load_offline on a WARC record's page


def _version() -> str:
    from newsextract import __version__  # at call time: newsextract/__init__ imports the models first

    return __version__


@dataclass(frozen=True, slots=True)
class Envelope:
    """What a record says about where its page came from, beside the article or the failure."""

    line: int | None = None
    id: str | None = None
    source: str | None = None
    fetched_at: datetime | None = None
    status: int | None = None
    page_sha256: str | None = None

    def fetched(self, status: int | None) -> Envelope:
        """This envelope for a fetch that ended now, with its HTTP status (None: no response)."""
        return dataclasses.replace(self, fetched_at=datetime.now(UTC), status=status)

    def failed_fetch(self, exc: BaseException) -> Envelope:
        """This envelope for a fetch that failed now (the status the server answered, if any)."""
        return self.fetched(exc.http_status if isinstance(exc, FetchError) else None)

    def failed_load(self, exc: BaseException) -> Envelope:
        """This envelope for an offline page that failed to load: an archived error status, if any."""
        if self.status is None and isinstance(exc, FetchError) and exc.http_status is not None:
            return dataclasses.replace(self, status=exc.http_status)
        return self

    def of_page(self, page: FetchedPage, *, saved_file: bool) -> Envelope:
        """This envelope with the page's hash; an offline page's status and WARC date (none for a saved file)."""
        envelope = dataclasses.replace(self, page_sha256=hashlib.sha256(page.content).hexdigest())
        if self.fetched_at is not None or saved_file:
            return envelope
        return dataclasses.replace(envelope, status=page.status, fetched_at=_warc_date(page))

    def result(self, url: str, *, article: Article | None = None, error: Failure | None = None) -> Result:
        """The Result record of this URL: the article (with its body hash) or the failure."""
        body = article.body if article is not None else ""
        return Result(
            url=url,
            ok=error is None,
            article=article,
            error=error,
            line=self.line,
            id=self.id,
            source=self.source,
            fetched_at=self.fetched_at,
            status=self.status,
            page_sha256=self.page_sha256,
            body_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest() if body else None,
            extractor_version=_version(),
        )


def _warc_date(page: FetchedPage) -> datetime | None:
    raw = page.headers.get(WARC_DATE_HEADER)
    try:
        stamp = datetime.fromisoformat(raw.replace("Z", "+00:00")) if raw else None
    except ValueError:
        return None
    if stamp is None or stamp.tzinfo is None:
        return None
    return stamp.astimezone(UTC)


NO_ENVELOPE = Envelope()


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one URL ended in this run: what goes into the state, and its output line.

    no_article: the page gave no article (an empty body), whether or not that made it a
    failure (BatchSettings.require_article); the summary counts these either way.
    """

    row_id: int
    url: str
    line: bytes
    failure: Failure | None = None
    no_article: bool = False

    @property
    def ok(self) -> bool:
        """True if the URL gave an article."""
        return self.failure is None

    @classmethod
    def of_article(cls, row_id: int, url: str, article: Article, envelope: Envelope = NO_ENVELOPE) -> Outcome:
        """A URL that gave an article (possibly with an empty body)."""
        result = envelope.result(url, article=article)
        return cls(row_id, url, _line(result), no_article=not article.body.strip())

    @classmethod
    def of_error(
        cls, row_id: int, url: str, exc: BaseException, envelope: Envelope = NO_ENVELOPE, *, no_article: bool = False
    ) -> Outcome:
        """A URL that gave no article, and why (Failure.from_error: the one error-to-record rule)."""
        result = envelope.result(url, error=Failure.from_error(exc))
        return cls(row_id, url, _line(result), result.error, no_article)


def _line(result: Result) -> bytes:
    return result.model_dump_json().encode() + b"\n"

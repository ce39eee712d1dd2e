"""Typed errors raised by the library.

The tree::

    NewsExtractError              base: carries url and stage
    ├── FetchError                 retrieving a page failed (stage "fetch"); carries http_status
    │   ├── InvalidURLError        not an http(s) URL, or malformed
    │   ├── BlockedURLError        refused by policy: robots.txt, private address
    │   ├── HTTPStatusError        the server answered with an error status
    │   ├── TooManyRedirectsError  redirect limit hit or a loop detected
    │   ├── ResponseTooLargeError  body (compressed or decompressed) over the size cap
    │   ├── ContentTypeError       not HTML (PDF, image, JSON ...)
    │   ├── FetchTimeoutError      connect / read / whole-request timeout
    │   └── NetworkError           connection refused, reset, DNS failure
    ├── ParseError                 the input cannot be read as a page (stage "parse")
    ├── InputError                 an input source cannot be read: missing file, bad locator (stage "read")
    ├── ExtractionError            extraction could not produce a record (stage "extract")
    │   ├── ExtractTimeoutError    a batch page overran its time limit; its process was killed
    │   ├── WorkerCrashedError     a batch page killed its extraction process twice
    │   └── NoArticleError         a batch page has no article (empty body) and the run requires one
    ├── OutputStateError           a batch output and its run state disagree (stage "output")
    ├── DaskBatchError             the cluster could not run the batch (stage "batch")
    ├── ExportError                a batch output cannot be exported: a malformed line (stage "export")
    └── UsageError                 the command line asks for something impossible (stage "usage")
        └── MissingDependencyError an optional extra is not installed (pyarrow for Parquet)

Every class has its own `kind`, a stable snake-case name written into failure records
(`models.Failure.from_error`); an exception that is not a NewsExtractError is recorded
as INTERNAL_KIND. ExitCode and exit_code_for() are the one table of process exit codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import ClassVar

# The kind of a failure that no NewsExtractError explains: a bug, recorded rather than raised.
INTERNAL_KIND = "internal"


class NewsExtractError(Exception):
    """Base of every error newsextract raises on purpose.

    Usage: ``except NewsExtractError as exc: print(exc.kind, exc.url, exc)``
    """

    # Written into records and read by people's scripts: set explicitly per class, never derived
    # from the class name, so a rename cannot change it.
    kind: ClassVar[str] = "news_extract"
    stage = "extract"

    def __init__(self, message: str, *, url: str | None = None, stage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        if stage is not None:
            self.stage = stage

    def __str__(self) -> str:
        return f"{self.message} ({self.url})" if self.url else self.message


class FetchError(NewsExtractError):
    """Retrieving a page failed. Usage: ``except FetchError as exc: exc.http_status``"""

    kind = "fetch"

    stage = "fetch"

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        stage: str | None = None,
        http_status: int | None = None,
    ) -> None:
        super().__init__(message, url=url, stage=stage)
        self.http_status = http_status


class InvalidURLError(FetchError):
    """The address is not an http(s) URL or cannot be parsed."""

    kind = "invalid_url"


class BlockedURLError(FetchError):
    """The fetch was refused by policy (robots.txt, private network address)."""

    kind = "blocked_url"


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx/5xx after retries)."""

    kind = "http_status"


class TooManyRedirectsError(FetchError):
    """More redirects than allowed, or a redirect loop."""

    kind = "too_many_redirects"


class ResponseTooLargeError(FetchError):
    """The response body, compressed or decompressed, exceeded the size cap."""

    kind = "response_too_large"


class ContentTypeError(FetchError):
    """The response is not an HTML page."""

    kind = "content_type"


class FetchTimeoutError(FetchError):
    """A connect, read or whole-request timeout expired."""

    kind = "fetch_timeout"


class NetworkError(FetchError):
    """The connection failed: refused, reset, DNS failure."""

    kind = "network"


class ParseError(NewsExtractError):
    """The input cannot be read as a web page."""

    kind = "parse"

    stage = "parse"


class ExtractionError(NewsExtractError):
    """Extraction could not produce an article record: the extractor failed unexpectedly on the page.

    Raised by `extraction_errors` around a call into the extractor, with the original
    exception as its cause, so one broken page is a record, not a crash.
    """

    kind = "extraction"
    stage = "extract"


class ExtractTimeoutError(ExtractionError):
    """A batch page took longer than the page time limit; its extraction process was killed."""

    kind = "extract_timeout"


class WorkerCrashedError(ExtractionError):
    """A batch page's extraction process died on it, twice (a retry on a fresh process included)."""

    kind = "worker_crashed"


class NoArticleError(ExtractionError):
    """A batch page gave no article (the extractor found an index page, or an empty body) and the
    run requires one (`--require-article`, BatchSettings.require_article)."""

    kind = "no_article"


class InputError(NewsExtractError):
    """An input source cannot be read: a missing or unreadable file, an unknown offline locator."""

    kind = "input"
    stage = "read"


class OutputStateError(NewsExtractError):
    """A batch output and its run state disagree (wrong pair, the file was edited, another run holds it)."""

    kind = "output_state"
    stage = "output"


class DaskBatchError(NewsExtractError):
    """The cluster could not run the batch: unreachable, misconfigured, or a partition kept failing."""

    kind = "dask_batch"
    stage = "batch"


class ExportError(NewsExtractError):
    """A batch output cannot be exported: a malformed line, a clash of column names, an unreadable file."""

    kind = "export"
    stage = "export"


class UsageError(NewsExtractError):
    """The command line asks for something that cannot be done (missing input, conflicting options)."""

    kind = "usage"
    stage = "usage"


class MissingDependencyError(UsageError):
    """What was asked needs an optional extra that is not installed (Parquet needs pyarrow)."""

    kind = "missing_dependency"


@contextmanager
def extraction_errors(url: str | None) -> Iterator[None]:
    """Turn an unexpected exception inside extraction into ExtractionError (typed errors pass through).

    Usage: ``with extraction_errors(url): article = extract_article(html, url)``
    """
    try:
        yield
    except NewsExtractError:
        raise
    except Exception as exc:  # a parser bug on one page: typed, with its cause kept
        raise ExtractionError(f"{type(exc).__name__}: {exc}", url=url) from exc


class ExitCode(IntEnum):
    """The process exit codes of the newsextract command."""

    OK = 0
    FAILED = 1  # some source or URL gave no article, or the run could not complete
    USAGE = 2  # nothing was done: bad arguments, or an output that belongs to another run
    INTERRUPTED = 130  # Ctrl-C or SIGTERM; what finished is committed


def exit_code_for(exc: BaseException) -> ExitCode:
    """The exit code for a run that ended with `exc`."""
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    if isinstance(exc, UsageError | OutputStateError):
        return ExitCode.USAGE
    return ExitCode.FAILED

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
    └── ExtractionError            extraction could not produce a record (stage "extract")

Only the CLI and the batch layer turn these into exit codes and records.
"""

from __future__ import annotations

import re

# "HTTPStatus" -> "HTTP_Status", "TooManyRedirects" -> "Too_Many_Redirects"
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


class NewsExtractError(Exception):
    """Base of every error newsextract raises on purpose.

    Usage: ``except NewsExtractError as exc: print(exc.kind, exc.url, exc)``
    """

    stage = "extract"

    def __init__(self, message: str, *, url: str | None = None, stage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        if stage is not None:
            self.stage = stage

    @property
    def kind(self) -> str:
        """A stable snake-case name for the error class, used in batch records."""
        name = type(self).__name__.removesuffix("Error") or "NewsExtract"
        return _CAMEL_BOUNDARY.sub("_", name).lower()

    def __str__(self) -> str:
        return f"{self.message} ({self.url})" if self.url else self.message


class FetchError(NewsExtractError):
    """Retrieving a page failed. Usage: ``except FetchError as exc: exc.http_status``"""

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


class BlockedURLError(FetchError):
    """The fetch was refused by policy (robots.txt, private network address)."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx/5xx after retries)."""


class TooManyRedirectsError(FetchError):
    """More redirects than allowed, or a redirect loop."""


class ResponseTooLargeError(FetchError):
    """The response body, compressed or decompressed, exceeded the size cap."""


class ContentTypeError(FetchError):
    """The response is not an HTML page."""


class FetchTimeoutError(FetchError):
    """A connect, read or whole-request timeout expired."""


class NetworkError(FetchError):
    """The connection failed: refused, reset, DNS failure."""


class ParseError(NewsExtractError):
    """The input cannot be read as a web page."""

    stage = "parse"


class ExtractionError(NewsExtractError):
    """Extraction could not produce an article record."""

    stage = "extract"

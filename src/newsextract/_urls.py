"""http(s) URLs, parsed by one parser: the one the fetcher sends requests with (httpx).

Usage::

    url = parse_http_url("https://example.com/a")   # httpx.URL, or InvalidURLError
    is_http_url("ftp://example.com/")               # False
    origin(url)                                     # "https://example.com:443"
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import httpx

from newsextract.errors import InvalidURLError

__all__ = [
    "HTTP_SCHEMES",
    "check_http_url",
    "default_port",
    "has_http_scheme",
    "is_http_url",
    "normalise_url",
    "origin",
    "parse_http_url",
]

HTTP_SCHEMES = frozenset({"http", "https"})


def parse_http_url(text: str) -> httpx.URL:
    """Parse an absolute http(s) URL with a host; raise ``InvalidURLError`` otherwise."""
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InvalidURLError(f"malformed URL: {exc}", url=text) from exc
    check_http_url(url, text)
    return url


def check_http_url(url: httpx.URL, original: str) -> None:
    """Raise ``InvalidURLError`` (naming ``original``) unless ``url`` is http(s) with a host."""
    if url.scheme not in HTTP_SCHEMES:
        raise InvalidURLError(f"only http and https URLs can be fetched, not {url.scheme or 'none'}", url=original)
    if not url.host:
        raise InvalidURLError("URL has no host", url=original)


def has_http_scheme(text: str) -> bool:
    """True if ``text`` starts with ``http://`` or ``https://`` (any case): it names a web address,
    valid or not, rather than a file. Cheap: no parsing."""
    return text[:8].lower().startswith(("http://", "https://"))


def is_http_url(text: str) -> bool:
    """True if ``text`` is an absolute http(s) URL with a host."""
    try:
        parse_http_url(text)
    except InvalidURLError:
        return False
    return True


def default_port(url: httpx.URL) -> int:
    """The port ``url`` connects to when it names none."""
    return 443 if url.scheme == "https" else 80


def origin(url: httpx.URL) -> str:
    """``scheme://host:port``: the unit robots.txt and politeness apply to."""
    return f"{url.scheme}://{url.host}:{url.port or default_port(url)}"


# The de-duplication key keeps what the user wrote (no re-encoding, no IDNA), so the standard parser:
# a key must stay the same across runs and versions for a resumed run to find its URLs.
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(raw: str) -> str:
    """Canonical form of an http(s) URL for de-duplication. Usage: ``normalise_url(" HTTP://A.com:80/x#y")``

    Lower-cases scheme and host, drops default ports and the fragment, gives an empty
    path "/". Raises InvalidURLError for anything that is not a usable http(s) URL.
    """
    text = raw.strip()
    if not text or any(c.isspace() for c in text):
        raise InvalidURLError("not a URL: empty or contains whitespace", url=raw)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"malformed URL: {exc}", url=raw) from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidURLError("not an http(s) URL", url=raw)
    host = (parts.hostname or "").lower()
    if not host:
        raise InvalidURLError("URL has no host", url=raw)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    userinfo, sep, _ = parts.netloc.rpartition("@")
    if sep:
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))

"""Batch inputs: URL lists, directories of saved pages, WARC files; URL normalisation.

Usage::

    items = url_items(read_url_lines("urls.txt.gz"))   # streamed, never loaded whole
    items = dir_items(Path("pages/"))
    items = warc_items([Path("CC-NEWS.warc.gz")])
    page = load_offline(item.key, item.locator, max_bytes=10_000_000)

Every reader yields `InputItem`s lazily. Offline items carry a *locator* (where the bytes
are) instead of the bytes, so the run state can store it and a resumed run, or an
extraction worker, can load the page again.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsextract._urls import normalise_url
from newsextract.errors import (
    ContentTypeError,
    HTTPStatusError,
    InputError,
    InvalidURLError,
    NewsExtractError,
    ResponseTooLargeError,
)
from newsextract.models import FetchedPage

_GZIP_MAGIC = b"\x1f\x8b"
# A malformed line is kept as its own key (so it gets its failure record once); cap it so a
# binary file given by mistake cannot put megabyte keys into the state.
_MAX_KEY_CHARS = 4_000
_HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_FILE_PREFIX = "file:"
_WARC_PREFIX = "warc:"


@dataclass(frozen=True, slots=True)
class InputItem:
    """One unit of batch input: its record key, and where an offline page lives.

    key: the normalised URL (or a saved page's file URI, or a malformed line as given);
    locator: "file:PATH" or "warc:OFFSET:PATH" for offline pages, None for URLs to fetch;
    error: why the line was rejected, for malformed input (never fetched).
    """

    key: str
    locator: str | None = None
    error: str | None = None


def url_items(lines: Iterable[str]) -> Iterator[InputItem]:
    """Turn URL lines into items; a malformed line becomes an item carrying its error."""
    for line in lines:
        try:
            yield InputItem(normalise_url(line))
        except InvalidURLError as exc:
            yield InputItem(line.strip()[:_MAX_KEY_CHARS], error=exc.message)


def as_items(urls: Iterable[str] | Iterable[InputItem]) -> Iterator[InputItem]:
    """Items as given, and plain URL strings turned into items (a library caller may pass either)."""
    for url in urls:
        if isinstance(url, InputItem):
            yield url
        else:
            yield from url_items([url])


def read_url_lines(source: str | Path, stdin: IO[bytes] | None = None) -> Iterator[str]:
    """Stream the URL lines of a file (plain or gzip) or of stdin ("-"), skipping blanks and # comments."""
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _lines(_maybe_gunzip(stream))
        return
    with open(source, "rb") as raw:
        yield from _lines(_maybe_gunzip(raw))


def _maybe_gunzip(stream: IO[bytes]) -> IO[bytes]:
    # Sniff the magic bytes rather than trust the file name: stdin has none.
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    if buffered.peek(2)[:2] == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    return buffered


def _lines(stream: IO[bytes]) -> Iterator[str]:
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline=None)
    for line in text:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped


def dir_items(root: Path) -> Iterator[InputItem]:
    """Items for the saved pages (.html, .htm, optionally .gz) under a directory, walked lazily."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()  # a stable order, so a resumed run sees the same sequence
        for name in sorted(filenames):
            if name.lower().endswith(_HTML_SUFFIXES):
                path = Path(dirpath, name).resolve()
                yield InputItem(path.as_uri(), locator=_FILE_PREFIX + str(path))


def warc_items(paths: Iterable[Path]) -> Iterator[InputItem]:
    """Items for the response records of WARC files (.warc or .warc.gz), read lazily with warcio."""
    from warcio.archiveiterator import ArchiveIterator  # optional dependency: only WARC input needs it

    for path in paths:
        resolved = Path(path).resolve()
        with open(resolved, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                locator = f"{_WARC_PREFIX}{records.get_record_offset()}:{resolved}"
                try:
                    yield InputItem(normalise_url(uri), locator=locator)
                except InvalidURLError as exc:
                    yield InputItem(uri.strip()[:_MAX_KEY_CHARS] or locator, error=exc.message)


def load_offline(key: str, locator: str, max_bytes: int) -> FetchedPage:
    """Load the page an offline locator points to, as the fetcher would have returned it.

    Raises the FetchError subclasses the fetcher would: HTTPStatusError for an archived
    error response, ContentTypeError for non-HTML, ResponseTooLargeError past max_bytes;
    InputError when the locator is unknown or its file cannot be read (deleted since the
    run state recorded it, a damaged archive).
    """
    try:
        if locator.startswith(_FILE_PREFIX):
            return _load_file(key, Path(locator.removeprefix(_FILE_PREFIX)), max_bytes)
        if locator.startswith(_WARC_PREFIX):
            offset, _, path = locator.removeprefix(_WARC_PREFIX).partition(":")
            return _load_warc_record(key, Path(path), int(offset), max_bytes)
    except NewsExtractError:
        raise
    except Exception as exc:  # OSError, a bad offset, zlib or warcio errors: the input, not the page
        raise InputError(f"cannot read {locator}: {type(exc).__name__}: {exc}", url=key) from exc
    raise InputError(f"unknown locator {locator!r}", url=key)


def _load_file(key: str, path: Path, max_bytes: int) -> FetchedPage:
    with open(path, "rb") as raw:
        stream: IO[bytes] = _maybe_gunzip(raw)
        content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ResponseTooLargeError(f"page larger than {max_bytes} bytes", url=key)
    return FetchedPage(url=key, final_url=key, status=200, content=content)


def _load_warc_record(key: str, path: Path, offset: int, max_bytes: int) -> FetchedPage:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        headers = _http_headers(record)
        status = int(record.http_headers.get_statuscode() or 0) if record.http_headers else 200
        _check_archived_response(key, status, headers.get("content-type", ""))
        content = record.content_stream().read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ResponseTooLargeError(f"page larger than {max_bytes} bytes", url=key)
    return FetchedPage(url=key, final_url=key, status=status, headers=headers, content=content)


def _http_headers(record: Any) -> dict[str, str]:
    if record.http_headers is None:
        return {}
    return {name.lower(): value for name, value in record.http_headers.headers}


def _check_archived_response(key: str, status: int, content_type: str) -> None:
    if not 200 <= status < 300:
        raise HTTPStatusError(f"archived response has HTTP status {status}", url=key, http_status=status)
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        raise ContentTypeError(f"not an HTML page: {content_type}", url=key, http_status=status)

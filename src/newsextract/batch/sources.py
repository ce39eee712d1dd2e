"""Batch inputs: URL lists, directories of saved pages, WARC files; URL normalisation.

Usage::

    items = list_items("urls.txt.gz")                  # streamed, never loaded whole; numbered lines
    items = list_items("ids.csv")                      # a table with `url` (and `id`) columns
    items = dir_items(Path("pages/"), url_map=read_url_map(Path("map.tsv")))
    items = warc_items([Path("CC-NEWS.warc.gz")])
    page = load_offline(item.key, item.locator, max_bytes=10_000_000)

Every reader yields `InputItem`s lazily. Offline items carry a *locator* (where the bytes
are) instead of the bytes, so the run state can store it and a resumed run, or an
extraction worker, can load the page again.

The id/line rule (docs/batch.md): a URL list's item carries its 1-based physical line number
(blank and # lines count); a line with a tab is ``id<TAB>url``. A ``.csv`` or ``.tsv`` file
(optionally .gz) is a table whose header names a ``url`` column and optionally an ``id``
column. A malformed line or row is an item with an error (one failure record), never a crash.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsextract._media import HTML_MEDIA_TYPES, media_type
from newsextract._urls import normalise_url
from newsextract.batch.records import WARC_DATE_HEADER
from newsextract.errors import (
    ContentTypeError,
    HTTPStatusError,
    InputError,
    InvalidURLError,
    NewsExtractError,
    ResponseTooLargeError,
    UsageError,
)
from newsextract.models import FetchedPage

_GZIP_MAGIC = b"\x1f\x8b"
# A malformed line is kept as its own key (so it gets its failure record once); cap it so a
# binary file given by mistake cannot put megabyte keys into the state.
_MAX_KEY_CHARS = 4_000
_HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
# Archives often hold pages served as text/plain or with no type at all; the fetcher's stricter rule
# (HTML_MEDIA_TYPES only) would drop real articles from a crawl that cannot be fetched again.
_ARCHIVED_PAGE_TYPES = HTML_MEDIA_TYPES | {"text/plain", ""}
_FILE_PREFIX = "file:"
_WARC_PREFIX = "warc:"
_TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}


@dataclass(frozen=True, slots=True)
class InputItem:
    """One unit of batch input: its record key, and where an offline page lives.

    key: the normalised URL (or a saved page's file URI, or a malformed line as given);
    locator: "file:PATH" or "warc:OFFSET:PATH" for offline pages, None for URLs to fetch;
    error: why the line was rejected, for malformed input (never fetched);
    line: the 1-based line of the URL list (None for saved pages and WARC records);
    id: the input's own id (a TSV line or an id column), None without one.
    """

    key: str
    locator: str | None = None
    error: str | None = None
    line: int | None = None
    id: str | None = None


def url_items(lines: Iterable[str]) -> Iterator[InputItem]:
    """Turn URL lines into items numbered by position; a malformed line becomes an item carrying its error."""
    return numbered_items(enumerate(lines, 1))


def numbered_items(lines: Iterable[tuple[int, str]]) -> Iterator[InputItem]:
    """Turn (line number, text) pairs into items; a line with a tab is "id<TAB>url"."""
    for number, text in lines:
        ident, tab, url = text.partition("\t")
        if not tab:
            yield _url_item(text, text, number, None)
        elif not ident.strip():
            yield InputItem(text.strip()[:_MAX_KEY_CHARS], error="empty id before the tab", line=number)
        else:
            yield _url_item(url, text, number, ident.strip()[:_MAX_KEY_CHARS])


def _url_item(url: str, raw: str, number: int | None, ident: str | None) -> InputItem:
    try:
        return InputItem(normalise_url(url), line=number, id=ident)
    except InvalidURLError as exc:
        return InputItem(raw.strip()[:_MAX_KEY_CHARS], error=exc.message, line=number, id=ident)


def as_items(urls: Iterable[str] | Iterable[InputItem]) -> Iterator[InputItem]:
    """Items as given, and URL strings turned into items numbered by position (a library caller may pass either)."""
    for number, url in enumerate(urls, 1):
        if isinstance(url, InputItem):
            yield url
        else:
            yield from numbered_items([(number, str(url))])


def list_items(source: str | Path, stdin: IO[bytes] | None = None) -> Iterator[InputItem]:
    """The items of a URL list (plain or gzip, "-" for stdin), or of a .csv/.tsv table with a `url` column.

    A table's header is read at once: UsageError if it names no `url` column.
    """
    delimiter = _table_delimiter(str(source))
    if delimiter is None:
        return numbered_items(read_numbered_lines(source, stdin))
    raw = open(source, "rb")  # noqa: SIM115 - handed to the generator, which closes it
    try:
        rows = csv.reader(_text(_maybe_gunzip(raw)), delimiter=delimiter)
        header = [name.strip().lower() for name in next(rows, [])]
        if "url" not in header:
            raise UsageError(f"{source}: the first line must name a 'url' column (and optionally 'id')")
    except BaseException:
        raw.close()
        raise
    return _table_items(raw, rows, header.index("url"), header.index("id") if "id" in header else None)


def _table_delimiter(name: str) -> str | None:
    suffix = Path(name.lower().removesuffix(".gz")).suffix
    return _TABLE_DELIMITERS.get(suffix) if name != "-" else None


def _table_items(raw: IO[bytes], rows: Any, url_col: int, id_col: int | None) -> Iterator[InputItem]:
    with raw:
        for row in _readable_rows(rows):
            number = rows.line_num
            if isinstance(row, csv.Error):  # e.g. a field over the csv module's size limit
                yield InputItem(f"<unreadable row at line {number}>", error=f"unreadable row: {row}", line=number)
                continue
            if not any(cell.strip() for cell in row):
                continue
            cell = row[id_col].strip()[:_MAX_KEY_CHARS] if id_col is not None and id_col < len(row) else ""
            if url_col >= len(row):
                key = ",".join(row).strip()[:_MAX_KEY_CHARS]
                yield InputItem(key, error="the row has no url column", line=number, id=cell or None)
            else:
                yield _url_item(row[url_col], row[url_col], number, cell or None)


def _readable_rows(rows: Iterator[list[str]]) -> Iterator[list[str] | csv.Error]:
    """The rows, with a row the csv module cannot read given as its error (reading then goes on)."""
    while True:
        try:
            yield next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc


def read_url_map(path: Path) -> dict[str, str]:
    """A --url-map file: "relative/path.html<TAB>https://real.url/" lines (# comments) -> {path: normalised URL}.

    Raises UsageError naming the first malformed line.
    """
    mapping: dict[str, str] = {}
    for number, text in read_numbered_lines(path):
        rel, tab, url = text.partition("\t")
        try:
            if not tab or not rel.strip():
                raise InvalidURLError("expected relative/path<TAB>URL")
            mapping[_rel_key(rel.strip())] = normalise_url(url)
        except InvalidURLError as exc:
            raise UsageError(f"{path}:{number}: {exc.message}") from exc
    return mapping


def _rel_key(rel: str) -> str:
    return Path(rel).as_posix().removeprefix("./")


def read_url_lines(source: str | Path, stdin: IO[bytes] | None = None) -> Iterator[str]:
    """Stream the URL lines of a file (plain or gzip) or of stdin ("-"), skipping blanks and # comments."""
    return (text for _, text in read_numbered_lines(source, stdin))


def read_numbered_lines(source: str | Path, stdin: IO[bytes] | None = None) -> Iterator[tuple[int, str]]:
    """Stream (1-based line number, stripped text) of a file's or stdin's lines, skipping blanks and # comments."""
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


def _text(stream: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, str]]:
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline=None)
    for number, line in enumerate(text, 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, stripped


def dir_items(root: Path, url_map: Mapping[str, str] | None = None) -> Iterator[InputItem]:
    """Items for the saved pages (.html, .htm, optionally .gz) under a directory, walked lazily.

    A page keeps its file URI as its key unless `url_map` (read_url_map) gives its path
    relative to `root` a real URL, which becomes its key (and the extractor's base URL).
    """
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()  # a stable order, so a resumed run sees the same sequence
        for name in sorted(filenames):
            if name.lower().endswith(_HTML_SUFFIXES):
                path = Path(dirpath, name).resolve()
                mapped = (url_map or {}).get(_rel_key(os.path.relpath(Path(dirpath, name), root)))
                yield InputItem(mapped or path.as_uri(), locator=_FILE_PREFIX + str(path))


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


def is_saved_file(locator: str | None) -> bool:
    """True for the locator of a saved page file (no HTTP exchange behind it: no status, no fetch time)."""
    return locator is not None and locator.startswith(_FILE_PREFIX)


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
        if warc_date := record.rec_headers.get_header("WARC-Date"):
            headers[WARC_DATE_HEADER] = warc_date
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
    if media_type(content_type) not in _ARCHIVED_PAGE_TYPES:
        raise ContentTypeError(f"not an HTML page: {content_type}", url=key, http_status=status)

"""`newsextract extract`: one record per source (URL, file or stdin), to stdout or a file.

Usage (from cli/__init__.py)::

    add_extract_parser(subparsers)
    return run_extract_command(args)        # when args.command == "extract"

Output: one source gives one JSON object (or one line with --format jsonl). Several
sources give JSON Lines, or with --format json one JSON array; each of their records
then carries a top-level "source" key, the SOURCE argument as given, so a record from a
file (whose "url" is null) can be mapped back to it.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any

from newsextract._urls import has_http_scheme
from newsextract.cli.argtypes import http_url, positive_float
from newsextract.cli.body import add_body_argument, apply_body_format
from newsextract.cli.fetch_options import add_request_options, with_request_options
from newsextract.cli.report import report_error
from newsextract.errors import ExitCode, InputError, InvalidURLError, UsageError, extraction_errors
from newsextract.models import Article, ExplainedArticle
from newsextract.settings import MAX_PAGE_TIMEOUT, ExtractSettings, FetchSettings

_GZIP_MAGIC = b"\x1f\x8b"


def add_extract_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` sub-command and its options."""
    extract = commands.add_parser("extract", help="extract articles from URLs, files or stdin")
    extract.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="http(s) URL, file path (.html or .html.gz), or - for stdin"
    )
    extract.add_argument(
        "--url", type=http_url, help="base URL of the one file or stdin page (for relative links); absolute http(s)"
    )
    extract.add_argument("-o", "--output", help="write to this file instead of stdout")
    extract.add_argument(
        "--format", choices=("json", "jsonl"), help="json (an object; an array for several sources) or jsonl"
    )
    extract.add_argument("--no-images", action="store_true", help="leave images out of the record")
    extract.add_argument("--no-robots", action="store_true", help="do not consult robots.txt for URLs")
    extract.add_argument(
        "--timeout",
        type=functools.partial(positive_float, at_most=MAX_PAGE_TIMEOUT),
        default=30.0,
        metavar="SECONDS",
        help="whole-request timeout in seconds for URLs (default 30)",
    )
    add_request_options(extract)
    extract.add_argument(
        "--explain",
        action="store_true",
        help="output {article, removed}: every zone and paragraph left out, with rule and evidence",
    )
    add_body_argument(extract)


def run_extract_command(args: argparse.Namespace) -> int:
    """Extract every source; a failed one is a stderr line and exit code 1, the others still go out."""
    try:
        _check_usage(args.sources, args.url)
    except UsageError as exc:
        return report_error(exc)
    fetch_settings = with_request_options(
        args, FetchSettings(respect_robots=not args.no_robots, total_timeout=args.timeout)
    )
    code = ExitCode.OK
    target: IO[str]
    with open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout) as target:
        output = _Output(target, args.format, several=len(args.sources) > 1)
        for source in args.sources:
            try:
                record = _extract_one(source, args, fetch_settings)
            except Exception as exc:  # typed or not, one source's failure must not lose the others
                code = max(code, report_error(exc, source))
                continue
            output.write(apply_body_format(record, args), source)
        output.close()
    return code


def _check_usage(sources: list[str], url: str | None) -> None:
    if sources.count("-") > 1:
        raise UsageError("stdin (-) can be given only once")
    local = [source for source in sources if _is_local(source)]
    if url is not None and len(local) > 1:
        # One base URL cannot be right for several pages: it would be silently wrong for all but one.
        raise UsageError(f"--url names one page, but {len(local)} file or stdin sources were given")
    if url is not None and not local:
        raise UsageError("--url is the base URL of a file or stdin page; a URL source needs none")


class _Output:
    """Writes records as one JSON object, as JSON Lines, or (json, several sources) as one streamed JSON array."""

    def __init__(self, target: IO[str], output_format: str | None, *, several: bool) -> None:
        self._target = target
        self._several = several
        self._lines = output_format == "jsonl" or (output_format is None and several)
        self._array = several and not self._lines
        self._count = 0
        if self._array:
            target.write("[")

    def write(self, record: Article | ExplainedArticle, source: str) -> None:
        data: dict[str, Any] = record.model_dump(mode="json")
        if self._several:
            data = {"source": source, **data}
        if self._lines:
            self._target.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif self._array:
            item = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            self._target.write(("," if self._count else "") + "\n  " + item)
        else:
            self._target.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        self._count += 1
        self._target.flush()  # streamed: a reader sees each record as it is done

    def close(self) -> None:
        if self._array:
            self._target.write("\n]\n" if self._count else "]\n")


def _is_url(source: str) -> bool:
    return has_http_scheme(source)


def _is_local(source: str) -> bool:
    """A file path or stdin: what --url gives a base URL to."""
    return not _is_url(source) and "://" not in source


def _extract_one(source: str, args: argparse.Namespace, fetch_settings: FetchSettings) -> Article | ExplainedArticle:
    from newsextract.extract import explain_article, extract_article  # `batch` never loads the extractor here

    extract = explain_article if args.explain else extract_article
    settings = ExtractSettings(include_images=not args.no_images)
    if _is_url(source):
        from newsextract.fetch import fetch

        page = fetch(source, fetch_settings)
        with extraction_errors(page.final_url):
            return extract(
                page.content, url=page.url, final_url=page.final_url, http_charset=page.charset, settings=settings
            )
    raw = _read_source(source, fetch_settings.max_bytes)
    with extraction_errors(args.url):
        return extract(raw, url=args.url, settings=settings)


def _read_source(source: str, max_bytes: int) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    if "://" in source:
        raise InvalidURLError(f"unsupported URL scheme: {source.split('://')[0]}", url=source)
    try:
        with open(source, "rb") as stream:
            head = stream.read(len(_GZIP_MAGIC))
            if head != _GZIP_MAGIC:
                return head + stream.read()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", url=source) from exc
    return _read_gzip(source, max_bytes)


def _read_gzip(source: str, max_bytes: int) -> bytes:
    """A gzip file (sniffed, as `batch --input-dir` does), decompressed no further than ``max_bytes``."""
    from newsextract.batch.sources import load_offline  # the batch's bounded reader, loaded only for .gz

    return load_offline(source, "file:" + str(Path(source)), max_bytes).content

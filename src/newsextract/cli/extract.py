"""`newsextract extract`: one record per source (URL, file or stdin), to stdout or a file.

Usage (from cli/__init__.py)::

    add_extract_parser(subparsers)
    return run_extract_command(args)        # when args.command == "extract"
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import IO

from newsextract.cli.report import report_error
from newsextract.errors import ExitCode, InputError, InvalidURLError, UsageError, extraction_errors
from newsextract.jsonout import to_json, write_jsonl
from newsextract.models import Article, ExplainedArticle
from newsextract.settings import ExtractSettings, FetchSettings


def add_extract_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` sub-command and its options."""
    extract = commands.add_parser("extract", help="extract articles from URLs, files or stdin")
    extract.add_argument("sources", nargs="+", metavar="SOURCE", help="http(s) URL, file path, or - for stdin")
    extract.add_argument("--url", help="base URL of a file or stdin page (for relative links)")
    extract.add_argument("-o", "--output", help="write to this file instead of stdout")
    extract.add_argument("--format", choices=("json", "jsonl"), help="json (one source) or jsonl (default for several)")
    extract.add_argument("--no-images", action="store_true", help="leave images out of the record")
    extract.add_argument("--no-robots", action="store_true", help="do not consult robots.txt for URLs")
    extract.add_argument("--timeout", type=float, default=30.0, help="whole-request timeout in seconds for URLs")
    extract.add_argument(
        "--explain",
        action="store_true",
        help="output {article, removed}: every zone and paragraph left out, with rule and evidence",
    )


def run_extract_command(args: argparse.Namespace) -> int:
    """Extract every source; a failed one is a stderr line and exit code 1, the others still go out."""
    if args.sources.count("-") > 1:
        return report_error(UsageError("stdin (-) can be given only once"))
    as_lines = args.format == "jsonl" or (args.format is None and len(args.sources) > 1)
    code = ExitCode.OK
    target: IO[str]
    with open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout) as target:
        for source in args.sources:
            try:
                article = _extract_one(source, args)
            except Exception as exc:  # typed or not, one source's failure must not lose the others
                code = max(code, report_error(exc, source))
                continue
            if as_lines:
                write_jsonl(article, target)
            else:
                target.write(to_json(article, indent=2) + "\n")
    return code


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _extract_one(source: str, args: argparse.Namespace) -> Article | ExplainedArticle:
    from newsextract.extract import explain_article, extract_article  # `batch` never loads the extractor here

    extract = explain_article if args.explain else extract_article
    settings = ExtractSettings(include_images=not args.no_images)
    if _is_url(source):
        from newsextract.fetch import fetch

        page = fetch(source, FetchSettings(respect_robots=not args.no_robots, total_timeout=args.timeout))
        with extraction_errors(page.final_url):
            return extract(
                page.content, url=page.url, final_url=page.final_url, http_charset=page.charset, settings=settings
            )
    raw = _read_source(source)
    with extraction_errors(args.url):
        return extract(raw, url=args.url, settings=settings)


def _read_source(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    if "://" in source:
        raise InvalidURLError(f"unsupported URL scheme: {source.split('://')[0]}", url=source)
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", url=source) from exc

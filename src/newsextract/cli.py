"""The newsextract command: argument parsing -> settings -> library calls -> output and exit codes.

Usage: ``newsextract extract page.html --url https://example.com/a``
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import IO

from newsextract.errors import NewsExtractError
from newsextract.jsonout import to_json, write_jsonl
from newsextract.models import Article, ExplainedArticle
from newsextract.settings import ExtractSettings, FetchSettings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"newsextract: error: {message} (see --help)\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsextract", description="Turn news web pages into structured article records.")
    parser.add_argument("--version", action="version", version=_version())
    commands: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser
    )
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
    _add_batch(commands)
    return parser


def _add_batch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsextract.cli_batch import add_batch_parser

    add_batch_parser(commands)
    from newsextract.discover.command import add_discover_parser

    add_discover_parser(commands)


def _version() -> str:
    from newsextract import __version__

    return f"newsextract {__version__}"


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _extract_one(source: str, args: argparse.Namespace) -> Article | ExplainedArticle:
    from newsextract.extract import explain_article, extract_article  # `batch` never loads the extractor here

    extract = explain_article if args.explain else extract_article
    settings = ExtractSettings(include_images=not args.no_images)
    if _is_url(source):
        from newsextract.fetch import fetch

        page = fetch(source, FetchSettings(respect_robots=not args.no_robots, total_timeout=args.timeout))
        return extract(
            page.content, url=page.url, final_url=page.final_url, http_charset=page.charset, settings=settings
        )
    if source == "-":
        return extract(sys.stdin.buffer.read(), url=args.url, settings=settings)
    if "://" in source:
        raise NewsExtractError(f"unsupported URL scheme: {source.split('://')[0]}", url=source, stage="fetch")
    try:
        raw = Path(source).read_bytes()
    except OSError as exc:
        raise NewsExtractError(f"cannot read file: {exc.strerror or exc}", url=source, stage="read") from exc
    return extract(raw, url=args.url, settings=settings)


def _run_extract(args: argparse.Namespace) -> int:
    if args.sources.count("-") > 1:
        sys.stderr.write("newsextract: error: stdin (-) can be given only once\n")
        return EXIT_USAGE
    as_lines = args.format == "jsonl" or (args.format is None and len(args.sources) > 1)
    failed = 0
    target: IO[str]
    with open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout) as target:
        for source in args.sources:
            try:
                article = _extract_one(source, args)
            except NewsExtractError as exc:
                failed += 1
                sys.stderr.write(f"newsextract: {source}: {exc.stage} failed: {exc.message}\n")
                continue
            except Exception as exc:  # a bug on one page must not lose the other sources
                failed += 1
                sys.stderr.write(f"newsextract: {source}: internal error: {type(exc).__name__}: {exc}\n")
                continue
            if as_lines:
                write_jsonl(article, target)
            else:
                target.write(to_json(article, indent=2) + "\n")
    return EXIT_FAILED if failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the newsextract command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _run_extract(args)
        if args.command == "discover":
            from newsextract.discover.command import run_discover_command

            return run_discover_command(args)
        from newsextract.cli_batch import run_batch_command

        return run_batch_command(args)
    except KeyboardInterrupt:
        sys.stderr.write("newsextract: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        sys.stderr.write(f"newsextract: error: {exc}\n")
        return EXIT_FAILED

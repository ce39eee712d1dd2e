"""`newsextract discover` and `newsextract batch --discover`: argument parsing and the runs, for the CLI.

Usage (from cli/__init__.py and cli/batch.py)::

    add_discover_parser(subparsers)         # adds the `discover` sub-command
    return run_discover_command(args)       # when args.command == "discover"
    code = use_discovered_list(args)        # batch --discover: sets args.input, or returns an exit code

    $ newsextract discover https://example.com/ -o urls.txt
    $ newsextract discover https://example.com/ --since 2024-05-01 --format jsonl
    $ newsextract discover https://example.com/ | newsextract batch - -o out.jsonl
    $ newsextract batch --discover https://example.com/ -o out.jsonl
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from newsextract._files import atomic_file
from newsextract.cli.argtypes import non_negative_float, non_negative_int, positive_int
from newsextract.cli.fetch_options import add_request_options, with_request_options
from newsextract.discover import discover
from newsextract.discover.filters import parse_date
from newsextract.discover.models import DEFAULT_DISCOVER_SETTINGS, DiscoverSettings, Report
from newsextract.errors import ExitCode
from newsextract.settings import DEFAULT_FETCH_SETTINGS, FetchSettings

DISCOVERED_SUFFIX = ".discovered.txt"
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_discover_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `discover` sub-command and its options."""
    limits, fetch = DEFAULT_DISCOVER_SETTINGS, DEFAULT_FETCH_SETTINGS
    parser = subparsers.add_parser(
        "discover",
        help="list article URLs from home pages, sitemaps and feeds",
        description="One URL per line (or JSON Lines with --format jsonl), each once, ready for `batch -`.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="a site's home page, a feed URL or a sitemap URL")
    parser.add_argument("-o", "--output", type=Path, help="write the list here (atomically) instead of stdout")
    parser.add_argument("--format", choices=("lines", "jsonl"), default="lines", help="lines (default) or jsonl")
    parser.add_argument("--since", type=_since, metavar="DATE", help="only URLs published (else modified) since DATE")
    parser.add_argument("--until", type=_until, metavar="DATE", help="only URLs dated up to DATE (a day: all of it)")
    parser.add_argument("--limit", type=positive_int, help="stop after this many URLs")
    parser.add_argument("--any-site", action="store_true", help="keep URLs and follow sitemaps on other sites too")
    parser.add_argument("--max-depth", type=non_negative_int, default=limits.max_depth, help="sitemap-index levels")
    parser.add_argument("--max-sitemaps", type=positive_int, default=limits.max_sitemaps, help="sitemaps read")
    parser.add_argument("--max-urls", type=positive_int, default=limits.max_urls, help="URLs output at most")
    add_fetch_options(parser, fetch)
    add_request_options(parser)


def add_fetch_options(parser: argparse.ArgumentParser, fetch: FetchSettings) -> None:
    """The politeness options discovery shares with `batch` (same names, same meaning)."""
    parser.add_argument("--per-host", type=positive_int, default=fetch.per_host_concurrency, help="requests per host")
    parser.add_argument(
        "--delay", type=non_negative_float, default=fetch.per_host_delay, help="seconds between requests to a host"
    )
    parser.add_argument("--no-robots", action="store_true", help="do not consult robots.txt")


def run_discover_command(args: argparse.Namespace) -> int:
    """Run `newsextract discover`; 0 if URLs were found or nothing went wrong, 1 if problems left it empty."""
    try:
        settings = DiscoverSettings(
            max_depth=args.max_depth,
            max_sitemaps=args.max_sitemaps,
            max_urls=args.max_urls,
            same_site=not args.any_site,
            since=args.since,
            until=args.until,
            limit=args.limit,
        )
    except ValueError as exc:
        sys.stderr.write(f"newsextract: error: {exc}\n")
        return ExitCode.USAGE
    problems = _StderrReport()
    with _output(args.output) as target:
        count = write_urls(args.sources, target, args.format, settings, _fetch_settings(args), problems)
    return ExitCode.FAILED if count == 0 and problems.count else ExitCode.OK


def write_urls(
    sources: list[str],
    target: IO[str],
    output_format: str,
    settings: DiscoverSettings,
    fetch_settings: FetchSettings,
    problems: Report,
) -> int:
    """Discover and write one line per URL; return how many."""
    count = 0
    for found in discover(sources, settings=settings, fetch_settings=fetch_settings, report=problems):
        line = json.dumps(found.to_json_dict(), ensure_ascii=False) if output_format == "jsonl" else found.url
        target.write(line + "\n")
        count += 1
    return count


def use_discovered_list(args: argparse.Namespace) -> int | None:
    """`batch --discover SITE...`: point ``args.input`` at the run's saved URL list; None, or an exit code.

    The list is discovered once and saved atomically as OUTPUT.discovered.txt; a rerun
    (resume) reuses it as it is, so it resumes exactly the same list.
    """
    if args.input is not None or args.output is None:
        sys.stderr.write("newsextract: error: --discover needs -o OUTPUT (the list is saved beside it) and no INPUT\n")
        return ExitCode.USAGE
    saved = Path(str(args.output).rstrip("/") + DISCOVERED_SUFFIX)
    if not saved.exists():
        problems = _StderrReport()
        with _output(saved) as target:
            fetch_settings = _fetch_settings(args)
            count = write_urls(args.discover, target, "lines", DEFAULT_DISCOVER_SETTINGS, fetch_settings, problems)
        if count == 0:
            saved.unlink()  # an empty list must not be reused: the next run discovers again
            sys.stderr.write("newsextract: error: discovery found no URLs\n")
            return ExitCode.FAILED
        sys.stderr.write(f"newsextract: discovered {count} URLs, saved in {saved}\n")
    args.input = str(saved)
    return None


class _StderrReport:
    """Reports each problem as one stderr line and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, url: str, message: str) -> None:
        self.count += 1
        sys.stderr.write(f"newsextract: discover: {url}: {message}\n")


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a file written in full under a temporary name and then renamed into place."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_file(path) as stream:
        target = io.TextIOWrapper(stream, encoding="utf-8")
        yield target
        target.flush()  # before atomic_file syncs and renames the bytes underneath
        target.detach()  # the stream is atomic_file's to close


def _fetch_settings(args: argparse.Namespace) -> FetchSettings:
    return with_request_options(
        args,
        FetchSettings(per_host_concurrency=args.per_host, per_host_delay=args.delay, respect_robots=not args.no_robots),
    )


def _since(text: str) -> datetime:
    return _cli_date(text, whole_day=False)


def _until(text: str) -> datetime:
    return _cli_date(text, whole_day=True)


def _cli_date(text: str, *, whole_day: bool) -> datetime:
    parsed = parse_date(text)  # naive dates are UTC
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date: {text} (use e.g. 2024-05-01 or 2024-05-01T12:00:00+02:00)")
    if whole_day and _DATE_ONLY.match(text.strip()):
        parsed += timedelta(days=1, microseconds=-1)  # --until 2024-05-01 includes all of May 1st
    return parsed.astimezone(UTC)

"""`newsextract batch`: argument parsing and the run, local or on Dask.

Usage (from cli/__init__.py)::

    add_batch_parser(subparsers)            # adds the `batch` sub-command
    return run_batch_command(args)          # when args.command == "batch"

    $ newsextract batch urls.txt.gz -o out.jsonl --per-host 2 --delay 1
    $ newsextract batch --warc CC-NEWS-*.warc.gz -o out.jsonl
    $ newsextract batch --input-dir pages/ --url-map pages.tsv -o out.jsonl --require-article
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

from newsextract.batch import RunOptions, format_summary, run_to_file
from newsextract.batch.sources import InputItem, dir_items, list_items, read_url_map, warc_items
from newsextract.batch.summary import BatchSummary
from newsextract.cli.argtypes import non_negative_float, positive_float, positive_int
from newsextract.cli.fetch_options import add_request_options, with_request_options
from newsextract.cli.report import report_error
from newsextract.errors import NewsExtractError, UsageError
from newsextract.settings import MAX_PAGE_TIMEOUT, BatchSettings, FetchSettings

_DEFAULTS = BatchSettings()
_PROGRESS_EVERY = 30.0


def add_batch_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `batch` sub-command and its options."""
    parser = subparsers.add_parser(
        "batch",
        help="fetch and extract a list of URLs (or saved pages, WARC files) into JSON Lines",
        description="One JSON line per distinct input URL, resumable: rerun the same command after a crash.",
    )
    parser.add_argument(
        "input",
        nargs="?",
        metavar="INPUT",
        help="file of URLs, one a line (# comments; .gz accepted; a line 'ID<TAB>URL' gives the record an id), "
        "a .csv/.tsv table with a header naming 'url' (and 'id') columns, or - for stdin",
    )
    # A string, not a Path: with --dask a trailing "/" (a directory of parts) is meaningful.
    parser.add_argument("-o", "--output", help="JSON Lines output (default: stdout)")
    parser.add_argument(
        "--state", type=Path, help="run state for resuming (default: OUTPUT.state.sqlite; none for stdout)"
    )
    parser.add_argument(
        "--discover", nargs="+", metavar="SITE", help="discover the URLs first (saved as OUTPUT.discovered.txt)"
    )
    _add_offline_inputs(parser)
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for "
        "N worker processes here; needs -o (a file, or DIR/ for a directory of parts)",
    )
    _add_fetch_options(parser)
    _add_run_options(parser)


def _add_offline_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input-dir", type=Path, help="directory of saved .html / .html.gz pages")
    parser.add_argument(
        "--url-map",
        type=Path,
        metavar="FILE",
        help="with --input-dir: lines 'relative/path.html<TAB>URL' giving saved pages their real URL",
    )
    parser.add_argument(
        "--warc",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="WARC files (.warc, .warc.gz) whose responses to extract",
    )


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    add_request_options(parser)
    fetch = _DEFAULTS.fetch
    parser.add_argument(
        "--concurrency",
        type=positive_int,
        default=fetch.concurrency,
        help=f"parallel requests in all (default {fetch.concurrency})",
    )
    parser.add_argument(
        "--per-host",
        type=positive_int,
        default=fetch.per_host_concurrency,
        help=f"parallel requests per host (default {fetch.per_host_concurrency})",
    )
    parser.add_argument(
        "--delay",
        type=non_negative_float,
        default=fetch.per_host_delay,
        help=f"minimum seconds between requests to one host (default {fetch.per_host_delay})",
    )
    parser.add_argument("--no-robots", action="store_true", help="do not consult robots.txt")


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--retry-failed", action="store_true", help="retry URLs that failed in earlier runs (up to --max-attempts)"
    )
    parser.add_argument(
        "--max-attempts",
        type=positive_int,
        default=_DEFAULTS.max_attempts,
        help=f"attempts per URL for --retry-failed (default {_DEFAULTS.max_attempts})",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        help="extraction processes (default: one per core; with --dask, one per running partition)",
    )
    parser.add_argument(
        "--page-timeout",
        type=functools.partial(positive_float, at_most=MAX_PAGE_TIMEOUT),
        default=_DEFAULTS.page_timeout,
        metavar="SECONDS",
        help="extraction time limit per page; past it the page fails as extract_timeout "
        f"(default {_DEFAULTS.page_timeout:g})",
    )
    parser.add_argument(
        "--require-article",
        action="store_true",
        help="a page with no article (an empty body) is a failure of kind no_article, not an ok record",
    )
    parser.add_argument(
        "--progress-every",
        type=non_negative_float,
        metavar="SECONDS",
        help="when stderr is not a terminal, print a progress line every SECONDS "
        f"(default {_PROGRESS_EVERY:g}; 0: never); a terminal gets a live line",
    )


def run_batch_command(args: argparse.Namespace) -> int:
    """Run `newsextract batch` with parsed arguments; return the exit code (0, 1, 2 or 130)."""
    if args.discover:
        from newsextract.cli.discover import use_discovered_list  # loaded only for --discover

        if (code := use_discovered_list(args)) is not None:
            return code
    try:
        _check_inputs(args)
        summary = _run_dask(args) if args.dask else _run_local(args)
    except NewsExtractError as exc:  # usage, an output that belongs to another run, a cluster that failed
        return report_error(exc)
    sys.stderr.write(format_summary(summary) + "\n")
    return summary.exit_code


def _options(args: argparse.Namespace) -> RunOptions:
    every = _PROGRESS_EVERY if args.progress_every is None else args.progress_every
    return RunOptions(
        progress_stream=sys.stderr,
        live_progress=sys.stderr.isatty(),
        handle_signals=True,
        progress_every=every or None,
    )


def _run_local(args: argparse.Namespace) -> BatchSummary:
    return run_to_file(
        _items(args),
        output=Path(args.output) if args.output else None,
        state=args.state,
        settings=_settings(args),
        options=_options(args),
    )


def _settings(args: argparse.Namespace) -> BatchSettings:
    fetch = with_request_options(
        args,
        FetchSettings(
            concurrency=args.concurrency,
            per_host_concurrency=args.per_host,
            per_host_delay=args.delay,
            respect_robots=not args.no_robots,
        ),
    )
    return BatchSettings(
        fetch=fetch,
        workers=args.workers,
        retry_failed=args.retry_failed,
        max_attempts=args.max_attempts,
        page_timeout=args.page_timeout,
        require_article=args.require_article,
    )


def _check_inputs(args: argparse.Namespace) -> None:
    """Raise UsageError for a command line that cannot run (nothing is touched before this passes)."""
    if args.input is None and args.input_dir is None and not args.warc:
        raise UsageError("batch needs INPUT, --input-dir or --warc")
    if args.input not in (None, "-") and not Path(args.input).is_file():
        raise UsageError(f"no such input file: {args.input}")
    if args.input_dir is not None and not args.input_dir.is_dir():
        raise UsageError(f"no such directory: {args.input_dir}")
    if args.url_map is not None and (args.input_dir is None or not args.url_map.is_file()):
        raise UsageError(f"--url-map needs --input-dir and an existing file: {args.url_map}")
    missing = [str(path) for path in args.warc if not path.is_file()]
    if missing:
        raise UsageError(f"no such WARC file: {', '.join(missing)}")
    if args.state is None and args.output is None and args.retry_failed:
        raise UsageError("--retry-failed needs a run state: give -o OUTPUT or --state")
    if args.dask and (args.output is None or args.state is not None):
        raise UsageError("--dask needs -o OUTPUT (its run state lives in OUTPUT.parts/), and takes no --state")


def _run_dask(args: argparse.Namespace) -> BatchSummary:
    """`--dask`: the same run, partitioned over a Dask cluster (see batch/dask/)."""
    if importlib.util.find_spec("distributed") is None:
        raise UsageError("--dask needs the dask extra: pip install 'newsextract[dask]'")
    from newsextract.batch.dask import run_batch_dask

    sources = _sources(args)
    return run_batch_dask(
        itertools.chain.from_iterable(sources),
        output=args.output,
        cluster=args.dask,
        warc=args.warc,
        settings=_settings(args),
        options=_options(args),
    )


def _sources(args: argparse.Namespace) -> list[Iterator[InputItem]]:
    """The URL list and saved pages of the command line (WARC files are read where they run)."""
    sources: list[Iterator[InputItem]] = []
    if args.input is not None:
        sources.append(list_items(args.input))
    if args.input_dir is not None:
        url_map = read_url_map(args.url_map) if args.url_map is not None else None
        sources.append(dir_items(args.input_dir, url_map))
    return sources


def _items(args: argparse.Namespace) -> Iterator[InputItem]:
    sources = _sources(args)
    if args.warc:
        sources.append(warc_items(args.warc))
    return itertools.chain.from_iterable(sources)

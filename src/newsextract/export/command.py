"""`newsextract export`: argument parsing and the run, for the CLI to plug in.

Usage (from the CLI)::

    add_export_parser(subparsers)           # adds the `export` sub-command
    return run_export_command(args)         # when args.command == "export"

    $ newsextract export out.jsonl -o out.parquet
    $ newsextract export out.jsonl -o out.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsextract.export import FORMATS, ExportSettings, export_records
from newsextract.export.errors import ExportError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_DEFAULTS = ExportSettings()


def add_export_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `export` sub-command and its options."""
    parser = subparsers.add_parser(
        "export",
        help="convert batch JSON Lines into typed Parquet or CSV",
        description="One row per record: url, ok, error_*, then every article field, typed. See docs/export.md.",
    )
    parser.add_argument("input", type=Path, metavar="INPUT", help="JSON Lines written by `newsextract batch` (.gz ok)")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="the .parquet or .csv file (written atomically)"
    )
    parser.add_argument("--format", choices=FORMATS, help="default: from the output's suffix")
    parser.add_argument(
        "--batch-size",
        type=_positive_int,
        default=_DEFAULTS.batch_size,
        help=f"records per Parquet row group, the memory bound (default {_DEFAULTS.batch_size})",
    )


def run_export_command(args: argparse.Namespace) -> int:
    """Run the export; one summary line on stderr. Exit 0, 1 (bad input), 2 (usage, missing extra)."""
    settings = ExportSettings(batch_size=args.batch_size)
    try:
        summary = export_records(args.input, args.output, fmt=args.format, settings=settings)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except ExportError as exc:
        return _fail(str(exc), EXIT_FAILED)
    except OSError as exc:
        return _fail(f"{exc.filename or args.input}: {exc.strerror or exc}", EXIT_FAILED)
    sys.stderr.write(
        f"newsextract: exported {summary.records} records ({summary.failures} failures) "
        f"to {summary.dest} as {summary.format}, {len(summary.columns)} columns\n"
    )
    return EXIT_OK


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"newsextract: export: {message}\n")
    return code


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value

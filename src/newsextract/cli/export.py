"""`newsextract export`: batch JSON Lines to typed Parquet or CSV (see docs/export.md).

Usage (from cli/__init__.py)::

    add_export_parser(subparsers)           # adds the `export` sub-command
    return run_export_command(args)         # when args.command == "export"

    $ newsextract export out.jsonl -o out.parquet
    $ newsextract export out.jsonl -o out.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsextract.cli.argtypes import positive_int
from newsextract.cli.report import report_error
from newsextract.errors import ExitCode, ExportError, NewsExtractError
from newsextract.export import FORMATS, ExportSettings, export_records

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
        type=positive_int,
        default=_DEFAULTS.batch_size,
        help=f"records per Parquet row group, the memory bound (default {_DEFAULTS.batch_size})",
    )


def run_export_command(args: argparse.Namespace) -> int:
    """Run the export; one summary line on stderr. Exit 0, 1 (bad input), 2 (usage, missing extra)."""
    settings = ExportSettings(batch_size=args.batch_size)
    try:
        summary = export_records(args.input, args.output, fmt=args.format, settings=settings)
    except NewsExtractError as exc:
        return report_error(exc)
    except OSError as exc:
        return report_error(ExportError(f"{exc.filename or args.input}: {exc.strerror or exc}"))
    sys.stderr.write(
        f"newsextract: exported {summary.records} records ({summary.failures} failures) "
        f"to {summary.dest} as {summary.format}, {len(summary.columns)} columns\n"
    )
    return ExitCode.OK

"""The newsextract command: argument parsing -> settings -> library calls -> output and exit codes.

Usage: ``newsextract extract page.html --url https://example.com/a``

The sub-commands live in extract.py and batch.py; every error line and exit code goes
through report.py (the exit-code table itself is errors.ExitCode).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from newsextract.cli.report import error_line, report_error
from newsextract.errors import ExitCode, UsageError

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(error_line(UsageError(f"{message} (see --help)")))
        raise SystemExit(ExitCode.USAGE)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the newsextract command and its sub-commands."""
    from newsextract.cli.batch import add_batch_parser
    from newsextract.cli.discover import add_discover_parser
    from newsextract.cli.export import add_export_parser
    from newsextract.cli.extract import add_extract_parser
    from newsextract.cli.schema import add_schema_parser

    parser = _Parser(prog="newsextract", description="Turn news web pages into structured article records.")
    parser.add_argument("--version", action="version", version=_version())
    commands: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser
    )
    add_extract_parser(commands)
    add_batch_parser(commands)
    add_discover_parser(commands)
    add_export_parser(commands)
    add_schema_parser(commands)
    return parser


def _version() -> str:
    from newsextract import __version__

    return f"newsextract {__version__}"


# Each sub-command's module is imported only when it runs (extract loads trafilatura, discover feedparser).
_COMMANDS = {
    "extract": ("newsextract.cli.extract", "run_extract_command"),
    "batch": ("newsextract.cli.batch", "run_batch_command"),
    "discover": ("newsextract.cli.discover", "run_discover_command"),
    "export": ("newsextract.cli.export", "run_export_command"),
    "schema": ("newsextract.cli.schema", "run_schema_command"),
}


def _run_command(args: argparse.Namespace) -> int:
    import importlib

    module, function = _COMMANDS[args.command]
    run: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), function)
    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the newsextract command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return _run_command(args)
    except KeyboardInterrupt:
        sys.stderr.write("newsextract: interrupted\n")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK
    except OSError as exc:
        return report_error(exc)

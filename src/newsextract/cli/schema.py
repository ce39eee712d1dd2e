"""``newsextract schema``: print the JSON Schema of the records the commands write.

Usage: ``newsextract schema`` (a batch line: Result), ``newsextract schema --model article``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pydantic import BaseModel

from newsextract.errors import ExitCode
from newsextract.models import Article, ExplainedArticle, Result, json_schema

_MODELS: dict[str, type[BaseModel]] = {"result": Result, "article": Article, "explained": ExplainedArticle}


def add_schema_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` command to the CLI's sub-commands."""
    parser = subparsers.add_parser("schema", help="print the JSON Schema of the output records")
    parser.add_argument(
        "--model",
        choices=tuple(_MODELS),
        default="result",
        help="result: a batch output line (default); article: `extract` output; explained: `extract --explain`",
    )


def schema_of(model: str) -> dict[str, Any]:
    """The JSON Schema of one of the output records, as the JSON output is (serialisation mode)."""
    return json_schema() if model == "result" else _MODELS[model].model_json_schema(mode="serialization")


def run_schema_command(args: argparse.Namespace) -> int:
    """Write the schema to stdout; the exit code (always 0)."""
    sys.stdout.write(json.dumps(schema_of(args.model), indent=2, ensure_ascii=False) + "\n")
    return ExitCode.OK

"""The ``--body text|markdown`` option of the commands that write records.

Usage: ``add_body_argument(parser)``, then ``record = apply_body_format(record, args)`` before writing.
"""

from __future__ import annotations

import argparse
from typing import TypeVar

from pydantic import BaseModel

from newsextract.markdown import with_markdown_body

BODY_FORMATS = ("text", "markdown")
Record = TypeVar("Record", bound=BaseModel)


def add_body_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--body {text,markdown}`` to a command that writes records."""
    parser.add_argument(
        "--body",
        choices=BODY_FORMATS,
        default="text",
        help="the body field as plain text (default) or as Markdown rendered from its blocks",
    )


def apply_body_format(record: Record, args: argparse.Namespace) -> Record:
    """The record as the ``--body`` option asks: an Article, ExplainedArticle or Result with its
    article's body rendered as Markdown, or the record unchanged."""
    if getattr(args, "body", "text") != "markdown":
        return record
    return with_markdown_body(record)

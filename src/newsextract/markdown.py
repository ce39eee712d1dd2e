"""The body as Markdown, from its typed blocks.

Usage::

    article.to_markdown()                     # the library (models.Article calls blocks_markdown)
    with_markdown_body(result)                # a copy whose article's body is Markdown
    newsextract extract page.html --body markdown   # the CLI (cli/body.py)

The Markdown holds exactly the body's text (no captions, credits or boilerplate, which never
reach the blocks), marked up by kind: ``## heading``, ``- item``, ``> quote``, pipe tables,
fenced code. A paragraph that would read as Markdown syntax is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from newsextract.models import Block

_PARAGRAPH_SEPARATOR = "\n\n"
_LIST_MARKER = re.compile(r"^[-*•]\s+")
# A plain paragraph starting like this would turn into a heading, quote, list, rule or fence.
_MARKDOWN_START = re.compile(r"^(?:#|>|[-*+]\s|\d+[.)]\s|```|~~~|={3,}|-{3,})")

Record = TypeVar("Record", bound=BaseModel)


def blocks_markdown(blocks: Sequence[Block]) -> str:
    """The blocks as one Markdown document; consecutive list items make one tight list."""
    parts: list[str] = []
    for position, block in enumerate(blocks):
        tight = position > 0 and block.kind == "list_item" and blocks[position - 1].kind == "list_item"
        if parts:
            parts.append("\n" if tight else _PARAGRAPH_SEPARATOR)
        parts.append(block_markdown(block))
    return "".join(parts)


def block_markdown(block: Block) -> str:
    """One block as Markdown."""
    if block.kind == "heading":
        return f"{'#' * (block.level or 2)} {block.text}"
    if block.kind == "list_item":
        return f"- {_LIST_MARKER.sub('', block.text, count=1)}"
    if block.kind == "quote":
        return "\n>\n".join(f"> {line}" for line in block.text.split(_PARAGRAPH_SEPARATOR))
    if block.kind == "table" and block.rows:
        return _table(block.rows)
    if block.kind == "preformatted":
        lines = block.text.split(_PARAGRAPH_SEPARATOR)
        fence = "````" if any("```" in line for line in lines) else "```"
        return "\n".join([fence, *lines, fence])
    return "\\" + block.text if _MARKDOWN_START.match(block.text) else block.text


def _table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    padded = [[cell.replace("|", "\\|") for cell in row] + [""] * (width - len(row)) for row in rows]
    lines = [_row(padded[0]), _row(["---"] * width), *(_row(row) for row in padded[1:])]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def with_markdown_body(record: Record) -> Record:
    """A copy of the record whose article's ``body`` is Markdown (its ``blocks`` stay as they are)."""
    from newsextract.models import Article

    if isinstance(record, Article):
        return record.model_copy(update={"body": record.to_markdown()})
    article = getattr(record, "article", None)
    if isinstance(article, Article):
        return record.model_copy(update={"article": with_markdown_body(article)})
    return record

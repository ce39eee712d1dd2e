"""trafilatura's main-text extraction (fast mode, tables on, no comments, images or links),
ported to work on the cleaned Lexbor tree: no serialising, no lxml.

paragraphs() gives the same paragraphs as body.main_text(..., fast=True) on the pages whose
structure it follows, and None on the others, so that the caller runs trafilatura itself.
"""

from __future__ import annotations

import html
import unicodedata

from selectolax.lexbor import LexborNode

from newsextract.extract.main_text import container as containers
from newsextract.extract.main_text.tree import Element, Unsupported, build
from newsextract.extract.main_text.walk import Block, lead_paragraph, walk
from newsextract.extract.text import squash

__all__ = ["Unsupported", "decline_reason", "paragraphs"]

MIN_EXTRACTED_SIZE = 250  # below it, trafilatura recovers "wild" text and runs its baseline
MIN_PARAGRAPH_TEXT = 3 * MIN_EXTRACTED_SIZE  # below it, <div> text counts as paragraphs
ESCALATION_MAX_LENGTH = 3000  # below it and a fifth of the page, trafilatura retries in recall mode
ESCALATION_PAGE_SHARE = 0.2
MIN_DUPLICATE_LENGTH = 50
SAFETY = 1.1  # margin on the size gates, whose lengths this port estimates


def paragraphs(body: LexborNode | None) -> list[str] | None:
    """The main text's paragraphs, or None where the page takes a path this port does not follow."""
    try:
        return _paragraphs(body)
    except Unsupported:
        return None


def decline_reason(body: LexborNode | None) -> str | None:
    """Why paragraphs() declines the page (for development and tests)."""
    try:
        _paragraphs(body)
    except Unsupported as reason:
        return str(reason)
    return None


def _paragraphs(body: LexborNode | None) -> list[str]:
    if body is None:
        raise Unsupported("no <body>")
    root = build(body)
    container = containers.find_container(root)
    if container is None:
        raise Unsupported("no container: wild text recovery")
    containers.prune(container)
    if not container.children:
        raise Unsupported("empty container")
    if _paragraph_text_length(root) < MIN_PARAGRAPH_TEXT * SAFETY:
        raise Unsupported("little paragraph text: <div> text is read too")
    if {e.tag for e in container.descendants()} == {"lb"}:
        raise Unsupported("a single text run")
    lead = lead_paragraph(container)
    blocks = walk(container)
    if len(blocks) <= 1:
        raise Unsupported("one block: the next container is tried")
    if lead is not None:
        blocks.insert(0, lead)
    extracted = _extracted_length(blocks)
    if extracted < MIN_EXTRACTED_SIZE * SAFETY:
        raise Unsupported("short: wild text recovery")
    if extracted < ESCALATION_MAX_LENGTH * SAFETY and extracted < ESCALATION_PAGE_SHARE * SAFETY * _page_length(body):
        raise Unsupported("a small share of the page: recall retry")
    return _lines(_without_adjacent_repeats(blocks))


def _paragraph_text_length(root: Element) -> int:
    """Length of the text inside <p> elements, over the whole page (trafilatura's //p//text())."""
    total = 0
    stack = [root]
    while stack:
        element = stack.pop()
        if element.tag == "p":
            total += len(element.text_content())
        else:
            stack.extend(element.children)
    return total


def _extracted_length(blocks: list[Block]) -> int:
    return len(" ".join(t for b in blocks for t in (b.own_text, b.tail) if t))


def _page_length(body: LexborNode) -> int:
    """An upper bound of the page text trafilatura measures (html2txt)."""
    return len(squash(body.text(deep=True, separator=" ")))


def _without_adjacent_repeats(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    previous = None
    for block in blocks:
        current = block.own_text
        if current and current == previous and len(current) > MIN_DUPLICATE_LENGTH:
            continue
        previous = current
        kept.append(block)
    return kept


def _lines(blocks: list[Block]) -> list[str]:
    """xmltotxt() and its clean-up, then the caller's split into paragraphs."""
    raw = "\n".join(t for b in blocks for t in (b.output, b.tail) if t)
    lines = (_printable(line) for line in raw.splitlines())
    text = unicodedata.normalize("NFC", html.unescape("\n".join(line for line in lines if line)))
    return [squash(line) for line in text.splitlines() if squash(line)]


def _printable(line: str) -> str:
    line = line.replace("&#13;", "\r").replace("&#10;", "\n").replace("&nbsp;", "\u00a0")
    if line.isprintable():
        return line
    return "".join(c for c in line if c.isprintable() or c.isspace())

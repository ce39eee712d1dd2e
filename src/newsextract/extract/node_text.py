"""Cheap text measures of a subtree, for checks that only need to know whether a block is short.

Squashing the whole text of a large block (the article body around a picture) for every picture
would make image checks quadratic; these stop reading as soon as the answer is known.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from newsextract.extract.text import squash


def has_text(node: LexborNode) -> bool:
    """True when some text in the subtree is not white space (stops at the first)."""
    return any((piece.text_content or "").strip() for piece in node.traverse(include_text=True) if piece.tag == "-text")


def text_within(node: LexborNode, limit: int) -> str | None:
    """The subtree's text with white space collapsed, or None when it is longer than ``limit`` characters."""
    pieces: list[str] = []
    total = 0
    for piece in node.traverse(include_text=True):
        if piece.tag != "-text":
            continue
        value = piece.text_content or ""
        total += len(value.strip())
        if total > limit:
            return None
        pieces.append(value)
    return squash(" ".join(pieces))


def raw_length(node: LexborNode) -> int:
    """Characters of the subtree's text, white space included (a relative measure, read in C)."""
    return len(node.text(deep=True))

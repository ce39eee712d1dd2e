"""Cheap text measures of a subtree, for checks that only need to know whether a block is short.

Squashing the whole text of a large block (the article body around a picture) for every picture
would make image checks quadratic; these stop reading as soon as the answer is known.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from newsextract.extract.text import squash


def has_text(node: LexborNode) -> bool:
    """True when some text in the subtree is not white space (stops at the first)."""
    return any((piece.text_content or "").strip() for piece in _text_pieces(node) if piece.is_text_node)


def _text_pieces(node: LexborNode) -> Iterator[LexborNode]:
    """The subtree's elements and text nodes, in page order, less the text nodes of ASCII white space only
    (Lexbor leaves them out at C speed): what strip() and squash() would reduce to nothing anyway."""
    return node.traverse(include_text=True, skip_empty=True)


def text_within(node: LexborNode, limit: int) -> str | None:
    """The subtree's text with white space collapsed, or None when it is longer than ``limit`` characters."""
    return _measure(node, limit)[1]


def _measure(node: LexborNode, limit: int) -> tuple[int, str | None]:
    """The subtree's characters (as counted against ``limit``, read no further than past it) and its text,
    collapsed; no text when the characters are more than ``limit``."""
    pieces: list[str] = []
    total = 0
    for piece in _text_pieces(node):
        if not piece.is_text_node:
            continue
        value = piece.text_content or ""
        total += len(value.strip())
        if total > limit:
            return total, None
        pieces.append(value)
    return total, squash(" ".join(pieces))


@dataclass
class ShortTexts:
    """text_within() for a walk that asks about the same nodes again (a gallery's pictures share their
    blocks): a node's text is read once, and again only when a larger limit is asked of a text cut short."""

    _read: dict[int, tuple[int, int, str | None]] = field(default_factory=dict)  # node -> limit, chars, text

    def within(self, node: LexborNode, limit: int) -> str | None:
        known = self._read.get(node.mem_id)
        if known is None or (known[2] is None and limit > known[0]):
            known = (limit, *_measure(node, limit))
            self._read[node.mem_id] = known
        _, chars, text = known
        # Read in full (the text is known) or cut past a larger limit: either way the count decides.
        return text if text is not None and chars <= limit else None


def raw_length(node: LexborNode) -> int:
    """Characters of the subtree's text, white space included (a relative measure, read in C)."""
    return len(node.text(deep=True))

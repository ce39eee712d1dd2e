"""The part of the page that holds the article's own pictures.

The text's container often misses them: a lead picture sits beside the headline, and long stories
continue in sibling sections with their own figures. The region is the smallest element holding
both the headline (<h1>) and the text, never the whole <body>.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from newsextract.extract import dom
from newsextract.extract.text import contains_text, similar
from newsextract.extract.vocabulary.images import PAGE_TAGS
from newsextract.extract.vocabulary.thresholds import MAX_REGION_HEADINGS


def article_region(scope: LexborNode, headline: str | None = None) -> LexborNode:
    """The scope widened to the nearest ancestor that also holds the headline.

    With the headline's text known, its first <h1> counts (pages repeat it for other layouts);
    otherwise the <h1> closest to the scope does.
    """
    body = _body_of(scope)
    if body is None:
        return scope
    chain = {node.mem_id: depth for depth, node in enumerate([scope, *dom.ancestors(scope)])}
    headings = body.css("h1")[:MAX_REGION_HEADINGS]
    matching = [h for h in headings if headline and _names(dom.text_of(h), headline)]
    meetings = [m for m in (_meeting_point(h, chain) for h in matching or headings) if m is not None]
    if not meetings:
        return scope
    best = meetings[0] if matching else min(meetings, key=lambda m: chain[m.mem_id])
    return scope if best.tag in PAGE_TAGS else best


def _names(heading: str, headline: str) -> bool:
    """The <h1> prints the headline, maybe with a kicker before it ("Kultur: …")."""
    return similar(heading, headline) or contains_text(heading, headline)


def _meeting_point(node: LexborNode, chain: dict[int, int]) -> LexborNode | None:
    """The first of the node and its ancestors that is on the scope's chain (their common ancestor)."""
    for candidate in (node, *dom.ancestors(node)):
        if candidate.mem_id in chain:
            return candidate
    return None


def _body_of(node: LexborNode) -> LexborNode | None:
    if node.tag == "body":
        return node
    return next((parent for parent in dom.ancestors(node) if parent.tag == "body"), None)


@dataclass
class TextPosition:
    """Where the article's text container stands, to tell pictures after the text from the rest."""

    path: tuple[LexborNode, ...]  # the container, then its ancestors
    depths: dict[int, int]
    _child_order: dict[int, dict[int, int]] = field(default_factory=dict)  # ancestor -> child -> position

    @classmethod
    def of(cls, scope: LexborNode) -> TextPosition:
        path = (scope, *dom.ancestors(scope))
        return cls(path, {node.mem_id: depth for depth, node in enumerate(path)})

    def after_text(self, node: LexborNode) -> bool:
        """True when the node comes after the end of the text container in document order."""
        previous = node
        for ancestor in dom.ancestors(node):
            depth = self.depths.get(ancestor.mem_id)
            if depth == 0:
                return False  # inside the text container
            if depth is not None:
                order = self._children_of(ancestor)
                return order.get(previous.mem_id, 0) > order.get(self.path[depth - 1].mem_id, 0)
            previous = ancestor
        return False

    def _children_of(self, ancestor: LexborNode) -> dict[int, int]:
        """Positions of an ancestor's children, numbered once per ancestor (so every check stays linear)."""
        if ancestor.mem_id not in self._child_order:
            self._child_order[ancestor.mem_id] = {
                child.mem_id: i for i, child in enumerate(ancestor.iter(include_text=False))
            }
        return self._child_order[ancestor.mem_id]

"""The part of the page that holds the article's own pictures.

The text's container often misses them: a lead picture sits beside the headline, and long stories
continue in sibling sections with their own figures. The region is the smallest element holding
both the headline (<h1>) and the text, never the whole <body>.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from newsextract.extract import dom

# Pages with more headings than this are index pages or hostile; the first ones are enough.
_MAX_HEADINGS = 12
_PAGE_TAGS = ("body", "html", "#document", "-undef")


def article_region(scope: LexborNode) -> LexborNode:
    """The scope widened to the nearest ancestor that also holds the headline."""
    body = _body_of(scope)
    if body is None:
        return scope
    chain = {node.mem_id: depth for depth, node in enumerate([scope, *dom.ancestors(scope)])}
    best: tuple[int, LexborNode] | None = None
    for heading in body.css("h1")[:_MAX_HEADINGS]:
        meeting = _meeting_point(heading, chain)
        if meeting is not None and (best is None or chain[meeting.mem_id] < best[0]):
            best = chain[meeting.mem_id], meeting
    if best is None or best[1].tag in _PAGE_TAGS:
        return scope
    return best[1]


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

"""Boilerplate removal on the DOM, one rule a function, applied in order by clean_tree()."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract import selectors as sel


def _drop_tags(tree: LexborHTMLParser) -> list[LexborNode]:
    return [n for n in tree.css(", ".join(sel.DROP_TAGS)) if n.tag != "noscript" or n.css_first("img") is None]


def _boilerplate_zones(tree: LexborHTMLParser, root: LexborNode | None) -> list[LexborNode]:
    body = tree.body
    if body is None:
        return []
    zones = []
    for node in body.css("[class], [id], [role], [hidden], header, footer, nav, aside"):
        if dom.is_boilerplate(node) and not (root is not None and dom.is_ancestor(node, root)):
            zones.append(node)
    return zones


def unwrap_layout_tables(tree: LexborHTMLParser) -> None:
    """Turn tables used for page layout (cells holding paragraphs) into plain blocks.

    Text extractors read a table as data and flatten it into "a | b" rows,
    which would run a whole old-style article together into one line.
    """
    for table in tree.css("table"):
        if table.css_first("td p, td div, td h1, td h2, th p") is None:
            continue
        for cell in table.css("tbody, thead, tfoot, tr, td, th"):
            cell.unwrap()
        table.unwrap()


def clean_tree(tree: LexborHTMLParser, root: LexborNode | None, extra: list[LexborNode]) -> None:
    """Remove non-article elements in place: scripts and forms, boilerplate zones, then ``extra``
    (figures, captions and byline nodes found by the other steps). The article root's ancestors stay."""
    doomed = _drop_tags(tree) + _boilerplate_zones(tree, root)
    doomed += [n for n in extra if not (root is not None and dom.is_ancestor(n, root))]
    dom.remove_nodes(doomed)
    unwrap_layout_tables(tree)

"""Caption elements anywhere on the page, outside the article's own pictures (a gallery above it, a teaser):
never body text either.

The known caption selectors are many, and Lexbor tests each on every element of the page. One walk
for a few cheaper selectors that list every candidate (the known tags and attributes, and any class
naming a caption or an info text, in any case) then tells the candidates apart here.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract.node_match import SelectorList
from newsextract.extract.node_text import text_within
from newsextract.extract.vocabulary.captions import (
    LOOSE_CAPTION_CLASS_PARTS,
    STRAY_CAPTION_CLASS_PARTS,
    STRAY_CAPTION_SELECTORS,
)
from newsextract.extract.vocabulary.thresholds import MAX_STRAY_CAPTION_CHARS

__all__ = ["stray_captions"]

_KNOWN = SelectorList.parse(STRAY_CAPTION_SELECTORS)
_KNOWN_SELECTOR = ", ".join(STRAY_CAPTION_SELECTORS)
_KNOWN_CLASSES_ANY_CASE = frozenset(name.lower() for name in _KNOWN.classes)
# Every class selector of the known ones names one of the parts (a test checks it); the others stay as they are.
_CANDIDATES = ", ".join(
    (
        *(s for s in STRAY_CAPTION_SELECTORS if not s.startswith(".")),
        *(f"[class*={part} i]" for part in STRAY_CAPTION_CLASS_PARTS),
    )
)
_HTML_SPACE = re.compile(r"[ \t\n\f\r]+")  # what separates class names (not str.split()'s white space)


def stray_captions(tree: LexborHTMLParser) -> list[LexborNode]:
    """The known caption elements, then small, paragraph-free blocks whose class names a caption
    ([class*=caption]; the checks keep a wrapper such as "article--with-captions" safe), each in page order.
    """
    known: list[LexborNode] = []
    loosely_named: list[LexborNode] = []
    seen: set[int] = set()
    known_ids: set[int] | None = None  # Lexbor's own answer, asked only where the case of a class is in doubt
    for node in tree.css(_CANDIDATES):
        if node.mem_id in seen:
            continue  # listed once for each selector it matches
        seen.add(node.mem_id)
        names = node.attributes.get("class") or ""
        classes = set(_HTML_SPACE.split(names))
        if known_ids is None and _case_in_doubt(classes):
            known_ids = {n.mem_id for n in tree.css(_KNOWN_SELECTOR)}
        is_known = _is_known(node, classes) if known_ids is None else node.mem_id in known_ids
        if is_known:
            known.append(node)
        elif (
            any(part in names for part in LOOSE_CAPTION_CLASS_PARTS)
            and text_within(node, MAX_STRAY_CAPTION_CHARS) is not None
            and not _holds_blocks(node)
        ):
            loosely_named.append(node)
    return known + loosely_named


def _case_in_doubt(classes: set[str]) -> bool:
    """A class that is a known caption class in another case: it matches in quirks mode only."""
    return any(name not in _KNOWN.classes and name.lower() in _KNOWN_CLASSES_ANY_CASE for name in classes)


def _is_known(node: LexborNode, classes: set[str]) -> bool:
    """The node matches a known caption selector (its classes' case not in doubt)."""
    return (
        node.tag in _KNOWN.tags
        or not classes.isdisjoint(_KNOWN.classes)
        or any(compound.matches(node) for compound in _KNOWN.compounds)
    )


def _holds_blocks(node: LexborNode) -> bool:
    # Lexbor's css() on a node can match the node itself; only descendants count here.
    return any(inner.mem_id != node.mem_id for inner in node.css("p, div"))

"""Class-blind evidence about a page's text: link density, prose blocks, and the main-text region.

The region is where the article's prose lives. It starts at the densest
paragraph container and widens to the ancestor that also holds the sibling
sections the story continues in (after an ad slot or an inline module), so
that later steps judge zones by where they stand relative to the main text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract.text import squash
from newsextract.extract.vocabulary.thresholds import (
    MAX_PROSE_LINK_DENSITY,
    MAX_WALK,
    MAX_WIDEN_LEVELS,
    MIN_PROSE_CHARS,
    TEXT_BLOCK_GAIN,
    WIDEN_GAIN,
)
from newsextract.extract.vocabulary.zones import (
    INLINE_TAGS,
    PROSE_BLOCK_SELECTOR,
    TEXT_BLOCK_SELECTOR,
)


@dataclass(frozen=True)
class TextStats:
    """Characters of a node's text, and how many of them sit in links."""

    chars: int
    link_chars: int

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


def text_stats(node: LexborNode) -> TextStats:
    chars = len(dom.text_of(node))
    return TextStats(chars, _link_chars(node, chars))


def _link_chars(node: LexborNode, chars: int) -> int:
    return min(sum(len(dom.text_of(a)) for a in node.css("a")), chars)


@dataclass
class Region:
    """The main text's container, and how the page's prose is spread over its elements."""

    root: LexborNode | None
    core: LexborNode | None
    page_prose: int = 0
    prose_by_node: dict[int, int] = field(default_factory=dict)  # mem_id -> prose chars inside
    blocks: list[tuple[LexborNode, int]] = field(default_factory=list)  # prose blocks, page order
    _elements_of: tuple[int, frozenset[int]] | None = field(default=None, init=False, repr=False, compare=False)
    _line_of: tuple[int, frozenset[int]] | None = field(default=None, init=False, repr=False, compare=False)

    def prose_in(self, node: LexborNode) -> int:
        return self.prose_by_node.get(node.mem_id, 0)

    def share_of_prose(self, node: LexborNode) -> float:
        return self.prose_in(node) / self.page_prose if self.page_prose else 0.0

    def contains(self, node: LexborNode) -> bool:
        """True when the node lies inside the region (or is its root)."""
        return self.root is not None and node.mem_id in self._elements(self.root)

    def holds_root(self, node: LexborNode) -> bool:
        """True when the node is the region's root or one of its ancestors (removing it removes the region)."""
        return self.root is not None and node.mem_id in self.line()

    def line(self) -> frozenset[int]:
        """The mem_ids of the region's root and its ancestors, read once (and again if the root changes)."""
        if self.root is None:
            return frozenset()
        root_id = self.root.mem_id
        if self._line_of is None or self._line_of[0] != root_id:
            self._line_of = (root_id, frozenset({root_id, *(p.mem_id for p in dom.ancestors(self.root))}))
        return self._line_of[1]

    def _elements(self, root: LexborNode) -> frozenset[int]:
        """The mem_ids of the region's elements, read in one walk when first asked (the cleaner asks
        about every zone of the page, before it removes any), and again if the root changes."""
        root_id = root.mem_id
        if self._elements_of is None or self._elements_of[0] != root_id:
            self._elements_of = (root_id, frozenset(n.mem_id for n in root.traverse()))
        return self._elements_of[1]


def prose_blocks(scope: LexborNode, paragraphs: dom.ParagraphLengths | None = None) -> list[tuple[LexborNode, int]]:
    """Elements that read as prose, with their prose chars: paragraphs that are long enough and
    mostly not links, and the containers that hold text of their own (Blogger and HubSpot write
    ``<div>text<br><br>text</div>``), counted by that own text only. ``paragraphs`` holds the
    lengths of every paragraph in the scope (dom.paragraph_lengths) when they were read already."""
    known = paragraphs if paragraphs is not None else dom.paragraph_lengths(scope)
    found = []
    for block in scope.css(PROSE_BLOCK_SELECTOR + ", " + TEXT_BLOCK_SELECTOR):
        measured = known.get(block.mem_id)  # None for a container: far cheaper than reading every tag
        if measured is None:
            own = _own_chars(block)
            if own >= MIN_PROSE_CHARS:
                found.append((block, own))
            continue
        chars = measured[1]
        if chars < MIN_PROSE_CHARS:
            continue  # too short: its links need no reading
        if TextStats(chars, _link_chars(block, chars)).link_density < MAX_PROSE_LINK_DENSITY:
            found.append((block, chars))
    return found


def _own_chars(block: LexborNode) -> int:
    """Chars of the element's own text (not its children's), 0 when too short to count: squashing
    only shortens a text, so most containers (white space between their children) skip it."""
    own = block.text(deep=False)
    return len(squash(own)) if len(own) >= MIN_PROSE_CHARS else 0


def find_region(
    tree: LexborHTMLParser, core: LexborNode | None, paragraphs: dom.ParagraphLengths | None = None
) -> Region:
    """Measure the page's prose and widen ``core`` (the densest container) to the whole story."""
    body = tree.body
    if body is None:
        return Region(root=core, core=core)
    blocks = prose_blocks(body, paragraphs)
    total = sum(chars for _, chars in blocks)
    region = Region(root=core, core=core, page_prose=total, prose_by_node=_prose_by_node(blocks), blocks=blocks)
    if blocks:  # text written in one <div>/<span> with <br>s can outweigh every paragraph container
        largest, chars = max(blocks, key=lambda item: item[1])
        if core is None or chars > TEXT_BLOCK_GAIN * region.prose_in(core):
            core = region.core = largest
    if core is not None:
        region.root = _widen(core, region)
    return region


def _prose_by_node(blocks: list[tuple[LexborNode, int]]) -> dict[int, int]:
    """Prose chars inside each element: its blocks' and, through at most MAX_WALK levels, its descendants'.

    Sibling blocks (the paragraphs of one container) share their ancestors: those are walked once
    per container, with the container's sum, not once per paragraph."""
    prose_by_node: dict[int, int] = {}
    by_parent: dict[int, tuple[LexborNode, int]] = {}
    for block, chars in blocks:
        prose_by_node[block.mem_id] = prose_by_node.get(block.mem_id, 0) + chars
        parent = block.parent
        if parent is not None and parent.tag not in ("html", "-undef", "#document"):
            _, held = by_parent.get(parent.mem_id, (parent, 0))
            by_parent[parent.mem_id] = (parent, held + chars)
    for parent, chars in by_parent.values():
        for node in (parent, *islice(dom.ancestors(parent), MAX_WALK - 1)):
            prose_by_node[node.mem_id] = prose_by_node.get(node.mem_id, 0) + chars
    return prose_by_node


def _widen(core: LexborNode, region: Region) -> LexborNode:
    current = core
    if current.tag in INLINE_TAGS:  # a <span> or <em> holding paragraphs: its block is the container
        current = next((p for p in dom.ancestors(current) if p.tag not in INLINE_TAGS), current)
    for level, parent in enumerate(dom.ancestors(current)):
        if level >= MAX_WIDEN_LEVELS or parent.tag in ("body", "html"):
            break
        if region.prose_in(parent) >= WIDEN_GAIN * max(region.prose_in(current), 1):
            current = parent
    return current

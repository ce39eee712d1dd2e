"""The body as typed blocks: each final body paragraph typed by the element its text came from.

The body's paragraphs are plain text lines (from the main-text extractor, or the region's own
paragraphs), so their structure is recovered from the cleaned DOM, independently of how the text
was produced:

1. ``dom_segments`` walks the typed elements of the cleaned tree (h1-h6, li, blockquote, table,
   pre; an element inside one already walked is skipped, so each node is read once) and cuts
   their text into segments: runs of text inside one block-level element, split at ``<br>`` and,
   in ``<pre>``, at line ends. Each segment carries the kind of its nearest typed ancestor (a
   ``<p>`` in a table cell is layout, not table data). Every element's context is derived from
   its parent's, which the pre-order walk has already seen: linear in the number of nodes, and
   text outside typed elements (most of a page) is not walked at all: it is paragraphs.
2. ``SegmentIndex`` looks segments up by their first 40 characters; a paragraph takes the
   segment with its start nearest after the previous match (paragraphs come in page order),
   checking a bounded number of candidates: linear in the number of paragraphs.
3. ``type_paragraphs`` turns the paragraphs into blocks, one per paragraph, except that
   consecutive rows of one table, and lines of one ``<pre>``, make one block. A block's text is
   its paragraphs joined by a blank line, so the blocks' texts joined by a blank line are
   exactly the body.

A paragraph whose element is not found (text the cleaning removed, as on the raw-page fallback)
is typed by the marks the main-text extractor prints ("- " a list item, "| a | b |" a table
row), else it is a plain paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from selectolax.lexbor import LexborNode

from newsextract.extract.text import squash
from newsextract.extract.vocabulary.thresholds import SEGMENT_CANDIDATES, SEGMENT_PREFIX_CHARS
from newsextract.models import Block, BlockKind

PARAGRAPH_SEPARATOR = "\n\n"

_TYPED_TAGS: dict[str, tuple[BlockKind, int | None]] = {
    **{f"h{n}": ("heading", n) for n in range(1, 7)},
    "li": ("list_item", None),
    "blockquote": ("quote", None),
    "table": ("table", None),
    "pre": ("preformatted", None),
}
# Elements whose edges end a run of text (inline elements such as <a>, <b>, <span> do not).
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_TYPED_SELECTOR = ", ".join(_TYPED_TAGS)
_NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
# The main-text extractor prints list items as "- item" and table rows as "| a | b |".
_LEADING_MARKER = re.compile(r"^(?:[-*•]\s+|(?:\|\s*)+)")
_MARKER_CHARS = frozenset("-*•|")  # the first characters _LEADING_MARKER can match: most paragraphs start otherwise
_PRINTED_ITEM = re.compile(r"^- \S")
_PRINTED_ROW = re.compile(r"^\|.*\|$")
_PRINTED_MARKS = frozenset("-|")  # the first characters of _PRINTED_ITEM and _PRINTED_ROW
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")
_CELL_BOUNDARY = " |"  # a table row printed "| a | b |" starts with its first cell's text


class _Context(NamedTuple):
    """What an element means for the text inside it. Named tuples: made for most elements walked and
    every segment, and a frozen dataclass takes three times as long."""

    block: int  # the nearest block-level element (a run of text never crosses its edges)
    kind: BlockKind | None  # None: text here is not read (scripts, styles)
    level: int | None
    group: int  # the typed element itself: rows of one table, lines of one <pre>, merge


class Segment(NamedTuple):
    """A run of the cleaned page's text, with the kind of element it sits in."""

    text: str
    kind: BlockKind
    level: int | None
    group: int


def _context_of(node_id: int, tag: str, parent: _Context) -> _Context:
    block = node_id if tag in _BLOCK_TAGS else parent.block
    if tag in _NO_TEXT_TAGS or parent.kind is None:
        return _Context(block, None, None, node_id)
    typed = _TYPED_TAGS.get(tag)
    if tag == "p" and parent.kind == "table":  # prose inside a layout table
        return _Context(block, "paragraph", None, node_id)
    if typed is None:  # an inline element (most of them) means what its parent means: no new context
        return parent if block == parent.block else _Context(block, parent.kind, parent.level, parent.group)
    return _Context(block, typed[0], typed[1], node_id)


@dataclass
class _Runs:
    """Text pieces gathered into segments as the walk goes."""

    segments: list[Segment] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    context: _Context | None = None

    def add(self, text: str, context: _Context) -> None:
        if self.context is None or context.block != self.context.block:
            self.flush()
            self.context = context
        self.pieces.append(text)

    def flush(self) -> None:
        if not self.pieces:  # nothing since the last flush (a <br> after a block's end)
            return
        context, raw = self.context, "".join(self.pieces)
        self.pieces = []
        if context is None or context.kind is None or not raw.strip():
            return
        lines = raw.split("\n") if context.kind == "preformatted" else [raw]
        for line in lines:
            text = squash(line)
            if text:
                self.segments.append(Segment(text, context.kind, context.level, context.group))


def dom_segments(root: LexborNode | None) -> list[Segment]:
    """The text of the typed elements under ``root`` as segments, in document order."""
    if root is None:
        return []
    walked: set[int] = set()  # the typed elements walked, so a nested one is not walked again
    runs = _Runs()
    for element in root.css(_TYPED_SELECTOR):
        if element.mem_id not in walked:
            _walk(element, walked, runs)
    return runs.segments


def _walk(element: LexborNode, walked: set[int], runs: _Runs) -> None:
    """The element's nodes in document order (as ``traverse`` gives them), each with its parent's
    context carried down: no parent to read back per node. A node with no context of its own (a
    comment) gives its children the walk's top one."""
    top = _Context(element.mem_id, "paragraph", None, element.mem_id)
    pending: list[tuple[LexborNode, _Context]] = [(element, top)]
    while pending:
        node, parent_context = pending.pop()
        if node is not element:  # the element's own siblings are outside the walk
            following = node.next
            if following is not None:
                pending.append((following, parent_context))
        tag = node.tag  # each read of a node's tag is a call into the parser
        context = top
        if tag == "br":
            runs.flush()
        elif tag == "-text":
            runs.add(node.text_content or "", parent_context)
        elif tag and not tag.startswith(("_", "#")):  # not a comment or the document
            node_id = node.mem_id
            context = _context_of(node_id, tag, parent_context)
            if tag in _TYPED_TAGS:
                walked.add(node_id)
        child = node.first_child
        if child is not None:
            pending.append((child, context))
    runs.flush()


def _same_start(segment: str, paragraph: str) -> bool:
    """True when the paragraph is the segment's text: equal, a table row starting with the cell,
    or, both long, starting alike (a short list item must not type a paragraph it merely opens)."""
    if segment == paragraph:
        return True
    if paragraph.startswith(segment) and paragraph[len(segment) :].startswith(_CELL_BOUNDARY):
        return True
    return (
        min(len(segment), len(paragraph)) >= SEGMENT_PREFIX_CHARS
        and segment[:SEGMENT_PREFIX_CHARS] == paragraph[:SEGMENT_PREFIX_CHARS]
    )


def _keys(texts: list[str]) -> list[str]:
    """The segment starts that could explain a paragraph (``texts``: it, and it without the list or
    table mark the main-text extractor printed): their own, and a table row's first cell."""
    if len(texts) == 1 and _CELL_BOUNDARY not in texts[0]:
        return [texts[0][:SEGMENT_PREFIX_CHARS]]  # most paragraphs: no mark, no cell
    cells = [text.split(_CELL_BOUNDARY, 1)[0] for text in texts if _CELL_BOUNDARY in text]
    return list(dict.fromkeys(text[:SEGMENT_PREFIX_CHARS] for text in [*texts, *cells]))


class SegmentIndex:
    """Segments looked up by their first 40 characters, nearest to the last match first."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self._by_start: dict[str, list[int]] = defaultdict(list)
        for position, segment in enumerate(segments):
            self._by_start[segment.text[:SEGMENT_PREFIX_CHARS]].append(position)

    def find(self, paragraph: str, cursor: int) -> int | None:
        """The position of the segment the paragraph came from, or None. Only a few segments with
        the paragraph's start are tried (a label repeated a thousand times costs no more)."""
        unmarked = _LEADING_MARKER.sub("", paragraph) if paragraph[:1] in _MARKER_CHARS else paragraph
        texts = [paragraph] if unmarked == paragraph else [paragraph, unmarked]
        for key in _keys(texts):
            positions = self._by_start.get(key)
            if positions is None:
                continue
            start = bisect_left(positions, cursor)
            nearest = (
                positions[start : start + SEGMENT_CANDIDATES]
                + positions[max(0, start - SEGMENT_CANDIDATES) : start][::-1]
            )
            for position in nearest:
                if any(_same_start(self.segments[position].text, text) for text in texts):
                    return position
        return None


@dataclass
class _Draft:
    kind: BlockKind
    level: int | None
    group: int | None
    texts: list[str]

    def takes(self, kind: BlockKind, group: int | None, text: str) -> bool:
        """True when the paragraph continues this block: the next row of its table, line of its <pre>
        (a row known only by its printed form, ``group`` None, continues the table before it)."""
        if self.kind == "table" and _TABLE_RULE.match(text):
            return True
        if kind != self.kind or kind not in ("table", "preformatted"):
            return False
        return group is None or group == self.group

    def block(self) -> Block:
        rows = [_cells(t) for t in self.texts if not _TABLE_RULE.match(t)] if self.kind == "table" else None
        return Block(kind=self.kind, text=PARAGRAPH_SEPARATOR.join(self.texts), level=self.level, rows=rows)


def _cells(row: str) -> list[str]:
    """A row as the main-text extractor prints it ("| a | b |"), or a whole paragraph as one cell."""
    if not row.startswith("|"):
        return [row]
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _kind_as_printed(paragraph: str) -> BlockKind:
    """For a paragraph no element explains: what the main-text extractor's own marks say it is."""
    if paragraph[:1] not in _PRINTED_MARKS:  # most paragraphs: no regex needed
        return "paragraph"
    if _PRINTED_ITEM.match(paragraph):
        return "list_item"
    return "table" if _PRINTED_ROW.match(paragraph) else "paragraph"


def type_paragraphs(paragraphs: list[str], index: SegmentIndex) -> list[Block]:
    """One block per paragraph, in order (table rows and <pre> lines of one element merged)."""
    drafts: list[_Draft] = []
    cursor = 0
    kind: BlockKind
    for paragraph in paragraphs:
        position = index.find(paragraph, cursor)
        if position is None:
            kind, level, group = _kind_as_printed(paragraph), None, None
        else:
            segment = index.segments[position]
            kind, level, group = segment.kind, segment.level, segment.group
            cursor = position + 1
        if drafts and drafts[-1].takes(kind, group, paragraph):
            drafts[-1].texts.append(paragraph)
        else:
            drafts.append(_Draft(kind, level, group, [paragraph]))
    return [draft.block() for draft in drafts]

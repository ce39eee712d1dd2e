"""Boilerplate zones decided by evidence: a name nominates a zone, its content convicts it.

Tags, roles and class words (``widget``, ``promo``, ``aside`` …) only nominate.
A nominated zone is removed when what it holds says boilerplate: mostly link
text, no prose at all, or standing outside the main text. A zone holding a
large share of the page's prose is never removed, whatever its name, and a
class word that the main text itself wears (Elementor's ``elementor-widget``,
Blogger's ``widget Blog``) nominates nothing on that page.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract.evidence import Region, TextStats, text_stats
from newsextract.extract.vocabulary.thresholds import (
    HEADING_SHARE,
    LINK_DENSE,
    MEDIA_TEXT_CHARS,
    PASSAGE_CHARS,
    PROSE_SHARE_KEPT,
    WORN_SHARE,
)
from newsextract.extract.vocabulary.zones import CARD_HEADINGS, INLINE_TAGS, MEDIA


@dataclass(frozen=True)
class Verdict:
    """Whether to remove a nominated zone, by which rule, and what was measured."""

    remove: bool
    rule: str
    evidence: str


def main_text_marks(region: Region) -> frozenset[str]:
    """Marks the main text wears itself: on its container and the container's ancestors, and on
    the wrappers of a good part of its paragraphs (every paragraph in ``<p class="paywall">``)."""
    if region.root is None or region.core is None:
        return frozenset()
    marks: set[str] = set(dom.boilerplate_marks(region.root, zone_tags=False))
    for node in (region.core, *dom.ancestors(region.core)):
        if node.tag == "body":
            break
        marks |= dom.boilerplate_marks(node, zone_tags=False)
    return frozenset(marks | _marks_on_paragraphs(region))


def _marks_on_paragraphs(region: Region) -> set[str]:
    if region.root is None:
        return set()
    root_id = region.root.mem_id
    region_prose = max(region.prose_in(region.root), 1)
    chars_by_mark: dict[str, int] = {}
    known: dict[int, frozenset[str]] = {}  # wrappers shared by many paragraphs are read once
    for block, chars in region.blocks:
        if not region.contains(block):
            continue
        for mark in _marks_below(block, root_id, known):
            chars_by_mark[mark] = chars_by_mark.get(mark, 0) + chars
    return {mark for mark, chars in chars_by_mark.items() if chars >= WORN_SHARE * region_prose}


def _marks_below(node: LexborNode, root_id: int, known: dict[int, frozenset[str]]) -> frozenset[str]:
    """Marks on the node and its ancestors below the region's root (which holds the node),
    memoised in ``known`` by mem_id so that each wrapper is read once for all its paragraphs."""
    path = []
    marks: frozenset[str] = frozenset()
    current: LexborNode | None = node
    while current is not None and current.mem_id != root_id:
        if current.mem_id in known:
            marks = known[current.mem_id]
            break
        path.append(current)
        current = current.parent
    for wrapper in reversed(path):
        marks = marks | dom.boilerplate_marks(wrapper, zone_tags=False)
        known[wrapper.mem_id] = marks
    return marks


@dataclass(frozen=True)
class Nominee:
    """A zone its name nominates, with the marks; ``worn`` when the main text wears them all."""

    node: LexborNode
    marks: frozenset[str]
    worn: bool


def nominated(tree: LexborHTMLParser, region: Region, skip: Container[int] = ()) -> Iterator[Nominee]:
    """Elements whose name marks them as boilerplate, in page order, read lazily.

    The region's container and its ancestors are never nominated. Elements whose mem_id is in
    ``skip`` are passed over unread: the caller adds the elements of each zone it removes, so the
    many named elements inside removed zones (two in three) are never read.
    """
    body = tree.body
    if body is None:
        return
    worn_by_main_text = main_text_marks(region)
    region_line = region.line()  # the region's container and its ancestors: never nominated
    # One selector, so each element comes once (a selector list yields it once per matching selector).
    for node in body.css(":is([class], [id], [role], [hidden], header, footer, nav, aside)"):
        node_id = node.mem_id
        if node_id in skip or node_id in region_line:
            continue
        marks = dom.boilerplate_marks(node)
        if marks:
            yield Nominee(node, marks, worn=marks <= worn_by_main_text)


def judge(nominee: Nominee, region: Region) -> Verdict:
    """Decide one nominated zone by its link density, its share of the prose and its position.

    Inside the main text, or when its name is one the main text wears too, a zone
    must show boilerplate content to go; elsewhere its name and position suffice.
    """
    zone = nominee.node
    named = "/".join(sorted(nominee.marks))
    share = region.share_of_prose(zone)
    inside = region.contains(zone)
    if not inside and not nominee.worn and share < PROSE_SHARE_KEPT:
        # The common case, decided without reading the zone's text (a page can hold 50,000 zones).
        return Verdict(True, "outside_main_text", f"{named}: outside the main text, {share:.0%} of the prose")
    stats = text_stats(zone)
    if stats.chars == 0:
        return Verdict(True, "empty", f"{named}: no text")
    if stats.link_density >= LINK_DENSE:
        return Verdict(True, "link_dense", f"{named}: links {stats.link_density:.0%} of {stats.chars} chars")
    if share >= PROSE_SHARE_KEPT:
        return Verdict(False, "holds_prose", f"{named}: {share:.0%} of the page's prose")
    return _judge_by_content(zone, stats, named, region, nominee.worn)


def _judge_by_content(zone: LexborNode, stats: TextStats, named: str, region: Region, worn: bool) -> Verdict:
    chars = stats.chars
    if zone.tag in INLINE_TAGS:  # a syntax-highlighted "comment" is part of the text
        return Verdict(False, "inline_text", f"{named}: <{zone.tag}> inside the text")
    if chars <= MEDIA_TEXT_CHARS and zone.css_first(MEDIA) is not None and zone.css_first(CARD_HEADINGS) is None:
        return Verdict(True, "media_block", f"{named}: a picture with {chars} chars of text")
    # Prose paragraphs, or as much plain text in list items and spans (an Elementor icon list).
    text = max(region.prose_in(zone), chars - stats.link_chars)
    if text < PASSAGE_CHARS and _is_heading(zone, chars):
        return Verdict(False, "heading", f"{named}: a heading of the text")
    if region.prose_in(zone) == 0 and text < PASSAGE_CHARS:
        return Verdict(True, "no_prose", f"{named}: no prose paragraph, {text} chars of text")
    if not worn and text < PASSAGE_CHARS:  # a one-line teaser or call to action inside the story
        return Verdict(True, "little_prose", f"{named}: {text} chars of text inside the main text")
    return Verdict(False, "prose", f"{named}: {text} chars of text")


def _is_heading(zone: LexborNode, chars: int) -> bool:
    """True when the zone is just a heading (Elementor's heading widget) and no other text."""
    heading_chars = sum(len(dom.text_of(h)) for h in zone.css(CARD_HEADINGS))
    return heading_chars >= HEADING_SHARE * chars

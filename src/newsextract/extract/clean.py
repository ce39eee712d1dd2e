"""Boilerplate removal on the DOM, one rule a function, applied in order by clean_tree()."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom, zones
from newsextract.extract.evidence import Region, text_stats
from newsextract.extract.explain import RemovalLog
from newsextract.extract.text import squash
from newsextract.extract.vocabulary.thresholds import (
    LINK_LIST_DENSITY,
    LINK_LIST_MIN_ITEMS,
    MERGE_MIN_SHARE,
    PROSE_SHARE_KEPT,
    SECTION_SHARE,
)
from newsextract.extract.vocabulary.zones import DROP_TAGS, DROP_UNLESS_PROSE, NOT_A_SECTION


def _drop_tags(tree: LexborHTMLParser, region: Region, log: RemovalLog) -> list[LexborNode]:
    """Scripts, forms, widgets' controls. A <form> or <dialog> holding the page's prose stays."""
    doomed = []
    for node in tree.css(", ".join(DROP_TAGS)):
        tag = node.tag  # read once: each read decodes the name anew
        if tag == "noscript" and node.css_first("img") is not None:
            continue  # lazy loaders keep the real <img> there; the image step reads it
        if tag in DROP_UNLESS_PROSE:
            if region.share_of_prose(node) >= PROSE_SHARE_KEPT or region.holds_root(node):
                continue
            _log_zone(log, "control", f"<{tag}>", node)
        doomed.append(node)
    return doomed


def _log_zone(log: RemovalLog, rule: str, evidence: str, zone: LexborNode) -> None:
    """Log a removed zone with its text, read only when someone asked for the explanation."""
    if log.enabled:
        log.add("zone", rule, evidence, dom.text_of(zone))


def _boilerplate_zones(
    tree: LexborHTMLParser, region: Region, log: RemovalLog, inside_doomed: set[int]
) -> list[LexborNode]:
    """The nominated zones to remove; ``inside_doomed`` gets every element of them."""
    doomed: list[LexborNode] = []
    for nominee in zones.nominated(tree, region, skip=inside_doomed):  # reads the set as it grows
        node = nominee.node
        verdict = zones.judge(nominee, region)
        if verdict.remove:
            doomed.append(node)
            inside_doomed.update(n.mem_id for n in node.traverse())  # once per element: nested zones are skipped
            _log_zone(log, verdict.rule, verdict.evidence, node)
    return doomed


def _link_lists(tree: LexborHTMLParser, region: Region, log: RemovalLog, removed: set[int]) -> list[LexborNode]:
    """Long lists of links outside the main text, named or not: menus, archives, link farms.

    A list inside a zone already removed (``removed``) goes with it: it is read only to explain."""
    doomed = []
    for node in tree.css("ul, ol"):
        if (node.mem_id in removed and not log.enabled) or region.contains(node):
            continue
        if len(node.css("li")) < LINK_LIST_MIN_ITEMS:
            continue
        stats = text_stats(node)
        if stats.link_density >= LINK_LIST_DENSITY:
            doomed.append(node)
            _log_zone(
                log,
                "link_list",
                f"<{node.tag}> outside the main text: links {stats.link_density:.0%} of {stats.chars} chars",
                node,
            )
    return doomed


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


def merge_split_sections(region: Region) -> bool:
    """Unwrap the sibling sections a story is split into (around ad slots and inline modules),
    so the main-text extractor reads them as one text rather than stopping after the first,
    or dropping the ones whose wrapper is named like boilerplate. True when it did."""
    root = region.root
    if root is None:
        return False
    total = max(region.prose_in(root), 1)
    if total < MERGE_MIN_SHARE * region.page_prose:
        return False  # the region is not clearly the story: let the main-text extractor read the page
    # A section wraps paragraphs; a <div> holding text of its own is itself a paragraph.
    sections = [
        child
        for child in root.iter()
        if child.tag not in NOT_A_SECTION and region.prose_in(child) > 0 and not squash(child.text(deep=False))
    ]
    if sum(region.prose_in(s) >= SECTION_SHARE * total for s in sections) < 2:
        return False
    for section in sections:  # every part, small ones too: a wrapper left behind can still be cut
        section.unwrap()
    return True


def cap_tables(tree: LexborHTMLParser, max_cells: int) -> bool:
    """Keep at most ``max_cells`` table cells, cutting the rows past them (a 100,000-cell data
    table costs the main-text extractor seconds and is no article). True when it cut."""
    if len(tree.css("td, th")) <= max_cells:
        return False
    budget = max_cells
    doomed = []
    for row in tree.css("tr"):
        cells = len([child for child in row.iter() if child.tag in ("td", "th")])
        if budget - cells < 0:
            doomed.append(row)
        else:
            budget -= cells
    dom.remove_nodes(doomed)
    return True


def clean_tree(tree: LexborHTMLParser, region: Region, extra: list[LexborNode], log: RemovalLog) -> bool:
    """Remove non-article elements in place: scripts and controls, boilerplate zones, then ``extra``
    (figures, captions and byline nodes found by the other steps). The region's ancestors stay.
    True when the story's split sections were merged (the region then holds the whole story)."""
    dom.remove_nodes(_drop_tags(tree, region, log))  # first, so script text never counts as zone text
    in_zones: set[int] = set()
    doomed = _boilerplate_zones(tree, region, log, in_zones) + _link_lists(tree, region, log, in_zones)
    doomed += [n for n in extra if not region.holds_root(n)]
    dom.remove_nodes(doomed)
    unwrap_layout_tables(tree)
    return merge_split_sections(region)

"""trafilatura's main-text extraction (fast mode, tables on, no comments, images or links),
ported to work on the cleaned Lexbor tree: no serialising, no lxml.

paragraphs() gives the same paragraphs as body.main_text(..., fast=True) on the pages whose
structure it follows, and None on the others, so that the caller runs trafilatura itself.
The steps: tree (cleaning and tag conversion while reading the Lexbor tree), container
(BODY_XPATH and the pruning of its boilerplate), links (link density), handlers and walk
(the blocks), output (the text). As in trafilatura_sequence(), a text under 250 characters
gives way to a longer one from baseline (the page read whole), and a short text covering less
than a fifth of the page (page_text measures it) to a much longer one from the steps run again
in recall mode.
"""

from __future__ import annotations

from typing import NamedTuple

from selectolax.lexbor import LexborNode

from newsextract.extract.main_text import baseline, output, walk
from newsextract.extract.main_text import container as containers
from newsextract.extract.main_text.handlers import POTENTIAL_TAGS
from newsextract.extract.main_text.page_text import page_length
from newsextract.extract.main_text.tree import DONE, Element, Unsupported, build
from newsextract.extract.text import squash

__all__ = ["Unsupported", "decline_reason", "paragraphs"]

MIN_EXTRACTED_SIZE = 250  # below it, trafilatura recovers "wild" text, then tries its baseline
MIN_PARAGRAPH_TEXT = 3 * MIN_EXTRACTED_SIZE  # below it, <div> text counts as paragraphs
ESCALATION_MAX_LENGTH = 3000  # below it and a fifth of the page, trafilatura retries in recall mode
ESCALATION_PAGE_SHARE = 0.2
ESCALATION_ACCEPT_RATIO = 1.5  # the retry's text replaces the first when this much longer


def paragraphs(body: LexborNode | None) -> list[str] | None:
    """The main text's paragraphs, or None where the page takes a path this port does not follow."""
    try:
        return _paragraphs(body)
    except (Unsupported, RecursionError):  # a tree nested deeper than Python's stack: trafilatura's turn
        return None


def decline_reason(body: LexborNode | None) -> str | None:
    """Why paragraphs() declines the page (for development and tests)."""
    try:
        _paragraphs(body)
    except Unsupported as reason:
        return str(reason)
    except RecursionError:
        return "nested too deep"
    return None


def _paragraphs(body: LexborNode | None) -> list[str]:
    if body is None:
        raise Unsupported("no <body>")
    trees: list[list[Element]] = []  # the elements read from the page, to release in the end
    results: list[Element] = []
    try:
        first = _extraction(body, trees, results, recall=False)
        chosen, length = walk.finish(first.result), first.length
        if length < MIN_EXTRACTED_SIZE:  # trafilatura_sequence()'s stage 3: the baseline rescue
            rescued, rescued_length = baseline.rescue(body)
            results.append(rescued)
            if rescued_length > length:
                chosen, length = rescued, rescued_length
        # stage 4 (the exact measure of the page taken last: it seldom counts)
        if length > 0 and _may_escalate(length, body) and _recall_may_differ(body, first):
            retry = _extraction(body, trees, results, recall=True)
            accepted = retry.length >= MIN_EXTRACTED_SIZE and retry.length > ESCALATION_ACCEPT_RATIO * length
            if accepted and length < ESCALATION_PAGE_SHARE * page_length(body):
                chosen, length = walk.finish(retry.result), retry.length
        return output.paragraphs(chosen) if length else []  # no text at all: trafilatura gives None
    finally:
        trees.extend(list(done.iter()) for done in results)
        _release(trees)


class _Extraction(NamedTuple):
    result: Element
    length: int  # of the result's text
    recovered: bool  # wild text recovery ran
    has_paragraph: bool  # a <p> survives the cleaning


def _extraction(body: LexborNode, trees: list[list[Element]], results: list[Element], *, recall: bool) -> _Extraction:
    """extract_content() on the cleaned page, in balanced or recall mode. The elements read and
    the result go to ``trees`` and ``results``."""
    root, has_paragraph = build(body)
    if recall and not has_paragraph and body.css_first("p") is not None:
        raise Unsupported("recall: the cleaning may remove every paragraph")  # tree_cleaning() then undoes it
    original = list(root.iter())  # to tell, after the passes, what they consumed
    trees.append(original)
    result = Element("body", {})
    results.append(result)
    potential_tags, pruned = _container_passes(root, result, recall=recall)
    extracted = len(walk.extracted_text(result))
    recovered = extracted < MIN_EXTRACTED_SIZE  # (an empty result included)
    if recovered:
        untouched = root if not pruned else None
        trees.append(_recover_wild_text(body, untouched, original, result, potential_tags, recall=recall))
        extracted = len(walk.extracted_text(result))
    return _Extraction(result, extracted, recovered, has_paragraph)


def _release(trees: list[list[Element]]) -> None:
    """Cut the links from children to parents: without these cycles the elements go as soon as
    they are dropped, where the cycle collector would otherwise spend a third of the build's time."""
    for elements in trees:
        for element in elements:
            element.parent = None


def _recover_wild_text(
    body: LexborNode,
    untouched: Element | None,
    original: list[Element],
    result: Element,
    potential_tags: frozenset[str],
    *,
    recall: bool,
) -> list[Element]:
    """Wild text on the page as it was before the passes: read again unless no pass touched it,
    with the twins of the elements the passes consumed left out. Returns the elements read again."""
    backup = untouched if untouched is not None else build(body).root
    twins = list(backup.iter())
    consumed = {id(twin) for element, twin in zip(original, twins, strict=True) if element.tag == DONE}
    walk.recover_wild_text(backup, result, potential_tags, consumed, recall=recall)
    return twins


def _container_passes(root: Element, result: Element, *, recall: bool) -> tuple[frozenset[str], bool]:
    """_extract(): the BODY_XPATH containers in turn, until one gives the result more than one block.
    Returns the tags read as blocks, and whether a container was pruned. (Recall mode keeps teasers.)"""
    potential_tags = POTENTIAL_TAGS
    firsts = containers.first_matches(root)  # valid until a container is pruned
    pruned = False
    for index, test in enumerate(containers.CONTAINER_TESTS):
        container = containers.find_container(root, test) if pruned else firsts[index]
        if container is None:
            continue
        pruned = True
        containers.prune(container, keep_teasers=recall)
        if not container.children:
            continue
        if _paragraph_text_length(root) < MIN_PARAGRAPH_TEXT:
            potential_tags = POTENTIAL_TAGS | {"div"}  # and so for the next containers too
        if walk.extract(container, result, potential_tags, recall=recall):
            break
    return potential_tags, pruned


def _may_escalate(extracted: int, body: LexborNode) -> bool:
    """A short text that may cover less than a fifth of the page (an upper bound of its measure)."""
    return extracted < ESCALATION_MAX_LENGTH and extracted < ESCALATION_PAGE_SHARE * _page_length_bound(body)


# Recall mode keeps the teaser blocks ("teaser" in a class or id, where a capital T reads as t)
# and lists in table cells.
_READ_IN_RECALL = '[class*="teaser"], [class*="Teaser"], [id*="teaser"], [id*="Teaser"], ' + ", ".join(
    f"{cell} {lst}" for cell in ("td", "th") for lst in ("ul", "ol", "dl")
)


def _recall_may_differ(body: LexborNode, first: _Extraction) -> bool:
    """Whether recall mode can read anything other than the first extraction did: its steps differ
    only on teaser blocks, lists in table cells, the wild text recovery, and a page whose cleaning
    leaves no paragraph. Where it reads the same text, trafilatura keeps the first."""
    return first.recovered or not first.has_paragraph or body.css_first(_READ_IN_RECALL) is not None


def _paragraph_text_length(root: Element) -> int:
    """Length of the text inside <p> elements, over the whole page (trafilatura's //p//text())."""
    total = 0
    stack = [root]
    while stack:
        element = stack.pop()
        if element.tag == "p":
            total += len(element.text_content())
        else:
            stack.extend(element.children)
    return total


def _page_length_bound(body: LexborNode) -> int:
    """An upper bound of the page text trafilatura measures (html2txt): all the text, a space at
    every text node's edge where html2txt spaces block elements only, its removed sections kept."""
    return len(squash(body.text(deep=True, separator=" ")))

"""trafilatura's main-text extraction (fast mode, tables on, no comments, images or links),
ported to work on the cleaned Lexbor tree: no serialising, no lxml.

paragraphs() gives the same paragraphs as body.main_text(..., fast=True) on the pages whose
structure it follows, and None on the others, so that the caller runs trafilatura itself.
The steps: tree (cleaning and tag conversion while reading the Lexbor tree), container
(BODY_XPATH and the pruning of its boilerplate), links (link density), handlers and walk
(the blocks), output (the text).
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from newsextract.extract.main_text import container as containers
from newsextract.extract.main_text import output, walk
from newsextract.extract.main_text.handlers import POTENTIAL_TAGS
from newsextract.extract.main_text.tree import DONE, Element, Unsupported, build
from newsextract.extract.text import squash

__all__ = ["Unsupported", "decline_reason", "paragraphs"]

MIN_EXTRACTED_SIZE = 250  # below it, trafilatura recovers "wild" text and runs its baseline
MIN_PARAGRAPH_TEXT = 3 * MIN_EXTRACTED_SIZE  # below it, <div> text counts as paragraphs
ESCALATION_MAX_LENGTH = 3000  # below it and a fifth of the page, trafilatura retries in recall mode
ESCALATION_PAGE_SHARE = 0.2


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
    root = build(body)
    original = list(root.iter())  # to tell, after the passes, what they consumed
    result = Element("body", {})
    trees = [original]  # the elements read from the page, to release in the end
    try:
        potential_tags, pruned = _container_passes(root, result)
        extracted = len(walk.extracted_text(result))
        if extracted < MIN_EXTRACTED_SIZE:  # (an empty result included)
            trees.append(_recover_wild_text(body, root if not pruned else None, original, result, potential_tags))
            extracted = len(walk.extracted_text(result))
        _check_size(result, extracted, body)
        return output.paragraphs(walk.finish(result))
    finally:
        trees.append(list(result.iter()))
        _release(trees)


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
) -> list[Element]:
    """Wild text on the page as it was before the passes: read again unless no pass touched it,
    with the twins of the elements the passes consumed left out. Returns the elements read again."""
    backup = untouched if untouched is not None else build(body)
    twins = list(backup.iter())
    consumed = {id(twin) for element, twin in zip(original, twins, strict=True) if element.tag == DONE}
    walk.recover_wild_text(backup, result, potential_tags, consumed)
    return twins


def _container_passes(root: Element, result: Element) -> tuple[frozenset[str], bool]:
    """_extract(): the BODY_XPATH containers in turn, until one gives the result more than one block.
    Returns the tags read as blocks, and whether a container was pruned."""
    potential_tags = POTENTIAL_TAGS
    firsts = containers.first_matches(root)  # valid until a container is pruned
    pruned = False
    for index, test in enumerate(containers.CONTAINER_TESTS):
        container = containers.find_container(root, test) if pruned else firsts[index]
        if container is None:
            continue
        pruned = True
        containers.prune(container)
        if not container.children:
            continue
        if _paragraph_text_length(root) < MIN_PARAGRAPH_TEXT:
            potential_tags = POTENTIAL_TAGS | {"div"}  # and so for the next containers too
        if walk.extract(container, result, potential_tags):
            break
    return potential_tags, pruned


def _check_size(result: Element, extracted: int, body: LexborNode) -> None:
    """Decline where trafilatura's later stages would step in: too little text (``extracted``, its
    length) for its baseline rescue and recovery, or a short text covering little of the page for
    its recall retry."""
    if not result.children:
        raise Unsupported("no container held text: wild text recovery")
    if extracted < MIN_EXTRACTED_SIZE:
        raise Unsupported("short: wild text recovery")
    if extracted < ESCALATION_MAX_LENGTH and extracted < ESCALATION_PAGE_SHARE * _page_length(body):
        raise Unsupported("a small share of the page: recall retry")


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


def _page_length(body: LexborNode) -> int:
    """An upper bound of the page text trafilatura measures (html2txt): all the text, a space at
    every text node's edge where html2txt spaces block elements only, its removed sections kept."""
    return len(squash(body.text(deep=True, separator=" ")))

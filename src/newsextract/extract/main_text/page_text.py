"""The measure of the page that decides trafilatura's recall retry: the length of html2txt() on
the page as its extractor receives it (comment sections and infinite-scroll containers pruned),
read from the Lexbor tree in lxml's text/tail model."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from newsextract.extract.main_text.rules import RAW_PRUNED_TAGS, first_of, raw_pruned

# baseline._BLOCK_ELEMS: html2txt spaces their text and tail, so that adjacent runs don't stick
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section summary table td th tr ul".split()
)
# settings.BASIC_CLEAN_XPATH, which html2txt removes before it reads the text
_CLEANED = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))
_COOKIE_CONSENT = re.compile(
    "cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie"
    "|consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr",
    re.IGNORECASE,
)


def page_length(body: LexborNode) -> int:
    """len(html2txt(page)): the text with white space runs collapsed, block boundaries as spaces."""
    pieces: list[str] = []
    _read_children(body, pieces, block=False)
    return len(" ".join("".join(pieces).split()))


def _read_children(node: LexborNode, pieces: list[str], *, block: bool) -> None:
    """The text inside the node (``block``: a block element). A text belongs, as in lxml, to the
    element before it (its tail), else to the parent (its text); html2txt removes the control
    characters from the texts and tails of block elements. (trafilatura parses without comments.)"""
    owner_is_block = block
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            text = child.text_content or ""
            pieces.append(printable(text) if owner_is_block else text)
        elif tag[:1] in ("-", "_", "#", "!", ""):  # a comment
            pass
        elif not _removed(child, tag):  # a removed element's tail joins the text before it
            child_is_block = tag in _BLOCKS
            if child_is_block:
                pieces.append(" ")
            _read_children(child, pieces, block=child_is_block)
            if child_is_block:
                pieces.append(" ")
            owner_is_block = child_is_block
        child = child.next


def _removed(node: LexborNode, tag: str) -> bool:
    """An element the raw-tree rules or html2txt's basic cleaning remove."""
    if tag in _CLEANED:
        return True
    attrs = node.attributes
    if not attrs:
        return False
    if tag in RAW_PRUNED_TAGS and raw_pruned(node, tag, attrs):
        return True
    if tag == "div" and "footer" in (first_of(attrs, ("class", "id")) or ""):  # contains(@class|@id, ...)
        return True
    class_, id_ = attrs.get("class"), attrs.get("id")
    return (class_ is not None and _COOKIE_CONSENT.search(class_) is not None) or (
        id_ is not None and _COOKIE_CONSENT.search(id_) is not None
    )


def block_text(node: LexborNode) -> str:
    """baseline.block_text(): the element's text, block boundaries as spaces, white space collapsed."""
    pieces: list[str] = []
    _read_children(node, pieces, block=(node.tag or "") in _BLOCKS)
    return " ".join("".join(pieces).split())


def outermost(body: LexborNode, tags: frozenset[str]) -> list[LexborNode]:
    """The elements with these tags, on the page html2txt reads, that no other one holds."""
    found: list[LexborNode] = []
    _find_outermost(body, tags, found)
    return found


def _find_outermost(node: LexborNode, tags: frozenset[str], found: list[LexborNode]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if tag[:1] not in ("-", "_", "#", "!", "") and not _removed(child, tag):
            if tag in tags:
                found.append(child)
            else:
                _find_outermost(child, tags, found)
        child = child.next


def text_runs(body: LexborNode) -> list[str]:
    """lxml's itertext() on the page html2txt reads: each text between two tags one piece (the texts
    around a removed element, or a comment, are one)."""
    runs: list[str] = []
    current: list[str] = []
    _collect_runs(body, runs, current)
    if current:
        runs.append("".join(current))
    return runs


def _collect_runs(node: LexborNode, runs: list[str], current: list[str]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            current.append(child.text_content or "")
        elif tag[:1] not in ("-", "_", "#", "!", "") and not _removed(child, tag):
            _end_run(runs, current)
            _collect_runs(child, runs, current)
            _end_run(runs, current)
        child = child.next


def _end_run(runs: list[str], current: list[str]) -> None:
    if current:
        runs.append("".join(current))
        current.clear()


def printable(text: str) -> str:
    """utils.remove_control_characters()"""
    if text.isprintable():
        return text
    return "".join(c for c in text if c.isprintable() or c.isspace())

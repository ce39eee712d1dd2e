"""Link density (trafilatura htmlprocessing.link_density_test and delete_by_link_density)."""

from __future__ import annotations

from newsextract.extract.main_text.tree import Element, Unsupported
from newsextract.extract.main_text.tree import trim as squash

_LINK_FARM_RATIO = 0.9


def _links(element: Element) -> list[Element]:
    return [e for e in element.descendants() if e.tag == "ref"]


def _link_texts(links: list[Element]) -> list[str]:
    return [t for t in (squash(link.text_content()) for link in links) if t]


def _is_paragraph_listing(links: list[Element]) -> bool:
    """A document listing: every link alone in its paragraph."""
    for link in links:
        parent = link.parent
        if parent is None or parent.tag != "p" or len(_links(parent)) > 1:
            return False
    return True


def _size_limit(paragraph: bool, *, last: bool) -> int:
    """Below this length, a linked element is judged by its link share (a last element gets more room)."""
    if paragraph:
        return 60 if last else 30
    return 300 if last else 100


def link_density_test(element: Element) -> tuple[bool, bool]:
    """(boilerplate, short and linked) for a section rich in links."""
    links = _links(element)
    if not links:
        return False, False
    text = squash(element.text_content())
    if len(links) == 1:
        link_text = squash(links[0].text_content())
        if len(link_text) > 100 and len(link_text) > len(text) * 0.9:
            return True, False
    limit = _size_limit(element.tag == "p", last=element.next_sibling() is None)
    if len(text) < limit:
        texts = _link_texts(links)
        if not texts:
            return True, False
        link_len = sum(map(len, texts))
        short = sum(1 for t in texts if len(t) < 10)
        return link_len > len(text) * 0.8 or (len(texts) > 1 and short / len(texts) > 0.8), True
    if len(links) > 4:
        texts = _link_texts(links)
        link_len = sum(map(len, texts))
        if link_len > len(text) * _LINK_FARM_RATIO and link_len < 100 * len(texts) and not _is_paragraph_listing(links):
            return True, False
    return False, False


def delete_by_link_density(container: Element, tag: str, *, backtracking: bool) -> None:
    """Remove the elements of a tag that read as link lists; tests first, deletions after."""
    doomed = []
    for element in container.iter():
        if element.tag != tag:
            continue
        boilerplate, short_with_links = link_density_test(element)
        if boilerplate or (
            backtracking
            and short_with_links
            and len(element.children) >= 3
            and len(squash(element.text_content())) < 100
        ):
            parent = element.parent
            if tag == "p" and parent is not None and parent.tag in ("item", "td", "th"):
                continue  # the list's own density is tested apart
            doomed.append(element)
    for element in doomed:
        if element is container:
            raise Unsupported("the container itself reads as a link list")
        element.delete()

"""Link density (trafilatura htmlprocessing.link_density_test and delete_by_link_density)."""

from __future__ import annotations

from dataclasses import dataclass

from newsextract.extract.main_text.tree import Element, Unsupported, trim

_LINK_FARM_RATIO = 0.9


@dataclass
class _Facts:
    """An element's text and the links inside it, gathered once a pass, bottom up."""

    element: Element
    text: str
    links: list[Element]


def _gather(container: Element) -> dict[int, _Facts]:
    """The facts of the container and of every element in it, children first (the dict keeps that order)."""
    facts: dict[int, _Facts] = {}
    for element in container.post_order():
        text = [element.text or ""]
        links: list[Element] = []
        for child in element.children:
            child_facts = facts[id(child)]
            text.append(child_facts.text)
            text.append(child.tail or "")
            if child.tag == "ref":
                links.append(child)
            links.extend(child_facts.links)
        facts[id(element)] = _Facts(element, "".join(text), links)
    return facts


def _link_texts(links: list[Element], facts: dict[int, _Facts]) -> list[str]:
    return [t for t in (trim(facts[id(link)].text) for link in links) if t]


def _is_paragraph_listing(links: list[Element], facts: dict[int, _Facts]) -> bool:
    """A document listing: every link alone in its paragraph."""
    for link in links:
        parent = link.parent
        if parent is None or parent.tag != "p" or len(facts[id(parent)].links) > 1:
            return False
    return True


def _size_limit(paragraph: bool, *, last: bool) -> int:
    """Below this length, a linked element is judged by its link share (a last element gets more room)."""
    if paragraph:
        return 60 if last else 30
    return 300 if last else 100


def link_density_test(element: Element, facts: dict[int, _Facts]) -> tuple[bool, bool]:
    """(boilerplate, short and linked) for a section rich in links."""
    links = facts[id(element)].links
    if not links:
        return False, False
    text = trim(facts[id(element)].text)
    if len(links) == 1:
        link_text = trim(facts[id(links[0])].text)
        if len(link_text) > 100 and len(link_text) > len(text) * 0.9:
            return True, False
    if len(text) < _size_limit(element.tag == "p", last=element.next_sibling() is None):
        texts = _link_texts(links, facts)
        if not texts:
            return True, False
        link_len = sum(map(len, texts))
        short = sum(1 for t in texts if len(t) < 10)
        return link_len > len(text) * 0.8 or (len(texts) > 1 and short / len(texts) > 0.8), True
    if len(links) > 4:
        texts = _link_texts(links, facts)
        link_len = sum(map(len, texts))
        if (
            link_len > len(text) * _LINK_FARM_RATIO
            and link_len < 100 * len(texts)
            and not _is_paragraph_listing(links, facts)
        ):
            return True, False
    return False, False


def prune_links(container: Element) -> None:
    """The link-density passes of prune_unwanted_sections(): twice <div>, <list>, <p>, then link tables.
    A pass's tests all come before its deletions; the facts are gathered again only after deletions."""
    facts = _gather(container)
    for _ in range(2):
        for tag, backtracking in (("div", True), ("list", False), ("p", False)):
            doomed = [e for e in container.iter() if e.tag == tag and _link_rich(e, facts, backtracking=backtracking)]
            if doomed:
                _delete(container, doomed, keep_tail=True)
                facts = _gather(container)
    tables = [f.element for f in facts.values() if f.element.tag == "table" and _link_table(f.element, facts)]
    _delete(container, tables, keep_tail=False)


def _link_rich(element: Element, facts: dict[int, _Facts], *, backtracking: bool) -> bool:
    boilerplate, short_with_links = link_density_test(element, facts)
    if not (
        boilerplate
        or (
            backtracking
            and short_with_links
            and len(element.children) >= 3
            and len(trim(facts[id(element)].text)) < 100
        )
    ):
        return False
    parent = element.parent
    # a paragraph holding a list item's or a cell's content stays: the list is judged as a whole
    return not (element.tag == "p" and parent is not None and parent.tag in ("item", "td", "th"))


def _delete(container: Element, doomed: list[Element], *, keep_tail: bool) -> None:
    for element in doomed:
        if element is container:
            raise Unsupported("the container itself reads as a link list")
        element.delete(keep_tail=keep_tail)


def _link_table(table: Element, facts: dict[int, _Facts]) -> bool:
    links = facts[id(table)].links
    if not links:
        return False
    length = len(trim(facts[id(table)].text))
    if length < 200:
        return False
    link_len = sum(map(len, _link_texts(links, facts)))
    return link_len > 0.8 * length if length < 1000 else link_len > 0.5 * length

"""Link density (trafilatura htmlprocessing.link_density_test and delete_by_link_density).

The tests read only lengths of trimmed texts (trim(): white space runs collapsed, ends
stripped) and counts of links. Both compose from the children's, so one bottom-up walk
gathers them for every element in time linear in the page, without joining or trimming
any element's text."""

from __future__ import annotations

from dataclasses import dataclass

from newsextract.extract.main_text.tree import Element

_LINK_FARM_RATIO = 0.9
_SHORT_LINK = 10

# A text's shape: (trimmed length, words, starts with a word, ends with a word); None for "".
_Shape = tuple[int, int, bool, bool] | None
_BLANK: _Shape = (0, 0, False, False)  # white space only


def shape(text: str | None) -> _Shape:
    """The shape of one text, so that len(trim(a + b)) follows from the shapes of a and b."""
    if not text:
        return None
    words = text.split()
    if not words:
        return _BLANK
    return len(" ".join(words)), len(words), not text[0].isspace(), not text[-1].isspace()


def joined(a: _Shape, b: _Shape) -> _Shape:
    """The shape of the concatenation: a space between the two unless a word runs across the seam."""
    if a is None:
        return b
    if b is None:
        return a
    glued = a[3] and b[2]
    space = 0 if glued or not a[1] or not b[1] else 1
    return a[0] + b[0] + space, a[1] + b[1] - glued, a[2], b[3]


@dataclass(slots=True)
class _Facts:
    """An element's trimmed text length and the links inside it (their count, the trimmed
    lengths of their texts, and whether each is alone in a paragraph)."""

    shape: _Shape
    links: int = 0
    link_length: int = 0  # summed over the links with text
    link_texts: int = 0  # links with text
    short_links: int = 0  # links with text shorter than _SHORT_LINK
    listing: bool = True  # every link alone in its <p>

    @property
    def length(self) -> int:
        return self.shape[0] if self.shape is not None else 0


def _gather(container: Element) -> dict[Element, _Facts]:
    """The facts of the container and of every element in it, children first (the dict keeps that order)."""
    facts: dict[Element, _Facts] = {}
    for element in container.post_order():
        facts[element] = _facts_of(element, facts)
    return facts


def _facts_of(element: Element, facts: dict[Element, _Facts]) -> _Facts:
    """An element's facts, from its own texts and its children's facts."""
    own = _Facts(shape(element.text))
    holds_link = False
    for child in element.children:
        child_facts = facts[child]
        if child_facts.shape is not None:
            own.shape = joined(own.shape, child_facts.shape)
        if child.tail:
            own.shape = joined(own.shape, shape(child.tail))
        if child_facts.links:
            own.links += child_facts.links
            own.link_length += child_facts.link_length
            own.link_texts += child_facts.link_texts
            own.short_links += child_facts.short_links
            own.listing = own.listing and child_facts.listing
        if child.tag == "ref":
            holds_link = True
            own.links += 1
            if length := child_facts.length:
                own.link_length += length
                own.link_texts += 1
                own.short_links += length < _SHORT_LINK
    if holds_link and (element.tag != "p" or own.links > 1):
        own.listing = False
    return own


def _size_limit(paragraph: bool, *, last: bool) -> int:
    """Below this length, a linked element is judged by its link share (a last element gets more room)."""
    if paragraph:
        return 60 if last else 30
    return 300 if last else 100


def _is_last(element: Element) -> bool:
    parent = element.parent
    return parent is None or parent.children[-1] is element


def link_density_test(element: Element, facts: _Facts) -> tuple[bool, bool]:
    """(boilerplate, short and linked) for a section rich in links."""
    if not facts.links:
        return False, False
    length, link_length = facts.length, facts.link_length
    # a single link: its text length is link_length
    if facts.links == 1 and link_length > 100 and link_length > length * 0.9:
        return True, False
    if length < _size_limit(element.tag == "p", last=_is_last(element)):
        texts = facts.link_texts
        if not texts:
            return True, False
        return link_length > length * 0.8 or (texts > 1 and facts.short_links / texts > 0.8), True
    if (
        facts.links > 4
        and link_length > length * _LINK_FARM_RATIO
        and link_length < 100 * facts.link_texts
        and not facts.listing
    ):
        return True, False
    return False, False


def prune_links(container: Element) -> None:
    """The link-density passes of prune_unwanted_sections(): twice <div>, <list>, <p>, then link tables.
    A pass's tests all come before its deletions; after deletions, only the facts of the elements
    that held the deleted ones change. (Deleting children before parents, as here, leaves the same
    tree as trafilatura's document order.)"""
    facts = _gather(container)
    linked = [(e, f) for e, f in facts.items() if f.links]  # the others pass every test
    for _ in range(2):
        for tag, backtracking in (("div", True), ("list", False), ("p", False)):
            doomed = [e for e, f in linked if e.tag == tag and _link_rich(e, f, backtracking=backtracking)]
            if doomed:
                _delete_and_update(container, doomed, facts)
                linked = [(e, f) for e, f in facts.items() if f.links]
    tables = [e for e, f in linked if e.tag == "table" and _link_table(f)]
    _delete(tables, keep_tail=False)


def _delete_and_update(container: Element, doomed: list[Element], facts: dict[Element, _Facts]) -> None:
    """Delete the elements (their tails kept), then gather again the facts of their ancestors, children first.
    The container itself, where doomed, leaves the page but stays the tree pruned and read, as in
    trafilatura (its later passes still run on the detached subtree)."""
    parents = [e.parent for e in doomed]
    _delete(doomed, keep_tail=True)
    for element in doomed:
        if element is container:
            continue
        for gone in element.iter():
            facts.pop(gone, None)
    stale: set[Element] = set()
    for parent in parents:
        while parent is not None and parent in facts and parent not in stale:  # gone or already marked: stop
            stale.add(parent)
            parent = parent.parent if parent is not container else None
    for element in facts:  # children first: a stale element's children are up to date when it is reached
        if element in stale:
            facts[element] = _facts_of(element, facts)


def _link_rich(element: Element, facts: _Facts, *, backtracking: bool) -> bool:
    boilerplate, short_with_links = link_density_test(element, facts)
    if not (boilerplate or (backtracking and short_with_links and len(element.children) >= 3 and facts.length < 100)):
        return False
    parent = element.parent
    # a paragraph holding a list item's or a cell's content stays: the list is judged as a whole
    return not (element.tag == "p" and parent is not None and parent.tag in ("item", "td", "th"))


def _delete(doomed: list[Element], *, keep_tail: bool) -> None:
    for element in doomed:
        element.delete(keep_tail=keep_tail)  # (a detached container stays as it is)


def _link_table(facts: _Facts) -> bool:
    if not facts.links:
        return False
    length = facts.length
    if length < 200:
        return False
    link_len = facts.link_length
    return link_len > 0.8 * length if length < 1000 else link_len > 0.5 * length

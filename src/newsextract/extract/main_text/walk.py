"""The extraction loop of trafilatura's _extract() and extract_content() over the pruned container."""

from __future__ import annotations

from newsextract.extract.main_text.container import prune
from newsextract.extract.main_text.handlers import INLINE_FORMATTABLE, handle_textelem, process_node
from newsextract.extract.main_text.rules import overall_discard
from newsextract.extract.main_text.tree import DONE, Element, Unsupported, has_text, trim

_REBUILT = frozenset(("list", "quote", "code", "table"))  # their tail becomes a paragraph of its own
_NOT_AT_THE_END = frozenset(("head", "ref"))
_INLINE_RUN = INLINE_FORMATTABLE | {"lb"}
MIN_DUPLICATE_LENGTH = 50


def extract(container: Element, body: Element, potential_tags: frozenset[str], *, recall: bool = False) -> bool:
    """One container pass of _extract(): its blocks appended to the result body; True when the
    body then holds more than one block (else trafilatura tries the next container expression,
    the blocks found so far staying in the body)."""
    subelements = list(container.descendants())
    tags = {e.tag for e in subelements}
    if tags == {"lb"} or (container.tag == "div" and "div" in potential_tags and tags <= _INLINE_RUN):
        subelements = [container]  # a single text run: the container itself is the block
    lead = _lead_paragraph(container) if subelements != [container] else None
    start = len(body.children)
    moved: set[int] = set()  # elements a handler moved into the result, with their subtrees
    for element in subelements:
        if id(element) in moved:
            continue
        tag, tail = element.tag, element.tail
        processed = handle_textelem(element, potential_tags, recall=recall)
        if processed is not None:
            body.append(processed)
            if processed is element or element.parent is processed:
                moved.update(id(e) for e in element.iter())
            else:
                element.tag = DONE
        if tag in _REBUILT and has_text(tail) and (processed is None or processed.tail is None):
            paragraph = Element("p", {}, text=tail)
            if process_node(paragraph) is not None:
                body.append(paragraph)
    while body.children and body.children[-1].tag in _NOT_AT_THE_END:
        body.children.pop().parent = None
    if sum(e.tag != "graphic" for e in body.children) <= 1:
        return False
    if lead is not None:
        body.insert(start, lead)
    return True


def _lead_paragraph(container: Element) -> Element | None:
    """The container's own text before its first child."""
    if not has_text(container.text):
        return None
    return process_node(Element("p", {}, text=container.text))


def finish(body: Element) -> Element:
    """extract_content()'s clean-up: adjacent repeats, consumed elements, <div> wrappers."""
    previous = None
    for element in list(body.children):
        current = trim("".join(element.text_pieces()))
        if current and current == previous and len(current) > MIN_DUPLICATE_LENGTH:
            body.children.remove(element)
            element.parent = None
        else:
            previous = current
    # one walk finds all three kinds; the edits, made in trafilatura's order, change nothing of the
    # body where they fall inside a consumed element already removed
    consumed: list[Element] = []
    wrappers: list[Element] = []
    line_breaks: list[Element] = []
    for element in body.descendants():
        if element.tag == DONE:
            consumed.append(element)
        elif element.tag == "div":
            wrappers.append(element)
        elif element.tag == "lb":
            line_breaks.append(element)
    for element in consumed:
        element.delete(keep_tail=False)
    for element in wrappers:
        element.unwrap()
    for line_break in line_breaks:
        if line_break.tail and not has_text(line_break.tail):
            line_break.tail = None
    return body


def extracted_text(body: Element) -> str:
    """trafilatura's temp_text: the result's text pieces joined by spaces."""
    return " ".join(_all_pieces(body)).strip()


def _all_pieces(element: Element) -> list[str]:
    pieces = [element.text] if element.text else []
    for child in element.children:
        pieces.extend(_all_pieces(child))
        if child.tail:
            pieces.append(child.tail)
    return pieces


_WILD = frozenset(("code", "p", "quote", "table"))
_WILD_IN_RECALL = _WILD | {"div", "lb", "list"}
DEDUPE_SCAN_CAP = 200_000


def recover_wild_text(
    root: Element, body: Element, potential_tags: frozenset[str], consumed: set[int], *, recall: bool = False
) -> None:
    """recover_wild_text(): where the container passes found nothing or too little, every paragraph,
    quote, code block and table of the page (``root``, as it was before the passes), pruned, that
    the passes did not consume and the result does not hold yet; in recall mode, every <div>, line
    break and list too."""
    if overall_discard(root.tag, root.attrs):
        raise Unsupported("the <body> itself reads as boilerplate")
    prune(root, keep_teasers=True)  # the last resort keeps teaser blocks
    if recall:
        potential_tags = potential_tags | {"div", "lb"}
        wild = [e for e in root.descendants() if e.tag in _WILD_IN_RECALL]
    else:
        wild = [e for e in root.descendants() if e.tag in _WILD or (e.tag == "div" and "w3-code" in e.get("class"))]
    handled = set(consumed)  # consumed by the passes, or moved into the result with their subtrees
    texts = [trim("".join(e.text_pieces())) for e in body.children]
    existing, existing_texts = "\n".join(t for t in texts if t), set(texts)
    for element in wild:
        if id(element) in handled:
            continue
        processed = handle_textelem(element, potential_tags, recall=recall)
        if processed is None:
            continue
        if processed is element:
            handled.update(id(e) for e in element.iter())
        text = trim("".join(processed.text_pieces()))
        under_cap = len(existing) <= DEDUPE_SCAN_CAP  # past it, the substring scan stops
        # a copy carrying its source's tail is a fragment of a text run: no length gate
        fragment = trim(text + (processed.tail or "")) if has_text(processed.tail) else ""
        if text and (text in existing_texts or (under_cap and _seen(text, fragment, existing))):
            continue
        body.append(processed)
        if under_cap:
            existing += "\n" + (fragment or text)
        existing_texts.add(text)


def _seen(text: str, fragment: str, existing: str) -> bool:
    """A recovered block the result already holds: a long text, or a fragment, inside it."""
    return (len(text) > MIN_DUPLICATE_LENGTH and text in existing) or bool(fragment and fragment in existing)

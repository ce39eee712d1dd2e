"""The block walk of trafilatura's _extract(): paragraphs, headings, lists, quotes, line-break
tails, as text blocks. Anything it does not follow exactly raises Unsupported."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsextract.extract.main_text.tree import Element, Unsupported, has_text, trim

# utils.RE_FILTER: share-button labels trafilatura drops as whole lines
_FILTER = re.compile(
    r"\W*(Drucken|E-?Mail|Facebook|Flipboard|Google|Instagram|"
    "Linkedin|Mail|PDF|Pinterest|Pocket|Print|QQ|Reddit|Twitter|"
    "WeChat|WeiBo|Whatsapp|Xing|Mehr zum Thema:?|More on this.{,8}$)$",
    flags=re.IGNORECASE,
)
_INLINE = frozenset(("lb", "code", "del"))  # children a paragraph keeps in its text
_REBUILT = frozenset(("list", "quote", "code", "table"))  # their tail becomes a paragraph of its own


@dataclass
class Block:
    """One element of trafilatura's result body: its output text (lines split by newlines),
    its own text as the adjacent-duplicate check reads it, and its tail."""

    tag: str
    output: str
    own_text: str
    tail: str | None = None


def _filtered(text: str | None) -> bool:
    """textfilter(): empty, or a line that is only a share label."""
    return not text or text.isspace() or any(_FILTER.match(line) for line in text.splitlines())


def _leaf(element: Element) -> tuple[str | None, str | None] | None:
    """process_node() on an element without children: (text, tail) trimmed, or None when dropped."""
    if not element.text and not element.tail:
        return None
    # white space alone still makes an (empty) element, which keeps a heading before it
    text, tail = trim(element.text) or None, trim(element.tail) or None
    if element.tag != "lb" and not text and tail:
        text, tail = tail, None
    if (text or tail) and _filtered(text if text is not None else tail):
        return None
    return text, tail


def lead_paragraph(container: Element) -> Block | None:
    """The container's own text before its first child."""
    if not has_text(container.text):
        return None
    leaf = _leaf(Element("p", {}, text=container.text))
    return Block("p", leaf[0] or "", leaf[0] or "", leaf[1]) if leaf else None


def walk(container: Element) -> list[Block]:
    blocks: list[Block] = []
    for element in list(container.descendants()):
        if element.done:
            continue
        tag, tail = element.tag, element.tail
        block = _handle(element)
        if block is not None:
            blocks.append(block)
        if tag in _REBUILT and has_text(tail) and (block is None or block.tail is None):
            leaf = _leaf(Element("p", {}, text=tail))
            if leaf is not None:
                blocks.append(Block("p", leaf[0] or "", leaf[0] or "", leaf[1]))
    while blocks and blocks[-1].tag in ("head", "ref"):
        blocks.pop()
    return blocks


def _mark_done(element: Element) -> None:
    for e in element.iter():
        e.done = True


def _handle(element: Element) -> Block | None:
    tag = element.tag
    if tag == "p":
        return _paragraph(element)
    if tag == "head":
        return _heading(element)
    if tag == "list":
        return _list(element)
    if tag == "quote":
        return _quote(element)
    if tag == "lb":
        return _line_break(element)
    if tag in ("code", "table", "td", "th", "tr", "del", "ref", "hi", "graphic"):
        raise Unsupported(f"<{tag}> block")
    if tag == "div" and "w3-code" in element.get("class"):
        raise Unsupported("w3 code block")
    return None  # other containers: their own text is not read


def _paragraph(p: Element) -> Block | None:
    if not p.children:
        leaf = _leaf(p)
        _mark_done(p)
        if leaf is None:
            return None
        text, tail = leaf
        return Block("p", text or "", text or "", tail)
    pieces, own = _inline_pieces(p)
    _mark_done(p)
    if not own.strip() and len(pieces) <= 1:
        return None
    return Block("p", "".join(pieces), trim(own))


def _inline_pieces(element: Element) -> tuple[list[str], str]:
    """A paragraph's text, its line breaks as newlines; inline code and deletions run on in the text."""
    pieces = [element.text or ""]
    own = element.text or ""
    for child in element.children:
        if child.children or child.tag not in _INLINE:
            raise Unsupported(f"<{child.tag}> inside <{element.tag}>")
        if child.tag != "lb":
            pieces.append((child.text or "") + (child.tail or ""))
            own += (child.text or "") + (child.tail or "")
            continue
        if not child.text and not child.tail and not _before_inline(child):
            continue
        pieces.append("\n" + (child.tail or ""))
        own += child.tail or ""
    return pieces, own


def _before_inline(lb: Element) -> bool:
    nxt = lb.next_sibling()
    return nxt is not None and nxt.tag in ("hi", "ref", "del", "code", "graphic")


def _heading(head: Element) -> Block | None:
    if not head.children:
        leaf = _leaf(head)
        _mark_done(head)
        if leaf is None:
            return None
        return Block("head", leaf[0] or "", leaf[0] or "", leaf[1])
    pieces, own = _inline_pieces(head)
    _mark_done(head)
    if not has_text(own):
        return None
    return Block("head", "".join(pieces), trim(own), head.tail if has_text(head.tail) else None)


def _line_break(lb: Element) -> Block | None:
    if not has_text(lb.tail):
        return None
    leaf = _leaf(lb)
    if leaf is None or not leaf[1]:
        return None
    return Block("p", leaf[1], leaf[1])


def _list(element: Element) -> Block | None:
    lines: list[str] = []
    own = ""
    if has_text(element.text):
        raise Unsupported("text directly in a list")
    for child in element.descendants():
        if child.done or child.tag != "item":
            if child.tag == "list" and not child.done:
                raise Unsupported("nested list")
            continue
        line, text = _item(child)
        _mark_done(child)
        if has_text(text):
            lines.append("- " + line)
            own += text
    _mark_done(element)
    if not has_text(own):
        return None
    return Block("list", "\n".join(lines), trim(own))


def _item(item: Element) -> tuple[str, str]:
    """One list item's line and its text."""
    if not item.children:
        leaf = _leaf(item)
        if leaf is None:
            return "", ""
        text = " ".join(t for t in leaf if t)
        return text, text
    pieces = [trim(item.text)]
    own = item.text or ""
    produced = False
    for child in item.children:
        if child.children or child.tag not in ("p", "lb"):
            raise Unsupported(f"<{child.tag}> in a list item")
        if child.tag == "lb":
            if child.tail or _before_inline(child):
                pieces.append("\n" + trim(child.tail))
                own += child.tail or ""
                produced = True
            continue
        leaf = _item_paragraph(child)
        if leaf is not None:
            pieces.extend(t for t in leaf if t)
            own += "".join(t for t in leaf if t)
            produced = True
    if produced and has_text(item.tail):
        pieces.append(trim(item.tail))
        own += item.tail or ""
    return " ".join(p for p in pieces if p), own


def _item_paragraph(p: Element) -> tuple[str | None, str | None] | None:
    """handle_textnode() on a childless <p> inside an item: its text, or its tail as text."""
    text, tail = trim(p.text) or None, trim(p.tail) or None
    if not text:
        text, tail = tail, None
    return (text, tail) if text else None


def _quote(quote: Element) -> Block | None:
    if quote.parent is not None and "highlight" in quote.parent.get("class"):
        raise Unsupported("a highlighted code block")
    if quote.get("lang"):
        raise Unsupported("a code block")
    lines = [quote.text or ""]
    own = quote.text or ""
    for child in quote.children:
        if child.children or child.tag != "p":
            raise Unsupported(f"<{child.tag}> in a quote")
        leaf = _item_paragraph(child)
        if leaf is not None:
            lines.extend(t for t in leaf if t)
            own += "".join(t for t in leaf if t)
    _mark_done(quote)
    if not has_text(own):
        return None
    return Block("quote", "\n".join(lines), trim(own))

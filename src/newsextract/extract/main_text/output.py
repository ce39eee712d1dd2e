"""trafilatura's xmltotxt() (plain text, no formatting) on the result body, then the caller's
split into paragraphs."""

from __future__ import annotations

import html
import unicodedata

from newsextract.extract.main_text.handlers import INLINE_CARRIED, INLINE_CONSUMING, INLINE_FORMATTABLE
from newsextract.extract.main_text.tree import Element, has_text
from newsextract.extract.text import squash

_NEWLINE_ELEMS = frozenset(("graphic", "head", "lb", "list", "p", "quote", "row", "table"))
_SPECIAL_FORMATTING = frozenset(("code", "del", "head", "hi", "ref", "item", "cell"))
_SEPARATORS = frozenset((" ", "\n", "|", ""))


def paragraphs(body: Element) -> list[str]:
    """The result body's text as the caller splits it: one paragraph a non-empty line."""
    out: list[str] = []
    _element(body, out, in_cell=False, in_item=False)
    lines = (_printable(line) for line in "".join(out).splitlines())
    text = unicodedata.normalize("NFC", html.unescape("\n".join(line for line in lines if line)))
    return [line for line in map(squash, text.splitlines()) if line]


# White space that str.isprintable() rejects and the filter below keeps (a no-break space, tabs):
# read as a plain space, a line with no other such character is kept whole without a look at each.
_KEPT_SPACES = str.maketrans(
    dict.fromkeys(
        "\t\r\n\x0b\x0c\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
    )
)


def _printable(line: str) -> str:
    line = line.replace("&#13;", "\r").replace("&#10;", "\n").replace("&nbsp;", "\u00a0")
    if line.isprintable() or line.translate(_KEPT_SPACES).isprintable():
        return line
    return "".join(c for c in line if c.isprintable() or c.isspace())


def _last(out: list[str]) -> str:
    return out[-1][-1:] if out else ""


def _append_spaced(out: list[str], text: str) -> None:
    if text[:1] == " " and _last(out) in _SEPARATORS:
        text = text[1:]
    if text:
        out.append(text)


def _escape_cell(text: str, in_cell: bool) -> str:
    return text.replace("|", "\\|").replace("\n", " ") if in_cell else text


def _consumes(element: Element) -> bool:
    return element.tag in INLINE_CONSUMING and bool(element.children)


def _inline_text(element: Element) -> str:
    parts = [element.text] if element.text else []
    for child in element.children:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in INLINE_FORMATTABLE:
            parts.append(_element_text(child, in_cell=False))
        elif child.text:
            parts.append(child.text)
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _element_text(element: Element, *, in_cell: bool) -> str:
    text = _inline_text(element) if _consumes(element) else element.text or ""
    if element.tag == "cell":
        text = text.strip()
        if text and element.children:
            text = f"{text} "
    return text


def _item_needs_marker(item: Element) -> bool:
    if has_text(item.text):
        return True
    for child in item.children:
        if child.tag == "list":
            return False
        if has_text(child.text_content() + (child.tail or "")):
            return True
    return False


def _list_marker(item: Element) -> str:
    depth = 0
    node = item.parent
    while node is not None:
        depth += node.tag == "list"
        node = node.parent
    return "  " * (depth - 1) + "- "


def _closes_container(element: Element, tag: str) -> bool:
    if element.tag == tag:
        return not element.children
    nxt = element.next_sibling()
    return nxt is None or (tag == "item" and nxt.tag == "item")


def _opens_item(element: Element) -> bool:
    while element.tag != "item":
        parent = element.parent
        if parent is None or element.previous_sibling() is not None or has_text(parent.text):
            return False
        element = parent
    return True


def _append_tail(element: Element, out: list[str], in_cell: bool, in_item: bool) -> None:
    tail = element.tail
    if not tail:
        return
    if in_cell or in_item or element.tag == "list":
        core = tail.strip()
        if core and (tail[0].isspace() or element.tag not in INLINE_FORMATTABLE):
            core = f" {core}"
        nxt = element.next_sibling()
        if tail[-1].isspace() and nxt is not None and nxt.tag in INLINE_CARRIED:
            core += " "
        _append_spaced(out, _escape_cell(core, in_cell))
        return
    if element.tag in _NEWLINE_ELEMS:
        tail = tail.lstrip()
    out.append(tail)


def _element(element: Element, out: list[str], *, in_cell: bool, in_item: bool) -> None:
    """process_element(): a port kept close to the original, branch for branch."""
    tag = element.tag
    in_cell = in_cell or tag == "cell"
    in_item = in_item or tag == "item"
    if tag == "cell" and element.previous_sibling() is None:
        out.append("| ")
    if tag in _NEWLINE_ELEMS and not in_cell and not in_item and _last(out) not in _SEPARATORS:
        out.append("\n")
    elif (
        tag in ("head", "p", "quote", "table")
        and not _last(out).isspace()
        and _last(out) not in _SEPARATORS
        and (element.text or not element.children or element.children[0].tag != "lb")
    ):
        out.append(" ")
    consumes = _consumes(element)
    renders_inline = bool(element.text) or consumes
    if tag == "item" and not in_cell and _item_needs_marker(element):
        out.append(_list_marker(element))
    if renders_inline and (tag != "item" or consumes or has_text(element.text)):
        out.append(_escape_cell(_element_text(element, in_cell=in_cell), in_cell))
    if tag == "list" and in_item and _last(out) not in ("\n", ""):
        out.append("\n")
    if not consumes:
        for child in element.children:
            _element(child, out, in_cell=in_cell, in_item=in_item)
    if not renders_inline:
        if tag in _NEWLINE_ELEMS:
            if tag == "row":
                if any(cell.get("role") == "head" for cell in element.children):
                    out.append(f"\n|{'---|' * len(element.children)}\n")
            elif not in_cell and not (tag == "lb" and in_item and _opens_item(element)):
                out.append("\n")
        elif tag not in ("cell", "item"):
            if in_cell:
                _append_tail(element, out, in_cell, in_item)
            return
    last_in_item = in_item and _closes_container(element, "item")
    last_in_cell = in_cell and _closes_container(element, "cell")
    if tag in _NEWLINE_ELEMS and not in_cell and not in_item:
        out.append("\n")
    elif tag == "cell":
        out.append(" | ")
    elif (tag in ("head", "item") and in_cell and not last_in_cell) or (
        tag not in _SPECIAL_FORMATTING and not last_in_item and not last_in_cell
    ):
        _append_spaced(out, " ")
    _append_tail(element, out, in_cell, in_item)
    if last_in_item and not in_cell:
        out.append("\n")

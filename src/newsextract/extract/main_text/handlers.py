"""trafilatura's block handlers (main_extractor.py), on the light tree: each turns a source
element into a new result element, or None. Branches not ported raise Unsupported."""

from __future__ import annotations

import re

from newsextract.extract.main_text.table_grid import finish_row, flush_rowspan, new_cell, span, table_rows
from newsextract.extract.main_text.tree import DONE, Element, Unsupported, has_text, trim

TAG_CATALOG = frozenset(("code", "del", "head", "hi", "lb", "list", "p", "quote"))
POTENTIAL_TAGS = TAG_CATALOG | {"table", "td", "th", "tr"}  # tables on, images and links off
QUOTE_TAGS = TAG_CATALOG | {"ref", "graphic"}
INLINE_CONSUMING = frozenset(("hi", "ref", "del"))
INLINE_FORMATTABLE = INLINE_CONSUMING | {"code"}
INLINE_CARRIED = INLINE_FORMATTABLE | {"graphic"}

# utils.RE_FILTER: share-button labels trafilatura drops as whole lines
_FILTER = re.compile(
    r"\W*(Drucken|E-?Mail|Facebook|Flipboard|Google|Instagram|"
    "Linkedin|Mail|PDF|Pinterest|Pocket|Print|QQ|Reddit|Twitter|"
    "WeChat|WeiBo|Whatsapp|Xing|Mehr zum Thema:?|More on this.{,8}$)$",
    flags=re.IGNORECASE,
)


def text_filtered(element: Element) -> bool:
    """textfilter(): no text, or a line that is only a share label."""
    text = element.tail if element.text is None else element.text
    return not text or text.isspace() or any(_FILTER.match(line) for line in text.splitlines())


def separates_inline(element: Element) -> bool:
    nxt = element.next_sibling()
    return element.tag == "lb" and nxt is not None and nxt.tag in INLINE_CARRIED


def is_text_element(element: Element | None) -> bool:
    return element is not None and has_text(element.text_content())


def process_node(element: Element) -> Element | None:
    """Trim an element's text and tail; None when it holds nothing or only a share label."""
    if element.tag == DONE or (not element.children and not element.text and not element.tail):
        return None
    element.text, element.tail = trim(element.text) or None, trim(element.tail) or None
    if element.tag != "lb" and not element.text and element.tail and not element.children:
        element.text, element.tail = element.tail, None
    if (element.text or element.tail) and text_filtered(element):
        return None
    return element


def handle_textnode(element: Element, *, comments_fix: bool = True, preserve_spaces: bool = False) -> Element | None:
    if element.tag == DONE or (
        not element.children
        and not element.text
        and not element.tail
        and (comments_fix or not separates_inline(element))
    ):
        return None
    if not comments_fix and element.tag == "lb":
        if not preserve_spaces:
            element.tail = trim(element.tail) or None
        return element
    if not element.text and not element.children:
        element.text, element.tail = element.tail, ""
        if comments_fix and element.tag == "lb":
            element.tag = "p"
    if not preserve_spaces:
        element.text = trim(element.text) or None
        if element.tail:
            element.tail = trim(element.tail) or None
    if not element.text and text_filtered(element):
        return None
    return element


def _wraps_inline(element: Element) -> bool:
    return bool(element.children) and (element.tag == "ref" or any(c.tag in INLINE_CARRIED for c in element.children))


def define_newelem(processed: Element | None, parent: Element, *, keep_children: bool = False) -> None:
    if processed is None:
        return
    child = parent.sub(processed.tag)
    child.text, child.tail = processed.text, processed.tail
    if keep_children:
        for sub in processed.children:
            if sub.tag in INLINE_CARRIED or sub.tag == "lb":
                define_newelem(sub, child, keep_children=True)
                for carried in sub.iter():
                    carried.tag = DONE


def append_block(parent: Element, processed: Element | None, source: Element) -> None:
    """A processed block with the source's tail, or that tail alone as text after the parent's content."""
    if processed is not None:
        processed.tail = source.tail
        parent.append(processed)
        return
    if not (source.tail and has_text(source.tail)):
        return
    last = parent.children[-1] if parent.children else None
    before, tail = (parent.text if last is None else last.tail) or "", source.tail
    if source.tag != "graphic" and (before or last is not None) and not before[-1:].isspace() and not tail[0].isspace():
        tail = f" {tail}"
    if last is None:
        parent.text = before + tail
    else:
        last.tail = before + tail


def process_nested_elements(child: Element, new: Element) -> None:
    """The descendants of a list item or a quote, rewired into the new element."""
    new.text = child.text
    for sub in list(child.descendants()):
        if sub.tag == "list":
            append_block(new, handle_lists(sub), sub)
        elif sub.tag == "p" and sub.children:
            append_block(new, handle_paragraphs(sub, QUOTE_TAGS), sub)
        elif sub.tag in INLINE_CARRIED:
            define_newelem(sub, new, keep_children=True)
        else:
            if sub.children and has_text(sub.tail):
                last = sub.children[-1]
                last.tail, sub.tail = f"{last.tail or ''}{sub.tail}", None
            define_newelem(handle_textnode(sub, comments_fix=False), new)
        sub.tag = DONE


def handle_lists(element: Element) -> Element | None:
    processed = Element(element.tag, {})
    if has_text(element.text):
        processed.sub("item").text = element.text
    for child in list(element.descendants()):
        if child.tag != "item":
            continue
        new = Element("item", {})
        if not child.children:
            leaf = process_node(child)
            if leaf is not None:
                new.text = " ".join(t for t in (leaf.text, leaf.tail) if t)
        else:
            process_nested_elements(child, new)
            if has_text(child.tail) and new.children:
                last = new.children[-1]
                last.tail = f"{last.tail} {child.tail}" if has_text(last.tail) else child.tail
        if is_text_element(new):
            processed.append(new)
        child.tag = DONE
    element.tag = DONE
    return processed if is_text_element(processed) else None


def handle_code_blocks(element: Element) -> Element:
    """A code block, copied whole (its tail too) and consumed."""
    processed = element.copy()
    for child in element.iter():
        child.tag = DONE
    processed.tag = "code"
    return processed


def handle_quotes(element: Element) -> Element | None:
    if element.tag == "code" or element.get("lang") or _in_highlight(element) or _wraps_code(element):
        return handle_code_blocks(element)
    processed = Element(element.tag, {})
    process_nested_elements(element, processed)
    if not is_text_element(processed):
        return None
    processed.strip_tags({"quote"})
    return processed


def _in_highlight(element: Element) -> bool:
    return element.parent is not None and "highlight" in element.parent.get("class")


def _wraps_code(element: Element) -> bool:
    code = next((c for c in element.children if c.tag == "code"), None)
    return (
        code is not None
        and len(element.children) == 1
        and not (element.text or "").strip()
        and not (code.tail or "").strip()
    )


def handle_titles(element: Element) -> Element | None:
    if not element.children:
        title = process_node(element)
    else:
        title = element.copy()
        title.strip_elements(DONE)
        for child in list(element.descendants()):
            child.tag = DONE
    return title if is_text_element(title) else None


def handle_formatting(element: Element) -> Element | None:
    formatting = process_node(element)
    if formatting is None:
        return None
    parent = element.parent
    if parent is not None and parent.tag in ("cell", "head", "hi", "item", "p", "quote", "ref", "td"):
        return formatting
    wrapper = Element("p", {})
    wrapper.append(formatting)
    return wrapper


def handle_paragraphs(element: Element, potential_tags: frozenset[str] | set[str]) -> Element | None:
    if not element.children:
        return process_node(element)
    processed = Element(element.tag, {})
    element.strip_tags({c.tag for c in element.descendants() if c.tag not in potential_tags and c.tag != DONE})
    for child in list(element.iter()):
        processed_child = handle_textnode(child, comments_fix=False, preserve_spaces=True)
        if processed_child is not None:
            if processed_child.tag == "p":
                processed.text = " ".join(t for t in (processed.text, processed_child.text) if t) or None
                child.tag = DONE
                continue
            newsub = Element(child.tag, {})
            if processed_child.tag in INLINE_CONSUMING:
                if _wraps_inline(processed_child):
                    define_newelem(processed_child, processed, keep_children=True)
                    child.tag = DONE
                    continue
                for item in processed_child.children:
                    if item.tag == "lb" and item.tail:
                        item.tail = " " + item.tail.lstrip()
                    elif has_text(item.text):
                        item.text = f" {item.text}"
                processed_child.strip_tags({item.tag for item in processed_child.children})
                if rend := child.get("rend"):
                    newsub.attrs["rend"] = rend
            newsub.text, newsub.tail = processed_child.text, processed_child.tail
            if processed_child.tag == "graphic":
                raise Unsupported("an image in a paragraph")
            processed.append(newsub)
        child.tag = DONE
    if processed.children:
        last = processed.children[-1]
        if last.tag == "lb" and last.tail is None:
            last.delete()
        return processed
    return processed if has_text(processed.text) else None


def handle_table(table: Element, *, recall: bool = False) -> Element | None:
    """A table as rows of cells, padded to the widest row, spans as empty cells."""
    if any(e.tag == "table" for e in table.descendants()):
        raise Unsupported("a nested table")
    rows, captions, max_cols = table_rows(table)
    new_table = Element("table", {})
    for caption in filter(None, captions):
        row = Element("row", {})
        new_cell(row, header=True).text = caption
        finish_row(new_table, row, {}, max_cols)
    header_emitted = False
    rowspans: dict[int, int] = {}  # column: rows a cell above still spans
    for cells in rows:
        row = Element("row", {})
        row_has_th = False
        for cell in cells:
            header = cell.tag == "th" and not header_emitted
            row_has_th = row_has_th or header
            flush_rowspan(rowspans, row)
            content = new_cell(row, header=header)
            colspan, rowspan = span(cell, "colspan"), span(cell, "rowspan")
            if rowspan > 1:
                for column in range(len(row.children) - 1, len(row.children) - 1 + colspan):
                    rowspans[column] = rowspan - 1
            _fill_cell(content, cell, recall=recall)
            for _ in range(colspan - 1):
                new_cell(row, header=header)
            cell.tag = DONE
        finish_row(new_table, row, rowspans, max_cols)
        header_emitted = header_emitted or row_has_th
    return new_table if new_table.children else None


def _fill_cell(target: Element, cell: Element, *, recall: bool) -> None:
    """A cell's content: its text, and its children rewired (lists kept in recall mode only)."""
    if not cell.children:
        leaf = process_node(cell)
        if leaf is not None:
            target.text, target.tail = leaf.text, leaf.tail
        return
    target.text, target.tail = cell.text, cell.tail
    cell.tag = DONE  # before the walk, so that formatting in it is wrapped as a paragraph
    for child in list(cell.descendants()):
        if child.tag == DONE:
            continue
        if separates_inline(child) and not has_text(child.tail):
            target.sub("lb")
            child.tag = DONE
            continue
        if child.tag in ("td", "th"):
            raise Unsupported("a stray cell inside a cell")
        if child.tag in INLINE_CONSUMING:
            processed = handle_textnode(child, preserve_spaces=True)
            if processed is None and child.children:
                processed = child
        elif child.tag == "list":
            processed_list = handle_lists(child)  # read in both modes: it consumes the items
            append_block(target, processed_list if recall else None, child)
            continue
        else:
            processed = handle_textelem(child, POTENTIAL_TAGS | {"div"}, recall=recall)
        define_newelem(processed, target, keep_children=True)
        child.tag = DONE


def handle_other_elements(element: Element, potential_tags: frozenset[str]) -> Element | None:
    """A <div> holding text of its own is a paragraph when <div> text counts (pages with little <p> text)."""
    if element.tag == "div" and "w3-code" in element.get("class"):
        return handle_code_blocks(element)
    if element.tag != "div" or "div" not in potential_tags:
        return None  # other elements: read through their children
    processed = handle_textnode(element, comments_fix=False, preserve_spaces=True)
    if processed is None or not has_text(processed.text):
        return None
    processed.attrs = {}
    processed.tag = "p"
    return processed


def handle_textelem(
    element: Element, potential_tags: frozenset[str] = POTENTIAL_TAGS, *, recall: bool = False
) -> Element | None:
    """The element as a block of the result, or None (``recall``: trafilatura's recall mode)."""
    tag = element.tag
    if tag == "list":
        return handle_lists(element)
    if tag in ("code", "quote"):
        return handle_quotes(element)
    if tag == "head":
        return handle_titles(element)
    if tag == "p":
        return handle_paragraphs(element, potential_tags)
    if tag == "lb":
        if has_text(element.tail):
            leaf = process_node(element)
            if leaf is not None:
                new = Element("p", {})
                new.text = leaf.tail
                return new
        return None
    if tag in INLINE_CONSUMING:
        return handle_formatting(element)
    if tag == "table":
        return handle_table(element, recall=recall)
    if tag == "graphic":
        raise Unsupported("an image")
    return handle_other_elements(element, potential_tags)

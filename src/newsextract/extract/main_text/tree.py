"""A light element tree in lxml's text/tail model, read from the cleaned Lexbor tree with
trafilatura's tree_cleaning() and convert_tags() applied on the way (one walk, no copy, no lxml)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from selectolax.lexbor import LexborNode

from newsextract.extract.main_text.rules import RAW_PRUNED_TAGS, raw_pruned

DONE = "done"  # the tag of a source element already read into the result


class Unsupported(Exception):  # a decline, not an error
    """The page takes a path of the main-text extractor this port does not follow."""


# trafilatura settings.py: MANUALLY_CLEANED ("form" handled apart) and MANUALLY_STRIPPED, plus the
# inline formatting that convert_tags() strips; CUT_EMPTY_ELEMS are deleted when empty.
CLEANED = frozenset(
    "aside embed fencedframe footer head iframe menu object script applet audio canvas figure map picture svg "
    "video area blink button datalist dialog frame frameset fieldset link input label legend marquee math "
    "menuitem nav noindex noscript optgroup option output param progress rp rt rtc select source style track "
    "textarea time use".split()
)
STRIPPED = frozenset(
    "abbr acronym address bdi bdo big cite data dfn font hgroup img ins mark meta nobr ruby small tbody tfoot "
    "thead wbr".split()
)
FORMATTING = frozenset("em i b strong u kbd samp tt var sub sup".split())
CUT_EMPTY = frozenset(
    "article b blockquote dd div dt em h1 h2 h3 h4 h5 h6 i li main p pre q section span strong".split()
)
LINK_CONTAINERS = frozenset(("div", "li", "p", "table"))
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
LISTS = frozenset(("ul", "ol", "dl"))
_CODE_INDICATORS = ("{", '("', "('", "\n    ")
_UNSUPPORTED = frozenset(("template",))  # content moves or is renamed in ways not ported


def trim(text: str | None) -> str:
    """trafilatura's trim(): white space runs collapsed, ends stripped."""
    return " ".join(text.split()) if text else ""


def has_text(text: str | None) -> bool:
    """trafilatura's text_chars_test(): something other than white space."""
    return bool(text) and not text.isspace()  # type: ignore[union-attr]


class Element:
    """An element with lxml's ``text`` (before the first child) and ``tail`` (after the element)."""

    __slots__ = ("attrs", "children", "parent", "tag", "tail", "text")

    def __init__(
        self,
        tag: str,
        attrs: dict[str, str | None],
        parent: Element | None = None,
        text: str | None = None,
        tail: str | None = None,
    ) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.text = text
        self.tail = tail
        self.children: list[Element] = []

    def get(self, name: str) -> str:
        return self.attrs.get(name) or ""

    def iter(self) -> Iterator[Element]:
        """The element and its descendants, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def post_order(self) -> list[Element]:
        """The element and its descendants, children before their parent."""
        order: list[Element] = []
        stack = [self]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(node.children)
        order.reverse()
        return order

    def descendants(self) -> Iterator[Element]:
        it = self.iter()
        next(it)
        return it

    def text_content(self) -> str:
        return "".join(self.text_pieces())

    def text_pieces(self) -> list[str]:
        """lxml's itertext(): the text and the children's text and tails, not the element's own tail."""
        pieces: list[str] = []
        self._add_pieces(pieces)
        return pieces

    def _add_pieces(self, pieces: list[str]) -> None:  # one list for the whole subtree: no generator chains
        if self.text:
            pieces.append(self.text)
        for child in self.children:
            child._add_pieces(pieces)
            if child.tail:
                pieces.append(child.tail)

    def next_sibling(self) -> Element | None:
        if self.parent is None:
            return None
        siblings = self.parent.children
        index = siblings.index(self)
        return siblings[index + 1] if index + 1 < len(siblings) else None

    def previous_sibling(self) -> Element | None:
        if self.parent is None:
            return None
        siblings = self.parent.children
        index = siblings.index(self)
        return siblings[index - 1] if index > 0 else None

    def append(self, child: Element) -> None:
        """lxml's append(): the child moves here with its tail."""
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.append(child)

    def insert(self, index: int, child: Element) -> None:
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.insert(index, child)

    def sub(self, tag: str) -> Element:
        """lxml's SubElement()."""
        child = Element(tag, {}, self)
        self.children.append(child)
        return child

    def copy(self) -> Element:
        """A deep copy, tail included, outside any tree."""
        twin = Element(self.tag, dict(self.attrs), None, self.text, self.tail)
        for child in self.children:
            child_twin = child.copy()
            child_twin.parent = twin
            twin.children.append(child_twin)
        return twin

    def strip_tags(self, tags: frozenset[str] | set[str]) -> None:
        """lxml's strip_tags(): descendants with these tags give way to their content."""
        for element in [e for e in self.descendants() if e.tag in tags]:
            element.unwrap()

    def strip_elements(self, tag: str) -> None:
        """lxml's strip_elements(): descendants with this tag go, their tails too."""
        for element in [e for e in self.descendants() if e.tag == tag]:
            if element.parent is not None:
                element.parent.children.remove(element)
                element.parent = None

    def delete(self, *, keep_tail: bool = True) -> None:
        """lxml's delete_element(): the tail joins the previous sibling's tail or the parent's text."""
        parent = self.parent
        if parent is None:
            return
        index = parent.children.index(self)
        if keep_tail and self.tail:
            if index == 0:
                parent.text = (parent.text or "") + self.tail
            else:
                previous = parent.children[index - 1]
                previous.tail = (previous.tail or "") + self.tail
        del parent.children[index]
        self.parent = None

    def unwrap(self) -> None:
        """lxml's strip_tags() for one element: its text and children take its place."""
        parent = self.parent
        if parent is None:
            return
        index = parent.children.index(self)
        before = parent.text if index == 0 else parent.children[index - 1].tail
        joined = (before or "") + (self.text or "")
        if index == 0:
            parent.text = joined or None
        else:
            parent.children[index - 1].tail = joined or None
        for child in self.children:
            child.parent = parent
        if self.children:
            last = self.children[-1]
            last.tail = ((last.tail or "") + (self.tail or "")) or None
        elif self.tail:
            if index == 0:
                parent.text = (parent.text or "") + self.tail
            else:
                previous = parent.children[index - 1]
                previous.tail = (previous.tail or "") + self.tail
        parent.children[index : index + 1] = self.children
        self.parent = None


_CONTEXT_TAGS = LINK_CONTAINERS | LISTS | {"details"}  # the tags that change what their descendants are


@dataclass(eq=False, slots=True)
class _Read:
    """What the walk met on the way, over the whole page: the forms in document order, and
    whether a <p> outside the cleaned elements (kept, or pruned as empty)."""

    forms: list[Element] = field(default_factory=list)
    paragraph: bool = False


@dataclass(eq=False, slots=True)
class _Context:
    """What the ancestors of the element being read tell about it, and what the walk met so far."""

    in_link_container: bool = False
    in_list: bool = False
    in_details: bool = False
    read: _Read = field(default_factory=_Read)

    def inside(self, tag: str) -> _Context:
        """The context of an element's children: this one unless the element changes it."""
        link_container = self.in_link_container or tag in LINK_CONTAINERS
        in_list = self.in_list or tag in LISTS
        in_details = self.in_details or tag == "details"
        if (link_container, in_list, in_details) == (self.in_link_container, self.in_list, self.in_details):
            return self
        return _Context(link_container, in_list, in_details, self.read)


class Tree(NamedTuple):
    """The <body> read, and whether a <p> survives the cleaning (where none does, recall mode
    undoes the cleaning)."""

    root: Element
    has_paragraph: bool


def build(body: LexborNode) -> Tree:
    """The <body> as trafilatura sees it after cleaning and tag conversion."""
    root = Element("body", dict(body.attributes))
    context = _Context()
    _add_children(body, root, context)
    _handle_forms(root, context.read.forms)
    return Tree(root, context.read.paragraph)


def _add_children(node: LexborNode, into: Element, context: _Context) -> int:
    """Read the node's children into ``into``; returns how many elements it holds before empty ones go."""
    count = 0
    children = into.children  # the same list throughout: unwrapping a child edits it in place
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            text = child.text_content or ""
            if children:
                last = children[-1]
                last.tail = (last.tail or "") + text
            else:
                into.text = (into.text or "") + text
        elif tag in CLEANED:
            if tag == "figure" and child.css_first("table") is not None:  # a table's figure stays
                count += _add_element(child, tag, child.attributes, into, context)
        elif tag in STRIPPED:
            count += _add_children(child, into, context)
        elif tag == "a" and not context.in_link_container:
            count += 1  # stripped after the empty elements are pruned: it still counts as a child
            _add_children(child, into, context)
        elif tag[:1] not in ("-", "_", "#", "!", ""):  # not a comment or a doctype
            count += _add_element(child, tag, child.attributes, into, context)
        child = child.next
    return count


def _add_element(node: LexborNode, tag: str, attrs: dict[str, str | None], into: Element, context: _Context) -> int:
    """Read an element into ``into``; returns 0 where the raw-tree rules remove it, else 1."""
    if tag in RAW_PRUNED_TAGS and raw_pruned(node, tag, attrs):
        return 0
    if tag in _UNSUPPORTED:
        raise Unsupported(f"<{tag}>")
    if tag == "figure" or (tag == "table" and attrs.get("role") in ("presentation", "none")):
        tag = "div"
    element = Element(tag, attrs, into)
    if tag == "form":
        context.read.forms.append(element)
    elif tag == "p":
        context.read.paragraph = True
    raw_children = _add_children(node, element, context.inside(tag) if tag in _CONTEXT_TAGS else context)
    if element.text is None and raw_children == 0 and tag in CUT_EMPTY:
        return 1  # prune_html(): an empty element goes, its tail stays (already appended to the parent)
    if tag == "strong" and "schema-faq-question" in (attrs.get("class") or ""):
        element.tag, element.attrs = "head", {"rend": "h3"}  # a Yoast FAQ question reads as a title
        into.children.append(element)
    elif tag in FORMATTING:
        into.children.append(element)
        element.unwrap()
    else:
        if tag in _CONVERTED:
            element.tag = _converted(element, tag, context)
        into.children.append(element)
    return 1


_CONVERTED = (
    frozenset("a br hr li dd dt blockquote q pre del s strike details summary".split()) | HEADINGS | LISTS
)  # the tags convert_tags() renames


def _converted(element: Element, tag: str, context: _Context) -> str:
    """convert_tags(): trafilatura's own element names."""
    if tag == "a":
        return "ref"
    if tag in HEADINGS:
        element.attrs = {"rend": tag}
        return "head"
    if tag in ("br", "hr"):
        return "lb"
    if tag in LISTS:
        return "list"
    if tag in ("li", "dd", "dt") and context.in_list:
        return "item"
    if tag in ("blockquote", "q"):
        return "quote"
    if tag == "pre":
        return "code" if _is_code(element) else "quote"
    if tag in ("del", "s", "strike"):
        return "del"
    if tag == "details":
        return "div"
    if tag == "summary" and context.in_details:
        return "head"
    return tag


def _is_code(pre: Element) -> bool:
    if len(pre.children) == 1 and pre.children[0].tag == "span":
        return True
    if any(e.tag == "span" and e.get("class").startswith("hljs") for e in pre.descendants()):
        return True
    return any(i in (pre.text or "") for i in _CODE_INDICATORS)


def _handle_forms(root: Element, forms: list[Element]) -> None:
    """A form holding most of the page's text is a layout wrapper (ASP.NET) and stays; others go.
    (``forms``: the page's forms in document order.)"""
    if not forms:
        return
    total = len(root.text_content())
    for form in forms:
        if total and len(form.text_content()) > total / 2:
            raise Unsupported("a form wrapping the page")  # it becomes a <div> before links are read
        form.delete()

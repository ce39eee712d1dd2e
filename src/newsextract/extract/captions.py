"""A picture's caption: inside its figure, in the block printed right after it, in the small wrapper it
shares with a short text, or in a data attribute. Credits are split off; bylines, newsletter teasers
and lists of headlines are never taken for a caption.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from newsextract.extract import credits, dom
from newsextract.extract.node_match import SelectorList, names_match
from newsextract.extract.node_text import has_text, text_within
from newsextract.extract.text import squash, word_count
from newsextract.extract.vocabulary.body import BOILERPLATE_LINES
from newsextract.extract.vocabulary.bylines import BY_PREFIX
from newsextract.extract.vocabulary.captions import (
    ALL_HEADINGS,
    CAPTION_ATTRS,
    CAPTION_CLASS,
    CAPTION_SELECTORS,
    CJK,
    CODE,
    CREDIT_SELECTOR,
    LEADING_LABEL,
    LETTER_WORD,
    MEDIA_TEASER,
    META_LINE,
    NEWSLETTER,
    PICTURE_BLOCK_CLASS,
    SIGN_UP,
    TOGGLE_LABEL,
    UNSEEN,
    UNSEEN_TAGS,
)
from newsextract.extract.vocabulary.credits import CREDIT_CLASS
from newsextract.extract.vocabulary.thresholds import (
    CAPTION_CHARS_PER_WORD,
    CAPTION_HEADLINE_LINK_WORDS,
    MAX_BLOCK_CAPTION_CHARS,
    MAX_BLOCK_CAPTION_WORDS,
    MAX_BLOCK_TEXT_CHILDREN,
    MAX_BYLINE_WORDS,
    MAX_CAPTION_CHARS,
    MAX_CAPTION_ELEMENTS,
    MAX_LABEL_CHARS,
    MAX_LABEL_WORDS,
    MAX_NAMED_BLOCK_WORDS,
    MIN_CAPTION_WORDS,
    WRAPPER_LEVELS,
)

_CAPTIONS = SelectorList.parse(CAPTION_SELECTORS)


@dataclass(frozen=True)
class Caption:
    """A caption's text and credit as printed, and the nodes that print them (dropped from the body)."""

    text: str | None = None
    credit: str | None = None
    nodes: tuple[LexborNode, ...] = ()
    promo: bool = False  # the "caption" sells a newsletter or a subscription: the picture is a promo

    @property
    def chars(self) -> int:
        return len(self.text or "") + len(self.credit or "")


NO_CAPTION = Caption()


def caption_of(picture: LexborNode, unit: LexborNode | None, region: LexborNode, *, loose: bool = True) -> Caption:
    """The caption of a picture standing in ``unit`` (its figure or image container, if any).

    ``loose=False`` takes only captions named as such (a figcaption, a "caption" class), not a short
    text that merely shares a wrapper with the picture.
    """
    node = _caption_inside(unit) if unit is not None else None
    if node is None:
        node = _caption_after(unit or picture, region)
    if node is not None:
        found = _read(node, unit)
        if found.text or found.credit or found.promo:
            return found
    in_wrapper = _caption_in_wrapper(picture, region) if loose else None
    return in_wrapper or _caption_attribute(picture, unit)


def is_false_caption(text: str, node: LexborNode | None) -> bool:
    """A byline, a newsletter or cookie line, a media-player teaser, or a list of linked headlines."""
    if (
        BOILERPLATE_LINES.match(text)
        or MEDIA_TEASER.search(text)
        or CODE.search(text)
        or not _has_words(text)
        or (text.endswith(":") and len(text.split()) <= MAX_LABEL_WORDS)
    ):
        return True
    if META_LINE.search(text) and len(text.split()) <= MAX_BYLINE_WORDS:
        return True
    if is_byline(text):
        return True
    if node is None:
        return False
    headlines = [a for a in node.css("a") if word_count(dom.text_of(a)) >= CAPTION_HEADLINE_LINK_WORDS]
    return len(headlines) >= 2 or len(node.css("li")) >= 2


def is_promo(text: str) -> bool:
    """A newsletter or subscription teaser, in any language ("Melden Sie sich für unseren Newsletter an")."""
    return bool(BOILERPLATE_LINES.match(text) and NEWSLETTER.search(text)) or bool(
        NEWSLETTER.search(text) and SIGN_UP.search(text)
    )


def is_byline(text: str) -> bool:
    """ "By Jane Doe", "Von Hannah Ritzmann, Redakteurin 09.09.2025": a short line naming the author."""
    by = BY_PREFIX.match(text)
    return by is not None and text[by.end() : by.end() + 1].isupper() and len(text.split()) <= MAX_BYLINE_WORDS


def _has_words(text: str) -> bool:
    """At least two words of letters ("Donald Trump"), or a few CJK characters; not "14 2" or "3 Min"."""
    return len(LETTER_WORD.findall(text)) >= MIN_CAPTION_WORDS or len(CJK.findall(text)) >= 2 * MIN_CAPTION_WORDS


def _caption_inside(unit: LexborNode) -> LexborNode | None:
    """The figure's own caption element: the outermost visible one named by selector or class.

    Document order puts an outer caption ("newsCaption") before the credit span nested in it.
    """
    return next(
        (
            n
            for n in unit.css("[class], figcaption, [itemprop]")
            if n.mem_id != unit.mem_id and _is_caption_element(n) and not _holds_picture(n) and visible_text(n)
        ),
        None,
    )


def _is_caption_element(node: LexborNode) -> bool:
    return node.tag not in UNSEEN_TAGS and (_CAPTIONS.matches(node) or _names_caption(node))


def text_outside_captions(node: LexborNode) -> str:
    """The node's visible text without its caption elements: what a picture's wrapper holds besides
    its caption (a lightbox prints the caption twice, a bio box prints a biography)."""
    captions = {
        n.mem_id
        for n in node.css("[class], figcaption, [itemprop]")
        if n.mem_id != node.mem_id and _is_caption_element(n)
    }
    return _text_without(node, captions)


def _caption_after(start: LexborNode, region: LexborNode) -> LexborNode | None:
    """A caption block printed right after the picture or after one of its nearest wrappers
    (buttons and empty elements between them do not count)."""
    block: LexborNode | None = start
    for _ in range(WRAPPER_LEVELS):
        if block is None or block.mem_id == region.mem_id:
            return None
        sibling = _next_element(block)
        while sibling is not None and (
            sibling.tag == "noscript" or (_is_blank(sibling) and not _holds_picture(sibling))
        ):
            sibling = _next_element(sibling)  # a lazy picture's <noscript> copy, a button, an empty slot
        if sibling is not None:  # (the cheap, bounded test first: the sibling may be the rest of the story)
            return sibling if _is_caption_block(sibling) and not _holds_picture(sibling) else None
        block = block.parent
    return None


def _caption_in_wrapper(picture: LexborNode, region: LexborNode) -> Caption | None:
    """A short text sharing a small wrapper with the picture: ``<div><img><small>Caption</small></div>``."""
    for wrapper in _wrappers(picture, region):
        if _is_blank(wrapper):
            continue
        parts = _caption_parts(wrapper)
        if parts is None:
            return None  # the wrappers further up only hold more
        found = _read_parts(parts)
        if not (found.text or found.credit):
            return None
        # An editor's plain paragraph beside an inline picture is body text, unless the wrapper is
        # made for a picture or the text carries a credit.
        picture_block = bool(PICTURE_BLOCK_CLASS.search(wrapper.attributes.get("class") or ""))
        return None if _bare_paragraphs(parts) and not found.credit and not picture_block else found
    return None


def _caption_parts(wrapper: LexborNode) -> list[LexborNode] | None:
    """The wrapper's text elements when they can be the picture's caption: one picture in the wrapper;
    the text in its own one or two elements (not loose around an inline picture); short; no heading
    and no link (a promo card's call to action)."""
    text = text_within(wrapper, MAX_BLOCK_CAPTION_CHARS + MAX_LABEL_CHARS)
    if text is None or wrapper.tag in ("p", "a", "li", "td") or _holds_other_pictures(wrapper):
        return None
    text = visible_text(wrapper)
    parts = [child for child in wrapper.iter() if visible_text(child) and not _holds_picture(child)]
    loose_text = any(
        child.tag == "-text" and (child.text_content or "").strip() for child in wrapper.iter(include_text=True)
    )
    if (
        loose_text
        or not parts
        or len(parts) > MAX_BLOCK_TEXT_CHILDREN
        or word_count(text) > MAX_BLOCK_CAPTION_WORDS
        or len(text) > MAX_BLOCK_CAPTION_CHARS
        or wrapper.css_first(ALL_HEADINGS) is not None
        or _links_in_text(parts)
    ):
        return None
    return parts


def _bare_paragraphs(parts: list[LexborNode]) -> bool:
    """Plain <p> elements without a class: an editor's body paragraphs beside an inline picture."""
    return all(part.tag == "p" and not part.attributes.get("class") for part in parts)


def _links_in_text(parts: list[LexborNode]) -> bool:
    """A link with words in a part that is not a credit line."""
    return any(
        dom.text_of(a) for part in parts if not credits.is_credit_text(visible_text(part)) for a in part.css("a")
    )


def _caption_attribute(picture: LexborNode, unit: LexborNode | None) -> Caption:
    for node in (picture, unit):
        if node is None:
            continue
        for name in CAPTION_ATTRS:
            text = squash(node.attributes.get(name)).strip("\"' ")
            if text:
                return _from_text(text, None, ())
    return NO_CAPTION


def _read(node: LexborNode, unit: LexborNode | None) -> Caption:
    """Text and credit of a caption element; credit elements (in it or in the figure) are kept apart."""
    if text_within(node, MAX_CAPTION_CHARS) is None:
        return NO_CAPTION  # a block this long is the article's, whatever its class says
    # A caption has a few elements; looking at the first ones keeps a hostile nesting linear.
    credit_nodes = [
        n
        for n in node.css("*")[:MAX_CAPTION_ELEMENTS]
        if n.mem_id != node.mem_id and (credits.is_credit_text(dom.text_of(n)) or _names_credit(n))
    ]
    named_credits = [
        n
        for n in (unit or node).css(CREDIT_SELECTOR)
        if word_count(dom.text_of(n)) <= MAX_BYLINE_WORDS and not _holds_picture(n)
    ]
    skipped = {n.mem_id for n in credit_nodes + named_credits}
    text = _text_without(node, skipped)
    credit_node = next(iter(named_credits + credit_nodes), None)
    credit = dom.text_of(credit_node) if credit_node is not None else None
    nodes = (node, *(n for n in named_credits if not dom.is_ancestor(node, n)))
    return _from_text(text, credit, nodes)


def _read_parts(parts: list[LexborNode]) -> Caption:
    credit_parts = [p for p in parts if credits.is_credit_text(visible_text(p))]
    text = " ".join(visible_text(p) for p in parts if p not in credit_parts)
    credit = visible_text(credit_parts[0]) if credit_parts else None
    return _from_text(text, credit, tuple(parts))


def _from_text(text: str, credit: str | None, nodes: tuple[LexborNode, ...]) -> Caption:
    text = TOGGLE_LABEL.sub("", LEADING_LABEL.sub("", squash(text)))
    if credit:
        text = squash(text.replace(squash(credit), " "))
    text, printed = credits.split_credit(text) if text else ("", None)
    credit = credits.clean_credit(credit) or printed
    if text and is_promo(text):
        return Caption(None, None, nodes, promo=True)
    if len(text) > MAX_CAPTION_CHARS or (text and is_false_caption(text, nodes[0] if nodes else None)):
        return Caption(None, credit, nodes) if credit else NO_CAPTION
    return Caption(text or None, credit, nodes)


def visible_text(node: LexborNode) -> str:
    """The text of a small node without what a reader never sees as prose: buttons ("Enlarge"),
    icon titles, scripts."""
    if node.tag in UNSEEN_TAGS:
        return ""
    if node.css_first(UNSEEN) is None:
        return dom.text_of(node)
    return _text_without(node, set())


def _is_blank(node: LexborNode) -> bool:
    """No text a reader sees: an empty slot, a button, an icon (reads at most a short label)."""
    if node.tag in UNSEEN_TAGS or not has_text(node):
        return True
    return text_within(node, MAX_LABEL_CHARS) is not None and not visible_text(node)


def _text_without(node: LexborNode, skipped: set[int]) -> str:
    """The node's text, leaving out the subtrees in ``skipped`` (credit lines) and unseen elements.

    An explicit stack, not recursion: a hostile page nests thousands of elements.
    """
    pieces: list[str] = []
    stack = [iter(node.iter(include_text=True))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            pieces.append(" ")
        elif child.tag == "-text":
            pieces.append(child.text_content or "")
        elif child.mem_id not in skipped and child.tag not in UNSEEN_TAGS:
            pieces.append(" ")
            stack.append(iter(child.iter(include_text=True)))
    return squash("".join(pieces))


def _is_caption_block(node: LexborNode) -> bool:
    """A caption element by selector, or a short block whose class (or its first child's) names one."""
    if _CAPTIONS.matches(node):
        return True
    if _names_caption(node):
        return _at_most_words(node, MAX_NAMED_BLOCK_WORDS)
    if not _at_most_words(node, MAX_BLOCK_CAPTION_WORDS):
        return False
    first = next((child for child in node.iter() if has_text(child)), None)
    return first is not None and (_CAPTIONS.matches(first) or _names_caption(first))


def _at_most_words(node: LexborNode, limit: int) -> bool:
    text = text_within(node, limit * CAPTION_CHARS_PER_WORD)
    return text is not None and word_count(text) <= limit


def _names_credit(node: LexborNode) -> bool:
    """A short element whose class names a credit ("widget__captionCredit")."""
    names = node.attributes.get("class") or ""
    return names_match(CREDIT_CLASS, names) and word_count(dom.text_of(node)) <= MAX_BYLINE_WORDS


def _names_caption(node: LexborNode) -> bool:
    return names_match(CAPTION_CLASS, node.attributes.get("class") or "")


def _holds_picture(node: LexborNode) -> bool:
    return node.tag in ("img", "amp-img", "picture") or node.css_first("img, amp-img, picture") is not None


def _holds_other_pictures(wrapper: LexborNode) -> bool:
    """More than one picture (a <noscript> copy does not count)."""
    pictures = [n for n in wrapper.css("img, amp-img") if not (n.parent is not None and n.parent.tag == "noscript")]
    return len(pictures) > 1


def _wrappers(picture: LexborNode, region: LexborNode) -> list[LexborNode]:
    found: list[LexborNode] = []
    for parent in dom.ancestors(picture):
        if parent.mem_id == region.mem_id or len(found) >= WRAPPER_LEVELS:
            break
        found.append(parent)
    return found


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    return sibling

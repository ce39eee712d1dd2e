"""A picture's caption: inside its figure, in the block printed right after it, in the small wrapper it
shares with a short text, or in a data attribute. Credits are split off; bylines, newsletter teasers
and lists of headlines are never taken for a caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from newsextract.extract import credits, dom
from newsextract.extract import selectors as sel
from newsextract.extract.node_match import SelectorList
from newsextract.extract.node_text import has_text, text_within
from newsextract.extract.text import squash, word_count

# Labels printed for screen readers or by a caption toggle: "image caption", "Bildunterschrift:", "hide caption".
_LEADING_LABEL = re.compile(
    r"^(?:(?:image|photo)\s+caption|legende|caption|bildunterschrift|légende|leyenda|bildtext)"
    r"\s*:?\s+",
    re.IGNORECASE,
)
_TOGGLE_LABEL = re.compile(r"\s*\b(?:hide|show|toggle|expand|collapse)\s+caption\s*$", re.IGNORECASE)
_CAPTION_SELECTOR = ", ".join(sel.CAPTION_SELECTORS)
_CAPTIONS = SelectorList.parse(sel.CAPTION_SELECTORS)
_PICTURE_BLOCK = sel.PICTURE_BLOCK_CLASS
_CREDIT_SELECTOR = ", ".join(sel.CREDIT_SELECTORS)
_MAX_CAPTION_CHARS = 1200
_MAX_CAPTION_ELEMENTS = 40
# A short text sharing a small wrapper with a picture is its caption; longer text is the article's.
_MAX_BLOCK_CAPTION_WORDS = 60
_MAX_BLOCK_CAPTION_CHARS = 400
_MAX_BLOCK_TEXT_CHILDREN = 2
_MAX_NAMED_BLOCK_WORDS = 80
_WRAPPER_LEVELS = 4
_MAX_BYLINE_WORDS = 15
_HEADLINE_WORDS = 3
# "Audio 03:07 Min.", "2:34 Russia launches…", "00:00:49", "Q 12:40 …": a player's teaser or duration.
_MEDIA_TEASER = re.compile(r"^(?:\w{1,10}\W{1,3})?\d{1,2}:\d{2}\b", re.IGNORECASE)
# A publication line ("Updated July 9, 2025", "5 min read") belongs to the byline, not to a picture.
_META_LINE = re.compile(
    r"\b(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|uhr)|updated|last\s+updated|published|posted|"
    r"min\.?\s+read|read\s+time|lesezeit|aktualisiert|veröffentlicht|mis\s+à\s+jour|publié|"
    r"actualizado|publicado|aggiornato|pubblicato)\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"newsletter|infolettre|bolet[ií]n|nyhetsbrev|nieuwsbrief|uutiskirje|hírlevél|"
    r"rozesílk|biuletyn|newsbrief|e-?mail\s+alerts?",
    re.IGNORECASE,
)
_SIGN_UP = re.compile(
    r"sign\s*up|subscri|abonn|anmeld|registr|inscri|suscr|iscri|zapisz|prenumer|meld\s+je|"
    r"tilmeld|påmeld|inbox|postfach|bandeja",
    re.IGNORECASE,
)
# Style sheets and scripts printed as text by a broken page.
_CODE = re.compile(r"[{;]\s*[\w-]+\s*:\s*[^;{}]+;|@media\b|\bfunction\s*\(")
# "Search for:", "Photos:": a form or section label.
_MAX_LABEL_WORDS = 4
_HEADINGS = "h1, h2, h3, h4, h5, h6"
_UNSEEN_TAGS = ("script", "style", "noscript", "template", "button", "svg", "select", "dialog")
_UNSEEN = ", ".join(_UNSEEN_TAGS)
# Above this a text is prose, not a caption: no need to look for buttons in it.
_MAX_VISIBLE_TEXT_CHARS = 3000
# A button's or an icon's label ("Enlarge", "Bildbeschreibung ausklappen").
_MAX_LABEL_CHARS = 200
# Generous, so that a word limit read as characters never cuts a caption short.
_CHARS_PER_WORD = 12
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MIN_CAPTION_WORDS = 2


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
        sel.BOILERPLATE_LINES.match(text)
        or _MEDIA_TEASER.search(text)
        or _CODE.search(text)
        or not _has_words(text)
        or (text.endswith(":") and len(text.split()) <= _MAX_LABEL_WORDS)
    ):
        return True
    if _META_LINE.search(text) and len(text.split()) <= _MAX_BYLINE_WORDS:
        return True
    if is_byline(text):
        return True
    if node is None:
        return False
    headlines = [a for a in node.css("a") if word_count(dom.text_of(a)) >= _HEADLINE_WORDS]
    return len(headlines) >= 2 or len(node.css("li")) >= 2


def is_promo(text: str) -> bool:
    """A newsletter or subscription teaser, in any language ("Melden Sie sich für unseren Newsletter an")."""
    return bool(sel.BOILERPLATE_LINES.match(text) and _NEWSLETTER.search(text)) or bool(
        _NEWSLETTER.search(text) and _SIGN_UP.search(text)
    )


def is_byline(text: str) -> bool:
    """ "By Jane Doe", "Von Hannah Ritzmann, Redakteurin 09.09.2025": a short line naming the author."""
    by = sel.BY_PREFIX.match(text)
    return by is not None and text[by.end() : by.end() + 1].isupper() and len(text.split()) <= _MAX_BYLINE_WORDS


def _has_words(text: str) -> bool:
    """At least two words of letters ("Donald Trump"), or a few CJK characters; not "14 2" or "3 Min"."""
    return len(_LETTER_WORD.findall(text)) >= _MIN_CAPTION_WORDS or len(_CJK.findall(text)) >= 2 * _MIN_CAPTION_WORDS


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
    return node.tag not in _UNSEEN_TAGS and (_CAPTIONS.matches(node) or _names_caption(node))


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
    for _ in range(_WRAPPER_LEVELS):
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
        picture_block = bool(_PICTURE_BLOCK.search(wrapper.attributes.get("class") or ""))
        return None if _bare_paragraphs(parts) and not found.credit and not picture_block else found
    return None


def _caption_parts(wrapper: LexborNode) -> list[LexborNode] | None:
    """The wrapper's text elements when they can be the picture's caption: one picture in the wrapper;
    the text in its own one or two elements (not loose around an inline picture); short; no heading
    and no link (a promo card's call to action)."""
    text = text_within(wrapper, _MAX_BLOCK_CAPTION_CHARS + _MAX_LABEL_CHARS)
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
        or len(parts) > _MAX_BLOCK_TEXT_CHILDREN
        or word_count(text) > _MAX_BLOCK_CAPTION_WORDS
        or len(text) > _MAX_BLOCK_CAPTION_CHARS
        or wrapper.css_first(_HEADINGS) is not None
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
        for name in sel.CAPTION_ATTRS:
            text = squash(node.attributes.get(name)).strip("\"' ")
            if text:
                return _from_text(text, None, ())
    return NO_CAPTION


def _read(node: LexborNode, unit: LexborNode | None) -> Caption:
    """Text and credit of a caption element; credit elements (in it or in the figure) are kept apart."""
    if text_within(node, _MAX_CAPTION_CHARS) is None:
        return NO_CAPTION  # a block this long is the article's, whatever its class says
    # A caption has a few elements; looking at the first ones keeps a hostile nesting linear.
    credit_nodes = [
        n
        for n in node.css("*")[:_MAX_CAPTION_ELEMENTS]
        if n.mem_id != node.mem_id and (credits.is_credit_text(dom.text_of(n)) or _names_credit(n))
    ]
    named_credits = [
        n
        for n in (unit or node).css(_CREDIT_SELECTOR)
        if word_count(dom.text_of(n)) <= _MAX_BYLINE_WORDS and not _holds_picture(n)
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
    text = _TOGGLE_LABEL.sub("", _LEADING_LABEL.sub("", squash(text)))
    if credit:
        text = squash(text.replace(squash(credit), " "))
    text, printed = credits.split_credit(text) if text else ("", None)
    credit = credits.clean_credit(credit) or printed
    if text and is_promo(text):
        return Caption(None, None, nodes, promo=True)
    if len(text) > _MAX_CAPTION_CHARS or (text and is_false_caption(text, nodes[0] if nodes else None)):
        return Caption(None, credit, nodes) if credit else NO_CAPTION
    return Caption(text or None, credit, nodes)


def visible_text(node: LexborNode) -> str:
    """The text of a small node without what a reader never sees as prose: buttons ("Enlarge"),
    icon titles, scripts."""
    if node.tag in _UNSEEN_TAGS:
        return ""
    if node.css_first(_UNSEEN) is None:
        return dom.text_of(node)
    return _text_without(node, set())


def _is_blank(node: LexborNode) -> bool:
    """No text a reader sees: an empty slot, a button, an icon (reads at most a short label)."""
    if node.tag in _UNSEEN_TAGS or not has_text(node):
        return True
    return text_within(node, _MAX_LABEL_CHARS) is not None and not visible_text(node)


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
        elif child.mem_id not in skipped and child.tag not in _UNSEEN_TAGS:
            pieces.append(" ")
            stack.append(iter(child.iter(include_text=True)))
    return squash("".join(pieces))


def _is_caption_block(node: LexborNode) -> bool:
    """A caption element by selector, or a short block whose class (or its first child's) names one."""
    if _CAPTIONS.matches(node):
        return True
    if _names_caption(node):
        return _at_most_words(node, _MAX_NAMED_BLOCK_WORDS)
    if not _at_most_words(node, _MAX_BLOCK_CAPTION_WORDS):
        return False
    first = next((child for child in node.iter() if has_text(child)), None)
    return first is not None and (_CAPTIONS.matches(first) or _names_caption(first))


def _at_most_words(node: LexborNode, limit: int) -> bool:
    text = text_within(node, limit * _CHARS_PER_WORD)
    return text is not None and word_count(text) <= limit


def _names_credit(node: LexborNode) -> bool:
    """A short element whose class names a credit ("widget__captionCredit")."""
    return (
        bool(sel.CREDIT_CLASS.search(node.attributes.get("class") or ""))
        and word_count(dom.text_of(node)) <= _MAX_BYLINE_WORDS
    )


def _names_caption(node: LexborNode) -> bool:
    return bool(sel.CAPTION_CLASS.search(node.attributes.get("class") or ""))


def _holds_picture(node: LexborNode) -> bool:
    return node.tag in ("img", "amp-img", "picture") or node.css_first("img, amp-img, picture") is not None


def _holds_other_pictures(wrapper: LexborNode) -> bool:
    """More than one picture (a <noscript> copy does not count)."""
    pictures = [n for n in wrapper.css("img, amp-img") if not (n.parent is not None and n.parent.tag == "noscript")]
    return len(pictures) > 1


def _wrappers(picture: LexborNode, region: LexborNode) -> list[LexborNode]:
    found: list[LexborNode] = []
    for parent in dom.ancestors(picture):
        if parent.mem_id == region.mem_id or len(found) >= _WRAPPER_LEVELS:
            break
        found.append(parent)
    return found


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    return sibling

"""The article's own images, in page order: sources (lazy-loading resolved), captions and credits.

collect() walks the pictures of the article's region once, in document order, and keeps those the
evidence does not rule out (teaser cards, author portraits, icons, ads); finalise() de-duplicates
them and marks the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract import selectors as sel
from newsextract.extract.captions import Caption, caption_of
from newsextract.extract.credits import split_credit
from newsextract.extract.image_evidence import ImageJudge, looks_like_content
from newsextract.extract.image_region import article_region
from newsextract.extract.image_sources import image_url, in_noscript, is_picture_element
from newsextract.extract.node_match import SelectorList
from newsextract.extract.text import similar, squash, word_count
from newsextract.models import Image

__all__ = ["CaptionedImage", "collect", "finalise", "image_url", "split_credit", "stray_captions"]

_CONTAINERS = SelectorList.parse(sel.IMAGE_CONTAINERS)
_CONTAINER_LEVELS = 6
_MAX_UNIT_CHARS = 1500
_MAX_CARD_WORDS = 60
# Labels and link texts a figure prints beside its caption ("Enlarge", "Credit:").
_UNIT_TEXT_SLACK = 80
# Size and variant suffixes of one picture's renditions: "-1200", "-1024x683", "@2x", "-scaled".
_RENDITION_SUFFIX = re.compile(r"(?:[-_@.](?:\d{2,4}x\d{2,4}|\d{3,4}w?|[1-4]x|scaled|large|medium|small|thumb))+$",
                               re.IGNORECASE)
_MIN_DISTINCT_STEM = 10
_MAX_CAPTION_CHARS = 600


@dataclass(frozen=True)
class CaptionedImage:
    """An image found in the page with the caption and credit text as printed."""

    url: str
    alt: str | None
    caption: str | None
    credit: str | None


def collect(scope: LexborNode, base_url: str | None) -> tuple[list[CaptionedImage], list[LexborNode]]:
    """The article's images in page order, and the figure, caption and teaser-card nodes to drop from the text."""
    region = article_region(scope)
    judge = ImageJudge(region, base_url)
    images: list[CaptionedImage] = []
    drop: list[LexborNode] = []
    cards: list[LexborNode] = []
    used_units: set[int] = set()
    taken_parents: set[int] = set()  # the parents of taken pictures: their <noscript> copies are not new
    for picture in region.css(sel.IMAGE_ELEMENTS):
        if not is_picture_element(picture) or _is_copy(picture, taken_parents):
            continue
        unit = _container_of(picture, region)
        if unit is not None and unit.mem_id in used_units:
            continue  # one picture a figure: the others are renditions or a gallery's thumbnails
        url = image_url(picture, base_url)
        if not url or _is_noise(url) or judge.is_author_portrait(picture):
            continue
        card = judge.teaser_card(picture)
        if card is not None:
            if _standalone_card(card, picture):
                cards.append(card)
            continue
        caption = caption_of(picture, unit, region)
        if judge.in_boilerplate_zone(unit or picture, caption.chars) \
                or not looks_like_content(picture, captioned=bool(caption.text)):
            continue
        if unit is not None:
            used_units.add(unit.mem_id)
        if picture.parent is not None:
            taken_parents.add(picture.parent.mem_id)
        images.append(CaptionedImage(url, squash(picture.attributes.get("alt")) or None, caption.text, caption.credit))
        drop.extend(_nodes_to_drop(unit, caption))
    # A related story's headline is no more the article's text than its picture.
    return images, drop + judge.droppable_cards(cards)


def _standalone_card(card: LexborNode, picture: LexborNode) -> bool:
    """A teaser card standing on its own (not a link inside a paragraph), short, with a real picture."""
    inline = card.tag == "p" or (card.parent is not None and card.parent.tag == "p")
    return not inline and word_count(dom.text_of(card)) <= _MAX_CARD_WORDS \
        and looks_like_content(picture, captioned=True)


def _is_copy(picture: LexborNode, taken_parents: set[int]) -> bool:
    """The <noscript> copy of a lazy picture already taken."""
    if not in_noscript(picture):
        return False
    noscript = picture.parent
    holder = noscript.parent if noscript is not None else None
    return holder is not None and holder.mem_id in taken_parents


def _container_of(picture: LexborNode, region: LexborNode) -> LexborNode | None:
    """The picture's nearest figure or image container, a few levels up at most."""
    for level, node in enumerate(dom.ancestors(picture)):
        if level >= _CONTAINER_LEVELS or node.mem_id == region.mem_id:
            return None
        if _CONTAINERS.matches(node):
            # A wrapper named "media" around the whole story is no figure.
            return node if len(dom.text_of(node)) <= _MAX_UNIT_CHARS else None
    return None


def _nodes_to_drop(unit: LexborNode | None, caption: Caption) -> list[LexborNode]:
    """The caption's nodes, and the figure when it holds nothing else (a figure may also wrap a box of text)."""
    nodes = list(caption.nodes)
    if unit is not None and (caption.text or unit.tag == "figure" or "wp-caption" in (unit.attributes.get("class")
                                                                                        or "")) \
            and len(dom.text_of(unit)) <= caption.chars + _UNIT_TEXT_SLACK:
        nodes.append(unit)
    return nodes


def _is_noise(url: str) -> bool:
    return bool(sel.IMAGE_URL_NOISE.search(urlsplit(url).path or url))


def finalise(found: list[CaptionedImage], lead_url: str | None, jsonld_captions: dict[str, str]) -> list[Image]:
    """One Image per picture in page order; no caption repeated; alt kept apart; the lead marked."""
    images: list[Image] = []
    seen: set[str] = set()
    captions: list[str] = []
    for item in found:
        keys = _identity_keys(item.url)
        if keys & seen:
            continue
        seen |= keys
        caption, credit = item.caption, item.credit
        if not caption:
            caption, credit = _jsonld_caption(item.url, jsonld_captions, credit)
        if caption and any(similar(caption, earlier) for earlier in captions):
            caption = None
        if caption:
            captions.append(caption)
        images.append(Image(url=item.url, alt=item.alt, caption=caption, credit=credit or None))
    return _mark_lead(images, lead_url)


def _jsonld_caption(url: str, captions: dict[str, str], credit: str | None) -> tuple[str | None, str | None]:
    keys = _identity_keys(url)
    printed = next((c for u, c in captions.items() if _identity_keys(u) & keys), None)
    if not printed:
        return None, credit
    text, printed_credit = split_credit(printed)
    return text or None, credit or printed_credit


def _identity_keys(url: str) -> set[str]:
    """Keys that one picture's renditions share: its address without query, and a distinctive file stem."""
    parts = urlsplit(url)
    keys = {f"{parts.netloc.lower()}{parts.path}"}
    stem = _stem(url)
    if len(stem) >= _MIN_DISTINCT_STEM:
        keys.add(stem)
    return keys


def _stem(url: str) -> str:
    """The file name without extension and rendition suffix; image resizers' encoded paths are unwrapped."""
    path = unquote(unquote(urlsplit(url).path)).rstrip("/")
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return _RENDITION_SUFFIX.sub("", stem).lower()


def _mark_lead(images: list[Image], lead_url: str | None) -> list[Image]:
    """The og:image / JSON-LD image where it matches one of the pictures, else the first picture."""
    if not images:
        return [Image(url=lead_url, is_lead=True)] if lead_url and not _is_noise(lead_url) else []
    lead_index = 0
    if lead_url:
        keys = _identity_keys(lead_url)
        lead_index = next((i for i, im in enumerate(images) if _identity_keys(im.url) & keys), 0)
    return [im.model_copy(update={"is_lead": i == lead_index}) for i, im in enumerate(images)]


def _holds_blocks(node: LexborNode) -> bool:
    # Lexbor's css() on a node can match the node itself; only descendants count here.
    return any(inner.mem_id != node.mem_id for inner in node.css("p, div"))


def stray_captions(tree: LexborHTMLParser) -> list[LexborNode]:
    """Caption elements anywhere on the page: the known caption selectors, and small,
    paragraph-free blocks whose class names a caption (the checks keep a wrapper
    such as "article--with-captions" safe).
    """
    named = tree.css(", ".join(sel.STRAY_CAPTION_SELECTORS))
    loosely_named = [node for node in tree.css(", ".join(sel.LOOSE_CAPTION_SELECTORS))
                     if not _holds_blocks(node) and len(dom.text_of(node)) <= _MAX_CAPTION_CHARS]
    return list({node.mem_id: node for node in named + loosely_named}.values())

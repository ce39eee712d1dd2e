"""The article's own images, in page order: sources (lazy-loading resolved), captions and credits.

collect() walks the pictures of the article's region once, in document order, and keeps those the
evidence does not rule out (teaser cards, author portraits, icons, ads); finalise() de-duplicates
them and marks the lead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborNode

from newsextract.extract import dom
from newsextract.extract.captions import Caption, caption_of
from newsextract.extract.credits import split_credit
from newsextract.extract.image_evidence import ImageJudge, looks_like_content
from newsextract.extract.image_region import TextPosition, article_region
from newsextract.extract.image_sources import image_url, in_noscript, is_picture_element
from newsextract.extract.node_match import SelectorList
from newsextract.extract.node_text import ShortTexts
from newsextract.extract.text import Fingerprint, squash, word_count
from newsextract.extract.vocabulary.images import (
    IMAGE_CONTAINERS,
    IMAGE_ELEMENTS,
    IMAGE_URL_NOISE,
    IMAGE_URL_NOISE_HINTS,
    RENDITION_SUFFIX,
)
from newsextract.extract.vocabulary.thresholds import (
    CONTAINER_LEVELS,
    MAX_CARD_CHARS,
    MAX_CARD_WORDS,
    MAX_UNIT_CHARS,
    MIN_DISTINCT_STEM,
    REPEAT_WINDOW,
    UNIT_TEXT_SLACK,
)
from newsextract.models import Image

__all__ = ["CaptionedImage", "collect", "finalise", "image_url", "split_credit"]

_CONTAINERS = SelectorList.parse(IMAGE_CONTAINERS)


@dataclass(frozen=True)
class CaptionedImage:
    """An image found in the page with the caption and credit text as printed."""

    url: str
    alt: str | None
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class Collected:
    """The article's images, the nodes to drop from the text, and whether a cap cut the work short."""

    images: list[CaptionedImage]
    drop: list[LexborNode]
    capped: bool = False


def collect(
    scope: LexborNode,
    base_url: str | None,
    headline: str | None = None,
    *,
    max_examined: int = 1_000,
    max_images: int = 300,
) -> Collected:
    """The article's images in page order, and the figure, caption and teaser-card nodes to drop from the text.

    ``headline`` (the article's title, where known) picks the page's <h1> that marks the article.
    A gallery of thousands of pictures is cut: the first ``max_examined`` picture elements are
    looked at, and the first ``max_images`` images kept.
    """
    region = article_region(scope, headline)
    walk = _Walk(region, TextPosition.of(scope), ImageJudge(region, base_url), base_url)
    pictures = region.css(IMAGE_ELEMENTS)
    for picture in pictures[:max_examined]:
        walk.visit(picture)
        if len(walk.images) >= max_images:
            break
    capped = len(pictures) > max_examined or len(walk.images) >= max_images
    # A related story's headline is no more the article's text than its picture.
    return Collected(walk.images, walk.drop + walk.judge.droppable_cards(walk.cards), capped)


@dataclass
class _Walk:
    """One pass over the region's pictures in document order, and what it found."""

    region: LexborNode
    text: TextPosition
    judge: ImageJudge
    base_url: str | None
    images: list[CaptionedImage] = field(default_factory=list)
    drop: list[LexborNode] = field(default_factory=list)
    cards: list[LexborNode] = field(default_factory=list)
    used_units: set[int] = field(default_factory=set)
    taken_parents: set[int] = field(default_factory=set)  # their <noscript> copies are not new pictures

    def visit(self, picture: LexborNode) -> None:
        if not is_picture_element(picture) or _is_copy(picture, self.taken_parents):
            return
        # The cheap checks first: a third of the pictures are icons, logos or unresolved placeholders.
        url = image_url(picture, self.base_url)
        if not url or _is_noise(url):
            return
        unit = _container_of(picture, self.region, self.judge.texts)
        if unit is not None and unit.mem_id in self.used_units:
            return  # one picture a figure: the others are renditions or a gallery's thumbnails
        if self.judge.is_author_portrait(picture):
            return
        card = self.judge.teaser_card(picture)
        if card is not None:
            if _standalone_card(card, picture, url, self.judge.texts):
                self.cards.append(card)
            return
        self._consider(picture, unit, url)

    def _consider(self, picture: LexborNode, unit: LexborNode | None, url: str) -> None:
        """Take the picture unless its caption, zone or size rules it out.

        After the article's text (author boxes, footers, link lists) only a figure or a named
        caption shows a picture belongs to the article.
        """
        after_text = self.text.after_text(picture)
        caption = caption_of(picture, unit, self.region, loose=not after_text)
        if caption.promo:  # a newsletter teaser's picture: neither an image nor text of the article
            self.drop.extend(_nodes_to_drop(unit, caption, self.judge.texts))
            return
        if after_text and unit is None and not caption.text:
            return
        if self.judge.in_boilerplate_zone(unit or picture, caption.chars) or not looks_like_content(
            picture, captioned=bool(caption.text), url=url
        ):
            return
        if unit is not None:
            self.used_units.add(unit.mem_id)
        if picture.parent is not None:
            self.taken_parents.add(picture.parent.mem_id)
        alt = squash(picture.attributes.get("alt")) or None
        self.images.append(CaptionedImage(url, alt, caption.text, caption.credit))
        self.drop.extend(_nodes_to_drop(unit, caption, self.judge.texts))


def _standalone_card(card: LexborNode, picture: LexborNode, url: str, texts: ShortTexts) -> bool:
    """A teaser card standing on its own (not a link inside a paragraph), short, with a real picture."""
    inline = card.tag == "p" or (card.parent is not None and card.parent.tag == "p")
    text = texts.within(card, MAX_CARD_CHARS)
    return (
        not inline
        and text is not None
        and word_count(text) <= MAX_CARD_WORDS
        and looks_like_content(picture, captioned=True, url=url)
    )


def _is_copy(picture: LexborNode, taken_parents: set[int]) -> bool:
    """The <noscript> copy of a lazy picture already taken."""
    if not in_noscript(picture):
        return False
    noscript = picture.parent
    holder = noscript.parent if noscript is not None else None
    return holder is not None and holder.mem_id in taken_parents


def _container_of(picture: LexborNode, region: LexborNode, texts: ShortTexts) -> LexborNode | None:
    """The picture's nearest figure or image container, a few levels up at most."""
    for level, node in enumerate(dom.ancestors(picture)):
        if level >= CONTAINER_LEVELS or node.mem_id == region.mem_id:
            return None
        if _CONTAINERS.matches(node):
            # A wrapper named "media" around the whole story is no figure.
            return node if texts.within(node, MAX_UNIT_CHARS) is not None else None
    return None


def _nodes_to_drop(unit: LexborNode | None, caption: Caption, texts: ShortTexts) -> list[LexborNode]:
    """The caption's nodes, and the figure when it holds nothing else (a figure may also wrap a box of text)."""
    nodes = list(caption.nodes)
    figure_like = unit is not None and (unit.tag == "figure" or "wp-caption" in (unit.attributes.get("class") or ""))
    if (
        unit is not None
        and (caption.text or figure_like)
        and texts.within(unit, caption.chars + UNIT_TEXT_SLACK) is not None
    ):
        nodes.append(unit)
    return nodes


def _is_noise(url: str) -> bool:
    path = urlsplit(url).path or url
    lowered = path.lower()
    # The hints stand for the expression's case-insensitive matches in ASCII text only.
    if path.isascii() and not any(hint in lowered for hint in IMAGE_URL_NOISE_HINTS):
        return False
    return bool(IMAGE_URL_NOISE.search(path))


def finalise(found: list[CaptionedImage], lead_url: str | None, jsonld_captions: dict[str, str]) -> list[Image]:
    """One Image per picture in page order; no caption repeated; alt kept apart; the lead marked."""
    images: list[Image] = []
    seen: set[str] = set()
    printed = {key: caption for url, caption in jsonld_captions.items() for key in _identity_keys(url)}
    captions = _CaptionSet()
    for item in found:
        keys = _identity_keys(item.url)
        if keys & seen:
            continue
        seen |= keys
        caption, credit = item.caption, item.credit
        if not caption:
            caption, credit = _jsonld_caption(keys, printed, credit)
        if caption and not captions.add(caption):
            caption = None
        images.append(Image(url=item.url, alt=item.alt, caption=caption, credit=credit or None))
    return _mark_lead(images, lead_url)


@dataclass
class _CaptionSet:
    """Captions kept so far. A repeat (the same caption printed for a lightbox copy) is one of the last
    few; comparing with those only keeps a gallery of hundreds linear."""

    exact: set[str] = field(default_factory=set)
    recent: list[Fingerprint] = field(default_factory=list)

    def add(self, caption: str) -> bool:
        """Keep the caption unless it repeats one; True when kept."""
        fingerprint = Fingerprint.of(caption)
        if fingerprint.joined in self.exact or any(fingerprint.similar(seen) for seen in self.recent):
            return False
        self.exact.add(fingerprint.joined)
        self.recent = [*self.recent[-REPEAT_WINDOW + 1 :], fingerprint]
        return True


def _jsonld_caption(keys: set[str], printed: dict[str, str], credit: str | None) -> tuple[str | None, str | None]:
    caption = next((printed[key] for key in keys if key in printed), None)
    if not caption:
        return None, credit
    text, printed_credit = split_credit(caption)
    return text or None, credit or printed_credit


def _identity_keys(url: str) -> set[str]:
    """Keys that one picture's renditions share: its address without query, and a distinctive file stem."""
    parts = urlsplit(url)
    keys = {f"{parts.netloc.lower()}{parts.path}"}
    stem = _stem(url)
    if len(stem) >= MIN_DISTINCT_STEM:
        keys.add(stem)
    return keys


def _stem(url: str) -> str:
    """The file name without extension and rendition suffix; image resizers' encoded paths are unwrapped."""
    path = unquote(unquote(urlsplit(url).path)).rstrip("/")
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return RENDITION_SUFFIX.sub("", stem).lower()


def _mark_lead(images: list[Image], lead_url: str | None) -> list[Image]:
    """The og:image / JSON-LD image where it matches one of the pictures, else the first picture."""
    if not images:
        return [Image(url=lead_url, is_lead=True)] if lead_url and not _is_noise(lead_url) else []
    lead_index = 0
    if lead_url:
        keys = _identity_keys(lead_url)
        lead_index = next((i for i, im in enumerate(images) if _identity_keys(im.url) & keys), 0)
    return [im.model_copy(update={"is_lead": i == lead_index}) for i, im in enumerate(images)]

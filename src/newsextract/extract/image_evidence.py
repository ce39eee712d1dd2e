"""Is a picture the article's own? Evidence against: a teaser card, an author's portrait, an icon, an ad.

Class names only nominate a zone; a zone rules a picture out when its content agrees (links,
no prose of its own, or more than the picture's caption).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from selectolax.lexbor import LexborNode

from newsextract.extract import dom
from newsextract.extract.captions import is_byline, text_outside_captions
from newsextract.extract.image_sources import declared_size
from newsextract.extract.node_match import names_match
from newsextract.extract.node_text import ShortTexts, has_text, raw_length
from newsextract.extract.text import word_count
from newsextract.extract.vocabulary.images import AD_ZONE, AUTHOR_BLOCK, FILE_SUFFIX
from newsextract.extract.vocabulary.thresholds import (
    BANNER_RATIO,
    CARD_HEADLINE_LINK_WORDS,
    CARD_LEVELS,
    MAX_AUTHOR_BLOCK_CHARS,
    MAX_CARDS_SHARE,
    MAX_TEASER_CARD_CHARS,
    MAX_TEASER_CARD_WORDS,
    MAX_WALK,
    MAX_WRAPPER_CHARS,
    MIN_LOOSE_WIDTH,
    PROSE_LINK_SHARE,
    PROSE_SHARE,
    TEASER_LINK_SHARE,
    TINY_IMAGE_PX,
    WRAPPER_SLACK,
)


@dataclass
class ImageJudge:
    """Decides, picture by picture, what belongs to the article. Caches what it measures of each zone."""

    region: LexborNode
    page_url: str | None
    _text_lengths: dict[int, int] = field(default_factory=dict)
    _link_shares: dict[int, float] = field(default_factory=dict)
    _marked: dict[int, bool] = field(default_factory=dict)
    _beside_captions: dict[int, int] = field(default_factory=dict)
    _authorish: dict[int, bool] = field(default_factory=dict)
    _chains: dict[int, list[LexborNode]] = field(default_factory=dict)  # a picture is looked up from several checks
    _first_blocks: dict[int, LexborNode | None] = field(default_factory=dict)
    texts: ShortTexts = field(default_factory=ShortTexts)  # the blocks of a gallery's pictures are asked again

    def teaser_card(self, picture: LexborNode) -> LexborNode | None:
        """The teaser card holding the picture, if it is one: a picture inside a link to another page
        with headline-like text, or beside such a linked headline (a related-stories item)."""
        link = self._enclosing_link(picture)
        if link is not None and self._points_elsewhere(link):
            if word_count(self.texts.within(link, MAX_TEASER_CARD_CHARS) or "") >= CARD_HEADLINE_LINK_WORDS:
                return link
            card = self._first_block_with_text(link)
            return card if card is not None and self._card_has_headline(card, link) else None
        card = self._first_block_with_text(picture)
        return card if card is not None and self._is_headline_card(card) else None

    def droppable_cards(self, cards: list[LexborNode]) -> list[LexborNode]:
        """Teaser cards to drop from the text: each mostly a linked headline, together a small part of
        the region (where cards make up the page, as on a course or webcam list, they are its content)."""
        linked = [card for card in cards if self._link_share(card) >= TEASER_LINK_SHARE]
        total = sum(self._text_length(card) for card in linked)
        return linked if total <= MAX_CARDS_SHARE * self._text_length(self.region) else []

    def is_author_portrait(self, picture: LexborNode) -> bool:
        """A portrait in an author block: one named so, or a small block whose text is a byline
        ("By Jane Doe", "Von Max Muster, Redakteur")."""
        if any(self._names_author(node) for node in self._up(picture, CARD_LEVELS)):
            return True
        block = self._first_block_with_text(picture)
        text = self.texts.within(block, MAX_AUTHOR_BLOCK_CHARS) if block is not None else None
        return text is not None and is_byline(text)

    def _names_author(self, node: LexborNode) -> bool:
        if node.mem_id not in self._authorish:
            attrs = node.attributes
            names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
            self._authorish[node.mem_id] = bool(names.strip()) and names_match(AUTHOR_BLOCK, names)
        return self._authorish[node.mem_id]

    def in_boilerplate_zone(self, unit: LexborNode, caption_chars: int) -> bool:
        """True when a zone nominated by its tag, role or class holds the picture and its content agrees:
        an uncaptioned picture in an ad slot, or a zone that is more than the picture's wrapper and
        does not hold the article's prose."""
        for node in self._up(unit, MAX_WALK):
            if not self._nominated(node):
                continue
            names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
            if not caption_chars and AD_ZONE.search(names):
                return True  # an ad creative prints no caption
            if self._is_wrapper(node, caption_chars):
                continue  # "widget__figure", "article__aside--img", a lightbox: the picture and its caption only
            if not self._holds_prose(node):
                return True
        return False

    def _nominated(self, node: LexborNode) -> bool:
        """Tag, role or class names a non-article zone (an article's own <header> aside)."""
        if node.mem_id not in self._marked:
            self._marked[node.mem_id] = dom.is_boilerplate(node, zone_tags=node.tag != "header")
        return self._marked[node.mem_id]

    def _is_wrapper(self, zone: LexborNode, caption_chars: int) -> bool:
        """The zone holds the picture and its caption only: besides caption elements and buttons'
        labels, at most a few words (a lightbox, an "image widget")."""
        text = self.texts.within(zone, MAX_WRAPPER_CHARS)
        if text is None:
            return False
        if len(text) <= caption_chars + WRAPPER_SLACK:
            return True
        if zone.mem_id not in self._beside_captions:  # a gallery asks once for each of its pictures
            self._beside_captions[zone.mem_id] = len(text_outside_captions(zone))
        return self._beside_captions[zone.mem_id] <= WRAPPER_SLACK

    def _holds_prose(self, zone: LexborNode) -> bool:
        region_chars = max(self._text_length(self.region), 1)
        return self._text_length(zone) >= PROSE_SHARE * region_chars and self._link_share(zone) < PROSE_LINK_SHARE

    def _enclosing_link(self, picture: LexborNode) -> LexborNode | None:
        return next(
            (
                node
                for node in self._up(picture, CARD_LEVELS, include_self=True)
                if node.tag == "a" and node.attributes.get("href")
            ),
            None,
        )

    def _points_elsewhere(self, link: LexborNode) -> bool:
        """A link to another page: not to the picture's file, a fragment, or this very page."""
        href = (link.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            return False
        target = urlsplit(urljoin(self.page_url or "", href))
        if FILE_SUFFIX.search(target.path):
            return False
        here = urlsplit(self.page_url or "")
        return not (target.netloc == here.netloc and target.path.rstrip("/") == here.path.rstrip("/"))

    def _card_has_headline(self, card: LexborNode, link: LexborNode) -> bool:
        """The card holds a heading, or another link to the same page that reads as a headline."""
        text = self.texts.within(card, MAX_TEASER_CARD_CHARS)
        if text is None or word_count(text) > MAX_TEASER_CARD_WORDS:
            return False
        if card.css_first("h2, h3, h4, h5, h6") is not None:
            return True
        href = link.attributes.get("href")
        return any(
            other.attributes.get("href") == href and word_count(dom.text_of(other)) >= CARD_HEADLINE_LINK_WORDS
            for other in card.css("a[href]")
        )

    def _is_headline_card(self, card: LexborNode) -> bool:
        """A short block whose text is mostly one linked headline (a teaser list item); a list of
        several links beside a picture is a link list, not the picture's card."""
        text = self.texts.within(card, MAX_TEASER_CARD_CHARS)
        if text is None or word_count(text) > MAX_TEASER_CARD_WORDS:
            return False
        headlines = [
            a
            for a in card.css("a[href]")
            if word_count(dom.text_of(a)) >= CARD_HEADLINE_LINK_WORDS and self._points_elsewhere(a)
        ]
        if len({a.attributes.get("href") for a in headlines}) != 1:
            return False
        linked = sum(len(dom.text_of(a)) for a in headlines)
        return linked >= TEASER_LINK_SHARE * len(text)

    def _first_block_with_text(self, node: LexborNode) -> LexborNode | None:
        if node.mem_id not in self._first_blocks:
            self._first_blocks[node.mem_id] = next((up for up in self._up(node, CARD_LEVELS) if has_text(up)), None)
        return self._first_blocks[node.mem_id]

    def _up(self, node: LexborNode, levels: int, *, include_self: bool = False) -> list[LexborNode]:
        """The node's ancestors below the region, nearest first, at most ``levels`` of them
        (after the node itself with ``include_self``)."""
        found = self._ancestors_below_region(node)[:levels]
        return [node, *found] if include_self else found

    def _ancestors_below_region(self, node: LexborNode) -> list[LexborNode]:
        """The node's ancestors below the region, nearest first, at most MAX_WALK of them; walked once a node."""
        if node.mem_id not in self._chains:
            chain: list[LexborNode] = []
            for parent in dom.ancestors(node):
                if parent.mem_id == self.region.mem_id:
                    break
                chain.append(parent)
            self._chains[node.mem_id] = chain
        return self._chains[node.mem_id]

    def _text_length(self, node: LexborNode) -> int:
        if node.mem_id not in self._text_lengths:
            self._text_lengths[node.mem_id] = raw_length(node)
        return self._text_lengths[node.mem_id]

    def _link_share(self, node: LexborNode) -> float:
        if node.mem_id not in self._link_shares:
            linked = sum(raw_length(a) for a in node.css("a"))
            self._link_shares[node.mem_id] = linked / max(self._text_length(node), 1)
        return self._link_shares[node.mem_id]


def looks_like_content(picture: LexborNode, *, captioned: bool, url: str | None = None) -> bool:
    """Icons, buttons and banner-shaped ads (728x90) are not article pictures; an uncaptioned one must be
    at least column-wide where its width is given. Sizes come from the element or the address's query
    ("avatar.jpg?width=50")."""
    width, height = declared_size(picture)
    hinted_width, hinted_height = _size_in_query(url)
    width, height = width or hinted_width, height or hinted_height
    if _is_tiny(width, height) or (width and height and width / height >= BANNER_RATIO):
        return False
    return captioned or width is None or width >= MIN_LOOSE_WIDTH


def _is_tiny(width: int | None, height: int | None) -> bool:
    """Icon-sized: narrow, or low without being a wide strip."""
    if width is not None and width <= TINY_IMAGE_PX:
        return True
    return height is not None and height <= TINY_IMAGE_PX and (width is None or width <= 2 * TINY_IMAGE_PX)


def _size_in_query(url: str | None) -> tuple[int | None, int | None]:
    """Width and height asked of an image resizer in the address's query ("?w=100&h=100")."""
    if not url:
        return None, None
    query = dict(parse_qsl(urlsplit(url).query))
    width = next((query[k] for k in ("width", "w") if query.get(k, "").isdigit()), None)
    height = next((query[k] for k in ("height", "h") if query.get(k, "").isdigit()), None)
    return (int(width) if width else None), (int(height) if height else None)

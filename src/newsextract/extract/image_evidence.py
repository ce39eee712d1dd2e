"""Is a picture the article's own? Evidence against: a teaser card, an author's portrait, an icon, an ad.

Class names only nominate a zone; a zone rules a picture out when its content agrees (links,
no prose of its own, or more than the picture's caption).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from newsextract.extract import dom
from newsextract.extract import selectors as sel
from newsextract.extract.captions import visible_text
from newsextract.extract.image_sources import declared_size
from newsextract.extract.text import word_count

# How far up from a picture its link, its card or its author block may be.
_CARD_LEVELS = 4
_HEADLINE_WORDS = 3
_TEASER_LINK_SHARE = 0.6
_MAX_CARDS_SHARE = 0.3
_MAX_CARD_WORDS = 60
# Slack, in characters, between a wrapper's text and the caption it holds (labels, "Enlarge").
_WRAPPER_SLACK = 40
_BUTTON_LABELS_SLACK = 300
# A zone holding this share of the region's text (and few links) is the article itself.
_PROSE_SHARE = 0.3
_PROSE_LINK_SHARE = 0.3
_FILE_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|svg|heic)$", re.IGNORECASE)
_BANNER_RATIO = 4
_MIN_LOOSE_WIDTH = 200


@dataclass
class ImageJudge:
    """Decides, picture by picture, what belongs to the article. Caches what it measures of each zone."""

    region: LexborNode
    page_url: str | None
    _text_lengths: dict[int, int] = field(default_factory=dict)
    _link_shares: dict[int, float] = field(default_factory=dict)

    def teaser_card(self, picture: LexborNode) -> LexborNode | None:
        """The teaser card holding the picture, if it is one: a picture inside a link to another page
        with headline-like text, or beside such a linked headline (a related-stories item)."""
        link = self._enclosing_link(picture)
        if link is not None and self._points_elsewhere(link):
            if word_count(dom.text_of(link)) >= _HEADLINE_WORDS:
                return link
            card = self._first_block_with_text(link)
            return card if card is not None and self._card_has_headline(card, link) else None
        card = self._first_block_with_text(picture)
        return card if card is not None and self._is_headline_card(card) else None

    def droppable_cards(self, cards: list[LexborNode]) -> list[LexborNode]:
        """Teaser cards to drop from the text: each mostly a linked headline, together a small part of
        the region (where cards make up the page, as on a course or webcam list, they are its content)."""
        linked = [card for card in cards if self._link_share(card) >= _TEASER_LINK_SHARE]
        total = sum(self._text_length(card) for card in linked)
        return linked if total <= _MAX_CARDS_SHARE * self._text_length(self.region) else []

    def is_author_portrait(self, picture: LexborNode) -> bool:
        """A portrait in a byline or author block (avatar, headshot)."""
        for node in self._up(picture, _CARD_LEVELS):
            names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
            if sel.AUTHOR_BLOCK.search(names):
                return True
        return False

    def in_boilerplate_zone(self, unit: LexborNode, caption_chars: int) -> bool:
        """True when a zone nominated by its tag, role or class, and not just this picture's wrapper,
        holds the picture: ads always; other zones unless they hold the article's prose."""
        for node in self._up(unit, dom.MAX_WALK):
            if not dom.is_boilerplate(node, zone_tags=node.tag != "header"):
                continue
            names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
            if sel.AD_ZONE.search(names):
                return True
            if self._is_wrapper(node, caption_chars):
                continue  # "widget__figure", "article__aside--img", a lightbox: the picture and its caption only
            if not self._holds_prose(node):
                return True
        return False

    def _is_wrapper(self, zone: LexborNode, caption_chars: int) -> bool:
        """The zone's visible text is no more than the picture's caption (its buttons' labels aside)."""
        limit = caption_chars + _WRAPPER_SLACK
        if self._text_length(zone) <= limit:
            return True
        return self._text_length(zone) <= limit + _BUTTON_LABELS_SLACK and len(visible_text(zone)) <= limit

    def _holds_prose(self, zone: LexborNode) -> bool:
        region_chars = max(self._text_length(self.region), 1)
        return (self._text_length(zone) >= _PROSE_SHARE * region_chars
                and self._link_share(zone) < _PROSE_LINK_SHARE)

    def _enclosing_link(self, picture: LexborNode) -> LexborNode | None:
        return next((node for node in self._up(picture, _CARD_LEVELS, include_self=True)
                     if node.tag == "a" and node.attributes.get("href")), None)

    def _points_elsewhere(self, link: LexborNode) -> bool:
        """A link to another page: not to the picture's file, a fragment, or this very page."""
        href = (link.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            return False
        target = urlsplit(urljoin(self.page_url or "", href))
        if _FILE_SUFFIX.search(target.path):
            return False
        here = urlsplit(self.page_url or "")
        return not (target.netloc == here.netloc and target.path.rstrip("/") == here.path.rstrip("/"))

    def _card_has_headline(self, card: LexborNode, link: LexborNode) -> bool:
        """The card holds a heading, or another link to the same page that reads as a headline."""
        if word_count(dom.text_of(card)) > _MAX_CARD_WORDS:
            return False
        if card.css_first("h2, h3, h4, h5, h6") is not None:
            return True
        href = link.attributes.get("href")
        return any(other.attributes.get("href") == href and word_count(dom.text_of(other)) >= _HEADLINE_WORDS
                   for other in card.css("a[href]"))

    def _is_headline_card(self, card: LexborNode) -> bool:
        """A short block whose text is mostly a linked headline (a teaser list item)."""
        text = dom.text_of(card)
        if word_count(text) > _MAX_CARD_WORDS:
            return False
        headlines = [a for a in card.css("a[href]") if word_count(dom.text_of(a)) >= _HEADLINE_WORDS
                     and self._points_elsewhere(a)]
        linked = sum(len(dom.text_of(a)) for a in headlines)
        return bool(headlines) and linked >= _TEASER_LINK_SHARE * len(text)

    def _first_block_with_text(self, node: LexborNode) -> LexborNode | None:
        return next((up for up in self._up(node, _CARD_LEVELS) if dom.text_of(up)), None)

    def _up(self, node: LexborNode, levels: int, *, include_self: bool = False) -> list[LexborNode]:
        """The node's ancestors below the region, nearest first, at most ``levels`` of them."""
        found = [node] if include_self else []
        for parent in dom.ancestors(node):
            if parent.mem_id == self.region.mem_id or len(found) >= levels + include_self:
                break
            found.append(parent)
        return found

    def _text_length(self, node: LexborNode) -> int:
        if node.mem_id not in self._text_lengths:
            self._text_lengths[node.mem_id] = len(dom.text_of(node))
        return self._text_lengths[node.mem_id]

    def _link_share(self, node: LexborNode) -> float:
        if node.mem_id not in self._link_shares:
            linked = sum(len(dom.text_of(a)) for a in node.css("a"))
            self._link_shares[node.mem_id] = linked / max(self._text_length(node), 1)
        return self._link_shares[node.mem_id]


def looks_like_content(picture: LexborNode, *, captioned: bool) -> bool:
    """Icons, buttons and banner-shaped ads (728x90) are not article pictures; an uncaptioned one must be
    at least column-wide where its width is given."""
    width, height = declared_size(picture)
    if (width is not None and width <= sel.TINY_IMAGE_PX) or (height is not None and height <= sel.TINY_IMAGE_PX
                                                              and (width is None or width <= 2 * sel.TINY_IMAGE_PX)):
        return False
    if width and height and width / height >= _BANNER_RATIO:
        return False
    return captioned or width is None or width >= _MIN_LOOSE_WIDTH

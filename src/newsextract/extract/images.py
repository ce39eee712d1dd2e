"""The article's own images: sources (lazy-loading resolved), captions and credits, de-duplicated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract import selectors as sel
from newsextract.extract.text import similar, squash
from newsextract.models import Image

_TRAILING_PARENS = re.compile(r"\s*\(([^()]{2,60})\)\s*$")
_CREDIT_PHRASE = re.compile(
    r"\s*(?:[|/–—-]\s*|(?<=[.!?])\s+|^|(?=©))(?:(?:photo(?:graph)?s?|foto(?:s|grafie)?|image|picture|pic|bild|"
    r"credit|source|quelle|crédit|crédito|illustration)\s*(?:by\b|:)|©|\(c\)|copyright\b)"
    r"\s*(?P<credit>[^:()]{2,100})$",
    re.IGNORECASE,
)
# "Caption text. Unsplash/Jane Doe": a last short segment with a slash names the source.
_TRAILING_SOURCE = re.compile(r"(?<=[.!?])\s+(?P<credit>[^.\s][^.]{0,60}/[^.]{1,60})$")
_LEADING_LABEL = re.compile(r"^(?:legende|caption|bildunterschrift|légende|leyenda)\s*:\s*", re.IGNORECASE)
_CREDIT_START = re.compile(r"^\s*(?:(?:photo|foto|bild|image|credit|quelle|source|crédit|crédito)s?\s*:|©|\(c\))",
                           re.IGNORECASE)
_MAX_CREDIT_WORDS = 8


@dataclass(frozen=True)
class CaptionedImage:
    """An image found in the page with the caption and credit text as printed."""

    url: str
    alt: str | None
    caption: str | None
    credit: str | None


def _best_from_srcset(srcset: str) -> str | None:
    best, best_size = None, -1.0
    for candidate in srcset.split(","):
        parts = candidate.strip().split()
        if not parts:
            continue
        size = 0.0
        if len(parts) > 1 and parts[1][:-1].replace(".", "", 1).isdigit():
            size = float(parts[1][:-1])
        if size > best_size:
            best, best_size = parts[0], size
    return best


def image_url(img: LexborNode, base_url: str | None) -> str | None:
    """The real source of an <img>, resolving lazy-loading attributes and srcsets, made absolute."""
    attrs = img.attributes
    for name in sel.LAZY_SRCSET_ATTRS:
        value = attrs.get(name)
        if value and not value.startswith("data:"):
            best = _best_from_srcset(value)
            if best:
                return urljoin(base_url or "", best)
    for name in sel.LAZY_SRC_ATTRS:
        value = (attrs.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return urljoin(base_url or "", value)
    return None


def _image_in(container: LexborNode) -> LexborNode | None:
    img = container.css_first("img")
    if img is not None:
        return img
    noscript = container.css_first("noscript")
    if noscript is not None:  # lazy loaders hide the real <img> in <noscript>
        inner = LexborHTMLParser(noscript.text(deep=True)).css_first("img")
        return inner
    return container.css_first("source[srcset], source[data-srcset]")


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split "Text (PM’s media office)" or "Text. Photo: X/AP" into the text and its credit."""
    match = _TRAILING_PARENS.search(caption)
    if match and len(match.group(1).split()) <= _MAX_CREDIT_WORDS and caption[: match.start()].strip():
        return caption[: match.start()].strip(), match.group(1).strip()
    for pattern in (_CREDIT_PHRASE, _TRAILING_SOURCE):
        match = pattern.search(caption)
        credit = match.group("credit") if match else ""
        if match and len(credit.split()) <= _MAX_CREDIT_WORDS and (pattern is _CREDIT_PHRASE or all(
                w[:1].isupper() or "/" in w for w in credit.split())):
            return caption[: match.start()].strip(), credit.strip(" .")
    return caption, None


def _credit_children(caption_node: LexborNode) -> list[LexborNode]:
    """Child elements of a caption that print a credit ("Bild: SN/APA", "© dpa") before or after the text."""
    return [child for child in caption_node.iter() if child.tag not in ("-text", "br")
            and _CREDIT_START.match(dom.text_of(child)) and len(dom.text_of(child).split()) <= _MAX_CREDIT_WORDS]


def _caption_sibling(container: LexborNode) -> LexborNode | None:
    """A caption printed right after the image block rather than inside it."""
    sibling = container.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    if sibling is None or sibling.css_first("img") is not None:
        return None
    return sibling if any(sibling.css_matches(s) for s in sel.CAPTION_SELECTORS) else None


def _nearby_caption(img: LexborNode) -> LexborNode | None:
    """A caption block right after the image or after one of its two nearest wrappers."""
    block: LexborNode | None = img
    for _ in range(3):
        if block is None:
            return None
        found = _caption_sibling(block)
        if found is not None:
            return found
        block = block.parent
    return None


def _caption_and_credit(container: LexborNode, *, is_caption: bool = False) -> tuple[str | None, str | None]:
    caption_node = container if is_caption else None
    for selector in () if is_caption else sel.CAPTION_SELECTORS:
        caption_node = container.css_first(selector)
        if caption_node is not None:
            break
    credit_node = next((n for s in sel.CREDIT_SELECTORS for n in container.css(s)), None)
    if credit_node is None and caption_node is not None:
        credit_node = next(iter(_credit_children(caption_node)), None)
    credit = squash(credit_node.text(deep=True, separator=" ")) if credit_node is not None else None
    caption = squash(caption_node.text(deep=True, separator=" ")) if caption_node is not None else None
    if caption and credit and credit in caption:
        caption = squash(caption.replace(credit, " "))
    caption = _LEADING_LABEL.sub("", caption) if caption else caption
    if caption:
        caption, printed_credit = split_credit(caption)
        credit = credit or printed_credit
    if credit:
        credit = sel.CREDIT_NOISE.sub("", credit).strip("()[] ")
        credit = re.sub(r"^(?:photo|foto|image|bild|credit|source|quelle)s?\s*:\s*|^©\s*", "", credit,
                        flags=re.IGNORECASE).strip() or None
    return caption or None, credit


def _containers(scope: LexborNode) -> list[LexborNode]:
    found: dict[int, LexborNode] = {}
    for node in scope.css(", ".join(sel.IMAGE_CONTAINERS)):
        if any(p.mem_id in found for p in dom.ancestors(node)):
            continue  # a figure inside a wp-caption: the outer one speaks for both
        found[node.mem_id] = node
    return list(found.values())


def _is_noise(url: str) -> bool:
    return bool(sel.IMAGE_URL_NOISE.search(urlsplit(url).path or url))


def collect(scope: LexborNode, base_url: str | None) -> tuple[list[CaptionedImage], list[LexborNode]]:
    """Images with captions inside ``scope``, and the caption/figure nodes to drop from the text."""
    images: list[CaptionedImage] = []
    drop: list[LexborNode] = []
    covered: set[int] = set()
    for container in _containers(scope):
        # zone_tags=False: an article's own <header> holds its lead picture.
        if dom.inside_boilerplate(container, stop=scope, zone_tags=False):
            continue
        img = _image_in(container)
        if img is None:
            continue
        caption, credit = _caption_and_credit(container)
        sibling = None if caption else _caption_sibling(container)
        if sibling is not None:
            caption, credit = _caption_and_credit(sibling, is_caption=True)
            drop.append(sibling)
        if caption or container.tag == "figure" or "wp-caption" in (container.attributes.get("class") or ""):
            drop.append(container)
        url = image_url(img, base_url)
        covered.update(n.mem_id for n in container.css("img"))
        if url and not _is_noise(url):
            images.append(CaptionedImage(url, squash(img.attributes.get("alt")) or None, caption, credit))
    for img in scope.css("img"):
        if img.mem_id in covered or dom.inside_boilerplate(img, stop=scope):
            continue
        url = image_url(img, base_url)
        if not url or _is_noise(url) or not _looks_like_content(img):
            continue
        caption = credit = None
        sibling = _nearby_caption(img)
        if sibling is not None:
            caption, credit = _caption_and_credit(sibling, is_caption=True)
            drop.append(sibling)
        images.append(CaptionedImage(url, squash(img.attributes.get("alt")) or None, caption, credit))
    return images, drop


def _looks_like_content(img: LexborNode) -> bool:
    """Small icons and banner-shaped ads (728x90 and the like) are not article pictures."""
    width, height = (img.attributes.get(k) or "" for k in ("width", "height"))
    if width.isdigit() and int(width) < 200:
        return False
    return not (width.isdigit() and height.isdigit() and int(height) and int(width) / int(height) >= 4)


def finalise(found: list[CaptionedImage], lead_url: str | None, jsonld_captions: dict[str, str]) -> list[Image]:
    """One Image per URL in page order; no caption repeated; alt kept apart; the lead marked."""
    images: list[Image] = []
    seen_urls: set[str] = set()
    captions: list[str] = []
    for item in found:
        key = _url_key(item.url)
        if key in seen_urls:
            continue
        seen_urls.add(key)
        caption = item.caption or _jsonld_caption(item.url, jsonld_captions)
        credit = item.credit
        if caption and not item.caption:
            caption, credit = split_credit(caption)
            credit = item.credit or credit
        if caption and any(similar(caption, seen) for seen in captions):
            caption = None
        if caption:
            captions.append(caption)
        images.append(Image(url=item.url, alt=item.alt, caption=caption, credit=credit or None))
    return _mark_lead(images, lead_url)


def _jsonld_caption(url: str, captions: dict[str, str]) -> str | None:
    key = _url_key(url)
    return next((c for u, c in captions.items() if _url_key(u) == key), None)


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path}"


def _mark_lead(images: list[Image], lead_url: str | None) -> list[Image]:
    if not images:
        return [Image(url=lead_url, is_lead=True)] if lead_url and not _is_noise(lead_url) else []
    lead_index = 0
    if lead_url:
        name = urlsplit(lead_url).path.rsplit("/", 1)[-1].split(".")[0]
        lead_index = next((i for i, im in enumerate(images)
                           if len(name) >= 4 and name in urlsplit(im.url).path), 0)
    return [im.model_copy(update={"is_lead": i == lead_index}) for i, im in enumerate(images)]


_MAX_CAPTION_CHARS = 600


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

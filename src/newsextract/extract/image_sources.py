"""Where a picture's file is: <img>/<amp-img> sources, srcsets, <picture> sources and lazy-loading attributes."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from newsextract.extract.vocabulary.images import (
    IMAGE_PLACEHOLDER,
    LAZY_SRC_ATTRS,
    LAZY_SRCSET_ATTRS,
    OTHER_SRC,
    OTHER_SRCSET,
    PICTURE_TAGS,
    PLACEHOLDER_HINTS,
)
from newsextract.extract.vocabulary.thresholds import DATA_URL_PREFIX_CHARS

# One srcset candidate: an address (no white space; a comma right before white space ends it) and a descriptor.
# The address is read whole, at C speed, and a comma it ends with is cut off after: what a lazy
# match stopping before the comma gives, without trying the descriptor at every character.
_SRCSET_CANDIDATE = re.compile(r"\s*(?P<url>[^\s,][^\s]*+)(?:(?<=,)|\s+(?P<size>[^,]*)(?:,|$)|$)")


def image_url(node: LexborNode, base_url: str | None) -> str | None:
    """The real address of a picture element, made absolute.

    Lazy-loading attributes and the largest srcset candidate win over a placeholder ``src``;
    a <picture> (or an <img> whose own source is a placeholder) falls back to its <source> elements.
    """
    found = _own_url(node)
    if found is None and node.tag in ("picture", *PICTURE_TAGS):
        picture = node if node.tag == "picture" else node.parent
        if picture is not None and picture.tag == "picture":
            found = next(filter(None, (_own_url(source) for source in picture.css("source"))), None)
    if not found:
        return None
    return found if _is_plain_absolute(found) else urljoin(base_url or "", found)


def _is_plain_absolute(url: str) -> bool:
    """An http(s) address with a host that urljoin() gives back as it is, whatever the base: ASCII,
    no fragment, parameters or empty query (which it would drop), no tab or line break (which it removes)."""
    return (
        url.startswith(("https://", "http://"))
        and url.isascii()
        and url[url.index("//") + 2 : url.index("//") + 3] not in ("", "/", "?", "#")
        and not any(char in url for char in "#;\t\r\n[]")
        and not url.endswith("?")
    )


def is_picture_element(node: LexborNode) -> bool:
    """True for the one element that stands for a picture (not a wrapper around an <img> found on its own)."""
    if node.tag in PICTURE_TAGS:
        return True
    # A <picture> or a lazy placeholder <div data-img-url> counts only when no <img> stands inside it.
    return not any(inner.mem_id != node.mem_id for inner in node.css("img, amp-img"))


def declared_size(node: LexborNode) -> tuple[int | None, int | None]:
    """The width and height written on the element, in pixels, where given as plain numbers."""
    return _pixels(node.attributes.get("width")), _pixels(node.attributes.get("height"))


def in_noscript(node: LexborNode) -> bool:
    """True for the <noscript> copy of a lazy image (its parent is the <noscript>)."""
    parent = node.parent
    return parent is not None and parent.tag == "noscript"


def is_placeholder(url: str) -> bool:
    """A stand-in shown until the real picture loads (a data: URI, blank.gif, lazy-load spinner)."""
    lowered = url[:DATA_URL_PREFIX_CHARS].lower() if url.startswith(("data:", "DATA:")) else url.lower()
    return any(hint in lowered for hint in PLACEHOLDER_HINTS) and bool(IMAGE_PLACEHOLDER.search(lowered))


def _own_url(node: LexborNode) -> str | None:
    """The element's own address: known lazy attributes first, then any other ``data-*srcset`` /
    ``data-*src`` a lazy loader invented ("data-lazyimage-srcset"), then ``src``."""
    attrs = node.attributes
    invented = [n for n in attrs if n.startswith("data-")]  # the cheap test first: most names are not
    srcsets = [*LAZY_SRCSET_ATTRS, *(n for n in invented if OTHER_SRCSET.match(n) and n not in LAZY_SRCSET_ATTRS)]
    for name in srcsets:
        srcset = attrs.get(name)
        best = _best_from_srcset(srcset) if srcset else None
        if best:
            return best
    others = [n for n in invented if OTHER_SRC.match(n) and n not in LAZY_SRC_ATTRS]
    for name in [*LAZY_SRC_ATTRS[:-1], *others, LAZY_SRC_ATTRS[-1]]:
        value = attrs.get(name)
        value = value.strip() if value else None
        if value and not is_placeholder(value):
            return _css_url(value)
    return None


def _best_from_srcset(srcset: str) -> str | None:
    """The widest candidate of a srcset ("a.jpg 480w, b.jpg 1200w" or "a.jpg 1x, b.jpg 2x").

    An address ends at white space, so commas inside it ("w_400,h_300") are kept.
    """
    sized: list[tuple[float, int, str]] = []
    for match in _SRCSET_CANDIDATE.finditer(srcset):
        url, descriptor = match.group("url").removesuffix(","), (match.group("size") or "").strip()
        number = descriptor[:-1]
        # isdecimal(), not isdigit(): "²" is a digit that float() does not read.
        size = float(number) if descriptor[-1:] in ("w", "x") and number.replace(".", "", 1).isdecimal() else 0.0
        sized.append((-size, len(sized), url))
    # The widest first, the first of equals first; placeholders are told apart only until one is not.
    return next((url for _, _, url in sorted(sized) if not is_placeholder(url)), None)


def _css_url(value: str) -> str:
    """``url('a.jpg')`` as written in data-bg attributes, or the value itself."""
    if value.startswith("url(") and value.endswith(")"):
        return value[4:-1].strip("'\" ")
    return value


def _pixels(value: str | None) -> int | None:
    value = (value or "").strip().removesuffix("px")
    return int(value) if value.isdigit() else None

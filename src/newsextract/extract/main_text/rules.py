"""trafilatura's discard XPaths (xpaths.py) as attribute predicates on elements."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode


def first_of(attrs: dict[str, str | None], names: tuple[str, ...]) -> str | None:
    """XPath's string(@a|@b): the value of whichever attribute comes first in the source."""
    for key, value in attrs.items():
        if key in names:
            return value or ""
    return None


def _search(pattern: re.Pattern[str], value: str | None) -> bool:
    return value is not None and pattern.search(value) is not None


# REMOVE_COMMENTS_AND_LISTS_XPATH, applied to the raw tree (comments are not extracted).
_COMMENTS_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENTS_LIST_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol)")
_COMMENTS_CLASS = re.compile(r"^[Cc]omment(?!ary)|(?:article|post)-comments")
_COMMENT_TAGS = frozenset(("div", "section", "details", "ol", "ul"))


def comment_section(tag: str, attrs: dict[str, str | None]) -> bool:
    if tag not in _COMMENT_TAGS:
        return False
    id_, class_ = attrs.get("id"), attrs.get("class")
    if tag in ("ol", "ul"):
        return _search(_COMMENTS_LIST_ID, id_) or _search(_COMMENTS_CLASS, class_)
    return _search(_COMMENTS_ID, id_) or _search(_COMMENTS_CLASS, class_)


# RAW_TREE_PRUNE_XPATH
_SCROLL_TAGS = frozenset(("div", "section", "aside"))
_MVP = re.compile(r"mvp-post-add-(?:box|wrap)")
_SCROLL = re.compile(r"mvp-post-add-(?:box|wrap)|infinite-?scroll")


def infinite_scroll(node: LexborNode, tag: str, attrs: dict[str, str | None]) -> bool:
    if tag not in _SCROLL_TAGS:
        return False
    id_, class_ = attrs.get("id"), attrs.get("class")
    if "elementor-share-buttons" in (class_ or ""):
        return True
    if not (_search(_SCROLL, id_) or _search(_SCROLL, class_)):
        return False
    return node.css_first("h1") is None or _search(_MVP, id_) or _search(_MVP, class_)


RAW_PRUNED_TAGS = _COMMENT_TAGS | _SCROLL_TAGS
# Every id, every class either rule above can match holds one of these: most elements need no more.
_RAW_ID_HINT = re.compile(f"{_COMMENTS_ID.pattern}|{_SCROLL.pattern}")
_RAW_CLASS_HINT = re.compile(f"{_COMMENTS_CLASS.pattern}|elementor-share-buttons|{_SCROLL.pattern}")


def raw_pruned(node: LexborNode, tag: str, attrs: dict[str, str | None]) -> bool:
    """An element the two raw-tree rules (comment sections, infinite scroll) remove."""
    if tag not in RAW_PRUNED_TAGS:
        return False
    if not (_search(_RAW_ID_HINT, attrs.get("id")) or _search(_RAW_CLASS_HINT, attrs.get("class"))):
        return False
    return comment_section(tag, attrs) or infinite_scroll(node, tag, attrs)


# OVERALL_DISCARD_XPATH
_BOTH: tuple[str, ...] = (
    "^shar", "social", "viral", "newsletter", "syndication", "tags", "sidebar", "banner", "bread-?crumb",
    "button", "author",
)  # fmt: skip
_ID_ONLY: tuple[str, ...] = (
    "^(?:jp-|dpsp-content)", "bmdh", "footer", "Footer", "share", "Share", "nav", "Nav", "menu",
    "related", "message-container", "premium", "^ad-",
)  # fmt: skip
_CLASS_ONLY = (
    "^(?:nav|post-nav|ZendeskForm)", "subnav", "avigation", "navbar", "navbox", "menu", "bar",
    " ad ", "-ad-", "(?:^| )ad-", "dfp[Aa]d", "outbrain", "taboola", "criteo", "paid-?content", "widget",
    "footer", "Footer", "byline", "Byline", "share-", "sociable", "embedded", "embed", "tag-list",
    "consent", "modal-content", "permission", "elated", "next-", "-stories", "most-popular", "more-on",
    "meta", "rating", "attachment", "timestamp", "user-info", "user-profile", "-icon", "article-infos",
    "message-container", "slide", "viewport", "overlay", "options", "expand", "obfuscated", "blurred",
    "mol-factbox", "yin", "zlylin", "nfoline",
)  # fmt: skip
_DISCARD_ID = re.compile("|".join(_BOTH + _ID_ONLY))
_DISCARD_CLASS = re.compile("|".join(_BOTH + _CLASS_ONLY))
_HIDDEN_ID = re.compile("reader-comments|akismet")
_HIDDEN_CLASS = re.compile(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print| hidden| hide|noprint|"
    "notloaded"
)
_BLOCK_TAGS = frozenset(("div", "item", "list", "p", "section", "span"))


def overall_discard(tag: str, attrs: dict[str, str | None]) -> bool:
    """The boilerplate sections trafilatura prunes from the chosen container (both OVERALL_DISCARD_XPATHs)."""
    if not attrs:
        return False  # most elements: every rule reads an attribute
    if tag in _BLOCK_TAGS and _discarded_block(attrs):
        return True
    return _hidden(attrs)


def _discarded_block(attrs: dict[str, str | None]) -> bool:
    id_, class_ = attrs.get("id"), attrs.get("class")
    if _search(_DISCARD_ID, id_) or _search(_DISCARD_CLASS, class_):
        return True
    if ("cookie" in (id_ or "") or "cookie" in (class_ or "")) and "cookie" in (first_of(attrs, ("id", "class")) or ""):
        return True  # in whichever of the two comes first
    if len(attrs) == (id_ is not None) + (class_ is not None):
        return False  # no other attribute to read
    return (
        "data-lp-replacement-content" in attrs
        or "nav" in (attrs.get("role") or "").replace("N", "n")
        or "MostPopularStories" in (attrs.get("data-component") or "")
    )


def _hidden(attrs: dict[str, str | None]) -> bool:
    id_, class_, style = attrs.get("id"), attrs.get("class"), attrs.get("style")
    if _search(_HIDDEN_CLASS, class_) or _search(_HIDDEN_ID, id_) or attrs.get("aria-hidden") == "true":
        return True  # (_HIDDEN_CLASS finds class="comments-title" too)
    if style is not None and ("display:none" in style or "display: none" in style):
        return True
    # the rules on whichever of two attributes comes first, where either holds the pattern
    replies = (id_ or "").startswith("reply-") or (class_ or "").startswith("reply-")
    if replies and (first_of(attrs, ("id", "class")) or "").startswith("reply-"):
        return True
    return _either_holds(id_, style, "hidden") and "hidden" in (first_of(attrs, ("id", "style")) or "")


def _either_holds(first: str | None, second: str | None, word: str) -> bool:
    """A quick test before the exact one, on whichever of two attributes comes first."""
    return word in (first or "") or word in (second or "")


def caption_or_teaser(tag: str, attrs: dict[str, str | None], *, keep_teasers: bool) -> bool:
    """DISCARD_IMAGE_ELEMENTS (images are not extracted), and TEASER_DISCARD_XPATH unless teasers
    are kept: 'caption', or 'teaser' with a capital T read as t, in the id or class."""
    if not attrs or tag not in _BLOCK_TAGS:
        return False
    id_, class_ = attrs.get("id") or "", attrs.get("class") or ""
    if "caption" in id_ or "caption" in class_:
        return True
    return not keep_teasers and ("teaser" in id_.replace("T", "t") or "teaser" in class_.replace("T", "t"))

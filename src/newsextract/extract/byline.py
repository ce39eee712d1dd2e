"""Bylines: find the printed byline, and choose the article's authors from it and the metadata."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom, headline
from newsextract.extract.names import merge_names, people, site_words, split_names, unique_names
from newsextract.extract.text import squash
from newsextract.extract.vocabulary.bylines import (
    BY_BEFORE,
    BY_PREFIX,
    BYLINE_LINE,
    BYLINE_SELECTORS,
    CREDIT_BY,
    DIGIT,
    LOOSE_BYLINE_SELECTOR,
    NOT_BYLINE_TAGS,
)
from newsextract.extract.vocabulary.thresholds import (
    BYLINE_SEARCH_PARAGRAPHS,
    MAX_BARE_WORDS,
    MAX_BYLINE_CHARS,
    MAX_BYLINE_NODES,
    MAX_CANDIDATES,
)
from newsextract.extract.vocabulary.zones import DROP_TAGS

__all__ = [
    "byline_from_text",
    "choose_authors",
    "find_byline_nodes",
    "merge_names",
    "printed_headline",
    "printed_texts",
    "split_names",
]


def find_byline_nodes(tree: LexborHTMLParser, root: LexborNode | None) -> list[LexborNode]:
    """Elements that print the byline, searched inside the article region first.

    Known byline markup is tried first; then any element whose class or id
    names an author, when its text holds a person's name.
    """
    for scope in (root, tree.body):
        if scope is None:
            continue
        found = _in_scope(scope)
        if found:
            return found
    return []


_COVERED_BY_LOOSE = re.compile(r"\.[\w-]*(?:author|byline)[\w-]*|\[itemprop=author\]|\[class\*=byline\]")


def _covered_by_loose(selector: str) -> bool:
    """Known markup that also matches the loose selector: a class naming an author or a byline,
    [itemprop=author], [class*=byline]."""
    return bool(_COVERED_BY_LOOSE.fullmatch(selector.lower()))


# Known markup that LOOSE_BYLINE_SELECTOR (a class or itemprop naming an author or a byline, in any
# case) does not also list: where the loose selector lists nothing, only these can match.
_BEYOND_LOOSE = tuple(s for s in BYLINE_SELECTORS if not _covered_by_loose(s))
_ANY_BEYOND_LOOSE = ", ".join(_BEYOND_LOOSE)


def _in_scope(scope: LexborNode) -> list[LexborNode]:
    """Known byline markup in the scope, else an element whose class or id names an author.

    Most scopes print neither: one walk for the loose selector (needed for the class words anyway)
    and one for the few known selectors it does not cover tell, rather than a walk for all of them.
    """
    loosely_named = scope.css(LOOSE_BYLINE_SELECTOR)
    if loosely_named or scope.css_first(_ANY_BEYOND_LOOSE) is not None:
        found = _by_known_markup(scope, BYLINE_SELECTORS if loosely_named else _BEYOND_LOOSE)
        if found:
            return found
    return _by_class_words(scope, loosely_named)


def _by_known_markup(scope: LexborNode, selectors: tuple[str, ...]) -> list[LexborNode]:
    for selector in selectors:
        found = [
            n
            for n in scope.css(selector)[:MAX_CANDIDATES]
            if _fits_byline_slot(n, scope) and _reads_as_byline(dom.text_of(n))
        ]
        if found:
            return found
    return []


def _by_class_words(scope: LexborNode, loosely_named: list[LexborNode]) -> list[LexborNode]:
    return [
        n
        for n in loosely_named[:MAX_CANDIDATES]
        if _fits_byline_slot(n, scope) and not _inside_quote(n, scope) and _names_in_full(dom.text_of(n))
    ]


def _names_in_full(text: str) -> bool:
    """A full name ("Lisa Pham", "구현모"), not a lone word that a button or a label prints ("Follow")."""
    return any(map(_is_full_name, split_names(text)))


def _fits_byline_slot(node: LexborNode, scope: LexborNode) -> bool:
    return 0 < len(dom.text_of(node)) <= MAX_BYLINE_CHARS and not dom.inside_boilerplate(
        node, stop=scope, zone_tags=False
    )


def _reads_as_byline(text: str) -> bool:
    """Names a person, or reads "By <someone>", or is a short digit-free label such as an agency's name."""
    if split_names(text):
        return True
    credit = CREDIT_BY.search(text) or BY_PREFIX.match(text)
    if credit:
        return bool(text[credit.end() :].strip(" :"))
    return len(text.split()) <= MAX_BARE_WORDS and not DIGIT.search(text) and not text.endswith(":")


def _inside_quote(node: LexborNode, scope: LexborNode) -> bool:
    """A name in a quote's, a figure's or a testimonial's attribution is not the article's byline."""
    if node.tag in NOT_BYLINE_TAGS:
        return True
    for parent in dom.ancestors(node):
        if parent.mem_id == scope.mem_id:
            return False
        if parent.tag in NOT_BYLINE_TAGS:
            return True
    return False


def printed_texts(nodes: list[LexborNode]) -> list[str]:
    """The byline as printed, once each: without share bars inside the element, ending at the last name."""
    texts = (_trim_to_names(squash(" ".join(_own_texts(n)))) for n in nodes)
    return list(dict.fromkeys(t for t in texts if t))


def _own_texts(node: LexborNode) -> list[str]:
    """The element's text, leaving out boilerplate children (a share bar inside the byline block)."""
    texts: list[str] = []
    stack: list[LexborNode] = [node]
    for _ in range(MAX_BYLINE_NODES):  # a byline prints at most MAX_BYLINE_CHARS: its subtree is small
        if not stack:
            break
        current = stack.pop()
        if current.tag == "-text":
            texts.append(current.text_content or "")
        elif current is node or not (current.tag in DROP_TAGS or dom.is_boilerplate(current, zone_tags=False)):
            stack.extend(reversed(list(current.iter(include_text=True))))
    return texts


def _trim_to_names(text: str) -> str:
    """ "By Jane Doe, Senior Editor Updated 3 PM Share" -> "By Jane Doe"; text without names is kept."""
    spans = [m.span() for name in split_names(text) if (m := re.search(_name_pattern(name), text))]
    if not spans:
        return text
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    lead_in = BY_BEFORE.search(text[:start])
    return text[lead_in.start() if lead_in else start : end].strip()


def _name_pattern(name: str) -> str:
    # The name as printed: any case (names are title-cased), any white space between its words.
    return "(?i)" + r"\s+".join(re.escape(w) for w in name.split())


def byline_from_text(paragraphs: list[str]) -> str | None:
    """A "By Jane Doe" line among the first paragraphs of the text, if any."""
    for paragraph in paragraphs[:BYLINE_SEARCH_PARAGRAPHS]:
        if len(paragraph) <= MAX_BYLINE_CHARS and BYLINE_LINE.match(paragraph) and split_names(paragraph):
            return paragraph
    return None


def choose_authors(
    meta_names: list[str], byline_texts: list[str], outlets: list[str], page_url: str | None
) -> tuple[list[str], bool]:
    """The article's authors, and whether they come from the metadata (else the printed byline).

    Metadata names a person on purpose, so its names win. A site's,
    publisher's or organisation author's own name is no person, and neither
    is a lone word in a printed byline ("Wellness & Prevention").
    """
    outlets = outlets + _host_names(page_url)
    words = site_words(outlets)
    from_meta = people(merge_names(meta_names, site_words=words), outlets)
    if from_meta:
        return from_meta, True
    printed = people(unique_names(n for t in byline_texts for n in split_names(t, words)), outlets)
    return [n for n in printed if _is_full_name(n)], False


def _is_full_name(name: str) -> bool:
    return " " in name or not name.isascii()  # "구현모" is a full name in one word


def _host_names(page_url: str | None) -> list[str]:
    """ "der-postillon.com" -> ["der-postillon.com", "der-postillon"]: a site is also named by its host."""
    host = (urlsplit(page_url).hostname or "") if page_url else ""
    labels = [label for label in host.split(".")[:-1] if label != "www"]
    return [host, *labels] if host else []


def printed_headline(
    tree: LexborHTMLParser, scope: LexborNode | None, h1s: list[headline.PageH1] | None = None
) -> str | None:
    """The article's <h1> as printed: the first in the article scope, else the page's only one."""
    return headline.printed_headline(tree, scope, h1s)

"""Bylines: find the printed byline, and turn byline strings into person names."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract import selectors as sel
from newsextract.extract.text import fold, squash

_MAX_BYLINE_CHARS = 200
_NAME_CHARS = re.compile(r"^[\w.'’ -]+$")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?)+$")
_PARENTHESES = re.compile(r"\([^)]{0,40}\)")  # "Elena Oberholzer (obe)": the desk's short code


def _is_role(words: list[str]) -> bool:
    return all(w.lower().strip(".,") in sel.ROLE_WORDS for w in words)


def _is_organisation(name: str) -> bool:
    words = [w.lower().strip(".,") for w in name.split()]
    if not words:
        return True
    if any(w in sel.ORGANISATION_WORDS for w in words) and not _looks_like_person(name):
        return True
    return len(words) == 1 and (name.isupper() or len(name) <= 3)


def _looks_like_person(name: str) -> bool:
    parts = name.split()
    return 2 <= len(parts) <= 5 and all(p[:1].isupper() or p.lower() in {"de", "van", "von", "der", "da", "del",
                                                                           "la", "le", "bin", "al", "el", "di"}
                                          for p in parts) and not any(
        p.lower().strip(".,") in sel.ORGANISATION_WORDS for p in parts)


def _clean_name(part: str) -> str | None:
    part = _PARENTHESES.sub(" ", sel.BY_PREFIX.sub("", squash(part)))
    part = sel.NAME_NOISE.sub("", part)
    part = part.strip(" .,:;-–—|()[]\"'")
    words = part.split()
    # Drop trailing role words: "Jane Doe Staff Writer" -> "Jane Doe".
    while len(words) > 1 and words[-1].lower().strip(".,") in sel.ROLE_WORDS:
        words.pop()
    if not words or _is_role(words) or len(words) > 6 or len(part) > 60:
        return None
    name = " ".join(words)
    if not _NAME_CHARS.match(name) or _INITIALS.match(name) or _is_organisation(name):
        return None
    if name.islower():
        return None
    return name


def split_names(byline: str) -> list[str]:
    """Person names in a byline: "By A, B and C | Staff" -> ["A", "B", "C"]; organisations dropped."""
    text = squash(byline)
    if len(text) > _MAX_BYLINE_CHARS * 2:
        return []
    text = sel.BY_PREFIX.sub("", text)
    text = sel.NAME_NOISE.sub("", text)
    names: list[str] = []
    seen: set[str] = set()
    for part in sel.NAME_SEPARATORS.split(text):
        name = _clean_name(part)
        if name and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    # "Anna Sleegers, Frankfurt": beside full names, a lone word is a place or a desk.
    full_names = [n for n in names if " " in n]
    return full_names or names


def merge_names(*groups: list[str]) -> list[str]:
    """Names from several sources, each person once, in first-seen order."""
    out: list[str] = []
    seen: set[str] = set()
    for group in groups:
        for raw in group:
            for name in split_names(raw) if _needs_split(raw) else [_clean_name(raw)]:
                if name and fold(name) not in seen:
                    seen.add(fold(name))
                    out.append(name)
    return out


def _needs_split(raw: str) -> bool:
    return bool(re.search(r",|;|\||&|\band\b|\bund\b|^\s*by\b", raw, re.IGNORECASE))


def find_byline_nodes(tree: LexborHTMLParser, root: LexborNode | None) -> list[LexborNode]:
    """Elements that print the byline, searched inside the article region first."""
    for scope in (root, tree.body):
        if scope is None:
            continue
        for selector in sel.BYLINE_SELECTORS:
            found = [n for n in scope.css(selector) if 0 < len(squash(n.text(deep=True))) <= _MAX_BYLINE_CHARS
                     and not dom.inside_boilerplate(n, stop=scope, zone_tags=False)]
            if found:
                return found
    return []


def byline_from_text(paragraphs: list[str]) -> str | None:
    """A "By Jane Doe" line among the first paragraphs of the text, if any."""
    for paragraph in paragraphs[:4]:
        if len(paragraph) <= _MAX_BYLINE_CHARS and sel.BYLINE_LINE.match(paragraph) and split_names(paragraph):
            return paragraph
    return None


def printed_headline(tree: LexborHTMLParser, scope: LexborNode | None) -> str | None:
    """The article's <h1> as printed: the one in the article scope, else the page's only content <h1>."""
    candidates = [h for h in tree.css("h1") if not dom.inside_boilerplate(h, zone_tags=False)]
    if scope is not None:
        inside = [h for h in candidates if dom.is_ancestor(scope, h)]
        candidates = inside or (candidates if len(candidates) == 1 else [])
    elif len(candidates) != 1:
        return None
    for h1 in candidates:
        text = dom.text_of(h1)
        if 3 <= len(text.split()) <= 40:
            return text
    return None

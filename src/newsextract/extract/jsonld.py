"""JSON-LD: find the article object among a page's ld+json blocks (lists, @graph, nesting)."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from selectolax.lexbor import LexborNode

from newsextract.extract.vocabulary.metadata import ARTICLE_TYPES, ORGANISATION_TYPES, PAGE_TYPES
from newsextract.extract.vocabulary.thresholds import MAX_JSONLD_NODES

JsonObject = dict[str, Any]


def _types(node: JsonObject) -> set[str]:
    value = node.get("@type", ())
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _walk(data: Any) -> Iterator[JsonObject]:
    """Every object in the data, breadth first, iteratively (no recursion on deep input)."""
    queue: deque[Any] = deque([data])  # popleft: a list's pop(0) would make a long @graph quadratic
    seen = 0
    while queue and seen < MAX_JSONLD_NODES:
        item = queue.popleft()
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            queue.extend(v for k, v in item.items() if isinstance(v, (dict, list)) and k != "@context")


def _blocks(scripts: Iterable[LexborNode]) -> Iterator[Any]:
    for script in scripts:
        raw = script.text(deep=True).strip()
        if not raw:
            continue
        try:
            yield json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue


def find_objects(
    scripts: Iterable[LexborNode],
) -> tuple[JsonObject | None, JsonObject | None, list[JsonObject]]:
    """Return (the article object, the web-page object, every object) found in the JSON-LD ``scripts``
    (the page's ``script[type="application/ld+json"]`` elements)."""
    article: JsonObject | None = None
    page: JsonObject | None = None
    every: list[JsonObject] = []
    for block in _blocks(scripts):
        for node in _walk(block):
            every.append(node)
            types = _types(node)
            if article is None and types & ARTICLE_TYPES:
                article = node
            elif page is None and types & PAGE_TYPES:
                page = node
    return article, page, every


def resolve(node: Any, every: list[JsonObject]) -> Any:
    """Follow an {"@id": ...} reference to the full object in the same page's @graph."""
    if isinstance(node, dict) and set(node) <= {"@id", "@type"} and "@id" in node:
        for candidate in every:
            if candidate.get("@id") == node["@id"] and len(candidate) > len(node):
                return candidate
    return node


def as_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, list or {"name": ...} object."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for item in value:
            text = as_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return as_text(value.get("name") or value.get("@value") or value.get("text"))
    return None


def person_names(value: Any, every: list[JsonObject]) -> list[str]:
    """Names of the Person entries in an author value; organisations are skipped."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        item = resolve(item, every)
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            if _is_organisation(item):
                continue
            name = item.get("name")
            if isinstance(name, list):  # {"@type": "Person", "name": ["Travis Andersen", "Adam Sennott"]}
                names.extend(n for n in map(as_text, name) if n)
                continue
            text = as_text(name) or " ".join(
                part for part in (as_text(item.get("givenName")), as_text(item.get("familyName"))) if part
            )
            if text:
                names.append(text)
    return names


def _is_organisation(item: JsonObject) -> bool:
    types = {t.lower() for t in _types(item)}  # "newsMediaOrganization" is seen in the wild
    return "person" not in types and bool(types & {t.lower() for t in ORGANISATION_TYPES})


def organisation_names(value: Any, every: list[JsonObject], *, any_type: bool = False) -> list[str]:
    """Names of the Organization entries in an author or publisher value (of every entry with ``any_type``)."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        item = resolve(item, every)
        if isinstance(item, dict) and (any_type or _is_organisation(item)):
            name = as_text(item.get("name"))
            if name:
                names.append(name)
    return names


def image_captions(value: Any, every: list[JsonObject]) -> dict[str, str]:
    """Map image URL -> caption for the article's JSON-LD images that carry one."""
    items = value if isinstance(value, list) else [value]
    captions: dict[str, str] = {}
    for item in items:
        item = resolve(item, every)
        if isinstance(item, dict):
            url = as_text(item.get("url") or item.get("contentUrl"))
            caption = as_text(item.get("caption") or item.get("description"))
            if url and caption:
                captions[url] = caption
    return captions

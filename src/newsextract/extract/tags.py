"""Tags from metadata: JSON-LD ``keywords`` (a comma-separated string or a list) and <meta> contents.

A string is split into tags, never iterated (iterating one gives its characters); a list gives one
tag per string item. Tags shorter than 2 characters, or without a letter or digit (".", "--"),
are noise from a broken split and are dropped; repeats (case-folded) are dropped too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsextract.extract.text import squash
from newsextract.extract.vocabulary.thresholds import MIN_TAG_CHARS


def from_keywords(keywords: Any) -> list[str]:
    """The tags of a JSON-LD ``keywords`` value: "a, b, c" or ["a", "b", "c"]; anything else gives none."""
    if isinstance(keywords, str):
        items: Iterable[Any] = keywords.split(",")
    elif isinstance(keywords, list):
        items = keywords
    else:
        return []
    return keep_tags([item for item in items if isinstance(item, str)])


def keep_tags(tags: Iterable[str]) -> list[str]:
    """The tags worth keeping, white space collapsed, first spelling of each, in order."""
    kept: dict[str, str] = {}
    for tag in map(squash, tags):
        if len(tag) >= MIN_TAG_CHARS and any(c.isalnum() for c in tag):
            kept.setdefault(tag.casefold(), tag)
    return list(kept.values())

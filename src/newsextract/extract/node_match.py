"""Does an element itself match a simple selector list ("figure, .wp-caption, [itemprop=image]")?

Lexbor's ``css_matches`` is true when any node of the subtree matches, so a wrapper around a
figure would pass for a figure. This checks the element alone, for compound selectors of a tag,
classes and attributes (no combinators).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborNode

_PART = re.compile(r"(?P<tag>^[a-zA-Z][\w-]*)|\.(?P<cls>[\w-]+)|\[(?P<attr>[\w-]+)(?:=(?P<value>[^\]]+))?\]")


@dataclass(frozen=True)
class _Compound:
    tag: str | None
    classes: frozenset[str]
    attributes: tuple[tuple[str, str | None], ...]

    def matches(self, node: LexborNode) -> bool:
        if self.tag is not None and node.tag != self.tag:
            return False
        attrs = node.attributes
        if self.classes and not self.classes <= set((attrs.get("class") or "").split()):
            return False
        return all(name in attrs and (value is None or attrs.get(name) == value) for name, value in self.attributes)


@dataclass(frozen=True)
class SelectorList:
    """A parsed list of compound selectors, matched against one element at a time.

    Bare tags and single classes, the common case, are looked up in sets.
    """

    tags: frozenset[str]
    classes: frozenset[str]
    compounds: tuple[_Compound, ...]  # the rest

    @classmethod
    def parse(cls, selectors: tuple[str, ...]) -> SelectorList:
        parsed = [c for c in map(_parse_compound, selectors) if c is not None]
        tags = frozenset(c.tag for c in parsed if c.tag and not c.classes and not c.attributes)
        classes = frozenset(
            next(iter(c.classes)) for c in parsed if not c.tag and len(c.classes) == 1 and not c.attributes
        )
        rest = tuple(
            c
            for c in parsed
            if not (
                (c.tag and not c.classes and not c.attributes)
                or (not c.tag and len(c.classes) == 1 and not c.attributes)
            )
        )
        return cls(tags, classes, rest)

    def matches(self, node: LexborNode) -> bool:
        if not node.is_element_node:
            return False
        if node.tag in self.tags:
            return True
        names = node.attributes.get("class")
        if names and self.classes and not self.classes.isdisjoint(names.split()):
            return True
        return any(c.matches(node) for c in self.compounds)


def _parse_compound(selector: str) -> _Compound | None:
    """One compound selector; None for one with combinators, which this matcher does not handle."""
    selector = selector.strip()
    if not selector or " " in selector or ">" in selector:
        return None
    tag, classes, attributes = None, set(), []
    for part in _PART.finditer(selector):
        if part.group("tag"):
            tag = part.group("tag").lower()
        elif part.group("cls"):
            classes.add(part.group("cls"))
        else:
            attributes.append((part.group("attr"), (part.group("value") or "").strip("'\"") or None))
    return _Compound(tag, frozenset(classes), tuple(attributes))


@lru_cache(maxsize=1 << 14)  # pure, and cached: a page repeats its class strings for every picture
def names_match(pattern: re.Pattern[str], names: str) -> bool:
    """True when ``pattern`` occurs in a class or id value."""
    return pattern.search(names) is not None

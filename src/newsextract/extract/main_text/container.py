"""The main-text container (trafilatura's BODY_XPATH) and its pruning (prune_unwanted_sections)."""

from __future__ import annotations

import re
from collections.abc import Callable

from newsextract.extract.main_text import links
from newsextract.extract.main_text.rules import caption_or_teaser, overall_discard
from newsextract.extract.main_text.tree import Element

_SECTIONS = frozenset(("article", "div", "main", "section"))  # the tags every expression looks at
_ARTICLE_ID = re.compile("(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|body-text")
_ARTICLE_CLASS = re.compile(
    "post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|article-?text|articleText|"
    "(?:entry|page|text|article|art)-content|article__content|article(?:-|__)?body|articleBody|ArticleContent|"
    "body-text|article__container"
)
_STORY_ID = re.compile("^primary|story-body")
_STORY_CLASS = re.compile(
    "^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post|main-column|"
    "wpb_text_column|story-body|field-body"
)
_FULLTEXT = re.compile("fulltext", re.IGNORECASE)
_MAIN_ID = re.compile("content-main|content-body|contentBody")
_MAIN_CLASS = re.compile("content[-_]main|content(?:-|__)body")


def _has(pattern: re.Pattern[str], value: str) -> bool:
    return pattern.search(value) is not None


def _article_content(e: Element) -> bool:
    if e.tag not in _SECTIONS:
        return False
    id_, class_ = e.get("id"), e.get("class")
    return (
        class_ in ("post", "entry")
        or e.get("itemprop") == "articleBody"
        or id_ == "articleContent"
        or _has(_ARTICLE_ID, id_)
        or _has(_ARTICLE_CLASS, class_)
    )


def _article(e: Element) -> bool:
    return e.tag == "article"


def _story(e: Element) -> bool:
    if e.tag not in _SECTIONS:
        return False
    id_, class_ = e.get("id"), e.get("class")
    return (
        e.get("role") == "article"
        or id_ in ("article", "story")
        or class_ in ("postarea", "art-postcontent", "text", "cell", "story")
        or _has(_STORY_ID, id_)
        or _has(_FULLTEXT, class_)
        or _has(_STORY_CLASS, class_)
    )


def _main_content(e: Element) -> bool:
    if e.tag not in _SECTIONS:
        return False
    id_, class_ = e.get("id"), e.get("class")
    return (
        id_ == "content"
        or class_ == "content"
        or _has(_MAIN_ID, id_)
        or _has(_MAIN_CLASS, class_)
        or "main-content" in id_.replace("C", "c").replace("M", "m")
        or "main-content" in class_.replace("C", "c").replace("M", "m")
        or "page-content" in class_.replace("C", "c").replace("P", "p")
    )


def _main(e: Element) -> bool:
    if e.tag == "main":
        return True
    return e.tag in ("article", "div", "section") and any(e.get(a).startswith("main") for a in ("class", "id", "role"))


# BODY_XPATH, in order: the first expression that finds an element picks the first such element.
CONTAINER_TESTS: tuple[Callable[[Element], bool], ...] = (_article_content, _article, _story, _main_content, _main)


def first_matches(root: Element) -> list[Element | None]:
    """For each BODY_XPATH expression, the first element it finds, in one walk of the unchanged tree."""
    firsts: list[Element | None] = [None] * len(CONTAINER_TESTS)
    for element in root.descendants():
        if element.tag in _SECTIONS:
            for index, test in enumerate(CONTAINER_TESTS):
                if firsts[index] is None and test(element):
                    firsts[index] = element
            if firsts[0] is not None:
                break  # the first expression's match is the one used
    return firsts


def find_container(root: Element, test: Callable[[Element], bool]) -> Element | None:
    """The first element, in document order, that a BODY_XPATH expression finds in the tree as it is now."""
    return next((e for e in root.descendants() if e.tag in _SECTIONS and test(e)), None)


def prune(container: Element, *, keep_teasers: bool = False) -> None:
    """prune_unwanted_sections() for the balanced, fast, text-only extraction: boilerplate
    sections, image captions (images are not extracted), teasers, link lists, then <span> and
    link wrappers. One walk finds the first three; deleting a match inside an already deleted
    one changes nothing, so they go one after the other as trafilatura's XPaths do."""
    outer, doomed = _discarded(container, keep_teasers=keep_teasers)
    old_len = len(container.text_content()) if outer else 0
    # the boilerplate sections go unless they hold all but a seventh of the container's text
    if outer and old_len - sum(len(e.text_content()) for e in outer) > old_len / 7:
        for element in outer:
            element.delete()
    for element in doomed:
        element.delete()
    links.prune_links(container)
    for element in [e for e in container.descendants() if e.tag in ("span", "ref")]:
        element.unwrap()


def _discarded(container: Element, *, keep_teasers: bool) -> tuple[list[Element], list[Element]]:
    """The outermost boilerplate sections, and the caption and teaser blocks (both in document order)."""
    verdicts = _Verdicts(keep_teasers=keep_teasers)
    outer: list[Element] = []
    doomed: list[Element] = []
    stack = container.children[::-1]
    while stack:
        element = stack.pop()
        boilerplate, image_or_teaser = verdicts.of(element)
        if boilerplate:
            outer.append(element)
            doomed.extend(e for e in element.iter() if verdicts.of(e)[1])
        else:
            if image_or_teaser:
                doomed.append(element)
            stack.extend(reversed(element.children))
    return outer, doomed


class _Verdicts:
    """The discard rules' verdicts on an element, read once for each set of attributes: a page
    repeats most of its class and id values."""

    def __init__(self, *, keep_teasers: bool) -> None:
        self.keep_teasers = keep_teasers
        self.known: dict[tuple[object, ...], tuple[bool, bool]] = {}

    def of(self, element: Element) -> tuple[bool, bool]:
        """(a boilerplate section, a caption or teaser block)"""
        tag, attrs = element.tag, element.attrs
        if not attrs:
            return False, False  # every rule reads an attribute
        key = (tag, *attrs.items())
        verdict = self.known.get(key)
        if verdict is None:
            verdict = (
                overall_discard(tag, attrs),
                caption_or_teaser(tag, attrs, keep_teasers=self.keep_teasers),
            )
            self.known[key] = verdict
        return verdict

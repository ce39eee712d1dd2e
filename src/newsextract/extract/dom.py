"""DOM helpers over selectolax (Lexbor): boilerplate tests, ancestry, the article region."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract.text import squash
from newsextract.extract.vocabulary.thresholds import (
    MAX_SCOPE_GROWTH,
    MAX_WALK,
    MIN_DECLARED_BODY_CHARS,
    MIN_PARAGRAPH_CHARS,
    PARAGRAPH_VOTE_WEIGHTS,
)
from newsextract.extract.vocabulary.zones import (
    BOILERPLATE_CLASS,
    BOILERPLATE_EXCEPTION_CLASS,
    BOILERPLATE_LEAD_TOKENS,
    BOILERPLATE_ROLES,
    PROSE_BLOCK_SELECTOR,
    ZONE_TAGS,
)


def ancestors(node: LexborNode) -> Iterator[LexborNode]:
    """The node's ancestors, nearest first, at most MAX_WALK of them."""
    current = node.parent
    for _ in range(MAX_WALK):
        if current is None or current.tag in ("html", "-undef", "#document"):
            return
        yield current
        current = current.parent


_NO_MARKS: frozenset[str] = frozenset()  # shared constants: most elements carry no mark
_HIDDEN = frozenset({"hidden"})
_ZONE_TAG_MARKS = {tag: frozenset({f"<{tag}>"}) for tag in ZONE_TAGS}


def boilerplate_marks(node: LexborNode, *, zone_tags: bool = True) -> frozenset[str]:
    """What nominates the element as a non-article zone: its tag, role, ``hidden``, class or id words.

    A mark only nominates: the cleaner removes a zone when its content agrees.
    ``zone_tags=False`` ignores <header>/<footer>/<nav>/<aside> tags, for searches
    (bylines) whose target legitimately sits in an article's <header>.
    """
    attrs = node.attributes
    marks = _class_marks(attrs.get("class") or "")
    # Each union only when it adds something: a union makes a new set, and most elements have no mark.
    ids = attrs.get("id")
    if ids and (id_marks := _class_marks(ids)):
        marks |= id_marks
    role = attrs.get("role")
    if role and (role_marks := _role_marks(role)):
        marks |= role_marks
    if "hidden" in attrs:
        marks |= _HIDDEN
    if zone_tags and (tag_marks := _ZONE_TAG_MARKS.get(node.tag or "")):
        marks |= tag_marks
    return marks


@lru_cache(maxsize=256)
def _role_marks(role: str) -> frozenset[str]:
    role = role.lower()
    return frozenset({f"role={role}"}) if role in BOILERPLATE_ROLES else _NO_MARKS


@lru_cache(maxsize=1 << 16)  # ids are often unique: a small cache would keep evicting the repeated classes
def _class_marks(names: str) -> frozenset[str]:
    """Boilerplate words in a class or id value. Pure, and cached: pages repeat their class strings."""
    names = names.lower()
    if BOILERPLATE_LEAD_TOKENS.isdisjoint(names.replace("_", " ").replace("-", " ").split()):
        return _NO_MARKS  # most names, told apart without the regular expressions
    found = BOILERPLATE_CLASS.findall(BOILERPLATE_EXCEPTION_CLASS.sub(" ", names))
    return frozenset(m.lstrip(" _-") for m in found)


def is_boilerplate(node: LexborNode, *, zone_tags: bool = True) -> bool:
    """True when the element's tag, role, class or id marks a non-article zone."""
    return bool(boilerplate_marks(node, zone_tags=zone_tags))


def inside_boilerplate(node: LexborNode, stop: LexborNode | None = None, *, zone_tags: bool = True) -> bool:
    """True when the node or an ancestor below ``stop`` is boilerplate."""
    if is_boilerplate(node, zone_tags=zone_tags):
        return True
    stop_id = stop.mem_id if stop is not None else None
    for parent in ancestors(node):
        if parent.mem_id == stop_id:
            return False
        if is_boilerplate(parent, zone_tags=zone_tags):
            return True
    return False


def text_of(node: LexborNode) -> str:
    return squash(node.text(deep=True, separator=" "))


def text_fits(node: LexborNode, limit: float) -> bool:
    """``len(text_of(node)) <= limit``, squashing only a text longer than that: squashing only shortens."""
    raw = node.text(deep=True, separator=" ")
    return len(raw) <= limit or len(squash(raw)) <= limit


ParagraphLengths = dict[int, tuple[LexborNode, int]]  # mem_id -> (element, chars of its text), page order


def paragraph_lengths(tree: LexborHTMLParser | LexborNode) -> ParagraphLengths:
    """Every p, pre and blockquote (of the page, or below a node) with the length of its text, read once:
    the article root's vote and the region's prose blocks both measure them (valid until the tree changes)."""
    return {node.mem_id: (node, len(text_of(node))) for node in tree.css(PROSE_BLOCK_SELECTOR)}


def find_article_root(tree: LexborHTMLParser, paragraphs: ParagraphLengths | None = None) -> LexborNode | None:
    """The element holding the article text: [itemprop=articleBody], else the densest paragraph container."""
    declared = [(n, len(text_of(n))) for n in tree.css("[itemprop=articleBody], [data-testid=article-body]")]
    explicit = [(n, length) for n, length in declared if length >= MIN_DECLARED_BODY_CHARS]
    if explicit:
        return max(explicit, key=lambda item: item[1])[0]  # each read once; the first of equals, as before
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for paragraph, length in (paragraphs if paragraphs is not None else paragraph_lengths(tree)).values():
        if length < MIN_PARAGRAPH_CHARS:
            continue
        for weight, parent in zip(PARAGRAPH_VOTE_WEIGHTS, ancestors(paragraph), strict=False):
            scores[parent.mem_id] = scores.get(parent.mem_id, 0.0) + weight * length
            nodes[parent.mem_id] = parent
    if not scores:
        return None
    best = max(scores, key=lambda k: scores[k])
    return nodes[best]


def image_scope(root: LexborNode | None, tree: LexborHTMLParser) -> LexborNode | None:
    """Where the article's own images live: the root widened to its <article> or <main>."""
    if root is None:
        return tree.body
    root_len = max(len(text_of(root)), 1)
    for parent in ancestors(root):
        if parent.tag in ("article", "main") or (parent.attributes.get("role") == "main"):
            return parent if text_fits(parent, MAX_SCOPE_GROWTH * root_len) else root
        if parent.tag == "body":
            break
    wrapper = root.parent
    if wrapper is not None and wrapper.tag != "body" and text_fits(wrapper, 2 * root_len):
        return wrapper
    return root


def is_ancestor(node: LexborNode, of: LexborNode) -> bool:
    """True when ``node`` is ``of`` or one of its ancestors."""
    if node.mem_id == of.mem_id:
        return True
    return any(parent.mem_id == node.mem_id for parent in ancestors(of))


def remove_nodes(nodes: list[LexborNode]) -> None:
    """Detach nodes, skipping any inside another one being removed (never free a node twice)."""
    marked = {n.mem_id for n in nodes}
    known: dict[int, tuple[int, bool]] = {}
    outermost: dict[int, LexborNode] = {}
    for node in nodes:  # decide everything first: a freed subtree must not be walked
        depth, under_marked = _chain_facts(node.parent, marked, known)
        if depth < MAX_WALK and not under_marked:
            outermost[node.mem_id] = node
    for node in outermost.values():
        node.decompose()


def _chain_facts(parent: LexborNode | None, marked: set[int], known: dict[int, tuple[int, bool]]) -> tuple[int, bool]:
    """For a child of ``parent``: how many ancestors it has (as ``ancestors`` counts them, uncapped),
    and whether one is in ``marked``. Memoised in ``known`` by mem_id: nodes share their ancestors."""
    path = []
    facts = (0, False)
    current = parent
    while current is not None and current.tag not in ("html", "-undef", "#document"):
        if current.mem_id in known:
            facts = known[current.mem_id]
            break
        path.append(current)
        current = current.parent
    for ancestor in reversed(path):
        facts = (facts[0] + 1, facts[1] or ancestor.mem_id in marked)
        known[ancestor.mem_id] = facts
    return facts

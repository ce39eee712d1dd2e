"""The headline: the <h1> the page prints, confirmed or trimmed by the titles its metadata gives.

Metadata titles are often SEO variants, carry a " | Site" suffix or are cut
short; the printed <h1> is what readers see. An <h1> that a metadata title
repeats (whole, or beside a site name) is the headline wherever it stands;
when only an element inside it matches, the kicker or source link around
that element is dropped. Class names that make a zone look like chrome only
break ties between <h1>s.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract.text import fold, squash, words
from newsextract.extract.vocabulary.headlines import (
    ARTICLE,
    BLOCK_TAGS,
    DOUBLE_ENCODED,
    KICKER,
    LABEL_PUNCTUATION,
    NAVIGATION_ROLES,
    NAVIGATION_TAGS,
    NOT_ALNUM,
    SECTION_LABEL_PREFIX,
    SECTION_LABEL_SUFFIX,
    TITLE_SEPARATORS,
    TRUNCATED,
)
from newsextract.extract.vocabulary.thresholds import (
    CUT_OFF_CHARS,
    MAX_H1S,
    MAX_HEADLINE_H1S,
    MAX_HEADLINE_WORDS,
    MAX_INNER_NODES,
    MAX_SITE_SUFFIX_WORDS,
    MIN_H1_IN_TITLE_CHARS,
    MIN_H1_TITLE_SHARE,
    MIN_HEADLINE_AFTER_LABEL_WORDS,
    MIN_HEADLINE_BEFORE_SUFFIX_CHARS,
    MIN_INNER_WORDS,
    MIN_PRINTED_WORDS,
    MIN_SITE_NAME_CHARS,
    MIN_TITLE_WORDS,
)


@dataclass(frozen=True)
class Title:
    """A headline as one metadata source gives it."""

    text: str
    source: str


@dataclass(frozen=True)
class PrintedTitle:
    """An <h1> as printed, with the runs of its text that its elements set apart.

    A kicker ("<span>Politics |</span>") or a source link and comment count
    after the headline sit in elements of their own; the headline is then the
    run that a metadata title confirms.
    """

    text: str
    inner: tuple[str, ...] = ()


# ---- the page's <h1>s ----


PageH1 = tuple[LexborNode, PrintedTitle]  # an <h1> and its printed text


def visible_h1s(tree: LexborHTMLParser) -> list[PageH1]:
    """The page's visible <h1>s and their printed text, less site logos and breadcrumb, menu or sidebar ones.

    Read once a page: the printed headline and the headline choice both look at them.
    """
    return list(_visible_h1s(tree))


def page_h1s(tree: LexborHTMLParser) -> list[PrintedTitle]:
    """The page's visible <h1>s, less site logos and breadcrumb, menu or sidebar ones."""
    return [title for _, title in _visible_h1s(tree)]


def printed_headline(tree: LexborHTMLParser, scope: LexborNode | None, h1s: list[PageH1] | None = None) -> str | None:
    """The article's <h1> as printed: the one in the article scope, else the page's only one.

    Boilerplate class words only break ties: an <h1> in a zone they nominate
    loses to one outside such zones, and wins when it is the only one.
    ``h1s``: the page's visible_h1s(), when already read.
    """
    visible = _visible_h1s(tree) if h1s is None else h1s
    found = _distinct(h for h in visible if len(h[1].text.split()) >= MIN_PRINTED_WORDS)
    in_scope = [h for h in found if scope is not None and dom.is_ancestor(scope, h[0])]
    if len(in_scope) > MAX_HEADLINE_H1S:
        in_scope = []
    plain_ids = {n.mem_id for n, _ in found if not dom.inside_boilerplate(n, tree.body, zone_tags=False)}
    plain = [h for h in found if h[0].mem_id in plain_ids]
    for group in ([h for h in in_scope if h[0].mem_id in plain_ids], in_scope):
        if group:
            return group[0][1].text
    for group in (plain, found):
        if len(group) == 1:
            return group[0][1].text
    return None


def _distinct(h1s: Iterable[PageH1]) -> list[PageH1]:
    """One <h1> per text: pages print the headline twice for mobile and desktop layouts."""
    found: dict[str, tuple[LexborNode, PrintedTitle]] = {}
    for node, title in h1s:
        found.setdefault(title.text, (node, title))
    return list(found.values())


def _visible_h1s(tree: LexborHTMLParser) -> Iterator[PageH1]:
    for h1 in itertools.islice(tree.css("h1"), MAX_H1S):
        if (
            "hidden" in h1.attributes
            or h1.attributes.get("aria-hidden") == "true"
            or _links_home(h1)
            or _in_navigation(h1)
        ):
            continue
        text = printed_text(h1)
        if 1 <= len(text.split()) <= MAX_HEADLINE_WORDS:
            yield h1, PrintedTitle(text, _inner_runs(h1, text))


def _in_navigation(h1: LexborNode) -> bool:
    for parent in dom.ancestors(h1):
        if parent.tag == "body":
            return False
        role = (parent.attributes.get("role") or "").lower()
        names = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}".lower()
        if parent.tag in NAVIGATION_TAGS or role in NAVIGATION_ROLES or "breadcrumb" in names:
            return True
    return False


def _links_home(h1: LexborNode) -> bool:
    """True for a site logo: an <h1> that links to the home page."""
    link = h1.css_first("a[href]") or next((a for a in dom.ancestors(h1) if a.tag == "a"), None)
    if link is None:
        return False
    href = urlsplit(link.attributes.get("href") or "")
    return href.path in ("", "/") and not href.query and not href.fragment


def _inner_runs(h1: LexborNode, whole: str) -> tuple[str, ...]:
    """Runs of an <h1>'s text that its elements set apart: each element's text, and the text beside it.

    "<span>Politics |</span> Governor vetoes …" gives "Governor vetoes …".
    """
    runs: list[str] = []
    for node in itertools.islice(h1.traverse(), 1, MAX_INNER_NODES):
        text = printed_text(node)
        if not text or text == whole:
            continue
        beside = whole.removeprefix(text) if whole.startswith(text) else whole.removesuffix(text)
        for run in (text, beside.strip(LABEL_PUNCTUATION)):
            if len(run.split()) >= MIN_INNER_WORDS and run != whole and run not in runs:
                runs.append(run)
    return tuple(runs)


def printed_text(node: LexborNode) -> str:
    """The element's text as it reads: block parts spaced, inline parts glued mid-word ("<span>C</span>ycle").

    Inline parts that meet at a capital ("<span>Nationale Demo</span>Der 9. Juli")
    are set apart too: they are a label and a headline styled as blocks.
    """
    text, last_block, last_parent = "", -1, -1
    for child in node.traverse(include_text=True):
        if child.tag == "br":
            text += " "
        piece = (child.text_content or "").replace("\u00ad", "") if child.tag == "-text" else ""  # soft hyphens
        if not piece:
            continue
        block, parent = _block_of(child, node), child.parent.mem_id if child.parent else -1
        if text and (block != last_block or (parent != last_parent and _reads_as_two(text, piece))):
            text += " "
        text, last_block, last_parent = text + piece, block, parent
    return _undo_double_encoding(squash(text))


def _block_of(text_node: LexborNode, top: LexborNode) -> int:
    for parent in dom.ancestors(text_node):
        if parent.tag in BLOCK_TAGS or parent.mem_id == top.mem_id:
            return parent.mem_id
    return top.mem_id


def _reads_as_two(before: str, after: str) -> bool:
    return (before[-1].isalnum() and after[0].isupper()) or (before[-1] in ":;,!?" and after[0].isalnum())


def _undo_double_encoding(text: str) -> str:
    if not DOUBLE_ENCODED.search(text):
        return text
    for legacy in ("cp1252", "latin-1"):
        try:
            return text.encode(legacy).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


# ---- the choice ----


def choose_headline(
    printed: str | None,
    h1s: list[PrintedTitle],
    titles: list[Title],
    site_name: str | None,
    page_url: str | None = None,
) -> tuple[str | None, str]:
    """The headline and its source: a confirmed <h1>, else the printed one, else the fullest title cleaned."""
    site = Site.of(site_name, page_url)
    by_text = {h1.text: h1 for h1 in h1s}
    first = [by_text.get(printed, PrintedTitle(printed))] if printed else []
    for h1 in dict.fromkeys(h for h in (*first, *h1s) if not site.named_by(h.text)):
        confirmed = next((part for title in titles if (part := confirmed_part(h1, title.text))), None)
        if confirmed:
            return site.strip_labels(confirmed), "dom"
    if printed and not site.named_by(printed):
        return site.strip_labels(printed), "dom"
    if not titles:
        return None, "dom"
    title = _fullest(titles)
    return clean_headline(title.text, [h.text for h in h1s], site_name, page_url), title.source


def confirmed_part(h1: PrintedTitle, title: str) -> str | None:
    """The part of an <h1> that a metadata title confirms, or None when the title tells another story.

    Confirmed: the same words; the title is the h1 plus a separated site name
    ("H1 | Site", "Site - H1"); a run of the h1 set apart by its elements is
    the title or its part before or after a separator (that run is returned,
    without the kicker or source link beside it); the title is the h1 cut
    short with an ellipsis.
    """
    h1_words, title_words = words(h1.text), words(title)
    if not h1_words or not title_words:
        return None
    if h1_words == title_words or _beside_separator(h1_words, title):
        return h1.text
    parts = {tuple(words(part)) for part in _separated_parts(title)}
    for run in h1.inner:
        if tuple(words(run)) in parts:
            return run
    if title.rstrip().endswith(TRUNCATED) and _cut_short(title_words, h1_words):
        return h1.text
    return None


def _separated_parts(title: str) -> list[str]:
    """The title, and each run of it before or after a separator ("Headline | Site" gives "Headline")."""
    parts = [title]
    for match in TITLE_SEPARATORS.finditer(title):
        parts += [title[: match.start()].strip(), title[match.end() :].strip()]
    return parts


def _beside_separator(h1_words: list[str], title: str) -> bool:
    """True when the title is the h1 and, across a separator, something else (a site or section name)."""
    return any(words(part) == h1_words for part in _separated_parts(title)[1:])


def _cut_short(short: list[str], full: list[str]) -> bool:
    """True when ``short`` is ``full`` cut off, maybe mid-word, after at least MIN_TITLE_WORDS words."""
    n = len(short)
    return MIN_TITLE_WORDS <= n < len(full) and full[: n - 1] == short[:-1] and full[n - 1].startswith(short[-1])


def _fullest(titles: list[Title]) -> Title:
    """The first title, or a later one that completes it when it was cut off (a 110-character JSON-LD headline)."""
    first = titles[0]
    if not _looks_cut_off(first.text):
        return first
    first_words = words(first.text)
    for title in titles[1:]:
        if _cut_short(first_words, words(title.text)) and not _beside_separator(first_words, title.text):
            return title
    return first


def _looks_cut_off(title: str) -> bool:
    """True for a title that ends in an ellipsis, leaves a bracket open or runs to a length limit."""
    stripped = title.rstrip()
    return stripped.endswith(TRUNCATED) or stripped.count("(") > stripped.count(")") or len(stripped) >= CUT_OFF_CHARS


# ---- site names and labels ----


@dataclass(frozen=True)
class Site:
    """The names a site goes by: its declared name and its host ("playfultones.com", "playfultones")."""

    names: frozenset[str]
    host: str

    @classmethod
    def of(cls, site_name: str | None, page_url: str | None) -> Site:
        host = ((urlsplit(page_url).hostname or "") if page_url else "").lower().removeprefix("www.")
        labels = [_compact(label) for label in host.split(".")]
        joined = [a + b for a, b in itertools.pairwise(labels)]  # "der-postillon" -> "derpostillon"
        names = {_compact(site_name), _compact(host), *labels[:-1], *joined}
        return cls(frozenset(name for name in names if len(name) >= MIN_SITE_NAME_CHARS), host)

    def named_by(self, text: str) -> bool:
        """True when the text is the site's name ("The Quiet Workshop" on quietworkshop.net), not a headline."""
        return _compact(text) in self.names or _compact(ARTICLE.sub("", text)) in self.names

    def strip_labels(self, headline: str) -> str:
        """The headline without section labels ("Opinion | ", " | Opinion") and site names around it."""
        headline = SECTION_LABEL_SUFFIX.sub("", SECTION_LABEL_PREFIX.sub("", headline))
        while (last := _last_separator(headline)) and self.named_by(headline[last.end() :]):
            headline = headline[: last.start()]
        while (first := TITLE_SEPARATORS.search(headline)) and self.named_by(headline[: first.start()]):
            headline = headline[first.end() :]
        head, _, rest = headline.partition(" ")
        if self.host and head.lower() == self.host and rest:  # "davidbau.com Vibe Coding"
            headline = rest
        return headline.strip()


def _compact(text: str | None) -> str:
    return NOT_ALNUM.sub("", fold(text))


def _last_separator(text: str) -> re.Match[str] | None:
    matches = list(TITLE_SEPARATORS.finditer(text))
    return matches[-1] if matches else None


def clean_headline(headline: str, h1_texts: list[str], site_name: str | None, page_url: str | None = None) -> str:
    """Drop a " | Site" suffix and an "Opinion |" kicker that the page's own <h1> does not print."""
    folded = fold(headline)
    for h1 in h1_texts:
        h1_folded = fold(h1)
        if (
            len(h1_folded) >= MIN_H1_IN_TITLE_CHARS
            and h1_folded in folded
            and len(h1_folded) >= len(folded) * MIN_H1_TITLE_SHARE
        ):
            return h1
    headline = _strip_site_suffix(Site.of(site_name, page_url).strip_labels(headline), site_name)
    return _strip_section_prefix(KICKER.sub("", headline).strip(), site_name)


def _strip_section_prefix(headline: str, site_name: str | None) -> str:
    """Drop a leading "Politics | " or "SiteName - " when a real headline follows it."""
    match = TITLE_SEPARATORS.search(headline)
    if not match:
        return headline
    head, rest = headline[: match.start()], headline[match.end() :]
    site = fold(site_name)
    names_site = bool(site) and (fold(head) in site or site in fold(head))
    section_label = match.group().strip() in ("|", "·", "•") and len(head.split()) <= 2
    if (names_site or section_label) and len(rest.split()) >= MIN_HEADLINE_AFTER_LABEL_WORDS:
        return rest.strip()
    return headline


def _strip_site_suffix(headline: str, site_name: str | None) -> str:
    last = _last_separator(headline)
    if last is None:
        return headline
    head, tail = headline[: last.start()], headline[last.end() :]
    site, tail_folded = fold(site_name), fold(tail)
    names_site = bool(site) and (tail_folded in site or site in tail_folded)
    if names_site or (len(tail.split()) <= MAX_SITE_SUFFIX_WORDS and len(head) >= MIN_HEADLINE_BEFORE_SUFFIX_CHARS):
        return head.strip()
    return headline

"""Page metadata in precedence order: JSON-LD, then OpenGraph / <meta>, then the DOM."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin

from htmldate import find_date
from selectolax.lexbor import LexborHTMLParser

from newsextract.extract import jsonld
from newsextract.extract.dates import parse_date
from newsextract.extract.text import fold, squash

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|•|::|»|/)\s+")
_KICKER = re.compile(r"^(?:opinion|analysis|editorial|commentary|review|exclusive|live|watch|video|"
                     r"meinung|kommentar|analyse|opinión|tribune|op-ed)\s*[|:]\s*", re.IGNORECASE)

# htmldate scans the whole text with many patterns; dates sit near the top,
# and a bound keeps a huge page from costing seconds.
_DATE_SEARCH_CHARS = 300_000

META_HEADLINE = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "title")
META_DESCRIPTION = ("description", "og:description", "twitter:description", "dc.description")
META_PUBLISHED = ("article:published_time", "og:published_time", "og:article:published_time",
                  "parsely-pub-date", "sailthru.date", "dc.date", "dc.date.issued", "dcterms.created",
                  "dcterms.date", "date", "pubdate", "publishdate", "publish-date", "publication_date",
                  "datepublished", "article.published", "cxenseparse:recs:publishtime", "rnews:datepublished")
META_MODIFIED = ("article:modified_time", "og:updated_time", "og:modified_time", "dcterms.modified",
                 "last-modified", "datemodified", "article.updated", "lastmod")
META_AUTHOR = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
               "byl", "twitter:creator", "og:article:author", "cxenseparse:author")
META_SITE = ("og:site_name", "application-name", "twitter:site", "publisher")
META_SECTION = ("article:section", "parsely-section", "section", "og:article:section")
META_TAGS = ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags")


@dataclass
class Metadata:
    """Collected metadata with the source ("json-ld", "meta", "dom") of each field."""

    headline: str | None = None
    description: str | None = None
    author_names: list[str] = field(default_factory=list)
    published: datetime | None = None
    modified: datetime | None = None
    language: str | None = None
    site_name: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    lead_image: str | None = None
    image_captions: dict[str, str] = field(default_factory=dict)
    article_body: str | None = None
    paywalled: bool = False
    published_seen: list[datetime] = field(default_factory=list)
    declares_article: bool = False
    provenance: dict[str, str] = field(default_factory=dict)

    def offer(self, name: str, value: Any, source: str) -> None:
        """Set a field unless a higher-precedence source already did."""
        if name == "published" and isinstance(value, datetime):
            self.published_seen.append(value)
        if value in (None, "", []) or getattr(self, name) not in (None, "", []):
            return
        if isinstance(value, str):  # CMSes often escape entities twice in metadata
            value = squash(html.unescape(value))
        elif isinstance(value, list):
            value = [squash(html.unescape(v)) if isinstance(v, str) else v for v in value]
        setattr(self, name, value)
        self.provenance[name] = source


def _meta_values(tree: LexborHTMLParser) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), []).append(squash(content))
    return values


def _first(values: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if values.get(key):
            return values[key][0]
    return None


def _from_jsonld(meta: Metadata, tree: LexborHTMLParser, base_url: str | None) -> None:
    article, page, every = jsonld.find_objects(tree)
    meta.declares_article = article is not None
    source = "json-ld"
    for node in (article, page):
        if node is None:
            continue
        if node is article:
            meta.offer("headline", squash(jsonld.as_text(node.get("headline") or node.get("name"))), source)
            meta.offer("description", squash(jsonld.as_text(node.get("description"))), source)
            meta.offer("author_names", jsonld.person_names(node.get("author") or node.get("creator"), every),
                       source)
            meta.offer("section", jsonld.as_text(node.get("articleSection")), source)
            meta.offer("article_body", jsonld.as_text(node.get("articleBody")), source)
            meta.paywalled = str(node.get("isAccessibleForFree", "")).lower() == "false"
            meta.image_captions = jsonld.image_captions(node.get("image"), every)
            keywords = node.get("keywords")
            if isinstance(keywords, str):
                keywords = keywords.split(",")
            if isinstance(keywords, list):
                meta.offer("tags", [squash(k) for k in keywords if isinstance(k, str) and squash(k)], source)
        meta.offer("published", parse_date(jsonld.as_text(node.get("datePublished") or node.get("dateCreated"))),
                   source)
        meta.offer("modified", parse_date(jsonld.as_text(node.get("dateModified"))), source)
        meta.offer("language", jsonld.as_text(node.get("inLanguage")), source)
        url = jsonld.as_text(node.get("mainEntityOfPage") or node.get("url"))
        if url and url.startswith(("http", "/")):
            meta.offer("canonical_url", urljoin(base_url or "", url), source)
        publisher = jsonld.resolve(node.get("publisher"), every)
        meta.offer("site_name", jsonld.as_text(publisher), source)


def _from_meta(meta: Metadata, tree: LexborHTMLParser, base_url: str | None) -> None:
    values = _meta_values(tree)
    meta.declares_article = meta.declares_article or _first(values, ("og:type",)) == "article"
    source = "meta"
    meta.offer("headline", _first(values, META_HEADLINE), source)
    meta.offer("description", _first(values, META_DESCRIPTION), source)
    authors = [a for key in META_AUTHOR for a in values.get(key, ()) if not a.startswith(("http", "@", "/"))]
    meta.offer("author_names", authors[:1] if authors else [], source)
    for key in META_PUBLISHED:
        for value in values.get(key, ()):
            meta.offer("published", parse_date(value), source)
    meta.offer("modified", parse_date(_first(values, META_MODIFIED)), source)
    meta.offer("site_name", _first(values, META_SITE), source)
    meta.offer("section", _first(values, META_SECTION), source)
    tags = [t for key in META_TAGS for v in values.get(key, ()) for t in re.split(r"\s*[,;]\s*", v)]
    meta.offer("tags", list(dict.fromkeys(t for t in tags if t)), source)
    locale = _first(values, ("og:locale", "content-language", "language", "dc.language"))
    meta.offer("language", locale.replace("_", "-") if locale else None, source)
    image = _first(values, ("og:image", "og:image:url", "twitter:image", "twitter:image:src"))
    meta.offer("lead_image", urljoin(base_url or "", image) if image else None, source)
    url = _first(values, ("og:url",))
    link = tree.css_first('link[rel="canonical"]')
    href = link.attributes.get("href") if link else None
    meta.offer("canonical_url", urljoin(base_url or "", href or url or "") or None, source)


def _from_dom(meta: Metadata, tree: LexborHTMLParser) -> None:
    source = "dom"
    title = tree.css_first("title")
    meta.offer("headline", squash(title.text(deep=True)) if title else None, source)
    html = tree.css_first("html")
    meta.offer("language", (html.attributes.get("lang") or "").strip() or None if html else None, source)
    for node in tree.css("time[datetime], [itemprop=datePublished]"):
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        meta.offer("published", parse_date(value), source)


def read_metadata(tree: LexborHTMLParser, base_url: str | None, printed_headline: str | None) -> Metadata:
    """Collect the page's metadata, JSON-LD first, then <meta>, then the DOM.

    The headline is the exception: the one the page prints in its article
    <h1> wins, since metadata titles are often SEO variants or truncated.
    """
    meta = Metadata()
    if printed_headline:
        meta.offer("headline", printed_headline, "dom")
    _from_jsonld(meta, tree, base_url)
    _from_meta(meta, tree, base_url)
    _from_dom(meta, tree)
    if meta.language:
        meta.language = meta.language.split(",")[0].strip()
    if meta.headline and meta.provenance.get("headline") != "dom":
        meta.headline = clean_headline(meta.headline, [squash(h.text(deep=True)) for h in tree.css("h1")],
                                       meta.site_name)
    if meta.published is None:
        meta.offer("published", parse_date(guess_date(tree)), "dom")
    elif meta.published_seen:
        meta.published = local_rendering(meta.published, meta.published_seen)
    return meta


_MAX_SAME_INSTANT = timedelta(minutes=2)
_MAX_OFFSET = timedelta(hours=14)


def local_rendering(chosen: datetime, seen: list[datetime]) -> datetime:
    """The same instant in the site's own time zone, when the page also prints it that way.

    Metadata often gives UTC ("…Z") while another tag gives local time, with
    an offset or naive; the local one says on which day the site published.
    """
    if chosen.tzinfo is None or chosen.utcoffset() != timedelta(0):
        return chosen
    for other in seen:
        offset = other.utcoffset() if other.tzinfo else None
        if offset and abs(other - chosen) <= _MAX_SAME_INSTANT:
            return other
    utc_wall = chosen.replace(tzinfo=None)
    for other in seen:
        if other.tzinfo is not None or (other.minute, other.second) != (chosen.minute, chosen.second):
            continue
        delta = other - utc_wall
        if timedelta(0) < abs(delta) <= _MAX_OFFSET and delta.total_seconds() % 900 == 0:
            return other.replace(tzinfo=timezone(delta))
    return chosen


def guess_date(tree: LexborHTMLParser) -> str | None:
    """Publication date from the page's visible text and URL patterns, by htmldate."""
    try:
        return find_date((tree.html or "")[:_DATE_SEARCH_CHARS], original_date=True, extensive_search=True,
                         outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None


def clean_headline(headline: str, h1_texts: list[str], site_name: str | None) -> str:
    """Drop a " | Site" suffix and an "Opinion |" kicker that the page's own <h1> does not print."""
    folded = fold(headline)
    for h1 in h1_texts:
        h1_folded = fold(h1)
        if len(h1_folded) >= 12 and h1_folded in folded and len(h1_folded) >= len(folded) * 0.4:
            return h1
    headline = _strip_site_suffix(headline, site_name)
    return _strip_section_prefix(_KICKER.sub("", headline).strip(), site_name)


def _strip_section_prefix(headline: str, site_name: str | None) -> str:
    """Drop a leading "Politics | " or "SiteName - " when a real headline follows it."""
    match = _TITLE_SEPARATORS.search(headline)
    if not match:
        return headline
    head, rest = headline[: match.start()], headline[match.end():]
    site = fold(site_name)
    names_site = bool(site) and (fold(head) in site or site in fold(head))
    section_label = match.group().strip() in ("|", "·", "•") and len(head.split()) <= 2
    if (names_site or section_label) and len(rest.split()) >= 4:
        return rest.strip()
    return headline


def _strip_site_suffix(headline: str, site_name: str | None) -> str:
    matches = list(_TITLE_SEPARATORS.finditer(headline))
    if not matches:
        return headline
    head, tail = headline[: matches[-1].start()], headline[matches[-1].end():]
    site, tail_folded = fold(site_name), fold(tail)
    names_site = bool(site) and (tail_folded in site or site in tail_folded)
    if names_site or (len(tail.split()) <= 4 and len(head) >= 20):
        return head.strip()
    return headline

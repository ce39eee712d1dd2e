"""Page metadata in precedence order: JSON-LD, then OpenGraph / <meta>, then the DOM."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dates, jsonld
from newsextract.extract.dates import parse_date, url_date
from newsextract.extract.headline import PrintedTitle, Title, choose_headline, page_h1s
from newsextract.extract.headline import clean_headline as clean_headline  # its old home: keep the import working
from newsextract.extract.tags import from_keywords, keep_tags
from newsextract.extract.text import squash
from newsextract.extract.timestamps import DateText
from newsextract.extract.vocabulary.metadata import (
    META_AUTHOR,
    META_DESCRIPTION,
    META_HEADLINE,
    META_MODIFIED,
    META_PUBLISHED,
    META_SECTION,
    META_SITE,
    META_TAGS,
)
from newsextract.extract.vocabulary.thresholds import MAX_OFFSET, MAX_SAME_INSTANT, URL_DAY_SLACK


@dataclass
class Metadata:
    """Collected metadata with the source ("json-ld", "meta", "dom") of each field."""

    headline: str | None = None
    description: str | None = None
    author_names: list[str] = field(default_factory=list)
    # Publisher and site names, and authors typed as organisations: people only on personal sites.
    outlet_names: list[str] = field(default_factory=list)
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
    titles_seen: list[Title] = field(default_factory=list)  # every headline offered, in precedence order
    declares_article: bool = False
    provenance: dict[str, str] = field(default_factory=dict)
    date_texts: list[DateText] = field(default_factory=list)  # every date string read, for the record's *_raw

    def offer_date(self, name: str, text: str | None, source: str) -> None:
        """Offer a date the page writes as ``text``, keeping the string it was read from."""
        value = parse_date(text)
        if value is not None and text is not None:
            self.date_texts.append(DateText(text.strip(), value, source))
        self.offer(name, value, source)

    def offer(self, name: str, value: Any, source: str) -> None:
        """Set a field unless a higher-precedence source already did."""
        if name == "published" and isinstance(value, datetime):
            self.published_seen.append(value)
        if name == "headline" and isinstance(value, str) and squash(value):
            self.titles_seen.append(Title(squash(_unescape(value)), source))
        if value in (None, "", []) or getattr(self, name) not in (None, "", []):
            return
        if isinstance(value, str):  # CMSes often escape entities twice in metadata
            value = squash(_unescape(value))
        elif isinstance(value, list):
            value = [squash(html.unescape(v)) if isinstance(v, str) else v for v in value]
        setattr(self, name, value)
        self.provenance[name] = source


def _unescape(text: str) -> str:
    """Entities decoded, twice when the CMS escaped them twice ("&amp;#8230;")."""
    once = html.unescape(text)
    return html.unescape(once) if once != text and "&" in once else once


_LD_JSON = 'script[type="application/ld+json"]'
# _Marked.of tells a <meta> or <script> from its number of matches: it can match at most one of these.
_DATED = "time[datetime], [itemprop=datePublished]"


@dataclass(frozen=True)
class _Marked:
    """The page's <meta> tags, JSON-LD scripts and dated elements, in page order: one walk of the page
    for the three (each whole-page css() call is a walk)."""

    metas: list[LexborNode]
    scripts: list[LexborNode]
    dated: list[LexborNode]

    @classmethod
    def of(cls, tree: LexborHTMLParser) -> _Marked:
        metas: list[LexborNode] = []
        scripts: list[LexborNode] = []
        dated: list[LexborNode] = []
        # Lexbor lists a node once for each selector of the list it matches: a <meta> listed twice also
        # matches [itemprop=datePublished] (a selector test of its own is a selector compiled each time).
        found = tree.css(f"meta, {_LD_JSON}, {_DATED}")
        matched = Counter(node.mem_id for node in found)
        for node in found:
            times = matched.pop(node.mem_id, 0)
            if not times:
                continue  # listed before
            if node.tag == "meta":
                metas.append(node)
                if times > 1:
                    dated.append(node)
            elif node.tag == "script":
                # One match is either selector; a <script> holds no elements, so css_matches (true when the
                # node or a descendant matches) tests the node itself, with Lexbor's own rules.
                is_ld = times > 1 or node.css_matches(_LD_JSON)
                if is_ld:
                    scripts.append(node)
                if times > 1 or not is_ld:
                    dated.append(node)
            else:
                dated.append(node)
        return cls(metas, scripts, dated)


def _meta_values(metas: list[LexborNode]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for node in metas:
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


def _from_jsonld(meta: Metadata, scripts: list[LexborNode], base_url: str | None) -> None:
    article, page, every = jsonld.find_objects(scripts)
    meta.declares_article = article is not None
    source = "json-ld"
    for node in (article, page):
        if node is None:
            continue
        if node is article:
            meta.offer("headline", squash(jsonld.as_text(node.get("headline") or node.get("name"))), source)
            meta.offer("description", squash(jsonld.as_text(node.get("description"))), source)
            meta.offer("author_names", jsonld.person_names(node.get("author") or node.get("creator"), every), source)
            meta.outlet_names += jsonld.organisation_names(node.get("author"), every)
            meta.outlet_names += jsonld.organisation_names(node.get("publisher"), every, any_type=True)
            meta.offer("section", jsonld.as_text(node.get("articleSection")), source)
            meta.offer("article_body", jsonld.as_text(node.get("articleBody")), source)
            meta.paywalled = str(node.get("isAccessibleForFree", "")).lower() == "false"
            meta.image_captions = jsonld.image_captions(node.get("image"), every)
            meta.offer("tags", from_keywords(node.get("keywords")), source)
        meta.offer_date("published", jsonld.as_text(node.get("datePublished") or node.get("dateCreated")), source)
        meta.offer_date("modified", jsonld.as_text(node.get("dateModified")), source)
        meta.offer("language", jsonld.as_text(node.get("inLanguage")), source)
        url = jsonld.as_text(node.get("mainEntityOfPage") or node.get("url"))
        if url and url.startswith(("http", "/")):
            meta.offer("canonical_url", urljoin(base_url or "", url), source)
        publisher = jsonld.resolve(node.get("publisher"), every)
        meta.offer("site_name", jsonld.as_text(publisher), source)


def _from_meta(meta: Metadata, tree: LexborHTMLParser, metas: list[LexborNode], base_url: str | None) -> None:
    values = _meta_values(metas)
    meta.declares_article = meta.declares_article or _first(values, ("og:type",)) == "article"
    source = "meta"
    meta.offer("headline", _first(values, META_HEADLINE), source)
    meta.offer("description", _first(values, META_DESCRIPTION), source)
    authors = [a for key in META_AUTHOR for a in values.get(key, ()) if not a.startswith(("http", "@", "/"))]
    meta.offer("author_names", authors[:1] if authors else [], source)
    meta.outlet_names += [name for key in META_SITE for name in values.get(key, ())]
    for key in META_PUBLISHED:
        for value in values.get(key, ()):
            meta.offer_date("published", value, source)
    meta.offer_date("modified", _first(values, META_MODIFIED), source)
    meta.offer("site_name", _first(values, META_SITE), source)
    meta.offer("section", _first(values, META_SECTION), source)
    meta.offer(
        "tags", keep_tags(t for key in META_TAGS for v in values.get(key, ()) for t in re.split(r"[,;]", v)), source
    )
    locale = _first(values, ("og:locale", "content-language", "language", "dc.language"))
    meta.offer("language", locale.replace("_", "-") if locale else None, source)
    image = _first(values, ("og:image", "og:image:url", "twitter:image", "twitter:image:src"))
    meta.offer("lead_image", urljoin(base_url or "", image) if image else None, source)
    url = _first(values, ("og:url",))
    link = tree.css_first('link[rel="canonical"]')
    href = link.attributes.get("href") if link else None
    # Only an address the page names: the one it was read from is not the page's word (see _assemble).
    meta.offer("canonical_url", urljoin(base_url or "", href or url) if href or url else None, source)


def _from_dom(meta: Metadata, tree: LexborHTMLParser, dated: list[LexborNode]) -> None:
    source = "dom"
    title = tree.css_first("title")
    meta.offer("headline", squash(title.text(deep=True)) if title else None, source)
    html = tree.css_first("html")
    meta.offer("language", (html.attributes.get("lang") or "").strip() or None if html else None, source)
    for node in dated:
        if dates.dates_something_else(node):
            continue
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        meta.offer_date("published", value, source)


def read_metadata(
    tree: LexborHTMLParser,
    base_url: str | None,
    printed_headline: str | None,
    h1s: list[PrintedTitle] | None = None,
) -> Metadata:
    """Collect the page's metadata, JSON-LD first, then <meta>, then the DOM.

    The headline is the exception: the one the page prints in its <h1> wins
    (see headline.choose_headline), since metadata titles are often SEO
    variants or truncated. ``h1s``: the page's visible <h1>s, when already read.
    """
    meta = Metadata()
    marked = _Marked.of(tree)
    _from_jsonld(meta, marked.scripts, base_url)
    _from_meta(meta, tree, marked.metas, base_url)
    _from_dom(meta, tree, marked.dated)
    if meta.language:
        meta.language = meta.language.split(",")[0].strip()
    _settle_headline(meta, page_h1s(tree) if h1s is None else h1s, printed_headline, base_url)
    _settle_published(meta, tree, base_url)
    return meta


def _settle_headline(meta: Metadata, h1s: list[PrintedTitle], printed: str | None, page_url: str | None) -> None:
    headline, source = choose_headline(printed, h1s, meta.titles_seen, meta.site_name, page_url)
    meta.headline = headline
    if headline:
        meta.provenance["headline"] = source


def _settle_published(meta: Metadata, tree: LexborHTMLParser, page_url: str | None) -> None:
    """Check the published date against the day the URL names; guess one when metadata gives none.

    A URL's date is fixed when the story is filed, so a "published" date days
    away from it (a re-stamp, a caption's or a related story's date) loses to it.
    """
    in_url = url_date(page_url)
    if meta.published is None:
        if in_url is not None:
            meta.offer("published", _url_day(meta, in_url, page_url), "url")
        else:
            meta.offer_date("published", dates.guess_date(tree, page_url), "dom")
        return
    if in_url is not None and abs(meta.published.date() - in_url) > URL_DAY_SLACK:
        meta.published = _url_day(meta, in_url, page_url)
        meta.provenance["published"] = "url"
    elif meta.published_seen:
        meta.published = local_rendering(meta.published, meta.published_seen)


def _url_day(meta: Metadata, day: date, page_url: str | None) -> datetime:
    """The URL's day as a (naive) date, its part of the path kept as the date's string."""
    value = datetime(day.year, day.month, day.day)
    meta.date_texts.append(DateText(dates.url_date_text(page_url) or day.isoformat(), value, "url"))
    return value


def local_rendering(chosen: datetime, seen: list[datetime]) -> datetime:
    """The same instant in the site's own time zone, when the page also prints it that way.

    Metadata often gives UTC ("…Z") while another tag gives local time, with
    an offset or naive; the local one says on which day the site published.
    """
    if chosen.tzinfo is None or chosen.utcoffset() != timedelta(0):
        return chosen
    for other in seen:
        offset = other.utcoffset() if other.tzinfo else None
        if offset and abs(other - chosen) <= MAX_SAME_INSTANT:
            return other
    utc_wall = chosen.replace(tzinfo=None)
    for other in seen:
        if other.tzinfo is not None or (other.minute, other.second) != (chosen.minute, chosen.second):
            continue
        delta = other - utc_wall
        if timedelta(0) < abs(delta) <= MAX_OFFSET and delta.total_seconds() % 900 == 0:
            return other.replace(tzinfo=timezone(delta))
    return chosen

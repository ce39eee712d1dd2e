"""Dates: strings to timezone-aware-where-given datetimes (ISO 8601 first, then dateutil), the day a URL
names, and which dates on a page are the story's (not an update's, a photo's or a comment's)."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from dateutil import parser as dateutil_parser
from dateutil.parser import UnknownTimezoneWarning
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import date_guess, dom
from newsextract.extract.text import squash
from newsextract.extract.vocabulary.dates import (
    COMMENT_ZONE,
    EPOCH,
    ISO_LIKE,
    NOT_THE_STORY,
    TIME_ZONE_OFFSETS,
    UPDATE_LABEL,
    URL_DAY,
)
from newsextract.extract.vocabulary.thresholds import (
    DATE_LEAD_CHARS,
    DATE_SEARCH_CHARS,
    EARLIEST_YEAR,
    MAX_DATE_TEXT_CHARS,
)


def parse_date(value: str | None) -> datetime | None:
    """Parse a date as pages write it in metadata; None when it is not a plausible date."""
    if not value:
        return None
    value = value.strip()
    parsed = _parse(value)
    if parsed is None or not (EARLIEST_YEAR <= parsed.year <= datetime.now().year + 1):
        return None
    return parsed


def _parse(value: str) -> datetime | None:
    if EPOCH.match(value):
        seconds = int(value[:10])
        return datetime.fromtimestamp(seconds, tz=UTC)
    if ISO_LIKE.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            pass
    try:
        with warnings.catch_warnings():  # unknown zone names ("PST") parse as naive times
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            parsed: datetime = dateutil_parser.parse(value[:MAX_DATE_TEXT_CHARS], fuzzy=True, tzinfos=TIME_ZONE_OFFSETS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed


def url_date(url: str | None) -> date | None:
    """The day a page's URL path names ("/2019/11/19/slug"), else None."""
    if not url:
        return None
    match = URL_DAY.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"] or match["m2"]), int(match["d"] or match["d2"]))
    except ValueError:
        return None
    return day if EARLIEST_YEAR <= day.year <= datetime.now().year + 1 else None


def url_date_text(url: str | None) -> str | None:
    """The part of the URL's path that names its day ("2019/11/19"), as url_date() reads it."""
    match = URL_DAY.search(urlsplit(url).path) if url else None
    return match.group(0).strip("/") if match else None


def dates_something_else(node: LexborNode) -> bool:
    """True for a <time> that dates an update, a photo or a comment rather than the story."""
    return _labelled_update(node) or _inside_photo_or_comment(node)


def _labelled_update(node: LexborNode) -> bool:
    parent = node.parent
    labels = " ".join(
        f"{n.attributes.get('class') or ''} {n.attributes.get('itemprop') or ''}"
        for n in (node, parent)
        if n is not None
    )
    if "publish" in labels.lower():  # WordPress marks a never-updated post "published updated"
        return False
    if UPDATE_LABEL.search(labels):
        return True
    return parent is not None and bool(UPDATE_LABEL.match(dom.text_of(parent)))  # "Updated <time>"


def _inside_photo_or_comment(node: LexborNode) -> bool:
    for parent in dom.ancestors(node):
        if parent.tag in ("figure", "figcaption") or (parent.attributes.get("itemtype") or "").endswith("/Comment"):
            return True
        names = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}"
        if parent.tag != "body" and COMMENT_ZONE.search(names):
            return True
    return False


def guess_date(tree: LexborHTMLParser, page_url: str | None = None) -> str | None:
    """Publication date from the page's markup and text, by htmldate, with the URL as evidence.

    Captions, figures and comments are left out of the search: their dates
    ("This March 28, 2017, file photo") are not the story's. htmldate's last resort,
    a pattern search, reads the top of the page's text only (see date_guess).
    """
    html, lead_text = _date_search_page(tree)
    try:
        return date_guess.find_date(html, page_url, lead_text)
    except (ValueError, TypeError):
        return None


def _date_search_page(tree: LexborHTMLParser) -> tuple[str, str]:
    """The page without code and without caption, figure and comment zones, cut to DATE_SEARCH_CHARS,
    and its text's first DATE_LEAD_CHARS."""
    copy = tree.clone()
    for node in copy.css(NOT_THE_STORY):
        node.decompose()
    text = copy.body.text(separator=" ") if copy.body is not None else ""
    return (copy.html or "")[:DATE_SEARCH_CHARS], _squashed_lead(text, DATE_LEAD_CHARS)


def _squashed_lead(text: str, size: int) -> str:
    """squash(text)[:size], squashing only as much of a long text as it takes: the squashed
    text of any prefix is a prefix of the squashed whole."""
    taken = 2 * size
    while taken < len(text):
        lead = squash(text[:taken])
        if len(lead) >= size:
            return lead[:size]
        taken *= 4
    return squash(text)[:size]

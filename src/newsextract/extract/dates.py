"""Dates: strings to timezone-aware-where-given datetimes (ISO 8601 first, then dateutil), the day a URL
names, and which dates on a page are the story's (not an update's, a photo's or a comment's)."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from dateutil import parser as dateutil_parser
from dateutil.parser import UnknownTimezoneWarning
from htmldate import find_date
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import dom
from newsextract.extract.selectors import STRAY_CAPTION_SELECTORS

_EARLIEST_YEAR = 1990
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HOUR = 3600
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR,
    "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR,
    "PDT": -7 * _HOUR,
    "BST": _HOUR,
    "CET": _HOUR,
    "CEST": 2 * _HOUR,
    "IST": 5 * _HOUR + 1800,
    "JST": 9 * _HOUR,
    "AEST": 10 * _HOUR,
    "AEDT": 11 * _HOUR,
}
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# htmldate scans the whole text with many patterns; dates sit near the top,
# and a bound keeps a huge page from costing seconds.
_DATE_SEARCH_CHARS = 300_000
# Zones whose dates are a photo's, a reader's or another story's, and code (inline scripts and
# styles can fill the first _DATE_SEARCH_CHARS of a page; JSON-LD stays).
_NOT_THE_STORY = ", ".join(
    (
        "script:not([type='application/ld+json'])",
        "style",
        "svg",
        "template",
        "figure",
        "figcaption",
        *STRAY_CAPTION_SELECTORS,
        "#comments",
        ".comments",
        ".comment",
        "[id^=comment-]",
        ".comment-list",
        "#disqus_thread",
    )
)
_UPDATE_LABEL = re.compile(r"\s*(?:last\s+)?(?:modif|updat|edited|aktualisiert|mis\s+à\s+jour|actualiz)", re.IGNORECASE)
# Class or id words of a comment thread ("comments-open" on <body> is not one).
_COMMENT_ZONE = re.compile(
    r"(?:^|\s)(?:comments?|commentlist|comment-(?:list|body|content|\d+)|disqus\w*)(?=\s|$)", re.IGNORECASE
)
# A whole day in the URL path: "/2019/11/19/", "/2019-11-19/" or "/20191119/". A slug that
# only starts with digits ("/2023/12/16-new-officers") names no day.
_URL_DAY = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?:/(?P<m>\d\d?)/(?P<d>\d\d?)|(?P<sep>-?)(?P<m2>\d\d)(?P=sep)(?P<d2>\d\d))"
    r"(?=/|$|\.html?$)"
)


def parse_date(value: str | None) -> datetime | None:
    """Parse a date as pages write it in metadata; None when it is not a plausible date."""
    if not value:
        return None
    value = value.strip()
    parsed = _parse(value)
    if parsed is None or not (_EARLIEST_YEAR <= parsed.year <= datetime.now().year + 1):
        return None
    return parsed


def _parse(value: str) -> datetime | None:
    if _EPOCH.match(value):
        seconds = int(value[:10])
        return datetime.fromtimestamp(seconds, tz=UTC)
    if _ISO_LIKE.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            pass
    try:
        with warnings.catch_warnings():  # unknown zone names ("PST") parse as naive times
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            parsed: datetime = dateutil_parser.parse(value[:80], fuzzy=True, tzinfos=_ZONES)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed


def url_date(url: str | None) -> date | None:
    """The day a page's URL path names ("/2019/11/19/slug"), else None."""
    if not url:
        return None
    match = _URL_DAY.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"] or match["m2"]), int(match["d"] or match["d2"]))
    except ValueError:
        return None
    return day if _EARLIEST_YEAR <= day.year <= datetime.now().year + 1 else None


def url_date_text(url: str | None) -> str | None:
    """The part of the URL's path that names its day ("2019/11/19"), as url_date() reads it."""
    match = _URL_DAY.search(urlsplit(url).path) if url else None
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
    if _UPDATE_LABEL.search(labels):
        return True
    return parent is not None and bool(_UPDATE_LABEL.match(dom.text_of(parent)))  # "Updated <time>"


def _inside_photo_or_comment(node: LexborNode) -> bool:
    for parent in dom.ancestors(node):
        if parent.tag in ("figure", "figcaption") or (parent.attributes.get("itemtype") or "").endswith("/Comment"):
            return True
        names = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}"
        if parent.tag != "body" and _COMMENT_ZONE.search(names):
            return True
    return False


def guess_date(tree: LexborHTMLParser, page_url: str | None = None) -> str | None:
    """Publication date from the page's markup and text, by htmldate, with the URL as evidence.

    Captions, figures and comments are left out of the search: their dates
    ("This March 28, 2017, file photo") are not the story's.
    """
    try:
        return find_date(
            _date_search_html(tree), original_date=True, extensive_search=True, url=page_url, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError):
        return None


def _date_search_html(tree: LexborHTMLParser) -> str:
    """The page without code and without caption, figure and comment zones, cut to _DATE_SEARCH_CHARS."""
    copy = tree.clone()
    for node in copy.css(_NOT_THE_STORY):
        node.decompose()
    return (copy.html or "")[:_DATE_SEARCH_CHARS]

"""Dates: time-zone abbreviations, month names, update labels, a day in a URL, and the zones
(comments, captions, code) whose dates are not the story's."""

from __future__ import annotations

import re

from newsextract.extract.vocabulary.captions import STRAY_CAPTION_SELECTORS

# dates.py: parsing and guessing dates
ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
HOUR = 3600
TIME_ZONE_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5 * HOUR,
    "EDT": -4 * HOUR,
    "CST": -6 * HOUR,
    "CDT": -5 * HOUR,
    "MST": -7 * HOUR,
    "MDT": -6 * HOUR,
    "PST": -8 * HOUR,
    "PDT": -7 * HOUR,
    "BST": HOUR,
    "CET": HOUR,
    "CEST": 2 * HOUR,
    "IST": 5 * HOUR + 1800,
    "JST": 9 * HOUR,
    "AEST": 10 * HOUR,
    "AEDT": 11 * HOUR,
}
EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")

# Zones whose dates are a photo's, a reader's or another story's, and code (inline scripts and
# styles can fill the first DATE_SEARCH_CHARS of a page; JSON-LD stays).
NOT_THE_STORY = ", ".join(
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
UPDATE_LABEL = re.compile(r"\s*(?:last\s+)?(?:modif|updat|edited|aktualisiert|mis\s+à\s+jour|actualiz)", re.IGNORECASE)

# Class or id words of a comment thread ("comments-open" on <body> is not one).
COMMENT_ZONE = re.compile(
    r"(?:^|\s)(?:comments?|commentlist|comment-(?:list|body|content|\d+)|disqus\w*)(?=\s|$)", re.IGNORECASE
)

# A whole day in the URL path: "/2019/11/19/", "/2019-11-19/" or "/20191119/". A slug that
# only starts with digits ("/2023/12/16-new-officers") names no day.
URL_DAY = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?:/(?P<m>\d\d?)/(?P<d>\d\d?)|(?P<sep>-?)(?P<m2>\d\d)(?P=sep)(?P<d2>\d\d))"
    r"(?=/|$|\.html?$)"
)


# text.py: counting words
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {name: str(i) for i, m in enumerate(MONTH_NAMES, start=1) for name in (m, m[:3])} | {"sept": "9"}


# timestamps.py: reading printed times
SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}")
MINUTES = re.compile(r"\d{1,2}:\d{2}|\d\s*[ap]\.?m\b|T\d{2}", re.IGNORECASE)

"""Images: picture elements and containers, lazy-loading attributes, placeholder and chrome addresses,
and the class words of author portraits and ad zones."""

from __future__ import annotations

import re

IMAGE_CONTAINERS = (
    "figure",
    ".wp-caption",
    "[itemprop=image]",
    ".image",
    ".article-image",
    ".inline-image",
    ".photo",
    ".media-image",
    ".media",
)

# Elements that stand for one picture: <img>, AMP's <amp-img>, a <picture> whose <img> is added by script,
# and the lazy-loading placeholders that carry the address in an attribute.
IMAGE_ELEMENTS = "img, amp-img, picture, [data-img-url], [data-bg], [data-background-image]"

LAZY_SRC_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-original-src",
    "data-img-url",
    "data-url",
    "data-lazy",
    "data-hi-res-src",
    "data-full-src",
    "data-full-url",
    "data-orig-file",
    "data-large-file",
    "data-src-large",
    "data-image",
    "data-img",
    "data-echo",
    "data-pagespeed-lazy-src",
    "data-actualsrc",
    "data-defer-src",
    "data-delayed-url",
    "data-bg",
    "data-background-image",
    "src",
)
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "data-original-set", "srcset")

# Stand-in pictures shown until the real one loads: never the address of the image.
IMAGE_PLACEHOLDER = re.compile(
    r"(?:^data:|^about:|^#|^javascript:|blank\.(?:gif|png)|spacer\.|placeholder|lazy[-_]?load|loading\.(?:gif|svg)|"
    r"transparent\.(?:gif|png)|1x1\.|grey\.gif|pixel\.gif)",
    re.IGNORECASE,
)

# Class / id words of the blocks that hold an author's portrait, not an article picture.
AUTHOR_BLOCK = re.compile(
    r"author|byline|avatar|profile|contributor|writer|headshot|mugshot|(?:^|[\s_-])bio(?:$|[\s_-])", re.IGNORECASE
)

# Boilerplate class words that mark advertising: such a zone holds no article picture even when it has no text.
AD_ZONE = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|adslot|ad-slot|advert|advertisement|advertising|sponsored|dfp|gpt|"
    r"outbrain|taboola|banner|promo|promotion)(?:$|[\s_-])",
    re.IGNORECASE,
)

# Images that are chrome, not content.
IMAGE_URL_NOISE = re.compile(
    r"(?:^data:|pixel|spacer|blank\.gif|1x1|tracking|/logo|logo[._-]|avatar|gravatar|icon|sprite|"
    r"placeholder|lazy[-_]?load|loading\.gif|transparent\.(?:gif|png)|/ads?/|doubleclick|\.svg(?:$|\?))",
    re.IGNORECASE,
)
# Lower-cased substrings that every match of IMAGE_URL_NOISE holds one of: keep one for each of its
# alternatives. Most addresses hold none, and a few substring tests are much cheaper than the expression.
IMAGE_URL_NOISE_HINTS = (
    "data:",
    "pixel",
    "spacer",
    "blank.gif",
    "1x1",
    "tracking",
    "logo",
    "avatar",
    "icon",
    "sprite",
    "placeholder",
    "lazy",
    "loading.gif",
    "transparent.",
    "/ad",
    "doubleclick",
    ".svg",
)


# image_evidence.py: telling article pictures from teasers, ads and portraits
FILE_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|svg|heic)$", re.IGNORECASE)


# image_region.py: the article's region on the page
PAGE_TAGS = ("body", "html", "#document", "-undef")


# image_sources.py: a picture's real address
PICTURE_TAGS = ("img", "amp-img")

# Substrings every placeholder address holds one of: the regular expression runs only where one is found.
PLACEHOLDER_HINTS = (
    "data:",
    "about:",
    "#",
    "javascript:",
    "blank",
    "spacer",
    "placeholder",
    "lazy",
    "loading",
    "transparent",
    "1x1",
    "grey",
    "pixel",
)

OTHER_SRCSET = re.compile(r"^data-[\w-]*srcset$")
OTHER_SRC = re.compile(r"^data-[\w-]*(?:src|url)$")


# images.py: collecting the article's pictures
# Size and variant suffixes of one picture's renditions: "-1200", "-1024x683", "@2x", "-scaled".
RENDITION_SUFFIX = re.compile(
    r"(?:[-_@.](?:\d{2,4}x\d{2,4}|\d{3,4}w?|[1-4]x|scaled|large|medium|small|thumb))+$", re.IGNORECASE
)

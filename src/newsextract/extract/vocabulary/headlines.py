"""Headlines: the separators and section labels trimmed off a <title>, and the zones whose <h1> is
navigation, not the headline."""

from __future__ import annotations

import re

# headline.py: choosing the headline
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|•|::|»|/)\s+")
SECTION_LABELS = (
    r"(?:opinion|analysis|editorial|commentary|review|exclusive|live|watch|video|meinung|kommentar|"
    r"analyse|opinión|tribune|op-ed)"
)
KICKER = re.compile(rf"^{SECTION_LABELS}\s*[|:]\s*", re.IGNORECASE)

# In a printed <h1> only a label set off by a bar is one ("Review: …" can be the headline's own words).
SECTION_LABEL_PREFIX = re.compile(rf"^{SECTION_LABELS}\s*\|\s*", re.IGNORECASE)
SECTION_LABEL_SUFFIX = re.compile(rf"\s+\|\s*{SECTION_LABELS}$", re.IGNORECASE)
LABEL_PUNCTUATION = " :|-–—·•/"
TRUNCATED = ("…", "...")

NOT_ALNUM = re.compile(r"[\W_]+")

# Domain names drop a site name's article: "The Quiet Workshop" is quietworkshop.net.
ARTICLE = re.compile(r"^(?:the|a|le|la|les|el|los|las|il|lo|der|die|das|de|het|een)\s+", re.IGNORECASE)

# UTF-8 bytes that a CMS stored decoded as Windows-1252 or Latin-1: "â€™" or "â\x80\x99" for "’".
DOUBLE_ENCODED = re.compile("[\u00c2-\u00f4][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")

# Where an <h1> is a menu entry, a breadcrumb's SEO copy of the headline or a sidebar heading.
NAVIGATION_TAGS = ("nav", "footer", "aside")
NAVIGATION_ROLES = ("navigation", "complementary", "contentinfo")
BLOCK_TAGS = frozenset(
    {
        "div",
        "p",
        "li",
        "ul",
        "ol",
        "section",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "figcaption",
        "blockquote",
        "table",
        "tr",
        "td",
    }
)

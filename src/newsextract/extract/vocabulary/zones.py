"""Boilerplate zones: the elements that never carry article text, and the names that nominate a zone.

Class/id words, ARIA roles and structural tags (header, footer, nav, aside) only nominate a zone as
boilerplate; evidence decides (see zones.py: a nominee holding the article's prose stays)."""

from __future__ import annotations

import re

# Elements that never carry article text.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "dialog",
    "object",
    "embed",
)

# Inline elements: part of a sentence, never a container of the article's blocks.
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "cite",
        "code",
        "em",
        "font",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)

# Paragraph elements whose text counts as prose when long and not mostly links.
PROSE_BLOCK_SELECTOR = "p, pre, blockquote"

# Containers that count as prose blocks when they hold enough text of their own (not in children).
TEXT_BLOCK_SELECTOR = "div, td, article, section, span"

# Dropped wrappers that can hold a whole page (ASP.NET wraps <body> in a <form>): kept when they hold prose.
DROP_UNLESS_PROSE = ("form", "dialog")

# Structural zones that are boilerplate unless they hold the article itself.
ZONE_TAGS = ("header", "footer", "nav", "aside")

# Class / id fragments that mark boilerplate zones. Matched against whole
# hyphen/underscore separated words of class and id values (see BOILERPLATE_CLASS).
BOILERPLATE_WORDS = (
    "widget",
    "widgets",
    "sidebar",
    "widgetized",
    "share",
    "sharing",
    "sharebar",
    "social",
    "socials",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "related",
    "recommended",
    "recommendations",
    "more-stories",
    "read-more",
    "readmore",
    "also-read",
    "comments",
    "comment",
    "disqus",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "advert",
    "advertisement",
    "advertising",
    "ads",
    "ad",
    "adslot",
    "ad-slot",
    "dfp",
    "gpt",
    "sponsored",
    "promo",
    "promotion",
    "outbrain",
    "taboola",
    "author-bio",
    "authorbio",
    "author-box",
    "about-author",
    "bio",
    "tags",
    "tag-list",
    "tagcloud",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "navigation",
    "nav",
    "menu",
    "footer",
    "masthead",
    "popup",
    "modal",
    "paywall",
    "print-only",
    "skip-link",
    "trending",
    "most-read",
    "mostread",
    "popular",
    "next-article",
    "prev-article",
    "post-navigation",
    "jp-relatedposts",
    "yarpp",
    "sharedaddy",
    "addtoany",
    "a2a",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "toolbar",
    "byline-share",
    "side-col",
    "sidecol",
    "side-column",
    "rail",
    "right-rail",
    "rightcol",
    "leftcol",
)

# Words that look like boilerplate but name content wrappers on common CMSes.
BOILERPLATE_EXCEPTIONS = (
    "has-sidebar",
    "no-sidebar",
    "with-sidebar",
    "sidebar-right",
    "sidebar-left",
    "content-area",
    "main-content",
)

# ARIA roles and attributes that mark non-article zones.
BOILERPLATE_ROLES = (
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
)


# clean.py: cleaning the tree
NOT_A_SECTION = INLINE_TAGS | {"-text", "-comment", "p", "br"}


_Trie = dict[str, "_Trie"]  # one character to the rest of the tree; "" marks a word's end


def _word_trie(words: tuple[str, ...]) -> str:
    """An alternation of ``words`` as a prefix tree ("ad(?:s|vert(?:…))?"): it matches what the
    longest-first alternation matches (the path follows the text, and a longer word is tried
    first), without trying every word at every position of a class string."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: _Trie) -> str:
        branches = [re.escape(char) + pattern(rest) for char, rest in sorted(node.items()) if char]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{either})?" if "" in node else either

    return pattern(trie)


# dom.py: walking the tree
# One search over "class id" text: a boilerplate word bounded by start, end,
# white space, "-" or "_" (so "share-bar" matches, "shared" does not).
BOILERPLATE_CLASS = re.compile(r"(?:^|[\s_-])(?:" + _word_trie(BOILERPLATE_WORDS) + r")(?=$|[\s_-])")
# A cheap pre-test: a BOILERPLATE_CLASS match starts with one of these as a whole "-", "_" or space separated token.
BOILERPLATE_LEAD_TOKENS = frozenset(word.split("-")[0] for word in BOILERPLATE_WORDS)
BOILERPLATE_EXCEPTION_CLASS = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in BOILERPLATE_EXCEPTIONS) + r")(?=$|\s)"
)


# zones.py: judging nominated boilerplate zones
# A named block holding a picture and a few lines is a figure: the lines are its caption.
MEDIA = "img, picture, video, amp-img"

CARD_HEADINGS = "h2, h3, h4, h5, h6"  # a card with its own heading is an entry (a product review), not a figure

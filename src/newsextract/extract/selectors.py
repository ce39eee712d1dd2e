"""Data only: selectors, class-name patterns and word lists the extractor uses.

Kept in one place so tuning the heuristics never means hunting through code.
"""

from __future__ import annotations

import re

# Elements that never carry article text.
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "form", "button",
             "select", "textarea", "input", "dialog", "object", "embed")
# Structural zones that are boilerplate unless they hold the article itself.
ZONE_TAGS = ("header", "footer", "nav", "aside")

# Class / id fragments that mark boilerplate zones. Matched against whole
# hyphen/underscore separated words of class and id values (see BOILERPLATE_RE).
BOILERPLATE_WORDS = (
    "widget", "widgets", "sidebar", "widgetized", "share", "sharing", "sharebar", "social", "socials",
    "newsletter", "subscribe", "subscription", "signup", "related", "recommended", "recommendations",
    "more-stories", "read-more", "readmore", "also-read", "comments", "comment", "disqus", "cookie",
    "cookies", "consent", "gdpr", "advert", "advertisement", "advertising", "ads", "ad", "adslot",
    "ad-slot", "dfp", "gpt", "sponsored", "promo", "promotion", "outbrain", "taboola", "author-bio",
    "authorbio", "author-box", "about-author", "bio", "tags", "tag-list", "tagcloud", "breadcrumb",
    "breadcrumbs", "pagination", "pager", "navigation", "nav", "menu", "footer", "masthead", "popup",
    "modal", "paywall", "print-only", "skip-link", "trending", "most-read", "mostread", "popular",
    "next-article", "prev-article", "post-navigation", "jp-relatedposts", "yarpp", "sharedaddy",
    "addtoany", "a2a", "sr-only", "visually-hidden", "screen-reader-text", "toolbar", "byline-share",
)
# Words that look like boilerplate but name content wrappers on common CMSes.
BOILERPLATE_EXCEPTIONS = ("has-sidebar", "no-sidebar", "with-sidebar", "sidebar-right", "sidebar-left",
                          "content-area", "main-content")

_SPLIT = re.compile(r"[\s_]+")

# ARIA roles and attributes that mark non-article zones.
BOILERPLATE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                     "alertdialog", "menu", "menubar", "toolbar")

# Byline containers, most specific first.
BYLINE_SELECTORS = (
    "[itemprop=author] [itemprop=name]", "[itemprop=author]", "[rel=author]", "a[href*='/author/']",
    ".byline", ".by-line", ".article-byline", ".post-author", ".author-name", ".author_name",
    ".entry-author", ".story-byline", ".c-byline", ".meta-author", ".td-post-author-name",
    ".author", ".writer", ".article-author", "[class*=byline]", "[data-testid*=byline]",
)

CAPTION_SELECTORS = ("figcaption", ".wp-caption-text", "[itemprop=caption]", "[itemprop=description]",
                     ".caption", ".image-caption", ".img-caption", ".photo-caption", ".media-caption",
                     ".figure-caption", ".article-image-caption", ".inline-image-caption", ".infotext",
                     ".media-info", ".mediaInfo")
# Caption elements removed from the text wherever they stand ([itemprop=description]
# is left out: pages also put it on the standfirst).
STRAY_CAPTION_SELECTORS = tuple(s for s in CAPTION_SELECTORS if "description" not in s)
LOOSE_CAPTION_SELECTORS = ("[class*=caption]", "[class*=Caption]")
CREDIT_SELECTORS = (".credit", ".image-credit", ".photo-credit", ".img-credit", ".media-credit",
                    ".wp-caption-credit", ".copyright", "[itemprop=copyrightHolder]",
                    "[itemprop=creditText]", ".caption-credit", ".figure-credit", "figcaption cite",
                    "figcaption small", ".source", ".author-image", "[class*=caption__credit]",
                    "[class*=caption-credit]", "[class*=image-credit]", "[class*=photo-credit]")
# Link texts that caption credits carry beside the name.
CREDIT_NOISE = re.compile(r"\s*(?:purchase\s+licensing\s+rights|buy\s+(?:this\s+)?photo|order\s+(?:a\s+)?print|"
                          r"license\s+this\s+image|enlarge|expand)\s*$", re.IGNORECASE)
IMAGE_CONTAINERS = ("figure", ".wp-caption", "[itemprop=image]", ".image", ".article-image",
                    ".inline-image", ".photo", ".media-image", ".media")

LAZY_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-url", "data-lazy", "data-hi-res-src",
                  "data-full-src", "src")
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")
# Images that are chrome, not content.
IMAGE_URL_NOISE = re.compile(
    r"(?:^data:|pixel|spacer|blank\.gif|1x1|tracking|/logo|logo[._-]|avatar|gravatar|icon|sprite|"
    r"placeholder|lazy[-_]?load|loading\.gif|transparent\.(?:gif|png)|/ads?/|doubleclick|\.svg(?:$|\?))",
    re.IGNORECASE,
)

# Lines that are boilerplate wherever they appear in the body text.
BOILERPLATE_LINES = re.compile(
    r"""^(?:
        widgetized\ section
      | go\ to\ admin\ .{0,40}widgets?.*
      | (?:also\ read|read\ more|read\ also|more\ from|see\ also|related|recommended|watch|listen|
           related\ (?:articles?|stories|coverage|content|posts?)|you\ (?:may|might)\ also\ like|
           more\ on\ this\ story|advertisement|continue\ reading|lesen\ sie\ auch|mehr\ zum\ thema|
           lire\ aussi|leer\ m[aá]s|leia\ tamb[eé]m|auch\ interessant)\b\s*[:›»|>-].{0,200}
      | (?:advertisement|anzeige|publicit[ée]|werbung|sponsored|story\ continues\ below\ advertisement|
           scroll\ to\ continue(?:\ with\ content)?|continue\ reading\ below|article\ continues\ below)
      | (?:share|share\ this(?:\ article|\ story)?|tweet|email|print|copy\ link|follow\ us.*)
      | (?:sign\ up|subscribe)\b.{0,120}(?:newsletter|inbox|email).{0,80}
      | .{0,80}\bnewsletter\b.{0,40}(?:sign\ up|subscribe|inbox).{0,40}
      | (?:we\ use\ cookies|this\ (?:site|website)\ uses\ cookies).{0,300}
      | (?:click|tap)\ here\ to\ .{0,80}
      | (?:related|trending|most\ read|popular)\ (?:news|now|stories|articles)
      | (?:copyright|©|\(c\))\ .{0,120}(?:all\ rights\ reserved|may\ not\ be\ (?:published|reproduced)).{0,200}
      | (?:(?:additional\ )?reporting|writing|editing|compiled|graphics?)\ by\ [^.]{2,200}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Byline vocabulary.
BY_PREFIX = re.compile(
    r"^\s*(?:(?:written|words|story|text|reporting|reported|compiled|posted|published)\s+by|by|von|par|por|"
    r"di|door|av|af|przez|от|autor(?:in)?|author|auteur|text|texte|redacci[oó]n)\b\s*:?\s*",
    re.IGNORECASE,
)
BYLINE_LINE = re.compile(r"^\s*(?:by|von|par|por|door)\s+[A-ZÀ-Þ][\w.'’-]+", re.IGNORECASE)
NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||/|&|\+|•|·|\s[-–—]\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\bsowie\b)\s*",
                             re.IGNORECASE)
ROLE_WORDS = frozenset("""
staff writer reporter correspondent editor editors senior chief contributing contributor columnist
journalist writer associate deputy managing political business sports science health technology
tech national international foreign bureau desk producer photographer analyst freelance special
digital news online global economics economy culture opinion investigative data video audio
multimedia photo photos photojournalist intern fellow affairs writers reporters correspondents
redakteur redakteurin korrespondent korrespondentin autor autorin redaktion journaliste
rédacteur rédactrice correspondant envoyé spécial periodista redactor corresponsal
기자 특파원 記者 特派員 记者
""".split())
ORGANISATION_WORDS = frozenset("""
reuters ap afp dpa apa ansa efe upi bloomberg associated press agence france-presse staff cnn bbc
news newsroom desk team editorial editors agency agencies wire wires media service services online
redaktion redacción rédaction newsdesk correspondents the times post herald tribune journal daily
today magazine network group inc ltd llc gmbh company corporation sid kna epd afx bureau ians pti
xinhua kyodo yonhap tass sputnik bnn dow jones contributors
""".split())
NAME_NOISE = re.compile(
    r"(?:\S+@\S+|https?://\S+|@\w+|\b(?:updated|published|posted|last\s+updated|modified|aktualisiert|"
    r"veröffentlicht|mis\s+à\s+jour|publié|actualizado|publicado|on)\b.*$|"
    r"\b\d{1,2}[:.]\d{2}\b.*$|\b\d{4}\b.*$|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}\b.*$)",
    re.IGNORECASE,
)

# Datelines: "BAGHDAD:", "WASHINGTON (AP) —", "LONDON, May 9 (Reuters) -", "ATLANTA --".
DATELINE = re.compile(
    r"""^(?P<dateline>
        (?:[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*){0,3})          # PLACE in capitals
        (?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)?                       # , State / Country
        (?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))? # , May 9
        (?:\s*\((?:[A-Za-z][\w .&'’-]{0,30})\))?                             # (AP) / (Reuters)
    )\s*(?:[—–:]|--?)\s+(?=\S)""",
    re.VERBOSE,
)

"""Data only: selectors, class-name patterns and word lists the extractor uses.

Kept in one place so tuning the heuristics never means hunting through code.
"""

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
PROSE_BLOCK_TAGS = frozenset({"p", "pre", "blockquote"})
# Containers that count as prose blocks when they hold enough text of their own (not in children).
TEXT_BLOCK_SELECTOR = "div, td, article, section, span"
# Dropped wrappers that can hold a whole page (ASP.NET wraps <body> in a <form>): kept when they hold prose.
DROP_UNLESS_PROSE = ("form", "dialog")
# Structural zones that are boilerplate unless they hold the article itself.
ZONE_TAGS = ("header", "footer", "nav", "aside")

# Class / id fragments that mark boilerplate zones. Matched against whole
# hyphen/underscore separated words of class and id values (see BOILERPLATE_RE).
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

_SPLIT = re.compile(r"[\s_]+")

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

# Byline containers, most specific first.
BYLINE_SELECTORS = (
    "[itemprop=author] [itemprop=name]",
    "[itemprop=author]",
    "[rel=author]",
    "a[href*='/author/']",
    ".byline",
    ".by-line",
    ".article-byline",
    ".post-author",
    ".author-name",
    ".author_name",
    ".entry-author",
    ".story-byline",
    ".c-byline",
    ".meta-author",
    ".td-post-author-name",
    ".author",
    ".writer",
    ".article-author",
    "[class*=byline]",
    "[data-testid*=byline]",
)
# Any element whose class or id names an author or byline, in any CMS's spelling
# ("author-by-line", "authorDateBlock_authorName__x1"): taken only when its text holds a person's name.
LOOSE_BYLINE_SELECTOR = "[class*=author i], [id*=author i], [class*=byline i], [itemprop*=author i]"
# A name inside these is a quote's or a testimonial's, not the article's byline.
NOT_BYLINE_TAGS = ("blockquote", "figure", "figcaption", "q")

CAPTION_SELECTORS = (
    "figcaption",
    ".wp-caption-text",
    "[itemprop=caption]",
    "[itemprop=description]",
    ".caption",
    ".image-caption",
    ".img-caption",
    ".photo-caption",
    ".media-caption",
    ".figure-caption",
    ".article-image-caption",
    ".inline-image-caption",
    ".infotext",
    ".media-info",
    ".mediaInfo",
)
# Caption elements removed from the text wherever they stand ([itemprop=description]
# is left out: pages also put it on the standfirst).
STRAY_CAPTION_SELECTORS = tuple(s for s in CAPTION_SELECTORS if "description" not in s)
LOOSE_CAPTION_SELECTORS = ("[class*=caption]", "[class*=Caption]")
CREDIT_SELECTORS = (
    ".credit",
    ".image-credit",
    ".photo-credit",
    ".img-credit",
    ".media-credit",
    ".wp-caption-credit",
    ".copyright",
    "[itemprop=copyrightHolder]",
    "[itemprop=creditText]",
    ".caption-credit",
    ".figure-credit",
    "figcaption cite",
    "figcaption small",
    ".source",
    ".author-image",
    "[class*=caption__credit]",
    "[class*=caption-credit]",
    "[class*=image-credit]",
    "[class*=photo-credit]",
)
# Link texts that caption credits carry beside the name.
CREDIT_NOISE = re.compile(
    r"\s*(?:purchase\s+licensing\s+rights|buy\s+(?:this\s+)?photo|order\s+(?:a\s+)?print|"
    r"license\s+this\s+image|enlarge|expand)\s*$",
    re.IGNORECASE,
)
# Words that label a photo credit, followed by ":" / "=" (or "by"): "Foto: X", "사진=X", "Photo by X".
CREDIT_LABELS = (
    "photo",
    "photos",
    "photograph",
    "photography",
    "photographer",
    "pic",
    "pics",
    "picture",
    "pictures",
    "image",
    "images",
    "img",
    "image credit",
    "image credits",
    "photo credit",
    "photo credits",
    "credit",
    "credits",
    "source",
    "illustration",
    "graphic",
    "copyright",
    "courtesy",
    "foto",
    "fotos",
    "fotografie",
    "fotografía",
    "fotografia",
    "fotó",
    "fotók",
    "fotograf",
    "fotoğraf",
    "görsel",
    "bild",
    "bilder",
    "bilde",
    "billede",
    "beeld",
    "quelle",
    "bildquelle",
    "fotoquelle",
    "bildrechte",
    "screenshot",
    "capture d'écran",
    "captura",
    "collage",
    "montage",
    "коллаж",
    "crédit",
    "crédits",
    "crédit photo",
    "crédits photo",
    "crédito",
    "créditos",
    "fuente",
    "fonte",
    "imagen",
    "imagem",
    "immagine",
    "zdjęcie",
    "zdjęcia",
    "fot.",
    "źródło",
    "zdroj",
    "forrás",
    "kép",
    "kuva",
    "lähde",
    "kaynak",
    "sursa",
    "sursă",
    "izvor",
    "nuotr.",
    "nuotrauka",
    "φωτογραφία",
    "φωτο",
    "πηγή",
    "фото",
    "фотография",
    "источник",
    "снимка",
    "джерело",
    "ảnh",
    "nguồn",
    "larawan",
    "sumber",
    "isithombe",
    "izithombe",
    "umfanekiso",
    "사진",
    "사진 출처",
    "사진 제공",
    "출처",
    "写真",
    "撮影",
    "提供",
    "图",
    "图片",
    "圖片",
    "照片",
    "摄影",
    "攝影",
    "来源",
    "來源",
    "صورة",
    "تصوير",
    "المصدر",
    "צילום",
    "תמונה",
    "फोटो",
    "फ़ोटो",
    "तस्वीर",
    "स्रोत",
    "ছবি",
    "ภาพ",
)
# Rights notices printed in a caption's credit line ("All rights reserved").
RIGHTS_RESERVED = (
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rettigheder forbeholdes",
    "alle rettigheter reservert",
    "wszelkie prawa zastrzeżone",
    "všechna práva vyhrazena",
)
# Class words of an element that prints a credit ("widget__captionCredit", "photo-copyright").
CREDIT_CLASS = re.compile(r"credit|copyright|photographer|fotograf|bildnachweis|bildquelle", re.IGNORECASE)
# Labels that lead in to a credit with no colon: "Courtesy of X", "Cedida por X".
CREDIT_LEAD_INS = (
    "courtesy of",
    "photo courtesy of",
    "cedida por",
    "cedidas por",
    "cortesía de",
    "cortesia de",
    "mit freundlicher genehmigung von",
    "capture d'écran de",
    "screenshot from",
    "screenshot via",
)
# Picture agencies and stock libraries: a short last segment naming one is a credit ("… Tiktok. Getty Images").
CREDIT_AGENCIES = (
    "getty",
    "getty images",
    "afp",
    "ap",
    "reuters",
    "dpa",
    "keystone",
    "epa",
    "efe",
    "imago",
    "picture alliance",
    "picture-alliance",
    "shutterstock",
    "istock",
    "istockphoto",
    "alamy",
    "anp",
    "ansa",
    "apa",
    "pa",
    "pa wire",
    "xinhua",
    "ntb",
    "tt",
    "ritzau",
    "lusa",
    "anadolu",
    "sipa",
    "zuma",
    "nurphoto",
    "sopa",
    "kcna",
    "yonhap",
    "kyodo",
    "bloomberg",
    "supplied",
    "handout",
    "pool",
    "unsplash",
    "pexels",
    "pixabay",
    "wikimedia",
    "wikimedia commons",
    "belga",
    "čtk",
    "ctk",
    "mti",
    "pap",
    "bta",
    "hina",
    "tass",
    "aap",
    "ians",
    "pti",
    "ani",
    "연합뉴스",
    "뉴스1",
    "뉴시스",
    "共同通信社",
    "共同",
    "時事",
    "新华社",
)
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
# Class words of a caption block printed beside a picture rather than in a <figcaption>
# ("img-description", "lightbox__description", "mediaSubtitleText", "span.bu", "legend").
CAPTION_CLASS = re.compile(
    r"caption|legend|(?:img|image|photo|picture|media|figure|lightbox|bild|foto)[-_]*(?:descr|info|subtitle)|"
    r"infotext|bildtext|unterschrift|leyenda|didascalia|legenda|(?:^|[\s_-])bu(?:$|[\s_-])",
    re.IGNORECASE,
)
# Class words of a block made to hold a picture ("image-widget", "ImageEmbed", "photo-box", "mediaCon").
PICTURE_BLOCK_CLASS = re.compile(r"img|image|photo|picture|media|figure|foto|bild", re.IGNORECASE)
# Attributes that carry a caption the page prints with script.
CAPTION_ATTRS = ("data-caption", "data-img-caption", "data-image-caption")

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
# Declared sizes (px) at or below which a picture is an icon, an avatar or a button.
TINY_IMAGE_PX = 100
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
      | (?:read\ more|continue\ reading|read\ the\ full\ (?:story|article)|weiterlesen|lire\ la\ suite|
           leer\ m[aá]s|leia\ mais|czytaj\ dalej|lees\ meer|l[aä]s\ mer)\s*[.…›»>]*
      | (?:sign\ up|subscribe)\b.{0,120}(?:newsletter|inbox|email).{0,80}
      | .{0,80}\bnewsletter\b.{0,100}(?:sign\ up|subscribe|inbox).{0,40}
      | (?:we\ use\ cookies|this\ (?:site|website)\ uses\ cookies).{0,300}
      | (?:click|tap)\ here\ to\ .{0,80}
      | (?:try|start|get)\ .{1,40}\ (?:for\ free|free\ trial).{0,40}
      | no\ credit\ card\ (?:required|needed).{0,40}
      | (?:listen|subscribe)\ to\ (?:the|our|this)\ (?:podcast|episode|show)\b.{0,200}
      | follow\ us\ on\ .{1,80}
      | (?:check|see|view|compare)\ (?:the\ )?(?:latest\ )?(?:price|prices|deal|deals)(?:\ (?:at|on)\ .{1,40})?
      | (?:buy|shop)\ (?:it\ )?now(?:\ (?:at|on)\ .{1,40})?
      | (?:related|trending|most\ read|popular)\ (?:news|now|stories|articles)
      | (?:copyright|©|\(c\))\ .{0,120}(?:all\ rights\ reserved|may\ not\ be\ (?:published|reproduced)).{0,200}
      | (?:(?:additional\ )?reporting|writing|editing|compiled|graphics?)\ by\ [^.]{2,200}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A paragraph that is only a time stamp: a clock time and a year, a few words around them.
TIMESTAMP_LINE = re.compile(r"^(?=.*\b\d{1,2}[:.]\d{2}\b)(?=.*\b(?:19|20)\d{2}\b)[^.!?]{0,60}$")

# Byline vocabulary.
BY_PREFIX = re.compile(
    r"^\s*(?:(?:written|words|story|text|reporting|reported|compiled|posted|published|authored)\s+by|by|von|par|"
    r"por|di|door|av|af|przez|от|autor(?:in|en)?|authors?|auteurs?|text|texte|redacci[oó]n)\b\s*:?\s*",
    re.IGNORECASE,
)
# "<credit> by" in a byline: "Review by A", "By A Photography by B Edited by C".
CREDIT_BY = re.compile(r"(?:\b(?P<credit>[\w-]+)\s+)?\bby\b\s*:?", re.IGNORECASE)
# Credits for work other than writing: the names after them are no authors.
NOT_AUTHOR_CREDITS = frozenset(
    """
edited editing photos photo photographs photography pictures images illustrated illustration illustrations
graphics video videos styled styling translated translation produced production fact-checked
""".split()
)
BYLINE_LINE = re.compile(r"^\s*(?:by|von|par|por|door)\s+[A-ZÀ-Þ][\w.'’-]+", re.IGNORECASE)
NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||/|&|\+|•|·|、|，|\s[-–—]\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\bsowie\b)\s*", re.IGNORECASE
)
# Korean and Japanese bylines put the title right after the name: "광양 구현모 기자".
NAME_BEFORE_CJK_ROLE = re.compile(r"([\uac00-\ud7af]{2,4}|[\u4e00-\u9fff]{2,4})\s*(?:기자|특파원|記者|特派員)")
ROLE_WORDS = frozenset(
    """
staff writer reporter correspondent editor editors senior chief contributing contributor columnist
journalist writer associate deputy managing political business sports science health technology
tech national international foreign bureau desk producer photographer analyst freelance special
digital news online global economics economy culture opinion investigative data video audio
multimedia photo photos photojournalist intern fellow affairs writers reporters correspondents
director head founder co-founder cofounder ceo cto cfo coo president vice manager officer coordinator
executive marketing content consultant specialist expert strategist lead former attorney partner owner
guest host creator researcher scientist educator educators author authors posts
redakteur redakteurin korrespondent korrespondentin autor autorin redaktion journaliste
rédacteur rédactrice correspondant envoyé spécial periodista redactor corresponsal
기자 특파원 記者 特派員 记者
""".split()
)
# Words that, beside a name's last word or before its first, make it a collective byline ("Slate Staff").
COLLECTIVE_WORDS = frozenset(
    """
staff team desk newsroom board redaktion rédaction redacción editors bureau contributors
""".split()
)
# Degrees and credentials written after a name ("Jane Doe, MD", "John Roe PhD"), compared without dots.
CREDENTIALS = frozenset(
    """
md phd rn cfa cpa cfp mba ms msc ma ba bs bsc rd rdn ld ldn lcsw lmft lpc np fnp aprn pa pa-c dds dmd do dvm
jd esq mph msn bsn dnp psyd facs facp faan cissp pmp cscs dpt mfa llm mbbs frcs mrcp ibclc cht cpt nasm
""".split()
)
# Lower-case words that belong inside a person's name ("Nick van Mead", "Ana de Armas").
NAME_PARTICLES = frozenset("de van von der den ten ter da das dos du del della la le bin ibn al el di y".split())
# First words that start an outlet's or a thing's name, never a person's ("The Ritualist", "Der Postillon").
NON_NAME_LEADS = frozenset("the a an der die das les le la el los las il lo your our my one top best".split())
ORGANISATION_WORDS = frozenset(
    """
reuters ap afp dpa apa ansa efe upi bloomberg associated press agence france-presse staff cnn bbc
news newsroom desk team editorial editors agency agencies wire wires media service services online
redaktion redacción rédaction newsdesk correspondents the times post herald tribune journal daily
today magazine network group inc ltd llc gmbh company corporation sid kna epd afx bureau ians pti
xinhua kyodo yonhap tass sputnik bnn dow jones contributors official admin administrator webmaster
nachrichten zeitung institute university
""".split()
)
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

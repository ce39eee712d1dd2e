"""Captions: the elements and class words that hold a picture's caption, and the labels, toggles and
page furniture (newsletter pitches, meta lines, code) a caption is told apart from."""

from __future__ import annotations

import re

from newsextract.extract.vocabulary.credits import CREDIT_SELECTORS

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
# Every class of STRAY_CAPTION_SELECTORS holds one of these, in some case.
STRAY_CAPTION_CLASS_PARTS = ("caption", "info")
# A class value holding one of these (in this case) names a caption loosely: "article__caption-text".
LOOSE_CAPTION_CLASS_PARTS = ("caption", "Caption")

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


# captions.py: reading a picture's caption
# Labels printed for screen readers or by a caption toggle: "image caption", "Bildunterschrift:", "hide caption".
LEADING_LABEL = re.compile(
    r"^(?:(?:image|photo)\s+caption|legende|caption|bildunterschrift|légende|leyenda|bildtext)"
    r"\s*:?\s+",
    re.IGNORECASE,
)
TOGGLE_LABEL = re.compile(r"\s*\b(?:hide|show|toggle|expand|collapse)\s+caption\s*$", re.IGNORECASE)
CAPTION_SELECTOR = ", ".join(CAPTION_SELECTORS)

CREDIT_SELECTOR = ", ".join(CREDIT_SELECTORS)

# "Audio 03:07 Min.", "2:34 Russia launches…", "00:00:49", "Q 12:40 …": a player's teaser or duration.
MEDIA_TEASER = re.compile(r"^(?:\w{1,10}\W{1,3})?\d{1,2}:\d{2}\b", re.IGNORECASE)

# A publication line ("Updated July 9, 2025", "5 min read") belongs to the byline, not to a picture.
META_LINE = re.compile(
    r"\b(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|uhr)|updated|last\s+updated|published|posted|"
    r"min\.?\s+read|read\s+time|lesezeit|aktualisiert|veröffentlicht|mis\s+à\s+jour|publié|"
    r"actualizado|publicado|aggiornato|pubblicato)\b",
    re.IGNORECASE,
)
NEWSLETTER = re.compile(
    r"newsletter|infolettre|bolet[ií]n|nyhetsbrev|nieuwsbrief|uutiskirje|hírlevél|"
    r"rozesílk|biuletyn|newsbrief|e-?mail\s+alerts?",
    re.IGNORECASE,
)
SIGN_UP = re.compile(
    r"sign\s*up|subscri|abonn|anmeld|registr|inscri|suscr|iscri|zapisz|prenumer|meld\s+je|"
    r"tilmeld|påmeld|inbox|postfach|bandeja",
    re.IGNORECASE,
)

# Style sheets and scripts printed as text by a broken page.
CODE = re.compile(r"[{;]\s*[\w-]+\s*:\s*[^;{}]+;|@media\b|\bfunction\s*\(")

ALL_HEADINGS = "h1, h2, h3, h4, h5, h6"
UNSEEN_TAGS = ("script", "style", "noscript", "template", "button", "svg", "select", "dialog")
UNSEEN = ", ".join(UNSEEN_TAGS)

LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

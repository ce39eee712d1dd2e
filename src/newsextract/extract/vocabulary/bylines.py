"""Bylines and names: where a byline sits, the words that lead into one in many languages, and the
role, credential, particle and organisation words that tell a person's name from anything else."""

from __future__ import annotations

import re

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


# byline.py: finding the byline
DIGIT = re.compile(r"\d")

# "By", "Written by:" just before the first name: part of the byline as printed.
BY_BEFORE = re.compile(r"(?:^|\s)(?:[\w'’-]+\s+)?(?:by|von|par|por|door|av|af)\s*:?\s*$", re.IGNORECASE)


# names.py: telling a person's name from anything else
NAME_CHARS = re.compile(r"^(?:[^\W\d_]|[.'’ -])+$")  # letters of any script; no digits, no symbols
INITIALS = re.compile(r"^(?:[A-Z]\.\s?)+$")
DOMAIN = re.compile(r"\w\.(?:[a-z]{2,3}|com|net|org|info)\b", re.IGNORECASE)
PARENTHESES = re.compile(r"\([^)]{0,40}\)")  # "Elena Oberholzer (obe)": the desk's short code
LABEL = re.compile(r"^.*\w:\s+")  # "Redaktion: Roman Warschauer": a label before the name
CAMEL_CASE = re.compile(r"[a-z][A-Z]")  # "KatieS", "AppAddict": user names and brands
HANGUL_WORD = re.compile(r"^[\uac00-\ud7af]+$")
COMPACT = re.compile(r"[\W_]+")

"""Photo credits printed inside captions, in any language: found, split off and cleaned.

"Volunteers fill sandbags. Photo: Jane Smith/AP", "Biden im Weissen Haus. Keystone/AP",
"[사진 출처 = 연합뉴스] …", "… 石川（Ｃ）共同通信社", "Image Credits: Strava" all give a caption
text and a credit apart.
"""

from __future__ import annotations

import re

from newsextract.extract.text import squash
from newsextract.extract.vocabulary.bylines import DIGIT
from newsextract.extract.vocabulary.credits import (
    AGENCY,
    CREDIT_LABEL_PREFIX,
    CREDIT_LABEL_START,
    CREDIT_NAME_PARTICLES,
    CREDIT_NOISE,
    LAST_SEGMENT,
    LEADING_BRACKETED,
    LEADING_SEPARATOR,
    LONE_LABEL,
    NOTICE_WORDS,
    PLACE_MARK,
    RIGHTS_NOTICE,
    SEPARATED_NAME,
    SPACED_SLASH,
    TRAILING_LABELLED,
    TRAILING_PARENS,
)
from newsextract.extract.vocabulary.thresholds import (
    MAX_AGENCY_CREDIT_WORDS,
    MAX_BRACKETED_CREDIT_WORDS,
    MAX_CREDIT_CHARS,
    MAX_CREDIT_WORDS,
    MAX_PARENS_CREDIT_WORDS,
    MAX_SEGMENT_CREDIT_WORDS,
    MAX_SEPARATED_WORDS,
)


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split "Text (PM’s media office)" or "Text. Photo: X/AP" into the text and its credit.

    The text is "" when the whole caption is a credit ("Image Credits: Strava").
    """
    caption = squash(caption)
    for split in (
        _leading_bracketed,
        _rights_reserved,
        _trailing_labelled,
        _trailing_parens,
        _trailing_agency,
        _only_credit,
        _after_separator,
        _lone_label,
    ):
        found = split(caption)
        if found is not None:
            text, credit = found
            return text, clean_credit(credit) if credit else None
    return caption, None


def is_credit_text(text: str) -> bool:
    """True for a short text that prints only a credit: "Foto: dpa", "(Photo: Jane Doe/AP)", "© Reuters"."""
    return bool(CREDIT_LABEL_START.match(text)) and len(text.split()) <= MAX_CREDIT_WORDS


def clean_credit(credit: str | None) -> str | None:
    """The credit without its label, brackets and link texts ("Buy this photo")."""
    if not credit:
        return None
    credit = CREDIT_NOISE.sub("", squash(credit)).strip(" ()[]（）【】|/,.-–—")
    credit = CREDIT_LABEL_PREFIX.sub("", credit).strip(" ()[]（）【】|/,-–—")
    if NOTICE_WORDS.search(credit):  # "Jane Doe/Copyright 2024 The AP. All rights reserved." names Jane Doe, the AP
        credit = SPACED_SLASH.sub("/", squash(NOTICE_WORDS.sub(" ", credit))).strip(" ()[]（）【】|/,.-–—")
    return credit or None


def _rights_reserved(caption: str) -> tuple[str, str] | None:
    """ "… Tiflis. - Copyright", "… virale - Tous droits réservés": a rights notice with no name."""
    match = RIGHTS_NOTICE.search(caption)
    return (_before(caption, match.start()), match.group("credit")) if match else None


def _lone_label(caption: str) -> tuple[str, str] | None:
    """ "… an ihrem Arbeitsplatz. Bild": a credit label whose name the page printed elsewhere."""
    match = LONE_LABEL.search(caption)
    return (_before(caption, match.start()), "") if match else None


def _leading_bracketed(caption: str) -> tuple[str, str] | None:
    match = LEADING_BRACKETED.match(caption)
    return (match.group("rest").strip(), match.group("credit")) if match else None


def _trailing_labelled(caption: str) -> tuple[str, str] | None:
    match = TRAILING_LABELLED.search(caption)
    if match is None or not _short(match.group("credit")):
        return None
    return _before(caption, match.start()), match.group("credit")


def _trailing_parens(caption: str) -> tuple[str, str] | None:
    """ "Text (AP)" or "Text (PM’s media office)"; not "(l.)", "(Archiv, 6.12.2010)" or "(+1,3 %)"."""
    match = TRAILING_PARENS.search(caption)
    if match is None:
        return None
    credit = match.group("credit")
    if DIGIT.search(credit) or PLACE_MARK.match(credit) or not _short(credit, max_words=MAX_PARENS_CREDIT_WORDS):
        return None
    return _before(caption, match.start()), credit


def _trailing_agency(caption: str) -> tuple[str, str] | None:
    """A last segment made of names and an agency or a slash: "… Tiktok. Getty Images"."""
    match = LAST_SEGMENT.search(caption)
    if match is None:
        return None
    credit = match.group("credit").strip()
    words = credit.split()
    if len(words) > MAX_SEGMENT_CREDIT_WORDS or not (AGENCY.search(credit) or "/" in credit):
        return None
    if not all(_name_like(w) for w in words):
        return None
    return _before(caption, match.start()), credit


def _after_separator(caption: str) -> tuple[str, str] | None:
    """ "… research kitchen / Kent Dayton", "… | Reuters": a spaced separator before a name."""
    match = SEPARATED_NAME.search(caption)
    if match is None:
        return None
    credit = match.group("credit").strip()
    words = credit.split()
    if len(words) > MAX_SEPARATED_WORDS or not all(_name_like(w) for w in words):
        return None
    return _before(caption, match.start()), credit


def _only_credit(caption: str) -> tuple[str, str] | None:
    """A caption that is all credit: "/ Getty Images/iStockphoto", "( The Independent )"."""
    stripped = LEADING_SEPARATOR.sub("", caption)
    if stripped != caption and _short(stripped):
        return "", stripped
    whole = re.fullmatch(r"[(（\[]\s*(?P<credit>[^()（）\[\]]{2,80})\s*[)）\]]", caption)
    if whole and _short(whole.group("credit"), max_words=MAX_BRACKETED_CREDIT_WORDS):
        return "", whole.group("credit")
    words = caption.split()
    # "Getty Images / Holger Leue", "APA/AFP/Mandel Ngan": names joined by a slash or beside an agency.
    if (
        len(words) <= MAX_AGENCY_CREDIT_WORDS
        and ("/" in caption or AGENCY.search(caption))
        and all(_name_like(w) for w in words)
        and not caption.rstrip().endswith((".", "!", "?"))
    ):
        return "", caption
    return None


def _name_like(word: str) -> bool:
    """A word of a credit: capitalised, an agency, a particle ("von", "via") or joined by a slash."""
    bare = word.strip("()[],.;:'’\"")
    if not bare:
        return True
    return (
        bare[0].isupper()
        or not bare[0].isalpha()
        or "/" in bare
        or bare.lower() in CREDIT_NAME_PARTICLES
        or bool(AGENCY.fullmatch(bare))
    )


def _short(credit: str, max_words: int = MAX_CREDIT_WORDS) -> bool:
    credit = credit.strip()
    return bool(credit) and len(credit.split()) <= max_words and len(credit) <= MAX_CREDIT_CHARS


def _before(caption: str, end: int) -> str:
    """The caption text before a credit, without the separator that led in to it."""
    return caption[:end].rstrip(" |/,，;·•–—-([（【").strip()

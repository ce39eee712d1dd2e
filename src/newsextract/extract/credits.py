"""Photo credits printed inside captions, in any language: found, split off and cleaned.

"Volunteers fill sandbags. Photo: Jane Smith/AP", "Biden im Weissen Haus. Keystone/AP",
"[사진 출처 = 연합뉴스] …", "… 石川（Ｃ）共同通信社", "Image Credits: Strava" all give a caption
text and a credit apart.
"""

from __future__ import annotations

import re

from newsextract.extract import selectors as sel
from newsextract.extract.text import squash

_MAX_CREDIT_WORDS = 14
_MAX_CREDIT_CHARS = 120
_MAX_AGENCY_CREDIT_WORDS = 6
_MAX_SEPARATED_WORDS = 5


def _alternatives(words: tuple[str, ...]) -> str:
    escaped = (re.escape(w).replace(r"\ ", r"\s*") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


# A label stands alone: no Latin letter right before it ("Fotograf", "Autophoto" are not labels).
_NOT_IN_WORD = r"(?<![A-Za-zÀ-ɏ])"
_LABELLED = (
    rf"{_NOT_IN_WORD}(?:{_alternatives(sel.CREDIT_LABELS)})\s*[:：=]"
    rf"|{_NOT_IN_WORD}(?:{_alternatives(sel.CREDIT_LEAD_INS)})\s"
)
# Copyright signs need no space before them: "石川（Ｃ）共同通信社"; "(c)" only before a short name
# at the very end, as "(c) of the law" is a list mark.
_COPYRIGHT = r"(?:©|（[cCｃＣ]）|\([cCｃＣ]\)(?=\s*\S+(?:\s+\S+){0,3}\s*$))"
# "Photo by X" only after a sentence or a separator: "a picture by Monet" is no credit.
_BY_LABELLED = rf"(?:^|(?<=[.!?|/(（\[–—,;])\s*){_NOT_IN_WORD}(?:{_alternatives(sel.CREDIT_LABELS)})\s+by\b"
_CREDIT_START = rf"(?:(?:^|(?<=[\s(（\[【|/,，.。;·•–—-]))[(（\[【]?\s*(?:{_LABELLED})|{_BY_LABELLED}|{_COPYRIGHT})"
# "… Foto: X", "…, Photo by X", "… (Foto: X)", "… © X", "[사진 출처 = X]" at the end.
_TRAILING_LABELLED = re.compile(
    rf"{_CREDIT_START}\s*(?P<credit>[^\n]{{1,{_MAX_CREDIT_CHARS}}}?)\s*[)）\]】]?\s*$", re.IGNORECASE
)
# "[사진 출처 = 연합뉴스] Caption…" or "(Foto: X) Caption…": a bracketed credit first.
_LEADING_BRACKETED = re.compile(
    rf"^\s*[(（\[【]\s*(?:{_LABELLED}|{_BY_LABELLED}|{_COPYRIGHT})\s*(?P<credit>[^)）\]】]{{1,{_MAX_CREDIT_CHARS}}})"
    r"[)）\]】]\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_RIGHTS_NOTICE = re.compile(
    rf"(?:^|\s[|/–—-]\s*|(?<=[.!?])\s+)(?P<credit>(?:copyright|{_alternatives(sel.RIGHTS_RESERVED)})[^|]{{0,60}})$",
    re.IGNORECASE,
)
_NOTICE_WORDS = re.compile(
    rf"(?:\.\s*)?(?:{_alternatives(sel.RIGHTS_RESERVED)})\.?|\bcopyright\b(?:\s+\d{{4}})?", re.IGNORECASE
)
_SPACED_SLASH = re.compile(r"\s*/\s*")
_LONE_LABEL = re.compile(rf"(?<=[.!?])\s+(?:{_alternatives(sel.CREDIT_LABELS)})\s*[:.]?\s*$", re.IGNORECASE)
_TRAILING_PARENS = re.compile(r"\s*[(（]\s*(?P<credit>[^()（）]{2,80}?)\s*[)）]\s*$")
# The last short segment after a sentence: "… auf Tiktok. Getty Images", "… Haus. Keystone/AP/Adam Schultz".
_LAST_SEGMENT = re.compile(r"(?:(?<=[.!?»“”\"])|(?<=[.!?»“”\"][)’'])|(?<=\s[|–—]))\s+(?P<credit>[^.!?|]{2,80})$")
_SEPARATED_NAME = re.compile(r"(?<=\S)\s+[|/]\s+(?P<credit>[^|/]{2,60})$")
# A credit-only remnant: "/ Getty Images/iStockphoto", "| AFP".
_LEADING_SEPARATOR = re.compile(r"^\s*[|/–—-]\s*")
_CREDIT_LABEL_START = re.compile(rf"^\s*[(（\[【]?\s*(?:{_LABELLED}|{_BY_LABELLED}|{_COPYRIGHT})", re.IGNORECASE)
_LABEL_PREFIX = re.compile(rf"^\s*(?:{_LABELLED}|{_BY_LABELLED}|{_COPYRIGHT})\s*", re.IGNORECASE)
_AGENCY = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sel.CREDIT_AGENCIES) + r")(?!\w)", re.IGNORECASE)
# Where a person stands in the picture: "(l.)", "(M)", "(v.l.)", "(left)"; not an agency's "(AP)" or "(dpa)".
_PLACE_MARK = re.compile(
    r"^(?:[a-zà-ÿ]{1,3}\.|[A-Za-z]|v\.\s?[lr]\.(?:\s?n\.\s?[lr]\.)?|"
    r"(?i:li|re|links|rechts|mitte|left|right|centre|center|top|bottom|arriba|abajo|izq\.|dcha\.))$"
)
_DIGIT = re.compile(r"\d")
_NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "del",
        "la",
        "le",
        "via",
        "and",
        "und",
        "for",
        "of",
        "y",
        "e",
        "et",
        "&",
    }
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
    return bool(_CREDIT_LABEL_START.match(text)) and len(text.split()) <= _MAX_CREDIT_WORDS


def clean_credit(credit: str | None) -> str | None:
    """The credit without its label, brackets and link texts ("Buy this photo")."""
    if not credit:
        return None
    credit = sel.CREDIT_NOISE.sub("", squash(credit)).strip(" ()[]（）【】|/,.-–—")
    credit = _LABEL_PREFIX.sub("", credit).strip(" ()[]（）【】|/,-–—")
    if _NOTICE_WORDS.search(credit):  # "Jane Doe/Copyright 2024 The AP. All rights reserved." names Jane Doe, the AP
        credit = _SPACED_SLASH.sub("/", squash(_NOTICE_WORDS.sub(" ", credit))).strip(" ()[]（）【】|/,.-–—")
    return credit or None


def _rights_reserved(caption: str) -> tuple[str, str] | None:
    """ "… Tiflis. - Copyright", "… virale - Tous droits réservés": a rights notice with no name."""
    match = _RIGHTS_NOTICE.search(caption)
    return (_before(caption, match.start()), match.group("credit")) if match else None


def _lone_label(caption: str) -> tuple[str, str] | None:
    """ "… an ihrem Arbeitsplatz. Bild": a credit label whose name the page printed elsewhere."""
    match = _LONE_LABEL.search(caption)
    return (_before(caption, match.start()), "") if match else None


def _leading_bracketed(caption: str) -> tuple[str, str] | None:
    match = _LEADING_BRACKETED.match(caption)
    return (match.group("rest").strip(), match.group("credit")) if match else None


def _trailing_labelled(caption: str) -> tuple[str, str] | None:
    match = _TRAILING_LABELLED.search(caption)
    if match is None or not _short(match.group("credit")):
        return None
    return _before(caption, match.start()), match.group("credit")


def _trailing_parens(caption: str) -> tuple[str, str] | None:
    """ "Text (AP)" or "Text (PM’s media office)"; not "(l.)", "(Archiv, 6.12.2010)" or "(+1,3 %)"."""
    match = _TRAILING_PARENS.search(caption)
    if match is None:
        return None
    credit = match.group("credit")
    if _DIGIT.search(credit) or _PLACE_MARK.match(credit) or not _short(credit, max_words=8):
        return None
    return _before(caption, match.start()), credit


def _trailing_agency(caption: str) -> tuple[str, str] | None:
    """A last segment made of names and an agency or a slash: "… Tiktok. Getty Images"."""
    match = _LAST_SEGMENT.search(caption)
    if match is None:
        return None
    credit = match.group("credit").strip()
    words = credit.split()
    if len(words) > 8 or not (_AGENCY.search(credit) or "/" in credit):
        return None
    if not all(_name_like(w) for w in words):
        return None
    return _before(caption, match.start()), credit


def _after_separator(caption: str) -> tuple[str, str] | None:
    """ "… research kitchen / Kent Dayton", "… | Reuters": a spaced separator before a name."""
    match = _SEPARATED_NAME.search(caption)
    if match is None:
        return None
    credit = match.group("credit").strip()
    words = credit.split()
    if len(words) > _MAX_SEPARATED_WORDS or not all(_name_like(w) for w in words):
        return None
    return _before(caption, match.start()), credit


def _only_credit(caption: str) -> tuple[str, str] | None:
    """A caption that is all credit: "/ Getty Images/iStockphoto", "( The Independent )"."""
    stripped = _LEADING_SEPARATOR.sub("", caption)
    if stripped != caption and _short(stripped):
        return "", stripped
    whole = re.fullmatch(r"[(（\[]\s*(?P<credit>[^()（）\[\]]{2,80})\s*[)）\]]", caption)
    if whole and _short(whole.group("credit"), max_words=6):
        return "", whole.group("credit")
    words = caption.split()
    # "Getty Images / Holger Leue", "APA/AFP/Mandel Ngan": names joined by a slash or beside an agency.
    if (
        len(words) <= _MAX_AGENCY_CREDIT_WORDS
        and ("/" in caption or _AGENCY.search(caption))
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
        or bare.lower() in _NAME_PARTICLES
        or bool(_AGENCY.fullmatch(bare))
    )


def _short(credit: str, max_words: int = _MAX_CREDIT_WORDS) -> bool:
    credit = credit.strip()
    return bool(credit) and len(credit.split()) <= max_words and len(credit) <= _MAX_CREDIT_CHARS


def _before(caption: str, end: int) -> str:
    """The caption text before a credit, without the separator that led in to it."""
    return caption[:end].rstrip(" |/,，;·•–—-([（【").strip()

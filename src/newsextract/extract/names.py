"""Person names from byline strings: roles, credentials, dates and outlets stripped, capitals normalised."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsextract.extract.text import fold, squash
from newsextract.extract.vocabulary.bylines import (
    BY_PREFIX,
    CAMEL_CASE,
    COLLECTIVE_WORDS,
    COMPACT,
    CREDENTIALS,
    CREDIT_BY,
    DOMAIN,
    HANGUL_WORD,
    INITIALS,
    LABEL,
    NAME_BEFORE_CJK_ROLE,
    NAME_CHARS,
    NAME_NOISE,
    NAME_PARTICLES,
    NAME_SEPARATORS,
    NON_NAME_LEADS,
    NOT_AUTHOR_CREDITS,
    ORGANISATION_WORDS,
    PARENTHESES,
    ROLE_WORDS,
)
from newsextract.extract.vocabulary.thresholds import (
    MAX_ACRONYM_CHARS,
    MAX_NAME_CHARS,
    MAX_NAME_WORDS,
    MAX_PERSON_NAME_WORDS,
    MAX_SPLIT_BYLINE_CHARS,
    MIN_CONTAINED_CHARS,
    MIN_PERSON_NAME_WORDS,
    MIN_SHOUTED_LETTERS,
)

_MIN_PERSON_WORDS, _MAX_PERSON_WORDS = 2, 4


def split_names(byline: str, site_words: frozenset[str] = frozenset()) -> list[str]:
    """Person names in a byline: "By A, B and C | Staff" -> ["A", "B", "C"]; organisations dropped.

    ``site_words`` are the folded words of the outlet's name: "Adam Sennott Globe Staff" on
    a Globe page is "Adam Sennott".
    """
    return list(_split_names(byline, site_words))


@lru_cache(maxsize=1 << 12)  # pure, and cached: a byline's text is split to find the element, to trim it, and again
def _split_names(byline: str, site_words: frozenset[str]) -> tuple[str, ...]:
    text = squash(byline)
    if len(text) > MAX_SPLIT_BYLINE_CHARS:
        return ()
    marked = NAME_BEFORE_CJK_ROLE.findall(text)
    if marked:  # "순천, 광양 구현모 기자": the word before the title is the name, the others are places
        return tuple(unique_names(marked))
    segments = (NAME_NOISE.sub("", strip_lead_in(segment)) for segment in _authors_segments(text))
    parts = (part for segment in segments for part in NAME_SEPARATORS.split(segment))
    names = unique_names(clean_name(part, site_words) for part in parts)
    # "Anna Sleegers, Frankfurt": beside full names, a lone word is a place or a desk.
    full_names = [n for n in names if " " in n]
    return tuple(full_names or names)


def _authors_segments(text: str) -> list[str]:
    """The byline cut at each "<credit> by", without the photographers', editors' and stylists' parts."""
    segments: list[str] = []
    start, writer = 0, True
    for match in CREDIT_BY.finditer(text):
        if writer:
            segments.append(text[start : match.start()])
        writer = (match.group("credit") or "").lower() not in NOT_AUTHOR_CREDITS
        start = match.end()
    if writer:
        segments.append(text[start:])
    return segments


def merge_names(*groups: list[str], site_words: frozenset[str] = frozenset()) -> list[str]:
    """Names from several sources, each person once, in first-seen order."""
    found: list[str | None] = []
    for group in groups:
        for raw in group:
            found.extend(split_names(raw, site_words) if _needs_split(raw) else [clean_name(raw, site_words)])
    return unique_names(found)


def strip_lead_in(text: str) -> str:
    """Drop "By", "Von", "Written by:" before the names."""
    return BY_PREFIX.sub("", text, count=1)


def _needs_split(raw: str) -> bool:
    return bool(NAME_SEPARATORS.search(raw) or CREDIT_BY.search(raw))


def unique_names(names: Iterable[str | None]) -> list[str]:
    """Each name once (compared folded), in first-seen order."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        if name and fold(name) not in seen:
            seen.add(fold(name))
            out.append(name)
    return out


def clean_name(part: str, site_words: frozenset[str] = frozenset()) -> str | None:
    """One person's name from one byline part, or None when the part names no person."""
    text = _without_asides(strip_lead_in(squash(part)))
    if text is None:
        return None
    words = _drop_credentials(NAME_NOISE.sub("", text).strip(" .,:;-–—|()[]\"'").split())
    if not words or _key(words[0]) in COLLECTIVE_WORDS:  # "Team EBONY", "Redaktion X"
        return None
    words = _drop_titles(words, site_words)
    if not words:
        return None
    if len(words) == 1 and words[0].isupper():
        return None  # "MECLABS", "AFP": a lone word in capitals is an agency's or a brand's
    words = _title_case(words)
    if all(HANGUL_WORD.match(w) for w in words):
        words = words[-1:]  # Korean bylines print "[place] name 기자": the name is the last word
    name = " ".join(words)
    return name if _is_plausible_name(name, words) else None


def _without_asides(part: str) -> str | None:
    """The part without "(obe)" desk codes and a "Redaktion:" label; None when these say it is no author."""
    if any(DOMAIN.search(aside) for aside in PARENTHESES.findall(part)):
        return None  # "Deutsche Welle (www.dw.com)": an outlet signs with its address
    part = PARENTHESES.sub(" ", part)
    label = LABEL.match(part)
    if label is None:
        return part
    # "Redaktion: A" names a writer; "design: B", "Quelle: C" name no author.
    return part[label.end() :] if _is_writer_label(label.group()) else None


def _is_writer_label(label: str) -> bool:
    word = _key(label.split()[-1])
    return word in ROLE_WORDS or word in COLLECTIVE_WORDS or bool(BY_PREFIX.fullmatch(word))


def _key(word: str) -> str:
    return word.lower().strip(".,:;")


def _drop_credentials(words: list[str]) -> list[str]:
    """Drop trailing degrees: "Jane Doe MD", "John Roe Ph.D." (written in capitals or with dots)."""
    all_caps = " ".join(words).isupper()
    while len(words) > 1 and not all_caps and _is_credential(words[-1]):
        words = words[:-1]
    return words


def _is_credential(word: str) -> bool:
    written_as_degree = "." in word or sum(c.isupper() for c in word) >= 2
    return written_as_degree and word.lower().replace(".", "").strip(",") in CREDENTIALS


def _drop_titles(words: list[str], site_words: frozenset[str]) -> list[str]:
    """Cut the job title after a name: "Keith Barry Senior Autos Reporter" -> "Keith Barry".

    A collective word after a lone word is an outlet's byline ("Slate Staff"): nothing is left.
    """
    while len(words) > _MIN_PERSON_WORDS and _is_role(words[0]):
        words = words[1:]  # "Senior Reporter Jane Doe"
    if _is_role(words[0]):
        return []  # "Guest Columnists", "Head Winemaker"
    for index, word in enumerate(words):
        if index == 1 and _key(word) in COLLECTIVE_WORDS:
            return []
        if (_is_role(word) or _key(word) in COLLECTIVE_WORDS) and (
            index >= _MIN_PERSON_WORDS or index == len(words) - 1
        ):
            words = words[: index - 1] if _names_outlet_staff(words, index) else words[:index]
            break
    # "Adam Sennott Globe" (from "... Globe Staff"): the outlet's word after the name; a name
    # made only of the outlet's words is the outlet's own ("Help Net Security").
    if not all(_key(w) in site_words for w in words):
        while len(words) > _MIN_PERSON_WORDS and _key(words[-1]) in site_words:
            words = words[:-1]
    return words


def _names_outlet_staff(words: list[str], index: int) -> bool:
    """ "Adele Brandt Ledger Staff": an outlet's word before a collective word, after a full name.

    "Staff Writer" is a title, not an outlet's staff, so a title word after it says otherwise.
    """
    follows = words[index + 1] if index + 1 < len(words) else ""
    return (
        index > _MIN_PERSON_WORDS
        and _key(words[index]) in COLLECTIVE_WORDS
        and not (follows and _is_role(follows))
        and _key(words[index - 1]) not in ORGANISATION_WORDS
    )  # "X Editorial Team" stays an outlet's


def _is_role(word: str) -> bool:
    key = _key(word)
    return key in ROLE_WORDS or (key.endswith("s") and key[:-1] in ROLE_WORDS)  # "Columnists"


def _title_case(words: list[str]) -> list[str]:
    """ALL-CAPS names in Title Case: "MTHOBISI SITHOLE" -> "Mthobisi Sithole", "Bill MCCARTHY" -> "Bill McCarthy"."""
    whole_name_caps = " ".join(words).isupper()
    out: list[str] = []
    for index, word in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        shouting = (
            word.isupper()
            and "." not in word
            and (len(letters) >= MIN_SHOUTED_LETTERS or (whole_name_caps and len(letters) >= 2))
        )
        if not shouting:
            out.append(word)
        elif 0 < index < len(words) - 1 and word.lower() in NAME_PARTICLES:
            out.append(word.lower())  # "NICK VAN MEAD" -> "Nick van Mead"
        else:
            out.append(_capitalise(word))
    return out


def _capitalise(word: str) -> str:
    # str.title() capitalises after "-" and "'" too: "O'NEIL" -> "O'Neil", "JEAN-LUC" -> "Jean-Luc".
    titled = word.lower().title().replace("’S", "’s").replace("'S", "'s")
    if titled.startswith("Mc") and len(titled) > 3:  # "MCDONALD" -> "McDonald"
        titled = "Mc" + titled[2:].capitalize()
    return titled


def _is_plausible_name(name: str, words: list[str]) -> bool:
    if len(words) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS:
        return False
    if not NAME_CHARS.match(name) or INITIALS.match(name) or DOMAIN.search(name):
        return False
    # "science Joanna Nelius", "archive page": lower-case words that are no name particle.
    if any(w[:1].islower() and w.lower() not in NAME_PARTICLES for w in words):
        return False
    return not is_organisation(name)


def is_organisation(name: str) -> bool:
    """True for an outlet, agency or brand rather than a person."""
    words = [part for w in name.split() for part in _key(w).split("-")]  # "MM-Redaktion"
    if not words:
        return True
    if any(w in ORGANISATION_WORDS for w in words) and not looks_like_person(name):
        return True
    single = name.strip(".")
    too_short = len(single) <= MAX_ACRONYM_CHARS and single.isascii()  # not "김철수": CJK names are two or three signs
    return len(words) == 1 and (single.isupper() or too_short or bool(CAMEL_CASE.search(single)))


def looks_like_person(name: str) -> bool:
    """Two to five capitalised words, none an outlet's word: "Jane van Doe", not "Sun Sentinel Editorial"."""
    parts = name.split()
    return (
        MIN_PERSON_NAME_WORDS <= len(parts) <= MAX_PERSON_NAME_WORDS
        and all(p[:1].isupper() or p.lower() in NAME_PARTICLES for p in parts)
        and not any(_key(p) in ORGANISATION_WORDS for p in parts)
    )


def _person_shaped(name: str) -> bool:
    """A name that could only be a person's, even where it equals the site's name (a personal blog)."""
    words = name.split()
    return (
        _MIN_PERSON_WORDS <= len(words) <= _MAX_PERSON_WORDS
        and looks_like_person(name)
        and _key(words[0]) not in NON_NAME_LEADS
        and not any(_key(w) in ROLE_WORDS for w in words)
        and not any(_is_brand_word(w) for w in words)
    )


def _is_brand_word(word: str) -> bool:
    """ "TrailMix", "PC", "LLC": capitals inside a word or a whole word in capitals are a brand's, not a name's."""
    letters = "".join(c for c in word if c.isalpha())
    return bool(CAMEL_CASE.search(word.removeprefix("Mc").removeprefix("Mac"))) or (
        len(letters) >= 2 and letters.isupper() and "." not in word
    )


def _compact(text: str) -> str:
    return COMPACT.sub("", fold(text))


def names_outlet(name: str, outlets: Iterable[str]) -> bool:
    """True when a name is the site's or publisher's own: "Beachbody" on beachbody.com."""
    compact = _compact(name)
    if not compact:
        return False
    words = name.split()
    for outlet in outlets:
        outlet = PARENTHESES.sub(" ", outlet)  # "Deutsche Welle (www.dw.com)"
        other = _compact(outlet)
        if compact == other or _compact(words[0]) == other:  # "MDR THÜRINGEN" on mdr.de
            return True
        if len(words) == 1 and len(compact) >= MIN_CONTAINED_CHARS and compact in other:
            return True
        if len(words) > 1 and fold(outlet).startswith(fold(name) + " "):  # "Top Growth" of "Top Growth Marketing"
            return True
    return False


def people(names: list[str], outlets: Sequence[str]) -> list[str]:
    """The names that are people: no site's, publisher's or organisation author's own name.

    On a personal site the owner's name is the site's (and some pages type
    their owner as an Organization): a person-shaped name that is an
    outlet's is kept when no one else is named beside it.
    """
    others = [n for n in names if not names_outlet(n, outlets)]
    if others:
        return others
    return [n for n in names if _person_shaped(n)]


def site_words(outlets: Iterable[str]) -> frozenset[str]:
    """The folded words of the outlet names, for cutting "Globe" off "Adam Sennott Globe"."""
    return frozenset(w for outlet in outlets for w in re.findall(r"\w+", fold(outlet)) if len(w) > 2)

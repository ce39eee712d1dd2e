"""Small text helpers shared by the extraction steps: whitespace, fingerprints, similarity."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from newsextract.extract.vocabulary.captions import CJK
from newsextract.extract.vocabulary.dates import MONTHS
from newsextract.extract.vocabulary.thresholds import CJK_CHARS_PER_WORD, SIMILARITY

_WORD = re.compile(r"\w+")
# On ASCII text \w is [A-Za-z0-9_]: with every other character made a space, str.split() gives
# _WORD.findall's words at half the cost. Translated as bytes: a plain table lookup per byte,
# four times as fast as str.translate (the bytes above 127 never occur: the text is ASCII).
_ASCII_WORD_BYTES = bytes(c if chr(c).isalnum() or chr(c) == "_" else 32 for c in range(128)) + bytes(range(128, 256))
# Folded to their plain forms by fold(). Replaced one by one, and only when present: far faster
# than str.translate with a dict, and the same, since no replacement is itself a key.
_FOLD = (
    ("‘", "'"),
    ("’", "'"),
    ("‚", "'"),
    ("‛", "'"),
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("«", '"'),
    ("»", '"'),
    ("–", "-"),
    ("—", "-"),
    ("\u00a0", " "),
    ("\u200b", ""),
)


def _ascii_words(text: str) -> list[str]:
    """_WORD.findall(text) for an ASCII text: every character but a word character made a space, then split."""
    return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()


def squash(text: str | None) -> str:
    """Collapse runs of white space to one space and trim."""
    if not text:
        return ""
    if _is_squashed(text):  # most texts (a <meta>'s, a short element's): no split, no new string
        return text
    return " ".join(text.replace("\u200b", "").split())  # str.split() beats a regex here by far


def _is_squashed(text: str) -> bool:
    """True when squash(text) is text, at half the cost of squashing: a printable text holds no
    white space but the ASCII space, and no zero-width space (the body's texts are squashed already)."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def squashed_lines(text: str) -> list[str]:
    """The text's lines, each squashed, the empty ones left out."""
    lines = (" ".join(line.split()) for line in text.replace("\u200b", "").splitlines())
    return [line for line in lines if line]


def fold(text: str | None) -> str:
    """Case-, quote- and width-folded text, for comparisons only."""
    folded = text or ""
    if not folded.isascii():  # NFKC leaves ASCII text as it is, and every character _FOLD replaces is non-ASCII
        folded = unicodedata.normalize("NFKC", folded)
        for char, plain in _FOLD:
            if char in folded:
                folded = folded.replace(char, plain)
    folded = folded.casefold()
    return folded if _is_squashed(folded) else squash(folded)


def words(text: str | None) -> list[str]:
    """Folded words; month names become numbers so "16 September" and "Sept. 16" match."""
    return _months_as_numbers(_folded_words(fold(text)))


def _folded_words(folded: str) -> list[str]:
    """``_WORD.findall(folded)``, by the fast way on ASCII text (most of it)."""
    if folded.isascii():
        return _ascii_words(folded)
    return _WORD.findall(folded)


def _months_as_numbers(tokens: list[str]) -> list[str]:
    if MONTHS.keys().isdisjoint(tokens):  # most texts name no month: no per-word lookup
        return tokens
    return [MONTHS.get(w, w) for w in tokens]


def vocabulary(text: str) -> frozenset[str]:
    """Case-folded words, for rough overlap measures on long texts (no Unicode normalisation)."""
    return frozenset(_WORD.findall(text.casefold()))


def word_set(text: str | None) -> frozenset[str]:
    return frozenset(words(text))


class Fingerprint(NamedTuple):
    """A text folded once for repeated comparisons (captions against every paragraph).
    A named tuple: made for every body paragraph, and a frozen dataclass takes three times as long."""

    text: str
    folded: str
    tokens: list[str]  # the words in order, month names as numbers
    word_set: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        if text.isascii():  # most texts: fold() and _folded_words() as they go on ASCII text, in one
            folded = text.casefold()
            folded = folded if _is_squashed(folded) else squash(folded)
            tokens = _ascii_words(folded)
        else:
            folded = fold(text)
            tokens = _folded_words(folded)
        word_set = frozenset(tokens)
        if not MONTHS.keys().isdisjoint(word_set):  # checked on the set: fewer words than the list
            tokens = _months_as_numbers(tokens)
            word_set = frozenset(tokens)
        return cls(text, folded, tokens, word_set)

    @property
    def joined(self) -> str:
        """The words joined by a space: made only when asked (containment), most fingerprints never are."""
        return " ".join(self.tokens)

    def similar(self, other: Fingerprint, threshold: float = SIMILARITY) -> bool:
        """Order-free Jaccard similarity of the word sets at or above the threshold."""
        return jaccard_at_least(self.word_set, other.word_set, threshold)

    def contains(self, other: Fingerprint) -> bool:
        """True when the other text's words appear, in order, inside this one."""
        return bool(other.tokens) and other.joined in self.joined


def similar(a: str | None, b: str | None, threshold: float = SIMILARITY) -> bool:
    """True when two texts share most of their words (order-free Jaccard), e.g. a caption and its alt."""
    return jaccard_at_least(word_set(a), word_set(b), threshold)


def jaccard_at_least(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    """True when |a ∩ b| / |a ∪ b| reaches ``threshold``; the one word-set similarity of the extractor."""
    # Sets of very different sizes cannot reach it (the ratio is at most min/max): no intersection needed.
    if not a or not b or min(len(a), len(b)) < threshold * max(len(a), len(b)):
        return False
    shared = len(a & b)
    return shared >= threshold * (len(a) + len(b) - shared)  # the union's size, without making the union


def contains_text(haystack: str | None, needle: str | None) -> bool:
    """True when needle's words appear, in order, inside haystack (folded)."""
    h, n = " ".join(words(haystack)), " ".join(words(needle))
    return bool(n) and n in h


def word_count(text: str) -> int:
    """Words in text; runs of Chinese/Japanese/Korean count about two characters a word."""
    cjk = len(CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(CJK.sub(" ", text))) + cjk // CJK_CHARS_PER_WORD


class WordCounts:
    """Word counts of paragraphs, each counted once however many texts hold it: the main text, the
    region's paragraphs and the final body share most of theirs (a page's text can be megabytes).

    A paragraph's count is kept in two parts, its words outside CJK runs and its CJK characters,
    so that both totals below are exact: CJK characters count per paragraph in one, over the
    joined text in the other. Usage: ``counts = WordCounts(); counts.total(paragraphs)``.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, int]] = {}

    def _parts(self, paragraph: str) -> tuple[int, int]:
        parts = self._known.get(paragraph)
        if parts is None and paragraph.isascii():  # no CJK; words as _WORD finds them, split at C speed
            parts = self._known[paragraph] = (len(_ascii_words(paragraph)), 0)
        elif parts is None:
            cjk = len(CJK.findall(paragraph))
            plain = CJK.sub(" ", paragraph) if cjk else paragraph
            parts = self._known[paragraph] = (len(_WORD.findall(plain)), cjk)
        return parts

    def total(self, paragraphs: list[str]) -> int:
        """``sum(word_count(p) for p in paragraphs)``: CJK characters count per paragraph."""
        return sum(words + cjk // CJK_CHARS_PER_WORD for words, cjk in map(self._parts, paragraphs))

    def at_most(self, paragraphs: list[str]) -> int:
        """A bound of ``total(paragraphs)`` that counts no new paragraph: exact for those counted
        already; else each word takes a char and, but the last, a separator, and a CJK char at
        most a word."""
        return sum(self._bound(p) for p in paragraphs)

    def _bound(self, paragraph: str) -> int:
        parts = self._known.get(paragraph)
        if parts is not None:
            return parts[0] + parts[1] // CJK_CHARS_PER_WORD
        return len(paragraph) if CJK.search(paragraph) else (len(paragraph) + 1) // 2

    def joined(self, paragraphs: list[str]) -> int:
        """``word_count(separator.join(paragraphs))`` for a separator of white space: no word runs
        across it, and the CJK characters of all paragraphs count together."""
        parts = [self._parts(p) for p in paragraphs]
        return sum(words for words, _ in parts) + sum(cjk for _, cjk in parts) // CJK_CHARS_PER_WORD

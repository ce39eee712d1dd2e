"""The safety net: when the cleaned body is empty or far shorter than the prose the page
plainly holds, extract again from the raw page and keep whichever text the evidence favours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsextract.extract.explain import RemovalLog
from newsextract.extract.text import word_count, word_set

# The body is thin when it holds less than this share of the main region's prose.
_THIN_SHARE = 0.5
# A fallback replaces the body only when it is clearly longer and covers more of the region.
_FALLBACK_GAIN = 1.5
_FALLBACK_MIN_EXTRA_WORDS = 20
_REGION_MIN_WORDS = 50
_DOUBTFUL_REGION_SHARE = 0.3
_CHARS_PER_WORD = 6  # to compare word counts with prose measured in characters


@dataclass(frozen=True)
class BodyChoice:
    """The paragraphs chosen as the body, and where they came from."""

    paragraphs: list[str]
    source: str  # "main-text" (cleaned page), "raw-page" or "region"

    @property
    def fell_back(self) -> bool:
        return self.source != "main-text"


def _words(paragraphs: list[str]) -> int:
    return sum(word_count(p) for p in paragraphs)


def _coverage(paragraphs: list[str], region_words: frozenset[str]) -> float:
    if not region_words:
        return 0.0
    return len(word_set(" ".join(paragraphs)) & region_words) / len(region_words)


@dataclass(frozen=True)
class ProseShares:
    """How much prose (chars in prose paragraphs) the page holds, and how much of it the region."""

    page: int
    region: int

    def region_is_doubtful(self, body_words: int) -> bool:
        """The region holds little of the page's prose, and the body far less than the page."""
        return (self.region < _DOUBTFUL_REGION_SHARE * self.page
                and body_words * _CHARS_PER_WORD < _THIN_SHARE * self.page)


def choose_body(main: list[str], region: list[str], extract_raw: Callable[[], list[str]],
                log: RemovalLog, min_words: int, shares: ProseShares) -> BodyChoice:
    """Keep ``main`` unless it is thin against ``region`` (the main region's own paragraphs) or
    the region itself is doubtful; then try the raw page (``extract_raw``, run only here), and,
    when both are nearly empty (under ``min_words``), the region's own paragraphs."""
    expected = _words(region)
    got = _words(main)
    thin = expected >= _REGION_MIN_WORDS and got < _THIN_SHARE * expected
    if not thin and not shares.region_is_doubtful(got):
        return BodyChoice(main, "main-text")
    region_words = word_set(" ".join(region))
    best = BodyChoice(main, "main-text")
    raw = extract_raw()
    if _is_clearly_better(raw, main, region_words):
        best = BodyChoice(raw, "raw-page")
    if _words(best.paragraphs) < min_words and _is_clearly_better(region, best.paragraphs, region_words):
        best = BodyChoice(region, "region")
    if best.fell_back:
        why = (f"{got} words kept of about {expected} in the main region" if thin else
               f"the main region holds {shares.region} of the page's {shares.page} chars of prose")
        log.add("main_text", "thin_body", f"{why}; used the {best.source} text ({_words(best.paragraphs)} words)",
                " ".join(main))
    return best


def _is_clearly_better(candidate: list[str], current: list[str], region_words: frozenset[str]) -> bool:
    more = _words(candidate) >= _FALLBACK_GAIN * _words(current) + _FALLBACK_MIN_EXTRA_WORDS
    return more and _coverage(candidate, region_words) >= _coverage(current, region_words)

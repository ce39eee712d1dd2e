"""The safety net: when the cleaned body is empty or far shorter than the prose the page
plainly holds, extract again from the raw page and keep whichever text the evidence favours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from newsextract.extract.explain import RemovalLog
from newsextract.extract.text import WordCounts, vocabulary
from newsextract.extract.vocabulary.thresholds import (
    DOUBTFUL_REGION_SHARE,
    FALLBACK_GAIN,
    FALLBACK_MIN_EXTRA_WORDS,
    PROSE_CHARS_PER_WORD,
    REGION_MIN_WORDS,
    THIN_SHARE,
)


@dataclass(frozen=True)
class BodyChoice:
    """The paragraphs chosen as the body, and where they came from."""

    paragraphs: list[str]
    source: str  # "main-text" (cleaned page), "raw-page" or "region"


class _Candidate:
    """A candidate body, its word count and word set measured once (a page can be megabytes)."""

    def __init__(self, paragraphs: list[str], source: str, counts: WordCounts) -> None:
        self.paragraphs = paragraphs
        self.source = source
        self._counts = counts

    @cached_property
    def words(self) -> int:
        return self._counts.total(self.paragraphs)

    def at_most_words(self) -> int:
        """A bound of ``words``, without counting the paragraphs no other candidate holds."""
        return self._counts.at_most(self.paragraphs)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        return vocabulary(" ".join(self.paragraphs))

    def coverage(self, of: _Candidate) -> float:
        """The share of ``of``'s vocabulary this text holds."""
        return len(self.vocabulary & of.vocabulary) / len(of.vocabulary) if of.vocabulary else 0.0

    def is_clearly_better_than(self, current: _Candidate, region: _Candidate) -> bool:
        more = self.words >= FALLBACK_GAIN * current.words + FALLBACK_MIN_EXTRA_WORDS
        return more and self.coverage(region) >= current.coverage(region)

    def choice(self) -> BodyChoice:
        return BodyChoice(self.paragraphs, self.source)


@dataclass(frozen=True)
class ProseShares:
    """How much prose (chars in prose paragraphs) the page holds, and how much of it the region."""

    page: int
    region: int

    def region_is_doubtful(self, body_words: int) -> bool:
        """The region holds little of the page's prose, and the body far less than the page."""
        return (
            self.region < DOUBTFUL_REGION_SHARE * self.page
            and body_words * PROSE_CHARS_PER_WORD < THIN_SHARE * self.page
        )


def choose_body(
    main: list[str],
    region: list[str],
    extract_raw: Callable[[], list[str]],
    log: RemovalLog,
    min_words: int,
    shares: ProseShares,
    counts: WordCounts | None = None,
) -> BodyChoice:
    """Keep ``main`` unless it is thin against ``region`` (the main region's own paragraphs) or
    the region itself is doubtful; then try the raw page (``extract_raw``, run only here), and,
    when both are nearly empty (under ``min_words``), the region's own paragraphs. ``counts`` keeps
    the paragraphs' word counts for the caller (the final body shares most of them)."""
    counts = counts if counts is not None else WordCounts()
    current, in_region = _Candidate(main, "main-text", counts), _Candidate(region, "region", counts)
    thin = _is_thin(current, in_region)
    if not thin and not shares.region_is_doubtful(current.words):
        return current.choice()
    best = current
    raw = _Candidate(extract_raw(), "raw-page", counts)
    if raw.is_clearly_better_than(best, in_region):
        best = raw
    if best.words < min_words and in_region.is_clearly_better_than(best, in_region):
        best = in_region
    if best is not current:
        why = (
            f"{current.words} words kept of about {in_region.words} in the main region"
            if thin
            else f"the main region holds {shares.region} of the page's {shares.page} chars of prose"
        )
        log.add("main_text", "thin_body", f"{why}; used the {best.source} text ({best.words} words)", " ".join(main))
    return best.choice()


def _is_thin(current: _Candidate, region: _Candidate) -> bool:
    """True when the body holds under THIN_SHARE of the words of a region of REGION_MIN_WORDS or more."""
    if current.words >= THIN_SHARE * region.at_most_words():
        return False  # whatever the region's own paragraphs hold: they need no counting (most pages)
    return region.words >= REGION_MIN_WORDS and current.words < THIN_SHARE * region.words

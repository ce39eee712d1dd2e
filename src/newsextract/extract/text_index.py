"""Texts indexed by their words, so that a paragraph is compared only with the captions that
could match it: linear in practice where comparing every paragraph with every caption is not
(a live blog with 3,000 captioned photos)."""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict

from newsextract.extract.text import Fingerprint
from newsextract.extract.vocabulary.thresholds import SIMILARITY


class TextIndex:
    """Fingerprints looked up by similarity (order-free Jaccard) and by containment.

    Similarity uses prefix filtering: two word sets whose Jaccard similarity is at
    least t share a word among the first ``n - ceil(t * n) + 1`` words of each, with
    the words of both ordered rarest first by one order.
    """

    def __init__(self, prints: list[Fingerprint], threshold: float = SIMILARITY) -> None:
        self.prints = prints
        self.threshold = threshold
        self.folded = {p.folded for p in prints}
        # No text of more words matches any (a body paragraph is most often longer than every caption).
        self._largest = max((len(p.word_set) for p in prints), default=0)
        self._frequency: Counter[str] = Counter(w for p in prints for w in p.word_set)
        self._by_prefix_word: dict[str, list[int]] = defaultdict(list)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for i, fingerprint in enumerate(prints):
            words = self._rarest_first(fingerprint.word_set)
            for word in words[: self._prefix_length(len(words))]:
                self._by_prefix_word[word].append(i)
            for word in words:
                self._by_word[word].append(i)

    def _rank(self, word: str) -> tuple[int, str]:
        return self._frequency.get(word, 0), word

    def _rarest_first(self, words: frozenset[str]) -> list[str]:
        return sorted(words, key=self._rank)

    def _prefix_length(self, size: int) -> int:
        return size - math.ceil(self.threshold * size) + 1

    def similar(self, fingerprint: Fingerprint) -> bool:
        """True when an indexed text shares at least ``threshold`` of its words (Jaccard) with it."""
        words = fingerprint.word_set
        if self._largest < self.threshold * len(words):  # as jaccard_at_least's size test, for all at once
            return False
        known = words & self._frequency.keys()
        # Words no indexed text holds rank first (frequency 0) and find nothing: only the rest of
        # the prefix needs looking up, and a paragraph of mostly other words needs none.
        size = self._prefix_length(len(words)) - (len(words) - len(known))
        if size <= 0:
            return False
        prefix = heapq.nsmallest(size, known, key=self._rank)
        seen: set[int] = set()
        for word in prefix:
            for i in self._by_prefix_word.get(word, ()):
                if i not in seen:
                    seen.add(i)
                    if fingerprint.similar(self.prints[i], self.threshold):
                        return True
        return False

    def containing(self, fingerprint: Fingerprint) -> list[Fingerprint]:
        """The indexed texts whose words include all of its words: only those holding its rarest word."""
        words = fingerprint.word_set
        if not words or len(words) > self._largest or not words <= self._by_word.keys():
            return []  # more words than any indexed text, or a word none holds
        rarest = min(words, key=lambda w: len(self._by_word.get(w, ())))
        return [self.prints[i] for i in self._by_word.get(rarest, ()) if words <= self.prints[i].word_set]

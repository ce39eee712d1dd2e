"""The caption index answers exactly what comparing a paragraph with every caption would."""

from __future__ import annotations

import random

from newsextract.extract.text import Fingerprint
from newsextract.extract.text_index import TextIndex

_WORDS = "harbour storm ferry council bridge tide mayor boats quay pier crew rain wind night road".split()


def _text(rng: random.Random, most: int = 9) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, most)))


def test_index_matches_brute_force_comparison() -> None:
    rng = random.Random(7)
    captions = [Fingerprint.of(_text(rng)) for _ in range(150)]
    index = TextIndex(captions)
    for _ in range(400):
        paragraph = Fingerprint.of(_text(rng))
        assert index.similar(paragraph) == any(paragraph.similar(c) for c in captions)
        expected = [c for c in captions if paragraph.word_set <= c.word_set]
        assert index.containing(paragraph) == expected


def test_texts_longer_than_every_indexed_one_are_compared_as_by_brute_force() -> None:
    rng = random.Random(11)
    captions = [Fingerprint.of(_text(rng, most=4)) for _ in range(40)]
    index = TextIndex(captions)
    for _ in range(400):
        paragraph = Fingerprint.of(_text(rng, most=12))
        assert index.similar(paragraph) == any(paragraph.similar(c) for c in captions)
        expected = [c for c in captions if paragraph.word_set <= c.word_set]
        assert index.containing(paragraph) == expected


def test_empty_index_finds_nothing() -> None:
    index = TextIndex([])
    paragraph = Fingerprint.of("Storm closes the harbour")
    assert not index.similar(paragraph) and index.containing(paragraph) == []

"""The text helpers' fast paths give what their plain definitions give."""

from __future__ import annotations

import random
import unicodedata

from newsextract.extract.text import (
    _WORD,
    Fingerprint,
    WordCounts,
    _folded_words,
    _is_squashed,
    fold,
    jaccard_at_least,
    squash,
    squashed_lines,
    word_count,
    words,
)

_TEXTS = [
    "",
    "Storm closes the harbour on 16 September",
    "„Wieder“ – und wieder: der Fährplan",
    "Sept. 16\u00a0— the mayor’s «reply»\u200b",
    "台风关闭了港口 the ferry 運休",
    "한국어 문장 and 12:30",
]


def test_fold_replaces_quotes_dashes_and_spaces() -> None:
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
    for text in _TEXTS:
        plain = squash(unicodedata.normalize("NFKC", text).translate(table).casefold())
        assert fold(text) == plain
    assert fold("Sept. 16\u00a0— the mayor’s «reply»") == 'sept. 16 - the mayor\'s "reply"'


def test_month_names_become_numbers() -> None:
    assert words("16 September, Sept. 16") == ["16", "9", "9", "16"]
    assert words("no month here") == ["no", "month", "here"]


def test_word_counts_give_both_totals_exactly() -> None:
    counts = WordCounts()
    for texts in (_TEXTS, _TEXTS[:4], ["運", "運"], ["運運運", "運"], []):
        # CJK characters count per paragraph, rounded down: "運" alone is no word, twice not two halves.
        assert counts.total(texts) == sum(word_count(t) for t in texts)
        # Over the joined text, CJK characters count together: "運" twice is one word there.
        assert counts.joined(texts) == word_count("\n\n".join(texts))
    assert counts.joined(["運", "運"]) == 1


def test_word_counts_of_ascii_paragraphs_are_the_regex_counts() -> None:
    ascii_all = "".join(map(chr, range(128)))
    for text in (ascii_all, "don't stop_me-now 3.14 a\tb\x1fc\x1cd", "  ", "", "__ 9_9 -"):
        assert WordCounts().total([text]) == len(_WORD.findall(text))


def test_word_counts_bound_reads_no_new_paragraph_and_is_never_below_the_count() -> None:
    dense = ["a b c d", "a運b運c", "運運運運", "x", "", "1,2;3"]  # as many words as the chars allow
    for text in _TEXTS + dense:
        counts = WordCounts()
        assert counts.at_most([text]) >= word_count(text)  # not counted yet: a bound
        counts.total([text])
        assert counts.at_most([text]) == word_count(text)  # counted: exact


def test_squashed_lines_are_the_non_empty_squashed_lines() -> None:
    text = "  First\u200b  line \n\n\u200b\n second\tline\r\nthird\u2028fourth "
    assert squashed_lines(text) == [squash(line) for line in text.splitlines() if squash(line)]
    assert squashed_lines(text) == ["First line", "second line", "third", "fourth"]


def test_fast_word_split_gives_the_regex_words() -> None:
    ascii_all = "".join(map(chr, range(128)))
    for text in [*_TEXTS, ascii_all, "don't stop_me-now 3.14 a\tb\x1fc", "naïve café"]:
        assert _folded_words(text) == _WORD.findall(text)


def test_squashed_check_agrees_with_squash() -> None:
    samples = ["", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u200bb", "a\u2028b", "a\x1fb", "é ü"]
    for text in samples + _TEXTS:
        assert _is_squashed(text) == (squash(text) == text)


def test_fingerprint_joins_its_words_when_asked() -> None:
    fingerprint = Fingerprint.of("Storm closes the harbour on 16 September")
    assert fingerprint.joined == "storm closes the harbour on 16 9"
    assert fingerprint.contains(Fingerprint.of("the Harbour, on 16 Sept."))
    assert not fingerprint.contains(Fingerprint.of("..."))  # no words: contained nowhere


def test_jaccard_needs_no_union() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        a = frozenset(rng.sample("abcdefghijkl", rng.randint(0, 12)))
        b = frozenset(rng.sample("abcdefghijkl", rng.randint(0, 12)))
        threshold = rng.choice([0.5, 0.6, 0.8, 0.85, 0.9, 1.0])
        by_definition = bool(a and b) and len(a & b) >= threshold * len(a | b)
        assert jaccard_at_least(a, b, threshold) == by_definition


def test_fingerprint_folds_and_splits_as_fold_and_words_do() -> None:
    samples = ["  Storm  closes\tthe HARBOUR on 16 September ", "a\x1fb  c", "Sept. 16 -- done", "x_y 3.14"]
    for text in samples + _TEXTS:
        fingerprint = Fingerprint.of(text)
        assert (fingerprint.folded, fingerprint.tokens) == (fold(text), words(text))
        assert fingerprint.word_set == frozenset(words(text))


def test_squash_keeps_a_squashed_text_and_squashes_the_rest() -> None:
    for text in ["a b", "a  b", " a", "a\u200bb", "a\u00a0b", "é ü", "a\nb"]:
        assert squash(text) == " ".join(text.replace("\u200b", "").split())

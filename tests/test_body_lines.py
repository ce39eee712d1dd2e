"""The body's line tests take shortcuts: each must answer as the full regex does."""

from __future__ import annotations

from newsextract.extract.body import _is_timestamp, is_boilerplate_line
from newsextract.extract.vocabulary.body import BOILERPLATE_LINES, TIMESTAMP_LINE
from newsextract.extract.vocabulary.thresholds import TIMESTAMP_MAX_WORDS

_FILL = "x" * 79 + " newsletter " + "y" * 99 + "subscribe"
_LINES = [
    "",
    "Sign up for our NEWSLETTER and subscribe now",
    "Get the Newsletter: sign up here",
    "The Newſletter: sign up",  # the long s matches "s" when case is ignored
    "Our NewsLetter! inbox",
    "newsletter\u0301 subscribe",
    "newsletters: subscribe",  # no word boundary after the word
    _FILL + "z" * 40,  # the longest line the newsletter part matches
    _FILL + "z" * 40 + "\n",  # ... and $ before a final newline
    _FILL + "z" * 41,
    "x" + _FILL + "z" * 40,  # the word one place too far
    "Advertisement",
    "Read more: the rest of the story",
    "A plain sentence of the article, with a newsletter named in it and nothing to sign.",
]
_STAMPS = [
    "12:30 2021",
    "12:30 2021\n",
    "Updated 12:30 pm, March 3 2021",
    "a" * 50 + " 12:30 2021",
    "a" * 49 + " 12:30 2021",
    "one two three four five six seven eight 12:30 2021",
    "It was 12:30 in 2021. Then it was not.",
]


def test_boilerplate_line_test_agrees_with_the_regex() -> None:
    for text in _LINES + _STAMPS:
        assert is_boilerplate_line(text) == bool(BOILERPLATE_LINES.match(text)), text
    assert is_boilerplate_line(_FILL + "z" * 40 + "\n") and not is_boilerplate_line(_FILL + "z" * 41)
    assert is_boilerplate_line("The Newſletter: sign up")


def test_timestamp_test_agrees_with_the_regex_and_the_word_limit() -> None:
    for text in _LINES + _STAMPS:
        expected = len(text.split()) <= TIMESTAMP_MAX_WORDS and bool(TIMESTAMP_LINE.match(text))
        assert _is_timestamp(text) == expected, text
    assert _is_timestamp("12:30 2021\n") and not _is_timestamp("a" * 50 + " 12:30 2021")

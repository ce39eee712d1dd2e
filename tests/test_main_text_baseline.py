"""The native main text's baseline rescue (trafilatura_sequence's stage 3): where the extraction
gives less than 250 characters, the page's outermost articles, else its paragraphs, else all its
text, if that is longer.

Each test checks what the port reads and that trafilatura reads the very same paragraphs.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from support import body_page, read_natively

from newsextract.extract.main_text import baseline

_SENTENCE = "The harbour dredging starts in May, the council said on Tuesday."


@pytest.fixture
def rescues(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lengths of the texts the baseline rescues read."""
    lengths: list[int] = []
    rescue = baseline.rescue

    def counted(*args: Any) -> Any:
        result = rescue(*args)
        lengths.append(result[1])
        return result

    monkeypatch.setattr(baseline, "rescue", counted)
    return lengths


def test_a_short_text_stays_where_the_page_holds_no_more(rescues: list[int]) -> None:
    assert read_natively(body_page("<article><p>Too short to be an article.</p><p>Really.</p></article>")) == [
        "Too short to be an article.",
        "Really.",
    ]
    assert len(rescues) == 1  # all the text: the same lines


def test_the_outermost_articles_not_much_shorter_than_the_longest(rescues: list[int]) -> None:
    # the link list leaves too little for the main extraction, the articles' whole text is read
    links = "".join(f"<a href='/{n}'>{_SENTENCE}</a> " for n in range(5))
    other = f"<article>Another story, over a fifth of the longest: {_SENTENCE}</article>"
    html = body_page(f"<article><div>{links}</div><span>{_SENTENCE}</span></article>{other}")
    paragraphs = read_natively(html)
    assert len(paragraphs) == 2 and paragraphs[0].count(_SENTENCE) == 6
    assert len(rescues) == 1


def test_the_paragraphs_with_long_repeats_left_out(rescues: list[int]) -> None:
    text = f"{_SENTENCE} It will take a year, and the channel stays open to the fishing boats."
    html = body_page(
        f"<div class='menu'><a href='/x'>x</a></div><span><p>{text}</p><blockquote><p>{text}</p></blockquote></span>"
    )
    assert read_natively(html) == [text]
    assert rescues == [len(text)]


def test_all_the_text_where_no_source_gives_enough(rescues: list[int]) -> None:
    html = body_page(f"<span>{_SENTENCE}</span><aside>Gone</aside><span>{_SENTENCE} Twice<!-- c -->over</span>")
    assert read_natively(html) == [_SENTENCE, f"{_SENTENCE} Twiceover"]
    assert len(rescues) == 1


def test_no_text_at_all() -> None:
    assert read_natively(body_page("<div><img src='a.png'></div>")) == []


def test_repeats_are_looked_for_up_to_the_scan_cap_only() -> None:
    half, other_half = "x" * (baseline.DEDUPE_SCAN_CAP // 2), "y" * (baseline.DEDUPE_SCAN_CAP // 2)
    repeat = "A paragraph long enough to count as a repeat when it comes again later on."
    texts = [repeat, repeat, half, half, other_half, repeat, "tail"]  # the cap is passed at other_half
    found = baseline._attempt(texts, dedupe=True)
    assert found is not None
    page, length = found
    kept = [p.text for p in page.children]
    assert kept == [repeat, half, other_half, repeat, "tail"]
    assert length == len("\n".join(kept))


def test_many_short_paragraphs_take_linear_time() -> None:
    # A new joined string per paragraph made this quadratic: 200,000 quotes took minutes.
    texts = [f"quote {n} with a few more words" for n in range(200_000)]
    started = time.perf_counter()
    found = baseline._attempt(texts, dedupe=True)
    assert found is not None and found[1] == len("\n".join(texts))
    assert time.perf_counter() - started < 5

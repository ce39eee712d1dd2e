"""Hostile and broken input: extract_article returns an Article or raises a NewsExtractError, fast.

Every case must finish within 2 seconds on the 2-core build machine; the
assertion allows 3 s (TIME_LIMIT) to absorb noisy CPU. Building the input is
not timed. Any exception other than NewsExtractError (RecursionError,
UnicodeDecodeError, MemoryError, ...) fails the test.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

import pytest

from newsextract import Article, extract_article
from newsextract.errors import NewsExtractError

TIME_LIMIT = 3.0  # seconds; the target is 2 s, the slack absorbs a busy CI machine
URL = "https://news.example.com/2024/01/02/story/"

_PARAGRAPHS = [
    "The regional transport authority said on Tuesday that it would extend late-night bus service "
    "on six routes from March, after a pilot scheme last autumn carried more passengers than expected.",
    "Officials said the extra services would cost about 2.4 million a year, paid for by a parking "
    "levy approved by the council in December, and that drivers had been recruited for all of the "
    "new shifts.",
    "Passenger groups welcomed the decision but said the authority should publish figures showing "
    "how many people used the pilot buses, and at what times, so that riders could judge whether "
    "the routes chosen were the right ones.",
    "The authority said it would review the extended service after twelve months and consider "
    "adding routes to the hospital and the university campus if demand held up through the winter.",
]


def _article_html(extra_head: str = "", extra_body: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Late-night buses to run on six more routes - Example News</title>"
        f'{extra_head}</head><body><header><nav><a href="/">Home</a></nav></header>'
        "<article><h1>Late-night buses to run on six more routes</h1>"
        f'<p class="byline">By Sam Carter</p>{paragraphs}</article>{extra_body}'
        "<footer>Example News</footer></body></html>"
    )


def _junk_png() -> bytes:
    rng = random.Random(20240102)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(200_000)


def _huge_junk_divs() -> bytes:
    # ~20 MB of real-looking but worthless markup after a genuine article.
    junk = '<div class="ad-slot"><span>Sponsored</span><a href="/x">Buy now</a></div>\n'
    repeat = 20_000_000 // len(junk) + 1
    return _article_html(extra_body=junk * repeat).encode("utf-8")


def _huge_script() -> bytes:
    blob = "var tracking = [" + ",".join(["0x1f2e3d4c"] * 1_800_000) + "];"
    return _article_html(extra_head=f"<script>{blob}</script>").encode("utf-8")


def _deep_nesting() -> bytes:
    depth = 10_000
    inner = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    return ("<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>").encode("utf-8")


def _deep_nesting_unclosed() -> bytes:
    return ("<html><body>" + "<div><span>" * 10_000 + "<p>" + _PARAGRAPHS[0]).encode("utf-8")


def _invalid_utf8() -> bytes:
    good = _article_html().encode("utf-8")
    cut = good.index(b"<p>The regional")
    return good[:cut] + b"<p>Bad bytes: \xc3\x28 \xa0\xa1 \xe2\x82 \xf0\x28\x8c\x28 \xff end.</p>" + good[cut:]


def _unclosed_script() -> bytes:
    return (
        _article_html()
        .replace("</footer>", "</footer><script>var s = '<p>not text</p>';")
        .encode("utf-8")
        .split(b"</body>")[0]
    )


def _frameset_only() -> bytes:
    return (
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN"><html><head><title>Example News</title>'
        b'</head><frameset cols="20%,80%"><frame src="menu.html" name="menu">'
        b'<frame src="main.html" name="main"><noframes>Your browser does not support frames.</noframes>'
        b"</frameset></html>"
    )


def _nul_byte() -> bytes:
    return _article_html().replace("expected.", "expected.\x00", 1).encode("utf-8")


CASES: dict[str, Callable[[], str | bytes]] = {
    "empty_str": lambda: "",
    "empty_bytes": lambda: b"",
    "whitespace_only": lambda: "   \n\t  ",
    "plain_text_not_html": lambda: "Just a line of text, no markup at all.\n" * 20,
    "binary_junk_png": _junk_png,
    "huge_20mb_junk_divs": _huge_junk_divs,
    "huge_20mb_script": _huge_script,
    "nesting_10000_divs": _deep_nesting,
    "nesting_10000_unclosed": _deep_nesting_unclosed,
    "invalid_utf8": _invalid_utf8,
    "unclosed_script": _unclosed_script,
    "frameset_only": _frameset_only,
    "nul_byte": _nul_byte,
    "nul_bytes_only": lambda: b"\x00" * 4096,
}


def _run(data: str | bytes) -> tuple[Article | None, NewsExtractError | None, float]:
    start = time.perf_counter()
    try:
        result = extract_article(data, url=URL)
    except NewsExtractError as exc:
        return None, exc, time.perf_counter() - start
    return result, None, time.perf_counter() - start


def _cases(names: list[str]) -> list[object]:
    """The cases as parameters; the 20 MB pages take a second or more each, so they are the slow tier."""
    return [pytest.param(name, marks=pytest.mark.slow) if name.startswith("huge_") else name for name in names]


@pytest.mark.parametrize("case", _cases(sorted(CASES)))
def test_bad_input_gives_article_or_typed_error_quickly(case: str) -> None:
    data = CASES[case]()
    limit_before = sys.getrecursionlimit()
    try:
        article, error, elapsed = _run(data)
    except RecursionError as exc:  # pragma: no cover - reported, never expected
        pytest.fail(f"{case}: RecursionError escaped extract_article: {exc}")
    except Exception as exc:  # pragma: no cover - reported, never expected
        pytest.fail(f"{case}: untyped {type(exc).__name__} escaped extract_article: {exc}")
    assert sys.getrecursionlimit() == limit_before, f"{case}: extract_article changed the recursion limit"
    assert elapsed < TIME_LIMIT, f"{case}: took {elapsed:.2f} s (target 2 s, limit {TIME_LIMIT} s)"
    if error is not None:
        assert error.kind and str(error), f"{case}: {type(error).__name__} without kind/message"
        return
    assert isinstance(article, Article), f"{case}: returned {type(article).__name__}, not Article"
    again = Article.model_validate(article.model_dump(mode="json"))
    assert again == article, f"{case}: record does not survive a JSON round trip"
    assert "\x00" not in article.body, f"{case}: NUL byte leaked into body"


@pytest.mark.parametrize("case", _cases(["invalid_utf8", "nul_byte", "unclosed_script", "huge_20mb_junk_divs"]))
def test_damaged_article_still_extracted(case: str) -> None:
    """A real article with a local defect keeps its text: a few bad bytes must not cost the record."""
    article, error, _ = _run(CASES[case]())
    assert error is None, f"{case}: raised {type(error).__name__}: {error}"
    assert article is not None
    assert article.headline == "Late-night buses to run on six more routes", f"{case}: headline {article.headline!r}"
    assert "late-night bus service on six routes" in article.body, f"{case}: body lost: {article.body[:200]!r}"
    assert "not text" not in article.body, f"{case}: script content leaked into body"
    assert "Sponsored" not in article.body, f"{case}: junk markup leaked into body"

"""Worst-case pages stay linear: the small sizes of bench/pathological.py, and the nesting pre-scan.

Each case of the bench runs at 1× and 10× (about 40 KB and 400 KB). A quadratic step shows as a
time ratio 10×/1× near 100 where linear work gives about 10, so the test allows GROWTH_BOUND ×
(with a floor under tiny 1× times), and an absolute bound at 10×. Times are the best of 3 runs,
so that a busy CI machine does not fail a linear case. The 100× sizes and the issue's 2 s target
are left to the bench itself (minutes, not seconds).

The generators are imported from bench/pathological.py (bench/ is put on sys.path): the bench
and the test must stress the very same pages, and the bench is where they are documented.
"""

from __future__ import annotations

import contextlib
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsextract import extract_article
from newsextract.extract import nesting
from newsextract.extract.page import _without_scripts
from newsextract.settings import DEFAULT_EXTRACT_SETTINGS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import pathological as bench
from common import PageTimeout

pytestmark = pytest.mark.slow  # end to end: child processes or large generated pages

GROWTH_BOUND = 25.0  # 10×/1×: linear ≈ 10, quadratic ≈ 100
FLOOR_SECONDS = 0.005  # 1× times below this are noise: compare against the floor
ABSOLUTE_SECONDS = 10.0  # at 10× (~400 KB); the target is 2 s at 4 MB
RUNS = 3


def _case_params() -> list[object]:
    return [pytest.param(case, id=case.name) for case in bench.CASES]


def best_time(
    run: Callable[[], Any],
    runs: int = RUNS,
    enough: float = 0.0,
    hopeless: float = float("inf"),
    give_up_after: float = ABSOLUTE_SECONDS,
) -> tuple[float, Any]:
    """The best of ``runs`` timings and the first run's result. Fewer runs once the best is at most
    ``enough``, or past ``hopeless`` (noise does not make a step 2× slower); a run past
    ``give_up_after`` fails the test at once."""
    best, result = float("inf"), None
    for attempt in range(runs):
        start = time.perf_counter()
        try:
            with _alarm(give_up_after):
                outcome = run()
        except PageTimeout:
            pytest.fail(f"a run took more than {give_up_after:.0f} s")
        best = min(best, time.perf_counter() - start)
        result = outcome if attempt == 0 else result
        if best <= enough or best > hopeless:
            break
    return best, result


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """The bench's time limit (SIGALRM), then pytest-timeout's own alarm set going again."""
    left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    try:
        with bench.time_limit(seconds):
            yield
    finally:
        if left:
            signal.setitimer(signal.ITIMER_REAL, max(left - (time.monotonic() - started), 0.001))


def growth_ok(small: float, large: float) -> bool:
    return large <= GROWTH_BOUND * max(small, FLOOR_SECONDS)


def extraction(html: str) -> Callable[[], object]:
    return lambda: extract_article(html, url="https://gazette.example/2024/harbour-bridge")


@pytest.mark.parametrize("case", _case_params())
def test_case_stays_linear_and_keeps_the_article(case: bench.Case) -> None:
    small_seconds, small_article = best_time(extraction(case.html(1)))  # best of 3: leaves out first-call set-up
    # The large page runs again only when a first run is a little too slow.
    bound = GROWTH_BOUND * max(small_seconds, FLOOR_SECONDS)
    large_seconds, large_article = best_time(extraction(case.html(10)), enough=bound, hopeless=2 * bound)
    for article in (small_article, large_article):
        assert bench.article_came_out(article.body), f"{case.name}: article text missing: {article.body[:300]!r}"
    assert growth_ok(small_seconds, large_seconds), (
        f"{case.name}: 10× took {large_seconds:.3f} s, 1× {small_seconds:.3f} s: "
        f"growth {large_seconds / max(small_seconds, FLOOR_SECONDS):.0f}× > {GROWTH_BOUND:.0f}×"
    )


def test_growth_check_flags_a_quadratic_step() -> None:
    """The check can fail: a toy step comparing every figure caption with every other (the shape of
    the old gallery bug) breaks the bound on the gallery pages, where a linear pass does not."""

    def captions(html: str) -> list[set[str]]:
        return [set(text.split()) for text in re.findall(r"<figcaption>(.*?)</figcaption>", html)]

    def quadratic(html: str) -> Callable[[], object]:
        found = captions(html)
        return lambda: sum(len(a & b) for a in found for b in found)

    def linear(html: str) -> Callable[[], object]:
        found = captions(html)
        return lambda: sum(len(a & found[0]) for a in found)

    gallery = bench.CASES_BY_NAME["gallery"]
    small, large = gallery.html(1), gallery.html(10)
    assert not growth_ok(best_time(quadratic(small))[0], best_time(quadratic(large), runs=1)[0])
    assert growth_ok(best_time(linear(small))[0], best_time(linear(large))[0])


def test_every_size_fits_under_the_input_cap() -> None:
    for case in bench.CASES:
        assert len(case.html(bench.SIZES[-1]).encode()) < DEFAULT_EXTRACT_SETTINGS.max_html_bytes, case.name


# ---- the nesting pre-scan ----


def _depth(html: str) -> int:
    """The parser's deepest element, by walking up from every leaf."""
    deepest = 0
    for node in LexborHTMLParser(html).root.traverse():  # type: ignore[union-attr]
        if node.child is None:
            depth, up = 0, node
            while up is not None:
                depth, up = depth + 1, up.parent
            deepest = max(deepest, depth)
    return deepest


def test_a_normal_page_is_left_alone() -> None:
    html = bench.page(bench.article_html() + "<div>" * 150 + "<p>deep but fine</p>" + "</div>" * 150)
    assert nesting.flatten_nesting(html) == (html, False)


@pytest.mark.parametrize(
    ("make", "count"),
    [
        (bench.nesting_closed, 30_000),
        (bench.nesting_unclosed, 30_000),
        (bench.unclosed_in_paragraphs, 1_000),
    ],  # justext: see KNOWN_QUADRATIC
    ids=["closed", "unclosed", "unclosed_in_paragraphs"],
)
def test_runaway_nesting_is_flattened_with_its_text(make: Callable[[int], str], count: int) -> None:
    html = make(count)
    flat, flattened = nesting.flatten_nesting(html)
    assert flattened
    assert _depth(flat) <= nesting.MAX_DEPTH + 20
    words = re.sub(r"<[^>]*>", " ", html).split()
    assert re.sub(r"<[^>]*>", " ", flat).split() == words  # every word kept, in order
    article = extract_article(html)
    assert "nesting_flattened" in article.warnings
    assert bench.article_came_out(article.body)


def test_closed_nesting_keeps_what_follows_outside_it() -> None:
    """The end tags of dropped elements go too: what follows the deep part is not pulled into it."""
    html = "<html><body><section>" + "<div>" * 5_000 + "deep" + "</div>" * 5_000 + "<p>after</p></section></body>"
    flat, _ = nesting.flatten_nesting(html)
    assert flat.count("<div>") == flat.count("</div>") < nesting.MAX_DEPTH
    assert flat.endswith("deep" + "</div>" * flat.count("</div>") + "<p>after</p></section></body>")


def test_tags_in_comments_and_scripts_do_not_count() -> None:
    hidden = "<!--" + "<div>" * 5_000 + "-->" + "<script>var s = '" + "<b>" * 5_000 + "';</script>"
    html = bench.page(hidden + bench.article_html())
    assert nesting.flatten_nesting(html) == (html, False)


def test_the_scan_is_linear() -> None:
    small, large = bench.nesting_unclosed(20_000), bench.nesting_unclosed(200_000)
    assert growth_ok(
        best_time(lambda: nesting.flatten_nesting(small))[0], best_time(lambda: nesting.flatten_nesting(large))[0]
    )


def test_dropping_scripts_before_the_cut_is_linear() -> None:
    """Many unclosed <script>s: one pass, where a lazy `.*?` regex would rescan the page from each."""
    small, large = "<p>x</p>" * 50_000 + "<script>a" * 400, "<p>x</p>" * 500_000 + "<script>a" * 4_000
    assert growth_ok(best_time(lambda: _without_scripts(small))[0], best_time(lambda: _without_scripts(large))[0])
    assert _without_scripts("a<script>x</script>b<STYLE media=x>y</style >c<script>z") == "abc<script>z"

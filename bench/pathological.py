#!/usr/bin/env python3
"""Worst-case pages: does extraction time grow with the page, or faster?

usage: python bench/pathological.py [--cases C [C ...]] [--sizes N [N ...]] [--repeat N]
                                    [--max-seconds S] [--json OUT]

Each case is a generated page shape (a gallery, many links, deep nesting, ...) around a small
real article, at 1×, 10× and 100× its unit count; 100× stays under the 4 MB input cap
(ExtractSettings.max_html_bytes). For each size it times newsextract.extract_article in-process
(best of --repeat runs), prints the growth ratios 10×/1× and 100×/10× (linear work gives about
10, quadratic about 100), and whether the article's text came out. The issue's targets: under
2 s at 100×, and 100×/10× at most about 10.

A case that runs past --max-seconds is reported as a timeout and its larger sizes skipped. The
limit is an alarm in this process: it lands once a long C call (the HTML parser) returns.

The generators (CASES) are imported by tests/test_pathological.py, which runs the small sizes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import PageTimeout, time_limit

import newsextract
from newsextract.settings import DEFAULT_EXTRACT_SETTINGS

SIZES = (1, 10, 100)
INPUT_CAP = DEFAULT_EXTRACT_SETTINGS.max_html_bytes
# The targets at the largest size.
TARGET_SECONDS = 2.0
TARGET_GROWTH = 12.0  # "at most about 10×"

# ---- the small real article every page holds ----

HEADLINE = "Harbour bridge to be rebuilt after years of delay"
# One sentence from the first paragraph and one from the last: both must come out in the body.
FIRST_SENTENCE = "The city council voted on Tuesday to rebuild the old harbour bridge"
LAST_SENTENCE = "Work is expected to start next spring and to last about two years"
ARTICLE_PARAGRAPHS = (
    f"{FIRST_SENTENCE}, ending a dispute over its cost that has lasted for almost a decade. "
    "The bridge, opened in 1931, has been closed to lorries since engineers found cracks in two of its piers.",
    "Councillors approved the plan by 31 votes to 12 after a debate that ran late into the evening. "
    "Supporters said the crossing was vital for the fishing fleet and for the shops along the quay.",
    "Opponents argued that a new tunnel further along the coast would cost less to maintain over the "
    "next fifty years, and asked for an independent review of the engineers' figures.",
    "The mayor said the review had been done twice already and that further delay would only raise "
    "the price, which has grown by a third since the first estimate was published.",
    f"{LAST_SENTENCE}. During that time a temporary ferry will carry foot passengers and cyclists "
    "across the harbour every twenty minutes.",
)


def article_html() -> str:
    """The small real article: a headline, a byline and five paragraphs of prose."""
    paragraphs = "\n".join(f"<p>{text}</p>" for text in ARTICLE_PARAGRAPHS)
    return f'<article><h1>{HEADLINE}</h1><p class="byline">By Jane Porter</p>\n{paragraphs}\n</article>\n'


def page(body: str) -> str:
    """A whole page around ``body``."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{HEADLINE} | The Coast Gazette</title></head>\n<body>\n{body}</body></html>\n"
    )


def article_came_out(body: str) -> bool:
    return FIRST_SENTENCE in body and LAST_SENTENCE in body


# ---- the cases: each makes a page from a unit count; 100 × the 1× count fits under the input cap ----


def figures(count: int) -> str:
    return "".join(
        f'<figure><img src="/photos/2024/harbour-{i}.jpg" alt="Boats in the harbour, view {i}">'
        f"<figcaption>Fishing boats at dawn, picture {i} of the series. Photo: Ann Lens</figcaption>"
        "</figure>\n"
        for i in range(count)
    )


def gallery(count: int) -> str:
    """A gallery of figures (img + figcaption) inside the article, after its prose."""
    return page(article_html().replace("</article>", f'<div class="gallery">{figures(count)}</div></article>'))


def gallery_aside(count: int) -> str:
    """The same gallery beside the article, outside it."""
    return page(article_html() + f'<aside class="gallery">{figures(count)}</aside>\n')


def liveblog(count: int) -> str:
    """A live blog inside the article: ``count`` entries, each a paragraph and a captioned photo."""
    entries = "".join(
        f"<p>Update {i}: crews lifted another part of the old deck onto a barge, and boats "
        f"may pass again by noon.</p>\n"
        f'<figure><img src="/live/{i}.jpg" alt="Crane, update {i}">'
        f"<figcaption>A crane lifts deck part {i}. Photo: Ann Lens</figcaption></figure>\n"
        for i in range(count)
    )
    return page(article_html().replace("</article>", f'<div class="live">{entries}</div></article>'))


def links(count: int) -> str:
    """A long list of links after the article."""
    items = "".join(f'<li><a href="/news/2024/story-{i}">Another story, number {i}</a></li>\n' for i in range(count))
    return page(article_html() + f'<div class="more"><ul>{items}</ul></div>\n')


def paragraphs(count: int) -> str:
    """Many short paragraphs after the article (a comment thread, a list of notices)."""
    notes = "".join(f"<p>Notice {i} posted.</p>\n" for i in range(count))
    return page(article_html() + f'<section class="notices">{notes}</section>\n')


def table(rows: int) -> str:
    """A data table of rows × 100 cells inside the article."""
    row = "<tr>" + "".join(f"<td>{c}</td>" for c in range(100)) + "</tr>\n"
    return page(article_html().replace("</article>", f"<table>{row * rows}</table></article>"))


def nesting_closed(depth: int) -> str:
    """The article at the bottom of ``depth`` nested, closed <div>s."""
    return page("<div>" * depth + article_html() + "</div>" * depth + "\n")


def nesting_unclosed(count: int) -> str:
    """``count`` unclosed inline elements (<b>, <font color=…>), then the article inside them."""
    opened = "".join(f'<font color="#{i:06x}">word ' if i % 2 else "<b>word " for i in range(count))
    return page(opened + "\n" + article_html())


def unclosed_in_paragraphs(count: int) -> str:
    """An unclosed <font> in each of ``count`` paragraphs: the parser re-opens all of them in every
    later paragraph, so its tree grows with the square of the count. Then the article."""
    lines = "".join(f'<p><font color="#{i:06x}">Line {i}</p>\n' for i in range(count))
    return page(lines + article_html())


def giant_attribute(kilobytes: int) -> str:
    """One attribute value of ``kilobytes`` KB (inlined state, a data: URL) before the article."""
    value = ("eyJzdGF0ZSI6eyJpdGVtcyI6W10sInBhZ2UiOjF9fQ" * (kilobytes * 1024 // 42 + 1))[: kilobytes * 1024]
    return page(f'<div id="app" data-state="{value}"></div>\n' + article_html())


def long_text(kilobytes: int) -> str:
    """``kilobytes`` KB of text without a single tag after the article."""
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
    return page(article_html() + f"<div>{(words * (kilobytes * 1024 // len(words) + 1))[: kilobytes * 1024]}</div>\n")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[int], str]
    unit: str  # what the count counts
    count_1x: int

    def html(self, size: int) -> str:
        return self.make(self.count_1x * size)


CASES = (
    Case("gallery", gallery, "figures", 200),
    Case("gallery_aside", gallery_aside, "figures", 200),
    Case("liveblog", liveblog, "entries", 150),
    Case("links", links, "links", 540),
    Case("paragraphs", paragraphs, "paragraphs", 1_400),
    Case("table", table, "rows of 100 cells", 34),
    Case("nesting_closed", nesting_closed, "levels", 3_400),
    Case("nesting_unclosed", nesting_unclosed, "elements", 2_200),
    Case("unclosed_in_paragraphs", unclosed_in_paragraphs, "paragraphs", 1_000),
    Case("giant_attribute", giant_attribute, "KB", 38),
    Case("long_text", long_text, "KB", 38),
)
CASES_BY_NAME = {case.name: case for case in CASES}


# ---- timing ----


@dataclass
class Run:
    case: str
    size: int
    count: int
    bytes: int
    seconds: float | None  # None: ran past the limit
    article: bool | None  # the article's text came out (None: ran past the limit)
    warnings: list[str]


def time_extraction(html: str, repeat: int = 1, limit: float = 0.0) -> tuple[float, newsextract.Article]:
    """The best of ``repeat`` timed extract_article calls, and the article; PageTimeout past ``limit``."""
    best = float("inf")
    article = None
    for _ in range(repeat):
        with time_limit(limit):
            start = time.perf_counter()
            article = newsextract.extract_article(html, url="https://gazette.example/2024/harbour-bridge")
            best = min(best, time.perf_counter() - start)
    assert article is not None
    return best, article


def run_case(case: Case, sizes: tuple[int, ...], repeat: int, limit: float) -> list[Run]:
    """Every size of one case, smallest first; after a timeout the larger sizes are skipped."""
    runs: list[Run] = []
    for size in sizes:
        html = case.html(size)
        size_bytes = len(html.encode())
        try:
            seconds, article = time_extraction(html, repeat, limit)
        except PageTimeout:
            runs.append(Run(case.name, size, case.count_1x * size, size_bytes, None, None, []))
            break
        runs.append(
            Run(
                case.name,
                size,
                case.count_1x * size,
                size_bytes,
                seconds,
                article_came_out(article.body),
                article.warnings,
            )
        )
    return runs


def growth(runs: list[Run], index: int) -> float | None:
    """Time of runs[index] over the run before it."""
    now, before = runs[index].seconds, runs[index - 1].seconds if index else None
    return now / before if now is not None and before else None


def misses(runs: list[Run], sizes: tuple[int, ...]) -> list[str]:
    """How a case misses the issue's targets at its largest size (none when that size was not run)."""
    if max(sizes) != SIZES[-1]:
        return []
    last = runs[-1]
    if last.seconds is None:
        return ["timed out"]
    found = [] if last.size == SIZES[-1] else ["largest size not reached"]
    if last.seconds >= TARGET_SECONDS:
        found.append(f"{last.seconds:.2f} s ≥ {TARGET_SECONDS:.0f} s")
    rise = growth(runs, len(runs) - 1)
    if rise is not None and rise > TARGET_GROWTH:
        found.append(f"growth {rise:.1f}× > {TARGET_GROWTH:.0f}×")
    if not all(run.article for run in runs):
        found.append("article text lost")
    return found


# ---- output ----


def table_rows(all_runs: list[list[Run]]) -> list[list[str]]:
    rows = []
    for runs in all_runs:
        for index, run in enumerate(runs):
            rise = growth(runs, index)
            rows.append(
                [
                    run.case,
                    f"{run.size}×",
                    f"{run.count:,}",
                    f"{run.bytes:,}",
                    "timeout" if run.seconds is None else f"{run.seconds:.3f}",
                    "" if rise is None else f"{rise:.1f}",
                    {True: "yes", False: "NO", None: "-"}[run.article],
                    ",".join(w for w in run.warnings if w != "no_headline"),
                ]
            )
    return rows


def render(rows: list[list[str]]) -> str:
    header = ["case", "size", "count", "bytes", "seconds", "growth", "article", "warnings"]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    right = {2, 3, 4, 5}
    lines = []
    for row in (header, *rows):
        cells = [
            cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument(
        "--cases",
        nargs="+",
        choices=list(CASES_BY_NAME),
        default=list(CASES_BY_NAME),
        metavar="CASE",
        help=f"subset of: {' '.join(CASES_BY_NAME)}",
    )
    p.add_argument("--sizes", nargs="+", type=int, choices=SIZES, default=list(SIZES), help="multiples of 1×")
    p.add_argument("--repeat", type=int, default=1, help="time the best of N runs (default 1)")
    p.add_argument("--max-seconds", type=float, default=60.0, help="per page, seconds (0 = no limit)")
    p.add_argument("--json", type=Path, default=None, metavar="OUT", help="write every run as JSON")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    sizes = tuple(sorted(set(args.sizes)))
    for name in args.cases:  # warm-up: imports and first-call set-up (stop lists, caches) stay out of the timings
        time_extraction(CASES_BY_NAME[name].html(1), limit=args.max_seconds)
    all_runs: list[list[Run]] = []
    for name in args.cases:
        runs = run_case(CASES_BY_NAME[name], sizes, args.repeat, args.max_seconds)
        all_runs.append(runs)
        print(
            f"{name}: " + ", ".join("timeout" if r.seconds is None else f"{r.seconds:.3f} s" for r in runs),
            file=sys.stderr,
            flush=True,
        )  # progress: the 100× sizes can take minutes
    print(render(table_rows(all_runs)))
    report: dict[str, Any] = {
        "sizes": list(sizes),
        "repeat": args.repeat,
        "max_seconds": args.max_seconds,
        "runs": [vars(run) for runs in all_runs for run in runs],
        "misses": {},
    }
    for runs in all_runs:
        missed = misses(runs, sizes)
        if missed:
            report["misses"][runs[0].case] = missed
            print(f"MISS {runs[0].case}: {'; '.join(missed)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

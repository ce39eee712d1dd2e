#!/usr/bin/env python3
"""Accuracy and speed of newsextract against trafilatura, readability-lxml and newspaper4k, in one run.

usage: python bench/accuracy.py [--tools T [T ...]] [--datasets DIR] [--limit N]
                                [--json OUT] [--markdown] [--timeout S]

For every dataset under DIR (default ../shared/datasets) and every tool, writes
bench/out/<dataset>/<tool>.jsonl, scores it with the shared eval/score.py and
prints one table: dataset x metric rows, one column a tool, plus mean/median
ms/page and the mean ms/page ratio to trafilatura. Tools run interleaved per
page in rotating order (fair timing on a noisy machine), fully offline. With both
newsextract and trafilatura it also lists every page where newsextract's body F1
is more than 0.3 below trafilatura's, with the removals that --explain reports.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from common import (
    DEFAULT_DATASETS,
    OfflineGuard,
    PageTimeout,
    Record,
    ScoreFn,
    dataset_dirs,
    load_gold,
    load_scorer,
    read_page,
    time_limit,
    write_jsonl,
)
from losses import report as loss_report

from newsextract.decode import decode_html

OUT_DIR = Path(__file__).resolve().parent / "out"
METRICS = ("body_f1", "title_acc", "authors_f1", "date_acc", "captions_f1", "captions_dup", "caption_in_body")
TIMING_ROWS = (("ms/page (mean)", "ms_per_page_mean"), ("ms/page (median)", "ms_per_page_median"))
ALL_TOOLS = ("newsextract", "trafilatura", "readability", "newspaper4k")
DISTRIBUTIONS = {
    "newsextract": "newsextract",
    "trafilatura": "trafilatura",
    "readability": "readability-lxml",
    "newspaper4k": "newspaper4k",
}

Extractor = Callable[[bytes, str, str], Record]  # (raw bytes, decoded text, url) -> prediction


# ---- tool adapters: each picks its native input (bytes or str) and maps its output to the scorer format ----


def _make_newsextract() -> Extractor:
    from newsextract import extract_article
    from newsextract.extract.language import detect_language

    # The language model loads once per process (about 1 s) on the first page whose metadata names
    # no language; load it here, as the warm-up page may not need it, so per-page times are steady state.
    detect_language("a warm-up sentence that is long enough to be classified by the model " * 8)

    def run(raw: bytes, _text: str, url: str) -> Record:
        a = extract_article(raw, url=url)
        return {
            "title": a.headline,
            "authors": list(a.authors),
            "date": a.published.isoformat() if a.published else None,
            "body": a.body,
            "captions": [i.caption for i in a.images if i.caption],
        }

    return run


def _split_authors(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(";") if name.strip()]


def _make_trafilatura() -> Extractor:
    import trafilatura

    def run(_raw: bytes, text: str, url: str) -> Record:
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True)
        if doc is None:
            return {}
        d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        return {
            "title": d.get("title"),
            "authors": _split_authors(d.get("author")),
            "date": d.get("date"),
            "body": d.get("text") or "",
            "captions": [],
        }

    return run


_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "tr",
        "figure",
        "figcaption",
        "header",
        "footer",
        "dl",
        "dt",
        "dd",
        "hr",
    }
)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph a block element, paragraphs split by blank lines."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
            el.text = "\n\n" + (el.text or "")
    chunks = (" ".join(part.split()) for part in root.text_content().split("\n\n"))
    return "\n\n".join(c for c in chunks if c)


def _make_readability() -> Extractor:
    from readability import Document

    def run(_raw: bytes, text: str, _url: str) -> Record:
        doc = Document(text)
        body = html_to_text(doc.summary())
        return {"title": doc.short_title() or doc.title(), "authors": [], "date": None, "body": body, "captions": []}

    return run


def _make_newspaper4k() -> Extractor:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed": only NLP features need it
        import newspaper

    config = newspaper.Config()
    config.fetch_images = False
    config.memoize_articles = False
    config.follow_meta_refresh = False
    config.disable_category_cache = True

    def run(_raw: bytes, text: str, url: str) -> Record:
        art = newspaper.Article(url, config=config)
        art.download(input_html=text)
        art.parse()
        return {
            "title": art.title,
            "authors": list(art.authors),
            "date": art.publish_date.isoformat() if art.publish_date else None,
            "body": art.text or "",
            "captions": [],
        }

    return run


FACTORIES: dict[str, Callable[[], Extractor]] = {
    "newsextract": _make_newsextract,
    "trafilatura": _make_trafilatura,
    "readability": _make_readability,
    "newspaper4k": _make_newspaper4k,
}


# ---- running ----


@dataclass
class ToolRun:
    """One tool's predictions, timings and errors over one dataset."""

    predictions: list[Record] = field(default_factory=list)
    seconds: list[float | None] = field(default_factory=list)  # None where the call failed
    errors: Counter[str] = field(default_factory=Counter)  # exception type -> pages
    failed: dict[str, str] = field(default_factory=dict)  # page id -> error message


def call_tool(extract: Extractor, raw: bytes, text: str, url: str, timeout: float) -> tuple[Record, float, str]:
    """Run one extraction; return (prediction, seconds, error name or "")."""
    start = time.perf_counter()
    try:
        with time_limit(timeout):
            start = time.perf_counter()
            pred = extract(raw, text, url)
            elapsed = time.perf_counter() - start
        return pred, elapsed, ""
    except PageTimeout:
        return {}, time.perf_counter() - start, "PageTimeout"
    except Exception as exc:  # a peer failing on one page must not stop the bench
        message = " ".join(str(exc).split())[:200]
        return {}, time.perf_counter() - start, f"{type(exc).__name__}: {message}"


def rotated(names: list[str], i: int) -> list[str]:
    k = i % len(names)
    return names[k:] + names[:k]


def warm_up(extractors: dict[str, Extractor], raw: bytes, text: str, url: str, timeout: float) -> None:
    for extract in extractors.values():
        call_tool(extract, raw, text, url, timeout)


def run_dataset(
    dataset: Path, extractors: dict[str, Extractor], limit: int | None, timeout: float
) -> tuple[list[Record], dict[str, ToolRun]]:
    """Run every tool on every page, interleaved per page in rotating order."""
    gold = load_gold(dataset)[:limit] if limit else load_gold(dataset)
    runs = {name: ToolRun() for name in extractors}
    names = list(extractors)
    for i, rec in enumerate(gold):
        raw = read_page(dataset, rec["id"])
        text = decode_html(raw)[0]
        if i == 0:
            warm_up(extractors, raw, text, rec["url"], timeout)
        for name in rotated(names, i):
            pred, seconds, error = call_tool(extractors[name], raw, text, rec["url"], timeout)
            record_result(runs[name], rec["id"], pred, seconds, error)
        if (i + 1) % 50 == 0:
            print(f"  {dataset.name}: {i + 1}/{len(gold)} pages", file=sys.stderr, flush=True)
    return gold, runs


def record_result(run: ToolRun, page_id: str, pred: Record, seconds: float, error: str) -> None:
    run.predictions.append({"id": page_id, **pred})
    run.seconds.append(None if error else seconds)
    if error:
        kind = error.split(":", 1)[0]
        run.errors[kind] += 1
        run.failed[page_id] = error


# ---- scoring and reporting ----


def summarise(dataset: str, gold: list[Record], runs: dict[str, ToolRun], score: ScoreFn) -> dict[str, Any]:
    """Write each tool's JSONL, score it, and gather metrics, timings and errors."""
    out: dict[str, Any] = {}
    for name, run in runs.items():
        write_jsonl(OUT_DIR / dataset / f"{name}.jsonl", run.predictions)
        metrics = score(gold, {p["id"]: p for p in run.predictions})
        ms = [s * 1000 for s in run.seconds if s is not None]
        out[name] = {
            "metrics": {k: metrics.get(k) for k in METRICS},
            "pages": len(run.seconds),
            "ms_per_page_mean": statistics.fmean(ms) if ms else None,
            "ms_per_page_median": statistics.median(ms) if ms else None,
            "errors": dict(run.errors),
            "failed_pages": run.failed,
        }
    if "trafilatura" in runs:
        base = runs["trafilatura"].seconds
        for name, run in runs.items():
            out[name]["ms_ratio_vs_trafilatura"] = paired_ratio(run.seconds, base)
    return out


def paired_ratio(times: list[float | None], base: list[float | None]) -> float | None:
    """Sum of a tool's times over the sum of trafilatura's, on the pages where both succeeded."""
    pairs = [(t, b) for t, b in zip(times, base, strict=True) if t is not None and b is not None]
    total_base = sum(b for _, b in pairs)
    return sum(t for t, _ in pairs) / total_base if total_base else None


def fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table_rows(results: dict[str, dict[str, Any]], tools: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for dataset, per_tool in results.items():
        for metric in METRICS:
            cells = [per_tool[t]["metrics"][metric] for t in tools]
            if any(c is not None for c in cells):
                rows.append([dataset, metric, *(fmt(c) for c in cells)])
        for label, key in TIMING_ROWS:
            rows.append([dataset, label, *(fmt(per_tool[t][key], 1) for t in tools)])
        if "trafilatura" in per_tool:
            ratios = [per_tool[t]["ms_ratio_vs_trafilatura"] for t in tools]
            rows.append([dataset, "ms/page ratio vs trafilatura", *(fmt(r, 2) for r in ratios)])
    return rows


def render(rows: list[list[str]], header: list[str], markdown: bool) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        padded = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in pairs]
        return "| " + " | ".join(padded) + " |" if markdown else "  ".join(padded)

    if not markdown:
        return "\n".join([line(header), *(line(r) for r in rows)])
    rule = "|" + "|".join("-" * (w + 1) + ("-" if i < 2 else ":") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def print_errors(results: dict[str, dict[str, Any]]) -> None:
    for dataset, per_tool in results.items():
        for tool, res in per_tool.items():
            total = sum(res["errors"].values())
            if total:
                kinds = ", ".join(f"{k} x{n}" for k, n in res["errors"].items())
                print(f"errors {dataset}/{tool}: {total}/{res['pages']} pages ({kinds})")
                for page_id, message in first_per_kind(res["failed_pages"]).items():
                    print(f"    e.g. {page_id}: {message}")


def first_per_kind(failed: dict[str, str]) -> dict[str, str]:
    """One example page a kind of error (messages cut to their first line)."""
    seen: dict[str, str] = {}
    for page_id, message in failed.items():
        kind = message.split(":", 1)[0]
        if kind not in {m.split(":", 1)[0] for m in seen.values()}:
            seen[page_id] = message.splitlines()[0] if message else kind
    return seen


def tool_versions(tools: list[str]) -> dict[str, str]:
    out = {}
    for tool in tools:
        try:
            out[tool] = version(DISTRIBUTIONS[tool])
        except PackageNotFoundError:
            out[tool] = "?"
    return out


# ---- entry point ----


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument(
        "--tools",
        nargs="+",
        choices=ALL_TOOLS,
        default=list(ALL_TOOLS),
        metavar="TOOL",
        help=f"subset of: {' '.join(ALL_TOOLS)} (default: all)",
    )
    p.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS, help="folder of datasets")
    p.add_argument("--limit", type=int, default=None, help="only the first N pages of each dataset")
    p.add_argument("--json", type=Path, default=None, metavar="OUT", help="write results as JSON")
    p.add_argument("--markdown", action="store_true", help="print the table as markdown")
    p.add_argument("--timeout", type=float, default=60.0, help="per page and tool, seconds (0 = none)")
    return p.parse_args(argv)


def quiet_libraries() -> None:
    """Peers log and warn a lot on odd pages; the bench reports errors itself."""
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def warm_shared_caches() -> None:
    """htmldate, which newsextract and trafilatura both use, loads every dateparser locale on first
    need (about 2 s, once per process), and dateparser compiles each locale's word-splitting regex
    the first time a date string is tried in it (about 1.5 s for all of them, once per process):
    whichever tool reaches them first would pay for both. A string no locale can read tries them all."""
    from htmldate.extractors import get_external_parser, month_words

    month_words()
    get_external_parser().get_date_data("zzqx 13 qwzx 2021")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    tools = [t for t in ALL_TOOLS if t in args.tools]
    quiet_libraries()
    guard = OfflineGuard()
    guard.install()
    warm_shared_caches()
    extractors = {name: FACTORIES[name]() for name in tools}
    score, body_scores = load_scorer(args.datasets), load_scorer(args.datasets, "body_scores")
    results: dict[str, dict[str, Any]] = {}
    losses: dict[str, dict[str, Any]] = {}
    for dataset in dataset_dirs(args.datasets):
        gold, runs = run_dataset(dataset, extractors, args.limit, args.timeout)
        results[dataset.name] = summarise(dataset.name, gold, runs, score)
        losses[dataset.name] = loss_report(dataset, gold, runs, body_scores)
    versions = tool_versions(tools)
    header = ["dataset", "metric", *(f"{t} {versions[t]}" for t in tools)]
    print(render(table_rows(results, tools), header, args.markdown))
    print_errors(results)
    print(f"network connections attempted (all blocked): {guard.attempts}")
    if args.json:
        payload = {
            "tools": versions,
            "limit": args.limit,
            "network_attempts": guard.attempts,
            "results": results,
            "body_losses_vs_trafilatura": losses,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

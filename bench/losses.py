"""Per-page body losses against trafilatura: every page where one tool's body F1 is far below the other's.

Used by accuracy.py. For each page newsextract loses, the biggest removals that
``explain_article`` reports (rule, words, evidence) say what took the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import Record, read_page

LOSS_MARGIN = 0.3
BodyScores = Callable[[str, str], tuple[float, float, float]]  # the scorer's body_scores(gold, pred)


@dataclass(frozen=True)
class PageLoss:
    """One page where a tool's body F1 trails the other's by more than LOSS_MARGIN."""

    page_id: str
    url: str
    ours: float
    theirs: float
    why: str = ""


def body_f1(body_scores: BodyScores, gold: str, pred: str) -> float:
    tp, fp, fn = body_scores(gold, pred)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def page_losses(
    gold: list[Record], ours: list[Record], theirs: list[Record], body_scores: BodyScores
) -> tuple[list[PageLoss], list[PageLoss]]:
    """(pages newsextract loses, pages it wins), each by more than LOSS_MARGIN body F1."""
    by_id_ours = {p["id"]: p for p in ours}
    by_id_theirs = {p["id"]: p for p in theirs}
    lost, won = [], []
    for rec in gold:
        if rec.get("body") is None:
            continue
        a = body_f1(body_scores, rec["body"], by_id_ours.get(rec["id"], {}).get("body") or "")
        b = body_f1(body_scores, rec["body"], by_id_theirs.get(rec["id"], {}).get("body") or "")
        if b - a > LOSS_MARGIN:
            lost.append(PageLoss(rec["id"], rec["url"], a, b))
        elif a - b > LOSS_MARGIN:
            won.append(PageLoss(rec["id"], rec["url"], a, b))
    return lost, won


def explain_loss(dataset: Path, loss: PageLoss, top: int = 2) -> PageLoss:
    """The loss with its biggest removals, from newsextract's own --explain."""
    from newsextract import explain_article

    explained = explain_article(read_page(dataset, loss.page_id), url=loss.url)
    biggest = sorted(explained.removed, key=lambda r: r.words, reverse=True)[:top]
    why = "; ".join(f"{r.step}/{r.rule} {r.words}w ({r.evidence[:60]})" for r in biggest) or "no removal"
    why += f"; body from {explained.article.provenance.get('body', '-')}"
    return PageLoss(loss.page_id, loss.url, loss.ours, loss.theirs, why)


def report(dataset: Path, gold: list[Record], runs: dict[str, Any], body_scores: BodyScores) -> dict[str, Any]:
    """Print and return the loss list of one dataset (needs both newsextract and trafilatura)."""
    if "newsextract" not in runs or "trafilatura" not in runs:
        return {}
    lost, won = page_losses(gold, runs["newsextract"].predictions, runs["trafilatura"].predictions, body_scores)
    lost = [explain_loss(dataset, loss) for loss in lost]
    share = len(lost) / len(gold) if gold else 0.0
    print(
        f"{dataset.name}: newsextract body F1 > {LOSS_MARGIN} below trafilatura on {len(lost)}/{len(gold)} "
        f"pages ({share:.1%}); above it on {len(won)}"
    )
    for loss in lost:
        print(f"  - {loss.page_id} ours {loss.ours:.2f} vs {loss.theirs:.2f} {loss.url}\n      {loss.why}")
    return {"lost": [vars(x) for x in lost], "won": [vars(x) for x in won], "lost_share": share}

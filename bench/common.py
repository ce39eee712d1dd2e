"""Shared bench helpers: dataset discovery, page loading, the shared scorer, offline and timeout guards.

Usage (from a script in bench/)::

    from common import DEFAULT_DATASETS, dataset_dirs, load_gold, read_page, load_scorer
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import json
import signal
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

# /work/main/bench/common.py -> /work/shared/datasets (the repo's sibling shared/ folder).
DEFAULT_DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"

Record = dict[str, Any]
ScoreFn = Callable[[list[Record], dict[str, Record]], dict[str, float | None]]


def dataset_dirs(root: Path) -> list[Path]:
    """Every dataset under root: a sub-folder holding gold.jsonl, in name order."""
    return sorted(p for p in root.iterdir() if (p / "gold.jsonl").is_file())


def load_gold(dataset: Path) -> list[Record]:
    """The gold records of one dataset, in file order."""
    with (dataset / "gold.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_page(dataset: Path, page_id: str) -> bytes:
    """The raw (gunzipped) bytes of one page, as fetched."""
    return gzip.decompress((dataset / "pages" / f"{page_id}.html.gz").read_bytes())


def load_scorer(datasets_root: Path, name: str = "score") -> Any:
    """A function of the shared scorer (eval/score.py beside the datasets folder): `score` by default,
    or another by name (`body_scores`)."""
    path = datasets_root.resolve().parent / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_eval_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def write_jsonl(path: Path, records: list[Record]) -> None:
    """Write one JSON object a line (UTF-8, non-ASCII kept), creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


class NetworkBlocked(OSError):
    """Raised when benchmarked code tries to open a network connection."""


class OfflineGuard:
    """Makes every socket connect / DNS lookup fail at once, and counts the attempts."""

    def __init__(self) -> None:
        self.attempts = 0

    def install(self) -> None:
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            self.attempts += 1
            raise NetworkBlocked("network access is disabled in the bench")

        socket.socket.connect = refuse  # type: ignore[method-assign]
        socket.socket.connect_ex = refuse  # type: ignore[method-assign]
        socket.getaddrinfo = refuse
        socket.create_connection = refuse


class PageTimeout(BaseException):
    """A tool ran past its per-page time limit (BaseException so broad `except Exception` can't eat it)."""


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise PageTimeout


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PageTimeout in the main thread once `seconds` of wall time have passed (0 = no limit)."""
    if seconds <= 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

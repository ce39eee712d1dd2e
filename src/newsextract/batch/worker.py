"""The extraction side of a batch: what runs inside an extraction process.

A worker process is started (with spawn) on `worker_main`; it loads the extractor, says it is
ready, then turns one `ExtractJob` at a time into an `Outcome` (the finished output line), so
that the fetching parent never parses HTML or serialises articles.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection

from newsextract._urls import has_http_scheme
from newsextract.batch.options import ExtractFn
from newsextract.batch.records import NO_ENVELOPE, Envelope, Outcome
from newsextract.batch.sources import is_saved_file, load_offline
from newsextract.errors import NoArticleError, extraction_errors
from newsextract.models import FetchedPage
from newsextract.settings import ExtractSettings

READY = "ready"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass(frozen=True, slots=True)
class ExtractJob:
    """One page for a worker: fetched bytes, or an offline locator the worker loads itself.

    envelope: the record's provenance so far (input line/id, fetch time and status);
    require_article: an empty body is a NoArticleError failure rather than an ok record.
    """

    row_id: int
    key: str
    page: FetchedPage | None
    locator: str | None
    extract: ExtractFn
    settings: ExtractSettings
    max_bytes: int
    envelope: Envelope = NO_ENVELOPE
    require_article: bool = False


def extract_job(job: ExtractJob) -> Outcome:
    """Extract one page into its finished output line (serialising here keeps the parent process free)."""
    envelope = job.envelope
    try:
        page = job.page if job.page is not None else load_offline(job.key, job.locator or "", job.max_bytes)
        envelope = envelope.of_page(page, saved_file=job.page is None and is_saved_file(job.locator))
        base = page.url if has_http_scheme(page.url) else None
        with extraction_errors(job.key):
            article = job.extract(
                page.content,
                url=base,
                final_url=page.final_url if base else None,
                http_charset=page.charset,
                settings=job.settings,
            )
    except Exception as exc:  # one bad page must not end an hours-long run; its record says why
        return Outcome.of_error(job.row_id, job.key, exc, envelope.failed_load(exc))
    if job.require_article and not article.body.strip():
        reason = "the page has no article" if "no_article" in article.warnings else "the article body is empty"
        return Outcome.of_error(job.row_id, job.key, NoArticleError(reason, url=job.key), envelope, no_article=True)
    return Outcome.of_article(job.row_id, job.key, article, envelope)


def _die_with_parent(parent_pid: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies, even by kill -9."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent_pid:  # the parent died before the request was in place
        os._exit(1)


def worker_main(conn: Connection, parent_pid: int) -> None:
    """An extraction process: one page at a time from its pipe, until None or the pipe closes."""
    _die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group; the parent decides how to stop, and the
    # worker finishes the page it has.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import newsextract.extract  # noqa: F401  (loaded now, so that no page's time limit pays for it)

    try:
        conn.send(READY)
        while (job := conn.recv()) is not None:
            conn.send(extract_job(job))
    except (EOFError, OSError):
        pass  # the parent is gone

"""Helpers shared by the test modules (one copy each): running the command as a user does.

Usage::

    from support import run_newsextract
    done = run_newsextract("extract", "page.html", "--url", "https://example.com/a")
    assert done.returncode == 0, done.stderr
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Literal, overload


@overload
def run_newsextract(
    *args: str, stdin: str | None = None, cwd: Path | None = None, timeout: float = 60, binary: Literal[False] = False
) -> subprocess.CompletedProcess[str]: ...


@overload
def run_newsextract(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 60, binary: Literal[True]
) -> subprocess.CompletedProcess[bytes]: ...


def run_newsextract(
    *args: str,
    stdin: str | bytes | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    binary: bool = False,
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """Run ``python -m newsextract ARGS`` in a child process; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "newsextract", *args],
        input=stdin,
        cwd=cwd,
        capture_output=True,
        text=not binary,
        timeout=timeout,
        check=False,
    )


def body_page(inner: str) -> str:
    """A page of ``inner`` as its whole <body>."""
    return f"<html><body>{inner}</body></html>"


def read_natively(html: str) -> list[str]:
    """The main-text port's paragraphs of ``html``, checked against trafilatura's fast call on it."""
    from selectolax.lexbor import LexborHTMLParser

    from newsextract.extract import body, main_text

    native = main_text.paragraphs(LexborHTMLParser(html).body)
    assert native is not None, main_text.decline_reason(LexborHTMLParser(html).body)
    assert native == body.main_text(html, None, fast=True)
    return native

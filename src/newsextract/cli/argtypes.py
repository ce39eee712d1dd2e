"""Argument types shared by the sub-commands: a bad value is exit 2 with one line, before any work.

Usage: ``parser.add_argument("--workers", type=positive_int)``
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import re

from newsextract._urls import is_http_url

# RFC 9110 token characters: what a header name may be made of.
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
# Visible ASCII, spaces and tabs: httpx sends header values as ASCII, and a CR or LF would split the header.
_HEADER_VALUE = re.compile(r"^[\t\x20-\x7e]*$")
_PROXY_SCHEMES = ("http://", "https://", "socks5://", "socks5h://")


def positive_int(text: str) -> int:
    """A whole number of at least 1."""
    value = _int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def non_negative_int(text: str) -> int:
    """A whole number of at least 0."""
    value = _int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def non_negative_float(text: str) -> float:
    """A finite number of at least 0 (nan and inf are refused)."""
    value = _float(text)
    if not (value >= 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a number of at least 0: {text}")
    return value


def positive_float(text: str, *, at_most: float = math.inf) -> float:
    """A finite number above 0 and at most ``at_most``."""
    value = _float(text)
    if not (0 < value <= at_most and math.isfinite(value)):
        bound = "" if math.isinf(at_most) else f" and at most {at_most:g}"
        raise argparse.ArgumentTypeError(f"must be more than 0{bound}: {text}")
    return value


def http_url(text: str) -> str:
    """An absolute http(s) URL with a host, kept as written."""
    if not is_http_url(text):
        raise argparse.ArgumentTypeError(f"not an absolute http(s) URL: {text!r}")
    return text


def header(text: str) -> tuple[str, str]:
    """``Name: value`` as (lower-case name, value): one spelling per name, so a given header replaces a default."""
    name, colon, value = text.partition(":")
    name, value = name.strip(), value.strip()
    if not colon or not _HEADER_NAME.match(name):
        raise argparse.ArgumentTypeError(f"not a header, expected 'Name: value': {text!r}")
    if not _HEADER_VALUE.match(value):
        raise argparse.ArgumentTypeError(f"header value must be printable ASCII on one line: {text!r}")
    return name.lower(), value


def user_agent(text: str) -> str:
    """A non-empty User-Agent, printable ASCII on one line."""
    if not text.strip() or not _HEADER_VALUE.match(text):
        raise argparse.ArgumentTypeError(f"user agent must be non-empty printable ASCII on one line: {text!r}")
    return text.strip()


def proxy_url(text: str) -> str:
    """An http(s) or socks5(h) proxy URL with a host (socks needs the socksio package)."""
    scheme = text[: text.find("://") + 3].lower()
    if scheme not in _PROXY_SCHEMES or not is_http_url("http://" + text[len(scheme) :]):
        raise argparse.ArgumentTypeError(f"not a proxy URL (http, https, socks5 or socks5h with a host): {text!r}")
    if scheme.startswith("socks") and importlib.util.find_spec("socksio") is None:
        raise argparse.ArgumentTypeError("a socks proxy needs the socksio package: pip install 'httpx[socks]'")
    return text


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None

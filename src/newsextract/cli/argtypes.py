"""Argument types shared by the sub-commands: a bad value is exit 2 with one line, before any work.

Usage: ``parser.add_argument("--workers", type=positive_int)``
"""

from __future__ import annotations

import argparse
import math


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

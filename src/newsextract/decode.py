"""Bytes to text: BOM, then the HTTP charset, then <meta charset>/http-equiv, then detection.

Usage: ``text, encoding = decode_html(raw, http_charset="utf-8")``
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# Per the HTML standard, a declared latin-1 / ascii means windows-1252.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "x-sjis": "shift_jis", "utf8": "utf-8"}
_SNIFF_BYTES = 4096
_DETECT_BYTES = 200_000


def _normalise(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes_cleanly(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def declared_charset(raw: bytes) -> str | None:
    """The charset the page declares in its first bytes (<meta charset>, http-equiv), if valid."""
    match = _META_CHARSET.search(raw[:_SNIFF_BYTES])
    return _normalise(match.group(1).decode("ascii", "ignore")) if match else None


def detect_charset(raw: bytes) -> str:
    """Guess the encoding of undeclared bytes; UTF-8 when they are valid UTF-8."""
    if _decodes_cleanly(raw[:_DETECT_BYTES], "utf-8") or _decodes_cleanly(raw, "utf-8"):
        return "utf-8"
    best = from_bytes(raw[:_DETECT_BYTES]).best()
    return _normalise(best.encoding if best else None) or "cp1252"


def decode_html(raw: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes into text; return the text and the encoding used.

    Order: BOM, valid UTF-8, the HTTP charset, the page's own declaration,
    then detection. A declared charset that the bytes contradict (a header that says UTF-8
    over windows-1252 bytes) loses to detection; bytes that still do not
    decode are replaced, never raised.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace"), encoding
    # Valid UTF-8 with non-ASCII bytes is almost never another encoding by
    # chance, while "iso-8859-1" headers over UTF-8 pages are common.
    if _decodes_cleanly(raw, "utf-8"):
        return raw.decode("utf-8"), "utf-8"
    for candidate in (_normalise(http_charset), declared_charset(raw)):
        if candidate and _decodes_cleanly(raw, candidate):
            return raw.decode(candidate), candidate
    encoding = detect_charset(raw)
    return raw.decode(encoding, errors="replace"), encoding

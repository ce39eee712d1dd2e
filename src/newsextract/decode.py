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
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-sjis": "shift_jis",
    "utf8": "utf-8",
}
# The legacy encodings the HTML standard lets pages use (WHATWG Encoding);
# detection chooses among these only, so windows-1252 text is never taken
# for a Mac code page nobody serves.
WEB_ENCODINGS = [
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "iso8859_15",
    "koi8_r",
    "koi8_u",
    "cp874",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "utf_16",
]
_SNIFF_BYTES = 4096
_TIE = 0.001
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
    results = list(from_bytes(raw[:_DETECT_BYTES], cp_isolation=WEB_ENCODINGS))
    if not results:
        return "cp1252"
    best = min(results, key=lambda r: r.chaos)
    # Ties are common between single-byte code pages; windows-1252 is by far
    # the most used on the web, so it wins a tie.
    tied = [r.encoding for r in results if r.chaos <= best.chaos + _TIE]
    return "cp1252" if "cp1252" in tied else _normalise(best.encoding) or "cp1252"


def decode_html(raw: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes into text; return the text and the encoding used.

    Order: BOM, valid UTF-8, the HTTP charset, the page's own declaration,
    then detection. A declared charset that the bytes contradict (a header that says UTF-8
    over windows-1252 bytes) loses to detection; bytes that still do not
    decode are replaced, never raised.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace"), encoding
    # Valid UTF-8 with non-ASCII bytes is almost never another encoding by
    # chance, while "iso-8859-1" headers over UTF-8 pages are common.
    try:  # decoded once: a page is mostly valid UTF-8, and decoding it twice costs a full pass
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for candidate in (_normalise(http_charset), declared_charset(raw)):
        if candidate and _decodes_cleanly(raw, candidate):
            return raw.decode(candidate), candidate
    encoding = detect_charset(raw)
    return raw.decode(encoding, errors="replace"), encoding

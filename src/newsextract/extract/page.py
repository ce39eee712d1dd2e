"""Input checks before parsing: size cap, binary detection, decoding."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsextract.decode import decode_html
from newsextract.errors import ParseError
from newsextract.settings import ExtractSettings

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"BM",
                 b"\x00\x00\x01\x00", b"ID3", b"OggS", b"\x7fELF")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_CONTROL = bytes(range(0, 9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x1b))


@dataclass(frozen=True)
class Page:
    """Decoded page text and what was noticed on the way."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _looks_binary(raw: bytes) -> bool:
    head = raw[:1024]
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM is text
        return False
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls > len(head) * 0.1


def _bounded(text: str, limit: int) -> tuple[str, list[str]]:
    """Cut an oversized page, after dropping scripts and styles so the article survives the cut."""
    if len(text) <= limit:
        return text, []
    text = _SCRIPT_OR_STYLE.sub("", text)
    return (text, []) if len(text) <= limit else (text[:limit], ["input_truncated"])


def read_page(html: str | bytes, http_charset: str | None, settings: ExtractSettings, *,
              url: str | None = None) -> Page:
    """Decode and bound the input; raise ParseError for input that is empty or not text."""
    if isinstance(html, str):
        text, encoding = html, "unicode"
    else:
        if _looks_binary(html):
            raise ParseError("the input is binary data, not an HTML page", url=url)
        # Decoding a 5 GB blob is no better than parsing it: bound the bytes first, generously.
        text, encoding = decode_html(html[: settings.max_html_bytes * 4], http_charset)
    text, warnings = _bounded(text, settings.max_html_bytes)
    text = text.replace("\x00", "")
    if not text.strip():
        raise ParseError("the input is empty", url=url)
    return Page(text=text, encoding=encoding, warnings=warnings)

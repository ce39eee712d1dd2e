"""Input checks before parsing: size cap, binary detection, decoding, runaway nesting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsextract.decode import decode_html
from newsextract.errors import ParseError
from newsextract.extract.nesting import flatten_nesting
from newsextract.settings import ExtractSettings

_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"RIFF",
    b"BM",
    b"\x00\x00\x01\x00",
    b"ID3",
    b"OggS",
    b"\x7fELF",
)
# A script or style start tag, and its end. Found one after the other rather than as one lazy ".*?" match,
# which, with many unclosed <script>s, would scan to the end of the page from each of them.
_SCRIPT_OR_STYLE_START = re.compile(r"<(script|style)\b[^<>]*+>", re.IGNORECASE)
_SCRIPT_OR_STYLE_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
_CONTROL = bytes(range(0, 9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x1B))


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
    controls = len(head) - len(head.translate(None, _CONTROL))  # one pass, not one a control byte
    return controls > len(head) * 0.1


def _bounded(text: str, limit: int) -> tuple[str, list[str]]:
    """Cut an oversized page, after dropping scripts and styles so the article survives the cut."""
    if len(text) <= limit:
        return text, []
    text = _without_scripts(text)
    return (text, []) if len(text) <= limit else (text[:limit], ["input_truncated"])


def _without_scripts(text: str) -> str:
    """The text less its closed <script> and <style> elements, in one pass."""
    pieces: list[str] = []
    position = 0
    while (start := _SCRIPT_OR_STYLE_START.search(text, position)) is not None:
        end = _SCRIPT_OR_STYLE_END[start.group(1).lower()].search(text, start.end())
        if end is None:  # unclosed: it runs to the end of the page, and is kept as it was
            break
        pieces.append(text[position : start.start()])
        position = end.end()
    pieces.append(text[position:])
    return "".join(pieces)


def read_page(
    html: str | bytes, http_charset: str | None, settings: ExtractSettings, *, url: str | None = None
) -> Page:
    """Decode and bound the input; raise ParseError for input that is empty or not text."""
    if isinstance(html, str):
        text, encoding, nul_free = html, "unicode", False
    else:
        if _looks_binary(html):
            raise ParseError("the input is binary data, not an HTML page", url=url)
        # Decoding a 5 GB blob is no better than parsing it: bound the bytes first, generously.
        raw = html[: settings.max_html_bytes * 4]
        text, encoding = decode_html(raw, http_charset)
        # UTF-8 makes a NUL character only of a NUL byte, and bytes are searched for one many
        # times faster than the text (which most pages decode to with 2 bytes a character).
        nul_free = encoding == "utf-8" and b"\x00" not in raw
    text, warnings = _bounded(text, settings.max_html_bytes)
    if not nul_free:
        text = text.replace("\x00", "")
    if not text or text.isspace():  # no stripped copy of the whole page
        raise ParseError("the input is empty", url=url)
    # After the cut, so the scan reads at most the size cap; before parsing, which it protects.
    text, flattened = flatten_nesting(text)
    if flattened:
        warnings.append("nesting_flattened")
    return Page(text=text, encoding=encoding, warnings=warnings)

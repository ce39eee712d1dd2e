"""read_page: decoded text without NUL characters, however the page came in."""

from __future__ import annotations

import pytest

from newsextract.extract.page import read_page
from newsextract.settings import DEFAULT_EXTRACT_SETTINGS

PAGE = "<html><body><p>caf\u00e9 \u2019quoted\u2019 text\x00 with a NUL</p></body></html>"


@pytest.mark.parametrize(
    "html",
    [
        PAGE,  # text
        PAGE.encode("utf-8"),  # UTF-8 bytes: the NUL byte is looked for in the bytes
        b"\xef\xbb\xbf" + PAGE.encode("utf-8"),  # UTF-8 with a BOM
        PAGE.replace("\u2019", "'").encode("cp1252"),  # a legacy code page
        b"\xff\xfe" + PAGE.encode("utf-16-le"),  # UTF-16: NUL bytes everywhere, one NUL character
    ],
)
def test_read_page_drops_nul_characters(html: str | bytes) -> None:
    text = read_page(html, None, DEFAULT_EXTRACT_SETTINGS).text
    assert "\x00" not in text
    assert "text with a NUL" in text


def test_read_page_keeps_a_page_without_nul_as_decoded() -> None:
    clean = PAGE.replace("\x00", "")
    assert read_page(clean.encode("utf-8"), None, DEFAULT_EXTRACT_SETTINGS).text == clean

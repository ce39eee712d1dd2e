"""decode.decode_html: BOMs, declared and undeclared charsets, contradicting headers, bad bytes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsextract.decode import decode_html

FIXTURES = Path(__file__).parent / "fixtures"

PAGE = (
    "<!DOCTYPE html><html><head><title>Grüße aus Köln – “Zitat” €5</title></head>"
    "<body><h1>Grüße aus Köln</h1>"
    "<p>Der Dom, das Café am Ring und ein “Zitat” für €5 — schön.</p></body></html>"
)


def _cp1252_fixture() -> bytes:
    return (FIXTURES / "cp1252_nocharset.html").read_bytes()


def _sjis_fixture() -> bytes:
    return (FIXTURES / "shift_jis_nocharset.html").read_bytes()


def test_fixtures_declare_no_charset() -> None:
    for raw in (_cp1252_fixture(), _sjis_fixture()):
        assert b"charset" not in raw.lower()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")


def test_cp1252_without_declaration() -> None:
    text, encoding = decode_html(_cp1252_fixture())
    expected = _cp1252_fixture().decode("cp1252")
    for needle in ("café", "€2,000", "“We lost two summers", "Düsseldorf", "Jürgen Weiß", "café crème", "—"):
        assert needle in text, f"{needle!r} missing: decoded as {encoding!r}, head: {text[600:800]!r}"
    assert text == expected, f"decoded as {encoding!r}, not the same text as windows-1252"


def test_cp1252_with_lying_utf8_header() -> None:
    # A server that says UTF-8 over windows-1252 bytes: the bytes win.
    text, _ = decode_html(_cp1252_fixture(), http_charset="utf-8")
    assert "café" in text and "€" in text and "“" in text
    assert "\ufffd" not in text


def test_shift_jis_without_declaration() -> None:
    text, encoding = decode_html(_sjis_fixture())
    assert encoding in {"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"}, encoding
    for needle in ("商店街にキャッシュレス決済", "山田和子さん（七十二）", "みなと新報", "鈴木健一理事長"):
        assert needle in text, f"{needle!r} missing: decoded as {encoding!r}"
    assert "\ufffd" not in text


def test_shift_jis_with_http_charset() -> None:
    text, encoding = decode_html(_sjis_fixture(), http_charset="Shift_JIS")
    assert encoding == "shift_jis"
    assert "商店街" in text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_bom_pages(bom: bytes, codec: str) -> None:
    raw = bom + PAGE.encode(codec)
    text, encoding = decode_html(raw)
    assert text == PAGE, f"BOM page decoded as {encoding!r}: {text[:80]!r}"
    assert not text.startswith("\ufeff")
    assert codecs.lookup(encoding).name == codecs.lookup(codec).name


def test_bom_beats_contradicting_header_and_meta() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">')
    raw = codecs.BOM_UTF16_LE + page.encode("utf-16-le")
    text, _ = decode_html(raw, http_charset="iso-8859-1")
    assert text == page


def test_declared_meta_charset_is_used() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Новости</title></head><body><p>Москва, 9 мая — в городе прошёл парад.</p></body></html>"
    )
    text, encoding = decode_html(page.encode("cp1251"))
    assert text == page, f"decoded as {encoding!r}"


def test_utf8_page_with_wrong_latin1_header() -> None:
    raw = PAGE.encode("utf-8")
    text, encoding = decode_html(raw, http_charset="iso-8859-1")
    assert text == PAGE, f"decoded as {encoding!r}: mojibake {text[40:80]!r}"


def test_invalid_bytes_never_raise() -> None:
    raw = b"<html><body><p>ok \xc3\x28 \xff\xfe\xfd \xe2\x82 end</p></body></html>"
    text, _ = decode_html(raw)
    assert text.startswith("<html><body><p>ok ")
    assert text.endswith("end</p></body></html>")


def test_empty_input() -> None:
    text, _ = decode_html(b"")
    assert text == ""

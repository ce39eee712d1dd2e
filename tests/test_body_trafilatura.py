"""The trafilatura adapter (extract/body.main_text): the page parsed by trafilatura's parser with
lxml's C-level element classes gives the very text trafilatura gives for the string itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsextract.extract import body

_FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.html"))
_ODD_INPUTS = [
    "",
    "   ",
    "\x00\x01",
    "plain text, no markup at all",
    "<html></html>",
    "<p>A fragment without html or body.</p>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>A declared encoding in a str.</p></body></html>',
    "<html><body><form><input value='x'><label>Name</label><select><option>A</option></select></form>"
    "<p>A page with form controls, which lxml.html gives classes of their own.</p></body></html>",
]


def _trafilaturas(html: str, *, fast: bool) -> list[str]:
    return body.trafilatura_text(html, None, fast=fast)  # the string itself, to trafilatura's load_html


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("html", _ODD_INPUTS)
def test_odd_inputs_give_trafilaturas_text(html: str, fast: bool) -> None:
    assert body.main_text(html, None, fast=fast) == _trafilaturas(html, fast=fast)


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: p.stem)
def test_the_fixtures_give_trafilaturas_text(path: Path) -> None:
    html = path.read_text(encoding="utf-8", errors="replace")
    assert body.main_text(html, None) == _trafilaturas(html, fast=False)


def test_a_page_is_parsed_by_the_fast_parser_and_odd_input_left_to_trafilatura() -> None:
    parsed = body._parsed("<html><body><form><p>Text</p></form></body></html>")
    assert not isinstance(parsed, str)
    assert type(parsed.find(".//form")).__name__ == "HtmlElement"  # not lxml.html's FormElement
    assert body._parsed("") == ""

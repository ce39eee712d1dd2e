"""An <h1>'s text as the page shows it: inline parts glued, block parts and labels set apart."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsextract.extract.headline import printed_text


@pytest.mark.parametrize(
    ("h1", "text"),
    [
        ("<h1>How AI Can Cut Your Planning <span>C</span>ycle</h1>", "How AI Can Cut Your Planning Cycle"),
        ("<h1><div>Politics |</div><span>Governor vetoes the levy</span></h1>", "Politics | Governor vetoes the levy"),
        ("<h1><span>Nationale Demo</span>Der 9. Juli naht</h1>", "Nationale Demo Der 9. Juli naht"),
        ("<h1>Kotaku<span>'s</span> Top 12 Games</h1>", "Kotaku's Top 12 Games"),
        ("<h1>Top MBA Programs of 2025<br>Your Guide</h1>", "Top MBA Programs of 2025 Your Guide"),
        ("<h1>Paläs&shy;ti&shy;nenser legt Beschwerde ein</h1>", "Palästinenser legt Beschwerde ein"),
    ],
)
def test_printed_text_reads_as_the_page_shows_it(h1: str, text: str) -> None:
    node = LexborHTMLParser(h1).css_first("h1")
    assert node is not None
    assert printed_text(node) == text

"""Whole pages: the printed byline and the authors for each byline shape of issue 8.

The pages are tests/fixtures/byline_*.html (hand-written); test_fixtures.py checks
their other fields. Here the printed byline is compared exactly, since a byline that
keeps a share bar or a job title still "contains" the name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsextract import extract_article

FIXTURES = Path(__file__).parent / "fixtures"


def _extract(name: str) -> tuple[list[str], str | None]:
    url = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))["url"]
    article = extract_article((FIXTURES / f"{name}.html").read_bytes(), url=url)
    return list(article.authors), article.byline


@pytest.mark.parametrize(
    ("name", "authors", "printed"),
    [
        (
            "byline_roles_credentials",
            ["Sarah Lee", "Mark O'Brien"],
            "By Sarah Lee PhD, Senior Product Director | Mark O'Brien",
        ),
        ("byline_share_bar", ["Jane Doe"], "By Jane Doe"),
        ("byline_two_authors", ["Travis Ng", "Adele Brandt"], "By Travis Ng and Adele Brandt"),
        (
            "byline_all_caps",
            ["Bill McCarthy", "Nick van der Meer", "Sean O'Neil"],
            "By BILL MCCARTHY, NICK VAN DER MEER and SEAN O'NEIL",
        ),
        ("byline_site_name", ["Dana Whitfield"], "Written by Dana Whitfield"),
    ],
)
def test_byline_page(name: str, authors: list[str], printed: str) -> None:
    assert _extract(name) == (authors, printed)


@pytest.mark.parametrize("doctype", ["<!DOCTYPE html>", ""])  # quirks mode matches class names in any case
def test_known_byline_markup_is_found_whether_or_not_the_loose_selector_lists_it(doctype: str) -> None:
    """The loose selector's empty answer rules out the known markup it covers (a class naming an
    author, in any case), not the markup it does not cover (rel=author, ".writer")."""
    from selectolax.lexbor import LexborHTMLParser

    from newsextract.extract.byline import _BEYOND_LOOSE, find_byline_nodes

    assert "[rel=author]" in _BEYOND_LOOSE and ".writer" in _BEYOND_LOOSE and ".author" not in _BEYOND_LOOSE

    def found(html: str) -> list[str]:
        tree = LexborHTMLParser(f"{doctype}<html><body><article>{html}<p>Text.</p></article></body></html>")
        return [n.text(deep=True) for n in find_byline_nodes(tree, tree.css_first("article"))]

    assert found('<span class="writer">Jane Doe</span>') == ["Jane Doe"]
    assert found('<a rel="author" href="/jd">Jane Doe</a>') == ["Jane Doe"]
    assert found('<span class="AUTHOR">Jane Doe</span>') == ["Jane Doe"]
    assert found('<span class="Byline-x">By Jane Doe</span>') == ["By Jane Doe"]
    # Covered known markup ranks by its own order: [itemprop=author] before .byline.
    assert found('<p class="byline">By Ann Lee</p><p itemprop="author">Jane Doe</p>') == ["Jane Doe"]

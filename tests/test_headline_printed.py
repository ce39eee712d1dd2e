"""The headline is the <h1> the page prints, confirmed or trimmed by its metadata titles.

Each fixture is a page whose headline trap its "_about" note describes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsextract import extract_article

FIXTURES = Path(__file__).parent / "fixtures"
HEADLINE_FIXTURES = [
    "headline_body_class_words",
    "headline_breadcrumb_h1",
    "headline_kicker_span",
    "headline_site_title_h1",
    "headline_inline_letter",
    "headline_truncated_jsonld",
    "headline_mobile_copy",
    "headline_source_link",
    "headline_double_encoded",
    "headline_opinion_suffix",
]


@pytest.mark.parametrize("name", HEADLINE_FIXTURES)
def test_headline(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = extract_article((FIXTURES / f"{name}.html").read_bytes(), url=expected["url"])
    assert article.headline == expected["headline"], (
        f"{name}: headline {article.headline!r} ({article.provenance.get('headline')}), "
        f"expected {expected['headline']!r}: {expected['_about']}"
    )


def test_a_single_h1_a_class_word_nominates_is_still_the_headline() -> None:
    page = (
        "<html><head><title>SEO title for the ferry story</title></head><body>"
        '<div class="elementor-widget-container"><h1>Ferry timetable changes for the summer season</h1></div>'
        + "".join(f"<p>Paragraph {i} about the new ferry timetable, long enough to read as text.</p>" for i in range(6))
        + "</body></html>"
    )
    assert (
        extract_article(page, url="https://harbornews.example/ferry").headline
        == "Ferry timetable changes for the summer season"
    )

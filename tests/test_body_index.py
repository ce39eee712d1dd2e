"""Index evidence: the page's links are measured only where no markup says article."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsextract.extract.body import index_evidence

_TEASERS = "".join(f'<h3><a href="/story-{n}">Story {n}</a></h3>' for n in range(12))


def test_a_page_without_article_markup_counts_its_linked_headings() -> None:
    evidence = index_evidence(LexborHTMLParser(f"<html><body>{_TEASERS}</body></html>"), declares_article=False)
    assert evidence.teasers == 12 and evidence.link_density > 0.8 and not evidence.article_markup
    assert evidence.says_index()


def test_article_markup_spares_the_link_walks_and_says_no_index() -> None:
    for page, declares in ((f"<html><body>{_TEASERS}</body></html>", True), (f"<article>{_TEASERS}</article>", False)):
        evidence = index_evidence(LexborHTMLParser(page), declares_article=declares)
        assert (evidence.teasers, evidence.link_density, evidence.article_markup) == (0, 0.0, True)
        assert not evidence.says_index()

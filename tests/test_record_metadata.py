"""Honest metadata: canonical_url says where it came from, tags are tags (never a string's
characters, no punctuation or one-letter noise), and a language is detected when metadata has none."""

from __future__ import annotations

import json

import pytest

from newsextract import extract_article
from newsextract.extract.language import detect_language
from newsextract.extract.tags import from_keywords, keep_tags
from newsextract.extract.text import word_count
from newsextract.extract.vocabulary.thresholds import MIN_WORDS

_ENGLISH = (
    "The council voted on Tuesday to extend the harbor ferry timetable through the summer months, "
    "after commuters from the north shore asked for earlier sailings and later returns on weekdays. "
) * 3
_FRENCH = (
    "Le conseil municipal a voté mardi la prolongation des horaires du traversier pendant tout l'été, "
    "après que les usagers de la rive nord ont demandé des départs plus tôt et des retours plus tardifs. "
) * 3


def _page(head: str = "", body: str = _ENGLISH, lang: str = "") -> str:
    html_open = f'<html lang="{lang}">' if lang else "<html>"
    return f"{html_open}<head>{head}</head><body><article><h1>Ferry timetable</h1><p>{body}</p></article></body></html>"


def _jsonld(**fields: object) -> str:
    data = {"@type": "NewsArticle", "headline": "Ferry timetable", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_page_without_a_canonical_link_gets_the_address_it_was_read_from_labelled_so() -> None:
    article = extract_article(_page(), url="https://harbornews.example/a")
    assert (article.canonical_url, article.provenance["canonical_url"]) == ("https://harbornews.example/a", "url")
    fetched = extract_article(_page(), url="https://harbornews.example/a", final_url="https://harbornews.example/b")
    assert (fetched.canonical_url, fetched.provenance["canonical_url"]) == ("https://harbornews.example/b", "final_url")


def test_a_canonical_link_is_the_pages_word() -> None:
    head = '<link rel="canonical" href="/ferry-timetable">'
    article = extract_article(_page(head), url="https://harbornews.example/a?utm=x")
    assert (article.canonical_url, article.provenance["canonical_url"]) == (
        "https://harbornews.example/ferry-timetable",
        "meta",
    )


@pytest.mark.parametrize(
    ("keywords", "tags"),
    [
        ("ean", ["ean"]),
        ("ferries, harbor,  timetables ", ["ferries", "harbor", "timetables"]),
        (["ferries", "e", "a", ".", "--", "Ferries", "summer"], ["ferries", "summer"]),
        ({"name": "ferries"}, []),
    ],
)
def test_json_ld_keywords_give_whole_tags(keywords: object, tags: list[str]) -> None:
    assert from_keywords(keywords) == tags
    article = extract_article(_page(_jsonld(keywords=keywords)), url="https://harbornews.example/a")
    assert article.tags == tags


def test_meta_keywords_drop_noise_tags() -> None:
    head = '<meta name="keywords" content="ferries, g, t, ., harbor; ferries">'
    assert extract_article(_page(head), url="https://harbornews.example/a").tags == ["ferries", "harbor"]
    assert keep_tags([" a ", "ok", "!!", "--"]) == ["ok"]


def test_the_language_is_detected_from_the_body_when_metadata_has_none() -> None:
    article = extract_article(_page(body=_FRENCH), url="https://harbornews.example/a")
    assert (article.language, article.provenance["language"]) == ("fr", "detected")
    given = extract_article(_page(body=_FRENCH, lang="fr-CA"), url="https://harbornews.example/a")
    assert (given.language, given.provenance["language"]) == ("fr-CA", "dom")


def test_a_short_body_is_not_guessed_at() -> None:
    prefixes = [" ".join(_FRENCH.split()[:n]) for n in range(1, len(_FRENCH.split()))]
    short = max((p for p in prefixes if word_count(p) < MIN_WORDS), key=len)
    assert detect_language(short) is None
    assert detect_language(_FRENCH) == "fr"
    article = extract_article(_page(body="Le conseil a voté mardi."), url="https://harbornews.example/a")
    assert article.language is None and "language" not in article.provenance


def test_meta_json_ld_and_dated_elements_read_in_one_walk_keep_lexbors_matching() -> None:
    """A <meta itemprop=datePublished> is both a meta tag and a dated element; a JSON-LD script's type
    matches in any case, an itemprop's value does not."""
    from selectolax.lexbor import LexborHTMLParser

    from newsextract.extract.metadata import _Marked

    tree = LexborHTMLParser(
        '<html><head><meta itemprop="datePublished" content="2024-05-01"><meta name="x" content="y">'
        '<script type="Application/LD+JSON">{}</script><script type="text/javascript"></script></head>'
        '<body><time datetime="2024-05-02">May 2</time><span itemprop="datepublished">no</span>'
        '<div itemprop="datePublished"><time datetime="2024-05-03">May 3</time></div></body></html>'
    )
    marked = _Marked.of(tree)
    assert [n.attributes.get("content") for n in marked.metas] == ["2024-05-01", "y"]
    assert [n.attributes.get("type") for n in marked.scripts] == ["Application/LD+JSON"]
    assert [(n.tag, n.attributes.get("datetime")) for n in marked.dated] == [
        ("meta", None),
        ("time", "2024-05-02"),
        ("div", None),
        ("time", "2024-05-03"),
    ]

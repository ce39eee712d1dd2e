"""Where the article's pictures are looked for: beside the headline and across the sibling sections
a long story is split into, not only in the container the text extractor picked."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsextract import extract_article
from newsextract.extract.image_region import TextPosition, article_region
from newsextract.extract.node_match import SelectorList

_PARAGRAPH = (
    "<p>The ferry operator said the new timetable would add two crossings a day in summer and keep the "
    "winter service unchanged, after a year of complaints about cancelled sailings.</p>"
)


def _split_story() -> str:
    """A long story cut into sibling sections (ad slots between them), each with a figure and its text."""
    sections = "".join(
        f'<section class="story-part"><figure><img src="https://img.example.net/ferry-{i}.jpg" width="1200" '
        f'height="800" alt=""><figcaption>Ferry picture number {i} on the island route.</figcaption></figure>'
        f'<div class="text">{_PARAGRAPH * 2}</div></section><div class="ad-slot"></div>'
        for i in range(1, 5)
    )
    return (
        f"<html><head><title>Ferries</title></head><body><header><a href='/'>Island News</a></header>"
        f"<article><div class='head'><h1>More ferries for the islands this summer</h1></div>"
        f"<div class='parts'>{sections}</div></article><footer>Island News</footer></body></html>"
    )


def test_figures_in_every_section_of_a_split_story_are_found() -> None:
    article = extract_article(_split_story(), url="https://news.example.net/2024/ferries")
    assert [image.caption for image in article.images] == [
        f"Ferry picture number {i} on the island route." for i in range(1, 5)
    ]


def test_region_widens_the_text_container_to_the_headline() -> None:
    tree = LexborHTMLParser(_split_story())
    scope = tree.css("section.story-part")[1]
    region = article_region(scope, "More ferries for the islands this summer")
    assert region.tag == "article"


def test_region_never_widens_to_the_whole_page() -> None:
    tree = LexborHTMLParser("<html><body><h1>Site name</h1><div id='text'><p>Story text.</p></div></body></html>")
    scope = tree.css_first("#text")
    assert article_region(scope).mem_id == scope.mem_id


def test_text_position_tells_what_follows_the_text() -> None:
    tree = LexborHTMLParser(
        "<body><div><img id='a'><div id='text'><p>Text <img id='b'></p></div><aside><img id='c'></aside></div></body>"
    )
    position = TextPosition.of(tree.css_first("#text"))
    after = {node.attributes["id"]: position.after_text(node) for node in tree.css("img")}
    assert after == {"a": False, "b": False, "c": True}


def test_selector_match_checks_the_element_itself_not_its_subtree() -> None:
    tree = LexborHTMLParser("<div class='story'><figure class='media'><img></figure></div>")
    containers = SelectorList.parse(("figure", ".media", "[itemprop=image]"))
    assert not containers.matches(tree.css_first("div.story"))
    assert containers.matches(tree.css_first("figure"))

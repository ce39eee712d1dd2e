"""The body as typed blocks: kinds read from the page's elements, texts that join back to the body,
Markdown on request (library and CLI glue)."""

from __future__ import annotations

import argparse
import gc
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsextract import Article, Block, Result, extract_article
from newsextract.cli.body import BODY_FORMATS, add_body_argument, apply_body_format
from newsextract.extract.blocks import SegmentIndex, dom_segments, type_paragraphs

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = sorted(FIXTURES.glob("*.expected.json"))

_WORDS = "with enough words in it to read as article prose for the extractor"
PAGE = f"""<html><head><title>Harbor ferry timetable changes</title></head><body><article>
<h1>Harbor ferry timetable changes</h1>
<p>The first paragraph of the story, {_WORDS}, and a <a href="/x">link</a> inside.</p>
<h2>What changes</h2>
<p>The second paragraph, {_WORDS}, before the list.</p>
<ul><li>Morning sailings move to 6:40</li><li>Evening sailings end at <b>22:10</b></li></ul>
<blockquote><p>We listened to the commuters, the harbor master said, {_WORDS}.</p></blockquote>
<table><tr><th>Route</th><th>First</th></tr><tr><td>North pier</td><td>06:40</td></tr>
<tr><td>South pier</td><td>07:05</td></tr></table>
<pre>timetable --route north
timetable --route south</pre>
<p>The last paragraph of the story, {_WORDS}, after the code.</p>
</article></body></html>"""


def _article() -> Article:
    return extract_article(PAGE, url="https://harbornews.example/2024/05/02/ferry")


def _blocks_join_to_body(article: Article) -> None:
    assert "\n\n".join(block.text for block in article.blocks) == article.body
    assert all(block.text for block in article.blocks)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_blocks_join_back_to_exactly_the_body_on_every_fixture(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    page = (FIXTURES / expected.get("file", path.name.replace(".expected.json", ".html"))).read_bytes()
    article = extract_article(page, url=expected["url"], http_charset=expected.get("http_charset"))
    _blocks_join_to_body(article)
    for block in article.blocks:
        assert (block.level is not None) == (block.kind == "heading"), block
        assert (block.rows is not None) == (block.kind == "table"), block


def test_each_paragraph_is_typed_by_the_element_it_came_from() -> None:
    article = _article()
    _blocks_join_to_body(article)
    kinds = [(block.kind, block.level) for block in article.blocks]
    assert kinds == [
        ("paragraph", None),
        ("heading", 2),
        ("paragraph", None),
        ("list_item", None),
        ("list_item", None),
        ("quote", None),
        ("table", None),
        ("preformatted", None),
        ("paragraph", None),
    ], kinds
    table = article.blocks[6]
    assert table.rows == [["Route", "First"], ["North pier", "06:40"], ["South pier", "07:05"]]


def test_markdown_marks_up_every_kind() -> None:
    markdown = _article().to_markdown()
    assert "\n\n## What changes\n\n" in markdown
    assert "- Morning sailings move to 6:40\n- Evening sailings end at 22:10\n" in markdown
    assert "> We listened to the commuters" in markdown
    assert "| Route | First |\n| --- | --- |\n| North pier | 06:40 |\n| South pier | 07:05 |" in markdown
    assert "```\ntimetable --route north\ntimetable --route south\n```" in markdown
    assert markdown.startswith("The first paragraph of the story")


def test_captions_and_credits_stay_out_of_the_blocks_and_the_markdown() -> None:
    figure = (
        '<figure><img src="https://harbornews.example/ferry.jpg" alt="The ferry">'
        "<figcaption>The new ferry leaves the north pier on Monday morning. Photo: Jane Roe/Harbor News"
        "</figcaption></figure>"
    )
    article = extract_article(PAGE.replace("<h2>", figure + "<h2>"), url="https://harbornews.example/a")
    assert article.images and article.images[0].caption
    texts = [block.text for block in article.blocks] + [article.to_markdown()]
    assert not any("leaves the north pier" in text or "Jane Roe" in text for text in texts)


def test_a_paragraph_whose_element_is_gone_is_typed_by_its_printed_marks_or_is_a_paragraph() -> None:
    tree = LexborHTMLParser("<body><ul><li>Only this list item</li></ul></body>")
    paragraphs = ["Only this list item", "Text the page no longer holds", "- An item", "| a | b |", "| c | d |"]
    blocks = type_paragraphs(paragraphs, SegmentIndex(dom_segments(tree.body)))
    assert blocks == [
        Block(kind="list_item", text="Only this list item"),
        Block(kind="paragraph", text="Text the page no longer holds"),
        Block(kind="list_item", text="- An item"),
        Block(kind="table", text="| a | b |\n\n| c | d |", rows=[["a", "b"], ["c", "d"]]),
    ]


def test_a_short_list_item_does_not_type_a_paragraph_it_merely_opens() -> None:
    tree = LexborHTMLParser("<body><ul><li>Read more</li></ul><p>Read more about the ferry below.</p></body>")
    blocks = type_paragraphs(["Read more about the ferry below."], SegmentIndex(dom_segments(tree.body)))
    assert [block.kind for block in blocks] == ["paragraph"]


def test_prose_in_a_layout_table_is_paragraphs() -> None:
    tree = LexborHTMLParser("<body><table><tr><td><p>A whole story laid out in a table cell.</p></td></tr></table>")
    blocks = type_paragraphs(["A whole story laid out in a table cell."], SegmentIndex(dom_segments(tree.body)))
    assert [block.kind for block in blocks] == ["paragraph"]


def test_a_plain_paragraph_that_reads_as_markdown_is_escaped() -> None:
    article = Article(body="# not a heading", blocks=[Block(kind="paragraph", text="# not a heading")])
    assert article.to_markdown() == "\\# not a heading"


def test_cli_glue_renders_the_body_as_markdown_on_request() -> None:
    parser = argparse.ArgumentParser()
    add_body_argument(parser)
    assert parser.parse_args([]).body == "text" and BODY_FORMATS == ("text", "markdown")
    article = _article()
    args = parser.parse_args(["--body", "markdown"])
    assert apply_body_format(article, args).body == article.to_markdown()
    result = Result(url="https://harbornews.example/a", ok=True, article=article)
    rendered = apply_body_format(result, args)
    assert rendered.article is not None and rendered.article.body == article.to_markdown()
    assert apply_body_format(result, parser.parse_args([])) is result


def _list_page(items: int) -> tuple[LexborHTMLParser, list[str]]:
    """A list whose items all start with one word: the worst case for a lookup by first word."""
    texts = [f"The item number {i} of a long list, every one starting with the same word" for i in range(items)]
    return LexborHTMLParser("<body><ul>" + "".join(f"<li>{t}</li>" for t in texts) + "</ul></body>"), texts


@pytest.mark.slow
def test_typing_the_paragraphs_is_linear() -> None:
    from test_pathological import best_time, growth_ok  # the pathological bench's own timing rule

    def typing(items: int, order: int) -> Callable[[], list[Block]]:
        tree, texts = _list_page(items)
        return lambda: type_paragraphs(texts[::order], SegmentIndex(dom_segments(tree.body)))

    gc.disable()  # the algorithm's growth, not the collector's passes over 10,000 live records
    try:
        for order in (1, -1):  # in page order, and reversed (every lookup behind the cursor)
            small, blocks = best_time(typing(1_000, order))
            large, _ = best_time(typing(10_000, order))
            assert growth_ok(small, large), f"order {order}: 1,000 items {small:.3f} s, 10,000 items {large:.3f} s"
            assert {block.kind for block in blocks} == {"list_item"}
    finally:
        gc.enable()


def test_segments_follow_document_order_through_nesting_comments_and_breaks() -> None:
    html = (
        "<body><ul><li>One<!-- a note --> item<ul><li>Nested <b>item</b></li></ul>after<br>it</li></ul>"
        "<p>Prose is not walked</p><h3>A <i>heading</i></h3><pre>line one\nline two</pre>"
        "<blockquote><p>Quoted</p></blockquote><h2>Last</h2></body>"
    )
    segments = dom_segments(LexborHTMLParser(html).body)
    assert [(s.text, s.kind, s.level) for s in segments] == [
        ("One item", "list_item", None),
        ("Nested item", "list_item", None),
        ("after", "list_item", None),
        ("it", "list_item", None),
        ("A heading", "heading", 3),
        ("line one", "preformatted", None),
        ("line two", "preformatted", None),
        ("Quoted", "quote", None),
        ("Last", "heading", 2),
    ]
    assert segments[0].group == segments[2].group != segments[1].group  # the outer item, around the nested one


def test_printed_marks_type_only_paragraphs_that_start_with_them() -> None:
    paragraphs = ["-no space", "|no closing bar", "- An item", "| a |", "Text - with | bars |"]
    blocks = type_paragraphs(paragraphs, SegmentIndex([]))
    assert [block.kind for block in blocks] == ["paragraph", "paragraph", "list_item", "table", "paragraph"]

"""The Lexbor-native main text (extract/main_text): the same paragraphs as trafilatura's fast call,
or a decline (None) where the page takes a path the port does not follow.

Each rule test builds a small page, checks what the port reads, and checks that trafilatura
reads the very same paragraphs from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from support import body_page, read_natively

import newsextract.extract as pipeline
from newsextract import extract_article
from newsextract.extract import body, main_text
from newsextract.extract.main_text.links import joined, shape
from newsextract.extract.main_text.tree import trim

_PROSE = [
    f"Paragraph {n} of the story tells the reader what the council decided on the harbour, who voted for "
    "it and what the fishing crews said about the delay to the dredging of the inner channel."
    for n in range(1, 9)
]
_PROSE_HTML = "".join(f"<p>{p}</p>" for p in _PROSE)


def _native(html: str) -> list[str] | None:
    return main_text.paragraphs(LexborHTMLParser(html).body)


def _trafilatura(html: str) -> list[str]:
    return body.main_text(html, None, fast=True)


def test_paragraphs_of_the_article_container() -> None:
    html = body_page(f"<div class='menu-top'><p>Home</p></div><article>{_PROSE_HTML}</article>")
    assert read_natively(html) == _PROSE


def test_first_container_expression_wins_over_article() -> None:
    # BODY_XPATH's first expression (an article-content class) beats a bare <article> earlier in the page
    teaser = "<p>A teaser of another story, long enough to count as a paragraph of text on its own.</p>"
    html = body_page(f"<article>{teaser * 3}</article><div class='entry-content'>{_PROSE_HTML}</div>")
    assert read_natively(html) == _PROSE


def test_boilerplate_section_is_pruned() -> None:
    share = "<div class='post-share-links'><p>Share this story with your friends and family today</p></div>"
    html = body_page(f"<article>{_PROSE_HTML[:400]}{share}{_PROSE_HTML}</article>")
    assert "Share this story with your friends and family today" not in read_natively(html)


def test_hidden_and_caption_blocks_are_pruned() -> None:
    hidden = "<p style='display:none'>A hidden paragraph that nobody sees on the page at all.</p>"
    caption = "<div class='wp-caption'><p>A photo caption with the photographer's name.</p></div>"
    paragraphs = read_natively(body_page(f"<article>{hidden}{_PROSE_HTML}{caption}<p>The end.</p></article>"))
    assert paragraphs == [*_PROSE, "The end."]


def test_link_list_is_pruned_by_link_density() -> None:
    links = "<ul>" + "".join(f"<li><a href='/n{i}'>News {i}</a></li>" for i in range(8)) + "</ul>"
    html = body_page(f"<article>{_PROSE_HTML}<div>{links}</div><p>The end.</p></article>")
    paragraphs = read_natively(html)
    assert not any(p.startswith("- News") for p in paragraphs)


def test_list_items_get_a_marker_and_line_breaks_split_paragraphs() -> None:
    html = body_page(
        f"<article>{_PROSE_HTML}<ul><li>first point</li><li>second <b>point</b></li></ul>"
        "<p>one line<br>next line</p>after the paragraph<p>The end.</p></article>"
    )
    paragraphs = read_natively(html)
    assert paragraphs[8:10] == ["- first point", "- second point"]
    assert paragraphs[10:12] == ["one line", "next line"]


def test_table_rows_as_lines() -> None:
    table = "<table><tr><th>Year</th><th>Boats</th></tr><tr><td>2023</td><td>41</td></tr></table>"
    paragraphs = read_natively(body_page(f"<article>{_PROSE_HTML}{table}<p>The end.</p></article>"))
    assert paragraphs[8:11] == ["| Year | Boats |", "|---|---|", "| 2023 | 41 |"]


def test_table_caption_and_spans_as_cells() -> None:
    table = (
        "<table><caption>Landings</caption><tr><th colspan='2'>Port</th><th>Boats</th></tr>"
        "<tr><td rowspan='2'>North</td><td>A</td><td>4</td></tr><tr><td>B</td><td>5<br>(est.)</td></tr></table>"
    )
    paragraphs = read_natively(body_page(f"<article>{_PROSE_HTML}{table}<p>The end.</p></article>"))
    assert paragraphs[8] == "| Landings | | |"


def test_trailing_heading_is_dropped() -> None:
    paragraphs = read_natively(body_page(f"<article><h2>The story</h2>{_PROSE_HTML}<h3>Related</h3></article>"))
    assert paragraphs == ["The story", *_PROSE]


def test_code_block_is_copied_whole() -> None:
    code = "<pre lang='py'>x = 1\ny = 2</pre>"
    assert read_natively(body_page(f"<article>{_PROSE_HTML}{code}<p>The end.</p></article>"))[8:] == [
        "x = 1",
        "y = 2",
        "The end.",
    ]


def test_next_container_expression_when_the_first_finds_one_block() -> None:
    single = "<div class='entry-content'><p>Only one paragraph in the first container found.</p></div>"
    assert read_natively(body_page(f"{single}<article>{_PROSE_HTML}</article>"))[-8:] == _PROSE


def test_div_text_counts_where_paragraphs_hold_little_text() -> None:
    divs = "".join(f"<div>{p}</div>" for p in _PROSE)
    assert read_natively(body_page(f"<article><p>A short lead.</p>{divs}</article>")) == ["A short lead.", *_PROSE]


def test_wild_text_where_no_container_is_found() -> None:
    # no BODY_XPATH container: every paragraph of the pruned page, a repeated one once
    html = body_page(f"<div class='x'>{_PROSE_HTML}</div><div class='y'><p>{_PROSE[0]}</p><p>The end.</p></div>")
    assert read_natively(html) == [*_PROSE, "The end."]


def test_wild_text_after_a_short_container_pass() -> None:
    # the container gives too little: the page's other paragraphs are recovered, the consumed ones not twice
    html = body_page(f"<article><p>A short lead.</p><p>A second line.</p></article><div class='x'>{_PROSE_HTML}</div>")
    assert read_natively(html) == ["A short lead.", "A second line.", *_PROSE]


def test_share_label_line_is_dropped() -> None:
    assert read_natively(body_page(f"<article>{_PROSE_HTML}<p>Facebook</p><p>The end.</p></article>")) == [
        *_PROSE,
        "The end.",
    ]


@pytest.mark.parametrize(
    ("inner", "reason"),
    [
        (f"<form><article>{_PROSE_HTML}</article></form><p>Sign up</p>", "a form wrapping the page"),
        ("<p>Short.</p><script type='application/ld+json'>{}</script>", "embedded JSON"),
        (f"<article>{_PROSE_HTML}<template><p>later</p></template></article>", "<template>"),
    ],
)
def test_declines_paths_it_does_not_follow(inner: str, reason: str) -> None:
    html = body_page(inner)
    why = main_text.decline_reason(LexborHTMLParser(html).body)
    assert why is not None and reason in why
    assert _native(html) is None


_FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.html"))


def test_native_equals_trafilatura_on_the_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    """On every bundled fixture, the live cleaned tree read natively gives trafilatura's paragraphs."""
    seen: list[tuple[str, list[str] | None, list[str]]] = []

    def compare(tree: LexborHTMLParser, base_url: str | None) -> list[str]:
        cleaned = body.as_page(tree.body.html if tree.body is not None else tree.html)
        expected = body.main_text(cleaned, base_url, fast=True)
        seen.append((name, main_text.paragraphs(tree.body), expected))
        return expected

    monkeypatch.setattr(pipeline, "_main_text", compare)
    for path in _FIXTURES:
        name = path.stem
        extract_article(path.read_bytes(), url="https://example.com/a")
    read = [(n, native, expected) for n, native, expected in seen if native is not None]
    assert len(read) >= len(seen) // 3  # 22 of the 48 small synthetic pages: the port must not just decline
    assert [n for n, native, expected in read if native != expected] == []


@pytest.mark.parametrize(
    "pieces",
    [
        ["Breaking", " news", ""],
        ["  two  words ", "\n", "glued", "on"],
        ["\u00a0", "a\u2003b", " ", "", "c "],
        ["", "", ""],
        ["x"],
    ],
)
def test_link_density_reads_trimmed_lengths_from_text_shapes(pieces: list[str]) -> None:
    # the shapes of the pieces give the length of the trimmed concatenation, without joining it
    combined = None
    for piece in pieces:
        combined = joined(combined, shape(piece))
    assert (combined[0] if combined else 0) == len(trim("".join(pieces)))


def test_a_container_that_reads_as_a_link_list_leaves_the_page_but_is_still_read() -> None:
    # trafilatura deletes the container from the page by link density, then reads it all the same
    # (the text of the <p> elements is measured on the page without it)
    pair = "<p><a href='/a'>Council votes on the harbour dredging plan</a> <a href='/b'>Crews react to it</a></p>"
    html = body_page(f"<div class='intro'><p>{_PROSE[0]}</p></div><div class='entry-content'>{pair * 6}</div>")
    assert read_natively(html)[-1] == "Council votes on the harbour dredging plan Crews react to it"


def test_a_faq_question_in_bold_reads_as_a_title() -> None:
    question = "<div><strong class='schema-faq-question'>Why the delay?</strong><p>The dredger broke down.</p></div>"
    paragraphs = read_natively(body_page(f"<article>{_PROSE_HTML}{question}<p>The end.</p></article>"))
    assert paragraphs[-3:] == ["Why the delay?", "The dredger broke down.", "The end."]

"""The native main text's recall retry (trafilatura_sequence's stage 4): a short text covering less
than a fifth of the page is extracted again in recall mode, and the retry kept when clearly longer.

Each test checks what the port reads and that trafilatura reads the very same paragraphs.
"""

from __future__ import annotations

from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser
from support import body_page, read_natively
from trafilatura.baseline import html2txt
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.utils import load_html
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from newsextract.extract import main_text
from newsextract.extract.main_text.page_text import page_length

_SENTENCE = "The council met on Tuesday to decide on the dredging of the inner harbour channel at last. "
_LEAD = f"<p>{_SENTENCE * 3}</p>"  # about 270 characters: above trafilatura's minimum of 250
_FILLER = "<div class='x'>" + "Words outside any paragraph on a long page. " * 300 + "</div>"


def _parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


@pytest.fixture
def retries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lengths of the texts the recall retries read."""
    lengths: list[int] = []
    extraction = main_text._extraction

    def counted(*args: Any, recall: bool) -> Any:
        result = extraction(*args, recall=recall)
        if recall:
            lengths.append(result[1])
        return result

    monkeypatch.setattr(main_text, "_extraction", counted)
    return lengths


def test_no_retry_where_the_text_covers_a_fifth_of_the_page(retries: list[int]) -> None:
    read_natively(body_page(f"<article>{_LEAD}<p>The end.</p></article>"))
    assert retries == []


def test_no_retry_where_recall_mode_would_read_the_same(retries: list[int]) -> None:
    # no teaser block, no list in a table cell, no wild text: the retry would read the first text again
    paragraphs = read_natively(body_page(f"<article>{_LEAD}<p>The end.</p></article>{_FILLER}"))
    assert paragraphs == [(_SENTENCE * 3).strip(), "The end."]
    assert retries == []


def test_a_retry_not_much_longer_than_the_first_text_is_dropped(retries: list[int]) -> None:
    teaser = f"<div class='Teaser'><p>{_SENTENCE}</p></div>"
    paragraphs = read_natively(body_page(f"<article>{_LEAD}<p>The end.</p>{teaser}</article>{_FILLER}"))
    assert paragraphs == [(_SENTENCE * 3).strip(), "The end."]
    assert len(retries) == 1 and retries[0] > len((_SENTENCE * 3).strip())


def test_the_retry_keeps_teaser_blocks(retries: list[int]) -> None:
    # balanced mode prunes the teaser block from the container, recall mode keeps it
    teaser = "<div class='teaser'>" + f"<p>{_SENTENCE * 4}</p>" * 3 + "</div>"
    paragraphs = read_natively(body_page(f"<article>{_LEAD}<p>The end.</p>{teaser}</article>{_FILLER}"))
    assert (_SENTENCE * 4).strip() in paragraphs
    assert len(retries) == 1


def test_the_retry_recovers_div_text_as_wild_text(retries: list[int]) -> None:
    # no container: balanced mode recovers the page's paragraphs only, recall mode its <div> text too
    divs = "".join(f"<div class='y'>{n}. {_SENTENCE * 4}</div>" for n in range(6))
    paragraphs = read_natively(body_page(f"<div class='x'>{_LEAD}</div>{divs}"))
    assert len(paragraphs) == 7
    assert len(retries) == 1


def test_the_retry_keeps_lists_in_table_cells(retries: list[int]) -> None:
    items = "".join(f"<li>{_SENTENCE}</li>" for _ in range(12))
    table = f"<table><tr><td>Cell</td><td><ul>{items}</ul></td></tr></table>"
    paragraphs = read_natively(body_page(f"<article>{_LEAD}{table}</article>{_FILLER}"))
    assert paragraphs[-1].count(_SENTENCE.strip()) == 12  # the list's items, in the row's line
    assert len(retries) == 1


def test_a_list_in_a_cell_is_consumed_outside_recall_mode() -> None:
    # the list goes, its items' paragraphs and formatting with it (they are not read one by one)
    items = "".join(f"<li><p><b>Item {n}</b> of a list</p></li>" for n in range(3))
    table = f"<table><tr><td>Cell text<ul>{items}</ul>after</td><td>Other</td></tr></table>"
    paragraphs = read_natively(body_page(f"<article>{_LEAD * 2}{table}<p>The end.</p></article>"))
    assert not any("Item" in p for p in paragraphs)


def test_declines_where_the_cleaning_would_remove_every_paragraph() -> None:
    # recall mode undoes the cleaning when it leaves no <p>: not followed
    divs = "".join(f"<div>{_SENTENCE * 3}</div>" for _ in range(2))
    html = body_page(f"<article>{divs}</article><nav><p>Home</p></nav>{_FILLER}")
    assert main_text.decline_reason(_parse(html).body) == "recall: the cleaning may remove every paragraph"


@pytest.mark.parametrize(
    "inner",
    [
        "<div>a</div>b<span>c</span><p>d<br>e</p><li>f</li><b>g</b>h",
        "<p>x\u200by</p>z\u200bw<div><!-- c -->\u200bv</div>",
        "<div class='footer-links'>gone</div><div id='footer' class='main'>kept</div><aside>gone</aside>"
        "<footer>gone</footer><div class='Cookie-Banner'>gone</div><span id='onetrust-x'>gone</span>",
        "<div id='comments'>gone</div><ul class='comment-list'><li>gone</li></ul><section>a<style>x</style>b</section>",
        "<div class='infinite-scroll'><h1>kept</h1></div><div class='infinite-scroll'>gone</div>"
        "<div><p>one</p>two<svg><text>gone</text></svg>three</div>",
    ],
)
def test_page_length_is_html2txt_on_the_pruned_page(inner: str) -> None:
    html = body_page(inner)
    tree = load_html(html)
    for rules in (RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH):
        tree = prune_unwanted_nodes(tree, rules)
    assert page_length(_parse(html).body) == len(html2txt(tree))

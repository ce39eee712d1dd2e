"""The shared DOM walks: boilerplate marks, the region's prose sums and membership, node removal."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.extract import clean, dom, evidence, node_text, zones
from newsextract.extract.explain import RemovalLog
from newsextract.extract.text import squash
from newsextract.extract.vocabulary.zones import BOILERPLATE_CLASS, BOILERPLATE_EXCEPTION_CLASS, BOILERPLATE_WORDS

_LONGEST_FIRST = re.compile(
    r"(?:^|[\s_-])(?:"
    + "|".join(re.escape(w) for w in sorted(BOILERPLATE_WORDS, key=len, reverse=True))
    + r")(?=$|[\s_-])"
)


@pytest.mark.parametrize(
    "names",
    [
        "ad-slot ad-slotx ads adslot advert advertising-x shared share-bar",
        "author-bio author-biox authorbio more-stories more-story read-more-x",
        "widget widgets widgetized widgetx a2a jp-relatedposts_x",
        "navigation nav-bar menu_item main-content sidebar-right comment comments",
        *BOILERPLATE_WORDS,
        *(f"x-{w}s y_{w}-z {w}{w}" for w in BOILERPLATE_WORDS),
    ],
)
def test_the_word_tree_matches_what_the_longest_first_alternation_matches(names: str) -> None:
    assert BOILERPLATE_CLASS.findall(names) == _LONGEST_FIRST.findall(names)


def _node(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<html><body>{html}</body></html>")


def test_boilerplate_marks_read_tag_role_hidden_class_and_id() -> None:
    tree = _node('<aside class="Share-Bar has-sidebar" id="Related_posts" role="Navigation" hidden>x</aside>')
    node = tree.css_first("aside")
    assert node is not None
    assert dom.boilerplate_marks(node) == {"<aside>", "role=navigation", "hidden", "share", "related"}
    assert dom.boilerplate_marks(node, zone_tags=False) == {"role=navigation", "hidden", "share", "related"}
    plain = _node('<div class="has-sidebar shared" id="main">x</div>').css_first("div")
    assert plain is not None and dom.boilerplate_marks(plain) == frozenset()


def test_region_sums_prose_per_container_and_knows_its_elements() -> None:
    para = "A sentence long enough to count as prose in an article body. " * 2
    tree = _node(
        f'<div id="story"><div id="a"><p>{para}</p><p>{para}</p></div><div id="b"><p>{para}</p></div></div>'
        f'<div id="aside"><p>{para}</p></div>'
    )
    core = tree.css_first("#a")
    region = evidence.find_region(tree, core)
    chars = len(para.strip())
    by_id = {n.attributes["id"]: region.prose_in(n) for n in tree.css("div[id]")}
    assert by_id == {"story": 3 * chars, "a": 2 * chars, "b": chars, "aside": chars}
    assert region.page_prose == 4 * chars
    assert region.root is not None and region.root.attributes["id"] == "story"
    assert all(region.contains(n) for n in tree.css("#story, #story p"))
    assert not any(region.contains(n) for n in tree.css("#aside, #aside p, body"))
    assert all(region.holds_root(n) for n in tree.css("body, #story"))  # the root and its ancestors
    assert not any(region.holds_root(n) for n in tree.css("#a, #story p, #aside"))


def test_remove_nodes_frees_nested_nodes_once_in_any_order() -> None:
    tree = _node('<div id="outer"><div id="inner"><p>gone</p></div></div><p id="kept">kept</p><span id="x">x</span>')
    nodes = [tree.css_first(s) for s in ("#inner", "#outer", "#inner p", "#x", "#x")]
    dom.remove_nodes([n for n in nodes if n is not None])
    assert tree.body is not None and tree.body.html == '<body><p id="kept">kept</p></body>'


@pytest.mark.parametrize(
    "names",
    [
        "Share-Bar has-sidebar",
        "more-stories\u2003ad_slot",
        "x\u00a0ads menu-item",
        "post-navigation sidebar-left main-content",
        "shared-content readmorex",
        *(f"X_{w.upper()}-y" for w in BOILERPLATE_WORDS),
    ],
)
def test_class_marks_agree_with_the_regular_expressions(names: str) -> None:
    """The token pre-test only skips the regular expressions where they would find nothing."""
    lowered = BOILERPLATE_EXCEPTION_CLASS.sub(" ", names.lower())
    expected = {m.lstrip(" _-") for m in BOILERPLATE_CLASS.findall(lowered)}
    div = _node("<div>x</div>").css_first("div")
    assert div is not None
    div.attrs["class"] = names
    assert dom.boilerplate_marks(div) == expected


def test_nominated_passes_over_skipped_elements_as_the_skip_set_grows() -> None:
    """The cleaner adds a removed zone's elements to ``skip``; nominees inside it are never read."""
    tree = _node('<nav id="n"><div class="share">x</div></nav><div class="related">y</div>')
    region = evidence.find_region(tree, None)
    skip: set[int] = set()
    seen = []
    for nominee in zones.nominated(tree, region, skip=skip):
        seen.append(nominee.node.attributes.get("id") or nominee.node.attributes.get("class"))
        skip.update(n.mem_id for n in nominee.node.traverse())
    assert seen == ["n", "related"]
    assert [n.node.tag for n in zones.nominated(tree, region)] == ["nav", "div", "div"]


def _cleaned(html: str, log: RemovalLog) -> str:
    tree = _node(html)
    region = evidence.find_region(tree, dom.find_article_root(tree))
    clean.clean_tree(tree, region, [], log)
    assert tree.body is not None
    return tree.body.html or ""


def test_a_link_list_inside_a_removed_zone_goes_with_it_and_is_still_explained() -> None:
    para = "A sentence long enough to count as prose in an article body. " * 3
    links = "".join(f'<li><a href="/{i}">Another story number {i}</a></li>' for i in range(12))
    html = f'<div id="story"><p>{para}</p><p>{para}</p></div><nav class="menu"><ul>{links}</ul></nav>'
    explained = RemovalLog(enabled=True)
    assert _cleaned(html, RemovalLog()) == _cleaned(html, explained)
    assert "Another story" not in _cleaned(html, RemovalLog())
    assert [r.rule for r in explained.removals if r.step == "zone"] == ["outside_main_text", "link_list"]


def test_paragraph_lengths_are_what_the_root_vote_and_the_prose_blocks_read() -> None:
    para = "A sentence long enough to count as prose in an article body. " * 2
    tree = _node(f'<div id="a"><p> {para} </p><blockquote>{para}</blockquote></div><div><pre>short</pre></div>')
    lengths = dom.paragraph_lengths(tree)
    assert [(node.tag, chars) for node, chars in lengths.values()] == [
        ("p", len(para.strip())),
        ("blockquote", len(para.strip())),
        ("pre", 5),
    ]
    root = dom.find_article_root(tree, lengths)
    assert root is not None and root.mem_id == dom.find_article_root(tree).mem_id  # type: ignore[union-attr]
    assert evidence.prose_blocks(tree.body, lengths) == evidence.prose_blocks(tree.body)  # type: ignore[arg-type]


def _measured_as_before(node: LexborNode, limit: int) -> str | None:
    """text_within() as first written: every text node read, white space included."""
    pieces: list[str] = []
    total = 0
    for piece in node.traverse(include_text=True):
        if piece.tag != "-text":
            continue
        value = piece.text_content or ""
        total += len(value.strip())
        if total > limit:
            return None
        pieces.append(value)
    return squash(" ".join(pieces))


@pytest.mark.parametrize("limit", [0, 3, 12, 40, 1000])
def test_text_measures_passing_over_blank_text_nodes_read_what_they_read_before(limit: int) -> None:
    tree = _node(
        "<div>\n  <p>\u00a0</p>\n\t<p> one\r\n two </p><span>\u200b</span>\f<b></b>"
        "<p>three<i>four</i> \x0b five</p>\n</div><div> \n </div><div>\u2003</div>"
    )
    for node in tree.css("div, p, span, b"):
        assert node_text.text_within(node, limit) == _measured_as_before(node, limit)
        assert node_text.has_text(node) is any(
            (p.text_content or "").strip() for p in node.traverse(include_text=True) if p.tag == "-text"
        )

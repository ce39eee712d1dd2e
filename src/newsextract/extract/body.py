"""Main text: the trafilatura adapter (here and only here), then paragraph-level clean-up."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura
from lxml.etree import ElementDefaultClassLookup, LxmlError
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from selectolax.lexbor import LexborHTMLParser, LexborNode
from trafilatura.utils import is_dubious_html, repair_faulty_html

from newsextract.extract.dom import text_of
from newsextract.extract.evidence import text_stats
from newsextract.extract.explain import RemovalLog
from newsextract.extract.text import Fingerprint, squash, squashed_lines, word_count
from newsextract.extract.text_index import TextIndex
from newsextract.extract.vocabulary.body import (
    COMMON_BOILERPLATE_LINE,
    FALLBACK_BLOCKS,
    FALLBACK_TAGS,
    NEWSLETTER_LINE,
    NEWSLETTER_LINE_MAX_CHARS,
    NEWSLETTER_WORD_END,
    TIMESTAMP_LINE,
    TIMESTAMP_LINE_MAX_CHARS,
)
from newsextract.extract.vocabulary.bylines import BYLINE_LINE
from newsextract.extract.vocabulary.thresholds import (
    BYLINE_SIMILARITY,
    CAPTION_MIN_WORDS,
    HEADLINE_REPEAT_PARAGRAPHS,
    HEADLINE_SIMILARITY,
    INDEX_LINK_DENSITY,
    INDEX_MAX_PARAGRAPH_CHARS,
    INDEX_MAX_PARAGRAPH_WORDS,
    INDEX_MIN_TEASERS,
    MAX_BYLINE_PARAGRAPH_CHARS,
    MAX_CAPTION_PARAGRAPH_GROWTH,
    MIN_CONTAINING_CAPTION_WORDS,
    OWN_TEXT_MIN_CHARS,
    PASTED_MIN_WORDS,
    STANDFIRST_MIN_WORDS,
    TIMESTAMP_MAX_WORDS,
    TWIN_MIN_WORDS,
    TWIN_SIMILARITY,
)
from newsextract.extract.vocabulary.zones import TEXT_BLOCK_SELECTOR

# trafilatura logs every page it finds too short; a batch run must not print that.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


# trafilatura's parser (utils.HTML_PARSER) with lxml's C-level element classes: lxml.html's own
# lookup calls back into Python for every element trafilatura touches, only to give forms and
# inputs classes of their own, which trafilatura never uses (the same text on all our pages).
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
)


def main_text(html: str, url: str | None, *, fast: bool = False) -> list[str]:
    """The page's main text as paragraphs, by trafilatura. ``fast`` skips its fallback
    extractors (readability, jusText), which a pre-cleaned page seldom needs."""
    return trafilatura_text(_parsed(html), url, fast=fast)


def trafilatura_text(page: HtmlElement | str, url: str | None, *, fast: bool) -> list[str]:
    """trafilatura's text of a page (a string, or a tree as its load_html() gives it), as lines."""
    text = trafilatura.extract(
        page,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        with_metadata=False,
    )
    return squashed_lines(text or "")


def _parsed(html: str) -> HtmlElement | str:
    """The page as trafilatura's load_html() parses a string, by the parser above; the string
    itself where load_html() would take another way (its fallbacks and rejections)."""
    beginning = html[:50].lower()
    try:
        tree = fromstring(repair_faulty_html(html, beginning), parser=_PARSER)
    except (ValueError, LxmlError):  # an encoding declaration in a str, an empty document
        return html
    if len(tree) < 1 or (is_dubious_html(beginning) and len(tree) < 2):
        return html
    return tree


def as_page(body_html: str | None) -> str:
    """A page around a serialised <body>, for the main-text extractor."""
    return f"<html>{body_html or ''}</html>"


def fallback_text(root: LexborNode | None) -> list[str]:
    """Paragraphs straight from the main region: its paragraph elements, and the text that
    containers hold themselves (``<div>text<br>text</div>``), in page order. The safety net
    measures the body against it, and uses it when every extraction comes back empty."""
    if root is None:
        return []
    found = []
    for node in root.css(f"{FALLBACK_BLOCKS}, {TEXT_BLOCK_SELECTOR}"):
        if node.tag in FALLBACK_TAGS:
            text = text_of(node)
            if text:
                found.append(text)
            continue
        own = node.text(deep=False)
        # Squashing only shortens: a container's short own text (white space, mostly) is never enough.
        if len(own) >= OWN_TEXT_MIN_CHARS and len(text := squash(own)) >= OWN_TEXT_MIN_CHARS:
            found.append(text)
    return found


def is_caption_like(paragraph: Fingerprint, captions: TextIndex) -> bool:
    """True when a paragraph is one of the image captions (or alt/credit text) the page repeats."""
    if len(paragraph.word_set) < CAPTION_MIN_WORDS:
        return paragraph.folded in captions.folded
    return captions.similar(paragraph) or any(
        len(c.word_set) >= MIN_CONTAINING_CAPTION_WORDS
        and c.contains(paragraph)
        and len(paragraph.text) <= len(c.text) * MAX_CAPTION_PARAGRAPH_GROWTH
        for c in captions.containing(paragraph)
    )


def is_boilerplate_line(text: str) -> bool:
    """``BOILERPLATE_LINES.match(text)``, the newsletter part tried only where its word stands early.
    Case-folding maps every character that matches a letter of "newsletter" when case is ignored
    (the long s too) to that letter, and one to one: the word is found in the folded start."""
    if COMMON_BOILERPLATE_LINE.match(text):
        return True
    return (
        len(text) <= NEWSLETTER_LINE_MAX_CHARS
        and "newsletter" in text[:NEWSLETTER_WORD_END].casefold()
        and NEWSLETTER_LINE.match(text) is not None
    )


def _is_timestamp(text: str) -> bool:
    """A lone time stamp: at most TIMESTAMP_MAX_WORDS words, and TIMESTAMP_LINE (only short texts match it)."""
    if len(text) > TIMESTAMP_LINE_MAX_CHARS:  # most paragraphs: no split and no lookahead scan
        return False
    # At most TIMESTAMP_MAX_WORDS words: split no further than one word past them.
    return len(text.split(maxsplit=TIMESTAMP_MAX_WORDS)) <= TIMESTAMP_MAX_WORDS and bool(TIMESTAMP_LINE.match(text))


def _is_byline(paragraph: Fingerprint, byline: Fingerprint | None) -> bool:
    if byline is None or len(paragraph.text) > MAX_BYLINE_PARAGRAPH_CHARS:
        return False
    return paragraph.folded == byline.folded or (
        bool(BYLINE_LINE.match(paragraph.text)) and paragraph.similar(byline, BYLINE_SIMILARITY)
    )


@dataclass(frozen=True)
class _Known:
    """Texts the page prints outside the body: captions, the byline, the headline, image alt texts."""

    captions: TextIndex
    byline: Fingerprint | None
    headline: Fingerprint | None
    alts: TextIndex


def _drop_rule(
    paragraph: Fingerprint, index: int, known: _Known, kept: list[Fingerprint], repeated: set[str]
) -> str | None:
    """Why a paragraph is not body text, or None when it is."""
    if is_boilerplate_line(paragraph.text):
        return "boilerplate_line"
    if _is_timestamp(paragraph.text):
        return "timestamp"
    if is_caption_like(paragraph, known.captions):
        return "caption"
    # An alt text only removes a paragraph that repeats it: a heading it merely contains
    # ("Residential Power Rack" in "bells of steel residential power rack") is text.
    if known.alts.similar(paragraph):
        return "image_alt"
    if _is_byline(paragraph, known.byline):
        return "byline"
    if (
        index < HEADLINE_REPEAT_PARAGRAPHS
        and known.headline is not None
        and paragraph.similar(known.headline, HEADLINE_SIMILARITY)
    ):
        return "headline"
    # Only plain artefacts are de-duplicated: a paragraph right after itself, the standfirst printed
    # again, a whole prose paragraph pasted twice. Labels, headings and per-item notes recur and stay.
    if kept and paragraph.folded == kept[-1].folded:
        return "duplicate_adjacent"
    if paragraph.folded in repeated:
        return "duplicate"
    return None


def _twins(a: Fingerprint, b: Fingerprint) -> bool:
    """One paragraph repeating another with a little added (a dateline, a source), not two
    paragraphs that merely share their vocabulary (clauses of a legal text, list entries)."""
    if len(a.word_set) < TWIN_MIN_WORDS or not a.similar(b, TWIN_SIMILARITY):
        return False
    return a.contains(b) or b.contains(a)


def clean_paragraphs(
    paragraphs: list[str],
    captions: list[str],
    byline: str | None,
    headline: str | None,
    log: RemovalLog | None = None,
    *,
    alts: list[str] | None = None,
) -> list[str]:
    """Drop captions, the byline, the headline, boilerplate lines and repeated paragraphs from the text.

    Of two near-identical paragraphs (a standfirst the first paragraph repeats
    with a dateline added), the longer one is kept, in the first one's place.
    """
    log = log or RemovalLog()
    known = _Known(
        TextIndex([Fingerprint.of(c) for c in dict.fromkeys(captions)]),
        Fingerprint.of(byline) if byline else None,
        Fingerprint.of(headline) if headline else None,
        TextIndex([Fingerprint.of(a) for a in dict.fromkeys(alts or [])]),
    )
    kept: list[Fingerprint] = []
    repeated: set[str] = set()  # texts whose repeat is an artefact: the standfirst, long paragraphs
    for index, text in enumerate(paragraphs):
        paragraph = Fingerprint.of(text)
        rule = _drop_rule(paragraph, index, known, kept, repeated)
        if rule is not None:
            log.add("paragraph", rule, f"paragraph {index + 1}", text)
            continue
        words = len(paragraph.word_set)
        if words >= PASTED_MIN_WORDS or (not kept and words >= STANDFIRST_MIN_WORDS):
            repeated.add(paragraph.folded)
        _keep(paragraph, index, kept, log)
    return [p.text for p in kept]


def _keep(paragraph: Fingerprint, index: int, kept: list[Fingerprint], log: RemovalLog) -> None:
    """Append the paragraph; when it and the one right before are twins, keep the longer in the first's place."""
    # Only the paragraph right before can be a twin: replacing an earlier one would reorder the text.
    if not kept or not _twins(paragraph, kept[-1]):
        kept.append(paragraph)
        return
    shorter = paragraph if len(paragraph.text) <= len(kept[-1].text) else kept[-1]
    log.add("paragraph", "near_duplicate", f"paragraph {index + 1}", shorter.text)
    if shorter is kept[-1]:
        kept[-1] = paragraph


@dataclass(frozen=True)
class IndexEvidence:
    """What says a page is a home or section page rather than an article."""

    link_density: float  # of the whole page's text
    teasers: int  # headings that are links to other pages
    article_markup: bool  # JSON-LD / og:type article, or a single <article>
    # The link density and the teasers are measured only where no markup says article (0 elsewhere):
    # then nothing says index, whatever they are.

    def says_index(self) -> bool:
        return not self.article_markup and (
            self.link_density >= INDEX_LINK_DENSITY or self.teasers >= INDEX_MIN_TEASERS
        )


def index_evidence(tree: LexborHTMLParser, declares_article: bool) -> IndexEvidence:
    """Measured on the page before cleaning; the link density and the teasers only where no markup
    says article (most pages: no walk of the page for either)."""
    if declares_article or len(tree.css("article")) == 1:
        return IndexEvidence(0.0, 0, True)
    teasers = len(tree.css("h2 a[href], h3 a[href], h4 a[href]"))
    body = tree.body
    density = text_stats(body).link_density if body is not None else 0.0
    return IndexEvidence(density, teasers, False)


def looks_like_index(paragraphs: list[str], evidence: IndexEvidence) -> bool:
    """True for teaser lists (home and section pages): the page says index, and no paragraph reads
    like article prose. A short article (a brief, wire copy) is still an article."""
    if not evidence.says_index():
        return False
    return not any(
        len(p.split()) >= INDEX_MAX_PARAGRAPH_WORDS
        or len(p) >= INDEX_MAX_PARAGRAPH_CHARS
        or word_count(p) >= INDEX_MAX_PARAGRAPH_WORDS
        for p in paragraphs
    )

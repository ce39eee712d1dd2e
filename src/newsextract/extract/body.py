"""Main text: the trafilatura adapter (here and only here), then paragraph-level clean-up."""

from __future__ import annotations

import logging

import trafilatura
from selectolax.lexbor import LexborNode

from newsextract.extract import selectors as sel
from newsextract.extract.dom import text_of
from newsextract.extract.text import Fingerprint, squash, word_count

# trafilatura logs every page it finds too short; a batch run must not print that.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_CAPTION_MIN_WORDS = 3


def main_text(html: str, url: str | None) -> list[str]:
    """The page's main text as paragraphs, by trafilatura on the pre-cleaned HTML."""
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        with_metadata=False,
    )
    return [squash(line) for line in (text or "").splitlines() if squash(line)]


def fallback_text(root: LexborNode | None) -> list[str]:
    """Paragraphs straight from the article root, when trafilatura finds nothing."""
    if root is None:
        return []
    return [t for t in (text_of(n) for n in root.css("p, h2, h3, li, blockquote")) if t]


def is_caption_like(paragraph: Fingerprint, captions: list[Fingerprint]) -> bool:
    """True when a paragraph is one of the image captions (or alt/credit text) the page repeats."""
    if len(paragraph.word_set) < _CAPTION_MIN_WORDS:
        return any(paragraph.folded == c.folded for c in captions)
    return any(paragraph.similar(c) or (len(c.word_set) >= 5 and c.contains(paragraph)
                                        and len(paragraph.text) <= len(c.text) * 1.3)
               for c in captions)


def _is_byline(paragraph: Fingerprint, byline: Fingerprint | None) -> bool:
    if byline is None or len(paragraph.text) > 160:
        return False
    return paragraph.folded == byline.folded or (bool(sel.BYLINE_LINE.match(paragraph.text))
                                                 and paragraph.similar(byline, 0.6))


def clean_paragraphs(paragraphs: list[str], captions: list[str], byline: str | None,
                     headline: str | None) -> list[str]:
    """Drop captions, the byline, the headline, boilerplate lines and repeated paragraphs from the text.

    Of two near-identical paragraphs (a standfirst the first paragraph repeats
    with a dateline added), the longer one is kept, in the first one's place.
    """
    caption_prints = [Fingerprint.of(c) for c in dict.fromkeys(captions)]
    byline_print = Fingerprint.of(byline) if byline else None
    headline_print = Fingerprint.of(headline) if headline else None
    kept: list[Fingerprint] = []
    seen: set[str] = set()
    for index, text in enumerate(paragraphs):
        paragraph = Fingerprint.of(text)
        if paragraph.folded in seen or sel.BOILERPLATE_LINES.match(text):
            continue
        if is_caption_like(paragraph, caption_prints) or _is_byline(paragraph, byline_print):
            continue
        if index < 3 and headline_print is not None and paragraph.similar(headline_print, 0.9):
            continue
        seen.add(paragraph.folded)
        twin = next((i for i in range(max(0, len(kept) - 3), len(kept))
                     if len(paragraph.word_set) >= 8 and paragraph.similar(kept[i], 0.85)), None)
        if twin is None:
            kept.append(paragraph)
        elif len(text) > len(kept[twin].text):
            kept[twin] = paragraph
    return [p.text for p in kept]


_INDEX_MAX_PARAGRAPH_WORDS = 30
_INDEX_MAX_PARAGRAPH_CHARS = 150


def looks_like_index(paragraphs: list[str]) -> bool:
    """True for teaser lists (home and section pages): no paragraph reads like article prose."""
    return not any(len(p.split()) >= _INDEX_MAX_PARAGRAPH_WORDS or len(p) >= _INDEX_MAX_PARAGRAPH_CHARS
                   or word_count(p) >= _INDEX_MAX_PARAGRAPH_WORDS for p in paragraphs)

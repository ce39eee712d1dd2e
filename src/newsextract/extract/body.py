"""Main text: the trafilatura adapter (here and only here), then paragraph-level clean-up."""

from __future__ import annotations

import logging

import trafilatura
from selectolax.lexbor import LexborNode

from newsextract.extract import selectors as sel
from newsextract.extract.dom import text_of
from newsextract.extract.text import contains_text, fold, similar, squash, word_count

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


def is_caption_like(paragraph: str, captions: list[str]) -> bool:
    """True when a paragraph is one of the image captions (or alt/credit text) the page repeats."""
    if len(paragraph.split()) < _CAPTION_MIN_WORDS:
        return any(fold(paragraph) == fold(c) for c in captions)
    return any(similar(paragraph, c) or (len(c.split()) >= 5 and contains_text(c, paragraph)
                                         and len(paragraph) <= len(c) * 1.3)
               for c in captions)


def _is_byline(paragraph: str, byline: str | None) -> bool:
    if not byline or len(paragraph) > 160:
        return False
    return fold(paragraph) == fold(byline) or (bool(sel.BYLINE_LINE.match(paragraph))
                                               and similar(paragraph, byline, 0.6))


def clean_paragraphs(paragraphs: list[str], captions: list[str], byline: str | None,
                     headline: str | None) -> list[str]:
    """Drop captions, the byline, the headline, boilerplate lines and repeated paragraphs from the text.

    Of two near-identical paragraphs (a standfirst the first paragraph repeats
    with a dateline added), the longer one is kept, in the first one's place.
    """
    kept: list[str] = []
    seen: set[str] = set()
    for index, paragraph in enumerate(paragraphs):
        key = fold(paragraph)
        if key in seen or sel.BOILERPLATE_LINES.match(paragraph) or is_caption_like(paragraph, captions):
            continue
        if _is_byline(paragraph, byline) or (index < 3 and headline and similar(paragraph, headline, 0.9)):
            continue
        seen.add(key)
        twin = next((i for i in range(max(0, len(kept) - 3), len(kept))
                     if len(paragraph.split()) >= 8 and similar(paragraph, kept[i], 0.85)), None)
        if twin is None:
            kept.append(paragraph)
        elif len(paragraph) > len(kept[twin]):
            kept[twin] = paragraph
    return kept


_INDEX_MAX_PARAGRAPH_WORDS = 30
_INDEX_MAX_PARAGRAPH_CHARS = 150


def looks_like_index(paragraphs: list[str]) -> bool:
    """True for teaser lists (home and section pages): no paragraph reads like article prose."""
    return not any(len(p.split()) >= _INDEX_MAX_PARAGRAPH_WORDS or len(p) >= _INDEX_MAX_PARAGRAPH_CHARS
                   or word_count(p) >= _INDEX_MAX_PARAGRAPH_WORDS for p in paragraphs)

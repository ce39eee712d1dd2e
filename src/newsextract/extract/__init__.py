"""Pure extraction: page text or bytes in, Article out. No I/O, no global state.

extract_article() reads as the list of steps; each step lives in its own module.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from newsextract.errors import ParseError
from newsextract.extract import body, byline, clean, dom, images, metadata
from newsextract.extract import selectors as sel
from newsextract.extract.page import Page, read_page
from newsextract.extract.text import word_count
from newsextract.models import Article
from newsextract.settings import DEFAULT_EXTRACT_SETTINGS, ExtractSettings

__all__ = ["extract_article"]

_MIN_ALT_WORDS = 4


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    final_url: str | None = None,
    http_charset: str | None = None,
    settings: ExtractSettings = DEFAULT_EXTRACT_SETTINGS,
) -> Article:
    """Extract a clean, structured Article from a news page.

    Usage: ``article = extract_article(html_bytes, url="https://example.com/a")``

    ``html`` may be text or raw bytes (decoded from BOM, ``http_charset``,
    the page's own declaration, then detection). Raises ParseError for input
    that is not a web page at all (empty, binary); anything else gives an
    Article, with ``warnings`` saying what looked wrong.
    """
    page = read_page(html, http_charset, settings, url=url)
    base_url = final_url or url
    tree = LexborHTMLParser(page.text)
    if tree.body is None and tree.head is None:
        raise ParseError("the input has no HTML structure", url=url)
    root = dom.find_article_root(tree)
    scope = dom.image_scope(root, tree)
    meta = metadata.read_metadata(tree, base_url, byline.printed_headline(tree, scope))
    byline_nodes = byline.find_byline_nodes(tree, scope)
    found_images, image_nodes = images.collect(scope, base_url) if scope is not None else ([], [])
    # Captions outside the article's images (a gallery above it, a teaser) are never body text either.
    stray_captions = images.stray_captions(tree)
    found = _Found(
        page=page,
        meta=meta,
        images=found_images,
        byline_texts=list(dict.fromkeys(t for t in map(dom.text_of, byline_nodes) if t)),
        stray_captions=[t for t in map(dom.text_of, stray_captions) if t],
        paragraphs=body.fallback_text(root),
    )
    clean.clean_tree(tree, root, image_nodes + byline_nodes + stray_captions)  # these nodes are freed now
    found.paragraphs = body.main_text(tree.html or "", base_url) or found.paragraphs
    return _assemble(found, url, final_url, settings)


@dataclass
class _Found:
    """What the DOM steps found, kept as plain data once the tree is cleaned."""

    page: Page
    meta: metadata.Metadata
    images: list[images.CaptionedImage]
    byline_texts: list[str]
    stray_captions: list[str]
    paragraphs: list[str]  # the root's own paragraphs until trafilatura's replace them


def _assemble(found: _Found, url: str | None, final_url: str | None, settings: ExtractSettings) -> Article:
    meta = found.meta
    printed_byline = " ".join(found.byline_texts) or byline.byline_from_text(found.paragraphs)
    image_list = images.finalise(found.images, meta.lead_image, meta.image_captions) \
        if settings.include_images else []
    repeated = [t for im in found.images for t in (im.caption, im.credit) if t] + found.stray_captions
    repeated += [im.alt for im in found.images if im.alt and len(im.alt.split()) >= _MIN_ALT_WORDS]
    kept = body.clean_paragraphs(found.paragraphs, repeated, printed_byline, meta.headline)
    no_article = not meta.declares_article and body.looks_like_index(kept)
    text = "" if no_article else "\n\n".join(kept)
    authors, author_source = _authors(meta, found.byline_texts, printed_byline)
    provenance = {k: v for k, v in meta.provenance.items() if k in Article.model_fields}
    if authors:
        provenance["authors"] = author_source
    return Article(
        url=url,
        final_url=final_url,
        canonical_url=meta.canonical_url,
        headline=meta.headline,
        description=meta.description,
        authors=authors,
        byline=printed_byline,
        dateline=_dateline(kept) if text else None,
        published=meta.published,
        modified=meta.modified,
        language=meta.language,
        site_name=meta.site_name,
        section=meta.section,
        tags=meta.tags,
        body=text,
        images=image_list,
        word_count=word_count(text),
        warnings=_warnings(found.page, meta, text, settings, no_article),
        provenance=provenance,
    )


def _authors(meta: metadata.Metadata, byline_texts: list[str], printed: str | None) -> tuple[list[str], str]:
    from_meta = byline.merge_names(meta.author_names)
    if from_meta:
        return from_meta, meta.provenance.get("author_names", "meta")
    return byline.merge_names(byline_texts or ([printed] if printed else [])), "dom"


def _dateline(paragraphs: list[str]) -> str | None:
    if not paragraphs:
        return None
    match = sel.DATELINE.match(paragraphs[0])
    return match.group("dateline").strip() if match else None


def _warnings(page: Page, meta: metadata.Metadata, text: str, settings: ExtractSettings,
              no_article: bool) -> list[str]:
    warnings = list(page.warnings)
    if no_article:
        warnings.append("no_article")
    if word_count(text) < settings.min_body_words:
        warnings.append("body_short")
    if not meta.headline:
        warnings.append("no_headline")
    if meta.paywalled:
        warnings.append("paywall_suspected")
    return warnings

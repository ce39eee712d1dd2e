"""Pure extraction: page text or bytes in, Article out. No I/O, no global state.

extract_article() reads as the list of steps; each step lives in its own module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsextract.errors import ParseError
from newsextract.extract import (
    blocks,
    body,
    byline,
    clean,
    dom,
    evidence,
    images,
    main_text,
    metadata,
    safety,
    timestamps,
)
from newsextract.extract.explain import RemovalLog
from newsextract.extract.headline import visible_h1s
from newsextract.extract.language import detect_language
from newsextract.extract.page import Page, read_page
from newsextract.extract.stray_captions import stray_captions as find_stray_captions
from newsextract.extract.text import WordCounts
from newsextract.extract.vocabulary.body import DATELINE
from newsextract.extract.vocabulary.thresholds import MAX_REPEATED_TEXTS, MIN_ALT_WORDS
from newsextract.models import Article, ExplainedArticle
from newsextract.settings import DEFAULT_EXTRACT_SETTINGS, ExtractSettings
from newsextract.warning_codes import WarningCode

__all__ = ["explain_article", "extract_article"]


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
    return _extract(html, url, final_url, http_charset, settings, RemovalLog())


def explain_article(
    html: str | bytes,
    url: str | None = None,
    *,
    final_url: str | None = None,
    http_charset: str | None = None,
    settings: ExtractSettings = DEFAULT_EXTRACT_SETTINGS,
) -> ExplainedArticle:
    """extract_article(), plus every zone and paragraph left out of the body with the rule
    and the evidence that removed it: ``explain_article(html, url=...).removed``."""
    log = RemovalLog(enabled=True)
    article = _extract(html, url, final_url, http_charset, settings, log)
    return ExplainedArticle(article=article, removed=log.removals)


def _extract(
    html: str | bytes,
    url: str | None,
    final_url: str | None,
    http_charset: str | None,
    settings: ExtractSettings,
    log: RemovalLog,
) -> Article:
    page = read_page(html, http_charset, settings, url=url)
    base_url = final_url or url
    tree = LexborHTMLParser(page.text)
    if tree.body is None and tree.head is None:
        raise ParseError("the input has no HTML structure", url=url)
    paragraphs = dom.paragraph_lengths(tree)  # read once: the root's vote and the region's prose both use them
    root = dom.find_article_root(tree, paragraphs)
    region = evidence.find_region(tree, root, paragraphs)
    scope = dom.image_scope(root, tree)
    found, read_nodes = _read_fields(tree, scope, page, base_url, settings)
    _log_found_nodes(log, **read_nodes)
    clean.clean_tree(
        tree, region, [n for nodes in read_nodes.values() for n in nodes], log
    )  # these nodes are freed now
    if clean.cap_tables(tree, settings.max_table_cells):
        found.caps.append("tables_capped")
    choice = _body(tree, region, scope, page, base_url, settings, found, log)
    found.paragraphs, found.body_source = choice.paragraphs, choice.source
    found.segments = blocks.dom_segments(tree.body)  # what each body paragraph was, in the cleaned page
    return _assemble(found, url, final_url, settings, log)


def _read_fields(
    tree: LexborHTMLParser, scope: LexborNode | None, page: Page, base_url: str | None, settings: ExtractSettings
) -> tuple[_Found, dict[str, list[LexborNode]]]:
    """Metadata, bylines, pictures and captions, read before cleaning; and the nodes read, by removal rule."""
    h1s = visible_h1s(tree)  # read once: the printed headline and the headline choice both look at them
    meta = metadata.read_metadata(tree, base_url, byline.printed_headline(tree, scope, h1s), [t for _, t in h1s])
    byline_nodes = byline.find_byline_nodes(tree, scope)
    collected = (
        images.collect(
            scope, base_url, meta.headline, max_examined=settings.max_pictures_examined, max_images=settings.max_images
        )
        if scope is not None
        else images.Collected([], [])
    )
    # Captions outside the article's images (a gallery above it, a teaser) are never body text either.
    stray_captions = find_stray_captions(tree)
    found = _Found(
        page=page,
        meta=meta,
        images=collected.images,
        byline_texts=byline.printed_texts(byline_nodes),
        stray_captions=[t for t in map(dom.text_of, stray_captions) if t],
        index=body.index_evidence(tree, meta.declares_article),
        caps=["images_capped"] if collected.capped else [],
    )
    return found, {"figure": collected.drop, "byline": byline_nodes, "caption": stray_captions}


def _body(
    tree: LexborHTMLParser,
    region: evidence.Region,
    scope: LexborNode | None,
    page: Page,
    base_url: str | None,
    settings: ExtractSettings,
    found: _Found,
    log: RemovalLog,
) -> safety.BodyChoice:
    """The body's paragraphs, and where they come from."""
    if len(tree.css("p")) <= settings.max_main_text_paragraphs:
        return _choose_body(tree, region, page, base_url, settings, found.word_counts, log)
    # More paragraphs than any article (a 100,000-line thread): read the article's own
    # container directly, since the main-text extractor's work grows faster than that,
    # and keep its first paragraphs, up to the cap.
    found.caps.append("main_text_capped")
    paragraphs = body.fallback_text(scope or region.root)[: settings.max_main_text_paragraphs]
    return safety.BodyChoice(paragraphs, "region")


def _choose_body(
    tree: LexborHTMLParser,
    region: evidence.Region,
    page: Page,
    base_url: str | None,
    settings: ExtractSettings,
    counts: WordCounts,
    log: RemovalLog,
) -> safety.BodyChoice:
    """The main text of the cleaned page, or, when that is thin, of the raw page (see safety)."""
    region_prose = region.prose_in(region.root) if region.root is not None else 0
    return safety.choose_body(
        _main_text(tree, base_url),
        body.fallback_text(region.root),
        lambda: body.main_text(page.text, base_url),
        log,
        settings.min_body_words,
        safety.ProseShares(region.page_prose, region_prose),
        counts,
    )


def _main_text(tree: LexborHTMLParser, base_url: str | None) -> list[str]:
    """The cleaned page's main text: read natively where the page's structure allows, else by trafilatura."""
    native = main_text.paragraphs(tree.body)
    if native is not None:
        return native
    # The body alone: the main-text extractor needs no <head>, and parsing it costs time.
    cleaned = body.as_page(tree.body.html if tree.body is not None else tree.html)
    return body.main_text(cleaned, base_url, fast=True)


def _log_found_nodes(log: RemovalLog, **groups: list[LexborNode]) -> None:
    """Figures, captions and bylines leave the text because other steps read them into fields."""
    if log.enabled:
        for rule, nodes in groups.items():
            for node in nodes:
                log.add("zone", rule, "read into the record's own fields", dom.text_of(node))


@dataclass
class _Found:
    """What the DOM steps found, kept as plain data once the tree is cleaned."""

    page: Page
    meta: metadata.Metadata
    images: list[images.CaptionedImage]
    byline_texts: list[str]
    stray_captions: list[str]
    index: body.IndexEvidence
    paragraphs: list[str] = field(default_factory=list)
    body_source: str = "main-text"
    caps: list[str] = field(default_factory=list)  # warnings of the work caps a page ran into
    segments: list[blocks.Segment] = field(default_factory=list)
    word_counts: WordCounts = field(default_factory=WordCounts)  # the body's paragraphs, counted once


def _assemble(
    found: _Found, url: str | None, final_url: str | None, settings: ExtractSettings, log: RemovalLog
) -> Article:
    """The record: the body cleaned of what other fields hold, and every field with its provenance."""
    meta = found.meta
    printed_byline = " ".join(found.byline_texts) or byline.byline_from_text(found.paragraphs)
    image_list = images.finalise(found.images, meta.lead_image, meta.image_captions) if settings.include_images else []
    kept = _clean_body(found, printed_byline, log)
    no_article = _is_index_page(kept, found.index, log)
    paragraphs = [] if no_article else kept
    text = blocks.PARAGRAPH_SEPARATOR.join(paragraphs)
    words = found.word_counts.joined(paragraphs)  # word_count(text), from the counts the safety net took
    provenance = {k: v for k, v in meta.provenance.items() if k in Article.model_fields}
    canonical_url = _canonical_url(meta.canonical_url, url, final_url, provenance)
    language = meta.language or _detected_language(text, provenance)
    authors = _authors(meta, found.byline_texts, printed_byline, canonical_url, provenance)
    if text:
        provenance["body"] = found.body_source
    return Article(
        url=url,
        final_url=final_url,
        canonical_url=canonical_url,
        headline=meta.headline,
        description=meta.description,
        authors=authors,
        byline=printed_byline,
        dateline=_dateline(kept) if text else None,
        **_date_fields(meta),
        language=language,
        site_name=meta.site_name,
        section=meta.section,
        tags=meta.tags,
        body=text,
        blocks=blocks.type_paragraphs(paragraphs, blocks.SegmentIndex(found.segments)),
        images=image_list,
        word_count=words,
        warnings=[WarningCode(w) for w in _warnings(found, text, words, settings, no_article)],
        provenance=provenance,
    )


def _clean_body(found: _Found, printed_byline: str | None, log: RemovalLog) -> list[str]:
    """The body's paragraphs without the captions, byline and headline that other fields hold."""
    repeated = [t for im in found.images for t in (im.caption, im.credit) if t] + found.stray_captions
    repeated = repeated[:MAX_REPEATED_TEXTS]  # a 20,000-photo gallery's captions left the page already
    alts = [im.alt for im in found.images if im.alt and len(im.alt.split()) >= MIN_ALT_WORDS]
    return body.clean_paragraphs(found.paragraphs, repeated, printed_byline, found.meta.headline, log, alts=alts)


def _is_index_page(kept: list[str], index: body.IndexEvidence, log: RemovalLog) -> bool:
    """A home or section page: its teasers are no article, so the record gets no body."""
    if not body.looks_like_index(kept, index):
        return False
    log.add(
        "main_text",
        "index_page",
        f"links {index.link_density:.0%} of the page's text, {index.teasers} linked headings, no article markup",
        "\n\n".join(kept),
    )
    return True


def _date_fields(meta: metadata.Metadata) -> dict[str, Any]:
    """The published and modified dates with the text, precision and time zone the page gave them."""
    fields: dict[str, Any] = {}
    for name in ("published", "modified"):
        stamp = timestamps.stamp(getattr(meta, name), meta.provenance.get(name), meta.date_texts)
        fields |= {
            name: stamp.value,
            f"{name}_raw": stamp.raw,
            f"{name}_precision": stamp.precision,
            f"{name}_tz_given": stamp.tz_given,
        }
    return fields


def _canonical_url(
    declared: str | None, url: str | None, final_url: str | None, provenance: dict[str, str]
) -> str | None:
    """The page's own canonical address; else the address it was read from, and provenance says which."""
    if declared is not None:
        return declared
    fallback, source = (final_url, "final_url") if final_url else (url, "url")
    if fallback:
        provenance["canonical_url"] = source
    return fallback


def _detected_language(body_text: str, provenance: dict[str, str]) -> str | None:
    """The body's language, for a page whose metadata names none (see language.py)."""
    detected = detect_language(body_text)
    if detected is not None:
        provenance["language"] = "detected"
    return detected


def _authors(
    meta: metadata.Metadata,
    byline_texts: list[str],
    printed: str | None,
    canonical_url: str | None,
    provenance: dict[str, str],
) -> list[str]:
    """The article's authors, from metadata or the printed byline; provenance says which."""
    outlets = [*meta.outlet_names, meta.site_name or ""]
    names, from_meta = byline.choose_authors(
        meta.author_names, byline_texts or ([printed] if printed else []), outlets, canonical_url
    )
    if names:
        provenance["authors"] = meta.provenance.get("author_names", "meta") if from_meta else "dom"
    return names


def _dateline(paragraphs: list[str]) -> str | None:
    if not paragraphs:
        return None
    match = DATELINE.match(paragraphs[0])
    return match.group("dateline").strip() if match else None


def _warnings(found: _Found, text: str, words: int, settings: ExtractSettings, no_article: bool) -> list[str]:
    warnings = list(found.page.warnings) + found.caps
    if no_article:
        warnings.append("no_article")
    if found.body_source != "main-text" and "main_text_capped" not in found.caps and text:
        warnings.append("body_fallback")
    if words < settings.min_body_words:
        warnings.append("body_short")
    if not found.meta.headline:
        warnings.append("no_headline")
    if found.meta.paywalled:
        warnings.append("paywall_suspected")
    return warnings

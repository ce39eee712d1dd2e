"""trafilatura's baseline() rescue (trafilatura_sequence's stage 3), where the extraction came up
short: the first source that gives enough text, of the page's outermost <article> elements, its
paragraphs, and all its text, read with html2txt's removals (see page_text)."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from newsextract.extract.main_text.page_text import block_text, outermost, printable, text_runs
from newsextract.extract.main_text.tree import Element, Unsupported, trim

MIN_CONTENT_LENGTH = 100  # a source must give more text than this
MIN_DUPLICATE_LENGTH = 50  # a longer paragraph found in the text so far is a repeat
DEDUPE_SCAN_CAP = 200_000  # past this much text, no repeats are looked for
_EMBEDDED_JSON = 'script[type="application/ld+json"], div[id="data-preloaded"]'  # its first source, not ported
_ARTICLES = frozenset(("article",))
_PARAGRAPHS = frozenset(("blockquote", "code", "p", "pre", "q", "quote"))


def rescue(body: LexborNode) -> tuple[Element, int]:
    """baseline(): a result body of paragraphs, and the length of its text."""
    if body.css_first(_EMBEDDED_JSON) is not None:
        raise Unsupported("the baseline reads embedded JSON")
    articles = [text for node in outermost(body, _ARTICLES) if len(text := block_text(node)) > MIN_CONTENT_LENGTH]
    if articles:  # a dominant one relegates much smaller ones to noise
        cutoff = max(map(len, articles)) / 5
        found = _attempt([text for text in articles if len(text) >= cutoff], dedupe=False)
        if found is not None:
            return found
    found = _attempt([block_text(node) for node in outermost(body, _PARAGRAPHS)], dedupe=True)
    if found is not None:
        return found
    everything = printable("\n".join(line for run in text_runs(body) if (line := trim(run))))
    page = Element("body", {})
    page.sub("p").text = everything
    return page, len(everything)


def _attempt(texts: list[str], *, dedupe: bool) -> tuple[Element, int] | None:
    """_attempt(): one paragraph a text (``dedupe``: long repeats left out), if they add up to enough."""
    page = Element("body", {})
    joined, length = "", 0  # the texts joined by newlines: kept only while repeats are looked for
    for raw in texts:
        text = printable(raw)
        if not text:
            continue
        if dedupe and len(text) > MIN_DUPLICATE_LENGTH and length <= DEDUPE_SCAN_CAP and text in joined:
            continue
        page.sub("p").text = text
        length += len(text) + 1 if length else len(text)
        if length <= DEDUPE_SCAN_CAP:
            joined += f"\n{text}" if joined else text  # in place: linear, where a new string each time is not
    return (page, length) if length > MIN_CONTENT_LENGTH else None

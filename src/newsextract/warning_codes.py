"""The closed vocabulary of ``Article.warnings``: what each code means.

A warning says that the record is complete but something about the page, or the work done on it,
deserves a look. The JSON Schema lists the codes as an enum, with this table as its description;
the "Warnings" section of ``docs/record.md`` is generated from ``WARNING_MEANINGS``.
"""

from __future__ import annotations

from enum import StrEnum


class WarningCode(StrEnum):
    """A code in ``Article.warnings`` (a plain string in JSON; compares equal to its string)."""

    INPUT_TRUNCATED = "input_truncated"
    NESTING_FLATTENED = "nesting_flattened"
    IMAGES_CAPPED = "images_capped"
    TABLES_CAPPED = "tables_capped"
    MAIN_TEXT_CAPPED = "main_text_capped"
    NO_ARTICLE = "no_article"
    BODY_FALLBACK = "body_fallback"
    BODY_SHORT = "body_short"
    NO_HEADLINE = "no_headline"
    PAYWALL_SUSPECTED = "paywall_suspected"


WARNING_MEANINGS: dict[WarningCode, str] = {
    WarningCode.INPUT_TRUNCATED: (
        "The page was larger than `ExtractSettings.max_html_bytes` even without its scripts and styles, "
        "and was cut to that size: the end of the article may be missing."
    ),
    WarningCode.NESTING_FLATTENED: (
        "The page nests elements deeper than the parser's safe depth; the tags past it were dropped "
        "(their text kept), so some structure around the text may be lost."
    ),
    WarningCode.IMAGES_CAPPED: (
        "The page holds more pictures than `max_pictures_examined` or `max_images`: only the first were "
        "examined or kept."
    ),
    WarningCode.TABLES_CAPPED: "A table had more cells than `max_table_cells`; its remaining cells were left out.",
    WarningCode.MAIN_TEXT_CAPPED: (
        "The page has more paragraphs than `max_main_text_paragraphs`: the body is the article container's "
        "first paragraphs, read directly, not the main-text extractor's output."
    ),
    WarningCode.NO_ARTICLE: (
        "The page reads as a home, section or teaser-list page, not an article: the body is empty."
    ),
    WarningCode.BODY_FALLBACK: (
        "The main text of the cleaned page was thin against the prose the page holds, so the body came "
        "from the raw page or the main region's own paragraphs (`provenance['body']` says which)."
    ),
    WarningCode.BODY_SHORT: "The body has fewer words than `ExtractSettings.min_body_words`.",
    WarningCode.NO_HEADLINE: "No headline was found in the page's markup or metadata.",
    WarningCode.PAYWALL_SUSPECTED: (
        "The page's JSON-LD says the article is not free to read (`isAccessibleForFree: false`): "
        "the body may be only its free part."
    ),
}

# The enum's docstring is its description in the JSON Schema: give it every code's meaning.
WarningCode.__doc__ = "A code in Article.warnings. Meanings:\n" + "\n".join(
    f"- {code.value}: {meaning}" for code, meaning in WARNING_MEANINGS.items()
)

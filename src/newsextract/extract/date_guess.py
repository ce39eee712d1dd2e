"""htmldate's find_date, step for step, with its last resort narrowed to the page's leading text.

find_date's last resort, after the markup, the date elements and the free-text segments have
given nothing, runs a cascade of date patterns over the whole serialised page. There it mostly
finds a footer's copyright year, another story's date or a number in a URL, and on a long page
it takes most of find_date's time. Here that cascade reads ``lead_text`` instead: the top of the
page's text, where a story prints its date. ``lead_text=None`` keeps htmldate's own behaviour
(the tests check the two agree). The other steps are htmldate's own functions, in find_date's
order, for the arguments guess_date uses (original dates, extensive search, ISO day output), so
the pin in pyproject.toml names htmldate's minor version.
"""

from __future__ import annotations

from htmldate.core import (
    TIMESTAMP_PATTERN,
    compare_reference,
    date_candidates,
    examine_abbr_elements,
    examine_elements,
    examine_header,
    examine_time_elements,
    search_page,
    serialize,
)
from htmldate.extractors import (
    FAST_PREPEND,
    discard_unwanted,
    extract_url_date,
    idiosyncrasies_search,
    img_search,
    json_search,
    pattern_search,
)
from htmldate.settings import CLEANING_LIST, MAX_SEGMENT_LEN, MIN_SEGMENT_LEN
from htmldate.utils import Extractor, clean_html, load_html
from htmldate.validators import check_extracted_reference, get_max_date, get_min_date
from lxml.etree import XPath
from lxml.html import HtmlElement

DAY_FORMAT = "%Y-%m-%d"

# htmldate's free-text segments (FREE_TEXT_EXPRESSIONS), less those too short to pass its length test
# before stripping, which are most of them (the white space between tags).
_FREE_TEXT_SEGMENTS = XPath(f"{FAST_PREPEND}/text()[string-length() > {MIN_SEGMENT_LEN}]")


def find_date(html: str, url: str | None, lead_text: str | None) -> str | None:
    """The page's original publication date as YYYY-MM-DD, or None (see the module's docstring)."""
    tree = load_html(html)
    if tree is None:
        return None
    options = Extractor(True, get_max_date(None), get_min_date(None), True, DAY_FORMAT)
    if url is None:
        canonical = tree.find('.//link[@rel="canonical"]')
        url = canonical.get("href") if canonical is not None else None
    found: str | None = (
        extract_url_date(url, options)
        or examine_header(tree, options)
        or json_search(tree, options)
        or examine_abbr_elements(tree, options)
    )
    if found is not None:
        return found
    search_tree = _pruned(tree)
    found = (
        examine_elements(date_candidates(search_tree, True), options)
        or examine_elements(search_tree.xpath(".//title|.//h1"), options)
        or examine_time_elements(search_tree, options)
    )
    if found is not None:
        return found
    page = serialize(search_tree)
    found = (
        pattern_search(page, TIMESTAMP_PATTERN, options)
        or img_search(search_tree, options)
        or idiosyncrasies_search(page, options)
        or _free_text_date(search_tree, options)
    )
    if found is not None:
        return found
    return search_page(page if lead_text is None else lead_text, options)


def _pruned(tree: HtmlElement) -> HtmlElement:
    """The tree without embedded media and frames (htmldate's cleaning); as it was where lxml refuses."""
    try:
        return discard_unwanted(clean_html(tree, CLEANING_LIST))
    except ValueError:  # lxml rejects some control characters
        return tree


def _free_text_date(tree: HtmlElement, options: Extractor) -> str | None:
    """The most plausible date among the page's short text segments."""
    reference = None
    for segment in _FREE_TEXT_SEGMENTS(tree):
        segment = segment.strip()
        if MIN_SEGMENT_LEN < len(segment) < MAX_SEGMENT_LEN:
            reference = compare_reference(reference, segment, options)
    found: str | None = check_extracted_reference(reference, options)
    return found

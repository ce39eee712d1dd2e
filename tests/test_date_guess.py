"""The date guess (extract/date_guess.py): htmldate's find_date step for step, its last resort
narrowed to the top of the page's text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import htmldate
import pytest
from htmldate.extractors import FREE_TEXT_EXPRESSIONS
from htmldate.settings import MAX_SEGMENT_LEN, MIN_SEGMENT_LEN
from htmldate.utils import load_html

from newsextract import extract_article
from newsextract.extract import date_guess, dates
from newsextract.extract.text import squash

_FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.html"))
_PROSE = "".join(
    f"<p>Paragraph {i} about the new ferry timetable, long enough to read as article text.</p>" for i in range(6)
)
# A long story (its text runs past DATE_LEAD_CHARS) and a copyright year in the footer.
_COPYRIGHT_ONLY = (
    "<html><body><article><h1>Ferry timetable changes for the summer</h1>"
    f"{_PROSE * 12}</article><footer>© 2015 Harbor News. All rights reserved.</footer></body></html>"
)
_PRINTED_AT_THE_TOP = (
    "<html><body><article><h1>Ferry timetable changes for the summer</h1>"
    f"<div class='story-meta'>OCTOBER 13, 2025</div>{_PROSE}</article></body></html>"
)


def _htmldate(html: str, url: str | None) -> str | None:
    result: str | None = htmldate.find_date(
        html, original_date=True, extensive_search=True, url=url, outputformat=date_guess.DAY_FORMAT
    )
    return result


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: p.stem)
def test_without_a_lead_text_it_is_htmldates_find_date(path: Path) -> None:
    html = path.read_text(encoding="utf-8", errors="replace")
    assert date_guess.find_date(html, None, None) == _htmldate(html, None)


@pytest.mark.parametrize("html", [_COPYRIGHT_ONLY, _PRINTED_AT_THE_TOP])
def test_the_last_resort_too_is_htmldates_without_a_lead_text(html: str) -> None:
    assert date_guess.find_date(html, None, None) == _htmldate(html, None)


def test_a_footers_copyright_year_is_no_publication_date() -> None:
    assert _htmldate(_COPYRIGHT_ONLY, None) == "2015-01-01"  # htmldate's last resort, over the whole page
    article = extract_article(_COPYRIGHT_ONLY, url="https://harbornews.example/ferry/timetable-changes")
    assert article.published is None


def test_a_date_printed_at_the_top_of_the_text_is_found() -> None:
    article = extract_article(_PRINTED_AT_THE_TOP, url="https://harbornews.example/ferry/timetable-changes")
    assert article.published == datetime(2025, 10, 13, tzinfo=UTC)


def test_a_meta_published_date_is_read() -> None:
    html = _PRINTED_AT_THE_TOP.replace("<html>", '<html><head><meta name="published" content="July 17, 2025"></head>')
    article = extract_article(html, url="https://harbornews.example/ferry/timetable-changes")
    assert article.published == datetime(2025, 7, 17, tzinfo=UTC)
    assert article.provenance["published"] == "meta"


_FREE_TEXT_ONLY = (
    "<html><body><article><h1>Ferry timetable changes for the summer</h1>"
    f"<ul><li> </li><li>x</li><li>\n  13 Oct 2025  \n</li></ul>{_PROSE}</article></body></html>"
)


def test_the_free_text_step_is_htmldates() -> None:
    assert date_guess.find_date(_FREE_TEXT_ONLY, None, None) == _htmldate(_FREE_TEXT_ONLY, None) == "2025-10-13"


@pytest.mark.parametrize("path", [*_FIXTURES[:12]], ids=lambda p: p.stem)
def test_free_text_segments_are_htmldates_that_can_pass_its_length_test(path: Path) -> None:
    tree = load_html(path.read_text(encoding="utf-8", errors="replace"))

    def passing(segments: list[str]) -> list[str]:
        return [s for s in segments if MIN_SEGMENT_LEN < len(s.strip()) < MAX_SEGMENT_LEN]

    listed = date_guess._FREE_TEXT_SEGMENTS(tree)
    assert passing(listed) == passing(FREE_TEXT_EXPRESSIONS(tree))
    assert len(listed) <= len(FREE_TEXT_EXPRESSIONS(tree))


@pytest.mark.parametrize("size", [1, 5, 12, 40])
@pytest.mark.parametrize(
    "text",
    ["", "   ", "word " * 30, "  lead \n\n\t" * 20 + "tail", "a\u200bb " * 25, " " * 50 + "late start " * 9],
)
def test_the_squashed_lead_is_the_lead_of_the_squashed_text(text: str, size: int) -> None:
    assert dates._squashed_lead(text, size) == squash(text)[:size]

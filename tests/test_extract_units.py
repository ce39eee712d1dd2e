"""The extraction steps one by one: bylines, datelines, headlines, credits, near-duplicates."""

from __future__ import annotations

import pytest

from newsextract.extract import body
from newsextract.extract.byline import merge_names, split_names
from newsextract.extract.images import split_credit
from newsextract.extract.metadata import clean_headline
from newsextract.extract.text import similar
from newsextract.extract.vocabulary.body import DATELINE


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe, John Roe and Mary Major", ["Jane Doe", "John Roe", "Mary Major"]),
        ("By Habib Toumi | Staff Writer", ["Habib Toumi"]),
        ("Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"]),
        ("By Jane Doe Updated 3:45 PM EST", ["Jane Doe"]),
        ("By Jane Doe jane.doe@example.com", ["Jane Doe"]),
        ("Von Birgit Baumann und Jan Michael Marchart", ["Birgit Baumann", "Jan Michael Marchart"]),
        ("Anna Sleegers, Frankfurt", ["Anna Sleegers"]),
        ("By The Associated Press", []),
        ("Reuters", []),
        ("By Jane Doe, Jane Doe", ["Jane Doe"]),
    ],
)
def test_split_names(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


def test_merge_names_strips_desk_codes_and_keeps_each_person_once() -> None:
    assert merge_names(["Elena Oberholzer (obe)", "ELENA OBERHOLZER"], ["By Oliver Maksan"]) == [
        "Elena Oberholzer",
        "Oliver Maksan",
    ]


@pytest.mark.parametrize(
    ("first_paragraph", "dateline"),
    [
        ("BAGHDAD: Iraq’s newly-appointed Prime Minister has invited", "BAGHDAD"),
        ("WASHINGTON (AP) — The Senate voted on Tuesday", "WASHINGTON (AP)"),
        ("LONDON, May 9 (Reuters) - British retailers said", "LONDON, May 9 (Reuters)"),
        ("ATLANTA -- Federal drug officials are warning", "ATLANTA"),
        ("The Senate voted on Tuesday: a narrow margin", None),
        ("NATO said on Tuesday it would expand", None),
    ],
)
def test_dateline(first_paragraph: str, dateline: str | None) -> None:
    match = DATELINE.match(first_paragraph)
    assert (match.group("dateline").strip() if match else None) == dateline


@pytest.mark.parametrize(
    ("title", "h1s", "site", "headline"),
    [
        ("Trains to run all night | The Daily Site", [], "The Daily Site", "Trains to run all night"),
        (
            "Opinion | Why the fare cap works - The Daily Site",
            ["Why the fare cap works"],
            None,
            "Why the fare cap works",
        ),
        ("Politics | Governor vetoes the transit levy bill", [], None, "Governor vetoes the transit levy bill"),
        ("Trump - Biden debate: what we learned", [], None, "Trump - Biden debate: what we learned"),
    ],
)
def test_clean_headline(title: str, h1s: list[str], site: str | None, headline: str) -> None:
    assert clean_headline(title, h1s, site) == headline


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        (
            "Iraq’s Prime Minister Mustafa Al Kadhimi (PM’s media office)",
            "Iraq’s Prime Minister Mustafa Al Kadhimi",
            "PM’s media office",
        ),
        ("Volunteers fill sandbags. Photo: Jane Smith/AP", "Volunteers fill sandbags.", "Jane Smith/AP"),
        ("Rest helps. Unsplash/Kelly Sikkema", "Rest helps.", "Unsplash/Kelly Sikkema"),
        ("The map shows the cloud. © Berliner Morgenpost", "The map shows the cloud.", "Berliner Morgenpost"),
        ("Troops in Iraq. He said A/B is fine", "Troops in Iraq. He said A/B is fine", None),
        ("The photo shows: a cat on a roof", "The photo shows: a cat on a roof", None),
    ],
)
def test_split_credit(caption: str, text: str, credit: str | None) -> None:
    assert split_credit(caption) == (text, credit)


def test_near_duplicate_captions_match_across_date_formats_and_quotes() -> None:
    assert similar(
        "NATO Secretary General visited Iraq on 16 September 2016 (NATO)",
        "NATO Secretary General visited Iraq on September 16, 2016 (NATO)",
    )
    assert similar("Iraq's newly-appointed Prime Minister", "Iraq’s newly-appointed Prime Minister")
    assert not similar("The mayor said the plan would work", "The mayor said the plan would fail badly")


def test_clean_paragraphs_drops_captions_byline_repeats_and_keeps_the_longer_twin() -> None:
    paragraphs = [
        "Headline of the story",
        "By Jane Doe",
        "Officials warned on Tuesday that the storm would hit the coast",
        "ATLANTA -- Officials warned on Tuesday that the storm would hit the coast.",
        "A volunteer fills sandbags at the fire station",
        "The storm moved north overnight, forecasters said.",
        "The storm moved north overnight, forecasters said.",
        "Widgetized Section",
    ]
    kept = body.clean_paragraphs(
        paragraphs, ["A volunteer fills sandbags at the fire station"], "By Jane Doe", "Headline of the story"
    )
    assert kept == [
        "ATLANTA -- Officials warned on Tuesday that the storm would hit the coast.",
        "The storm moved north overnight, forecasters said.",
    ]

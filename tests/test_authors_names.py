"""Byline strings to person names: roles, credentials, lead-ins, capitals, separators (issue 8)."""

from __future__ import annotations

import pytest

from newsextract.extract.byline import merge_names, split_names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        # Job titles after a name, with or without a comma.
        ("By Keith Barry Senior Autos Reporter", ["Keith Barry"]),
        ("Written by Meghan Neville Content Marketing Coordinator", ["Meghan Neville"]),
        ("Daniel Burstein, Senior Director, Content & Marketing, MECLABS Institute", ["Daniel Burstein"]),
        # Degrees written after the name.
        ("By Jane Roe MD", ["Jane Roe"]),
        ("John Smith Ph.D.", ["John Smith"]),
        # Words that lead in to "by".
        ("Review by Rick Lane Contributor", ["Rick Lane"]),
        ("This post was written by Danielle Padula", ["Danielle Padula"]),
        # "X Staff" is an outlet's byline; "<name> <Outlet> Staff" is a person of that outlet.
        ("Slate Staff", []),
        (
            "By Travis Andersen and Adam Sennott Globe Staff and Globe Correspondent",
            ["Travis Andersen", "Adam Sennott"],
        ),
        # Names in capitals come back in Title Case.
        ("MTHOBISI SITHOLE", ["Mthobisi Sithole"]),
        ("Bill MCCARTHY and Marisha GOLDHAMER", ["Bill McCarthy", "Marisha Goldhamer"]),
        # Dates, counters and user names are not names.
        ("17 Dec 2025", []),
        # Korean bylines: "[place] name 기자"; the places are no authors.
        ("순천, 광양 구현모 기자", ["구현모"]),
    ],
)
def test_split_names(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


def test_merge_names_splits_a_metadata_name_joined_by_a_conjunction() -> None:
    assert merge_names(["Trine Juncher Jørgensen og Tôrtia Reimer-Johansen"]) == [
        "Trine Juncher Jørgensen",
        "Tôrtia Reimer-Johansen",
    ]


def test_merge_names_drops_an_outlet_that_signs_with_its_address() -> None:
    assert merge_names(["Deutsche Welle (www.dw.com)"]) == []


def test_split_names_answers_from_its_cache_with_a_list_of_its_own() -> None:
    """A byline is split several times a page, the answer cached: a caller changing its list
    changes no later answer."""
    first = split_names("By Jane Doe and John Roe")
    first.append("Someone Else")
    assert split_names("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert split_names("Adam Sennott Globe Staff", frozenset({"globe"})) == ["Adam Sennott"]

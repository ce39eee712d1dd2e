"""Authors are people: a site's, publisher's or organisation author's own name is not (issue 8)."""

from __future__ import annotations

from newsextract.extract.byline import choose_authors


def test_the_site_name_as_author_is_no_person() -> None:
    names, from_meta = choose_authors(["Beachbody"], [], ["Beachbody"], "https://www.beachbody.com/article/x")
    assert names == []
    assert not from_meta


def test_the_host_name_alone_marks_the_site() -> None:
    assert choose_authors(["Trezy"], [], [], "https://www.trezy.io/rankings/best")[0] == []


def test_a_printed_byline_replaces_metadata_that_only_names_the_site() -> None:
    names, from_meta = choose_authors(
        ["Der Postillon"], ["Von Stefan Sichermann"], ["Blogger"], "https://www.der-postillon.com/2018/04/x.html"
    )
    assert (names, from_meta) == (["Stefan Sichermann"], False)


def test_an_outlet_name_beside_a_person_is_dropped() -> None:
    names, _ = choose_authors(["David Straub"], [], [], "https://www.mdr.de/nachrichten/x.html")
    assert names == ["David Straub"]
    printed, _ = choose_authors([], ["von David Straub, MDR THÜRINGEN"], [], "https://www.mdr.de/nachrichten/x.html")
    assert printed == ["David Straub"]


def test_the_owner_of_a_personal_site_stays_an_author() -> None:
    names, _ = choose_authors(["Rick Steves"], [], ["Rick Steves"], "https://www.ricksteves.com/watch-read-listen/x")
    assert names == ["Rick Steves"]


def test_a_brand_shaped_site_name_is_no_person_even_alone() -> None:
    assert choose_authors(["TrailMix Fit"], [], ["TrailMix Fit"], "https://trailmixfit.com/x")[0] == []
    assert choose_authors(["Kneib Dentistry PC"], [], ["Kneib Dentistry PC"], "https://kneibdentistry.com/x")[0] == []


def test_a_lone_word_in_a_printed_byline_is_no_person() -> None:
    assert choose_authors([], ["| Wellness & Prevention"], [], "https://www.example.org/news/x")[0] == []

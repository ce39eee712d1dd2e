"""Picture addresses: the srcset reader and the absolute-address shortcut agree with what they replace."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from newsextract.extract import image_sources
from newsextract.extract.image_sources import is_placeholder

# The reader as first written: a lazy address match, and every candidate tested for a placeholder.
_LAZY_CANDIDATE = re.compile(r"\s*(?P<url>[^\s,][^\s]*?)(?:,(?=\s|$)|\s+(?P<size>[^,]*)(?:,|$)|$)")


def _reference_best(srcset: str) -> str | None:
    best, best_size = None, -1.0
    for match in _LAZY_CANDIDATE.finditer(srcset):
        url, descriptor = match.group("url"), (match.group("size") or "").strip()
        if not url or is_placeholder(url):
            continue
        number = descriptor[:-1]
        size = float(number) if descriptor[-1:] in ("w", "x") and number.replace(".", "", 1).isdigit() else 0.0
        if size > best_size:
            best, best_size = url, size
    return best


@pytest.mark.parametrize(
    "srcset",
    [
        "a.jpg 480w, b.jpg 1200w",
        "a.jpg 1x, b.jpg 2x, c.jpg 2x",
        "https://x/w_400,h_300/a.jpg 400w, https://x/w_800,h_600/a.jpg 800w",
        "a.jpg, b.jpg",
        "a.jpg,, b.jpg 2x,",
        "a.jpg,,",
        " , ,a.jpg 100w ,b.jpg",
        "data:image/gif;base64,R0lGOD 1200w, real.jpg 300w",
        "blank.gif 900w, lazyload.png 800w, real.jpg 10w, other.jpg 10w",
        "a.jpg 1.5x, b.jpg 1.50x, c.jpg 2.x, d.jpg 3",
        "a.jpg\t640w,\nb.jpg\u00a0960w",
        "a.jpg 100w 2x, b.jpg foo, c.jpg",
        "spacer.gif",
        "",
    ],
)
def test_the_srcset_reader_picks_what_the_lazy_expression_picked(srcset: str) -> None:
    assert image_sources._best_from_srcset(srcset) == _reference_best(srcset)


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.com/a/b.jpg",
        "http://cdn.example.com/a/b.jpg?w=800&h=600",
        "https://cdn.example.com/a/b.jpg?",
        "https://cdn.example.com/a/b.jpg?#",
        "https://cdn.example.com/a/b.jpg#frag",
        "https://cdn.example.com/a;v=1/b.jpg",
        "https://cdn.example.com/a/b.jpg;",
        "https://cdn.example.com?x=1",
        "https://cdn.example.com",
        "https:///a/b.jpg",
        "https://cdn.example.com/a\tb.jpg",
        "https://cdn.example.com/a/b.jpg?a=1?",
        "https://user@cdn.example.com:8080/b.jpg",
        "HTTPS://cdn.example.com/b.jpg",
        "https://cdn.exämple.com/b.jpg",
        "//cdn.example.com/b.jpg",
        "/b.jpg",
    ],
)
@pytest.mark.parametrize("base", ["https://news.example.org/story", "http://news.example.org/", "", "ftp://x/y"])
def test_an_address_taken_as_it_is_is_what_urljoin_gives(url: str, base: str) -> None:
    if image_sources._is_plain_absolute(url):
        assert urljoin(base, url) == url
    assert not image_sources._is_plain_absolute("https://cdn.example.com/a/b.jpg?")
    assert image_sources._is_plain_absolute("https://cdn.example.com/a/b.jpg?w=1")

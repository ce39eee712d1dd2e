"""Golden tests: each page in tests/fixtures against its <name>.expected.json.

An expected file holds only the fields worth asserting for that page. Keys:

- ``url`` (required): the page's address, passed as ``extract_article(..., url=)``.
- ``file``: the page's file name, when it is not ``<name>.html``.
- ``http_charset``: passed through as ``extract_article(..., http_charset=)``.
- keys starting with ``_``: notes for people, ignored.
- ``headline``, ``description``, ``dateline``, ``site_name``, ``section``: equal
  up to whitespace (a run of any Unicode whitespace counts as one space);
  ``canonical_url``, ``authors``: exactly equal. ``null`` means the field must be None.
- ``language``: a bare primary tag ("en") matches any region ("en-US");
  a tag with a region must match exactly (case-insensitive).
- ``published``, ``modified``: ISO 8601, compared as datetimes (so
  "+00:00" equals "Z"); an offset in the expectation requires the page to give the zone
  (``*_tz_given``), and a value without one means the page gives none: the record reads it as UTC.
- ``authors_not_contains``, ``byline_contains``, ``tags_contains``.
- ``body_startswith``, ``body_endswith``, ``body_contains`` (list),
  ``body_not_contains`` (list), ``body_count`` ({text: exact occurrences}),
  ``body_max_words``.
- ``images``: list of dicts compared position by position with
  ``article.images``; only the keys given are compared (url, alt, caption,
  credit, is_lead). ``image_count``: exact number of images.
- ``warnings_contains`` (all present), ``warnings_any`` (at least one present),
  ``warnings_not_contains``.

Generic invariants checked on every fixture: no caption printed as a body
paragraph, no two images with one caption, no image URL twice, no paragraph
twice (short label lines that recur by design excepted), authors unique,
JSON round trip, determinism.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newsextract import Article, extract_article

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED_FILES = sorted(FIXTURES.glob("*.expected.json"))
_SUFFIX = ".expected.json"
_INPUT_KEYS = {"url", "file", "http_charset"}


def _name(path: Path) -> str:
    return path.name.removesuffix(_SUFFIX)


@cache
def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}{_SUFFIX}").read_text(encoding="utf-8"))
    return data


def _page_bytes(name: str) -> bytes:
    return (FIXTURES / _expected(name).get("file", f"{name}.html")).read_bytes()


def _extract(name: str) -> Article:
    expected = _expected(name)
    return extract_article(_page_bytes(name), url=expected["url"], http_charset=expected.get("http_charset"))


@cache
def _article(name: str) -> Article:
    # Extraction is pure, so one result per fixture can serve every field test.
    return _extract(name)


def _short(text: str | None, limit: int = 300) -> str:
    if text is None:
        return "None"
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} chars)"


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def _parse_dt(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# --- field checks: each takes (fixture name, article, expected value) -------------


def _check_equal(field: str) -> Callable[[str, Article, Any], None]:
    def check(name: str, article: Article, want: Any) -> None:
        got = getattr(article, field)
        assert got == want, f"{name}: {field} is {got!r}, expected {want!r}"

    return check


def _check_text(field: str) -> Callable[[str, Article, Any], None]:
    # Whitespace runs (including U+3000, NBSP) compare as one space: normalising them is not an error.
    def check(name: str, article: Article, want: str | None) -> None:
        got = getattr(article, field)
        if want is None or got is None:
            assert got == want, f"{name}: {field} is {got!r}, expected {want!r}"
            return
        assert " ".join(got.split()) == " ".join(want.split()), f"{name}: {field} is {got!r}, expected {want!r}"

    return check


def _check_language(name: str, article: Article, want: str | None) -> None:
    got = article.language
    if want is None:
        assert got is None, f"{name}: language is {got!r}, expected None"
        return
    assert got is not None, f"{name}: language is None, expected {want!r}"
    if "-" in want:
        assert got.lower() == want.lower(), f"{name}: language is {got!r}, expected {want!r}"
    else:
        assert got.split("-")[0].lower() == want.lower(), f"{name}: language is {got!r}, expected primary tag {want!r}"


def _check_datetime(field: str) -> Callable[[str, Article, Any], None]:
    def check(name: str, article: Article, want: str | None) -> None:
        got: datetime | None = getattr(article, field)
        if want is None:
            assert got is None, f"{name}: {field} is {got!r}, expected None"
            return
        expected = _parse_dt(want)
        assert got is not None, f"{name}: {field} is None, expected {want}"
        zone_given = getattr(article, f"{field}_tz_given")
        assert zone_given is (expected.tzinfo is not None), (
            f"{name}: {field}_tz_given is {zone_given} ({got.isoformat()}), expected {want}"
        )
        expected = expected if expected.tzinfo is not None else expected.replace(tzinfo=UTC)
        assert got == expected, f"{name}: {field} is {got.isoformat()}, expected {want}"

    return check


def _check_authors_not_contains(name: str, article: Article, banned: list[str]) -> None:
    for item in banned:
        hits = [a for a in article.authors if item.lower() in a.lower()]
        assert not hits, f"{name}: authors {article.authors!r} contain {item!r} (a role, editor or organisation)"


def _check_byline_contains(name: str, article: Article, wanted: list[str]) -> None:
    for item in wanted:
        assert article.byline and item in article.byline, f"{name}: byline {article.byline!r} lacks {item!r}"


def _check_tags_contains(name: str, article: Article, wanted: list[str]) -> None:
    tags = [t.lower() for t in article.tags]
    for item in wanted:
        assert item.lower() in tags, f"{name}: tags {article.tags!r} lack {item!r}"


def _check_body_startswith(name: str, article: Article, want: str) -> None:
    assert article.body.startswith(want), (
        f"{name}: body should start with {want!r}\n  but starts with {_short(article.body[: len(want) + 80])}"
    )


def _check_body_endswith(name: str, article: Article, want: str) -> None:
    body = article.body.rstrip()
    assert body.endswith(want), (
        f"{name}: body should end with {want!r}\n  but ends with {_short(body[-(len(want) + 80) :])}"
    )


def _check_body_contains(name: str, article: Article, wanted: list[str]) -> None:
    missing = [w for w in wanted if w not in article.body]
    assert not missing, f"{name}: body lacks {missing!r}\n  body: {_short(article.body, 600)}"


def _check_body_not_contains(name: str, article: Article, banned: list[str]) -> None:
    found = {b: _context(article.body, b) for b in banned if b in article.body}
    assert not found, f"{name}: body contains boilerplate/caption/byline text:\n" + "\n".join(
        f"  {b!r} in ...{ctx!r}..." for b, ctx in found.items()
    )


def _context(text: str, needle: str, width: int = 60) -> str:
    at = text.find(needle)
    return text[max(0, at - width) : at + len(needle) + width]


def _check_body_count(name: str, article: Article, counts: dict[str, int]) -> None:
    for text, want in counts.items():
        got = article.body.count(text)
        assert got == want, f"{name}: body has {text!r} {got} time(s), expected {want}"


def _check_body_max_words(name: str, article: Article, limit: int) -> None:
    words = len(article.body.split())
    assert words <= limit, f"{name}: body has {words} words, expected at most {limit}: {_short(article.body)}"


def _check_image_count(name: str, article: Article, want: int) -> None:
    got = len(article.images)
    assert got == want, f"{name}: {got} images, expected {want}:\n" + "\n".join(
        f"  [{i}] {img.url} caption={img.caption!r}" for i, img in enumerate(article.images)
    )


def _check_images(name: str, article: Article, wanted: list[dict[str, Any]]) -> None:
    assert len(article.images) >= len(wanted), (
        f"{name}: {len(article.images)} images, expected at least {len(wanted)}: {[img.url for img in article.images]}"
    )
    problems = []
    for i, want in enumerate(wanted):
        image = article.images[i]
        for key, value in want.items():
            got = getattr(image, key)
            if got != value:
                problems.append(f"  image[{i}].{key} is {got!r}, expected {value!r}")
    assert not problems, f"{name}: image mismatches:\n" + "\n".join(problems)


def _check_warnings_contains(name: str, article: Article, wanted: list[str]) -> None:
    missing = [w for w in wanted if w not in article.warnings]
    assert not missing, f"{name}: warnings {article.warnings!r} lack {missing!r}"


def _check_warnings_any(name: str, article: Article, wanted: list[str]) -> None:
    assert any(w in article.warnings for w in wanted), (
        f"{name}: warnings {article.warnings!r} contain none of {wanted!r}"
    )


def _check_warnings_not_contains(name: str, article: Article, banned: list[str]) -> None:
    found = [w for w in banned if w in article.warnings]
    assert not found, f"{name}: unexpected warnings {found!r} (all: {article.warnings!r})"


CHECKS: dict[str, Callable[[str, Article, Any], None]] = {
    "headline": _check_text("headline"),
    "description": _check_text("description"),
    "dateline": _check_text("dateline"),
    "canonical_url": _check_equal("canonical_url"),
    "site_name": _check_text("site_name"),
    "section": _check_text("section"),
    "authors": _check_equal("authors"),
    "language": _check_language,
    "published": _check_datetime("published"),
    "modified": _check_datetime("modified"),
    "authors_not_contains": _check_authors_not_contains,
    "byline_contains": _check_byline_contains,
    "tags_contains": _check_tags_contains,
    "body_startswith": _check_body_startswith,
    "body_endswith": _check_body_endswith,
    "body_contains": _check_body_contains,
    "body_not_contains": _check_body_not_contains,
    "body_count": _check_body_count,
    "body_max_words": _check_body_max_words,
    "image_count": _check_image_count,
    "images": _check_images,
    "warnings_contains": _check_warnings_contains,
    "warnings_any": _check_warnings_any,
    "warnings_not_contains": _check_warnings_not_contains,
}


def _field_cases() -> list[Any]:
    cases = []
    for path in EXPECTED_FILES:
        name = _name(path)
        for key in _expected(name):
            if key.startswith("_") or key in _INPUT_KEYS:
                continue
            cases.append(pytest.param(name, key, id=f"{name}-{key}"))
    return cases


FIXTURE_NAMES = [_name(p) for p in EXPECTED_FILES]


# --- fixture-set hygiene (pass without an extractor) ------------------------------


def test_fixture_set_is_complete() -> None:
    assert FIXTURE_NAMES, "no *.expected.json in tests/fixtures"
    pages = {p.name for p in FIXTURES.glob("*.html")}
    used = {_expected(n).get("file", f"{n}.html") for n in FIXTURE_NAMES}
    assert pages == used, f"pages without expectations: {sorted(pages - used)}; missing pages: {sorted(used - pages)}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_expected_file_is_well_formed(name: str) -> None:
    expected = _expected(name)
    assert isinstance(expected.get("url"), str) and expected["url"].startswith("http"), f"{name}: needs a url"
    unknown = [k for k in expected if not k.startswith("_") and k not in _INPUT_KEYS and k not in CHECKS]
    assert not unknown, f"{name}: unknown keys {unknown} (typo? known: {sorted(CHECKS)})"
    for key in ("published", "modified"):
        if expected.get(key):
            _parse_dt(expected[key])
    page = _page_bytes(name)
    assert len(page) < 60_000, f"{name}: fixture is {len(page)} bytes; keep fixtures under 60 KB"


# --- per-field golden checks ------------------------------------------------------


@pytest.mark.parametrize(("name", "key"), _field_cases())
def test_expected_field(name: str, key: str) -> None:
    CHECKS[key](name, _article(name), _expected(name)[key])


# --- invariants every record must satisfy -----------------------------------------


def _is_caption_paragraph(paragraph: str, caption: str, credit: str | None) -> bool:
    """True when a body paragraph is the caption itself, optionally followed by its credit."""
    para = paragraph.strip()
    cap = caption.strip()
    if para.rstrip(".") == cap.rstrip("."):
        return True
    if not para.startswith(cap):
        return False
    rest = para[len(cap) :].strip(" .,;:|-–—()[]")
    return not rest or bool(credit and credit in rest and len(rest) <= len(credit) + 12)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_caption_in_body(name: str) -> None:
    article = _article(name)
    paragraphs = _paragraphs(article.body)
    for image in article.images:
        if not image.caption:
            continue
        hits = [p for p in paragraphs if _is_caption_paragraph(p, image.caption, image.credit)]
        assert not hits, f"{name}: caption of {image.url} printed as a body paragraph: {hits[0]!r}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_captions_unique(name: str) -> None:
    captions = Counter(img.caption for img in _article(name).images if img.caption)
    repeated = [c for c, n in captions.items() if n > 1]
    assert not repeated, f"{name}: several images share a caption: {repeated!r}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_image_urls_absolute_and_unique(name: str) -> None:
    urls = [img.url for img in _article(name).images]
    relative = [u for u in urls if not u.startswith(("http://", "https://"))]
    assert not relative, f"{name}: image URLs not absolute: {relative!r}"
    repeated = [u for u, n in Counter(urls).items() if n > 1]
    assert not repeated, f"{name}: image listed more than once: {repeated!r}"
    leads = [img.url for img in _article(name).images if img.is_lead]
    assert len(leads) <= 1, f"{name}: more than one lead image: {leads!r}"


_LABEL_MAX_WORDS = 5


def _is_label(paragraph: str) -> bool:
    """A short structural line (a recurring label or heading such as "Pre-Workout Meal"), not prose."""
    return len(paragraph.split()) <= _LABEL_MAX_WORDS and not paragraph.rstrip().endswith((".", "!", "?"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_paragraph_twice(name: str) -> None:
    # Labels that recur by design (one per menu, per section) must stay: only prose may not repeat.
    counts = Counter(p for p in _paragraphs(_article(name).body) if not _is_label(p))
    repeated = [p for p, n in counts.items() if n > 1]
    assert not repeated, f"{name}: paragraph(s) repeated in body: {[_short(p, 120) for p in repeated]}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_authors_unique_and_clean(name: str) -> None:
    authors = _article(name).authors
    assert len(authors) == len(set(authors)), f"{name}: authors repeated: {authors!r}"
    bad = [a for a in authors if not a.strip() or a != a.strip() or a.lower().startswith("by ") or "@" in a]
    assert not bad, f"{name}: authors not clean person names: {bad!r}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_json_round_trip(name: str) -> None:
    article = _article(name)
    record = article.model_dump(mode="json")
    text = json.dumps(record, ensure_ascii=False)
    again = Article.model_validate(json.loads(text))
    assert again == article, f"{name}: record changed through model_dump(mode='json') / model_validate"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_deterministic(name: str) -> None:
    first, second = _extract(name).model_dump(), _extract(name).model_dump()
    diff = {key: (value, second[key]) for key, value in first.items() if value != second[key]}
    assert not diff, f"{name}: two extractions differ in {sorted(diff)}: {diff!r}"

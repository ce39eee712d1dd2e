"""A varied corpus of Result records for the export tests, and its JSON Lines file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from newsextract.export.columns import Layout
from newsextract.models import Article, Failure, Image, Result

EST = timezone(timedelta(hours=-5))
IST = timezone(timedelta(hours=5, minutes=30))


def _published(i: int) -> datetime | None:
    day = datetime(2019, 11, 20) + timedelta(days=i, minutes=i)
    return [day, day.replace(tzinfo=EST), day.replace(tzinfo=IST), None, day.replace(tzinfo=UTC)][i % 5]


def _article(i: int) -> Article:
    images = [
        Image(url=f"https://ex.com/{i}/{k}.jpg", caption=f'Caption, "{k}"' if k else None, is_lead=k == 0)
        for k in range(i % 3)
    ]
    return Article(
        url=f"https://ex.com/a/{i}",
        final_url=f"https://www.ex.com/a/{i}",
        headline=f'Headline {i}: ünïcode, commas; "quotes"',
        authors=[f"Author {i}", "Jane Roe"][: 1 + i % 2],
        published=_published(i),
        modified=datetime(2024, 1, 1, 12, 0, tzinfo=EST) if i % 4 == 0 else None,
        language="en" if i % 2 else None,
        tags=[f"tag{t}" for t in range(i % 4)],
        body=f"First paragraph of {i}.\n\nSecond, with a comma and a newline.",
        images=images,
        word_count=100 + i,
        warnings=["body_short"] if i % 5 == 3 else [],  # a code of the closed vocabulary (warning_codes.py)
        provenance={"headline": "og:title" if i % 2 else "h1", "body": "trafilatura"},
    )


def make_results(count: int = 240) -> list[Result]:
    """Every 7th record a failure (some with an HTTP status); the rest articles of varied shape."""
    results = []
    for i in range(count):
        if i % 7 == 3:
            error = Failure(kind="http", message=f"HTTP 404 for {i}", http_status=404 if i % 2 else None)
            results.append(Result(url=f"https://ex.com/a/{i}", ok=False, error=error))
        else:
            results.append(Result(url=f"https://ex.com/a/{i}", ok=True, article=_article(i)))
    return results


def write_jsonl(path: Path, results: list[Result], tail: str = "") -> Path:
    """The records as `newsextract batch` writes them, plus an optional raw tail."""
    with open(path, "w", encoding="utf-8") as stream:
        for result in results:
            stream.write(result.model_dump_json() + "\n")
        stream.write(tail)
    return path


def in_utc(result: Result) -> Result:
    """The record with its timestamps as the export stores them: UTC, a naive one taken as UTC."""
    article = result.article
    if article is None:
        return result
    times = {}
    for name in ("published", "modified"):
        value = getattr(article, name)
        if value is not None:
            times[name] = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return result.model_copy(update={"article": article.model_copy(update=times)})


def results_from_rows(rows: list[dict[str, Any]], layout: Layout) -> list[Result]:
    """Rebuild Result records from exported rows (maps come back from pyarrow as (key, value) pairs)."""
    records = []
    for row in rows:
        record: dict[str, Any] = {c.key: row[c.name] for c in layout.columns if c.section is None}
        for section in layout.sections:
            values = {c.key: row[c.name] for c in layout.columns if c.section == section.field}
            record[section.field] = values if any(v is not None for v in values.values()) else None
        if record["article"] is not None:
            record["article"]["provenance"] = dict(record["article"]["provenance"])
        records.append(Result.model_validate(record))
    return records

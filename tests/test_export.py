"""Export to Parquet and CSV: typed columns that read back in pyarrow, pandas and DuckDB."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from export_corpus import in_utc, make_results, results_from_rows, write_jsonl

from newsextract.export import ExportSettings, export_records
from newsextract.export.columns import Layout
from newsextract.models import Result

PROVENANCE = ["line", "id", "source", "fetched_at", "status", "page_sha256", "body_sha256", "extractor_version"]
LEADING = ["url", "ok", *PROVENANCE, "error_kind", "error_message", "error_http_status"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Result], Path]:
    results = make_results(240)
    return results, write_jsonl(tmp_path_factory.mktemp("corpus") / "out.jsonl", results)


@pytest.fixture(scope="module")
def parquet(corpus: tuple[list[Result], Path]) -> Path:
    dest = corpus[1].with_suffix(".parquet")
    summary = export_records(corpus[1], dest, settings=ExportSettings(batch_size=50))
    assert (summary.records, summary.failures, summary.torn_line) == (240, 34, None)
    return dest


def test_columns_are_the_envelope_then_the_error_then_every_article_field() -> None:
    names = Layout.derive(Result).names
    assert list(names[: len(LEADING)]) == LEADING
    assert names[len(LEADING)] == "article_url"  # Article.url beside the envelope's url
    assert {"headline", "published", "tags", "images", "provenance", "word_count"} <= set(names)


def test_parquet_schema_is_typed(parquet: Path) -> None:
    schema = pq.read_schema(parquet)
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("modified").type == pa.timestamp("us", tz="UTC")
    assert schema.field("tags").type == pa.list_(pa.string())
    assert schema.field("provenance").type == pa.map_(pa.string(), pa.string())
    assert schema.field("ok").type == pa.bool_()
    assert schema.field("word_count").type == pa.int64()
    assert schema.field("error_http_status").type == pa.int64()
    image = schema.field("images").type.value_type
    assert [image.field(i).name for i in range(image.num_fields)] == ["url", "alt", "caption", "credit", "is_lead"]
    assert image.field("is_lead").type == pa.bool_()


def test_parquet_is_written_in_batches(parquet: Path) -> None:
    assert pq.ParquetFile(parquet).metadata.num_row_groups == 5  # 240 records, 50 per batch


def test_parquet_reads_back_in_pyarrow_equal_to_the_input(corpus: tuple[list[Result], Path], parquet: Path) -> None:
    table = pq.read_table(parquet)
    assert table.num_rows == 240
    rebuilt = results_from_rows(table.to_pylist(), Layout.derive(Result))
    assert rebuilt == [in_utc(result) for result in corpus[0]]


def test_naive_timestamps_are_taken_as_utc_and_aware_ones_converted(parquet: Path) -> None:
    published = pq.read_table(parquet, columns=["published"]).column(0).to_pylist()
    assert published[0] == datetime(2019, 11, 20, 0, 0, tzinfo=UTC)  # written naive
    assert published[1] == datetime(2019, 11, 21, 5, 1, tzinfo=UTC)  # 00:01 at -05:00
    assert published[2] == datetime(2019, 11, 21, 18, 32, tzinfo=UTC)  # 00:02 next day at +05:30


def test_pandas_reads_utc_timestamps_lists_and_maps(corpus: tuple[list[Result], Path], parquet: Path) -> None:
    frame = pd.read_parquet(parquet)
    assert list(frame.columns[: len(LEADING)]) == LEADING
    assert isinstance(frame["published"].dtype, pd.DatetimeTZDtype)
    assert str(frame["published"].dtype.tz) == "UTC"
    assert frame["published"].iloc[1] == pd.Timestamp("2019-11-21T05:01:00Z")
    article = corpus[0][2].article
    assert article is not None
    assert list(frame["tags"].iloc[2]) == article.tags == ["tag0", "tag1"]
    assert dict(frame["provenance"].iloc[2]) == article.provenance
    assert frame["headline"].isna().sum() == 34 and frame["ok"].sum() == 206


def test_duckdb_sees_timestamptz_and_looks_up_the_map(parquet: Path) -> None:
    source = f"'{parquet}'"
    assert duckdb.sql(f"select typeof(published) from {source} limit 1").fetchall() == [("TIMESTAMP WITH TIME ZONE",)]
    rows = duckdb.sql(f"select provenance['headline'] as how, count(*) from {source} where ok group by how").fetchall()
    counts = {(how[0] if isinstance(how, list) else how): n for how, n in rows}  # older DuckDB: a list
    assert counts == {"og:title": 103, "h1": 103}
    assert duckdb.sql(f"select count(*) from {source} where error_kind = 'http'").fetchall() == [(34,)]
    assert duckdb.sql(f"select max(len(images)) from {source}").fetchall() == [(2,)]


def test_csv_reads_back_in_pandas(corpus: tuple[list[Result], Path]) -> None:
    dest = corpus[1].with_suffix(".csv")
    summary = export_records(corpus[1], dest, settings=ExportSettings(batch_size=64))
    frame = pd.read_csv(dest)
    assert list(frame.columns) == list(summary.columns) == list(pq.read_schema(dest.with_suffix(".parquet")).names)
    assert len(frame) == 240 and frame["ok"].dtype == bool
    published = pd.to_datetime(frame["published"], utc=True, format="ISO8601")
    assert published.iloc[1] == pd.Timestamp("2019-11-21T05:01:00Z")
    assert frame["published"].iloc[1] == "2019-11-21T05:01:00+00:00"  # ISO 8601 with the offset
    assert frame["published"].iloc[0] == "2019-11-20T00:00:00+00:00"  # written naive: taken as UTC
    assert json.loads(frame["tags"].iloc[2]) == ["tag0", "tag1"]
    assert json.loads(frame["provenance"].iloc[2]) == {"headline": "h1", "body": "trafilatura"}
    assert json.loads(frame["images"].iloc[2])[1]["caption"] == 'Caption, "1"'
    article = corpus[0][2].article
    assert article is not None and frame["body"].iloc[2] == article.body  # newlines and commas survive


def test_csv_cells_for_failures_are_empty(corpus: tuple[list[Result], Path], tmp_path: Path) -> None:
    dest = tmp_path / "out.csv"
    export_records(corpus[1], dest, fmt="csv")
    lines = dest.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(",".join(LEADING) + ",article_url,")
    failure = next(line for line in lines if line.startswith("https://ex.com/a/3,"))
    empty_provenance = "," * len(PROVENANCE)  # the corpus records were made without a batch run
    assert failure.startswith(f"https://ex.com/a/3,false,{empty_provenance}http,HTTP 404 for 3,404,,")
    assert failure.endswith(",,,,,,,,,,,,,,,,,,,")

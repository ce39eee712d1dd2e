"""Export of imperfect input, future fields, the command line, and the missing pyarrow extra."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from export_corpus import make_results, write_jsonl
from pydantic import BaseModel, ConfigDict, Field

from newsextract.cli.export import add_export_parser, run_export_command
from newsextract.export import ExportError, ExportSettings, UsageError, export_records


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="newsextract")
    add_export_parser(parser.add_subparsers(dest="command", required=True))
    return run_export_command(parser.parse_args(["export", *argv]))


def _lines(count: int) -> list[str]:
    return [result.model_dump_json() for result in make_results(count)]


def test_a_torn_last_line_is_skipped_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "out.jsonl", make_results(20), tail='{"url": "https://ex.com/a/20", "ok": tr')
    assert _run(str(source), "-o", str(tmp_path / "out.parquet")) == 0
    err = capsys.readouterr().err
    assert "line 21 is cut short" in err and "exported 20 records" in err
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 20


def test_a_malformed_middle_line_stops_with_its_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _lines(10)
    lines[4] = lines[4][:30]  # newline-terminated: not a crash's torn tail
    source = tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dest = tmp_path / "out.parquet"
    dest.write_bytes(b"an earlier export")
    assert _run(str(source), "-o", str(dest)) == 1
    assert f"{source}:5: not JSON" in capsys.readouterr().err
    assert dest.read_bytes() == b"an earlier export"  # atomic: the old output stays whole
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.jsonl", "out.parquet"]  # no temp file left


def test_a_line_that_is_not_a_result_stops_with_its_number(tmp_path: Path) -> None:
    lines = _lines(5)
    record = json.loads(lines[1])
    record["article"]["published"] = "not a date"
    lines[1] = json.dumps(record)
    source = tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"out\.jsonl:2: not a newsextract record: article\.published"):
        export_records(source, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_unknown_keys_become_json_text_columns_even_after_the_first_batch(tmp_path: Path) -> None:
    records = [json.loads(line) for line in _lines(30)]
    records[0]["lane"] = 1  # top level, in the first batch
    records[25]["article"]["subtitle"] = "A late article field"  # in the last batch: a restart
    records[26]["shard"] = {"n": 3}
    source = tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    summary = export_records(source, tmp_path / "out.parquet", settings=ExportSettings(batch_size=10))
    assert summary.columns[-3:] == ("lane", "subtitle", "shard")
    table = pq.read_table(tmp_path / "out.parquet")
    assert all(table.schema.field(name).type == pa.string() for name in ("lane", "subtitle", "shard"))
    assert table.column("lane").to_pylist()[:2] == ["1", None]
    assert table.column("subtitle").to_pylist()[25] == "A late article field"
    assert table.column("shard").to_pylist()[26] == '{"n":3}'


def test_an_unknown_key_clashing_with_a_column_is_refused(tmp_path: Path) -> None:
    records = [json.loads(line) for line in _lines(3)]
    records[1]["extra_headline"] = "the fallback name of the next one"
    records[2]["headline"] = "top-level, beside the article's"
    source = tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(ExportError, match="column name clash"):
        export_records(source, tmp_path / "out.parquet")


def test_naming_the_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "out.jsonl", make_results(5))
    assert _run(str(source), "-o", str(tmp_path / "out.txt")) == 2
    assert "use .parquet or .csv, or --format" in capsys.readouterr().err
    assert _run(str(source), "-o", str(tmp_path / "out.txt"), "--format", "csv") == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("url,ok,")
    with pytest.raises(UsageError, match="is the input"):
        export_records(source, source, fmt="csv")


def test_without_pyarrow_parquet_names_the_fix_and_csv_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # None in sys.modules: the import fails
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    source = write_jsonl(tmp_path / "out.jsonl", make_results(5))
    assert _run(str(source), "-o", str(tmp_path / "out.parquet")) == 2
    err = capsys.readouterr().err.splitlines()
    fix = 'pip install "newsextract[parquet]"'
    assert err == [f"newsextract: missing_dependency error: Parquet export needs pyarrow: {fix}"]
    assert not (tmp_path / "out.parquet").exists()
    assert _run(str(source), "-o", str(tmp_path / "out.csv")) == 0


def test_a_missing_input_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "out.csv")) == 1
    assert "nope.jsonl: No such file or directory" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_gzip_input_and_an_empty_file(tmp_path: Path) -> None:
    import gzip

    source = tmp_path / "out.jsonl.gz"
    source.write_bytes(gzip.compress("\n".join(_lines(12)).encode() + b"\n\n"))
    assert export_records(source, tmp_path / "out.parquet").records == 12
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert export_records(empty, tmp_path / "empty.parquet").records == 0
    assert pq.read_table(tmp_path / "empty.parquet").schema.field("published").type == pa.timestamp("us", tz="UTC")
    source.write_bytes(source.read_bytes()[:-20])  # a gzip stream cut short
    with pytest.raises(ExportError, match="damaged gzip file"):
        export_records(source, tmp_path / "out.parquet")


# Fields others may add later: the columns must be typed from the annotations alone.
class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Paragraph(_Strict):
    type: Literal["paragraph"] = "paragraph"
    text: str


class Heading(_Strict):
    type: Literal["heading"] = "heading"
    text: str
    level: int


class FutureArticle(_Strict):
    headline: str | None = None
    published: datetime | None = None
    published_precision: Literal["day", "minute"] | None = None
    published_tz_given: bool | None = None
    blocks: list[Annotated[Paragraph | Heading, Field(discriminator="type")]] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict)


class FutureResult(_Strict):
    url: str
    ok: bool
    line: int | None = None
    fetched_at: datetime | None = None
    article: FutureArticle | None = None
    error: dict[str, Any] | None = None


def test_fields_added_later_get_typed_columns(tmp_path: Path) -> None:
    record: dict[str, Any] = {
        "url": "u",
        "ok": True,
        "line": 7,
        "fetched_at": "2025-01-02T03:04:05+01:00",
        "article": {
            "published": "2025-01-01T00:00:00",
            "published_precision": "day",
            "blocks": [{"type": "heading", "text": "H", "level": 2}, {"type": "paragraph", "text": "P"}],
            "scores": {"body": 0.5},
        },
    }
    source = tmp_path / "out.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    summary = export_records(source, tmp_path / "out.parquet", settings=ExportSettings(envelope=FutureResult))
    assert summary.columns == ("url", "ok", "line", "fetched_at", "error", "headline", "published",
                               "published_precision", "published_tz_given", "blocks", "scores")  # fmt: skip
    schema = pq.read_schema(tmp_path / "out.parquet")
    assert schema.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("line").type == pa.int64()
    assert schema.field("published_precision").type == pa.string()
    assert schema.field("published_tz_given").type == pa.bool_()
    assert schema.field("scores").type == pa.map_(pa.string(), pa.float64())
    assert schema.field("error").type == pa.map_(pa.string(), pa.string())  # dict[str, Any]: JSON text values
    block = schema.field("blocks").type.value_type
    assert [(f.name, f.type, f.nullable) for f in block] == [
        ("type", pa.string(), False),
        ("text", pa.string(), False),
        ("level", pa.int64(), True),  # only headings have it
    ]
    row = pq.read_table(tmp_path / "out.parquet").to_pylist()[0]
    assert row["fetched_at"].isoformat() == "2025-01-02T02:04:05+00:00"
    assert row["blocks"] == [
        {"type": "heading", "text": "H", "level": 2},
        {"type": "paragraph", "text": "P", "level": None},
    ]


def test_the_reader_streams_one_batch_at_a_time(tmp_path: Path) -> None:
    from newsextract.export.columns import Layout
    from newsextract.export.reader import JsonlReader
    from newsextract.models import Result

    lines = _lines(30)
    lines[25] = "{broken"
    source = tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batches = JsonlReader(source, Layout.derive(Result), batch_size=10).batches()
    assert [len(next(batches)["url"]) for _ in range(2)] == [10, 10]  # handed out before line 26 is read
    with pytest.raises(ExportError, match=r":26: not JSON"):
        next(batches)


def test_values_without_an_arrow_type_become_json_text(tmp_path: Path) -> None:
    from pydantic import HttpUrl

    class Odd(_Strict):
        url: str
        ok: bool
        home: HttpUrl | None = None
        either: str | int | None = None

    source = tmp_path / "out.jsonl"
    source.write_text('{"url": "u", "ok": true, "home": "https://ex.com/", "either": 5}\n', encoding="utf-8")
    export_records(source, tmp_path / "out.csv", settings=ExportSettings(envelope=Odd))
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines() == [
        "url,ok,home,either",
        "u,true,https://ex.com/,5",
    ]

"""One error story: every error is a NewsExtractError with its own stable kind, one rule turns any
error into a record (Failure.from_error) or a CLI line, and one table gives the exit codes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from support import run_newsextract

import newsextract
from newsextract import errors
from newsextract.errors import NewsExtractError
from newsextract.models import Article, Failure, Result

FIXTURES = Path(__file__).parent / "fixtures"

# The kinds written into records: part of the output format, so pinned here.
KINDS = {
    "NewsExtractError": "news_extract",
    "FetchError": "fetch",
    "InvalidURLError": "invalid_url",
    "BlockedURLError": "blocked_url",
    "HTTPStatusError": "http_status",
    "TooManyRedirectsError": "too_many_redirects",
    "ResponseTooLargeError": "response_too_large",
    "ContentTypeError": "content_type",
    "FetchTimeoutError": "fetch_timeout",
    "NetworkError": "network",
    "ParseError": "parse",
    "InputError": "input",
    "ExtractionError": "extraction",
    "ExtractTimeoutError": "extract_timeout",
    "WorkerCrashedError": "worker_crashed",
    "NoArticleError": "no_article",
    "OutputStateError": "output_state",
    "DaskBatchError": "dask_batch",
    "ExportError": "export",
    "UsageError": "usage",
    "MissingDependencyError": "missing_dependency",
}


def error_classes() -> list[type[NewsExtractError]]:
    found, todo = [], [NewsExtractError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def newsextract_error(name: str) -> type[NewsExtractError]:
    cls = getattr(errors, name)
    assert isinstance(cls, type) and issubclass(cls, NewsExtractError), f"{name} is not a NewsExtractError"
    return cls


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_newsextract(*args, cwd=cwd)


# --- the classes and their kinds ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind"), sorted(KINDS.items()))
def test_every_error_is_a_newsextract_error_with_its_pinned_kind(name: str, kind: str) -> None:
    cls = newsextract_error(name)
    assert cls.kind == kind == cls("x").kind


def test_kinds_are_distinct_snake_case_and_set_by_each_class() -> None:
    classes = [cls for cls in error_classes() if cls.__module__ == errors.__name__]
    assert {cls.__name__ for cls in classes} == set(KINDS)
    kinds = [cls.kind for cls in classes]
    assert len(set(kinds)) == len(kinds), kinds
    for cls in classes:
        assert "kind" in vars(cls), f"{cls.__name__} inherits its kind"
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", cls.kind), cls.kind
    assert errors.INTERNAL_KIND not in kinds


def test_extraction_error_is_exported_and_wraps_unexpected_extractor_failures() -> None:
    assert newsextract.ExtractionError is errors.ExtractionError
    with pytest.raises(errors.ExtractionError) as caught, errors.extraction_errors("https://a.test/x"):
        raise KeyError("lost")
    assert caught.value.url == "https://a.test/x" and "KeyError" in caught.value.message
    assert isinstance(caught.value.__cause__, KeyError)
    with pytest.raises(errors.ParseError), errors.extraction_errors(None):  # typed errors pass through
        raise errors.ParseError("binary")


# --- Failure.from_error: the one error -> record rule -------------------------------------------


@pytest.mark.parametrize("name", sorted(KINDS))
def test_failure_from_error_records_the_kind_and_message(name: str) -> None:
    failure = Failure.from_error(newsextract_error(name)("what happened", url="https://a.test/x"))
    assert (failure.kind, failure.message, failure.http_status) == (KINDS[name], "what happened", None)


def test_failure_from_error_keeps_http_status_and_calls_anything_untyped_internal() -> None:
    assert Failure.from_error(errors.HTTPStatusError("HTTP 404", http_status=404)).http_status == 404
    failure = Failure.from_error(ZeroDivisionError("division by zero"))
    assert failure == Failure(kind="internal", message="ZeroDivisionError: division by zero")
    result = Result.from_error(errors.ExtractTimeoutError("too slow"), url="https://a.test/x")
    assert result == Result(url="https://a.test/x", ok=False, error=Failure(kind="extract_timeout", message="too slow"))


def test_exit_codes_come_from_one_table() -> None:
    code = errors.exit_code_for
    assert [int(c) for c in errors.ExitCode] == [0, 1, 2, 130]
    assert code(errors.UsageError("x")) == code(errors.OutputStateError("x")) == errors.ExitCode.USAGE == 2
    assert code(errors.DaskBatchError("x")) == code(errors.ParseError("x")) == code(ValueError()) == 1
    assert code(KeyboardInterrupt()) == errors.ExitCode.INTERRUPTED == 130


# --- where the errors surface ----------------------------------------------------------------------


def test_load_offline_raises_input_error_for_a_bad_locator_or_a_missing_file(tmp_path: Path) -> None:
    from newsextract.batch.sources import load_offline

    for locator in ("bogus:1", "warc:notanumber:/x.warc", f"file:{tmp_path / 'gone.html'}"):
        with pytest.raises(NewsExtractError) as caught:
            load_offline("file:///gone.html", locator, 1_000)
        assert caught.value.kind == "input", locator


def stub_extract(html: str | bytes, **kwargs: object) -> Article:
    """Fails like a parser bug on pages that say BUG; a stub article otherwise."""
    if b"BUG" in (html if isinstance(html, bytes) else html.encode()):
        raise ValueError("the parser tripped")
    return Article(url=str(kwargs.get("url")), body="ok")


@pytest.mark.slow
def test_batch_records_carry_typed_kinds_not_internal(tmp_path: Path) -> None:
    from newsextract.batch import RunOptions, run_batch
    from newsextract.batch.sources import dir_items
    from newsextract.settings import BatchSettings

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "fine.html").write_text("<p>fine</p>")
    (pages / "bug.html").write_text("<p>BUG</p>")
    (pages / "gone.html").write_text("<p>deleted before its turn</p>")
    items = list(dir_items(pages))
    (pages / "gone.html").unlink()
    options = RunOptions(extract=stub_extract)
    results = {Path(r.url).name: r for r in run_batch(items, settings=BatchSettings(workers=1), options=options)}
    assert results["fine.html"].ok
    bug, gone = results["bug.html"].error, results["gone.html"].error
    assert bug is not None and bug.kind == "extraction" and "ValueError: the parser tripped" in bug.message
    assert gone is not None and gone.kind == "input"


@pytest.mark.slow
def test_cli_extract_line_names_the_specific_kind(tmp_path: Path) -> None:
    done = cli("extract", str(tmp_path / "missing.html"), "ftp://example.com/a", str(FIXTURES / "lazy_images.html"))
    assert done.returncode == 1
    missing, ftp = done.stderr.splitlines()
    assert missing.startswith(f"newsextract: {tmp_path / 'missing.html'}: input error: cannot read file")
    assert ftp.startswith("newsextract: ftp://example.com/a: invalid_url error: unsupported URL scheme: ftp")
    assert "news_extract" not in done.stderr
    assert json.loads(done.stdout)["headline"]


@pytest.mark.slow
def test_cli_batch_errors_are_typed_lines_with_their_exit_code(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("http://127.0.0.1:9/a\n")
    (tmp_path / "out.jsonl").write_text("someone else's file\n")
    foreign = cli("batch", "urls.txt", "-o", "out.jsonl", cwd=tmp_path)
    assert foreign.returncode == 2
    assert foreign.stderr.startswith("newsextract: output_state error: ") and len(foreign.stderr.splitlines()) == 1
    usage = cli("batch", cwd=tmp_path)
    assert (
        usage.returncode == 2 and usage.stderr == "newsextract: usage error: batch needs INPUT, --input-dir or --warc\n"
    )


def test_a_failed_dask_partition_is_recorded_by_failure_from_error() -> None:
    from newsextract.batch.dask.cluster import Outcomes, _collect

    outcomes = Outcomes()
    failed = SimpleNamespace(status="error", exception=lambda: errors.DaskBatchError("not visible on this worker"))
    crashed = SimpleNamespace(status="error", exception=lambda: MemoryError("oom"))
    _collect(failed, "part-00001", outcomes)
    _collect(crashed, "part-00002", outcomes)
    assert outcomes.failures == {
        "part-00001": Failure(kind="dask_batch", message="not visible on this worker"),
        "part-00002": Failure(kind="internal", message="MemoryError: oom"),
    }
    assert outcomes.first_failure() == "part-00001: dask_batch: not visible on this worker"


# --- the request options every fetching command shares --------------------------------------------


@pytest.mark.parametrize("command", ["batch", "discover"])
def test_fetching_commands_take_the_request_options(command: str) -> None:
    from newsextract.cli import build_parser
    from newsextract.cli.batch import _settings
    from newsextract.cli.discover import _fetch_settings

    flags = ["--user-agent", "probe/1", "--header", "X-Probe: yes", "--block-private"]
    args = build_parser().parse_args([command, *flags, "https://example.com/" if command == "discover" else "-"])
    fetch = _settings(args).fetch if command == "batch" else _fetch_settings(args)
    assert fetch.user_agent == "probe/1" and fetch.block_private_addresses
    assert dict(fetch.headers)["x-probe"] == "yes"

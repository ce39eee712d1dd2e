"""`newsextract extract`: files, stdin, several sources, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import run_newsextract

pytestmark = pytest.mark.slow  # end to end: child processes or large generated pages

FIXTURES = Path(__file__).parent / "fixtures"
IRAQ = FIXTURES / "wordpress_iraq_nato.html"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_newsextract(*args, stdin=stdin, binary=True)


def test_one_file_prints_one_json_object() -> None:
    done = run("extract", str(IRAQ), "--url", "https://www.gulfledger.com/a/")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["authors"] == ["Habib Toumi"]
    assert record["dateline"] == "BAGHDAD"
    assert record["images"][0]["url"].startswith("https://www.gulfledger.com/")
    assert done.stderr == b""


def test_stdin_with_base_url() -> None:
    done = run("extract", "-", "--url", "https://www.gulfledger.com/a/", stdin=IRAQ.read_bytes())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["url"] == "https://www.gulfledger.com/a/"


def test_several_sources_give_json_lines_and_failures_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    done = run("extract", str(IRAQ), str(missing), str(FIXTURES / "lazy_images.html"))
    lines = done.stdout.decode().splitlines()
    assert done.returncode == 1
    assert len(lines) == 2 and all(json.loads(line)["headline"] for line in lines)
    errors = done.stderr.decode().splitlines()
    assert len(errors) == 1 and "missing.html" in errors[0] and "Traceback" not in errors[0]


def test_output_file_and_jsonl_format(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = run("extract", str(IRAQ), "--format", "jsonl", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_bad_usage_exits_2_with_one_line() -> None:
    done = run("extract")
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1


def test_unsupported_scheme_and_binary_input_are_one_line_errors(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    done = run("extract", "ftp://example.com/a", str(binary))
    assert done.returncode == 1
    errors = done.stderr.decode().splitlines()
    assert len(errors) == 2
    assert "ftp" in errors[0] and "binary" in errors[1]
    assert "Traceback" not in done.stderr.decode()

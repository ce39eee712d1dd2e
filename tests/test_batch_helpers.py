"""The helpers the local and the Dask batch share: atomic files, the run state as a context
manager, the live line, stop signals, and RunOptions as a remote task gets them."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract._files import atomic_file, write_json_atomically
from newsextract.batch.options import RunOptions, default_fetcher, extract_in_worker
from newsextract.batch.progress import LiveLine
from newsextract.batch.signals import STOP_SIGNALS, on_first_stop_signal
from newsextract.batch.sources import InputItem
from newsextract.batch.state import RunStore


def test_atomic_file_replaces_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), atomic_file(target) as stream:
        stream.write(b"half a ")
        raise RuntimeError("crash mid-write")
    assert target.read_bytes() == b"old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    with atomic_file(target, suffix=".merging") as stream:
        stream.write(b"new\n")
        assert (tmp_path / "out.jsonl.merging").exists() and target.read_bytes() == b"old\n"
    assert target.read_bytes() == b"new\n" and sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    write_json_atomically(tmp_path / "m.json", {"a": [1]})
    assert (tmp_path / "m.json").read_text() == '{\n "a": [\n  1\n ]\n}'


def test_run_store_is_a_context_manager(tmp_path: Path) -> None:
    with RunStore(tmp_path / "s.sqlite") as store:
        store.ingest([InputItem("https://a.test/")], chunk=10)
        assert store.counts() == {"pending": 1}
    with pytest.raises(sqlite3.ProgrammingError):
        store.counts()  # closed on leaving the block


def test_live_line_draws_only_when_live() -> None:
    quiet, live = io.StringIO(), io.StringIO()
    LiveLine(quiet, live=False).show("partitions 1/2")
    LiveLine(live, live=True).show("partitions 1/2")
    LiveLine(live, live=True).clear()
    assert quiet.getvalue() == "" and live.getvalue() == "\rpartitions 1/2\x1b[K\r\x1b[K"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_first_stop_signal_calls_back_once_and_a_second_gets_the_old_handling() -> None:
    before = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    calls: list[str] = []
    with on_first_stop_signal(lambda: calls.append("stop")):
        assert signal.getsignal(signal.SIGTERM) != before[signal.SIGTERM]
        os.kill(os.getpid(), signal.SIGTERM)
        assert calls == ["stop"]
        # The old handlers are back at once: a second Ctrl-C is Python's KeyboardInterrupt again.
        assert {sig: signal.getsignal(sig) for sig in STOP_SIGNALS} == before
    assert {sig: signal.getsignal(sig) for sig in STOP_SIGNALS} == before


def test_run_options_for_a_remote_task_keep_the_collaborators_only() -> None:
    options = RunOptions(progress_stream=sys.stderr, live_progress=True, handle_signals=True)
    remote = options.for_worker()
    assert remote == RunOptions(extract=extract_in_worker, fetcher_factory=default_fetcher)
    assert remote.progress_stream is None and not remote.live_progress and not remote.handle_signals


@pytest.mark.slow
def test_the_fetching_process_never_imports_the_extractor(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import newsextract.cli.batch, newsextract.batch.dask\n"
        "from newsextract.batch import run_to_file\n"
        "from newsextract.settings import BatchSettings\n"
        "page = Path(sys.argv[1], 'a.html'); page.write_text('<p>hi</p>')\n"
        "items = [*newsextract.batch.sources.dir_items(page.parent), 'not a url']\n"
        "summary = run_to_file(items, output=Path(sys.argv[1], 'out.jsonl'), settings=BatchSettings(workers=1))\n"
        "assert summary.processed == 2, summary\n"
        "print(sorted(m for m in ('trafilatura', 'lxml', 'selectolax') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"  # the extraction workers load them; the parent does not

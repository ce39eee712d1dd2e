"""The run directory of a Dask batch: where its files live, its manifest, its locks.

``OUT.parts/`` beside OUT (or DIR itself for ``-o DIR/``) holds the complete parts
``NAME.jsonl``, ``manifest.json``, and ``work/`` (staged inputs, partial parts, states, locks).
The paths are the same on the client and on every worker (a shared file system).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsextract._files import write_json_atomically
from newsextract.batch.state import RunStore
from newsextract.errors import OutputStateError

if TYPE_CHECKING:
    from newsextract.batch.dask.task import PartitionSpec

MANIFEST = "manifest.json"
_FORMAT = "newsextract-dask-parts/1"


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a run keeps its files; the same paths on the client and on every worker."""

    run_dir: Path

    @property
    def work(self) -> Path:
        return self.run_dir / "work"

    @property
    def manifest(self) -> Path:
        return self.run_dir / MANIFEST

    def part(self, name: str) -> Path:
        return self.run_dir / f"{name}.jsonl"

    def partial(self, name: str) -> Path:
        return self.work / f"{name}.jsonl.partial"

    def state(self, name: str) -> Path:
        return self.work / f"{name}.state.sqlite"

    def staged(self, name: str) -> Path:
        return self.work / f"{name}.input.jsonl"

    def lock(self, name: str) -> Path:
        return self.work / f"{name}.lock"


@dataclass
class Run:
    """One Dask run on the client: its layout, merged output, partitions and what staging counted."""

    layout: Layout
    merged: Path | None  # None for -o DIR/: the parts are the output
    specs: list[PartitionSpec] = field(default_factory=list)
    staged_lines: int = 0
    warc_names: set[str] = field(default_factory=set)


def open_run(target: Path | str) -> Run:
    """The run directory for an output, after checking the output belongs to it."""
    # Path() drops a trailing "/", so the directory form is read from the string as given.
    output = Path(target)
    as_dir = str(target).endswith(("/", os.sep)) or output.is_dir()
    run_dir = output if as_dir else output.with_name(output.name + ".parts")
    run = Run(Layout(run_dir.resolve()), None if as_dir else output.resolve())
    manifest = read_manifest(run.layout)
    if manifest is None:
        _refuse_foreign_output(run, as_dir)
    elif manifest.get("output") != (str(run.merged) if run.merged else None):
        raise OutputStateError(f"{run_dir} belongs to output {manifest.get('output')}, not {output}")
    run.layout.work.mkdir(parents=True, exist_ok=True)
    return run


def _refuse_foreign_output(run: Run, as_dir: bool) -> None:
    if run.merged is not None and run.merged.exists() and run.merged.stat().st_size > 0:
        raise OutputStateError(
            f"{run.merged} exists and was not written by a Dask run (no {run.layout.manifest}); choose a new output"
        )
    # A first run that died before writing its manifest leaves only work/ behind.
    if as_dir and run.layout.run_dir.exists() and any(p.name != "work" for p in run.layout.run_dir.iterdir()):
        raise OutputStateError(f"{run.layout.run_dir} is not empty and holds no {MANIFEST}; choose a new directory")


def read_manifest(layout: Layout) -> dict[str, Any] | None:
    """The manifest of a run directory, or None before the first run wrote one."""
    try:
        data: dict[str, Any] = json.loads(layout.manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if data.get("format") != _FORMAT:
        raise OutputStateError(f"{layout.manifest} is not a newsextract parts manifest")
    return data


def write_manifest(run: Run, partitions: int, complete: bool) -> None:
    """The index of the run directory; for -o DIR/ it tells readers which part files are whole."""
    parts = []
    for spec in run.specs:
        done = run.layout.part(spec.name).exists()
        parts.append(
            {
                "name": spec.name,
                "file": f"{spec.name}.jsonl" if done else None,
                "complete": done,
                "records": _record_count(run.layout.state(spec.name)) if done else None,
                "source": spec.warc or "input",
            }
        )
    manifest = {
        "format": _FORMAT,
        "output": str(run.merged) if run.merged else None,
        "partitions": partitions,
        "complete": complete,
        "parts": parts,
    }
    write_json_atomically(run.layout.manifest, manifest)


def _record_count(state: Path) -> int:
    with RunStore(state) as store:
        return sum(store.counts().values())


@contextlib.contextmanager
def exclusive(path: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold an flock on `path` (released by the kernel if the holder dies); without wait, yield False if taken."""
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            held = True
        except BlockingIOError:
            held = False
        yield held


@contextlib.contextmanager
def client_lock(layout: Layout) -> Iterator[None]:
    """One client per run directory: a second one is refused at once."""
    with exclusive(layout.work / "client.lock", wait=False) as held:
        if not held:
            raise OutputStateError(f"another run is using {layout.run_dir}")
        yield

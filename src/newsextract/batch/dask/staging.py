"""Staging a Dask batch's input: N partition files on the shared file system, and their specs.

A URL's partition is a stable hash of its host, so every URL of a host is fetched by one
task: the per-host delay and robots.txt hold across the cluster. Saved pages go by their key
(no politeness needed). Each WARC file is a partition of its own, read on the worker, so the
client never reads the archives.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from newsextract._files import atomic_file
from newsextract.batch.dask.layout import Layout, Run
from newsextract.batch.dask.task import PartitionSpec
from newsextract.batch.options import RunOptions
from newsextract.batch.sources import InputItem
from newsextract.settings import BatchSettings


def partition_of(item: InputItem, count: int) -> int:
    """The partition of an input item: by host for URLs to fetch, by key otherwise. Stable across runs.

    Usage: ``partition_of(InputItem("https://a.com/x"), 16)``

    A keyed hash, not hash(): Python salts str hashes per process, and a rerun must put
    every URL into the partition whose state already knows it.
    """
    basis = item.key
    if item.locator is None and item.error is None:
        basis = urlsplit(item.key).hostname or item.key
    digest = hashlib.blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def plan(
    run: Run,
    items: Iterable[InputItem],
    warc: Sequence[Path],
    count: int,
    settings: BatchSettings,
    options: RunOptions,
) -> None:
    """Stage the inputs and build the partition specs: staged ones first, then WARC files in order."""
    digests, run.staged_lines = _stage(items, run.layout, count)
    base = str(run.layout.run_dir)
    worker_options = options.for_worker()
    run.specs = [PartitionSpec(_staged_name(i), base, d, settings, worker_options) for i, d in enumerate(digests)]
    for path in dict.fromkeys(Path(p).resolve() for p in warc):
        name = _warc_name(path)
        run.warc_names.add(name)
        run.specs.append(PartitionSpec(name, base, _warc_digest(path), settings, worker_options, str(path)))


def _stage(items: Iterable[InputItem], layout: Layout, count: int) -> tuple[list[str], int]:
    """Write the items into `count` partition inputs (each atomically); return their digests, and the lines."""
    names = [_staged_name(i) for i in range(count)]
    hashers = [hashlib.blake2b(digest_size=16) for _ in names]
    lines = 0
    with contextlib.ExitStack() as stack:
        files: list[IO[bytes]] = [stack.enter_context(atomic_file(layout.staged(n))) for n in names]
        for item in items:
            index = partition_of(item, count)
            line = (
                json.dumps([item.key, item.locator, item.error, item.line, item.id], ensure_ascii=False).encode()
                + b"\n"
            )
            files[index].write(line)
            hashers[index].update(line)
            lines += 1
    return [hasher.hexdigest() for hasher in hashers], lines


def _staged_name(index: int) -> str:
    return f"part-{index:05d}"


def _warc_name(path: Path) -> str:
    # Named by the file, not its position: a rerun listing the files in another order resumes the same states.
    return "warc-" + hashlib.blake2b(str(path).encode(), digest_size=8).hexdigest()


def _warc_digest(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"

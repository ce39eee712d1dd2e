"""Files written whole: beside their target under a temporary name, then renamed over it, so a reader
sees the old file or the new one and never half of one, even after a crash or a power cut.

Usage::

    with atomic_file(Path("manifest.json")) as stream:   # a binary stream
        stream.write(data)
    with atomic_path(Path("out.parquet")) as tmp:        # a path, for writers that open files themselves
        write_parquet(tmp)

One set for the batch, its Dask runs, discovery's URL lists and exports.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def temp_path(path: Path, suffix: str = ".tmp") -> Path:
    """Where a replacement for `path` is written before it is renamed over it."""
    return path.with_name(path.name + suffix)


@contextlib.contextmanager
def atomic_path(path: Path, *, fsync: bool = True, suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary path beside `path`, renamed over `path` if the block succeeds and removed if not."""
    tmp = temp_path(path, suffix)
    tmp.unlink(missing_ok=True)  # a leftover of a crashed earlier write
    try:
        yield tmp
        if fsync:
            with open(tmp, "rb+") as written:
                os.fsync(written.fileno())
        replace_durably(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_file(path: Path, *, fsync: bool = True, suffix: str = ".tmp") -> Iterator[BinaryIO]:
    """Write a file beside `path` and rename it over `path` on success; on error, remove it.

    Usage: ``with atomic_file(Path("out.jsonl")) as stream: stream.write(data)``

    Readers see the old file or the new one, never half of one.
    """
    with atomic_path(path, fsync=fsync, suffix=suffix) as tmp, open(tmp, "wb") as stream:
        yield stream


def write_json_atomically(path: Path, data: object) -> None:
    """Replace `path` with `data` as indented JSON, atomically."""
    with atomic_file(path) as stream:
        stream.write(json.dumps(data, indent=1).encode("utf-8"))


def replace_durably(src: Path, dst: Path) -> None:
    """Rename `src` over `dst`, and make the rename itself survive a power cut."""
    os.replace(src, dst)
    fsync_dir(dst.parent)


def fsync_dir(path: Path) -> None:
    """fsync a directory, so that a rename inside it is durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

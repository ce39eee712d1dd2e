"""Batch files: the JSON Lines output (torn-line repair, retry compaction).

Usage::

    out = JsonlFile.open(Path("out.jsonl"), committed=offset_from_state)   # cuts any uncommitted tail
    start = out.write(b'{"url": ...}\\n')
    end = out.sync()                                                        # then commit `end` in the state

The file is only appended to. The run state records the end of the last line it has
committed; on restart everything after that offset (a torn last line after kill -9, or
whole lines whose state commit never happened) is cut, and those URLs, still pending in
the state, are redone.

Every other file a run replaces (a compacted output, a merged output, staged input, the Dask
manifest) is written beside its target and renamed over it, with the package's one set of
atomic-file helpers in `newsextract._files`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from newsextract.errors import OutputStateError

_COPY_CHUNK = 1 << 20


class StreamOutput:
    """JSON Lines to a stream such as stdout: nothing to repair; offsets count this run's bytes."""

    def __init__(self, stream: BinaryIO | None = None, offset: int = 0) -> None:
        self._stream = stream if stream is not None else sys.stdout.buffer
        self._offset = offset

    def write(self, line: bytes) -> int:
        """Write one newline-terminated line; return the offset it starts at."""
        start = self._offset
        self._stream.write(line)
        self._offset += len(line)
        return start

    def sync(self) -> int:
        """Flush; return the bytes written."""
        self._stream.flush()
        return self._offset

    def close(self) -> None:
        """Flush (the stream stays open: it is not ours)."""
        self._stream.flush()


class JsonlFile(StreamOutput):
    """An append-only JSON Lines file whose committed end is tracked by the run state."""

    def __init__(self, stream: BinaryIO, offset: int, fsync: bool) -> None:
        super().__init__(stream, offset)
        self._fsync = fsync

    @classmethod
    def open(cls, path: Path, committed: int, fsync: bool = True) -> JsonlFile:
        """Open for appending after cutting everything past `committed` (the torn-line repair)."""
        stream = open(path, "r+b") if path.exists() else open(path, "w+b")  # noqa: SIM115 - owned by the object
        size = stream.seek(0, os.SEEK_END)
        if size < committed:
            stream.close()
            raise OutputStateError(
                f"{path} has {size} bytes but its run state has committed {committed}: "
                "was it edited or replaced? Restore it, or start over with a new output and state"
            )
        if size > committed:
            stream.truncate(committed)
            stream.seek(committed)
        return cls(stream, committed, fsync)

    def sync(self) -> int:
        """Flush (and fsync) what was written; return the end offset, safe to commit now."""
        self._stream.flush()
        if self._fsync:
            os.fsync(self._stream.fileno())
        return self._offset

    def close(self) -> None:
        """Flush and close."""
        self.sync()
        self._stream.close()


def copy_without(src: Path, dst: Path, cuts: Iterable[tuple[int, int]], end: int, fsync: bool = True) -> int:
    """Copy `src` up to `end` into `dst`, leaving out byte ranges (offset, length) given in offset order.

    Returns the size of `dst`. Bytes past `end` (an uncommitted tail) are not copied.
    """
    with open(src, "rb") as reader, open(dst, "wb") as writer:
        position = 0
        for offset, length in cuts:
            _copy_span(reader, writer, offset - position)
            reader.seek(offset + length)
            position = offset + length
        _copy_span(reader, writer, end - position)
        writer.flush()
        if fsync:
            os.fsync(writer.fileno())
        return writer.tell()


def _copy_span(reader: BinaryIO, writer: BinaryIO, length: int) -> None:
    remaining = length
    while remaining > 0:
        chunk = reader.read(min(_COPY_CHUNK, remaining))
        if not chunk:
            return
        writer.write(chunk)
        remaining -= len(chunk)

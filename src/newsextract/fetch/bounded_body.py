"""Response bodies read under a size cap, decompressing step by step so a bomb never inflates.

Usage: ``content = await read_body(response, url, limit=10_000_000, truncate=False)``

httpx's own decoders do not bound their output: one small brotli chunk can
become a gigabyte in a single call. Here gzip, deflate and brotli are undone
in steps of at most DECODE_STEP bytes, and the cap is checked after each step,
on the bytes from the wire and on the decoded bytes alike.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from typing import Protocol

import httpx

from newsextract.errors import FetchError, ResponseTooLargeError

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency, but an old one may be installed
    brotli = None

__all__ = ["ACCEPT_ENCODING", "DECODE_STEP", "read_body"]

# Decompress in steps this large, so one small compressed chunk (a bomb) never
# becomes one huge allocation before the size cap is checked.
DECODE_STEP = 256 * 1024
# Only brotli >= 1.2 can bound its output per call; older versions are not advertised.
_HAS_BOUNDED_BROTLI = brotli is not None and hasattr(brotli.Decompressor, "can_accept_more_data")
ACCEPT_ENCODING = "gzip, deflate, br" if _HAS_BOUNDED_BROTLI else "gzip, deflate"


class _Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def flush(self) -> Iterator[bytes]: ...


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        yield data

    def flush(self) -> Iterator[bytes]:
        yield b""


class _Zlib:
    """gzip or deflate, never producing more than DECODE_STEP bytes per call."""

    def __init__(self, wbits: int | None) -> None:
        # wbits None: "deflate", which servers send both zlib-wrapped and raw; decided on the first bytes.
        self._wbits = wbits
        self._inflater: zlib._Decompress | None = None

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not data:
            return
        inflater = self._inflater or self._start(data)
        while data:
            out = inflater.decompress(data, DECODE_STEP)
            yield out
            data = inflater.unconsumed_tail
            if inflater.eof:
                return  # trailing garbage after the stream is ignored, as browsers do

    def flush(self) -> Iterator[bytes]:
        if self._inflater is not None:
            yield self._inflater.flush()

    def _start(self, first: bytes) -> zlib._Decompress:
        wbits = self._wbits
        if wbits is None:
            zlib_header = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
            wbits = zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(wbits)
        return self._inflater


class _Brotli:
    """brotli, never producing more than DECODE_STEP bytes per call (brotli >= 1.2)."""

    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield self._decompressor.process(data, output_buffer_limit=DECODE_STEP)
        while not self._decompressor.can_accept_more_data():
            yield self._decompressor.process(b"", output_buffer_limit=DECODE_STEP)

    def flush(self) -> Iterator[bytes]:
        yield b""


def _decoders(content_encoding: str, url: httpx.URL) -> list[_Decoder]:
    decoders: list[_Decoder] = []
    # Encodings are listed in the order applied, so they are undone in reverse.
    for name in reversed([part.strip().lower() for part in content_encoding.split(",") if part.strip()]):
        if name in ("gzip", "x-gzip"):
            decoders.append(_Zlib(16 + zlib.MAX_WBITS))
        elif name == "deflate":
            decoders.append(_Zlib(None))
        elif name == "br" and _HAS_BOUNDED_BROTLI:
            decoders.append(_Brotli())
        elif name != "identity":
            raise FetchError(f"unsupported content encoding {name}", url=str(url))
    return decoders or [_Identity()]


def _run_chain(decoders: Sequence[_Decoder], data: bytes) -> Iterator[bytes]:
    first, rest = decoders[0], decoders[1:]
    for piece in first.feed(data):
        if not rest:
            yield piece
        elif piece:
            yield from _run_chain(rest, piece)


def _flush_chain(decoders: Sequence[_Decoder]) -> Iterator[bytes]:
    for index, decoder in enumerate(decoders):
        rest = decoders[index + 1 :]
        for piece in decoder.flush():
            yield from (_run_chain(rest, piece) if rest and piece else [piece])


async def read_body(response: httpx.Response, url: httpx.URL, limit: int, *, truncate: bool) -> bytes:
    """Stream and decompress the body, stopping at ``limit`` bytes on the wire or decoded.

    Over the limit: raise ``ResponseTooLargeError``, or with ``truncate`` keep the first
    ``limit`` bytes. Memory stays at about ``limit`` plus one decoding step.
    """
    decoders = _decoders(response.headers.get("content-encoding", ""), url)
    body = bytearray()
    wire = 0
    try:
        async for chunk in response.aiter_raw():
            wire += len(chunk)
            if wire > limit or not _append(body, _run_chain(decoders, chunk), limit):
                break
        else:
            _append(body, _flush_chain(decoders), limit)
    except (zlib.error, _brotli_error()) as exc:
        raise FetchError(
            f"could not decompress the body: {exc}", url=str(url), http_status=response.status_code
        ) from exc
    if wire > limit or len(body) > limit:
        if not truncate:
            raise ResponseTooLargeError(
                f"body is over the {limit}-byte cap", url=str(url), http_status=response.status_code
            )
        del body[limit:]
    return bytes(body)


def _append(body: bytearray, pieces: Iterator[bytes], limit: int) -> bool:
    """Append decoded pieces until ``body`` passes ``limit``; False once it has."""
    for piece in pieces:
        body += piece
        if len(body) > limit:
            return False
    return True


def _brotli_error() -> type[Exception]:
    error: type[Exception] = brotli.error if brotli is not None else zlib.error
    return error

"""Sitemaps and feeds as bytes: fetched through the Fetcher, gunzipped under a cap, and sniffed.

Usage::

    document = await load_document(fetcher, "https://example.com/sitemap.xml.gz", settings)
    document.kind   # "sitemap", "feed", "json_feed", "html" or "unknown"
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Literal

from newsextract.discover.models import DiscoverSettings
from newsextract.fetch import Fetcher

Kind = Literal["sitemap", "feed", "json_feed", "html", "unknown"]

_GZIP_MAGIC = b"\x1f\x8b"
# Inflate at most this much per step, so one small chunk of a bomb never becomes one huge allocation.
_INFLATE_STEP = 256 * 1024
# The root element is near the top; past comments, doctypes and a BOM this is plenty.
_SNIFF_BYTES = 4096
_FIRST_TAG = re.compile(rb"<([A-Za-z][^\s/>]*)")
_ROOT_KINDS: dict[bytes, Kind] = {
    b"urlset": "sitemap",
    b"sitemapindex": "sitemap",
    b"rss": "feed",
    b"feed": "feed",
    b"rdf": "feed",  # RSS 1.0: <rdf:RDF>
    b"html": "html",
}


class DocumentError(Exception):
    """A sitemap or feed that cannot be used; the message is one line for stderr."""


@dataclass(frozen=True, slots=True)
class Document:
    """A fetched sitemap, feed or page: its final URL, what it looks like, and its bytes (gunzipped)."""

    url: str
    kind: Kind
    content: bytes


async def load_document(fetcher: Fetcher, url: str, settings: DiscoverSettings) -> Document:
    """Fetch ``url`` (raises FetchError), gunzip a gzip file under the cap (raises DocumentError), sniff it."""
    resource = await fetcher.fetch_resource(url, max_bytes=settings.max_document_bytes)
    content = resource.content
    if content.startswith(_GZIP_MAGIC):
        content = gunzip_capped(content, settings.max_decompressed_bytes)
    return Document(resource.final_url, sniff_kind(content, resource.content_type), content)


def gunzip_capped(data: bytes, limit: int) -> bytes:
    """Inflate a gzip file step by step; raise DocumentError past ``limit`` bytes or on corrupt data."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = data
    try:
        while pending and not inflater.eof:
            out += inflater.decompress(pending, _INFLATE_STEP)
            if len(out) > limit:
                raise DocumentError(f"gzip file inflates past the {limit}-byte cap (a gzip bomb?)")
            pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise DocumentError(f"corrupt gzip file: {exc}") from exc
    if not inflater.eof:
        raise DocumentError("truncated gzip file")
    return bytes(out)


def sniff_kind(content: bytes, content_type: str | None) -> Kind:
    """What a document is, from its root element (or a JSON object), the Content-Type as a fallback."""
    head = content[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "json_feed"
    match = _FIRST_TAG.search(head)
    if match is not None:
        name = match.group(1).lower().rsplit(b":", 1)[-1]
        if name in _ROOT_KINDS:
            return _ROOT_KINDS[name]
    if content_type and "html" in content_type.lower():
        return "html"
    return "unknown"

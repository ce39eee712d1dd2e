"""Small generated article pages for the batch tests' loopback servers."""

from __future__ import annotations


def story_page(n: int) -> str:
    """A minimal but real article page: headline and eight paragraphs, numbered n."""
    body = "".join(f"<p>Paragraph {i} of story {n}, long enough to count as article text here.</p>" for i in range(8))
    return f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>{body}</article></body></html>"

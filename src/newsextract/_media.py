"""Content-Type headers: the media type, the charset, and which media types are HTML.

Usage::

    media_type("Text/HTML; charset=UTF-8")      # "text/html"
    charset_of("text/html; charset=\"utf-8\"")  # "utf-8"
    is_html_media_type("application/xhtml+xml") # True

One parser for the header, so the fetcher's HTML rule and the page's charset agree.
"""

from __future__ import annotations

__all__ = ["HTML_MEDIA_TYPES", "charset_of", "is_html_media_type", "media_type"]

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    """The lower-case ``type/subtype`` of a Content-Type value; "" when there is none."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    """The lower-case charset parameter of a Content-Type value, if it names one."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def is_html_media_type(media: str) -> bool:
    """True for the media types of HTML pages (``media`` as returned by ``media_type``)."""
    return media in HTML_MEDIA_TYPES

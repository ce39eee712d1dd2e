"""Explicit, frozen settings objects passed down through the library.

Usage::

    settings = FetchSettings(per_host_concurrency=1, per_host_delay=1.0)
    article = fetch_article(url, settings=settings)
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_USER_AGENT = "newsextract/0.1 (+https://pypi.org/project/newsextract/)"


class _Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ExtractSettings(_Settings):
    """How extract_article() behaves. Every field has a sensible default."""

    include_images: bool = True
    # Pages past this size are cut before parsing (a warning says so): real
    # articles are far smaller, and a 20 MB page must not stall a batch.
    max_html_bytes: int = Field(default=4_000_000, gt=0)
    min_body_words: int = Field(default=50, ge=0)


class FetchSettings(_Settings):
    """How the fetcher talks to servers: timeouts, politeness, limits."""

    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=20.0, gt=0)
    total_timeout: float = Field(default=60.0, gt=0)
    concurrency: int = Field(default=32, ge=1)
    per_host_concurrency: int = Field(default=2, ge=1)
    per_host_delay: float = Field(default=0.5, ge=0)
    user_agent: str = DEFAULT_USER_AGENT
    headers: dict[str, str] = Field(default_factory=dict)
    proxy: str | None = None
    http2: bool = True
    max_retries: int = Field(default=3, ge=0)
    backoff_base: float = Field(default=0.5, ge=0)
    backoff_max: float = Field(default=30.0, ge=0)
    retry_after_max: float = Field(default=60.0, ge=0)
    max_redirects: int = Field(default=10, ge=0)
    max_bytes: int = Field(default=10_000_000, gt=0)
    respect_robots: bool = True
    block_private_addresses: bool = False


DEFAULT_EXTRACT_SETTINGS = ExtractSettings()
DEFAULT_FETCH_SETTINGS = FetchSettings()

"""One discovery run: sources -> sitemaps and feeds -> filtered, de-duplicated URLs, as they are found.

Usage::

    async for found in adiscover(["https://example.com/"], settings=DiscoverSettings(limit=100)):
        print(found.url)

Each source is read in turn, breadth first: the source itself (a home page, a sitemap
or a feed), then what it leads to. Documents are fetched one at a time through one
Fetcher, so robots.txt, the per-host delay, retries and the size caps all apply; the
work is bounded by the DiscoverSettings caps. A broken document is reported once
(``report(url, message)``) and the run goes on.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from newsextract._urls import normalise_url
from newsextract.discover.documents import Document, DocumentError, load_document
from newsextract.discover.feeds import FeedError, feed_entries, json_feed_entries
from newsextract.discover.filters import in_window, on_site, site_of
from newsextract.discover.homepage import feed_links, guessed_sitemaps, robots_sitemaps, robots_txt_url
from newsextract.discover.models import DEFAULT_DISCOVER_SETTINGS, DiscoveredURL, DiscoverSettings, Report
from newsextract.discover.sitemaps import SitemapChild, SitemapError, iter_sitemap
from newsextract.errors import FetchError, HTTPStatusError, InvalidURLError
from newsextract.fetch import Fetcher
from newsextract.fetch.robots import ROBOTS_MAX_BYTES
from newsextract.settings import DEFAULT_FETCH_SETTINGS, FetchSettings

_log = logging.getLogger("newsextract.discover")
Expect = Literal["source", "sitemap", "feed"]


def log_report(url: str, message: str) -> None:
    """The default report: a warning on the "newsextract.discover" logger."""
    _log.warning("%s: %s", url, message)


async def adiscover(
    sources: Iterable[str],
    *,
    settings: DiscoverSettings = DEFAULT_DISCOVER_SETTINGS,
    fetch_settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
    report: Report = log_report,
) -> AsyncGenerator[DiscoveredURL, None]:
    """Yield the URLs that the sources (home pages, sitemaps, feeds) list, each once, as found."""
    async with Fetcher(fetch_settings) as fetcher:
        run = _Run(fetcher, settings, fetch_settings.respect_robots, report)
        for source in sources:
            async for found in run.source(source):
                yield found
            if run.done:
                break
        run.report_url_cap()


@dataclass(frozen=True, slots=True)
class _Task:
    """A document to read: normalised URL, sitemap-index depth, the indexes above it."""

    url: str
    expect: Expect
    depth: int = 0
    ancestors: tuple[str, ...] = ()
    optional: bool = False  # a guessed place: absent or not a sitemap is no problem


class _Run:
    """The state of one run: what was read and output, and the counts the caps apply to."""

    def __init__(self, fetcher: Fetcher, settings: DiscoverSettings, robots: bool, report: Report) -> None:
        self._fetcher = fetcher
        self._settings = settings
        self._robots = robots
        self._report_to = report
        self._output: set[str] = set()  # at most url_cap URLs
        self._read: set[str] = set()  # at most max_sitemaps + max_feeds + sources documents
        self._counts = {"sitemap": 0, "feed": 0}  # documents read
        self._queued = {"sitemap": 0, "feed": 0, "source": 0}  # documents waiting in the queue
        self._caps_reported: set[str] = set()
        self._site = ""
        self._source = ""  # the source being read: cap messages name it

    @property
    def done(self) -> bool:
        return len(self._output) >= self._settings.url_cap

    def report_url_cap(self) -> None:
        limit = self._settings.limit
        if len(self._output) >= self._settings.max_urls and (limit is None or limit > self._settings.max_urls):
            self._report(self._source, f"stopped at max_urls ({self._settings.max_urls} URLs)")

    async def source(self, raw: str) -> AsyncIterator[DiscoveredURL]:
        """Everything one source leads to, breadth first."""
        try:
            start = normalise_url(raw)
        except InvalidURLError as exc:
            self._report(raw, exc.message)
            return
        self._site, self._source = site_of(start), start
        queue = deque([_Task(start, "source")])
        self._queued["source"] += 1
        while queue and not self.done:
            task = queue.popleft()
            self._queued[task.expect] -= 1
            # No early return here: an accepted URL counts as output, so each one must be yielded.
            async for found in self._read_task(task, queue):
                yield found

    async def _read_task(self, task: _Task, queue: deque[_Task]) -> AsyncIterator[DiscoveredURL]:
        if task.url in self._read or not self._within_caps(task):
            return
        document = await self._load(task)
        if document is None:
            return
        if task.expect == "source":
            self._site = site_of(document.url)  # a source that redirects (to a new domain) takes its site along
        if document.kind == "html":
            await self._autodiscover(document, queue)
            return
        kind = "sitemap" if document.kind == "sitemap" else "feed"
        if task.expect == "source":
            self._counts[kind] += 1  # a source given directly counts too, but is never refused
        if kind == "sitemap":
            async for found in self._sitemap(document, task, queue):
                yield found
        else:
            for found in await self._feed(document, task):
                yield found

    def _within_caps(self, task: _Task) -> bool:
        if task.expect == "source":
            return True
        cap = self._settings.max_sitemaps if task.expect == "sitemap" else self._settings.max_feeds
        if self._counts[task.expect] < cap:
            self._counts[task.expect] += 1
            return True
        self._report_cap(task.expect, f"more than max_{task.expect}s ({cap}): the rest are skipped")
        return False

    async def _load(self, task: _Task) -> Document | None:
        self._read.add(task.url)
        try:
            document = await load_document(self._fetcher, task.url, self._settings)
        except HTTPStatusError as exc:
            if not task.optional:
                self._report(task.url, f"HTTP {exc.http_status}")
            return None
        except FetchError as exc:
            self._report(task.url, exc.message)
            return None
        except DocumentError as exc:
            self._report(task.url, str(exc))
            return None
        self._read.add(_normalised(document.url) or task.url)  # a redirect's target counts as read too
        if document.kind == "unknown" or (document.kind == "html" and task.expect != "source"):
            if not task.optional:
                self._report(task.url, f"neither a sitemap nor a feed ({document.kind})")
            return None
        return document

    async def _autodiscover(self, page: Document, queue: deque[_Task]) -> None:
        """A home page: sitemaps from robots.txt, then the usual sitemap places, then linked feeds."""
        for url in await self._robots_sitemaps(page.url):
            self._enqueue(queue, _Task(url, "sitemap"))
        if self._settings.guess_sitemaps:
            for url in guessed_sitemaps(page.url):
                self._enqueue(queue, _Task(url, "sitemap", optional=True))
        for url in feed_links(page.content, base_url=page.url, limit=self._settings.max_feeds):
            self._enqueue(queue, _Task(url, "feed"))

    async def _robots_sitemaps(self, page_url: str) -> list[str]:
        url = robots_txt_url(page_url)
        try:
            robots = await self._fetcher.fetch_resource(url, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError:
            return []  # no robots.txt is common and no problem
        return robots_sitemaps(robots.content, base_url=robots.final_url)

    async def _sitemap(self, document: Document, task: _Task, queue: deque[_Task]) -> AsyncIterator[DiscoveredURL]:
        too_deep = 0
        try:
            for item in iter_sitemap(document.content, source=document.url, max_entries=self._settings.max_urls):
                if isinstance(item, SitemapChild):
                    too_deep += self._add_child(item.url, task, queue)
                    continue
                found = await self._accept(item)
                if found is not None:
                    yield found
                    if self.done:
                        return
        except SitemapError as exc:
            self._report(task.url, str(exc))
        if too_deep:
            self._report(task.url, f"{too_deep} sitemaps below max_depth ({self._settings.max_depth}) skipped")

    def _add_child(self, raw: str, task: _Task, queue: deque[_Task]) -> int:
        """Queue a sitemap an index lists; 1 if it lies past max_depth, else 0."""
        child = _normalised(raw)
        if child is None:
            return 0
        if child == task.url or child in task.ancestors:
            self._report(task.url, f"sitemap loop: {child} is this sitemap or an index above it; skipped")
            return 0
        if task.depth >= self._settings.max_depth:
            return 1
        self._enqueue(queue, _Task(child, "sitemap", task.depth + 1, (*task.ancestors, task.url)))
        return 0

    def _enqueue(self, queue: deque[_Task], task: _Task) -> None:
        url = _normalised(task.url)
        if url is None or url in self._read or (self._settings.same_site and not on_site(url, self._site)):
            return
        # Never more queued than the caps let us read: an index of 50,000 sitemaps queues max_sitemaps.
        cap = self._cap(task.expect)
        if self._counts[task.expect] + self._queued[task.expect] >= cap:
            self._report_cap(task.expect, f"more than max_{task.expect}s ({cap}): the rest are skipped")
            return
        self._queued[task.expect] += 1
        queue.append(replace(task, url=url))

    def _cap(self, expect: Expect) -> int:
        return self._settings.max_feeds if expect == "feed" else self._settings.max_sitemaps

    async def _feed(self, document: Document, task: _Task) -> list[DiscoveredURL]:
        parse = json_feed_entries if document.kind == "json_feed" else feed_entries
        try:
            entries = parse(document.content, source=document.url, max_entries=self._settings.max_urls)
        except FeedError as exc:
            self._report(task.url, str(exc))
            return []
        accepted = []
        for entry in entries:
            found = await self._accept(entry)
            if found is not None:
                accepted.append(found)
                if self.done:
                    break
        return accepted

    async def _accept(self, entry: DiscoveredURL) -> DiscoveredURL | None:
        """The entry with its URL normalised, if it is new and passes every filter; else None."""
        url = _normalised(entry.url)
        if url is None or url in self._output:
            return None
        if self._settings.same_site and not on_site(url, self._site):
            return None
        if not in_window(entry, self._settings) or not await self._allowed(url):
            return None
        self._output.add(url)
        return replace(entry, url=url)

    async def _allowed(self, url: str) -> bool:
        if not self._robots:
            return True
        try:
            return await self._fetcher.allowed(url)
        except FetchError:
            return False

    def _report_cap(self, name: str, message: str) -> None:
        if name not in self._caps_reported:
            self._caps_reported.add(name)
            self._report(self._source, message)

    def _report(self, url: str, message: str) -> None:
        self._report_to(url, " ".join(message.split()))


def _normalised(url: str) -> str | None:
    try:
        return normalise_url(url)
    except InvalidURLError:
        return None

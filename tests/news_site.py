"""A loopback "news site" for the discovery tests: robots.txt, sitemaps, feeds and real article pages.

Usage::

    with NewsSite() as site:
        site.home                      # http://127.0.0.1:PORT/
        site.article_urls()            # every article discovery must find from the home page
        site.server.hits("/robots.txt")

What the home page leads to (see ``_routes``):

- robots.txt: ``Disallow: /private/`` and Sitemap lines for the index and the news sitemap;
- /sitemap_index.xml -> /sitemaps/part-1.xml.gz (gzip file), /sitemaps/part-2.xml, and itself (a loop);
- /news-sitemap.xml: a Google News sitemap (publication date, title, language);
- <link rel="alternate"> to an RSS feed, an Atom feed, a JSON Feed and a broken feed;
- /sitemap.xml is missing (404), as on many sites.

Story n (1-9) is dated 2024-n-15 and served as a real article page. The site also lists
/private/secret.html (disallowed by robots.txt) and story 99 on a second host (off-site).
Not linked from the home page: /bomb.xml.gz (a gzip bomb), /deep/0.xml (a chain of
indexes six deep) and /many/index.xml (an index of six sitemaps).
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from email.utils import format_datetime
from types import TracebackType

from loopback import Handler, LoopbackServer, gzip_bomb, html, respond
from pages import story_page

STORIES = range(1, 10)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML = "application/xml; charset=utf-8"


def story_path(n: int) -> str:
    return f"/news/2024/story-{n}.html"


def story_date(n: int) -> datetime:
    return datetime(2024, n, 15, 8, 0, tzinfo=UTC)


def urlset(*entries: str) -> str:
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">'
    return head + "".join(entries) + "</urlset>"


def url_entry(loc: str, lastmod: str | None = None) -> str:
    return f"<url><loc>{loc}</loc>{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}</url>"


def sitemap_index(*locs: str) -> str:
    children = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">{children}</sitemapindex>'


class NewsSite:
    """The site on 127.0.0.1 and an off-site host on 127.0.0.2, both on free ports."""

    def __init__(self) -> None:
        self.server = LoopbackServer()
        self.elsewhere = LoopbackServer(host="127.0.0.2")
        for path, handler in self._routes().items():
            self.server.route(path, handler)
        self.elsewhere.route("/news/2024/story-99.html", html(story_page(99)))

    def __enter__(self) -> NewsSite:
        self.server.start()
        self.elsewhere.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.server.stop()
        self.elsewhere.stop()

    @property
    def home(self) -> str:
        return self.server.url("/")

    def url(self, path: str) -> str:
        return self.server.url(path)

    def story(self, n: int) -> str:
        return self.server.url(story_path(n))

    def article_urls(self) -> set[str]:
        """Every on-site article that robots.txt allows: what discovery on the home page must find."""
        return {self.story(n) for n in STORIES}

    @property
    def secret(self) -> str:
        return self.server.url("/private/secret.html")

    @property
    def offsite(self) -> str:
        return self.elsewhere.url("/news/2024/story-99.html")

    def _routes(self) -> dict[str, Handler]:
        routes: dict[str, Handler] = {
            "/": html(self._home_page()),
            "/robots.txt": respond(200, self._robots(), content_type="text/plain"),
            "/sitemap_index.xml": self._xml(
                sitemap_index("/sitemaps/part-1.xml.gz", self.url("/sitemaps/part-2.xml"), "/sitemap_index.xml")
            ),
            "/sitemaps/part-1.xml.gz": respond(
                200, gzip.compress(self._part_one().encode(), mtime=0), content_type="application/gzip"
            ),
            "/sitemaps/part-2.xml": self._xml(self._part_two()),
            "/news-sitemap.xml": self._xml(self._news_sitemap()),
            "/feeds/rss.xml": respond(200, self._rss(), content_type="application/rss+xml"),
            "/feeds/atom.xml": respond(200, self._atom(), content_type="application/atom+xml"),
            "/feeds/feed.json": respond(200, self._json_feed(), content_type="application/feed+json"),
            "/feeds/broken.xml": respond(200, "<rss version='2.0'><channel><item><title>half", content_type=XML),
            "/private/secret.html": html(story_page(0)),
            "/bomb.xml.gz": respond(200, gzip_bomb(1 << 30), content_type="application/gzip"),
        }
        routes.update({story_path(n): html(story_page(n)) for n in STORIES})
        routes.update(self._deep_chain())
        routes.update(self._many_sitemaps())
        return routes

    def _xml(self, text: str) -> Handler:
        return respond(200, text, content_type=XML)

    def _home_page(self) -> str:
        links = [
            ("application/rss+xml", "/feeds/rss.xml"),
            ("application/atom+xml", "/feeds/atom.xml"),
            ("application/feed+json", "/feeds/feed.json"),
            ("application/rss+xml", "/feeds/broken.xml"),
        ]
        heads = "".join(f'<link rel="alternate" type="{kind}" href="{href}">' for kind, href in links)
        teasers = "".join(f'<li><a href="{story_path(n)}">Story {n}</a></li>' for n in STORIES)
        return f"<html><head><title>The Loopback Ledger</title>{heads}</head><body><ul>{teasers}</ul></body></html>"

    def _robots(self) -> str:
        base = self.server.base_url
        return (
            "User-agent: *\nDisallow: /private/\n\n"
            f"Sitemap: {base}/sitemap_index.xml\nSitemap: {base}/news-sitemap.xml\n"
        )

    def _part_one(self) -> str:
        stories = [url_entry(self.story(n), story_date(n).date().isoformat()) for n in (1, 2, 3)]
        return urlset(*stories, url_entry(self.secret, "2024-09-01"))

    def _part_two(self) -> str:
        # Story 3 again (a duplicate), relative and absolute locs, and one off-site URL.
        stories = [
            url_entry(self.story(3)),
            url_entry(story_path(4), "2024-04-15"),
            url_entry(self.story(5), "2024-05-15"),
        ]
        return urlset(*stories, url_entry(self.offsite, "2024-09-01"))

    def _news_sitemap(self) -> str:
        entries = "".join(
            f"<url><loc>{self.story(n)}</loc><news:news><news:publication><news:name>Ledger</news:name>"
            f"<news:language>en</news:language></news:publication>"
            f"<news:publication_date>{story_date(n).isoformat()}</news:publication_date>"
            f"<news:title>Story {n} &amp; more</news:title></news:news></url>"
            for n in (6, 7)
        )
        return urlset(entries)

    def _rss(self) -> str:
        # Story 1 again, spelled differently: it must normalise to the sitemap's URL.
        story_one = "HTTP://" + self.story(1).removeprefix("http://") + "#top"
        items = "".join(
            f"<item><title>Story {n}</title><link>{link}</link>"
            f"<pubDate>{format_datetime(story_date(n))}</pubDate></item>"
            for n, link in ((8, self.story(8)), (1, story_one))
        )
        channel = f"<channel><title>Ledger</title><language>en-gb</language>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'

    def _atom(self) -> str:
        entries = "".join(
            f'<entry><title>Story {n}</title><link rel="alternate" href="{story_path(n)}"/><id>tag:ledger,{n}</id>'
            f"<updated>{story_date(n).isoformat()}</updated><published>{story_date(n).isoformat()}</published></entry>"
            for n in (9, 4)
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="{self.home}">'
            f"<title>Ledger</title><id>tag:ledger</id><updated>2024-09-15T08:00:00Z</updated>{entries}</feed>"
        )

    def _json_feed(self) -> str:
        items = [
            {"id": str(n), "url": story_path(n), "title": f"Story {n}", "date_published": story_date(n).isoformat()}
            for n in (7, 3)
        ]
        return json.dumps(
            {"version": "https://jsonfeed.org/version/1.1", "title": "Ledger", "language": "en", "items": items}
        )

    def _deep_chain(self) -> dict[str, Handler]:
        """/deep/0.xml lists /deep/1.xml ... /deep/5.xml, which lists /news/deep.html (depth 5)."""
        chain = {f"/deep/{i}.xml": self._xml(sitemap_index(f"/deep/{i + 1}.xml")) for i in range(5)}
        chain["/deep/5.xml"] = self._xml(urlset(url_entry("/news/deep.html", "2024-01-01")))
        chain["/news/deep.html"] = html(story_page(50))
        return chain

    def _many_sitemaps(self) -> dict[str, Handler]:
        """/many/index.xml lists six sitemaps of one URL each."""
        routes = {"/many/index.xml": self._xml(sitemap_index(*(f"/many/{i}.xml" for i in range(1, 7))))}
        for i in range(1, 7):
            routes[f"/many/{i}.xml"] = self._xml(urlset(url_entry(f"/news/many-{i}.html", "2024-01-01")))
        return routes

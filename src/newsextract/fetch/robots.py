"""robots.txt: where it lives, and what a robots.txt answer means for a crawler (RFC 9309).

Usage::

    policy = policy_from_response(status=200, body=b"User-agent: *\\nDisallow: /private")
    policy.allows("https://example.com/private/a", "newsextract/0.1")   # False

From the final answer (after at most ``ROBOTS_MAX_REDIRECTS`` redirects) to a policy;
the fetcher asks once per origin and caches the policy:

=====================================================  ==============  ========================
robots.txt answer                                      policy          cached for
=====================================================  ==============  ========================
2xx                                                    the file's      ``ROBOTS_MAX_AGE`` (24 h)
4xx, incl. 401, 403, 404 (2.3.1.3 "unavailable")       allow all       ``ROBOTS_MAX_AGE``
more than 5 redirects, a loop, a bad target (2.3.1.2)  allow all       ``ROBOTS_MAX_AGE``
5xx, 429, network error, timeout (2.3.1.4)             disallow all    ``robots_retry_after``
=====================================================  ==============  ========================

An unreachable robots.txt disallows the host only until it is asked again
(``FetchSettings.robots_retry_after``, 5 minutes by default), so one outage does
not shut a host for a whole run. RFC 9309 also lets a crawler treat a robots.txt
unreachable for 30 days as allowed; runs do not last that long, so that rule is
not implemented. At most ``ROBOTS_MAX_BYTES`` of the file are parsed (protego).
"""

from __future__ import annotations

import httpx
from protego import Protego

from newsextract.errors import FetchError, InvalidURLError, TooManyRedirectsError

__all__ = [
    "ROBOTS_MAX_AGE",
    "ROBOTS_MAX_BYTES",
    "ROBOTS_MAX_REDIRECTS",
    "RobotsPolicy",
    "policy_from_failure",
    "policy_from_response",
    "robots_url",
]

# RFC 9309 section 2.5: parsers must handle at least 500 kibibytes.
ROBOTS_MAX_BYTES = 500 * 1024
# RFC 9309 section 2.3.1.2: follow at least five consecutive redirects.
ROBOTS_MAX_REDIRECTS = 5
# RFC 9309 section 2.4: a cached robots.txt should not be used for more than 24 hours.
ROBOTS_MAX_AGE = 24 * 3600.0


class RobotsPolicy:
    """What one origin's robots.txt allows. Usage: ``policy.allows(url, user_agent)``

    ``reachable`` is False for the disallow-all stand-in of a robots.txt that could
    not be fetched: the fetcher keeps that only briefly and then asks again.
    """

    __slots__ = ("_default", "_parser", "reachable")

    def __init__(self, parser: Protego | None = None, *, default: bool = True, reachable: bool = True) -> None:
        self._parser = parser
        self._default = default
        self.reachable = reachable

    @classmethod
    def allow_all(cls) -> RobotsPolicy:
        """A policy that allows every URL (robots.txt unavailable: 4xx)."""
        return cls(default=True)

    @classmethod
    def unreachable(cls) -> RobotsPolicy:
        """A policy that refuses every URL until robots.txt can be fetched (5xx, network failure)."""
        return cls(default=False, reachable=False)

    def allows(self, url: str, user_agent: str) -> bool:
        """True if ``user_agent`` may fetch ``url`` under this policy."""
        if self._parser is None:
            return self._default
        return bool(self._parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        """The ``Crawl-delay`` (seconds) the file asks of ``user_agent``, if any."""
        if self._parser is None:
            return None
        delay = self._parser.crawl_delay(user_agent)
        return None if delay is None else float(delay)


def robots_url(url: httpx.URL) -> httpx.URL:
    """The robots.txt address for the origin of ``url``."""
    return url.copy_with(path="/robots.txt", query=None, fragment=None)


def policy_from_response(status: int, body: bytes) -> RobotsPolicy:
    """Turn the final robots.txt response (after redirects) into a policy."""
    if 200 <= status < 300:
        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        return RobotsPolicy(Protego.parse(text))
    # RFC 9309 lets a crawler take any 4xx as "no robots.txt"; 429 is the server asking us to slow
    # down, so like Google we treat it as a 5xx: disallowed until a later fetch succeeds.
    if status >= 500 or status == 429:
        return RobotsPolicy.unreachable()
    return RobotsPolicy.allow_all()  # 4xx, or a redirect status with nowhere to go


def policy_from_failure(error: FetchError) -> RobotsPolicy:
    """Turn a failed robots.txt fetch into a policy: redirect trouble is "unavailable", the rest "unreachable"."""
    if isinstance(error, (TooManyRedirectsError, InvalidURLError)):
        return RobotsPolicy.allow_all()
    return RobotsPolicy.unreachable()

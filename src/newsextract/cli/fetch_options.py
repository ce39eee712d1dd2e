"""The request flags every fetching sub-command can share: user agent, extra headers, proxy, private addresses.

Usage::

    add_request_options(parser)                             # --user-agent, --header, --proxy, --block-private
    settings = with_request_options(args, FetchSettings(per_host_delay=args.delay))

A flag left out keeps the value of the settings passed in; a bad value is exit 2 at parse
time (the types live in argtypes.py).
"""

from __future__ import annotations

import argparse
from typing import Any

from newsextract.cli.argtypes import header, proxy_url, user_agent
from newsextract.settings import DEFAULT_USER_AGENT, FetchSettings

__all__ = ["add_request_options", "with_request_options"]


def add_request_options(parser: argparse.ArgumentParser) -> None:
    """Add --user-agent, --header (repeatable), --proxy and --block-private to ``parser``."""
    parser.add_argument(
        "--user-agent",
        type=user_agent,
        metavar="TEXT",
        help=f"User-Agent sent, and asked about in robots.txt (default {DEFAULT_USER_AGENT!r})",
    )
    parser.add_argument(
        "--header",
        type=header,
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="extra request header; repeat for more (a later one with the same name wins)",
    )
    parser.add_argument("--proxy", type=proxy_url, metavar="URL", help="send every request through this proxy")
    parser.add_argument(
        "--block-private",
        action="store_true",
        help="refuse hosts that resolve to private, loopback or link-local addresses",
    )


def with_request_options(args: argparse.Namespace, settings: FetchSettings) -> FetchSettings:
    """``settings`` with the request flags given on the command line applied."""
    update: dict[str, Any] = {}
    if args.user_agent is not None:
        update["user_agent"] = args.user_agent
    if args.header:
        update["headers"] = {**settings.headers, **dict(args.header)}
    if args.proxy is not None:
        update["proxy"] = args.proxy
    if args.block_private:
        update["block_private_addresses"] = True
    # Validated again as a whole, so the result is a FetchSettings like any other.
    return FetchSettings.model_validate({**settings.model_dump(), **update})

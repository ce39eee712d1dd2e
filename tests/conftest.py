"""Fixtures shared by the batch tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from loopback import LoopbackServer


@pytest.fixture
def hosts() -> Iterator[list[LoopbackServer]]:
    """Four loopback HTTP servers on 127.0.0.1-4: four hosts for politeness and partitioning."""
    servers = [LoopbackServer(host=f"127.0.0.{i}").start() for i in range(1, 5)]
    yield servers
    for server in servers:
        server.stop()

"""The address policy: refuse hosts on private, loopback, link-local and other non-public addresses.

Usage::

    addresses = await public_addresses("example.com", 443, system_resolver)  # or BlockedURLError
    pool = httpcore.AsyncConnectionPool(network_backend=PublicOnlyBackend(system_resolver))

Checking a host name and then letting the HTTP stack resolve it again leaves a
gap: a DNS server that answers with a public address first and a private one
second (DNS rebinding) passes the check and reaches the private address.
``PublicOnlyBackend`` closes it: when the connection pool opens a connection, it
resolves the host once, refuses if any answer is non-public, and connects to the
checked address itself. TLS still runs after the connect with the host name from
the URL (SNI, certificate check), and the Host header is the URL's, so servers
see nothing different.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence

import anyio
import httpcore

from newsextract.errors import BlockedURLError

__all__ = ["IPAddress", "PublicOnlyBackend", "Resolver", "is_public", "public_addresses", "system_resolver"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> the host's addresses; raises OSError when the name does not resolve.
Resolver = Callable[[str, int], Awaitable[Sequence[IPAddress]]]


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    """The operating system's answer for ``host`` (getaddrinfo), in its order, without repeats."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # An IPv6 scope ("fe80::1%eth0") only ever appears on link-local addresses, which are refused.
    found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return list(dict.fromkeys(found))


def is_public(address: IPAddress) -> bool:
    """True for globally routable unicast addresses; False for private, loopback, link-local ..."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return address.is_global and not address.is_multicast


async def public_addresses(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    """The addresses of ``host`` (an IP literal or a name), all public.

    Raises ``BlockedURLError`` if any address is not public: a name with one private
    answer among public ones could be steered to it. ``OSError`` if the name does not resolve.
    """
    try:
        addresses: Sequence[IPAddress] = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        addresses = await resolver(host, port)
    for address in addresses:
        if not is_public(address):
            raise BlockedURLError(f"{host} resolves to non-public address {address}")
    if not addresses:
        raise OSError(f"no address for {host}")
    return list(addresses)


class PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to checked, public addresses.

    ``inner`` makes the actual connections (default: httpcore's AnyIO backend).
    """

    def __init__(self, resolver: Resolver, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._resolver = resolver
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._checked(host, port, timeout)
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:  # the next address when one is unreachable, as the OS resolver order says
            try:
                return await self._inner.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure

    async def _checked(self, host: str, port: int, timeout: float | None) -> list[IPAddress]:
        # Errors in httpcore's terms, so httpx maps them (and the fetcher retries them) as it
        # would its own DNS failures; BlockedURLError passes through both untouched.
        try:
            with anyio.fail_after(timeout):
                return await public_addresses(host, port, self._resolver)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"DNS lookup for {host} timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"DNS lookup failed for {host}: {exc}") from exc

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedURLError(f"unix socket {path} refused: only public TCP addresses are allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)

"""Stopping a batch cleanly on SIGINT or SIGTERM, for the local run and the Dask client alike.

Usage::

    with on_first_stop_signal(stop_the_run):                 # blocking code: the handler runs in the main thread
        ...
    with on_first_stop_signal(stop_the_run, loop=loop):      # asyncio: the handler runs in the loop
        await work

The first SIGINT or SIGTERM calls the callback once and puts the previous handlers back, so
that a second Ctrl-C falls through to Python's default: someone who presses it twice means it.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def on_first_stop_signal(
    on_stop: Callable[[], None], *, loop: asyncio.AbstractEventLoop | None = None
) -> Iterator[None]:
    """Call `on_stop` on the first SIGINT/SIGTERM inside the block; a second signal gets the old handling."""
    if loop is not None:
        with _in_loop(on_stop, loop):
            yield
        return
    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    def handle(signum: int, frame: FrameType | None) -> None:
        restore()
        on_stop()  # may raise (KeyboardInterrupt), which then surfaces where the main thread was

    for sig in STOP_SIGNALS:
        signal.signal(sig, handle)
    try:
        yield
    finally:
        restore()


@contextmanager
def _in_loop(on_stop: Callable[[], None], loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    def handle() -> None:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
        on_stop()

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, handle)
    try:
        yield
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)


def raise_keyboard_interrupt() -> None:
    """An `on_stop` for blocking code: SIGTERM then stops it the way Ctrl-C does."""
    raise KeyboardInterrupt

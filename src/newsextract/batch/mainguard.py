"""The missing main-guard mistake: a script that starts a batch at its top level, without
``if __name__ == "__main__":``, made to fail at once with a message that names the fix.

The extraction processes are started with spawn (see pool.py), and a spawned process imports
the parent's main script again before it runs anything else. Unguarded, that import starts a
second batch inside the new process, which then never becomes an extraction worker. So:

- every batch entry point calls `refuse_in_spawn_bootstrap()`: in a process that multiprocessing
  is still bootstrapping (the same test multiprocessing makes before it refuses to start a
  process there), it exits at once with MAIN_GUARD_EXIT, instead of running a batch;
- the pool, seeing a new worker exit with that code before it was ready, raises
  `main_guard_error()`: a UsageError in the user's process, which names the guard.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

from newsextract.errors import UsageError

MAIN_GUARD_EXIT = 87  # the exit code of a bootstrapping process that was asked to start a batch
WORKER_NAME = "newsextract-extract"
_FIX = (
    'put the code that starts the batch under `if __name__ == "__main__":` in your script '
    "(the extraction processes are started with spawn, which imports the main script again)"
)


def refuse_in_spawn_bootstrap() -> None:
    """Exit at once if this process is a spawned child still importing its parent's main script."""
    process = multiprocessing.current_process()
    if not getattr(process, "_inheriting", False):
        return
    if process.name != WORKER_NAME:  # not our worker: its parent cannot tell the user, so say it here
        sys.stderr.write(f"newsextract: a batch was started while a new process imported the main script: {_FIX}\n")
        sys.stderr.flush()
    os._exit(MAIN_GUARD_EXIT)


def main_guard_error() -> UsageError:
    """The error a batch raises when its extraction process found the main script unguarded."""
    return UsageError(f"the extraction processes could not start: {_FIX}", stage="usage")

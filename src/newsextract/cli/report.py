"""How the newsextract command reports an error: one stderr line, one exit code, one rule.

Usage::

    except Exception as exc:
        return report_error(exc, source="page.html")     # "newsextract: page.html: input error: ..."

The line names the error's kind (the same kind a batch record carries, Failure.from_error)
and its message; the exit code comes from the one table, errors.exit_code_for.
"""

from __future__ import annotations

import sys

from newsextract.errors import ExitCode, exit_code_for
from newsextract.models import Failure


def error_line(exc: BaseException, source: str | None = None) -> str:
    """``newsextract: [SOURCE: ]KIND error: MESSAGE`` for any exception (untyped ones are "internal")."""
    failure = Failure.from_error(exc)
    where = f"{source}: " if source else ""
    return f"newsextract: {where}{failure.kind} error: {failure.message}\n"


def report_error(exc: BaseException, source: str | None = None) -> ExitCode:
    """Write the error's line to stderr; return its exit code."""
    sys.stderr.write(error_line(exc, source))
    return exit_code_for(exc)

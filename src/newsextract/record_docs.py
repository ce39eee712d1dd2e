"""docs/record.md, generated from the models' field descriptions and the warnings vocabulary.

Usage: ``python scripts/gen_docs.py`` writes it; a test checks the committed file matches.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from newsextract.models import PUBLIC_MODELS
from newsextract.warning_codes import WARNING_MEANINGS

_INTRO = """# The record

Every field of the records newsextract writes, with its meaning. Generated from the models'
field descriptions by `python scripts/gen_docs.py`; do not edit by hand.
`newsextract schema` prints the same as a JSON Schema.

Timestamps (`published`, `modified`) are always timezone-aware and written one way, ISO 8601 with
seconds and an offset (`2019-11-20T00:00:00+00:00`). A value whose zone the page does not give is
read as UTC, and `*_tz_given` is false; a date alone is that day's midnight, and `*_precision` is
`day`. `*_raw` keeps the string as the page wrote it (for a day read from the URL, that part of
its path; for a day found in the page's text, the day as the date finder read it).
"""


def type_name(annotation: Any) -> str:
    """A field's type as a reader would write it: ``list[Image]``, ``str | None``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_name(arg) for arg in args)
    if origin is typing.Literal:
        return " | ".join(f'"{arg}"' for arg in args)
    if origin is not None:
        return f"{getattr(origin, '__name__', str(origin))}[{', '.join(type_name(arg) for arg in args)}]"
    if annotation is type(None):
        return "None"
    return getattr(annotation, "__name__", re.sub(r"^typing\.", "", str(annotation)))


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _model_section(model: type[BaseModel]) -> list[str]:
    summary = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    lines = [f"## {model.__name__}", "", summary, "", "| field | type | meaning |", "| --- | --- | --- |"]
    for name, field in model.model_fields.items():
        kind, meaning = _cell(type_name(field.annotation)), _cell(field.description or "")
        lines.append(f"| `{name}` | {kind} | {meaning} |")
    return [*lines, ""]


def _warnings_section() -> list[str]:
    lines = [
        "## Warnings",
        "",
        "The codes `Article.warnings` may hold (an enum in the JSON Schema):",
        "",
        "| code | meaning |",
        "| --- | --- |",
    ]
    lines += [f"| `{code.value}` | {meaning} |" for code, meaning in WARNING_MEANINGS.items()]
    return [*lines, ""]


def render_record_docs() -> str:
    """The whole of docs/record.md."""
    lines = [_INTRO]
    for model in PUBLIC_MODELS:
        lines += _model_section(model)
    lines += _warnings_section()
    return "\n".join(lines)

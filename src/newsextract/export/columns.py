"""Export columns derived from the record models' field annotations.

Usage::

    layout = Layout.derive(Result)         # url, ok, error_*, then every Article field
    layout.names                           # ("url", "ok", "error_kind", ..., "headline", ...)
    schema = arrow_schema(layout)          # pyarrow is imported only here

The column types come from the pydantic annotations, so a field added to ``Result``,
``Article`` or ``Failure`` later gets a typed column without touching this module:
datetime -> timestamp (UTC), list[X] -> list, dict[str, X] -> map, a model (or a union
of models) -> struct, Literal/str/Enum -> string. What has no faithful Arrow type
(``Any``, ``str | int``, ...) becomes a string column holding JSON text.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from newsextract.export.errors import ExportError

Kind = Literal["string", "int", "float", "bool", "timestamp", "date", "binary", "json"]

# Envelope fields holding a model are flattened into top-level columns with these prefixes;
# any other model-valued envelope field added later gets "<name>_".
_PREFIXES: Mapping[str, str] = {"error": "error_", "article": ""}
_LAST = "article"  # the article's many columns come after the envelope and the error


@dataclass(frozen=True)
class Scalar:
    kind: Kind


@dataclass(frozen=True)
class ListOf:
    item: ColType


@dataclass(frozen=True)
class MapOf:
    """A dict with string keys."""

    value: ColType


@dataclass(frozen=True)
class Member:
    name: str
    type: ColType
    nullable: bool


@dataclass(frozen=True)
class StructOf:
    members: tuple[Member, ...]


ColType = Scalar | ListOf | MapOf | StructOf
JSON = Scalar("json")


@dataclass(frozen=True)
class Column:
    """One output column: its name, where its value sits in a record, and its type."""

    name: str
    section: str | None  # None: a top-level envelope key; else the envelope field holding a model
    key: str
    type: ColType
    known: bool = True  # False: a key the models do not know, kept as JSON text


@dataclass(frozen=True)
class Section:
    """A model-valued envelope field whose own fields become columns."""

    field: str
    prefix: str
    model: type[BaseModel]


@dataclass(frozen=True)
class Layout:
    envelope: type[BaseModel]
    sections: tuple[Section, ...]
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @classmethod
    def derive(cls, envelope: type[BaseModel]) -> Layout:
        """Columns for `envelope`: scalar fields, then flattened model fields (the article last)."""
        sections: list[Section] = []
        columns: list[Column] = []
        for name, info in envelope.model_fields.items():
            kind, _ = col_type(info.annotation)
            model = _model_of(info.annotation)
            if model is not None:
                sections.append(Section(name, _PREFIXES.get(name, f"{name}_"), model))
            else:
                columns.append(Column(name, None, name, kind))
        sections.sort(key=lambda section: section.field == _LAST)
        taken = {column.name for column in columns}
        for section in sections:
            for key, info in section.model.model_fields.items():
                name = _claim(section.prefix + key, section.field, key, taken)
                columns.append(Column(name, section.field, key, col_type(info.annotation)[0]))
        return cls(envelope, tuple(sections), tuple(columns))

    def with_extras(self, extras: Sequence[tuple[str | None, str]]) -> Layout:
        """This layout plus JSON-text columns for keys (section, key) the models do not know."""
        taken = set(self.names)
        prefixes = {section.field: section.prefix for section in self.sections}
        added = []
        for section, key in extras:
            name = _claim(prefixes.get(section, "") + key if section else key, section or "extra", key, taken)
            added.append(Column(name, section, key, JSON, known=False))
        return Layout(self.envelope, self.sections, self.columns + tuple(added))


def _claim(name: str, qualifier: str, key: str, taken: set[str]) -> str:
    """`name`, or `<qualifier>_<key>` if taken (Article.url next to the envelope's url)."""
    for candidate in (name, f"{qualifier}_{key}"):
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise ExportError(f"column name clash: {key!r} ({qualifier}) would be {name!r}, which is already a column")


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class of `Model` or `Model | None`, else None."""
    args = [arg for arg in _union_args(_unwrap(annotation)) if arg is not type(None)]
    if len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        return args[0]
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _union_args(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(_unwrap(arg) for arg in typing.get_args(annotation))
    return (annotation,)


def col_type(annotation: Any, seen: frozenset[type] = frozenset()) -> tuple[ColType, bool]:
    """The column type of a field annotation, and whether it admits None."""
    args = _union_args(_unwrap(annotation))
    nullable = type(None) in args
    rest = [arg for arg in args if arg is not type(None)]
    if len(rest) == 1:
        return _single(rest[0], seen), nullable
    if rest and all(isinstance(arg, type) and issubclass(arg, BaseModel) for arg in rest):
        return _merged(rest, seen), nullable  # e.g. a union of block kinds: one struct with all their fields
    return JSON, nullable


def _single(annotation: Any, seen: frozenset[type]) -> ColType:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Literal:
        return _literal(args)
    if origin in (list, set, frozenset, Sequence) or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        return ListOf(col_type(args[0], seen)[0]) if args else JSON
    if origin in (dict, Mapping):
        return MapOf(col_type(args[1], seen)[0]) if args and args[0] is str else JSON
    if origin is not None or not isinstance(annotation, type):
        return JSON
    if issubclass(annotation, BaseModel):
        return _merged([annotation], seen)
    return _plain(annotation)


def _plain(cls: type) -> Scalar:
    # Order matters: bool is an int, datetime is a date.
    for base, kind in _PLAIN:
        if issubclass(cls, base):
            return Scalar(kind)
    return JSON


_PLAIN: tuple[tuple[type, Kind], ...] = (
    (bool, "bool"),
    (enum.Enum, "string"),
    (int, "int"),
    (float, "float"),
    (str, "string"),
    (datetime, "timestamp"),
    (date, "date"),
    (bytes, "binary"),
)


def _literal(values: tuple[Any, ...]) -> Scalar:
    for kind, cls in (("bool", bool), ("int", int), ("string", str)):
        if all(type(value) is cls for value in values):
            return Scalar(kind)  # type: ignore[arg-type]
    return JSON


def _merged(models: Sequence[type[BaseModel]], seen: frozenset[type]) -> ColType:
    """One struct holding every field of `models`; a field missing from some of them is nullable."""
    if any(model in seen for model in models):
        return JSON  # a recursive model (blocks within blocks) has no fixed Arrow type
    inner = seen | frozenset(models)
    found: dict[str, tuple[ColType, bool, int]] = {}
    for model in models:
        for name, info in model.model_fields.items():
            kind, nullable = col_type(info.annotation, inner)
            old = found.get(name)
            if old is not None:
                kind = kind if old[0] == kind else JSON
                nullable = nullable or old[1]
            found[name] = (kind, nullable, (old[2] if old else 0) + 1)
    members = (Member(name, kind, nullable or count < len(models)) for name, (kind, nullable, count) in found.items())
    return StructOf(tuple(members))


def arrow_type(kind: ColType) -> Any:
    """The pyarrow type of a column type (imports pyarrow)."""
    import pyarrow as pa

    if isinstance(kind, ListOf):
        return pa.list_(arrow_type(kind.item))
    if isinstance(kind, MapOf):
        return pa.map_(pa.string(), arrow_type(kind.value))
    if isinstance(kind, StructOf):
        return pa.struct([pa.field(m.name, arrow_type(m.type), nullable=m.nullable) for m in kind.members])
    scalars = {
        "string": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "date": pa.date32(),
        "binary": pa.binary(),
    }
    return scalars[kind.kind]


def arrow_schema(layout: Layout) -> Any:
    """The Parquet schema: every column nullable (a failure has no article)."""
    import pyarrow as pa

    return pa.schema([pa.field(column.name, arrow_type(column.type)) for column in layout.columns])

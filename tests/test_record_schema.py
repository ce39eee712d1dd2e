"""The record's schema documents itself: every field described, warnings an enum with meanings,
docs/record.md generated from the same descriptions."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from newsextract import Article
from newsextract.cli.schema import add_schema_parser, run_schema_command
from newsextract.models import PUBLIC_MODELS, json_schema
from newsextract.record_docs import render_record_docs
from newsextract.warning_codes import WARNING_MEANINGS, WarningCode

DOC = Path(__file__).resolve().parents[1] / "docs" / "record.md"


def _undescribed(schema: dict[str, Any]) -> list[str]:
    """Every property, of the schema and of its definitions, without a description."""
    objects = {"(root)": schema, **schema.get("$defs", {})}
    return [
        f"{name}.{field}"
        for name, definition in objects.items()
        for field, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda m: m.__name__)
def test_every_field_of_every_public_model_is_described(model: type) -> None:
    for mode in ("validation", "serialization"):
        schema = model.model_json_schema(mode=mode)  # type: ignore[attr-defined]
        assert not _undescribed(schema), _undescribed(schema)


def test_the_records_schema_describes_every_field_and_lists_warnings_as_an_enum() -> None:
    schema = json_schema()
    assert not _undescribed(schema)
    warnings = schema["$defs"]["Article"]["properties"]["warnings"]
    codes = schema["$defs"][warnings["items"]["$ref"].rsplit("/", 1)[-1]]
    assert codes["enum"] == [code.value for code in WarningCode]
    assert all(f"- {code.value}: " in codes["description"] for code in WarningCode)
    published = schema["$defs"]["Article"]["properties"]["published"]
    assert {"type": "string", "format": "date-time"} in published["anyOf"]


def test_every_warning_code_has_a_meaning_and_unknown_codes_are_refused() -> None:
    assert set(WARNING_MEANINGS) == set(WarningCode)
    assert all(meaning.strip() for meaning in WARNING_MEANINGS.values())
    assert Article(warnings=["body_short"]).warnings == ["body_short"]
    with pytest.raises(ValidationError):
        Article(warnings=["made_up"])


def test_the_committed_record_doc_is_the_generated_one() -> None:
    assert DOC.read_text(encoding="utf-8") == render_record_docs(), "run: python scripts/gen_docs.py"
    for model in PUBLIC_MODELS:
        for name in model.model_fields:
            assert f"| `{name}` |" in DOC.read_text(encoding="utf-8"), f"{model.__name__}.{name}"


def test_the_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_schema_parser(parser.add_subparsers(dest="command"))
    assert run_schema_command(parser.parse_args(["schema"])) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
    assert run_schema_command(parser.parse_args(["schema", "--model", "article"])) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Article"

"""The project's own documentation: generated references are current, and links stay inside the repo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsextract.cli.reference import generated_docs

ROOT = Path(__file__).resolve().parent.parent
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("name", sorted(generated_docs()))
def test_generated_reference_is_current(name: str) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == generated_docs()[name](), "regenerate: python scripts/gen_docs.py"


def test_documents_never_send_users_outside_the_repository() -> None:
    for doc in _documents():
        text = doc.read_text(encoding="utf-8")
        assert "../shared" not in text and "CONTRACT.md" not in text, doc.name


def test_relative_links_point_at_files_that_exist() -> None:
    for doc in _documents():
        for target in _LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
                continue
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"

#!/usr/bin/env python3
"""Write docs/record.md from the models' field descriptions (``--check``: only say whether it is current).

usage: python scripts/gen_record_docs.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsextract.record_docs import render_record_docs

DOC = Path(__file__).resolve().parents[1] / "docs" / "record.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/record.md is not current")
    args = parser.parse_args()
    text = render_record_docs()
    if args.check:
        current = DOC.is_file() and DOC.read_text(encoding="utf-8") == text
        print("docs/record.md is current" if current else "docs/record.md is stale: run scripts/gen_record_docs.py")
        return 0 if current else 1
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

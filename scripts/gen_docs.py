#!/usr/bin/env python3
"""Write the generated references in docs/ (``--check``: only say whether they are current; exit 1 if not).

    docs/record.md   every field of the records, from the models' field descriptions
    docs/cli.md      every command and option, from the command's own parser
    docs/errors.md   every error kind and exit code, from newsextract.errors

usage: python scripts/gen_docs.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsextract.cli.reference import generated_docs

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when a generated file is not current")
    args = parser.parse_args()
    stale = []
    for name, render in generated_docs().items():
        path, text = DOCS / name, render()
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    verb = "stale (run scripts/gen_docs.py)" if args.check else "written"
    print(f"{', '.join(stale)}: {verb}" if stale else "docs are current")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())

"""python -m newsextract: the same as the newsextract command."""

from newsextract.cli import main

raise SystemExit(main())

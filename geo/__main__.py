"""``python -m geo``: the command line entry point."""

from geo.cli import main

raise SystemExit(main())

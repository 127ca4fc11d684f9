"""Subcommands of ``python -m geo``; see ``geo/cli.py``."""

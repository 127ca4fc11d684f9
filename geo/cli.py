"""Command line: ``python -m geo SUBCOMMAND ...``.

Each subcommand lives in its own module under ``geo/commands/`` with two functions,
``configure(parser)`` and ``run(args) -> int``. Modules are imported only when their
subcommand runs, so ``python -m geo --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

SUBCOMMANDS: dict[str, str] = {
    "parse": "Geoparse articles: one GeoJSON Feature per place mention.",
    "events": "Extract events: one GeoJSON Feature per event.",
    "corridors": "Extract corridors: one GeoJSON Feature per corridor line.",
    "build": "Build the GeoParquet store from a corpus folder (incremental).",
    "export": "Export the filtered map (png, html), data (geojson, kml, csv, gpkg) or a briefing deck (pdf, png, html).",
}


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"geo.commands.{name}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m geo", description="Corridor Atlas engine.")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="say more on standard error (-v: what the engine decides, -vv: debugging)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = next((arg for arg in argv if arg in SUBCOMMANDS), None)
    for name, help_text in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _load(name).configure(sub_parser)
    args = parser.parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    return int(_load(args.command).run(args) or 0)

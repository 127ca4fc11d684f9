"""Hostile HTML: time to load one article built to make HTML parsing blow up (issue 17, target <= 10 s).

Usage::

    .venv/bin/python bench/html_nesting_bench.py [--levels 100000]

Each case is one page of about 1 MB, loaded as an upload would be (``load_document``: decode,
nesting budget, BeautifulSoup, cleaning, date). Prints wall and CPU seconds per case and what
became of the article (the warning it carries, or why it was refused).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from geo.errors import CorpusError
from geo.ingest.read import load_document
from geo.settings import MAX_CORPUS_BYTES


def cases(levels: int) -> dict[str, str]:
    head = "<html><head><title>Deep</title></head><body>"
    text = "Officials met in Tehran on Monday."
    return {
        f"{levels:,} nested <div>": head + "<div>" * levels + text + "</div>" * levels + "</body></html>",
        f"{levels:,} unclosed <div>": head + "<div>" * levels + text + "</body></html>",
        f"{levels:,} nested <b> with text": head + "<b>x " * levels + text + "</b>" * levels,
        f"{levels:,} unclosed <p>": head + "<p>para " * levels + text,
        f"{levels:,} '<a' without '>'": head + "<a" * levels + text,
        f"{levels:,} unclosed comments": head + "<!--<div>" * levels + text,
        f"{levels:,} unclosed <script>": head + "<script>" * levels + text,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", type=int, default=100_000)
    args = parser.parse_args()
    load_document(Path("warm.html"), data=b"<p>Officials met in Tehran.</p>")  # imports, not timed
    for name, html in cases(args.levels).items():
        data = html.encode()
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            document = load_document(Path("hostile.html"), data=data, max_bytes=MAX_CORPUS_BYTES)
            outcome = document.warnings[0] if document.warnings else f"kept, {len(document.text):,} characters"
        except CorpusError as error:
            outcome = f"refused: {error.reason}"
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{name:36s} {len(data) / 1e6:5.2f} MB  {wall:6.2f} s wall  {cpu:6.2f} s CPU  {outcome}")


if __name__ == "__main__":
    main()

"""A briefing as one deck: a 1920×1080 slide per view, then a sources slide; as PNGs or one PDF.

Each slide is the PNG snapshot of :mod:`geo.maps.render` framed as the view was saved, with the
view's title, its note, a progress mark ("3 / 8"), the caption of its time window and filters,
and, when asked, what is new since the view was saved. The last slide lists, per view, the
articles behind what is drawn, so every point on every slide can be traced.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from geo.briefings.files import slug
from geo.briefings.model import Briefing, View
from geo.briefings.shown import Change, changes, documents_behind, shown
from geo.maps.render import PRESETS, render_figure
from geo.store.filters import StoreLike, describe

SLIDE = PRESETS["slides"]
NOTE_CHARS = 40
"""Characters per line of the note in the slide's right-hand column."""
NOTE_FLOOR = 0.12
"""The note stops above this height (figure fraction): the caption sits below."""
SOURCES_PER_COLUMN = 34
RASTER_BELOW_ZORDER = 5
"""In the PDF the basemap and the features (drawn below this) are one 1920×1080 image, names and text stay
vector: 100,000 points as vector paths take a minute to write and make a 40 MB file."""


@dataclass(frozen=True, slots=True)
class Slide:
    """One view as presented: its position, what it draws, and what changed since it was saved."""

    number: int
    total: int
    view: View
    drawn: StoreLike
    change: Change


def slides(store: StoreLike, briefing: Briefing) -> Iterator[Slide]:
    """Every view of ``briefing`` over ``store``, in order (the sources slide after them counts in the total)."""
    total = len(briefing.views) + 1
    for number, view in enumerate(briefing.views, start=1):
        drawn = shown(store, view)
        yield Slide(number, total, view, drawn, changes(view, drawn))


def slide_figure(slide: Slide, briefing_name: str, *, mark_changes: bool = False) -> Figure:
    """The slide as a Matplotlib figure (1920×1080 at 100 dpi)."""
    view = slide.view
    caption = f"{describe(view.filters)} · {len(slide.drawn.events)} events, {len(slide.drawn.corridors)} corridors, " \
              f"{len(slide.drawn.places)} places"
    figure = render_figure(slide.drawn, title=view.title, caption=caption, preset=SLIDE, view=view.extent)
    font = SLIDE.font_pt
    figure.text(0.99, 0.975, f"{slide.number} / {slide.total}", ha="right", va="top", fontsize=font * 1.3,
                fontweight="bold", color="#333333", parse_math=False)
    figure.text(0.99, 0.935, briefing_name, ha="right", va="top", fontsize=font * 0.8, color="#555555",
                parse_math=False)
    top = _below_legend(figure)
    if mark_changes and slide.change.changed:
        figure.text(0.785, top, f"New: {slide.change.summary()}", ha="left", va="top", fontsize=font * 0.85,
                    wrap=True, parse_math=False,
                    bbox={"boxstyle": "round,pad=0.4", "facecolor": "#fff3b0", "edgecolor": "#c9a400"})
        top -= 0.07
    if view.note:
        _draw_note(figure, plain_text(view.note), top)
    return figure


def _below_legend(figure: Figure) -> float:
    """Figure height just below the map's legend (the right-hand column), or near the top without one."""
    legend = figure.axes[0].get_legend()
    if legend is None:
        return 0.85
    renderer = FigureCanvasAgg(figure).get_renderer()
    box = legend.get_window_extent(renderer).transformed(figure.transFigure.inverted())
    return float(box.y0) - 0.03


def _draw_note(figure: Figure, note: str, top: float) -> None:
    font = SLIDE.font_pt * 0.95
    line_height = font * 1.45 / (figure.get_figheight() * 72)
    room = max(int((top - NOTE_FLOOR) / line_height), 0)
    lines = [line for paragraph in note.split("\n") for line in (textwrap.wrap(paragraph, NOTE_CHARS) or [""])]
    if len(lines) > room:
        lines = [*lines[: max(room - 1, 0)], "…"] if room else []
    if lines:
        figure.text(0.785, top, "\n".join(lines), ha="left", va="top", fontsize=font, color="#1b1b1b",
                    linespacing=1.45, parse_math=False)


_MARKDOWN = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.MULTILINE), ""),  # headings
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), "• "),  # list items
    (re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis and code
)


def plain_text(markdown: str) -> str:
    """A note's Markdown as the plain text a static slide shows (links and images by their text)."""
    text = markdown.strip()
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return re.sub(r"\n{3,}", "\n\n", text)


def sources_figure(store: StoreLike, briefing: Briefing, all_slides: list[Slide]) -> Figure:
    """The closing slide: per view, the articles behind what it draws (file, date, title)."""
    figure = Figure(figsize=SLIDE.figsize, dpi=SLIDE.dpi, facecolor="white")
    figure.text(0.01, 0.975, f"Sources — {briefing.name}", ha="left", va="top", fontsize=SLIDE.font_pt * 1.6,
                fontweight="bold", parse_math=False)
    about = _documents_by_name(store)
    lines: list[str] = []
    for slide in all_slides:
        names = documents_behind(slide.drawn)
        lines.append(f"{slide.number}. {slide.view.title} — {len(names)} article{'s' if len(names) != 1 else ''}")
        lines += [f"     {about.get(name, name)}" for name in names]
    columns = [lines[i : i + SOURCES_PER_COLUMN] for i in range(0, len(lines), SOURCES_PER_COLUMN)][:3]
    if len(lines) > 3 * SOURCES_PER_COLUMN:
        columns[-1][-1] = f"… and {len(lines) - 3 * SOURCES_PER_COLUMN + 1} more lines (see the HTML deck)"
    for index, column in enumerate(columns):
        figure.text(0.01 + index * 0.33, 0.9, "\n".join(column), ha="left", va="top",
                    fontsize=SLIDE.font_pt * 0.8, linespacing=1.5, family="DejaVu Sans", parse_math=False)
    return figure


def _documents_by_name(store: StoreLike) -> dict[str, str]:
    """File name → "file · date · title" for the sources slide."""
    documents = store.documents
    out = {}
    for name, published, title in zip(documents["file_name"], documents["published"], documents["title"], strict=True):
        when = published.isoformat() if isinstance(published, date) else "undated"
        short = textwrap.shorten(str(title), 70, placeholder="…") if isinstance(title, str) and not pd.isna(title) else ""
        out[str(name)] = " · ".join(part for part in (str(name), when, short) if part)
    return out


# --------------------------------------------------------------------------- files


def file_stem(briefing: Briefing, today: date | None = None) -> str:
    """``briefing-<name>_<YYYY-MM-DD>``: what and when, readable in a folder."""
    return f"briefing-{slug(briefing.name)}_{(today or date.today()).isoformat()}"  # noqa: DTZ011 - the user's day


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=SLIDE.dpi)
    return buffer.getvalue()


def deck_pngs(store: StoreLike, briefing: Briefing, *, mark_changes: bool = False,
              today: date | None = None) -> dict[str, bytes]:
    """One PNG per view plus the sources slide, by file name, in order."""
    stem = file_stem(briefing, today)
    made = list(slides(store, briefing))
    files = {f"{stem}_{s.number:02d}_{slug(s.view.title)}.png": _png(slide_figure(s, briefing.name, mark_changes=mark_changes))
             for s in made}
    files[f"{stem}_{len(made) + 1:02d}_sources.png"] = _png(sources_figure(store, briefing, made))
    return files


def deck_pdf(store: StoreLike, briefing: Briefing, *, mark_changes: bool = False) -> bytes:
    """All slides, then the sources slide, as one PDF (a page per slide; the map an image, its names and all text vector)."""
    made = list(slides(store, briefing))
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": briefing.name, "Creator": "Corridor Atlas"}) as pdf:
        for slide in made:
            figure = slide_figure(slide, briefing.name, mark_changes=mark_changes)
            figure.axes[0].set_rasterization_zorder(RASTER_BELOW_ZORDER)
            pdf.savefig(figure, dpi=SLIDE.dpi)
        pdf.savefig(sources_figure(store, briefing, made))
    return buffer.getvalue()

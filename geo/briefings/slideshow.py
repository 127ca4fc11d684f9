"""A briefing as one offline HTML slideshow: every view an interactive map, arrow keys to step.

Each slide's map is the app's own Folium map with its scripts and basemap inlined, framed as the
view was saved, kept in an ``<iframe srcdoc>`` so maps never share state; a slide's frame is
filled the first time it is shown, so the file opens at once however many views it holds. The
page itself is static: no request leaves the file. Notes are the briefer's Markdown, rendered
without raw HTML or images (an image would be a request); everything from articles is escaped.
"""

from __future__ import annotations

import html
import json
import re
from typing import cast

from branca.element import Figure
from markdown_it import MarkdownIt

from geo.briefings.deck import Slide, slides
from geo.briefings.model import Briefing
from geo.briefings.shown import documents_behind
from geo.maps.webmap import draw_map, map_layers
from geo.store.filters import StoreLike, describe

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable("image")


def note_html(markdown: str) -> str:
    """A note's Markdown as HTML, with raw HTML escaped and images left out."""
    return _MARKDOWN.render(markdown)


def slide_map_html(slide: Slide) -> str:
    """The standalone map of one slide, framed as saved (or on its features), keyboard off for the slideshow."""
    fmap = draw_map(map_layers(slide.drawn), assets="inline", briefing=True, view=slide.view.extent)
    fmap.options["keyboard"] = False  # the arrow keys step through the slides
    return cast(Figure, fmap.get_root()).render()


def slideshow_html(store: StoreLike, briefing: Briefing, *, mark_changes: bool = False) -> bytes:
    """The whole briefing as one HTML file that opens from disk with no network."""
    made = list(slides(store, briefing))
    sections = [_section(slide, mark_changes) for slide in made]
    sections.append(_sources_section(store, made))
    maps, assets = shared_assets([slide_map_html(slide) for slide in made])
    page = _PAGE.format(
        title=html.escape(briefing.name),
        sections="\n".join(sections),
        maps=_script_json(maps),
        assets=_script_json(assets),
    )
    return page.encode("utf-8")


_INLINE_ASSET = re.compile(r'(?<==")data:[^"]{1000,}(?=")')


def shared_assets(pages: list[str]) -> tuple[list[str], list[str]]:
    """The pages with each large inlined asset (Leaflet, fonts, styles) replaced by ``@@ASSET_n@@``,
    and the assets, each kept once: every map inlines the same 3 MB of scripts and fonts."""
    assets: dict[str, int] = {}

    def placeholder(match: re.Match[str]) -> str:
        return f"@@ASSET_{assets.setdefault(match.group(0), len(assets))}@@"

    shortened = [_INLINE_ASSET.sub(placeholder, page) for page in pages]
    return shortened, list(assets)


def _script_json(value: object) -> str:
    """JSON safe inside a ``<script>``: a "</script>" in the data must not end it."""
    return json.dumps(value).replace("</", "<\\/")


def _section(slide: Slide, mark_changes: bool) -> str:
    drawn = slide.drawn
    counts = f"{len(drawn.events)} events · {len(drawn.corridors)} corridors · {len(drawn.places)} places"
    change = ""
    if mark_changes and slide.change.changed:
        change = f'<p class="change">New: {html.escape(slide.change.summary())}</p>'
    return f"""<section class="slide" data-map="{slide.number - 1}">
  <header><h1>{html.escape(slide.view.title)}</h1><span class="progress">{slide.number} / {slide.total}</span></header>
  <div class="body"><iframe title="Map: {html.escape(slide.view.title)}"></iframe>
    <aside>{change}<div class="note">{note_html(slide.view.note)}</div></aside></div>
  <footer>{html.escape(describe(slide.view.filters))} · {html.escape(counts)}</footer>
</section>"""


def _sources_section(store: StoreLike, made: list[Slide]) -> str:
    documents = store.documents
    titles = dict(zip(documents["file_name"], documents["title"], strict=True))
    items = []
    for slide in made:
        names = documents_behind(slide.drawn)
        entries = "".join(f"<li>{html.escape(name)} — {html.escape(str(titles.get(name, '')))}</li>" for name in names)
        items.append(f"<h2>{slide.number}. {html.escape(slide.view.title)}</h2><ul>{entries or '<li>none</li>'}</ul>")
    total = made[0].total if made else 1
    return f"""<section class="slide sources">
  <header><h1>Sources</h1><span class="progress">{total} / {total}</span></header>
  <div class="list">{''.join(items)}</div>
  <footer>The articles behind what each view draws.</footer>
</section>"""


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' data:;
 style-src 'unsafe-inline' data:; img-src data:; font-src data:; frame-src 'self' about: data:; child-src 'self' about:">
<title>{title}</title>
<style>
 html, body {{ margin: 0; height: 100%; font-family: system-ui, sans-serif; background: #f6f4ef; color: #1b1b1b; }}
 .slide {{ display: none; height: 100vh; box-sizing: border-box; padding: 14px 22px; flex-direction: column; }}
 .slide.active {{ display: flex; }}
 header {{ display: flex; justify-content: space-between; align-items: baseline; }}
 h1 {{ margin: 0 0 8px; font-size: 2.1rem; }}
 .progress {{ font-size: 1.5rem; font-weight: bold; color: #333; }}
 .body {{ flex: 1; display: flex; gap: 18px; min-height: 0; }}
 iframe {{ flex: 3; border: 1px solid #b8b2a7; height: 100%; }}
 aside {{ flex: 1; overflow: auto; font-size: 1.25rem; line-height: 1.45; }}
 .change {{ background: #fff3b0; border: 1px solid #c9a400; padding: 6px 10px; border-radius: 6px; }}
 footer {{ font-size: 1.15rem; padding-top: 8px; color: #222; }}
 .list {{ flex: 1; overflow: auto; columns: 2; font-size: 1.05rem; }}
 nav {{ position: fixed; bottom: 10px; right: 18px; }}
 nav button {{ font-size: 1.2rem; margin-left: 6px; }}
</style></head><body>
{sections}
<nav><button id="prev" title="Previous (←)">←</button><button id="next" title="Next (→)">→</button></nav>
<script>
(function () {{
  var maps = {maps};
  var assets = {assets};
  var slides = document.querySelectorAll('.slide');
  var current = 0;
  function frameOf(slide) {{ return slide.querySelector('iframe'); }}
  function show(index) {{
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (s, i) {{ s.classList.toggle('active', i === current); }});
    var slide = slides[current], frame = frameOf(slide);
    if (frame && !frame.srcdoc) {{
      frame.addEventListener('load', function () {{ frame.contentWindow.addEventListener('keydown', onKey); }});
      frame.srcdoc = maps[Number(slide.dataset.map)].replace(/@@ASSET_(\\d+)@@/g, function (m, k) {{ return assets[k]; }});
    }}
    history.replaceState(null, '', '#' + (current + 1));
  }}
  function onKey(event) {{
    if (event.key === 'ArrowRight' || event.key === 'PageDown' || event.key === ' ') {{ show(current + 1); event.preventDefault(); }}
    if (event.key === 'ArrowLeft' || event.key === 'PageUp') {{ show(current - 1); event.preventDefault(); }}
  }}
  document.addEventListener('keydown', onKey);
  document.getElementById('next').onclick = function () {{ show(current + 1); }};
  document.getElementById('prev').onclick = function () {{ show(current - 1); }};
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
}})();
</script></body></html>
"""

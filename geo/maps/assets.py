"""Folium's JavaScript and CSS from local copies, so maps work with no network.

Folium links its assets from CDNs. The copies vendored under ``static/`` (npm packages, their
licences beside them) are served by Streamlit at ``/app/static/``; ``offline_assets`` points
every link of a map at them, or inlines them as ``data:`` URIs (with the fonts and images their
stylesheets need) for a standalone file that must open anywhere.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, Literal

import folium
from branca.element import Element
from folium.elements import JSCSSMixin

from geo.settings import STATIC_DIR

AssetMode = Literal["static", "inline"]

STATIC_URL = "/app/static"

# folium's asset names -> vendored copies under static/ (npm packages, licences beside them).
ASSET_FILES: dict[str, str] = {
    "leaflet": "leaflet/leaflet.js",
    "jquery": "jquery/jquery.min.js",
    "bootstrap": "bootstrap/bootstrap.bundle.min.js",
    "awesome_markers": "awesome-markers/leaflet.awesome-markers.js",
    "leaflet_css": "leaflet/leaflet.css",
    "bootstrap_css": "bootstrap/bootstrap.min.css",
    "awesome_markers_font_css": "fontawesome/css/all.min.css",
    "awesome_markers_css": "awesome-markers/leaflet.awesome-markers.css",
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
    "atlas": "atlas/atlas.js",
    "atlas_css": "atlas/atlas.css",
    "playback": "atlas/playback.js",
    "playback_css": "atlas/playback.css",
}
# Links folium adds that these maps never use: Bootstrap 3 glyphicons (we use Font Awesome
# icons) and the icon-rotation stylesheet (no rotated icons).
UNUSED_ASSETS = frozenset({"glyphicons_css", "awesome_rotate_css"})


def offline_assets(root: Element, mode: AssetMode) -> Element:
    """Point every JS/CSS link folium would add under ``root`` at a local copy.

    ``static`` -> ``/app/static/...`` URLs (Streamlit static serving); ``inline`` -> ``data:``
    URIs, with the fonts and images the stylesheets need embedded too, for a single file.
    Changes the elements' own lists, never folium's class-level defaults. Raises
    ``ValueError`` for an asset with no vendored copy, so a new plugin cannot silently make
    the map depend on a CDN.
    """
    for element in _walk(root):
        if isinstance(element, JSCSSMixin):
            element.default_js = _localised(element.default_js, mode)
            element.default_css = _localised(element.default_css, mode)
    return root


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def _localised(links: Iterable[tuple[str, str]], mode: AssetMode) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        if name in UNUSED_ASSETS:
            continue
        if name in ASSET_FILES:
            out.append((name, asset_url(name, mode)))
        elif url.startswith("data:") or (mode == "static" and url.startswith(STATIC_URL)):
            out.append((name, url))
        else:
            raise ValueError(f"No offline copy of folium asset {name!r} ({url}); vendor it under static/")
    return out


def asset_url(name: str, mode: AssetMode) -> str:
    """URL of one vendored asset: a static-serving path or a self-contained ``data:`` URI."""
    relative = ASSET_FILES[name]
    return f"{STATIC_URL}/{relative}" if mode == "static" else _data_uri(relative)


@cache
def _data_uri(relative: str) -> str:
    path = STATIC_DIR / relative
    if path.suffix == ".css":
        css = _embed_css_urls(path.read_text(encoding="utf-8"), path.parent)
        return "data:text/css;base64," + base64.b64encode(css.encode("utf-8")).decode("ascii")
    mime = "text/javascript" if path.suffix == ".js" else mimetypes.guess_type(path.name)[0]
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


_CSS_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")
_EMBEDDED_SUFFIXES = {".png": "image/png", ".woff2": "font/woff2", ".svg": "image/svg+xml"}


def _embed_css_urls(css: str, folder: Path) -> str:
    """Replace ``url(relative)`` by data URIs (images, woff2 fonts); drop the rest.

    A stylesheet inside a ``data:`` URI cannot resolve relative URLs; browsers that read
    woff2 (all current ones) never need the .ttf fallbacks, so those are left unresolved.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group(2).split("?")[0].split("#")[0]
        mime = _EMBEDDED_SUFFIXES.get(Path(target).suffix)
        path = (folder / target).resolve()
        if target.startswith("data:") or mime is None or not path.is_file():
            return match.group(0)
        return f"url(data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"

    return _CSS_URL.sub(replace, css)


class AtlasMap(folium.Map):
    """A ``folium.Map`` that localises its assets when rendered.

    Rendering is the last moment before links are written out, so plugins added after
    ``build_map`` (for instance by an exporter) are localised too.
    """

    def __init__(self, *, assets: AssetMode, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.assets = assets

    def render(self, **kwargs: Any) -> Any:
        offline_assets(self, self.assets)
        return super().render(**kwargs)

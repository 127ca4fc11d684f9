"""Interactive Folium maps that work with no network, for the app and the standalone HTML export.

``draw_map(layers, ...)`` turns :class:`~geo.maps.features.MapLayers` into a fresh map: the
offline Natural Earth basemap (world tier, 10m detail from zoom 6), optional web tiles,
corridors, events and places (each a layer in a LayerControl), labels placed without
collisions, a legend of what is drawn, and the opening frame with its "outside this view"
note. The browser side of all that is ``static/atlas/atlas.js``; here it gets its
configuration. Maps are ``AtlasMap``s, whose JS/CSS come from local copies
(``assets="static"`` for the app, ``"inline"`` for a standalone file, which then also carries
the basemap files its view needs). Every text shown comes from articles, i.e. from untrusted
input: popups and tooltips are escaped where they are built (:mod:`geo.maps.popups`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.template import Template
from folium.utilities import JsCode

from geo.maps.assets import STATIC_URL, AssetMode, AtlasMap
from geo.maps.basemap import standalone_files
from geo.maps.features import MapLayers, map_layers
from geo.maps.highlight import esc
from geo.maps.popups import type_label
from geo.maps.style import PLACE_COLOUR, THEMES, event_style
from geo.maps.view import MapView, fit_zoom
from geo.store.filters import Filters, StoreLike, apply_filters, describe

ATTRIBUTION_OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
ATTRIBUTION_CARTO = ATTRIBUTION_OSM + ' &copy; <a href="https://carto.com/attributions">CARTO</a>'
ATTRIBUTION_DATA = "Places: GeoNames (CC BY 4.0) · Basemap: Natural Earth"
OFFLINE_BASEMAP = "Offline basemap (Natural Earth)"
LEGEND_WIDTH_PX = {False: 330, True: 460}  # working screen, briefing
LEGEND_CORRIDORS = 12
STANDALONE_SIZE_PX = (1400, 850)
"""The window a standalone file is assumed to open in (to choose the basemap files it carries)."""

POPUP_JS = JsCode(
    """function (feature, layer) {
        var p = feature.properties;
        if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 420, autoPanPaddingTopLeft: [20, 60]}); }
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
        layer.on('click', function (e) { if (window.Atlas && Atlas.clicked) { Atlas.clicked(feature, e); } });
    }"""
)
EVENT_MARKER_JS = JsCode(
    """function (feature, latlng) {
        var p = feature.properties;
        var icon = L.AwesomeMarkers.icon({icon: p.icon, prefix: 'fa', markerColor: p.marker, iconColor: 'white'});
        return L.marker(latlng, {icon: icon, keyboard: false});
    }"""
)
CIRCLE_JS = JsCode(
    """function (feature, latlng) { return L.circleMarker(latlng, feature.properties.style); }"""
)


class _AsIs(Element):
    """Text already rendered, put into the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _Verbatim(MacroElement):
    """A ``MacroElement`` whose rendered header, html and script go into the page as they are.

    branca wraps each in a new ``Element``, which compiles it as a Jinja template: seconds for the
    megabytes of GeoJSON a large or standalone map carries (a deck renders many), and braces in
    the data would be read as Jinja.
    """

    def render(self, **kwargs: Any) -> str:
        figure = cast(Figure, self.get_root())
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_AsIs(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
        return ""  # all of it went into the figure's parts


class _GeoJson(folium.GeoJson, _Verbatim):
    """``folium.GeoJson`` with its data written verbatim (see :class:`_Verbatim`)."""


class AtlasScript(JSCSSMixin, _Verbatim):
    """Runs ``Atlas.init(map, config)`` (``static/atlas/atlas.js``) once the map's layers exist."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        Atlas.init({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}"""
    )
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self.config = config
        self.default_js = [("atlas", f"{STATIC_URL}/atlas/atlas.js")]
        self.default_css = [("atlas_css", f"{STATIC_URL}/atlas/atlas.css")]


class _Overlay(MacroElement):
    """A fixed HTML panel inside the map (legend, caption); ``body`` must be escaped already."""

    _template = Template(
        """{% macro html(this, kwargs) %}<div class="{{ this.css_class }}">{{ this.body }}</div>{% endmacro %}"""
    )

    def __init__(self, css_class: str, body: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.body = body


class _Attribution(MacroElement):
    """Adds the data credits to Leaflet's attribution control, whatever the base layer."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def legend_html(event_types: Iterable[str], corridors: Iterable[tuple[str, str, str]], show_places: bool,
                *, approximate: bool = False) -> str:
    """Legend body for what is on the map: event types present (two columns, to keep the panel
    short), each drawn corridor in its own colour, places."""
    types = []
    for event_type in event_types:
        icon, _, colour = event_style(event_type)
        types.append(f'<span><i class="fa fa-{icon}" style="color:{colour}"></i>{esc(type_label(event_type))}</span>')
    grid = f'<div class="types">{"".join(types)}</div>' if types else ""
    drawn = list(corridors)
    lines = []
    lines_by_kind = {"named": "5px solid", "stated": "3px dashed", "approximate": "3px dotted"}
    for name, colour, kind in drawn[:LEGEND_CORRIDORS]:
        border = f"{lines_by_kind.get(kind, '3px dashed')} {colour}"
        lines.append(f'<span class="sw" style="border-top:{border}"></span>{esc(name)}')
    if len(drawn) > LEGEND_CORRIDORS:
        lines.append(f"… and {len(drawn) - LEGEND_CORRIDORS} more corridors")
    if drawn:
        note = "solid: named corridor · dashed: route stated in text"
        lines.append(f"<small>{note}{' · dotted: course not known' if approximate else ''}</small>")
    if show_places:
        lines.append(f'<span class="dot" style="background:{PLACE_COLOUR};opacity:.6"></span>Place (size: mentions)')
    return grid + "<br>".join(lines)


def new_map(*, assets: AssetMode, briefing: bool, dark: bool, canvas: bool = False,
             scroll_zoom: bool = True) -> AtlasMap:
    theme = THEMES["dark" if dark else "light"]
    fmap = AtlasMap(
        assets=assets,
        location=(30, 45),
        zoom_start=3,
        tiles=None,
        prefer_canvas=canvas,
        control_scale=not briefing,
        zoom_control=not briefing,
        world_copy_jump=True,
        scroll_wheel_zoom=scroll_zoom,
    )
    # Without a tile layer Leaflet has no zoom range, and marker clustering refuses to start.
    fmap.options.update(min_zoom=2, max_zoom=18, zoom_snap=0.25, zoom_delta=0.5)  # quarter zooms: frames fit snugly
    folium.FeatureGroup(name=OFFLINE_BASEMAP, overlay=False, control=True).add_to(fmap)
    for tiles, name, attribution in (
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "OpenStreetMap (online)", ATTRIBUTION_OSM),
        ("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png", "CartoDB Positron (online)", ATTRIBUTION_CARTO),
        ("https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}.png", "CartoDB Dark Matter (online)", ATTRIBUTION_CARTO),
    ):
        folium.TileLayer(tiles, name=name, attr=attribution, show=False, overlay=False).add_to(fmap)
    cast(Figure, fmap.get_root()).header.add_child(Element(f"<style>{_css(theme, briefing, dark)}</style>"),
                                                   name="atlas_style")
    fmap.add_child(_Attribution(ATTRIBUTION_DATA))
    return fmap


def _css(theme: dict[str, str], briefing: bool, dark: bool) -> str:
    size = "17px" if briefing else "13px"
    legend_size = "17px" if briefing else "12px"
    variables = "; ".join(f"--ca-{name.replace('_', '-')}: {value}" for name, value in theme.items())
    # On the dark basemap the black Statement pin would vanish: a light halo keeps it visible.
    dark_pins = ".awesome-marker-icon-black { filter: drop-shadow(0 0 1.5px #fff) drop-shadow(0 0 1px #fff); }" if dark else ""
    return f"""
    .leaflet-container {{ background: {theme['sea']} !important; {variables}; }}
    .ca-popup {{ font: {size}/1.35 system-ui, sans-serif; }}
    .ca-popup blockquote {{ margin: 6px 0; padding-left: 8px; border-left: 3px solid #999; }}
    .ca-popup mark {{ background: #ffe066; padding: 0 1px; }}
    .ca-swatch {{ display: inline-block; width: 14px; height: 4px; margin: 0 6px 3px 0; vertical-align: middle; }}
    .ca-when {{ color: #555; }}
    .ca-legend {{ position: absolute; z-index: 1000; bottom: 24px; right: 10px;
        max-width: {'420px' if briefing else '300px'}; max-height: {'70%' if briefing else '40%'}; overflow-y: auto;
        background: {theme['panel']}; color: {theme['text']}; padding: 8px 10px; border-radius: 6px;
        font: {legend_size}/1.35 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.35); }}
    .ca-legend .sw {{ display: inline-block; width: 22px; height: 0; vertical-align: middle; margin-right: 6px; }}
    .ca-legend .dot {{ display: inline-block; width: 12px; height: 12px; border-radius: 50%;
        vertical-align: middle; margin-right: 6px; }}
    .ca-legend i {{ width: 18px; text-align: center; margin-right: 6px; }}
    .ca-legend summary {{ cursor: pointer; font-weight: 600; }}
    .ca-legend .types {{ display: grid; grid-template-columns: auto auto; column-gap: 12px; }}
    .ca-caption {{ position: absolute; z-index: 1000; top: 10px; left: 50%; transform: translateX(-50%);
        background: {theme['panel']}; color: {theme['text']}; padding: 6px 14px; border-radius: 6px;
        font: {'20px' if briefing else '13px'}/1.3 system-ui, sans-serif; max-width: 80%; text-align: center; }}
    {dark_pins}
    """


def basemap_source(assets: AssetMode, frame: tuple[float, float, float, float] | None) -> dict[str, Any]:
    """Where the browser reads the basemap: Streamlit's static serving, or (standalone file)
    the files its opening frame needs, inlined."""
    if assets == "static":
        return {"base": f"{STATIC_URL}/basemap/"}
    zoom = fit_zoom(frame, *STANDALONE_SIZE_PX) if frame else 2
    return {"inline": standalone_files(frame, zoom)}


def draw_map(
    layers: MapLayers,
    *,
    assets: AssetMode = "static",
    briefing: bool = False,
    dark: bool = False,
    caption: str | None = None,
    view: MapView | None = None,
) -> AtlasMap:
    """A fresh Folium map of ``layers``; it opens at ``view`` if given, else on the layers' frame."""
    fmap = new_map(assets=assets, briefing=briefing, dark=dark, canvas=layers.heavy)
    corridor_layer = folium.FeatureGroup(name=f"Corridors ({layers.counts['corridors']})").add_to(fmap)
    if layers.corridors["features"]:
        _GeoJson(layers.corridors, on_each_feature=POPUP_JS).add_to(corridor_layer)

    event_layer = folium.FeatureGroup(name=f"Events ({layers.counts['events']})").add_to(fmap)
    if layers.events["features"] and layers.events_as_markers:
        cluster = MarkerCluster(name="event clusters", control=False, options={"maxClusterRadius": 40}).add_to(event_layer)
        _GeoJson(layers.events, on_each_feature=POPUP_JS, point_to_layer=EVENT_MARKER_JS).add_to(cluster)
    elif layers.events["features"]:
        _GeoJson(layers.events, on_each_feature=POPUP_JS, point_to_layer=CIRCLE_JS).add_to(event_layer)

    show_places = not briefing or not layers.events["features"]
    place_layer = folium.FeatureGroup(name=f"Places ({layers.counts['places']})", show=show_places).add_to(fmap)
    if layers.places["features"]:
        _GeoJson(layers.places, on_each_feature=POPUP_JS, point_to_layer=CIRCLE_JS).add_to(place_layer)

    folium.LayerControl(collapsed=True).add_to(fmap)
    approximate = any(kind == "approximate" for _, _, kind in layers.corridor_legend)
    legend = legend_html(layers.event_types, layers.corridor_legend, show_places, approximate=approximate)
    if not briefing:  # on a working screen the legend can be folded away
        legend = f"<details open><summary>Legend</summary>{legend}</details>"
    fmap.add_child(_Overlay("ca-legend", legend))
    if caption:
        fmap.add_child(_Overlay("ca-caption", esc(caption)))
    labels = dict(layers.labels)  # a briefing hides the place circles, not their names
    config = {
        **basemap_source(assets, layers.frame.bounds),
        "theme": THEMES["dark" if dark else "light"],
        "labels": {**labels, "scale": 1.3 if briefing else 1.0},
        "view": {"lat": view.lat, "lon": view.lon, "zoom": view.zoom} if view else None,
        "frame": layers.bounds,
        "all": _corners(layers.frame.everything),
        "points": layers.outside_points(),
        "boxes": layers.outside_boxes(),
        "legendWidth": LEGEND_WIDTH_PX[briefing],
        "offlineName": OFFLINE_BASEMAP,
    }
    fmap.add_child(AtlasScript(config))
    return fmap


def _corners(bounds: tuple[float, float, float, float] | None) -> list[list[float]] | None:
    if bounds is None:
        return None
    west, south, east, north = bounds
    return [[south, west], [north, east]]


def render_map(
    filtered: StoreLike,
    *,
    assets: AssetMode = "static",
    briefing: bool = False,
    dark: bool = False,
    caption: str | None = None,
    view: MapView | None = None,
    corridors_selected: bool = False,
) -> AtlasMap:
    """Folium map of already-filtered tables."""
    layers = map_layers(filtered, corridors_selected=corridors_selected)
    return draw_map(layers, assets=assets, briefing=briefing, dark=dark, caption=caption, view=view)


def build_map(
    store: StoreLike, filters: Filters, *, assets: AssetMode = "static", caption: str | None = None,
    view: MapView | None = None,
) -> AtlasMap:
    """Filter ``store`` and draw it; in briefing mode the caption defaults to the filter summary."""
    if caption is None and filters.briefing:
        caption = describe(filters)
    return render_map(apply_filters(store, filters), assets=assets, briefing=filters.briefing, dark=filters.dark,
                      caption=caption, view=view, corridors_selected=bool(filters.corridors))


def map_html(fmap: AtlasMap) -> str:
    """The whole page of a map (the app shows it in a frame; the HTML export writes it)."""
    return cast(Figure, fmap.get_root()).render()


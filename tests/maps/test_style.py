"""A corridor's colour is its own: the same in every view, filter and export."""

from __future__ import annotations

from fastkml import KML
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex

from geo.corridors.registry import read_registry
from geo.export import to_kml
from geo.maps.features import corridor_features
from geo.maps.render import render_figure
from geo.maps.style import CORRIDOR_PALETTE, corridor_colour, corridor_colours
from geo.store.filters import Filters
from tests.support.export_layers import fake_store, without


def test_registry_corridors_have_their_registry_colour_by_id_name_or_alias() -> None:
    instc = next(spec for spec in read_registry() if spec.corridor_id == "instc")
    assert instc.colour
    assert corridor_colour("instc") == instc.colour
    assert corridor_colour("", "INSTC") == instc.colour  # an alias
    assert corridor_colour("stated:abc", "Rasht – Astara", part_of=instc.name) == instc.colour  # its branch


def test_unknown_corridors_get_a_palette_colour_fixed_by_their_id() -> None:
    colour = corridor_colour("stated:0a1b2c")
    assert colour in CORRIDOR_PALETTE
    assert corridor_colour("stated:0a1b2c") == colour
    rows = [{"corridor_id": "stated:0a1b2c", "name": "A – B"}, {"corridor_id": "instc", "name": "INSTC"}]
    assert corridor_colours(rows) == corridor_colours(rows[::-1])  # not by position in the list


def test_instc_has_one_colour_on_the_map_alone_in_the_png_and_in_the_kml() -> None:
    store = fake_store()  # its INSTC row has the registry id "instc"
    expected = corridor_colour("instc")
    full = {f["properties"]["tooltip"]: f["properties"]["style"]["color"] for f in corridor_features(store.corridors)}
    alone = corridor_features(store.corridors[store.corridors["name"] == "INSTC"])
    assert full["Corridor: INSTC"] == alone[0]["properties"]["style"]["color"] == expected

    figure = render_figure(without(store, "events", "places"), title="t", caption="c")
    drawn = {to_hex(colour) for c in figure.axes[0].collections if isinstance(c, LineCollection)
             for colour in c.get_colors()}
    assert expected in drawn

    document = KML.from_string(to_kml(store, Filters())).features[0]
    style_id = next(p.style_url.url for f in document.features if f.name == "Corridors" for p in f.features
                    if p.name == "INSTC")
    style = next(s for s in document.styles if f"#{s.id}" == style_id)
    kml_colour = style.styles[0].color  # aabbggrr
    assert f"#{kml_colour[6:8]}{kml_colour[4:6]}{kml_colour[2:4]}" == expected

"""The static renderer draws what is filtered, at the preset size, with a truthful legend and scale."""

from __future__ import annotations

import io
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle
from PIL import Image
from pyproj import Geod, Transformer

from geo.events.types import BY_NAME
from geo.maps.render import PRESETS, legend_labels, map_bounds, map_crs, render_figure, render_png
from geo.maps.style import event_style
from tests.support.export_layers import CITIES, FakeStore, fake_store, without

TITLE = "Caspian corridors"
CAPTION = "Time window: 2024-01-01 – 2024-12-31 · types: meeting"


def _image(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


@pytest.mark.parametrize("preset", ["slides", "a4"])
def test_png_has_preset_size_and_is_not_blank(preset: str) -> None:
    png = render_png(fake_store(), title=TITLE, caption=CAPTION, preset=preset)

    pixels = _image(png)
    expected = PRESETS[preset]
    assert pixels.shape[:2] == (expected.height_px, expected.width_px)
    assert pixels.std() > 20  # land, sea, lines and text, not a flat fill
    assert len(np.unique(pixels.reshape(-1, 3)[::97], axis=0)) > 50


def test_png_records_title_and_attribution() -> None:
    image = Image.open(io.BytesIO(render_png(fake_store(), title=TITLE, caption=CAPTION)))
    assert image.info["Title"] == TITLE
    assert "Natural Earth" in image.info["Source"]
    assert "GeoNames" in image.info["Source"]


def test_legend_lists_every_layer_present() -> None:
    labels = legend_labels(render_figure(fake_store(), title=TITLE, caption=CAPTION))

    assert labels == [
        "Corridor: INSTC",
        "Route: Kermanshah – Baghdad",
        "Place (7; size: mentions)",
        "Meeting (2)",
        "Agreement (1)",
        "Military exercise (1)",
        "Visit (1)",
    ]


@pytest.mark.parametrize(
    ("emptied", "absent"),
    [
        (("corridors",), ("Corridor:", "Route:")),
        (("events",), ("Meeting", "Visit", "Agreement", "Military")),
        (("places",), ("Place",)),
        (("events", "places"), ("Meeting", "Place")),
    ],
)
def test_legend_leaves_out_empty_layers(emptied: tuple[str, ...], absent: tuple[str, ...]) -> None:
    labels = legend_labels(render_figure(without(fake_store(), *emptied), title=TITLE, caption=CAPTION))

    assert labels  # the other layers are still listed
    assert not [label for label in labels if label.startswith(absent)]


def test_empty_view_says_so_instead_of_a_legend() -> None:
    figure = render_figure(without(fake_store(), "events", "places", "corridors"), title=TITLE, caption=CAPTION)

    assert legend_labels(figure) == []
    assert "No features match the filters" in [text.get_text() for text in figure.axes[0].texts]


def test_title_caption_and_attribution_are_on_the_figure() -> None:
    figure = render_figure(fake_store(), title=TITLE, caption=CAPTION)
    texts = " ".join(text.get_text() for text in figure.texts)

    assert TITLE in texts
    assert "2024-01-01 – 2024-12-31" in texts.replace("\n", " ")
    assert "Natural Earth" in texts


def test_event_marker_is_drawn_at_its_place_in_its_type_colour() -> None:
    store = fake_store()
    figure = render_figure(store, title=TITLE, caption=CAPTION)
    ax = figure.axes[0]
    to_map = Transformer.from_crs("EPSG:4326", map_crs(store), always_xy=True)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3].astype(float)

    lon, lat, _ = CITIES["Astrakhan"]  # a military exercise, nothing else drawn on top
    px, py = ax.transData.transform(to_map.transform(lon, lat))
    row, col = round(pixels.shape[0] - py), round(px)
    observed = pixels[row - 1 : row + 2, col - 1 : col + 2].reshape(-1, 3).mean(axis=0)
    expected = np.array(to_rgb(event_style("military_exercise")[2])) * 255
    assert np.abs(observed - expected).max() < 45


def test_scale_bar_length_is_true_at_the_map_centre() -> None:
    store = fake_store()
    figure = render_figure(store, title=TITLE, caption=CAPTION)
    ax = figure.axes[0]
    bar = [patch for patch in ax.patches if isinstance(patch, Rectangle)]
    length_m = sum(patch.get_width() for patch in bar)
    label_km = max(float(text.get_text().split()[0]) for text in ax.texts if text.get_text().endswith(" km"))
    assert length_m == pytest.approx(label_km * 1000)

    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    to_lonlat = Transformer.from_crs(map_crs(store), "EPSG:4326", always_xy=True)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    lon1, lat1 = to_lonlat.transform(cx - length_m / 2, cy)
    lon2, lat2 = to_lonlat.transform(cx + length_m / 2, cy)
    _, _, metres = Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)
    assert metres == pytest.approx(length_m, rel=0.01)


def test_many_events_cost_one_scatter_not_one_artist_each() -> None:
    store = fake_store()
    rng = np.random.default_rng(7)
    many = store.events.sample(5000, replace=True, random_state=1).reset_index(drop=True)
    many["geometry"] = gpd.points_from_xy(rng.uniform(44, 56, 5000), rng.uniform(27, 46, 5000), crs="EPSG:4326")
    big: FakeStore = replace(store, events=many)

    small_ax = render_figure(store, title=TITLE, caption=CAPTION).axes[0]
    big_ax = render_figure(big, title=TITLE, caption=CAPTION).axes[0]

    assert len(big_ax.collections) == len(small_ax.collections)
    assert sum(len(c.get_offsets()) for c in big_ax.collections) >= 5000


def _with_far_place(store: FakeStore) -> FakeStore:
    far = store.places.copy()
    far.loc[len(far)] = {**far.iloc[0].to_dict(), "place_id": "gn:far", "name": "Lima",
                         "geometry": shapely.Point(-77.04, -12.05)}
    return replace(store, places=far)


def test_frame_all_fits_a_far_off_place_in_a_world_view() -> None:
    store = _with_far_place(fake_store())
    figure = render_figure(store, title=TITLE, caption=CAPTION, frame="all")

    assert "Place (8; size: mentions)" in legend_labels(figure)
    assert map_crs(store, "all").to_epsg() == 8857  # Equal Earth for a world view
    assert not [t for t in figure.axes[0].texts if t.get_text().startswith("Outside this frame")]


def test_auto_frame_keeps_the_region_and_says_what_it_left_out() -> None:
    store = _with_far_place(fake_store())
    figure = render_figure(store, title=TITLE, caption=CAPTION)

    west, south, _, _ = map_bounds(store)
    assert west > 30  # framed on the Caspian region, not on Lima
    assert south > 10
    assert map_crs(store).coordinate_operation.method_name == "Lambert Azimuthal Equal Area"
    notes = [t.get_text() for t in figure.axes[0].texts if t.get_text().startswith("Outside this frame")]
    assert notes == ["Outside this frame: 2 places"]  # Lima, and Mumbai at the INSTC's far end


def test_types_without_a_map_symbol_are_other_events() -> None:
    store = fake_store()
    events = store.events.copy()
    unstyled = "ribbon_cutting"
    assert unstyled not in BY_NAME
    events.loc[events["type"] == "agreement", "type"] = unstyled
    labels = legend_labels(render_figure(replace(store, events=events), title=TITLE, caption=CAPTION))

    assert "Other events (1)" in labels
    assert not [label for label in labels if label.startswith("Ribbon")]


def test_long_corridor_names_wrap_in_the_legend() -> None:
    store = fake_store()
    corridors = store.corridors.copy()
    corridors.loc[0, "name"] = "China–Iran–Iraq–Syria–Mediterranean Corridor"
    figure = render_figure(replace(store, corridors=corridors), title=TITLE, caption=CAPTION)
    texts = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]

    assert "Corridor: China–Iran–Iraq–Syria–\n  Mediterranean Corridor" in texts


def test_unknown_preset_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="slides, a4"):
        render_png(fake_store(), title=TITLE, caption=CAPTION, preset="poster")


def test_dollar_signs_in_article_text_are_text_not_math() -> None:
    store = fake_store()
    corridors = store.corridors.copy()
    corridors.loc[0, "name"] = "The $25bn $corridor"
    title = "Costs: $5bn to $10bn"
    figure = render_figure(replace(store, corridors=corridors), title=title, caption="spent $1 and $2")
    render_png(replace(store, corridors=corridors), title=title, caption="spent $1 and $2")  # draws without a TeX error

    assert "Corridor: The $25bn $corridor" in legend_labels(figure)
    assert title in [text.get_text() for text in figure.texts]


def _collection_colours(figure: object) -> set[str]:
    from matplotlib.collections import Collection
    from matplotlib.colors import to_hex

    return {to_hex(colour) for c in figure.axes[0].collections if isinstance(c, Collection)  # type: ignore[attr-defined]
            for colour in [*c.get_edgecolors(), *c.get_facecolors()]}


def test_names_on_the_snapshot_never_overlap() -> None:
    figure = render_figure(fake_store(), title=TITLE, caption=CAPTION)
    FigureCanvasAgg(figure).draw()
    ax = figure.axes[0]
    labels = [t for t in ax.texts if t.get_zorder() == 6 and t.get_rotation() == 0]
    assert len(labels) >= 10  # places, countries, seas, towns
    boxes = [t.get_window_extent() for t in labels]
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]
    assert not overlapping
    names = {t.get_text() for t in labels}
    assert {"Tehran", "Baku", "Astrakhan"} <= names


def test_a_close_view_draws_coast_rivers_and_lakes_of_the_detail_tier() -> None:
    from geo.maps.style import THEMES
    from geo.maps.view import MapView

    volga = MapView(46.3, 48.2, 8)  # the Volga delta at Astrakhan
    figure = render_figure(fake_store(), title=TITLE, caption=CAPTION, view=volga)
    colours = _collection_colours(figure)
    assert THEMES["light"]["coast"] in colours
    assert THEMES["light"]["river"] in colours
    west, east, south, north = (float(v) for v in figure.axes[0].get_xlim() + figure.axes[0].get_ylim())
    assert west < 0 < east  # centred on the view (LAEA at its centre)
    assert south < 0 < north
    assert "Astrakhan" in [t.get_text() for t in figure.axes[0].texts]


def test_the_current_view_frames_the_snapshot() -> None:
    from geo.maps.view import MapView

    figure = render_figure(fake_store(), title=TITLE, caption=CAPTION, view=MapView(39.5, 46.5, 7))
    notes = [t.get_text() for t in figure.axes[0].texts if t.get_text().startswith("Outside this frame")]
    assert notes  # Tehran and Astrakhan lie outside a Caucasus view
    assert "event" in notes[0]

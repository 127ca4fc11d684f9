"""The view as one RFC 7946 GeoJSON file, every layer in one FeatureCollection."""

from __future__ import annotations

from geo.maps.render import MapLayers

LAYERS: tuple[str, ...] = ("events", "places", "corridors")


def to_geojson(view: MapLayers) -> bytes:
    """One FeatureCollection; each feature's ``layer`` property says events, places or corridors."""
    from geo.store.tables import geojson_text

    chunks = []
    for name in LAYERS:
        frame = getattr(view, name)
        if frame.empty:
            continue
        text = geojson_text(frame.assign(layer=name)[["layer", *frame.columns]])
        # geojson_text writes '{"type":"FeatureCollection","features":[\n' + one feature per line + '\n]}'
        body = text.split("[\n", 1)[1].rsplit("\n]", 1)[0]
        chunks.append(body)
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(chunks) + "\n]}\n").encode("utf-8")

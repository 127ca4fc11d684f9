"""Write the sample briefing ``data/briefings/caspian-corridors-2023-2024.yaml`` from a built store.

    .venv/bin/python docs/sample_briefing.py [STORE]   (default: data/processed, built from data/corpus)

Every frame comes from real features, none is typed in: a corridor view is framed on its
corridors (as the map would open on them), the ports and the exercises on the Natural Earth
marine area of the Caspian Sea, whose shore countries (from the basemap) are the ports view's
countries. Each view is captured (stamped, with a snapshot of what it draws) as "Save view" does.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from geo import settings
from geo.briefings.files import briefing_path, save_briefing
from geo.briefings.model import Briefing, View
from geo.briefings.shown import captured, fitted, framed
from geo.maps.basemap import bordering_countries, marine_bounds
from geo.maps.view import Bounds
from geo.store.filters import Filters, canonical_corridors
from geo.store.tables import Store, load_store

NAME = "Caspian corridors 2023–2024"
WINDOW = {"date_from": date(2023, 1, 1), "date_to": date(2024, 12, 31)}
SEA = "Caspian Sea"


def sea_bounds(name: str) -> Bounds:
    """The box of the Natural Earth marine area called ``name`` (the basemap has it)."""
    bounds = marine_bounds(name)
    if bounds is None:
        raise SystemExit(f"no marine area called {name!r} in the basemap")
    return bounds


def views(store: Store) -> list[View]:
    instc, zangezur, aras = canonical_corridors(store.corridors, ["INSTC", "Zangezur Corridor", "Aras Corridor"])
    west, south, east, north = sea_bounds(SEA)
    shores = bordering_countries(SEA, (west + east) / 2, (south + north) / 2)
    return [
        fitted(store, View(
            "INSTC end to end",
            "The **International North–South Transport Corridor**: Russia to India by rail, road and sea, "
            "with Iran in the middle.\n\n- the line is drawn from the waypoints the articles name\n"
            "- click a line or a point for the sentences behind it",
            Filters(corridors=(instc,), **WINDOW))),
        fitted(store, View(
            "Zangezur and Aras",
            "Two routes across the **South Caucasus** to Nakhchivan: the Zangezur corridor through Armenia's "
            "Syunik province, and the Aras corridor through Iran along the river.",
            Filters(corridors=(zangezur, aras), **WINDOW))),
        framed(View(
            "The Caspian ports",
            "What the articles say on and around the **Caspian Sea**, in the five shore countries: ports, "
            "shipping and the visits that went with them (undated reports included).",
            Filters(countries=shores, areas=(SEA,), **WINDOW)), sea_bounds(SEA)),
        framed(View(
            "The exercises",
            "Naval exercises and deployments on the Caspian the articles recall, **whenever they were**: "
            "the background to the 2023–2024 corridor talks.",
            Filters(event_types=("military_exercise", "deployment"))), sea_bounds(SEA)),
    ]


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else settings.store_dir()
    store = load_store(folder)
    briefing = Briefing(NAME, tuple(captured(store, view) for view in views(store)))
    path = save_briefing(briefing, briefing_path(NAME, settings.DATA_DIR / "briefings"))
    for number, view in enumerate(briefing.views, start=1):
        print(f"{number}. {view.title}: {view.snapshot.events} events, {view.snapshot.corridors} corridors, "
              f"{view.snapshot.places} places; view={view.extent.to_param() if view.extent else 'features'}")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

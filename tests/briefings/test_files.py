"""Briefing files: a round trip, hand edits with errors that cost only their own views, safe saves."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from geo.briefings.files import (
    briefing_path,
    known_from,
    list_briefings,
    load_briefing,
    parse_briefing,
    save_briefing,
    slug,
    to_yaml,
    update_briefing,
)
from geo.briefings.model import Briefing, Snapshot, View
from geo.maps.view import MapView
from geo.store.filters import Filters

KNOWN = known_from([("International North–South Transport Corridor", ["INSTC", "North-South corridor"]),
                    ("Zangezur Corridor", [])], ["meeting", "visit", "military_exercise"])


def _briefing() -> Briefing:
    return Briefing(
        "Caspian corridors 2023–2024",
        (
            View("INSTC end to end", "The corridor from **Mumbai** to Moscow.\n\n- rail\n- sea",
                 Filters(corridors=("International North–South Transport Corridor",), date_from=date(2023, 1, 1)),
                 MapView(40.5, 52.25, 4.0), ("corridors", "events"),
                 datetime(2026, 12, 1, 10, 30, tzinfo=UTC), Snapshot(3, 4, 1, ("a.txt", "b.txt"), True, "abc123")),
            View("Exercises", filters=Filters(event_types=("military_exercise",), include_undated=False)),
        ),
    )


def test_a_briefing_survives_the_round_trip_through_its_file(tmp_path: Path) -> None:
    briefing = _briefing()
    path = save_briefing(briefing, tmp_path / "caspian.yaml")
    loaded = load_briefing(path, KNOWN)
    assert loaded.problems == ()
    assert loaded.briefing == briefing
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["views"][0]["view"] == {"lat": 40.5, "lon": 52.25, "zoom": 4.0}
    assert data["views"][1]["filters"] == {"include_undated": "0", "event_types": ["military_exercise"]}
    assert "note: |" in path.read_text(encoding="utf-8")  # a note reads as a block of Markdown, diff-able


def test_names_become_safe_file_names(tmp_path: Path) -> None:
    assert slug("Caspian corridors 2023–2024") == "caspian-corridors-2023-2024"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert briefing_path("../x", tmp_path).parent == tmp_path
    save_briefing(Briefing("Zeta"), briefing_path("Zeta", tmp_path))
    save_briefing(Briefing("Alpha"), briefing_path("Alpha", tmp_path))
    assert [name for name, _ in list_briefings(tmp_path)] == ["Alpha", "Zeta"]


def test_an_unknown_filter_value_and_a_vanished_corridor_cost_only_their_own_view() -> None:
    text = to_yaml(_briefing()).replace("military_exercise", "parade").replace(
        "International North–South Transport Corridor", "Atlantis Corridor")
    text = text.replace("  layers:", "  filters_typo: 1\n  layers:", 1)
    loaded = parse_briefing(text, default_name="x", known=KNOWN)
    assert [v.title for v in loaded.briefing.views] == ["INSTC end to end", "Exercises"]
    messages = [str(p) for p in loaded.problems]
    assert any("view 1 “INSTC end to end”, filters.corridors: corridor “Atlantis Corridor”" in m for m in messages)
    assert any("view 2 “Exercises”, filters.event_types: event type “parade” is unknown" in m for m in messages)
    assert loaded.briefing.views[0].filters.corridors == ()
    assert loaded.briefing.views[0].extent == MapView(40.5, 52.25, 4.0)  # the rest of the view is kept


def test_a_corridor_named_by_an_alias_follows_the_registry_name() -> None:
    text = to_yaml(_briefing()).replace("International North–South Transport Corridor", "INSTC")
    view = parse_briefing(text, default_name="x", known=KNOWN).briefing.views[0]
    assert view.filters.corridors == ("International North–South Transport Corridor",)


def test_unreadable_values_are_reported_with_their_field() -> None:
    text = """
version: 1
name: Test
views:
  - title: One
    filters: {date_from: "last tuesday", min_confidence: high, nonsense: 3}
    view: {lat: 123, lon: 10, zoom: 5}
    layers: [events, roads]
  - title: Two
"""
    loaded = parse_briefing(text, default_name="x", known=KNOWN)
    fields = {p.field for p in loaded.problems}
    assert {"filters.date_from", "filters.min_confidence", "filters.nonsense", "view", "layers"} <= fields
    one, two = loaded.briefing.views
    assert one.filters == Filters()
    assert one.extent is None
    assert one.layers == ("events",)
    assert two.title == "Two"


def test_broken_yaml_keeps_every_view_that_still_reads() -> None:
    text = to_yaml(_briefing())
    broken = text.replace("title: Exercises", "title: Exercises\n    filters: {event_types: [unclosed")
    loaded = parse_briefing(broken, default_name="x", known=KNOWN)
    assert [v.title for v in loaded.briefing.views] == ["INSTC end to end"]
    assert loaded.briefing.name == "Caspian corridors 2023–2024"
    messages = [str(p) for p in loaded.problems]
    assert any("not valid YAML" in m for m in messages)
    assert any(m.startswith("view 2") and "left out" in m for m in messages)


def test_a_save_over_a_broken_file_keeps_the_broken_file_aside(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(to_yaml(_briefing()).replace("title: Exercises", "title: Exercises\n    note: [oops"), encoding="utf-8")
    update_briefing(path, lambda b: b.added(View("New view")))
    kept = list(tmp_path.glob(".b.yaml.*.broken"))
    assert len(kept) == 1
    assert "[oops" in kept[0].read_text(encoding="utf-8")
    assert [v.title for v in load_briefing(path).briefing.views] == ["INSTC end to end", "New view"]


def test_views_can_be_reordered_duplicated_renamed_and_removed() -> None:
    briefing = _briefing().added(View("Third"))
    assert [v.title for v in briefing.moved(2, 0).views] == ["Third", "INSTC end to end", "Exercises"]
    assert [v.title for v in briefing.duplicated(0).views][:2] == ["INSTC end to end", "INSTC end to end (copy)"]
    assert briefing.renamed(1, "Drills").views[1].title == "Drills"
    assert [v.title for v in briefing.removed(1).views] == ["INSTC end to end", "Third"]


def _add_views(path: str, prefix: str, count: int) -> None:
    for i in range(count):
        update_briefing(Path(path), lambda b, i=i: b.added(View(f"{prefix}{i}")), name="Shared")


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.yaml"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_views, args=(str(path), p, 40)) for p in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    titles = [v.title for v in load_briefing(path).briefing.views]
    assert sorted(titles) == sorted([f"a{i}" for i in range(40)] + [f"b{i}" for i in range(40)])


_WRITER = """
import sys
from pathlib import Path
from geo.briefings.files import save_briefing
from geo.briefings.model import Briefing, View
path = Path(sys.argv[1])
n = 0
while True:
    n += 1
    save_briefing(Briefing("Big", tuple(View(f"view {n} {i}", note="x" * 2000) for i in range(60))), path)
    if n == 1:
        print("saving", flush=True)
"""


def test_a_save_killed_at_any_moment_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    save_briefing(Briefing("Big", (View("first"),)), path)
    for delay in (0.0, 0.013, 0.05, 0.21):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE)
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"saving\n"  # saves run from now on
        time.sleep(delay)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        loaded = load_briefing(path)
        assert loaded.problems == ()
        assert loaded.briefing.name == "Big"
        assert len(loaded.briefing.views) in (1, 60)


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"- just a list", b"name: [1, 2"])
def test_files_that_are_no_briefing_give_a_problem_not_an_exception(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    loaded = load_briefing(path)
    assert loaded.problems
    assert loaded.briefing.views == ()

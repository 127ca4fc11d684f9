"""The named-corridor registry: the shipped file's content and clear loading errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.corridors.names import find_corridor_names
from geo.corridors.registry import (
    RegistryError,
    find_spec,
    parse_registry,
    read_registry,
    registry_fingerprint,
    resolve_corridor,
)
from tests.support.corridor_fixtures import TEST_REGISTRY, fake_resolver


def test_shipped_registry_has_the_required_corridors_and_aliases() -> None:
    specs = read_registry()
    text = (
        "INSTC, the North-South Corridor and the North–South Transport Corridor; the Zangezur "
        "Corridor; the Aras corridor; the Middle Corridor, the Trans-Caspian International Transport "
        "Route (TITR) and an East-West passage; and the China Corridor."
    )
    found = {m.corridor_id for m in find_corridor_names(text, specs)}
    assert found == {"instc", "zangezur", "aras", "middle-corridor", "china-iran-iraq-syria"}
    assert all(spec.sources for spec in specs), "every corridor cites its sources"


def test_instc_has_a_western_route_via_azerbaijan_and_a_caspian_sea_route() -> None:
    instc = find_spec(read_registry(), "instc")
    western = [r for r in instc.routes if any(w.country_code == "AZ" for w in r.waypoints)]
    assert western
    assert "land" in western[0].modes
    caspian = [r for r in instc.routes if "caspian" in r.label.lower()]
    assert caspian
    assert "sea" in caspian[0].modes


def test_paths_give_waypoints_and_leg_modes() -> None:
    spec = parse_registry(TEST_REGISTRY)[0]
    route = spec.routes[0]
    assert [w.name for w in route.waypoints] == ["Tehran", "Rasht", "Bandar Anzali", "Astrakhan", "Moscow"]
    assert [w.country_code for w in route.waypoints] == ["IR", "IR", "IR", "RU", "RU"]
    assert route.modes == ("land", "land", "sea", "land")
    resolved = resolve_corridor(spec, fake_resolver)
    assert resolved[0].places[2].name == "Bandar Anzali"
    assert resolved[0].points[0] == (51.39, 35.69)


def _registry(path: str, name: str = "Test Corridor") -> str:
    return f"corridors:\n  - id: test\n    name: {name}\n    routes:\n      - path: {path}\n"


def test_unknown_place_name_names_the_corridor_and_the_waypoint() -> None:
    spec = parse_registry(_registry("Tehran (IR) -> Atlantis (IR) -> Rasht (IR)"))[0]
    with pytest.raises(
        RegistryError, match=r"corridor 'Test Corridor': waypoint 'Atlantis' \(IR\) is not in the gazetteer"
    ):
        resolve_corridor(spec, fake_resolver)


def test_place_in_the_wrong_country_is_an_error() -> None:
    def anywhere(name: str, country_code: str):  # a resolver that ignores the country hint
        return fake_resolver(name, "AZ") or fake_resolver(name, "IR")

    spec = parse_registry(_registry("Tehran (IR) -> Astara (IR)"))[0]
    with pytest.raises(RegistryError, match="'Astara' resolved to Astara in AZ, expected a place in IR"):
        resolve_corridor(spec, anywhere)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_registry("Tehran -> Rasht (IR)"), "waypoint 'Tehran' must be written 'Name \\(CC\\)'"),
        (_registry("Tehran (IR)"), "a route needs at least two waypoints"),
        (_registry("Tehran (IR) => Rasht (IR)"), "must be written 'Name \\(CC\\)'"),
        ("corridors:\n  - id: x\n    name: X\n", "corridor 'X': needs at least one route"),
        (
            "corridors:\n  - id: Bad Id\n    name: X\n    routes: []\n",
            "corridor 'X': 'id' must be a lower-case slug",
        ),
        (
            "corridors:\n  - name: X\n    id: x\n    aliases: [1]\n    routes:\n      - path: A (IR) -> B (IR)\n",
            "'aliases' must be a list",
        ),
        ("corridors: [\n", "not valid YAML"),
        ("routes: []\n", "top-level 'corridors' list"),
        (
            _registry("A (IR) -> B (IR)") + _registry("A (IR) -> B (IR)").removeprefix("corridors:\n"),
            "duplicate id 'test'",
        ),
    ],
)
def test_malformed_registry_is_reported_clearly(text: str, message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        parse_registry(text)


def test_alias_matching_is_case_insensitive_on_word_boundaries() -> None:
    specs = parse_registry(TEST_REGISTRY)
    text = "The caspian link and the north–south link; CLC not clc; Caspian Linkage; China's corridor."
    found = [(text[m.start : m.end], m.corridor_id) for m in find_corridor_names(text, specs)]
    assert found == [
        ("caspian link", "caspian-link"),
        ("north–south link", "caspian-link"),
        ("CLC", "caspian-link"),
    ]


def test_other_capitalised_corridor_names_are_found_without_an_id() -> None:
    specs = parse_registry(TEST_REGISTRY)
    text = "The Lobito Corridor and the Caspian Link Corridor; a transport corridor."
    found = [(m.name, m.corridor_id) for m in find_corridor_names(text, specs)]
    assert found == [("Lobito Corridor", None), ("Caspian Link Corridor", "caspian-link")]


def test_fingerprint_changes_with_the_registry_file(tmp_path: Path) -> None:
    path = tmp_path / "corridors.yaml"
    path.write_text(TEST_REGISTRY, encoding="utf-8")
    before = registry_fingerprint(path)
    path.write_text(TEST_REGISTRY.replace("CLC", "CLK"), encoding="utf-8")
    assert registry_fingerprint(path) != before

"""Chart builders: the Vega-Lite specs carry the expected encodings, bound controls and labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from climate_course import load_table, table_meta
from climate_course.charts import (
    END_LABELS,
    EMISSION_METRICS,
    EXPLORER_COUNTRIES,
    EXPLORER_MAX_COUNTRIES,
    LABEL_GAP_PX,
    emissions_explorer,
    emissions_line_chart,
    explorer_data,
    explorer_series,
    round_figures,
)
from climate_course.theme import COUNTRY_STYLE, PLOT_HEIGHT
from vega_runner import needs_node, rows_with, vega_data
from chart_builders import BUILDERS

EMISSIONS = load_table("co2_annual")
SOURCE = table_meta("co2_annual").citation


def _params(spec: dict) -> dict:
    return {p["name"]: p for p in spec.get("params", [])}


def test_explorer_binds_every_control_to_an_input():
    spec = emissions_explorer(EMISSIONS, SOURCE).to_dict()
    params = _params(spec)
    assert params["metric"]["bind"]["input"] == "select"
    assert params["metric"]["bind"]["options"] == list(EMISSION_METRICS)
    for name in ("start_year", "end_year"):
        assert params[name]["bind"]["input"] == "range"
        assert params[name]["bind"]["max"] == 2024
    picker = spec["usermeta"]["countryPicker"]  # read by press/static/vega/course-picker.js
    assert params[picker["param"]]["value"] == picker["initial"] == EXPLORER_COUNTRIES
    assert picker["options"] == sorted(EMISSIONS["country"].unique()) and len(picker["options"]) == 216
    assert picker["max"] == EXPLORER_MAX_COUNTRIES
    assert {"label", "remove", "added"} <= set(picker["text"])  # every word the picker shows


def test_explorer_encodings_and_fixed_country_colours():
    spec = emissions_explorer(EMISSIONS, SOURCE).to_dict()
    lines = spec["layer"][0]
    assert lines["mark"]["type"] == "line"
    encoding = lines["encoding"]
    assert encoding["x"]["field"] == "year" and encoding["y"]["field"] == "value"
    assert encoding["color"]["field"] == "country"
    scale = encoding["color"]["scale"]
    assert scale["domain"] == {"expr": "countries"} and len(scale["range"]) == EXPLORER_MAX_COUNTRIES
    assert f'"China": "{COUNTRY_STYLE["China"]["color"]}"' in scale["range"][0]["expr"]
    assert "strokeDash" in encoding  # colour is not the only cue
    assert spec["layer"][1]["mark"]["type"] == "text"  # direct labels at line ends


def test_explorer_data_is_sent_once_per_country():
    records = explorer_series(EMISSIONS, 1850)
    assert [r["country"] for r in records] == sorted(EMISSIONS["country"].unique())
    china = next(r for r in records if r["country"] == "China")
    assert china["first"] == 1907 and len(china["co2"]) == len(china["co2_per_capita"]) == 2024 - 1907 + 1
    assert china["co2"][-1] == round(EMISSIONS.query("country == 'China' and year == 2024")["co2"].item())


@given(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False))
def test_round_figures_keeps_four_digits_or_every_unit(value):
    rounded = round_figures(value)
    assert abs(rounded - value) <= max(5e-4 * abs(value), 0.5) + 1e-9
    assert abs(rounded - value) <= 0.5 + 1e-9 or abs(value) < 1000


@needs_node
@pytest.mark.parametrize("metric", list(EMISSION_METRICS))
def test_explorer_shows_the_picked_countries_with_the_tables_values(metric):
    spec = emissions_explorer(EMISSIONS, SOURCE).to_dict()
    picked = ["Brazil", "China", "World"]
    rows = rows_with(vega_data(spec, countries=picked, metric=metric, start_year=1990, end_year=2024),
                     "country", "year", "value")
    assert {r["country"] for r in rows} == set(picked)
    table = EMISSIONS.set_index(["country", "year"])[metric]
    for row in rows:
        assert row["value"] == pytest.approx(table[(row["country"], row["year"])], rel=1e-3, abs=1e-3)
    assert len(rows) == 3 * 35


def test_every_chart_has_title_description_and_source():
    for chart in (
        emissions_explorer(EMISSIONS, SOURCE),
        emissions_line_chart(explorer_data(EMISSIONS, ["China"], "co2", (2000, 2010)), "co2", SOURCE),
    ):
        spec = chart.to_dict()
        assert spec["description"]
        assert spec["title"]["text"]
        assert "Our World in Data" in " ".join(spec["title"]["subtitle"])


def test_explorer_data_selects_metric_countries_and_years():
    data = explorer_data(EMISSIONS, ["China", "India"], "co2_per_capita", (2000, 2024))
    assert list(data.columns) == ["country", "year", "value"]
    assert set(data["country"]) == {"China", "India"}
    assert data["year"].between(2000, 2024).all() and len(data) == 50
    china_2024 = data[(data["country"] == "China") & (data["year"] == 2024)]["value"].item()
    assert china_2024 == pytest.approx(8.658)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"metric": "co3"}, "metric must be one of"),
        ({"years": (2020, 2000)}, "years must run forwards"),
        ({"countries": ["Atlantis"]}, "not in the emissions table: \\['Atlantis'\\]"),
    ],
)
def test_explorer_data_rejects_bad_input(kwargs, message):
    args = {"countries": ["China"], "metric": "co2", "years": (2000, 2010)} | kwargs
    with pytest.raises(ValueError, match=message):
        explorer_data(EMISSIONS, **args)


@given(
    first=st.integers(1850, 2024),
    span=st.integers(0, 174),
    metric=st.sampled_from(list(EMISSION_METRICS)),
    countries=st.lists(st.sampled_from(EXPLORER_COUNTRIES), min_size=1, max_size=5, unique=True),
)
def test_explorer_data_stays_inside_the_request(first, span, metric, countries):
    last = min(first + span, 2024)
    data = explorer_data(EMISSIONS, countries, metric, (first, last))
    assert set(data["country"]) <= set(countries)
    assert data["year"].between(first, last).all()
    assert not data.duplicated(["country", "year"]).any()
    assert (data["value"] >= 0).all()


def _end_labels(spec: dict, **signals) -> list[dict]:
    return [row for row in rows_with(vega_data(spec, **signals), "label_y", "rank")]


@needs_node
@pytest.mark.parametrize("signals", [{}, {"metric": "co2_per_capita"}, {"metric": "share_global_co2", "start_year": 1990}])
def test_explorer_end_labels_keep_apart(signals):
    spec = emissions_explorer(EMISSIONS, SOURCE).to_dict()
    labels = sorted(_end_labels(spec, **signals), key=lambda row: row["label_y"])
    assert [row["country"] for row in labels] and len(labels) == len(EXPLORER_COUNTRIES)
    span = max(max(r["top"] for r in labels), 0) - min(min(r["bottom"] for r in labels), 0)
    gap = span * LABEL_GAP_PX / PLOT_HEIGHT
    assert all(b["label_y"] - a["label_y"] >= gap * 0.999 for a, b in zip(labels, labels[1:]))
    assert all(row["label_y"] >= row["value"] for row in labels)  # a label only ever moves up
    lowest = min(labels, key=lambda row: row["value"])
    assert lowest["label_y"] == lowest["value"]


def test_end_label_layer_is_named_so_a_phone_can_drop_it():
    spec = emissions_explorer(EMISSIONS, SOURCE).to_dict()
    assert spec["layer"][1]["name"] == END_LABELS and spec["layer"][0].get("legend") is None
    assert spec["layer"][0]["encoding"]["color"]["legend"]  # the legend names the lines without the labels


def _lost_legends(spec: dict) -> list[str]:
    """Fields whose legend a layered spec loses: Vega-Lite merges the layers' legends of a channel
    and keeps the first layer's choice, so ``legend: null`` on an early layer (a leader line, a halo)
    removes the legend a later layer asks for."""
    lost = []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            lost += _lost_legends(part)
    if "spec" in spec:
        lost += _lost_legends(spec["spec"])
    for channel in ("color", "shape", "strokeDash"):
        first = {}
        for part in spec.get("layer", []):
            encoding = part.get("encoding", {}).get(channel)
            if isinstance(encoding, dict) and "field" in encoding:
                first.setdefault(encoding["field"], []).append(encoding.get("legend", {}) is None)
        lost += [f"{channel}: {field}" for field, hidden in first.items() if hidden[0] and not all(hidden)]
    return lost


@pytest.mark.parametrize("name", BUILDERS)
def test_no_layer_hides_the_legend_a_later_layer_draws(name):
    assert not _lost_legends(BUILDERS[name]().to_dict()), name

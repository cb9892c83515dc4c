"""The data layer: every committed table validates, and each kind of bad file gets its own clear error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from climate_course import i18n
from climate_course.data import (
    DataValidationError,
    DuplicateKeyError,
    MissingDataFileError,
    SchemaError,
    data_view,
    default_data_dir,
    joint_citation,
    load_table,
    table_meta,
    table_names,
)

TABLES = table_names()


def test_the_core_tables_exist():
    assert {"co2_annual", "co2_by_source", "temperature_anomaly", "co2_concentration"} <= set(TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_and_is_documented(name):
    table = load_table(name)
    meta = table_meta(name)
    assert len(table) > 0
    assert meta.title and meta.description and meta.attribution
    assert meta.licenses and all(lic.get("name") for lic in meta.licenses)
    assert meta.sources and all(src.get("title") for src in meta.sources)
    for field in meta.fields:
        assert field.description, f"{name}.{field.name} has no description"
        if field.type == "number":
            assert field.unit, f"{name}.{field.name} is a number without a unit"


@pytest.mark.parametrize("name", TABLES)
def test_only_open_licences_become_tables(name):
    allowed = {"CC-BY-4.0", "ODC-PDDL-1.0", "CC0-1.0", "facts-compiled-from-cited-sources",
               "derived-statistics-with-attribution"}  # annual means only, never a source's rows
    assert {lic["name"] for lic in table_meta(name).licenses} <= allowed


def test_joint_citation_credits_each_table_after_one_source_label():
    names = ["co2_annual", "electricity_generation"]
    assert joint_citation(names) == "Source: " + "; ".join(table_meta(n).attribution for n in names)
    i18n.use_language("zh_CN")
    try:
        chinese = joint_citation(names)
        assert chinese.startswith("资料来源：") and chinese.count("资料来源") == 1 and "Source" not in chinese
    finally:
        i18n.use_language(None)


@pytest.mark.parametrize("name", TABLES)
def test_data_view_shows_every_table_as_code_reads_it(name):
    """Column names exactly as typed, each with its unit; years without a thousands separator; the
    English edition's values as stored."""
    table = load_table(name)
    view = data_view(table, name, rows=3)
    headers, cells, _ = view.rows()
    units = {f.name: f.unit for f in table_meta(name).fields}
    for column, header in zip(table.columns, headers):
        assert header == column or header == f"{column} ({units[column]})", header
    for column in (c for c in table.columns if units.get(c) == "year"):
        assert all("," not in row[list(table.columns).index(column)] for row in cells)
    texts = [c for c in table.columns if table[c].dtype == object or str(table[c].dtype) == "string"]
    for column in texts:
        shown = [row[list(table.columns).index(column)] for row in cells]
        assert shown == [v if isinstance(v, str) else "–" for v in table[column].head(3)]


def test_data_view_in_chinese_glosses_keys_and_translates_texts():
    events = load_table("cooperation_timeline")[["order", "actor", "event"]]
    i18n.use_language("zh_CN")
    try:
        text = str(data_view(events, "cooperation_timeline", rows=1))
        assert "中美 (China and US)" in text  # a key code compares with keeps its English
        assert "China and the US sign" not in text and "科学技术" in text  # a sentence is translated
        assert text.startswith("中美气候与能源合作大事记") and "共 12 行" in text
    finally:
        i18n.use_language(None)


def test_data_view_needs_a_table_or_a_caption():
    with pytest.raises(ValueError, match="caption"):
        data_view(load_table("co2_annual"))


def test_co2_annual_values():
    co2 = load_table("co2_annual").set_index(["country", "year"])
    assert co2.loc[("China", 2024), "co2"] == pytest.approx(12289.037)
    assert co2.loc[("United States", 2024), "co2_per_capita"] == pytest.approx(14.197)
    assert co2.loc[("World", 2024), "share_global_co2"] == pytest.approx(100)
    assert co2.loc[("China", 2024), "share_global_co2"] == pytest.approx(31.84, abs=0.01)
    assert set(co2["release"]) == {"OWID-2025"}
    latest = co2.xs(2024, level="year")
    countries = latest[latest["entity_type"] == "country"]
    assert countries["share_global_co2"].sum() < 100  # bunkers belong to no country


def test_eu27_by_source_matches_gcb_territorial_total():
    by_source = load_table("co2_by_source").set_index(["country", "year"])
    assert by_source.loc[("EU-27", 2019), "total"] == pytest.approx(2904, abs=1)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch data folder holding a copy of co2_concentration."""
    for suffix in (".csv", ".meta.json"):
        shutil.copy(default_data_dir() / f"co2_concentration{suffix}", tmp_path)
    return tmp_path


def _edit_csv(folder: Path, old: str, new: str) -> None:
    path = folder / "co2_concentration.csv"
    path.write_text(path.read_text().replace(old, new, 1))


def test_copy_loads(data_copy):
    assert len(load_table("co2_concentration", data_copy)) == len(load_table("co2_concentration"))


def test_missing_file_names_the_file(data_copy):
    (data_copy / "co2_concentration.csv").unlink()
    with pytest.raises(MissingDataFileError, match=r"co2_concentration\.csv: data file .* not found"):
        load_table("co2_concentration", data_copy)


def test_missing_metadata_names_the_file(data_copy):
    (data_copy / "co2_concentration.meta.json").unlink()
    with pytest.raises(MissingDataFileError, match=r"co2_concentration\.meta\.json: metadata file not found"):
        load_table("co2_concentration", data_copy)


def test_malformed_value_names_column_and_line(data_copy):
    _edit_csv(data_copy, "Mauna Loa,1959,315.98", "Mauna Loa,1959,lots")
    with pytest.raises(SchemaError, match=r"co2_concentration\.csv: column 'co2_ppm' must be number; 'lots' at line 2"):
        load_table("co2_concentration", data_copy)


def test_fractional_year_is_rejected(data_copy):
    _edit_csv(data_copy, "Mauna Loa,1959,", "Mauna Loa,1959.5,")
    with pytest.raises(SchemaError, match=r"column 'year' must be integer"):
        load_table("co2_concentration", data_copy)


def test_missing_column_is_named(data_copy):
    path = data_copy / "co2_concentration.csv"
    path.write_text(path.read_text().replace("uncertainty_ppm", "uncertainty", 1))
    with pytest.raises(SchemaError, match=r"missing column\(s\) \['uncertainty_ppm'\]"):
        load_table("co2_concentration", data_copy)


def test_out_of_range_value_is_named(data_copy):
    _edit_csv(data_copy, "Mauna Loa,1959,315.98", "Mauna Loa,1959,3159.8")
    with pytest.raises(SchemaError, match=r"column 'co2_ppm' above its maximum 600 at line 2"):
        load_table("co2_concentration", data_copy)


def test_value_outside_enum_is_named(data_copy):
    _edit_csv(data_copy, "Mauna Loa,1959", "Mars,1959")
    with pytest.raises(SchemaError, match=r"column 'site' has 'Mars'"):
        load_table("co2_concentration", data_copy)


def test_duplicate_key_names_the_key(data_copy):
    _edit_csv(data_copy, "Mauna Loa,1960,", "Mauna Loa,1959,")
    with pytest.raises(DuplicateKeyError, match=r"duplicate key \('site', 'year'\) = \('Mauna Loa', 1959\) at line 2, 3"):
        load_table("co2_concentration", data_copy)


def test_broken_metadata_is_reported(data_copy):
    path = data_copy / "co2_concentration.meta.json"
    meta = json.loads(path.read_text())
    del meta["attribution"]
    path.write_text(json.dumps(meta))
    with pytest.raises(SchemaError, match=r"meta\.json: metadata lacks the entry 'attribution'"):
        load_table("co2_concentration", data_copy)


def test_every_error_is_a_data_validation_error():
    for error in (MissingDataFileError, SchemaError, DuplicateKeyError):
        assert issubclass(error, DataValidationError) and issubclass(error, ValueError)


def test_loaded_tables_are_independent_copies():
    first = load_table("co2_concentration")
    first.loc[0, "co2_ppm"] = -1
    assert load_table("co2_concentration").loc[0, "co2_ppm"] > 0


def test_consumption_based_co2_matches_the_verified_2019_values():
    """shared/data/SOURCES.md checked these (MtC x 3.664); the gaps are what chapter 0 quotes."""
    table = load_table("co2_consumption").set_index(["country", "year"])
    assert table.loc[("China", 2019), "consumption_co2"] == pytest.approx(9933, abs=1)
    assert table.loc[("United States", 2019), "consumption_co2"] == pytest.approx(5686, abs=1)
    assert table.loc[("EU-27", 2019), "territorial_co2"] == pytest.approx(2904, abs=1)
    assert table.loc[("China", 2019), "consumption_vs_territorial_pct"] == pytest.approx(-7.35, abs=0.01)
    assert table.loc[("World", 2019), "consumption_vs_territorial_pct"] == pytest.approx(0, abs=0.01)

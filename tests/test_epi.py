"""EPI 2020 helpers: ranks of the highlighted countries, the index's structure and the ranking chart."""

from __future__ import annotations

import pytest

from climate_course import epi, load_table, table_meta

TABLE = load_table("epi_2020")
STRUCTURE = load_table("epi_2020_structure")


def test_table_has_180_countries_and_ranks_in_range():
    assert len(TABLE) == 180
    assert TABLE["epi_rank"].min() == 1 and TABLE["epi_rank"].max() <= 180


def test_paper_ranks():
    ranks = epi.ranks(TABLE)
    assert ranks.loc["Denmark", "epi_rank"] == 1
    assert ranks.loc["United States", "epi_rank"] == 24
    assert ranks.loc["China", "epi_rank"] == 120


def test_unknown_iso_is_named():
    with pytest.raises(ValueError, match="XXX"):
        epi.ranks(TABLE, ["XXX"])


def test_structure_counts_32_indicators_in_11_categories():
    counts = epi.structure_counts(STRUCTURE)
    assert counts["indicator"] == 32 and counts["issue_category"] == 11 and counts["policy_objective"] == 2
    by_cat = epi.indicators_by_category(STRUCTURE)
    assert by_cat["indicators"].sum() == 32 and (by_cat["indicators"] > 0).all()


def test_categories_table_names_each_objective():
    text = str(epi.categories_table(STRUCTURE))
    assert "Environmental Health" in text and "Ecosystem Vitality" in text and "HLT" not in text
    assert text.count("\n") == 2 + 11  # caption, headers, rule line, one line per category


def test_ranking_chart_labels_highlighted_countries():
    spec = epi.ranking_chart(TABLE, table_meta("epi_2020").citation).to_dict()
    assert "Denmark (rank 1" in spec["description"] and "China (rank 120" in spec["description"]
    assert spec["title"]["text"] and spec["title"]["subtitle"]
    datasets = spec["datasets"].values()
    labels = [row.get("label") for rows in datasets for row in rows if "label" in row]
    assert "United States 24" in labels and len(set(labels)) == 6


def test_ranking_chart_spec_is_strict_json():
    import json
    spec = epi.ranking_chart(TABLE, "Source: test").to_dict()
    json.dumps(spec, allow_nan=False)

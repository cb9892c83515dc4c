"""Environmental Performance Index 2020: country scores and the index's structure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

EPI_DIR = "epi-2020"
LEVELS = {"EPI": "index", "PolicyObjective": "policy_objective", "IssueCategory": "issue_category", "Indicator": "indicator"}


def epi_2020(raw: Path) -> pd.DataFrame:
    """EPI 2020 score, rank and 10-year change, plus the climate-change category, for 180 countries.

    Columns come unchanged from the results file: ``EPI.new``, ``EPI.rnk.new``,
    ``EPI.change``, and the Climate Change issue category ``CCH.new``,
    ``CCH.rnk.new``, ``CCH.change`` (names from the variable-attribute files).
    """
    results = pd.read_csv(raw / EPI_DIR / "epi2020results20200604.csv")
    out = results.rename(
        columns={
            "EPI.new": "epi_score", "EPI.rnk.new": "epi_rank", "EPI.change": "epi_change",
            "CCH.new": "climate_score", "CCH.rnk.new": "climate_rank", "CCH.change": "climate_change",
        }
    )
    out["edition"] = "EPI-2020"
    columns = ["iso", "country", "epi_score", "epi_rank", "epi_change",
               "climate_score", "climate_rank", "climate_change", "edition"]
    return out[columns].sort_values(["epi_rank", "country"]).reset_index(drop=True)


def epi_2020_structure(raw: Path) -> pd.DataFrame:
    """The index's tree: 2 policy objectives, issue categories and indicators, with each item's parent.

    The indicator file lists items in order, each below the objective or category
    it belongs to; the parent is the nearest item one level up.
    """
    items = pd.read_csv(raw / EPI_DIR / "epi2020indicatortla20200604.csv")
    items["level"] = items["Type"].map(LEVELS)
    if items["level"].isna().any():
        raise ValueError(f"unknown item types: {sorted(items.loc[items['level'].isna(), 'Type'].unique())}")
    parents, current = [], {}
    rank = {"index": 0, "policy_objective": 1, "issue_category": 2, "indicator": 3}
    for level, code in zip(items["level"], items["Abbreviation"]):
        up = [lvl for lvl, r in rank.items() if r == rank[level] - 1]
        parents.append(current.get(up[0]) if up else None)
        current[level] = code
    items["parent"] = parents
    items = items.rename(columns={"Abbreviation": "code", "Variable": "name", "Short name": "short_name", "Order": "order"})
    items["name"] = items["name"].str.strip()
    return items[["order", "code", "level", "name", "short_name", "parent"]]


TABLES = {"epi_2020": epi_2020, "epi_2020_structure": epi_2020_structure}

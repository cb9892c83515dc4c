"""Electricity generation by source: shares (OWID 2025 release) and TWh (OWID 2024 release)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SOURCES = ["coal", "gas", "oil", "nuclear", "hydro", "wind", "solar", "bioenergy", "other_renewables"]
FOSSIL = ["coal", "gas", "oil"]


def _countries_world_eu(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep countries (ISO code), World and EU-27; drop other regional aggregates."""
    frame = frame.copy()
    frame["Entity"] = frame["Entity"].replace({"European Union (27)": "EU-27"})
    is_country = frame["Code"].str.fullmatch(r"[A-Z]{3}|OWID_KOS", na=False)
    return frame[is_country | frame["Entity"].isin(["World", "EU-27"])]


def electricity_share(raw: Path) -> pd.DataFrame:
    """Share of electricity generation by source (%), 1985-2024, one row per country and year.

    2025 is dropped: the file holds early estimates for only a few dozen entities.
    """
    share = pd.read_csv(raw / "electricity-mix/owid-grapher/share-elec-by-source.csv")
    share = _countries_world_eu(share).rename(
        columns={"Entity": "country", "Year": "year", "Hydropower": "hydro", "Other renewables": "other_renewables"}
    )
    share = share.rename(columns=str.lower)
    share = share[share["year"] <= 2024]
    share["fossil"] = share[FOSSIL].sum(axis=1, min_count=1)
    share["low_carbon"] = share[[s for s in SOURCES if s not in FOSSIL]].sum(axis=1, min_count=1)
    share[[*SOURCES, "fossil", "low_carbon"]] = share[[*SOURCES, "fossil", "low_carbon"]].round(4)
    share["release"] = "OWID-2025-electricity"
    columns = ["country", "year", *SOURCES, "fossil", "low_carbon", "release"]
    return share[columns].sort_values(["country", "year"]).reset_index(drop=True)


def electricity_generation(raw: Path) -> pd.DataFrame:
    """Electricity generation by source (TWh), 1985-2023, one row per country and year."""
    stacked = pd.read_csv(raw / "electricity-mix/owid-grapher/electricity-prod-source-stacked.csv")
    rename = {"Entity": "country", "Year": "year"}
    for column in stacked.columns[3:]:
        label = column.split(" - TWh")[0]
        rename[column] = "other_renewables" if label.startswith("Other renewables") else label.removeprefix(
            "Electricity from ").strip()
    wide = _countries_world_eu(stacked).rename(columns=rename)
    wide["total"] = wide[SOURCES].sum(axis=1, min_count=1)
    wide["release"] = "OWID-2024-electricity"
    return wide[["country", "year", *SOURCES, "total", "release"]].sort_values(["country", "year"]).reset_index(drop=True)


TABLES = {"electricity_share": electricity_share, "electricity_generation": electricity_generation}

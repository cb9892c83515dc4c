"""Consumption-based and territorial fossil CO₂ (Global Carbon Budget 2023) for chapter 0.

Reads the two national sheets exported from GCP's National_Fossil_Carbon_Emissions_2023v1.0
(``gcb-2023/GCB_consumption.csv`` and ``GCB_territorial.csv``: ``;`` separator, ``,``
decimal mark, one column per country, values in MtC) and keeps China, the United States,
the EU-27 and the World for the years both sheets cover, converted to MtCO₂ (× 3.664).
Country consumption values end in 2021.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FOLDER = Path("co2-emissions") / "gcb-2023"
MTC_TO_MTCO2 = 3.664
ENTITIES = {"China": "China", "USA": "United States", "EU27": "EU-27", "World": "World"}


def _sheet(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, sep=";", decimal=",")
    frame = frame.rename(columns={frame.columns[0]: "year"}).set_index("year")
    missing = set(ENTITIES) - set(frame.columns)
    if missing:
        raise ValueError(f"{path.name}: no column for {sorted(missing)}")
    return frame[list(ENTITIES)].rename(columns=ENTITIES) * MTC_TO_MTCO2


def co2_consumption(raw: Path) -> pd.DataFrame:
    """One row per entity and year: consumption-based and territorial fossil CO₂ (MtCO₂) and their gap (%)."""
    cons = _sheet(raw / FOLDER / "GCB_consumption.csv").stack().rename("consumption_co2")
    terr = _sheet(raw / FOLDER / "GCB_territorial.csv").stack().rename("territorial_co2")
    table = pd.concat([cons, terr], axis=1, join="inner").dropna().reset_index()
    table = table.rename(columns={"level_1": "country"})
    table["consumption_vs_territorial_pct"] = 100 * (table["consumption_co2"] / table["territorial_co2"] - 1)
    table = table[["country", "year", "consumption_co2", "territorial_co2", "consumption_vs_territorial_pct"]]
    return table.sort_values(["country", "year"]).round(2).reset_index(drop=True)


TABLES = {"co2_consumption": co2_consumption}

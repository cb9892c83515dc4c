"""Small, tested computations on the curated tables that chapters quote as numbers."""

from __future__ import annotations

import pandas as pd

from .charts import EMISSION_METRICS
from .tables import Table


def latest_year(table: pd.DataFrame, country: str = "World") -> int:
    """Last year with data for ``country`` (default: the World row)."""
    years = table.loc[table["country"] == country, "year"]
    if years.empty:
        raise ValueError(f"{country!r} is not in the table")
    return int(years.max())


def snapshot(table: pd.DataFrame, countries: list[str], year: int, columns: list[str] | None = None) -> pd.DataFrame:
    """One row per country, in the given order, with ``columns`` (default: every explorer metric) in ``year``."""
    rows = table[(table["year"] == year) & table["country"].isin(countries)].set_index("country")
    missing = [c for c in countries if c not in rows.index]
    if missing:
        raise ValueError(f"no {year} data for {missing}")
    return rows.loc[countries, columns or list(EMISSION_METRICS)]


def snapshot_table(table: pd.DataFrame, countries: list[str], year: int) -> Table:
    """:func:`snapshot` as a table, rounded the way the chapters quote it."""
    frame = snapshot(table, countries, year)
    shown = pd.DataFrame({
        "Country": frame.index,
        "Annual CO₂": frame["co2"].to_numpy(),
        "Per person": frame["co2_per_capita"].to_numpy(),
        "Since 1750": frame["cumulative_co2"].to_numpy() / 1000,
        "Share of world": frame["share_global_co2"].to_numpy(),
    })
    return Table(shown, f"Fossil CO₂ in {year}",
                 units={"Annual CO₂": "Mt", "Per person": "t", "Since 1750": "Gt", "Share of world": "%"},
                 decimals={"Annual CO₂": 0, "Per person": 2, "Since 1750": 1, "Share of world": 1})


def consumption_table(consumption: pd.DataFrame, year: int) -> Table:
    """Territorial and consumption-based CO₂ of each country in ``year`` (the ``co2_consumption``
    table; the World row left out)."""
    rows = consumption[(consumption["year"] == year) & (consumption["country"] != "World")]
    if rows.empty:
        raise ValueError(f"no consumption-based data for {year}")
    shown = rows[["country", "territorial_co2", "consumption_co2", "consumption_vs_territorial_pct"]].round(1).rename(columns={
        "country": "Country", "territorial_co2": "Territorial", "consumption_co2": "Consumption-based",
        "consumption_vs_territorial_pct": "Consumption vs territorial"})
    return Table(shown, f"Territorial and consumption-based fossil CO₂, {year}", decimals=1,
                 units={"Territorial": "Mt", "Consumption-based": "Mt", "Consumption vs territorial": "%"})

"""Small, tested computations on the curated tables that chapters quote as numbers."""

from __future__ import annotations

import pandas as pd

from .charts import EMISSION_METRICS
from .i18n import N_, _
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
        N_("Country"): frame.index,
        N_("Annual CO₂"): frame["co2"].to_numpy(),
        N_("Per person"): frame["co2_per_capita"].to_numpy(),
        N_("Since 1750"): frame["cumulative_co2"].to_numpy() / 1000,
        N_("Share of world"): frame["share_global_co2"].to_numpy(),
    })
    return Table(shown, _("Fossil CO₂ in {year}", year=year),
                 units={N_("Annual CO₂"): N_("Mt"), N_("Per person"): N_("t"), N_("Since 1750"): N_("Gt"), N_("Share of world"): "%"},
                 decimals={N_("Annual CO₂"): 0, N_("Per person"): 2, N_("Since 1750"): 1, N_("Share of world"): 1},
                 names=[N_("Country")])


def consumption_table(consumption: pd.DataFrame, year: int) -> Table:
    """Territorial and consumption-based CO₂ of each country in ``year`` (the ``co2_consumption``
    table; the World row left out)."""
    rows = consumption[(consumption["year"] == year) & (consumption["country"] != "World")]
    if rows.empty:
        raise ValueError(f"no consumption-based data for {year}")
    shown = rows[["country", "territorial_co2", "consumption_co2", "consumption_vs_territorial_pct"]].round(1).rename(columns={
        "country": N_("Country"), "territorial_co2": N_("Territorial"), "consumption_co2": N_("Consumption-based"),
        "consumption_vs_territorial_pct": N_("Consumption vs territorial")})
    return Table(shown, _("Territorial and consumption-based fossil CO₂, {year}", year=year), decimals=1,
                 units={N_("Territorial"): N_("Mt"), N_("Consumption-based"): N_("Mt"), N_("Consumption vs territorial"): "%"},
                 names=[N_("Country")])

"""Small, tested computations on the curated tables that chapters quote as numbers."""

from __future__ import annotations

import pandas as pd

from .charts import EMISSION_METRICS
from .i18n import _, table_text


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


def format_snapshot(frame: pd.DataFrame) -> str:
    """Fixed-width text of :func:`snapshot`, rounded the way the chapters quote it."""
    shown = pd.DataFrame(
        {
            _("CO2 (Mt)"): frame["co2"].map("{:,.0f}".format),
            _("t per person"): frame["co2_per_capita"].map("{:.2f}".format),
            _("since 1750 (Gt)"): (frame["cumulative_co2"] / 1000).map("{:,.1f}".format),
            _("share of world (%)"): frame["share_global_co2"].map("{:.1f}".format),
        }
    )
    return table_text(shown)

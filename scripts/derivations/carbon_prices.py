"""Annual average allowance prices of the EU ETS and China's national ETS, from ICAP's daily file.

The raw file (``carbon-pricing/_icap-graph-price-data-2008-04-01-2025-04-15.csv``, ICAP
Allowance Price Explorer) is not openly licensed, so the course keeps none of its daily
rows: only the yearly means computed here, with ICAP's attribution. The file has two
header rows (row 1 names each system over the first column of its block, row 2 names the
fields of the block) and dates in **dd/mm/yyyy**, not sorted. Parsing the dates
month-first silently drops every day after the 12th of a month, which is why the dates
are parsed with an explicit format and any row that fails to parse is an error.

For the EU ETS the file holds auction (``Primary Market``) prices in EUR; for China's
national ETS, secondary-market prices in CNY from 2021, with a daily CNY/EUR rate.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ICAP_FILE = Path("carbon-pricing") / "_icap-graph-price-data-2008-04-01-2025-04-15.csv"
DATE_FORMAT = "%d/%m/%Y"

# system label in the course -> (system name in ICAP's first header row, price field, currency)
SYSTEMS = {
    "EU ETS": ("European Union Emissions Trading System", "Primary Market", "EUR"),
    "China national ETS": ("China National Emissions Trading System", "Secondary Market", "CNY"),
}
COLUMNS = ["system", "year", "market", "currency", "mean_price", "mean_price_eur", "days"]


def _block(header_systems: pd.Series, header_fields: pd.Series, system: str) -> dict[str, int]:
    """Column positions of one system's fields: the block starts at the system's name."""
    starts = [i for i, name in enumerate(header_systems) if isinstance(name, str) and name.strip()]
    first = next(i for i in starts if header_systems[i].strip() == system)
    end = next((i for i in starts if i > first), len(header_systems))
    return {str(header_fields[i]).strip(): i for i in range(first, end)}


def read_icap_daily(path: Path, system: str, field: str) -> pd.DataFrame:
    """Daily ``price`` and ``eur_per_unit`` (EUR per unit of market currency) of one system, dated."""
    raw = pd.read_csv(path, header=None, dtype=str, encoding="utf-8-sig", low_memory=False)
    columns = _block(raw.iloc[0], raw.iloc[1], system)
    rate_field = next(name for name in columns if name.startswith("Exchange rate") and name.endswith("/EUR"))
    body = raw.iloc[2:]
    body = body[body[0].notna() & (body[0].str.strip() != "")]
    dates = pd.to_datetime(body[0].str.strip(), format=DATE_FORMAT, errors="raise")
    frame = pd.DataFrame({
        "date": dates.to_numpy(),
        "price": pd.to_numeric(body[columns[field]], errors="coerce").to_numpy(),
        "eur_per_unit": pd.to_numeric(body[columns[rate_field]], errors="coerce").to_numpy(),
    })
    return frame.dropna(subset=["price"]).sort_values("date").reset_index(drop=True)


def annual_means(daily: pd.DataFrame) -> pd.DataFrame:
    """Mean price, mean price in EUR (each day at its own rate) and number of priced days, per year."""
    daily = daily.assign(year=daily["date"].dt.year, price_eur=daily["price"] * daily["eur_per_unit"])
    grouped = daily.groupby("year")
    return pd.DataFrame({
        "mean_price": grouped["price"].mean(),
        "mean_price_eur": grouped["price_eur"].mean(),
        "days": grouped["price"].size(),
    }).reset_index()


def allowance_prices_annual(raw: Path) -> pd.DataFrame:
    """Yearly mean allowance prices of the EU ETS (auctions) and China's national ETS (secondary market)."""
    parts = []
    for label, (system, field, currency) in SYSTEMS.items():
        yearly = annual_means(read_icap_daily(raw / ICAP_FILE, system, field))
        parts.append(yearly.assign(system=label, market=field.replace(" Market", "").lower(), currency=currency))
    table = pd.concat(parts, ignore_index=True)[COLUMNS]
    table["mean_price"] = table["mean_price"].round(2)
    table["mean_price_eur"] = table["mean_price_eur"].round(2)
    return table


TABLES = {"allowance_prices_annual": allowance_prices_annual}

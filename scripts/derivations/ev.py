"""Electric-car sales, sales share and stock by region, from the IEA Global EV Outlook 2024."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

RAW_FILE = "ev-iea-gev2024/IEA-EV-dataEV salesHistoricalCars.csv"
RELEASE = "IEA-GEVO-2024"
# IEA region names -> the names the course uses elsewhere (so the book-wide styles apply)
RENAME = {"USA": "United States", "EU27": "EU-27"}
AGGREGATES = {"World", "Europe", "EU-27", "Rest of the world"}


def ev_sales(raw: Path) -> pd.DataFrame:
    """One row per region and year: BEV, PHEV and FCEV car sales and stock, totals and shares.

    Total EV sales (stock) = BEV + PHEV + FCEV, with a powertrain the IEA does not list
    counted as zero; a total is left empty only when all three are missing.
    """
    # the file has Windows line endings; pandas' C parser strips the carriage returns
    long = pd.read_csv(raw / RAW_FILE)
    long = long[(long["category"] == "Historical") & (long["mode"] == "Cars")]
    long["region"] = long["region"].replace(RENAME)
    keys = ["region", "year"]

    def wide(parameter: str, prefix: str) -> pd.DataFrame:
        part = long[long["parameter"] == parameter]
        table = part.pivot_table(index=keys, columns="powertrain", values="value", aggfunc="first")
        table = table.reindex(columns=["BEV", "PHEV", "FCEV"])
        table.columns = [f"{p.lower()}_{prefix}" for p in table.columns]
        table[f"ev_{prefix}"] = table.sum(axis=1, min_count=1)
        return table

    def share(parameter: str, name: str) -> pd.Series:
        part = long[(long["parameter"] == parameter) & (long["powertrain"] == "EV")]
        return part.set_index(keys)["value"].rename(name)

    table = pd.concat(
        [wide("EV sales", "sales"), share("EV sales share", "ev_sales_share"),
         wide("EV stock", "stock"), share("EV stock share", "ev_stock_share")],
        axis=1,
    ).reset_index()
    table["region_type"] = table["region"].map(lambda r: "aggregate" if r in AGGREGATES else "country")
    table["release"] = RELEASE
    counts = [c for c in table.columns if c.endswith(("_sales", "_stock"))]
    table[counts] = table[counts].round().astype("Int64")
    columns = [
        "region", "region_type", "year", "bev_sales", "phev_sales", "fcev_sales", "ev_sales",
        "ev_sales_share", "bev_stock", "phev_stock", "fcev_stock", "ev_stock", "ev_stock_share", "release",
    ]
    return table[columns].sort_values(keys).reset_index(drop=True)


TABLES = {"ev_sales": ev_sales}

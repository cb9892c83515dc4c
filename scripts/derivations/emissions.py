"""CO2 emissions tables, temperature anomaly and CO2 concentration."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

OWID_2025 = "OWID-2025"  # OWID CO2 dataset, 2025 release (Global Carbon Budget 2025)
GCB_2023 = "GCB-2023v28"  # GCP fossil CO2 emissions dataset, 2023 release
FIRST_YEAR = 1850  # rows kept from here on; cumulative sums still start in 1750
MTC_TO_MTCO2 = 44.01 / 12.011  # 3.664: mass of CO2 per mass of carbon
EU27 = [
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia",
    "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia",
    "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania",
    "Slovakia", "Slovenia", "Spain", "Sweden",
]


def _owid_codes(raw: Path) -> pd.Series:
    """Entity -> ISO 3166-1 alpha-3 code, from OWID's own chart download of the same release."""
    grapher = pd.read_csv(raw / "co2-emissions/owid-grapher/co-emissions-per-capita.csv")
    return grapher.drop_duplicates("Entity").set_index("Entity")["Code"]


def co2_annual(raw: Path) -> pd.DataFrame:
    """Annual fossil CO2 for every country, World and EU-27, one release (OWID 2025), to 2024.

    Cumulative emissions and the share of the world total are computed here from the
    same release, so that no column mixes releases.
    """
    owid = pd.read_csv(raw / "co2-emissions/owid-2025-subset/owid-co2-data.csv")
    owid["country"] = owid["country"].replace({"European Union (27)": "EU-27"})
    codes = _owid_codes(raw)
    owid["iso_code"] = owid["country"].map(codes)
    is_country = owid["iso_code"].str.fullmatch(r"[A-Z]{3}|OWID_KOS", na=False)
    keep = owid[is_country | owid["country"].isin(["World", "EU-27"])].copy()
    keep["entity_type"] = "country"
    keep.loc[keep["country"] == "World", "entity_type"] = "world"
    keep.loc[keep["country"] == "EU-27", "entity_type"] = "region"
    keep.loc[keep["entity_type"] != "country", "iso_code"] = pd.NA
    keep = keep[keep["co2"].notna()].sort_values(["country", "year"])
    keep["cumulative_co2"] = keep.groupby("country")["co2"].cumsum()
    world = keep[keep["country"] == "World"].set_index("year")
    keep["share_global_co2"] = 100 * keep["co2"] / keep["year"].map(world["co2"])
    keep["share_global_cumulative_co2"] = 100 * keep["cumulative_co2"] / keep["year"].map(world["cumulative_co2"])
    keep["population"] = keep["population"].round().astype("Int64")
    keep["release"] = OWID_2025
    keep = keep[keep["year"] >= FIRST_YEAR]
    columns = [
        "country", "iso_code", "entity_type", "year", "population", "co2", "co2_per_capita",
        "cumulative_co2", "share_global_co2", "share_global_cumulative_co2",
        "coal_co2", "oil_co2", "gas_co2", "release",
    ]
    return keep[columns].reset_index(drop=True)


def co2_by_source(raw: Path) -> pd.DataFrame:
    """Fossil CO2 split by source (coal, oil, gas, cement, flaring, other) from GCB 2023, to 2022.

    EU-27 is the sum of its 27 member states (the file has no EU row); the
    sum matches the GCB national-emissions sheet's EU27 total.
    """
    gcb = pd.read_csv(raw / "co2-emissions/gcb-2023/GCB2023v28_MtCO2_flat.csv")
    gcb = gcb.rename(
        columns={
            "Country": "country", "ISO 3166-1 alpha-3": "iso_code", "Year": "year", "Total": "total",
            "Coal": "coal", "Oil": "oil", "Gas": "gas", "Cement": "cement", "Flaring": "flaring",
            "Other": "other", "Per Capita": "per_capita",
        }
    )
    gcb["country"] = gcb["country"].replace({"USA": "United States"})
    gcb = gcb[gcb["total"].notna() & (gcb["year"] >= FIRST_YEAR)]
    sources = ["total", "coal", "oil", "gas", "cement", "flaring", "other"]
    members = gcb[gcb["iso_code"].isin(_eu_iso(raw))]
    if members["iso_code"].nunique() != 27:
        raise ValueError("GCB 2023 file does not hold all 27 EU member states")
    eu = members.groupby("year", as_index=False)[sources].sum(min_count=1)
    eu["country"], eu["iso_code"] = "EU-27", pd.NA
    table = pd.concat([gcb, eu], ignore_index=True)
    table.loc[table["country"] == "World", "iso_code"] = pd.NA
    table = table[~table["country"].isin(["International Transport", "Kuwaiti Oil Fires"])]
    table["release"] = GCB_2023
    return table[["country", "iso_code", "year", *sources, "per_capita", "release"]].sort_values(
        ["country", "year"]
    ).reset_index(drop=True)


def _eu_iso(raw: Path) -> list[str]:
    codes = _owid_codes(raw)
    return [codes[name] for name in EU27]


def temperature_anomaly(raw: Path) -> pd.DataFrame:
    """Global mean surface temperature anomaly by year, from NASA GISTEMP and NOAA GCAG."""
    annual = pd.read_csv(raw / "global-temp/annual.csv")
    annual = annual.rename(columns={"Source": "source", "Year": "year", "Mean": "anomaly_c"})
    annual["source"] = annual["source"].replace({"gcag": "NOAA GCAG", "GISTEMP": "NASA GISTEMP"})
    annual["baseline"] = annual["source"].map({"NASA GISTEMP": "1951-1980", "NOAA GCAG": "1901-2000"})
    return annual.sort_values(["source", "year"]).reset_index(drop=True)


def co2_concentration(raw: Path) -> pd.DataFrame:
    """Annual mean atmospheric CO2 (ppm) at Mauna Loa and as a global marine-surface average."""
    parts = []
    for site, name in [("Mauna Loa", "co2-annmean-mlo.csv"), ("Global", "co2-annmean-gl.csv")]:
        frame = pd.read_csv(raw / "co2-ppm" / name).rename(
            columns={"Year": "year", "Mean": "co2_ppm", "Uncertainty": "uncertainty_ppm"}
        )
        frame.insert(0, "site", site)
        parts.append(frame)
    return pd.concat(parts, ignore_index=True)


TABLES = {
    "co2_annual": co2_annual,
    "co2_by_source": co2_by_source,
    "temperature_anomaly": temperature_anomaly,
    "co2_concentration": co2_concentration,
}

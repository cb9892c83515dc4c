"""The ICAP price derivation: day-first dates, the two-row header, and the committed annual means."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from climate_course.data import load_table  # noqa: E402
from derivations import carbon_prices  # noqa: E402

RAW = ROOT.parent / "shared" / "data" / "raw"

# A miniature file in ICAP's layout: one system per block, its name over the block's first column.
HEADER_SYSTEMS = ",China National Emissions Trading System,,,,, ,European Union Emissions Trading System,,,,"
HEADER_FIELDS = ("Date,Exchange rate CNY/EUR,Exchange rate CNY/USD,Market Currency,Secondary Market,"
                 "Reference Market, ,Exchange rate EUR/EUR,Exchange rate EUR/USD,Market Currency,"
                 "Primary Market,Secondary Market")
ROWS = [  # unsorted, and with days above 12 that a month-first parser would reject or misplace
    "13/01/2021,0.125,0.15,CNY,40,,,1,1.2,EUR,30,",
    "02/03/2021,0.125,0.15,CNY,50,,,1,1.2,EUR,,",
    "25/12/2022,0.1,0.14,CNY,60,,,1,1.1,EUR,80,",
    "05/01/2021,0.125,0.15,CNY,,,,1,1.2,EUR,34,",
]


@pytest.fixture
def icap_file(tmp_path: Path) -> Path:
    path = tmp_path / carbon_prices.ICAP_FILE
    path.parent.mkdir(parents=True)
    path.write_text("\n".join([HEADER_SYSTEMS, HEADER_FIELDS, *ROWS, ",,,,,,,,,,,"]) + "\n", encoding="utf-8")
    return tmp_path


def test_dates_are_day_first_and_every_priced_day_counts(icap_file):
    table = carbon_prices.allowance_prices_annual(icap_file).set_index(["system", "year"])
    assert table.loc[("China national ETS", 2021), "days"] == 2
    assert table.loc[("China national ETS", 2021), "mean_price"] == pytest.approx(45)
    assert table.loc[("China national ETS", 2021), "mean_price_eur"] == pytest.approx(45 * 0.125, abs=0.005)  # rounded to cents
    assert table.loc[("China national ETS", 2022), "mean_price_eur"] == pytest.approx(6)
    assert table.loc[("EU ETS", 2021), "mean_price"] == pytest.approx(32)  # 13 Jan and 5 Jan, not 2 Mar (empty)
    assert table.loc[("EU ETS", 2022), "days"] == 1


def test_a_date_that_is_not_day_first_is_an_error(icap_file):
    path = icap_file / carbon_prices.ICAP_FILE
    path.write_text(path.read_text().replace("25/12/2022", "12/25/2022"))
    with pytest.raises(ValueError):
        carbon_prices.allowance_prices_annual(icap_file)


def test_committed_table_holds_the_verified_annual_means():
    """The figures checked by hand in shared/data/SOURCES.md (dates parsed dd/mm/yyyy)."""
    prices = load_table("allowance_prices_annual").set_index(["system", "year"])["mean_price"]
    assert prices[("EU ETS", 2019)] == pytest.approx(24.72)
    assert prices[("EU ETS", 2021)] == pytest.approx(54.15)
    assert prices[("EU ETS", 2023)] == pytest.approx(83.60)
    assert prices[("EU ETS", 2024)] == pytest.approx(64.76)
    assert prices[("China national ETS", 2021)] == pytest.approx(46.61)
    assert prices[("China national ETS", 2023)] == pytest.approx(63.88)
    assert prices[("China national ETS", 2024)] == pytest.approx(92.46)


@pytest.mark.skipif(not (RAW / carbon_prices.ICAP_FILE).exists(), reason="raw ICAP file not present")
def test_committed_table_is_what_the_derivation_makes():
    derived = carbon_prices.allowance_prices_annual(RAW)
    committed = load_table("allowance_prices_annual")
    pd.testing.assert_frame_equal(derived.reset_index(drop=True), committed[derived.columns].reset_index(drop=True),
                                  check_dtype=False)

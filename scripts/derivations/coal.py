"""US coal supply (EIA): production, consumption and exports in the years chapter 2 compares.

The white paper's two coal figures (−38 % over Obama's two terms, −3 % in Trump's first
three years) are changes in US coal *production*, the tonnes mined; coal burned fell much
faster after 2016 because exports rose. The course's emissions tables hold CO₂ from coal
but no tonnes of coal, so this small table holds the EIA's figures, each row with the
BibTeX key of the EIA publication (or the report of it) it was read from. EIA data are US
public domain. The data are a Python literal below; ``raw`` is unused.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# year, measure, million short tons, BibTeX key
COAL_SUPPLY = [
    (2008, "production", 1171.5, "eia2009_coal_review_2008"),
    (2016, "production", 728.4, "eia2018_steo_coal"),
    (2016, "consumption", 731.1, "eia2018_steo_coal"),
    (2016, "exports", 60.3, "eia2018_steo_coal"),
    (2019, "production", 706.3, "houstonchronicle2021_coal_production"),
    (2019, "consumption", 586.5, "houstonchronicle2021_coal_production"),
    (2019, "exports", 93.0, "eia2020_coal_exports_2019"),
]

COLUMNS = ["year", "measure", "million_short_tons", "source_key"]


def us_coal_supply(raw: Path) -> pd.DataFrame:
    """US coal production, consumption and exports for 2008, 2016 and 2019 (``raw`` unused)."""
    return pd.DataFrame(COAL_SUPPLY, columns=COLUMNS)


TABLES = {"us_coal_supply": us_coal_supply}

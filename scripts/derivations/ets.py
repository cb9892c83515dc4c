"""Curated fact tables for the carbon-trading chapter and the epilogue.

Both tables are written from Python literals below: every row is a fact taken from a
cited source (its BibTeX key is in ``source_key``), not from a data file. ``ets_facts``
holds coverage facts about emissions trading systems, one row per system and per
publisher of the figure (the white paper's figures sit beside the regulator's own, so a
chapter can compare them). ``epilogue_events`` is a dated list of China–US climate and
trade events since the paper was written (August 2021). Licence: facts compiled from
cited sources.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# system, jurisdiction, start_year, coverage, share_low_pct, share_high_pct, entities,
# figure_from, source_key. Shares are of the jurisdiction's own greenhouse-gas
# emissions; None where the source gives no figure.
ETS_FACTS = [
    ("EU ETS", "EU member states; Iceland, Liechtenstein and Norway", 2005,
     "Power and heat, energy-intensive industry, aviation within Europe", 50, 50, 14000,
     "White paper (2021)", "fn34_casey_powertech_cap_trade"),
    ("EU ETS", "EU member states; Iceland, Liechtenstein and Norway", 2005,
     "Power and heat, energy-intensive industry, aviation within Europe", 40, 40, 10000,
     "European Commission", "ec_eu_ets_overview"),
    ("China national ETS", "China", 2021,
     "Power sector (coal- and gas-fired generators)", 40, 50, 2200,
     "White paper (2021)", "fn41_ramanathan_dte_china_carbon_market"),
    ("RGGI", "North-eastern US states", 2009,
     "Fossil-fuel power plants of 25 MW or more", None, None, None,
     "RGGI, Inc.", "rggi_overview"),
    ("California cap-and-trade", "California (US)", 2013,
     "Power, large industry, transport fuels", None, None, None,
     "California Air Resources Board", "carb_cap_and_trade"),
]

ETS_COLUMNS = ["system", "jurisdiction", "start_year", "coverage", "share_low_pct", "share_high_pct",
               "entities", "figure_from", "source_key"]

# date (ISO), label, category, actor, source_key. Keep "US order to leave the Paris" and
# "US exit from Paris" as the only labels starting so: exercise ex12 finds the two rows by them.
EPILOGUE_EVENTS = [
    ("2021-07-16", "China's national ETS starts trading", "Carbon markets", "China",
     "fn41_ramanathan_dte_china_carbon_market"),
    ("2021-09-21", "China: no new coal power projects abroad", "UN climate process", "China",
     "xinhua2021_coal_abroad"),
    ("2021-11-10", "US–China Joint Glasgow Declaration (COP26)", "Cooperation", "China and US",
     "state2021glasgow"),
    ("2022-08-16", "Inflation Reduction Act signed", "Domestic policy", "United States", "ira2022"),
    ("2023-11-14", "Sunnylands statement on the climate crisis", "Cooperation", "China and US",
     "state2023sunnylands"),
    ("2024-09-27", "US tariff on Chinese EVs: 100 % + 2.5 % base", "Trade conflict", "United States",
     "ustr2024_fr_section301"),
    ("2024-10-30", "EU countervailing duties on Chinese BEVs", "Trade conflict", "EU",
     "eu2024_bev_duties"),
    ("2025-01-20", "US order to leave the Paris Agreement", "UN climate process", "United States",
     "eo14162_2025"),
    ("2025-01-27", "UN receives the US notice of withdrawal", "UN climate process", "United States",
     "un2025_paris_notice"),
    ("2025-03-26", "China's ETS to add steel, cement, aluminium", "Carbon markets", "China",
     "mee2025etsexpansion"),
    ("2025-07-04", "US budget law cuts IRA clean-energy credits", "Domestic policy", "United States",
     "obbba2025_credits"),
    ("2025-09-24", "China's 2035 target: 7–10 % below peak", "UN climate process", "China",
     "xi2025ndc"),
    ("2025-11-01", "US sends no high-level team to COP30", "UN climate process", "United States",
     "voz2025_cop30_us"),
    ("2025-11-22", "COP30 in Belém adopts the Global Mutirão", "UN climate process", "Multilateral",
     "globaltimes2025_cop30_china"),
    ("2026-01-07", "US memorandum to leave the UNFCCC and IPCC", "UN climate process", "United States",
     "whitehouse2026_unfccc_memo"),
    ("2026-01-27", "US exit from Paris Agreement takes effect", "UN climate process", "United States",
     "paris_exit_2026"),
]

EVENT_COLUMNS = ["date", "label", "category", "actor", "source_key"]


def ets_facts(raw: Path) -> pd.DataFrame:
    """Coverage facts of emissions trading systems (``raw`` unused: the data are a literal)."""
    frame = pd.DataFrame(ETS_FACTS, columns=ETS_COLUMNS)
    return frame.astype({"start_year": "Int64", "entities": "Int64"})


def epilogue_events(raw: Path) -> pd.DataFrame:
    """Dated China–US climate and trade events since 2021 (``raw`` unused)."""
    return pd.DataFrame(EPILOGUE_EVENTS, columns=EVENT_COLUMNS).sort_values("date").reset_index(drop=True)


TABLES = {"ets_facts": ets_facts, "epilogue_events": epilogue_events}

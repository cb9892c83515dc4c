"""Top 20 carbon capture and storage companies of 2019, as printed in the white paper.

Transcribed from the table in Deng (2021), section "Carbon capture and storage", whose
data source is the PR Newswire release of 6 June 2019 on a ReportLinker report (white
paper footnote 29). Company names are given in English; ``company_zh`` and ``country_zh``
keep the paper's wording. Headquarters countries are the paper's (e.g. Linde under the
United Kingdom, Schlumberger under France), not re-checked against company filings.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

REGION = {
    "United States": "North America", "Canada": "North America",
    "France": "Europe", "United Kingdom": "Europe", "Norway": "Europe", "Netherlands": "Europe",
    "Switzerland": "Europe", "Japan": "Asia", "Malaysia": "Asia", "United Arab Emirates": "Middle East",
}

# rank, company (English), company as printed, country (English), country as printed
COMPANIES = [
    (1, "General Electric", "通用电气", "United States", "美国"),
    (2, "Mitsubishi Heavy Industries", "三菱重工业株式会社", "Japan", "日本"),
    (3, "Occidental Petroleum", "西方石油", "United States", "美国"),
    (4, "Air Liquide", "液化空气集团", "France", "法国"),
    (5, "Air Products and Chemicals", "空气化工", "United States", "美国"),
    (6, "Praxair Technology", "普莱克斯科技公司", "United States", "美国"),
    (7, "Linde", "林德集团", "United Kingdom", "英国"),
    (8, "Dakota Gasification Company", "达科他州天然气公司", "United States", "美国"),
    (9, "Enhance Energy", "Enhance 能源公司", "Canada", "加拿大"),
    (10, "Aker Solutions", "阿克盛世", "Norway", "挪威"),
    (11, "Petronas", "马来西亚国家石油公司", "Malaysia", "马来西亚"),
    (12, "Schlumberger", "斯伦贝谢有限公司", "France", "法国"),
    (13, "Royal Dutch Shell", "荷兰皇家壳牌公司", "Netherlands", "荷兰"),
    (14, "NRG Energy", "NRG 能源", "United States", "美国"),
    (15, "Abu Dhabi National Oil Company", "阿布扎比国家石油公司", "United Arab Emirates", "阿联酋"),
    (16, "Climeworks", "克莱姆工厂", "Switzerland", "瑞士"),
    (17, "Global Thermostat", "Global Thermostat", "United States", "美国"),
    (18, "Carbon Engineering", "Carbon Engineering Ltd.", "Canada", "加拿大"),
    (19, "CO2 Solutions", "CO2 Solutions", "Canada", "加拿大"),
    (20, "ExxonMobil", "埃克森美孚", "United States", "美国"),
]


def ccs_companies_2019(raw: Path) -> pd.DataFrame:
    """The paper's top-20 CCS company table (``raw`` is unused: the data are a literal above)."""
    frame = pd.DataFrame(COMPANIES, columns=["rank", "company", "company_zh", "country", "country_zh"])
    frame["region"] = frame["country"].map(REGION)
    return frame[["rank", "company", "company_zh", "country", "country_zh", "region"]]


TABLES = {"ccs_companies_2019": ccs_companies_2019}

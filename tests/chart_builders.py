"""Every chart builder of the package, called as the chapters call it: ``BUILDERS[name]()`` gives
the chart. Used by the translation tests (each chart's text in Chinese, English unchanged)."""

from __future__ import annotations

import climate_course as cc
from climate_course import (
    carbon_market,
    ccs,
    charts,
    climate,
    epi,
    ev,
    game,
    pathways,
    power,
    responsibility,
    synthesis,
    timelines,
    us_terms,
    widgets,
)


def _source(*names: str) -> str:
    return "; ".join(cc.table_meta(name).citation for name in names)


def _emissions_explorer():
    return charts.emissions_explorer(cc.load_table("co2_annual"), _source("co2_annual"))


def _emissions_line():
    data = charts.explorer_data(cc.load_table("co2_annual"), ["China", "United States", "India"], "co2", (1990, 2024))
    return charts.emissions_line_chart(data, "co2", _source("co2_annual"))


def _climate(builder):
    temp, conc = cc.load_table("temperature_anomaly"), cc.load_table("co2_concentration")
    if builder == "stripes":
        return climate.warming_stripes(temp, "NOAA GCAG", _source("temperature_anomaly"))
    if builder == "anomaly":
        return climate.anomaly_explorer(temp, _source("temperature_anomaly"))
    if builder == "concentration":
        return climate.co2_concentration_chart(conc, _source("co2_concentration"))
    joined = climate.co2_and_anomaly(temp, conc, source="NOAA GCAG", site="Mauna Loa")
    return climate.co2_anomaly_scatter(joined, "NOAA GCAG", "Mauna Loa", _source("temperature_anomaly", "co2_concentration"))


def _us_series():
    tables = {name: cc.load_table(name) for name in ["co2_annual", "co2_by_source", "electricity_generation"]}
    return us_terms.us_series(tables["co2_annual"], tables["co2_by_source"], tables["electricity_generation"])


def _history(country: str, first: int):
    table = cc.load_table("co2_annual")
    return table[(table["country"] == country) & (table["year"] >= first)].set_index("year")["co2"] / 1000


def _budget_calculator():
    table = cc.load_table("co2_annual")
    world = table[table["country"] == "World"].set_index("year")["co2"] / 1000
    latest = int(world.index.max())
    return pathways.budget_calculator_chart(float(world[latest]), float(world.loc[2020:latest].sum()), latest + 1,
                                            _source("co2_annual"))


def _pathway_live():
    history = _history("China", 2000)
    last = int(history.index.max())
    path = pathways.pathway(last, float(history[last]), 2028, 2, 2060, 0.0, 1.0, 1.0)
    return pathways.pathway_chart(history, path, "China", _source("co2_annual"))


def _target():
    us = _history("United States", 1990)
    latest = int(us.index.max())
    path = pathways.straight_line_path({latest: us[latest], 2030: us[2005] / 2, 2050: 0.0})
    return pathways.target_chart(us, "United States", 2005, path, _source("co2_annual"), "Title", "Description")


def _fair_share(country: str, live: bool):
    table = cc.load_table("co2_annual")
    history = _history(country, 2000 if country == "China" else 1990)
    inputs = pathways.share_inputs(table, country)
    if not live:
        return pathways.fair_share_explorer(history, inputs, country, _source("co2_annual"))
    result = pathways.fair_share_result(country, history, inputs, 500.0, "population")
    return pathways.fair_share_chart(result["path"], result["shares"], "population", country, _source("co2_annual"))


def _power(builder):
    share, generation = cc.load_table("electricity_share"), cc.load_table("electricity_generation")
    if builder == "mix":
        return power.mix_chart(share, generation, _source("electricity_share", "electricity_generation"))
    if builder == "lines":
        return power.share_lines_chart(share, _source("electricity_share"))
    if builder == "swap":
        return power.swap_chart(generation, _source("electricity_generation"))
    return power.swap_live_chart(generation, _source("electricity_generation"))


def _ev(builder):
    cars = cc.load_table("ev_sales")
    if builder == "market":
        return ev.ev_market_chart(cars, _source("ev_sales"))
    if builder == "line":
        return ev.ev_line_chart(ev.ev_long(cars, ["China", "United States"], "ev_sales"), "ev_sales", _source("ev_sales"))
    if builder == "share":
        return ev.share_of_world_chart(ev.share_of_world(cars, ["China", "United States", "EU-27"]), _source("ev_sales"))
    if builder == "lab":
        return ev.competition_chart(cars)
    fits, world, observed = ev.fit_markets(cars), ev.world_market(cars), ev.lab_years(cars)
    return ev.competition_live_chart(fits, world, observed, market="United States", tariff=27.5)


def _ranks():
    emissions = cc.load_table("co2_annual")
    return responsibility.rank_flip_chart(responsibility.rank_table(emissions, [1990, 2000, 2010, 2021, 2024]),
                                          _source("co2_annual"))


def _fuel_mix():
    mix = responsibility.fuel_mix(cc.load_table("co2_by_source"), ["China", "United States"], 2022)
    return responsibility.fuel_mix_chart(mix, _source("co2_by_source"), 2022)


def _indicators():
    snapshot = synthesis.indicators(cc.load_table("co2_annual"), cc.load_table("electricity_share"), 2024)
    return synthesis.indicator_chart(snapshot, 2024, _source("co2_annual", "electricity_share"))


def _co2_path():
    path = synthesis.co2_path(cc.load_table("co2_annual"), 2015, 2024)
    return synthesis.co2_path_chart(path, 2021, "White paper (2021)", _source("co2_annual"))


def _timeline():
    events = cc.load_table("epilogue_events")
    return timelines.timeline_chart(events, "Title", timelines.describe_events(events, "Description."),
                                    _source("epilogue_events"))


BUILDERS = {
    "charts.emissions_explorer": _emissions_explorer,
    "charts.emissions_line_chart": _emissions_line,
    "widgets.emissions_explorer_widget": lambda: widgets.emissions_explorer_widget().chart,
    "climate.warming_stripes": lambda: _climate("stripes"),
    "climate.anomaly_explorer": lambda: _climate("anomaly"),
    "climate.co2_concentration_chart": lambda: _climate("concentration"),
    "climate.co2_anomaly_scatter": lambda: _climate("scatter"),
    "us_terms.term_chart": lambda: us_terms.term_chart(us_terms.term_changes(_us_series()), _source("co2_annual")),
    "us_terms.us_lines_chart": lambda: us_terms.us_lines_chart(
        _us_series(), ["co2_total", "coal_power", "renewable_power"], _source("co2_annual"), first_year=2000),
    "pathways.budget_calculator_chart": _budget_calculator,
    "epi.ranking_chart": lambda: epi.ranking_chart(cc.load_table("epi_2020"), _source("epi_2020")),
    "pathways.pathway_explorer": lambda: pathways.pathway_explorer(_history("China", 2000), "China", _source("co2_annual")),
    "pathways.pathway_chart": _pathway_live,
    "pathways.target_chart": _target,
    "pathways.fair_share_explorer (China)": lambda: _fair_share("China", False),
    "pathways.fair_share_explorer (US)": lambda: _fair_share("United States", False),
    "pathways.fair_share_chart": lambda: _fair_share("China", True),
    "responsibility.rank_flip_chart": _ranks,
    "responsibility.fuel_mix_chart": _fuel_mix,
    "ev.ev_market_chart": lambda: _ev("market"),
    "ev.ev_line_chart": lambda: _ev("line"),
    "ev.share_of_world_chart": lambda: _ev("share"),
    "ev.tariff_chart": ev.tariff_chart,
    "ev.competition_chart": lambda: _ev("lab"),
    "ev.competition_live_chart": lambda: _ev("live"),
    "power.mix_chart": lambda: _power("mix"),
    "power.share_lines_chart": lambda: _power("lines"),
    "power.swap_chart": lambda: _power("swap"),
    "power.swap_live_chart": lambda: _power("live"),
    "ccs.capture_chart": lambda: ccs.capture_chart(emissions=100, default_rate=90),
    "ccs.companies_chart": lambda: ccs.companies_chart(cc.load_table("ccs_companies_2019"), _source("ccs_companies_2019")),
    "ccs.breakeven_chart": ccs.breakeven_chart,
    "ccs.breakeven_live_chart": ccs.breakeven_live_chart,
    "carbon_market.cap_and_trade_chart": carbon_market.cap_and_trade_chart,
    "carbon_market.market_lab_chart": carbon_market.market_lab_chart,
    "carbon_market.market_lab_live_chart": carbon_market.market_lab_live_chart,
    "carbon_market.banking_chart": carbon_market.banking_chart,
    "carbon_market.ets_share_chart": lambda: carbon_market.ets_share_chart(cc.load_table("ets_facts"), _source("ets_facts")),
    "synthesis.indicator_chart": _indicators,
    "synthesis.co2_path_chart": _co2_path,
    "game.stability_chart": game.stability_chart,
    "game.tournament_chart": game.tournament_chart,
    "game.stability_live_chart": game.stability_live_chart,
    "game.tournament_live_chart": game.tournament_live_chart,
    "timelines.timeline_chart": _timeline,
}

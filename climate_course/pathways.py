"""Emission pathways: carbon budgets, growth rates, peak-plateau-decline paths and straight-line targets.

Chapters 3-5 use these to turn pledges ("peak before 2030", "halve by 2030")
into numbers: the constant annual cut a budget allows, the annual emissions of a
pathway and its cumulative total, and the rate a target requires compared with
the rate actually achieved. Each chart builder has a static mode (Altair
parameters bound to HTML inputs) that repeats the Python formulas in Vega
expressions; the tests check that both give the same numbers.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

import altair as alt
import numpy as np
import pandas as pd

from . import validate
from .charts import finish, haloed, headline
from .i18n import N_, Expr, _, language, punctuation, tonnes, translate_name, vega_text
from .labs import Choice, Parameter
from .labs import controls as lab_controls
from .labs import defaults as lab_defaults
from .tables import Table
from .theme import COUNTRY_STYLE, country_color

# IPCC AR6 WG1 Table SPM.2: remaining CO2 budgets from 1 January 2020, Gt CO2.
IPCC_BUDGETS_2020: dict[str, float] = {
    "1.5 °C, 50 % chance": 500.0,
    "1.5 °C, 67 % chance": 400.0,
    "2 °C, 67 % chance": 1150.0,
    "2 °C, 50 % chance": 1350.0,
}

# The full Table SPM.2 grid, keyed by (warming in °C, chance in %), Gt CO2 from 1 January 2020.
IPCC_BUDGET_TABLE: dict[tuple[float, int], float] = {
    (1.5, 50): 500.0, (1.5, 67): 400.0, (1.5, 83): 300.0,
    (2.0, 50): 1350.0, (2.0, 67): 1150.0, (2.0, 83): 900.0,
}


#: Largest emission, budget or level accepted (any unit): far above any real figure, so that powers
#: and sums stay finite.
MAX_VALUE = 1e12

# ----------------------------------------------------------------------------- rates


def average_annual_rate(start: float, end: float, years: int) -> float:
    """Compound average annual change (in %) that takes ``start`` to ``end`` in ``years`` years.

    ``start`` must be above 0, ``end`` at least 0 and ``years`` above 0 (all finite).
    """
    years = validate.number("years", years, 0, 10_000, above=True)
    start = validate.number("start", start, 0, MAX_VALUE, above=True)
    end = validate.number("end", end, 0, MAX_VALUE)
    return 100 * ((end / start) ** (1 / years) - 1)


def series_rate(series: pd.Series, first: int, last: int) -> float:
    """:func:`average_annual_rate` between two years of a series indexed by year."""
    return average_annual_rate(float(series.loc[first]), float(series.loc[last]), last - first)


def growth_table(series: pd.Series, periods: list[tuple[int, int]]) -> pd.DataFrame:
    """Average annual growth (%) of a year-indexed series over each (first, last) period."""
    rows = [{"period": f"{a}–{b}", "first": a, "last": b, "rate_pct": series_rate(series, a, b)} for a, b in periods]
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------ budgets


def constant_cut_for_budget(budget: float, annual: float) -> float:
    """Constant annual cut (in %) that keeps all future emissions within ``budget``.

    Emissions that fall by a constant fraction every year, starting from
    ``annual`` per year, add up to about ``annual / r`` where ``r`` is the
    continuous decline rate; so ``r = annual / budget`` and the cut per year is
    ``1 - exp(-r)``. Same units for both arguments. A budget of zero or less
    cannot be met: the result is ``nan``.
    """
    annual = validate.number("annual", annual, 0, MAX_VALUE, above=True, unit="emissions per year")
    budget = validate.number("budget", budget, -MAX_VALUE, MAX_VALUE)
    if budget <= 0:
        return math.nan
    return 100 * (1 - math.exp(-annual / budget))


def cut_by_start_year(
    budget: float, used: float, annual: float, first_year: int, start_years: list[int] | range
) -> pd.DataFrame:
    """Required constant annual cut (%) if cutting starts in each of ``start_years``.

    ``budget`` is the budget counted from the budget's base year (2020 for IPCC
    AR6), ``used`` what was emitted from then until ``first_year``, and
    ``annual`` the emissions each year from ``first_year`` until cutting starts.
    """
    budget = validate.number("budget", budget, -MAX_VALUE, MAX_VALUE)
    used = validate.number("used", used, -MAX_VALUE, MAX_VALUE)
    first_year = validate.whole("first_year", first_year, 1000, 3000)
    rows = []
    for year in start_years:
        year = validate.whole("start year", year, first_year, 3000)
        left = budget - used - annual * (year - first_year)
        rows.append({"start_year": int(year), "remaining": left, "cut_pct": constant_cut_for_budget(left, annual)})
    return pd.DataFrame(rows)


def budget_cuts_table(used: float, annual: float, first_year: int, later_year: int = 2030) -> Table:
    """For each budget of :data:`IPCC_BUDGET_TABLE`: what is left in ``first_year`` and the constant
    yearly cut that keeps to it if cutting starts in ``first_year`` or in ``later_year``."""
    rows = []
    for (temperature, chance), budget in IPCC_BUDGET_TABLE.items():
        cuts = cut_by_start_year(budget, used, annual, first_year, [first_year, later_year])
        rows.append({N_("Budget from 2020"): f"{temperature:g} °C, {chance} % ({budget:,.0f} Gt)",
                     N_("Left"): cuts["remaining"][0], _("Cut from {year}", year=first_year): cuts["cut_pct"][0],
                     _("Cut from {year}", year=later_year): cuts["cut_pct"][1]})
    cut_columns = [_("Cut from {year}", year=first_year), _("Cut from {year}", year=later_year)]
    return Table(pd.DataFrame(rows), _("Carbon budgets left in {first_year} and the yearly cuts they need", first_year=first_year),
                 units={N_("Left"): N_("Gt CO₂"), **{c: N_("% per year") for c in cut_columns}},
                 decimals={N_("Left"): 0, **{c: 1 for c in cut_columns}})


def budget_calculator_chart(
    annual: float, used: float, first_year: int, source: str,
    budget: float = 500.0, last_start: int = 2040,
) -> alt.LayerChart:
    """Static calculator: required constant annual cut vs the year cutting starts, with a budget slider.

    Dashed reference curves show the IPCC AR6 budgets for 50 % of 1.5 °C and
    67 % of 2 °C; the solid line follows the slider.
    """
    years = list(range(first_year, last_start + 1))
    refs = []
    for (warming, chance), label in (((1.5, 50), "1.5 °C, 50 % chance"), ((2, 67), "2 °C, 67 % chance")):
        value = IPCC_BUDGETS_2020[label]
        frame = cut_by_start_year(value, used, annual, first_year, years).assign(
            budget=_("IPCC {warming:g} °C, {chance} % ({budget:,.0f} Gt)", warming=warming, chance=chance, budget=value))
        refs.append(frame)
    ref = pd.concat(refs).dropna()
    ref = ref[ref["cut_pct"] <= 60].round({"cut_pct": 3, "remaining": 2})
    slider = alt.param(name="budget", value=budget,
                       bind=alt.binding_range(min=200, max=1500, step=25, name=_("Budget from 2020 (Gt CO₂): ")))
    x = alt.X("start_year:Q", title=_("Year steady cuts begin"), axis=alt.Axis(format="d"),
              scale=alt.Scale(domain=[first_year, last_start], padding=8))  # (padding: the first point clear of the axis)
    y = alt.Y("cut_pct:Q", title=_("Required cut every year (%)"), scale=alt.Scale(domain=[0, 60]))
    # One legend names the slider's line and the IPCC budgets' dashes.
    yours = _("Your budget (the slider)")
    dashes = alt.Scale(domain=[yours, *sorted(ref["budget"].unique())], range=[[1, 0], [6, 3], [2, 2]])
    legend = alt.Legend(title=_("Budgets"), columns=1, labelLimit=0, symbolType="stroke", symbolStrokeWidth=2.5)
    reference = alt.Chart(ref).mark_line(color="#777", strokeWidth=1.8).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("budget:N", scale=dashes, legend=legend),
        tooltip=[alt.Tooltip("budget:N", title=_("Budget")), alt.Tooltip("start_year:Q", format="d", title=_("Start")),
                 alt.Tooltip("cut_pct:Q", format=".1f", title=_("Cut % per year"))],
    )
    chosen_base = (
        alt.Chart(pd.DataFrame({"start_year": years}))
        .transform_calculate(remaining=f"budget - {used:.4f} - {annual:.4f} * (datum.start_year - {first_year})")
        .transform_calculate(cut_pct=f"datum.remaining > 0 ? 100 * (1 - exp(-{annual:.4f} / datum.remaining)) : null")
        .transform_filter("isValid(datum.cut_pct) && datum.cut_pct <= 60")
        .transform_calculate(budget=f"'{yours}'")
    )
    chosen = chosen_base.mark_line(color="#000", strokeWidth=3, point=True).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("budget:N", scale=dashes, legend=legend),
        tooltip=[alt.Tooltip("start_year:Q", format="d", title=_("Start")),
                 alt.Tooltip("remaining:Q", format=",.0f", title=_("Budget left (Gt)")),
                 alt.Tooltip("cut_pct:Q", format=".1f", title=_("Cut % per year"))],
    )
    # below and right of the line's first point: the line rises to the right, above the label
    label = chosen_base.transform_filter(f"datum.start_year == {first_year}").transform_calculate(
        text=vega_text("{cut} % a year if cuts start in {year}", cut=Expr("format(datum.cut_pct, '.1f')"), year=first_year),
    ).mark_text(align="left", baseline="top", dx=6, dy=6, fontWeight="bold").encode(x=x, y=y, text="text:N")
    description = _(
        "Line chart of the constant percentage cut in world CO2 emissions needed every year to stay within a "
        "carbon budget, by the year the cuts begin ({first} to {last}). Emissions are held at "
        "{annual:.1f} Gt a year until cutting starts. A slider sets the budget counted from 2020 (default "
        "{budget:.0f} Gt); the solid black line with points follows it, and two dashed grey lines show the IPCC "
        "budgets for a 50 % chance of 1.5 °C (500 Gt) and a 67 % chance of 2 °C (1,150 Gt). The number at the "
        "left end of the black line is the cut needed if cutting starts at once.",
        first=first_year, last=last_start, annual=annual, budget=budget,
    )
    # Why a line stops short of the last year: the plot's top, said where the lines leave it.
    ceiling = alt.Chart().mark_text(align="right", baseline="top", dx=-4, dy=4, fontSize=11, color="#555",
                                    lineBreak="\n").encode(
        x=alt.value("width"), y=alt.value(0), text=alt.value(_("A line ends where\nthe cut would pass\n60 % a year")))
    chart = alt.layer(chosen, reference, label, ceiling).add_params(slider).properties(width=480, height=300)
    return finish(chart, _("How fast must emissions fall? It depends on when we start"), description, source)


# ------------------------------------------------------------------------ pathways


def pathway(
    base_year: int, base_value: float, peak_year: int, plateau_years: int = 0,
    target_year: int = 2060, target_value: float = 0.0, shape: float = 1.0, growth_pct: float = 0.0,
) -> pd.DataFrame:
    """Annual emissions of a peak-plateau-decline pathway, ``base_year`` to ``target_year``.

    Emissions grow by ``growth_pct`` a year from ``base_value`` until ``peak_year``,
    stay flat for ``plateau_years``, then fall to ``target_value`` in
    ``target_year``. ``shape`` bends the decline: with ``d`` the fraction of the
    decline period still ahead, emissions are ``target + (peak - target) * d**shape``;
    1 is a straight line, above 1 cuts fast early, below 1 cuts late.
    """
    base_year = validate.whole("base_year", base_year, 1000, 3000)
    target_year = validate.whole("target_year", target_year, base_year + 1, 3000)
    peak_year = validate.whole("peak_year", peak_year, 1000, target_year - 1)
    plateau_years = validate.whole("plateau_years", plateau_years, 0, 1000)
    base_value = validate.number("base_value", base_value, 0, MAX_VALUE)
    target_value = validate.number("target_value", target_value, 0, MAX_VALUE)
    shape = validate.number("shape", shape, 0, 100, above=True)
    growth_pct = validate.number("growth_pct", growth_pct, -100, 100, unit="% per year")
    decline_start = max(peak_year, base_year) + plateau_years
    if decline_start >= target_year:
        raise ValueError(f"peak {peak_year} plus {plateau_years} plateau years must end before {target_year}")
    years = np.arange(base_year, target_year + 1)
    peak = base_value * (1 + growth_pct / 100) ** max(0, peak_year - base_year)
    grow = base_value * (1 + growth_pct / 100) ** np.clip(years - base_year, 0, None)
    ahead = np.clip((target_year - years) / (target_year - decline_start), 0, 1)
    fall = target_value + (peak - target_value) * ahead**shape
    values = np.where(years <= peak_year, grow, np.where(years <= decline_start, peak, fall))
    values = np.maximum(values, 0.0)
    return pd.DataFrame({"year": years, "value": values})


def cumulative(path: pd.DataFrame, first: int, last: int) -> float:
    """Sum of ``value`` over the years ``first``..``last`` (inclusive) of a year/value table."""
    chosen = path[(path["year"] >= first) & (path["year"] <= last)]
    return float(chosen["value"].sum())


def history_and_path(history: pd.Series, path: pd.DataFrame) -> pd.DataFrame:
    """Actual emissions (a year-indexed series) followed by a pathway, as one year/value/kind table."""
    actual = pd.DataFrame({"year": history.index.astype(int), "value": history.to_numpy(dtype=float), "kind": "actual"})
    future = path[path["year"] > actual["year"].max()].assign(kind="pathway")
    return pd.concat([actual, future], ignore_index=True)


def _pathway_expr(base_year: int, base: float, target_year: int, target: float) -> str:
    """Vega expression equal to :func:`pathway` for ``datum.year``, driven by four parameters."""
    peak = f"({base:.6f} * pow(1 + growth / 100, peak_year - {base_year}))"
    start = "(peak_year + plateau)"
    grow = f"{base:.6f} * pow(1 + growth / 100, datum.year - {base_year})"
    fall = f"{target:.6f} + ({peak} - {target:.6f}) * pow(({target_year} - datum.year) / ({target_year} - {start}), shape)"
    return (f"datum.year <= peak_year ? {grow} : datum.year <= {start} ? {peak} : "
            f"datum.year >= {target_year} ? {target:.6f} : {fall}")


def pathway_explorer(
    history: pd.Series, country: str, source: str, target_year: int = 2060, target_value: float = 0.0,
    peak_year: int = 2028, plateau_years: int = 2, shape: float = 1.0, growth_pct: float = 1.0,
    first_peak: int = 2025, last_peak: int = 2030, sum_from: int = 2020,
) -> alt.LayerChart:
    """Static pathway explorer: actual emissions (Gt) and a pathway set by four sliders.

    Sliders: peak year, plateau length, growth until the peak and the shape of
    the decline. The text in the chart gives cumulative emissions from
    ``sum_from`` to ``target_year`` (actual years plus the pathway).
    """
    base_year = int(history.index.max())
    base = float(history.loc[base_year])
    years = pd.DataFrame({"year": range(int(history.index.min()), target_year + 1)})
    years["actual"] = years["year"].map(history.round(4))
    params = [
        replace(CHINA_PARAMS["peak_year"], default=peak_year, min=first_peak, max=last_peak).param(),
        replace(CHINA_PARAMS["plateau"], default=plateau_years).param(),
        replace(CHINA_PARAMS["growth"], default=growth_pct).param(),
        replace(CHINA_PARAMS["shape"], default=shape).param(),
    ]
    expr = _pathway_expr(base_year, base, target_year, target_value)
    actual_kind, pathway_kind = _("actual"), _("pathway")
    base_chart = (
        alt.Chart(years)
        .transform_calculate(path=expr)
        .transform_calculate(value=f"datum.year <= {base_year} ? datum.actual : max(0, datum.path)",
                             kind=f"datum.year <= {base_year} ? '{actual_kind}' : '{pathway_kind}'")
    )
    color = country_color(country)
    x = alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False))
    y = alt.Y("value:Q", title=_("CO₂ emissions (Gt per year)"), scale=alt.Scale(domainMin=0, padding=8))
    kinds = alt.Scale(domain=[actual_kind, pathway_kind], range=[COUNTRY_STYLE.get(country, {}).get("dash", [1, 0]), [6, 4]])
    tooltip = [alt.Tooltip("year:Q", format="d", title=_("Year")), alt.Tooltip("value:Q", format=".2f", title="Gt CO₂"),
               alt.Tooltip("kind:N", title="")]
    actual = base_chart.transform_filter(f"datum.year <= {base_year}").mark_line(color=color).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)), tooltip=tooltip)
    future = base_chart.transform_filter(f"datum.year >= {base_year}").transform_calculate(
        kind=f"'{pathway_kind}'", value=f"datum.year == {base_year} ? datum.actual : max(0, datum.path)").mark_line(
        color=color, strokeWidth=2).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)), tooltip=tooltip)
    total = (
        base_chart.transform_filter(f"datum.year >= {sum_from} && datum.year <= {target_year}")
        .transform_aggregate(total="sum(value)")
        .transform_calculate(text=vega_text("Cumulative {first}–{last}: {total} Gt CO₂", first=sum_from,
                                            last=target_year, total=Expr("format(datum.total, ',.0f')")))
        .mark_text(align="left", fontWeight="bold", fontSize=13)
        .encode(x=alt.value(8), y=alt.value(288), text="text:N")
    )
    # the peak's marker, on the line (the y scale's padding keeps it inside the plot's top)
    peak_label = (
        base_chart.transform_filter("datum.year == peak_year")
        .mark_point(shape=COUNTRY_STYLE.get(country, {}).get("shape", "circle"), size=80, filled=True, color=color)
        .encode(x=x, y=y, tooltip=tooltip)
    )
    description = _(
        "Line chart of {country}'s annual fossil CO2 emissions in Gt: actual values {first}–"
        "{base_year} as a solid line, then a dashed pathway to {target:g} Gt in {target_year}. Sliders set "
        "the peak year ({first_peak}–{last_peak}), how many years emissions stay on a plateau, how fast they grow "
        "until the peak, and the shape of the decline (1 is a straight line; larger values cut faster at first). "
        "A point marks the peak; the text at the bottom left gives cumulative emissions {sum_from}–{target_year}.",
        country=translate_name(country), first=int(history.index.min()), base_year=base_year, target=target_value,
        target_year=target_year, first_peak=first_peak, last_peak=last_peak, sum_from=sum_from,
    )
    chart = alt.layer(actual, future, peak_label, total).add_params(*params).properties(width=480, height=300)
    return finish(chart, _("{country}: from peak to neutrality, a pathway you set", country=translate_name(country)),
                  description, source)


def pathway_chart(history: pd.Series, path: pd.DataFrame, country: str, source: str, sum_from: int = 2020) -> alt.LayerChart:
    """Live-mode pathway chart: actual emissions and one computed pathway, cumulative total in the title."""
    data = history_and_path(history, path).round({"value": 4})
    actual_kind, pathway_kind = _("actual"), _("pathway")
    data["kind"] = data["kind"].map({"actual": actual_kind, "pathway": pathway_kind})
    last_actual = int(history.index.max())
    bridge = pd.DataFrame({"year": [last_actual], "value": [float(history.loc[last_actual])], "kind": [pathway_kind]})
    data = pd.concat([data, bridge], ignore_index=True).sort_values(["kind", "year"])
    end = int(path["year"].max())
    total = float(history.loc[sum_from:].sum()) + cumulative(path, last_actual + 1, end)
    kinds = alt.Scale(domain=[actual_kind, pathway_kind], range=[[1, 0], [6, 4]])
    chart = alt.Chart(data).mark_line(color=country_color(country)).encode(
        x=alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False)),
        y=alt.Y("value:Q", title=_("CO₂ emissions (Gt per year)")),
        strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)),
        detail="kind:N",
    ).properties(width=480, height=300)
    description = _(
        "Line chart of {country}'s annual fossil CO2 emissions in Gt: actual to {last_actual} (solid), then a "
        "dashed pathway to {end}. Cumulative {first}–{end}: {total} CO2.",
        country=translate_name(country), last_actual=last_actual, end=end, first=sum_from, total=tonnes(total, "Gt", ",.0f"),
    )
    return finish(chart, _("{country}: cumulative {first}–{end} = {total}", country=translate_name(country), first=sum_from,
                           end=end, total=tonnes(total, "Gt", ",.0f", gas="CO₂")), description, source)


def pathway_widget(country: str = "China", first_year: int = 2000, target_year: int = 2060):
    """Live pathway explorer (ipywidgets): the same four controls as :func:`pathway_explorer`."""
    from .data import load_table, table_meta
    from .widgets import LiveChart

    table = load_table("co2_annual")
    rows = table[(table["country"] == country) & (table["year"] >= first_year)]
    history = rows.set_index("year")["co2"].astype(float) / 1000
    history.index = history.index.astype(int)
    source = table_meta("co2_annual").citation
    base_year = int(history.index.max())
    peak = replace(CHINA_PARAMS["peak_year"], min=max(base_year + 1, CHINA_PARAMS["peak_year"].min))
    controls = {"peak_year": peak.widget(), "plateau_years": CHINA_PARAMS["plateau"].widget(),
                "growth_pct": CHINA_PARAMS["growth"].widget(), "shape": CHINA_PARAMS["shape"].widget()}

    def build(peak_year, plateau_years, growth_pct, shape):
        path = pathway(base_year, float(history.loc[base_year]), peak_year, plateau_years, target_year, 0.0,
                       shape, growth_pct)
        return pathway_chart(history, path, country, source)

    return LiveChart(controls, build)


# ------------------------------------------------------------------ straight-line targets


def straight_line_path(points: dict[int, float]) -> pd.DataFrame:
    """Yearly values by straight lines between given (year: value) points."""
    if not isinstance(points, dict):
        raise validate.InputError(f"points must be a dict of year: value, got {type(points).__name__}")
    points = {validate.whole("year", y, 1000, 3000): validate.number(f"value in {y}", v, -MAX_VALUE, MAX_VALUE)
              for y, v in points.items()}
    years = sorted(points)
    if len(years) < 2:
        raise ValueError("need at least two points")
    all_years = np.arange(years[0], years[-1] + 1)
    return pd.DataFrame({"year": all_years, "value": np.interp(all_years, years, [points[y] for y in years])})


def target_chart(
    history: pd.Series, country: str, reference_year: int, path: pd.DataFrame, source: str,
    title: str, description: str,
) -> alt.LayerChart:
    """Actual emissions (Gt) with a rule at the reference year's level and a dashed target path."""
    actual = pd.DataFrame({"year": history.index.astype(int), "value": history.to_numpy(dtype=float), "kind": "actual"})
    actual = actual.assign(kind=_("actual"))
    target = path.assign(kind=_("target path"))
    data = pd.concat([actual, target], ignore_index=True).round({"value": 4})
    # (padding: the target's last marker sits inside the plot, not across its corner)
    x = alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False, padding=8))
    y = alt.Y("value:Q", title=_("CO₂ emissions (Gt per year)"), scale=alt.Scale(zero=True))
    kinds = alt.Scale(domain=[_("actual"), _("target path")], range=[[1, 0], [6, 4]])
    color = country_color(country)
    lines = alt.Chart(data).mark_line(color=color).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("year:Q", format="d", title=_("Year")), alt.Tooltip("value:Q", format=".2f", title="Gt CO₂"),
                 alt.Tooltip("kind:N", title="")],
    )
    level = float(history.loc[reference_year])
    ref = pd.DataFrame({"value": [level, level / 2], "label": [_("{year} level", year=reference_year),
                                                                _("half of {year}", year=reference_year)]})
    rules = alt.Chart(ref).mark_rule(color="#555", strokeDash=[2, 2]).encode(y="value:Q")
    rule_text = alt.Chart(ref).mark_text(align="right", dy=-6, color="#333", x="width").encode(
        y="value:Q", text="label:N")
    points = alt.Chart(path[path["year"].isin([path["year"].min(), 2030, path["year"].max()])].round(3)).mark_point(
        shape=COUNTRY_STYLE.get(country, {}).get("shape", "circle"), filled=True, size=70, color=color).encode(x=x, y=y)
    chart = alt.layer(rules, rule_text, lines, points).properties(width=480, height=300)
    return finish(chart, title, description, source)


# ------------------------------------------------------------- fair shares of the budget

# Each lab input's range, default and unit, defined once: the model checks against these,
# and both the static sliders and the live widgets are built from them.
CHINA_PARAMS: dict[str, Parameter] = {
    "peak_year": Parameter("peak_year", N_("Peak year"), "", 2025, 2030, 2028, 1,
                           "China's pledge: peak CO₂ before 2030 (fn11_tooze_fp_xi_save_world)", integer=True),
    "plateau": Parameter("plateau", N_("Plateau"), N_("years"), 0, 10, 2, 1, "illustrative assumption", integer=True),
    "growth": Parameter("growth", N_("Growth until peak"), N_("%/yr"), 0, 3, 1, 0.25,
                        "illustrative; China grew about 3 %/yr 2019–2024 (owid_co2_2025)"),
    "shape": Parameter("shape", N_("Decline shape (1 = straight, >1 = cut early)"), "", 0.5, 3, 1, 0.25,
                       "illustrative assumption"),
}
US_PARAMS: dict[str, Parameter] = {
    "cut_2030": Parameter("cut_2030", N_("Cut by 2030 vs 2005"), "%", 0, 80, 50, 1,
                          "US NDC 2021: 50–52 % below 2005 (us2021ndc)"),
    "net_zero_year": Parameter("net_zero_year", N_("Net-zero year"), "", 2040, 2060, 2050, 1,
                               "US NDC 2021: net zero by 2050 (us2021ndc)", integer=True),
}

def budget_label(budget: float) -> str:
    """A menu label of an IPCC budget of :data:`IPCC_BUDGET_TABLE`: ``"1.5 °C, 50 % chance (500 Gt)"``."""
    (warming, chance), = [key for key, value in IPCC_BUDGET_TABLE.items() if value == budget]
    return _("{warming:g} °C, {chance} % chance ({budget:,.0f} Gt)", warming=warming, chance=chance, budget=budget)


RULES: dict[str, str] = {  # the keys are marked too: summaries print them as the rules' short names
    N_("population"): N_("by population"),
    N_("responsibility"): N_("by historical responsibility"),
    N_("grandfathering"): N_("by current emissions"),
}
FAIR_SHARE_CHOICES: dict[str, Choice] = {
    "budget": Choice("budget", N_("World budget from 2020"), tuple(IPCC_BUDGET_TABLE.values()), 500.0, budget_label),
    "rule": Choice("rule", N_("Sharing rule"), tuple(RULES), "population", tuple(RULES.values())),
}
SHARE_YEAR = 2019        # population and emission shares: the last year before the budget starts
HISTORY_FROM = 1850      # historical responsibility counts emissions from 1850, as the IPCC budget does
MAX_BUDGET = 5000.0      # Gt CO2; far above any IPCC figure, only to catch unit errors


def remaining_budget(temperature: float, probability: int) -> float:
    """IPCC AR6 remaining CO₂ budget (Gt CO₂ from 1 January 2020) for a warming limit and a chance.

    ``temperature`` is 1.5 or 2 (°C above 1850–1900); ``probability`` is 50, 67
    or 83 (% chance of staying below it). Table SPM.2 of IPCC AR6 WG1.
    """
    temps = sorted({t for t, _p in IPCC_BUDGET_TABLE})
    probs = sorted({p for _t, p in IPCC_BUDGET_TABLE})
    if temperature not in temps:
        raise ValueError(f"temperature must be one of {temps} (°C), got {temperature!r}")
    if probability not in probs:
        raise ValueError(f"probability must be one of {probs} (%), got {probability!r}")
    return IPCC_BUDGET_TABLE[(float(temperature), int(probability))]


def _check_range(name: str, value: float, low: float, high: float, unit: str = "") -> float:
    return validate.number(name, value, low, high, unit=unit)


def fair_share_population(budget: float, population_share: float) -> float:
    """Rule (a), equal per person: the country's share of world population times the budget (Gt)."""
    budget = _check_range("budget", budget, 0, MAX_BUDGET, "Gt CO2")
    return _check_range("population_share", population_share, 0, 1) * budget


def fair_share_grandfathering(budget: float, emission_share: float) -> float:
    """Rule (c), grandfathering: the country's current share of world emissions times the budget (Gt)."""
    budget = _check_range("budget", budget, 0, MAX_BUDGET, "Gt CO2")
    return _check_range("emission_share", emission_share, 0, 1) * budget


def fair_share_responsibility(budget: float, population_share: float, world_history: float,
                              country_history: float) -> float:
    """Rule (b), historical responsibility ("cumulative per capita"), in Gt; may be negative.

    The whole budget since 1850 is what the world emitted from 1850 to 2019
    (``world_history``) plus the remaining ``budget`` from 2020. The country is
    entitled to its population share of that total and has already used
    ``country_history`` (its own emissions 1850–2019); what is left is its
    share from 2020. A negative result means it has used more than its share.
    """
    budget = _check_range("budget", budget, 0, MAX_BUDGET, "Gt CO2")
    share = _check_range("population_share", population_share, 0, 1)
    world = _check_range("world_history", world_history, 0, 10 * MAX_BUDGET, "Gt CO2")
    own = _check_range("country_history", country_history, 0, world, "Gt CO2")
    return share * (world + budget) - own


@dataclass(frozen=True)
class ShareInputs:
    """What the sharing rules need to know about one country (shares are fractions, histories Gt CO₂)."""

    country: str
    year: int
    population_share: float
    emission_share: float
    country_history: float
    world_history: float

    def coefficients(self) -> dict[str, tuple[float, float]]:
        """Each rule's fair share as ``a * budget + c``: {rule: (a, c)} (used by the static chart)."""
        return {
            "population": (self.population_share, 0.0),
            "responsibility": (self.population_share, self.population_share * self.world_history - self.country_history),
            "grandfathering": (self.emission_share, 0.0),
        }


#: Rows of ``co2_annual`` that add up other rows; the sharing rules divide the budget among the rest.
AGGREGATES = ("World", "EU-27")


_SHARE_CACHE: dict[tuple[int, int], tuple[pd.DataFrame, tuple[pd.DataFrame, pd.Series]]] = {}


def _share_table(table: pd.DataFrame, year: int) -> tuple[pd.DataFrame, pd.Series]:
    """Per row of ``co2_annual`` (countries and aggregates): population and CO₂ in ``year`` and
    CO₂ summed 1850–``year`` (Gt), missing values counted as zero; and the sum over the countries
    (every row but :data:`AGGREGATES`). Cached per table object."""
    cached = _SHARE_CACHE.get((id(table), year))
    if cached is not None and cached[0] is table:
        return cached[1]
    frame = _share_frame(table, year)
    _SHARE_CACHE.clear()
    _SHARE_CACHE[(id(table), year)] = (table, frame)
    return frame


def _share_frame(table: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = table[table["year"].between(HISTORY_FROM, year)]
    history = rows.groupby("country")["co2"].sum(min_count=0).astype(float) / 1000
    now = table[table["year"] == year].set_index("country")
    frame = pd.DataFrame({"population": now["population"].astype(float).fillna(0), "co2": now["co2"].astype(float)
                          .fillna(0), "history": history}).fillna(0)
    return frame, frame.drop(index=[a for a in AGGREGATES if a in frame.index]).sum()


def share_inputs(table: pd.DataFrame, country: str, year: int = SHARE_YEAR) -> ShareInputs:
    """Population and emission shares in ``year`` and cumulative fossil CO₂ 1850–``year`` from ``co2_annual``.

    Shares are of the sum over all countries (every row but :data:`AGGREGATES`), and ``world_history``
    is that sum's history too, so each rule shares out exactly the budget over the countries. The
    world total also holds emissions no country is charged with, international aviation and shipping
    (see :func:`unallocated`); sharing the whole budget among countries makes each country's share
    cover its part of those.
    """
    if not isinstance(table, pd.DataFrame) or not {"country", "year", "co2", "population"} <= set(table.columns):
        raise ValueError("table must be the co2_annual DataFrame (columns country, year, co2, population)")
    first, last = int(table["year"].min()), int(table["year"].max())
    year = int(_check_range("year", year, max(first, HISTORY_FROM), last))
    shares, total = _share_table(table, year)
    if country not in shares.index or country == "World":
        raise ValueError(f"country must be a country in the emissions table, got {country!r}")
    if total["population"] <= 0 or total["co2"] <= 0:
        raise ValueError(f"the emissions table has no population or CO2 for {year}")
    own = shares.loc[country]
    return ShareInputs(country, year, float(own["population"] / total["population"]), float(own["co2"] / total["co2"]),
                       float(own["history"]), float(total["history"]))


def unallocated(table: pd.DataFrame, year: int = SHARE_YEAR) -> dict[str, float]:
    """What the world total holds beyond the sum of all countries: mostly international aviation and
    shipping (bunker fuels), which belong to no country.

    ``history`` (Gt CO₂, 1850–``year``), ``history_pct`` of the world's, and ``annual_pct``: the
    share of the world's emissions in ``year``.
    """
    year = int(_check_range("year", year, HISTORY_FROM, int(table["year"].max())))
    shares, countries = _share_table(table, year)
    world = shares.loc["World"]
    gap = world["history"] - countries["history"]
    return {"history": float(gap), "history_pct": float(100 * gap / world["history"]),
            "annual_pct": float(100 * (world["co2"] - countries["co2"]) / world["co2"])}


def fair_shares(budget: float, inputs: ShareInputs) -> dict[str, float]:
    """The country's fair share (Gt CO₂ from 2020) of ``budget`` under each rule in :data:`RULES`."""
    return {
        "population": fair_share_population(budget, inputs.population_share),
        "responsibility": fair_share_responsibility(budget, inputs.population_share, inputs.world_history,
                                                    inputs.country_history),
        "grandfathering": fair_share_grandfathering(budget, inputs.emission_share),
    }


def _history_to(history: pd.Series, first: int = 2020) -> tuple[pd.Series, int, float]:
    if not isinstance(history, pd.Series) or history.empty:
        raise ValueError("history must be a non-empty Series of Gt CO2 indexed by year")
    last = int(history.index.max())
    if not first <= last:
        raise ValueError(f"history must reach at least {first}, ends {last}")
    return history.loc[first:], last, float(history.loc[last])


def china_pathway(history: pd.Series, peak_year: int = 2028, plateau: int = 2, growth: float = 1.0,
                  shape: float = 1.0, first: int = 2020, target_year: int = 2060) -> pd.DataFrame:
    """Annual Gt CO₂, ``first``..2060: actual emissions, then peak, plateau and decline to zero in 2060.

    Parameters and ranges: :data:`CHINA_PARAMS`. Values outside raise ``ValueError``.
    """
    values = {k: CHINA_PARAMS[k].check(v) for k, v in
              dict(peak_year=peak_year, plateau=plateau, growth=growth, shape=shape).items()}
    actual, last, base = _history_to(history, first)
    if values["peak_year"] <= last:
        raise ValueError(f"peak_year must be after the last year of data ({last}), got {peak_year}")
    path = pathway(last, base, int(values["peak_year"]), int(values["plateau"]), target_year, 0.0,
                   values["shape"], values["growth"])
    future = path[path["year"] > last]
    return pd.concat([pd.DataFrame({"year": actual.index.astype(int), "value": actual.to_numpy(float)}), future],
                     ignore_index=True)


def us_pathway(history: pd.Series, cut_2030: float = 50.0, net_zero_year: int = 2050, first: int = 2020,
               reference_year: int = 2005, end: int = 2060) -> pd.DataFrame:
    """Annual Gt CO₂, ``first``..``end``: actual emissions, then straight lines to ``cut_2030`` % below 2005
    in 2030 and to zero in ``net_zero_year`` (zero afterwards). Ranges: :data:`US_PARAMS`."""
    cut = US_PARAMS["cut_2030"].check(cut_2030)
    zero = int(US_PARAMS["net_zero_year"].check(net_zero_year))
    actual, last, base = _history_to(history, first)
    if reference_year not in history.index:
        raise ValueError(f"history must include the reference year {reference_year}")
    level_2030 = float(history.loc[reference_year]) * (1 - cut / 100)
    line = straight_line_path({last: base, 2030: level_2030, zero: 0.0})
    line = pd.concat([line, pd.DataFrame({"year": np.arange(zero + 1, end + 1), "value": 0.0})], ignore_index=True)
    future = line[line["year"] > last]
    return pd.concat([pd.DataFrame({"year": actual.index.astype(int), "value": actual.to_numpy(float)}), future],
                     ignore_index=True)


def with_running_total(path: pd.DataFrame) -> pd.DataFrame:
    """``path`` plus a column ``total``: cumulative Gt CO₂ from its first year."""
    return path.assign(total=path["value"].cumsum())


def _us_expr(last: int, base: float, level_2005: float) -> str:
    """Vega expression equal to :func:`us_pathway` for years after ``last``, driven by two parameters."""
    at_2030 = f"({level_2005:.6f} * (1 - cut_2030 / 100))"
    return (f"datum.year <= 2030 ? {base:.6f} + ({at_2030} - {base:.6f}) * (datum.year - {last}) / (2030 - {last}) : "
            f"datum.year < net_zero_year ? {at_2030} * (net_zero_year - datum.year) / (net_zero_year - 2030) : 0")


_RULE_TEXT = N_("{rule}: {share} Gt")
LABEL_RISE_PX = 6  # a rule's label stands this far above its line...
LABEL_GAP_PX = 13  # ...and at least this far above the label of the rule below it (11 px text),
# but never above the plot's top, where the summary line is


def _rule_expr(inputs: ShareInputs) -> str:
    """Vega expression: the chosen rule's fair share of the chosen budget."""
    parts = [f"rule == '{r}' ? {a:.6f} * budget + {c:.6f}" for r, (a, c) in inputs.coefficients().items()]
    return " : ".join(parts) + " : null"


def _fair_share_layers(years: alt.Chart, rules: alt.Chart, country: str, end: int) -> list[alt.Chart]:
    """Layers shared by the static and live charts: running total, one rule per fair share, a summary line."""
    color = country_color(country)
    x = alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(domain=[2020, end], nice=False))
    y = alt.Y("total:Q", title=_("Cumulative CO₂ from 2020 (Gt)"))
    line = years.mark_line(color=color, strokeWidth=3).encode(
        x=x, y=y, tooltip=[alt.Tooltip("year:Q", format="d", title=_("Year")),
                           alt.Tooltip("value:Q", format=".2f", title=_("Gt CO₂ that year")),
                           alt.Tooltip("total:Q", format=",.0f", title=_("Cumulative Gt CO₂"))])
    dashes = alt.Scale(domain=[_(rule) for rule in RULES.values()], range=[[6, 3], [1, 0], [2, 2]])
    widths = alt.Scale(domain=["chosen", "other"], range=[3, 1])
    # A share below zero (the country has used more than it) is named at the foot of the plot instead
    # of drawn: a rule at −318 Gt squeezed the pathway into the top sixth of the chart.
    drawn, below_zero = rules.transform_filter("datum.share >= 0"), rules.transform_filter("datum.share < 0")
    emphasis = alt.Opacity("chosen:N", scale=alt.Scale(domain=["chosen", "other"], range=[1, 0.8]), legend=None)
    rule_lines = drawn.mark_rule(color="#333").encode(
        y=alt.Y("share:Q"), strokeDash=alt.StrokeDash("label:N", scale=dashes, legend=None),
        strokeWidth=alt.StrokeWidth("chosen:N", scale=widths, legend=None),
        tooltip=[alt.Tooltip("label:N", title=_("Fair share")), alt.Tooltip("share:Q", format=",.0f", title="Gt CO₂")])
    # Each rule's label sits just above its line, moved up where it would touch the label of a rule
    # below it: in pixels, at least a line of text above every label under it (the lowest stays put),
    # and inside the plot.
    below = [alt.WindowFieldDef(op="lag", field="share", param=k, **{"as": f"below_{k}"}) for k in range(1, len(RULES))]
    lifted = ", ".join([f"scale('y', datum.share)"] + [f"(datum.below_{k} == null ? 1e9 : scale('y', datum.below_{k}) - {k * LABEL_GAP_PX})"
                                                        for k in range(1, len(RULES))])
    # (haloed: the pathway's line and a close rule above may run under a label)
    rule_text = drawn.transform_window(window=below, sort=[alt.SortField("share")]).mark_text(
        align="left", color="#222").encode(
        y=alt.value(alt.expr(f"max({LABEL_GAP_PX}, min({lifted}) - {LABEL_RISE_PX})")), x=alt.value(4), text="text:N",
        opacity=emphasis)
    off_chart = below_zero.transform_window(n="row_number()").mark_text(
        align="left", baseline="bottom", color="#222").encode(
        x=alt.value(4), y=alt.value(alt.expr(f"height - 4 - {LABEL_GAP_PX} * (datum.n - 1)")),
        text=alt.Text("below_text:N"), opacity=emphasis).transform_calculate(below_text="'↓ ' + datum.text")
    summary = headline(years.transform_filter(f"datum.year == {end}"), punctuation("; "), lines=3, x_px=8).encode(
        text="summary:N")
    return [rule_lines, line, haloed(rule_text), haloed(off_chart), summary]


# Three lines, one per clause, to fit a phone.
_SUMMARY = N_("Pathway 2020–{end}: {total} Gt; fair share: {share} Gt; {used}")
_USED_PART, _USED_UP = N_("the pathway is {pct} % of the share"), N_("the share is already used up")


def _summary_expr(end: int) -> str:
    part = vega_text(_USED_PART, pct=Expr("format(100 * datum.total / datum.share, '.0f')"))
    used = f"(datum.share > 0 ? {part} : {vega_text(_USED_UP)})"
    return vega_text(_SUMMARY, end=end, total=Expr("format(datum.total, ',.0f')"),
                     share=Expr("format(datum.share, ',.0f')"), used=Expr(used))


def _description(country: str, end: int, controls_text: str) -> str:
    return _("Line chart of {country}'s cumulative fossil CO2 emissions from 2020 (Gt), year by year to {end}: "
             "actual emissions to the latest year, then a pathway set by {controls}. Horizontal rules mark "
             "the country's fair share of the world budget from 2020 under three sharing rules (dashed: equal per "
             "person; solid: historical responsibility since 1850; dotted: current share of emissions), each "
             "labelled with its value; menus choose the IPCC budget and which rule is emphasised. The text above "
             "the plot compares the pathway's total with the chosen fair share.",
             country=translate_name(country), end=end, controls=_(controls_text))


def fair_share_explorer(history: pd.Series, inputs: ShareInputs, country: str, source: str) -> alt.LayerChart:
    """Static lab: the pathway's cumulative emissions from 2020 against fair shares of an IPCC budget.

    China (peak, plateau, growth, shape sliders; zero in 2060) or the United States
    (2030 cut against 2005 and net-zero year sliders). Menus: IPCC budget and sharing rule.
    The Vega expressions repeat :func:`china_pathway` / :func:`us_pathway` and :func:`fair_shares`.
    """
    actual, last, base = _history_to(history)
    if country == "United States":
        params, expr, end = US_PARAMS, _us_expr(last, base, float(history.loc[2005])), 2060
        what = N_("two sliders (the cut by 2030 against 2005 and the net-zero year)")
    else:
        params, expr, end = CHINA_PARAMS, _pathway_expr(last, base, 2060, 0.0), 2060
        what = N_("four sliders (peak year, plateau, growth until the peak, shape of the decline; zero in 2060)")
    frame = pd.DataFrame({"year": range(2020, end + 1)})
    frame["actual"] = frame["year"].map(actual.round(4))
    years = (
        alt.Chart(frame)
        .transform_calculate(value=f"datum.year <= {last} ? datum.actual : max(0, {expr})")
        .transform_window(total="sum(value)", sort=[alt.SortField("year")], frame=[None, 0])
        .transform_calculate(share=_rule_expr(inputs))
        .transform_calculate(summary=_summary_expr(end))
    )
    coeffs = pd.DataFrame([{"rule": r, "label": _(RULES[r]), "a": round(a, 6), "c": round(c, 4)}
                           for r, (a, c) in inputs.coefficients().items()])
    rules = (
        alt.Chart(coeffs)
        .transform_calculate(share="datum.a * budget + datum.c", chosen="datum.rule == rule ? 'chosen' : 'other'")
        .transform_calculate(text=vega_text(_RULE_TEXT, rule=Expr("datum.label"), share=Expr("format(datum.share, ',.0f')")))
    )
    inputs_params = [p.param() for p in params.values()] + [c.param() for c in FAIR_SHARE_CHOICES.values()]
    chart = alt.layer(*_fair_share_layers(years, rules, country, end)).add_params(*inputs_params)
    chart = chart.properties(width=480, height=300)
    return finish(chart, _("{country}: pathway against fair shares of the world budget", country=translate_name(country)),
                  _description(country, end, what), source)


@functools.lru_cache(maxsize=8)
def _live_template(country: str, end: int, source: str, _language: str) -> alt.LayerChart:
    """The live chart without its numbers (named datasets ``path`` and ``rules``), built once per country."""
    layers = _fair_share_layers(alt.Chart(alt.NamedData("path")), alt.Chart(alt.NamedData("rules")), country, end)
    chart = alt.layer(*layers).properties(width=480, height=300)
    return finish(chart, _("{country}: pathway against fair shares of the world budget", country=translate_name(country)),
                  _description(country, end, N_("the live controls")), source)


def fair_share_chart(path: pd.DataFrame, shares: dict[str, float], rule: str, country: str,
                     source: str) -> alt.LayerChart:
    """Live-mode chart: a computed pathway's running total and the fair shares (numbers from Python)."""
    FAIR_SHARE_CHOICES["rule"].check(rule)
    data = with_running_total(path).round({"value": 4, "total": 3})
    end = int(data["year"].max())
    total = float(data["total"].iloc[-1])
    share = shares[rule]
    used = _(_USED_PART, pct=f"{100 * total / share:.0f}") if share > 0 else _(_USED_UP)
    data["summary"] = ""  # only the last year's row is drawn (see _fair_share_layers)
    data.loc[data.index[-1], "summary"] = _(_SUMMARY, end=end, total=f"{total:,.0f}", share=f"{share:,.0f}", used=used)
    rows = [{"rule": r, "label": _(RULES[r]), "share": round(v, 3), "chosen": "chosen" if r == rule else "other",
             "text": _(_RULE_TEXT, rule=_(RULES[r]), share=f"{v:,.0f}")} for r, v in shares.items()]
    chart = _live_template(country, end, source, language()).copy(deep=False)
    chart.datasets = {"path": data.astype({"year": int}).to_dict("records"), "rules": rows}
    return chart


def fair_share_result(country: str, history: pd.Series, inputs: ShareInputs, budget: float, rule: str,
                      **pathway_args) -> dict:
    """The numbers a scenario produces: pathway total from 2020, chosen fair share and the ratio (%)."""
    budget = FAIR_SHARE_CHOICES["budget"].check(budget)
    FAIR_SHARE_CHOICES["rule"].check(rule)
    build = us_pathway if country == "United States" else china_pathway
    path = build(history, **pathway_args)
    shares = fair_shares(budget, inputs)
    total = float(path["value"].sum())
    return {"path": path, "total": total, "shares": shares, "share": shares[rule],
            "ratio_pct": 100 * total / shares[rule] if shares[rule] > 0 else math.inf}


def fair_share_widget(country: str = "China"):
    """Live lab (ipywidgets): the same controls as :func:`fair_share_explorer`, rerunning the Python model."""
    from .data import load_table, table_meta
    from .widgets import LiveChart

    table = load_table("co2_annual")
    rows = table[(table["country"] == country) & (table["year"] >= 2000)]
    history = rows.set_index("year")["co2"].astype(float) / 1000
    history.index = history.index.astype(int)
    inputs = share_inputs(table, country)
    source = table_meta("co2_annual").citation
    params = US_PARAMS if country == "United States" else CHINA_PARAMS
    widgets_ = lab_controls({**params, **FAIR_SHARE_CHOICES})

    def build(budget, rule, **pathway_args):
        result = fair_share_result(country, history, inputs, budget, rule, **pathway_args)
        return fair_share_chart(result["path"], result["shares"], rule, country, source)

    return LiveChart(widgets_, build)


def fair_share_defaults(country: str) -> dict:
    """Default value of every lab input for ``country`` (pathway parameters, budget, rule)."""
    return lab_defaults({**(US_PARAMS if country == "United States" else CHINA_PARAMS), **FAIR_SHARE_CHOICES})


__all__ = [
    "IPCC_BUDGETS_2020", "average_annual_rate", "series_rate", "growth_table", "constant_cut_for_budget",
    "cut_by_start_year", "budget_calculator_chart", "pathway", "cumulative", "history_and_path",
    "pathway_explorer", "pathway_chart", "pathway_widget", "straight_line_path", "target_chart",
    "IPCC_BUDGET_TABLE", "budget_cuts_table", "CHINA_PARAMS", "US_PARAMS", "RULES", "FAIR_SHARE_CHOICES", "remaining_budget",
    "fair_share_population", "fair_share_responsibility", "fair_share_grandfathering", "ShareInputs",
    "share_inputs", "unallocated", "AGGREGATES", "fair_shares", "china_pathway", "us_pathway", "with_running_total", "fair_share_explorer",
    "fair_share_chart", "fair_share_result", "fair_share_widget", "fair_share_defaults",
]

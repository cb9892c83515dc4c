"""Emission pathways: carbon budgets, growth rates, peak-plateau-decline paths and straight-line targets.

Chapters 3-5 use these to turn pledges ("peak before 2030", "halve by 2030")
into numbers: the constant annual cut a budget allows, the annual emissions of a
pathway and its cumulative total, and the rate a target requires compared with
the rate actually achieved. Each chart builder has a static mode (Altair
parameters bound to HTML inputs) that repeats the Python formulas in Vega
expressions; the tests check that both give the same numbers.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from .charts import finish
from .theme import COUNTRY_STYLE, country_color

# IPCC AR6 WG1 Table SPM.2: remaining CO2 budgets from 1 January 2020, Gt CO2.
IPCC_BUDGETS_2020: dict[str, float] = {
    "1.5 °C, 50 % chance": 500.0,
    "1.5 °C, 67 % chance": 400.0,
    "2 °C, 67 % chance": 1150.0,
    "2 °C, 50 % chance": 1350.0,
}


# ----------------------------------------------------------------------------- rates


def average_annual_rate(start: float, end: float, years: int) -> float:
    """Compound average annual change (in %) that takes ``start`` to ``end`` in ``years`` years."""
    if years <= 0:
        raise ValueError(f"years must be positive, got {years}")
    if start <= 0 or end < 0:
        raise ValueError("start must be positive and end non-negative")
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
    if annual <= 0:
        raise ValueError(f"annual emissions must be positive, got {annual}")
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
    rows = []
    for year in start_years:
        if year < first_year:
            raise ValueError(f"start year {year} is before {first_year}")
        left = budget - used - annual * (year - first_year)
        rows.append({"start_year": int(year), "remaining": left, "cut_pct": constant_cut_for_budget(left, annual)})
    return pd.DataFrame(rows)


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
    for label in ("1.5 °C, 50 % chance", "2 °C, 67 % chance"):
        value = IPCC_BUDGETS_2020[label]
        short = label.replace(" chance", "")
        frame = cut_by_start_year(value, used, annual, first_year, years).assign(
            budget=f"IPCC {short} ({value:,.0f} Gt)")
        refs.append(frame)
    ref = pd.concat(refs).dropna()
    ref = ref[ref["cut_pct"] <= 60].round({"cut_pct": 3, "remaining": 2})
    slider = alt.param(name="budget", value=budget,
                       bind=alt.binding_range(min=200, max=1500, step=25, name="Budget from 2020 (Gt CO₂): "))
    x = alt.X("start_year:Q", title="Year steady cuts begin", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[first_year, last_start]))
    y = alt.Y("cut_pct:Q", title="Required cut every year (%)", scale=alt.Scale(domain=[0, 60]))
    dashes = alt.Scale(domain=sorted(ref["budget"].unique()), range=[[6, 3], [2, 2]])
    reference = alt.Chart(ref).mark_line(color="#777", strokeWidth=1.8).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("budget:N", scale=dashes, legend=alt.Legend(title="IPCC budgets", columns=1, labelLimit=0)),
        tooltip=[alt.Tooltip("budget:N", title="Budget"), alt.Tooltip("start_year:Q", format="d", title="Start"),
                 alt.Tooltip("cut_pct:Q", format=".1f", title="Cut % per year")],
    )
    chosen_base = (
        alt.Chart(pd.DataFrame({"start_year": years}))
        .transform_calculate(remaining=f"budget - {used:.4f} - {annual:.4f} * (datum.start_year - {first_year})")
        .transform_calculate(cut_pct=f"datum.remaining > 0 ? 100 * (1 - exp(-{annual:.4f} / datum.remaining)) : null")
        .transform_filter("isValid(datum.cut_pct) && datum.cut_pct <= 60")
    )
    chosen = chosen_base.mark_line(color="#000", strokeWidth=3, point=True).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("start_year:Q", format="d", title="Start"),
                 alt.Tooltip("remaining:Q", format=",.0f", title="Budget left (Gt)"),
                 alt.Tooltip("cut_pct:Q", format=".1f", title="Cut % per year")],
    )
    label = chosen_base.transform_filter(f"datum.start_year == {first_year}").mark_text(
        align="left", dx=8, dy=-10, fontWeight="bold").encode(
        x=x, y=y, text=alt.Text("cut_pct:Q", format=".1f"))
    description = (
        f"Line chart of the constant percentage cut in world CO2 emissions needed every year to stay within a "
        f"carbon budget, by the year the cuts begin ({first_year} to {last_start}). Emissions are held at "
        f"{annual:.1f} Gt a year until cutting starts. A slider sets the budget counted from 2020 (default "
        f"{budget:.0f} Gt); the solid black line with points follows it, and two dashed grey lines show the IPCC "
        "budgets for a 50 % chance of 1.5 °C (500 Gt) and a 67 % chance of 2 °C (1,150 Gt). The number at the "
        "left end of the black line is the cut needed if cutting starts at once."
    )
    chart = alt.layer(chosen, reference, label).add_params(slider).properties(width=480, height=300)
    return finish(chart, "How fast must emissions fall? It depends on when we start", description, source)


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
    decline_start = max(peak_year, base_year) + plateau_years
    if decline_start >= target_year:
        raise ValueError(f"peak {peak_year} plus {plateau_years} plateau years must end before {target_year}")
    if shape <= 0:
        raise ValueError(f"shape must be positive, got {shape}")
    if base_value < 0 or target_value < 0:
        raise ValueError("emissions must be non-negative")
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
        alt.param(name="peak_year", value=peak_year,
                  bind=alt.binding_range(min=first_peak, max=last_peak, step=1, name="Peak year: ")),
        alt.param(name="plateau", value=plateau_years,
                  bind=alt.binding_range(min=0, max=10, step=1, name="Plateau (years): ")),
        alt.param(name="growth", value=growth_pct,
                  bind=alt.binding_range(min=0, max=3, step=0.25, name="Growth until peak (%/yr): ")),
        alt.param(name="shape", value=shape,
                  bind=alt.binding_range(min=0.5, max=3, step=0.25, name="Decline shape (1 = straight, >1 = cut early): ")),
    ]
    expr = _pathway_expr(base_year, base, target_year, target_value)
    base_chart = (
        alt.Chart(years)
        .transform_calculate(path=expr)
        .transform_calculate(value=f"datum.year <= {base_year} ? datum.actual : max(0, datum.path)",
                             kind=f"datum.year <= {base_year} ? 'actual' : 'pathway'")
    )
    color = country_color(country)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(nice=False))
    y = alt.Y("value:Q", title="CO₂ emissions (Gt per year)")
    kinds = alt.Scale(domain=["actual", "pathway"], range=[COUNTRY_STYLE.get(country, {}).get("dash", [1, 0]), [6, 4]])
    tooltip = [alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("value:Q", format=".2f", title="Gt CO₂"),
               alt.Tooltip("kind:N", title="")]
    actual = base_chart.transform_filter(f"datum.year <= {base_year}").mark_line(color=color).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)), tooltip=tooltip)
    future = base_chart.transform_filter(f"datum.year >= {base_year}").transform_calculate(
        kind="'pathway'", value=f"datum.year == {base_year} ? datum.actual : max(0, datum.path)").mark_line(
        color=color, strokeWidth=2).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)), tooltip=tooltip)
    total = (
        base_chart.transform_filter(f"datum.year >= {sum_from} && datum.year <= {target_year}")
        .transform_aggregate(total="sum(value)")
        .transform_calculate(text=f"'Cumulative {sum_from}–{target_year}: ' + format(datum.total, ',.0f') + ' Gt CO₂'")
        .mark_text(align="left", fontWeight="bold", fontSize=13)
        .encode(x=alt.value(8), y=alt.value(288), text="text:N")
    )
    peak_label = (
        base_chart.transform_filter("datum.year == peak_year")
        .mark_point(shape=COUNTRY_STYLE.get(country, {}).get("shape", "circle"), size=80, filled=True, color=color)
        .encode(x=x, y=y, tooltip=tooltip)
    )
    description = (
        f"Line chart of {country}'s annual fossil CO2 emissions in Gt: actual values {int(history.index.min())}–"
        f"{base_year} as a solid line, then a dashed pathway to {target_value:g} Gt in {target_year}. Sliders set "
        f"the peak year ({first_peak}–{last_peak}), how many years emissions stay on a plateau, how fast they grow "
        "until the peak, and the shape of the decline (1 is a straight line; larger values cut faster at first). "
        f"A point marks the peak; the text at the bottom left gives cumulative emissions {sum_from}–{target_year}."
    )
    chart = alt.layer(actual, future, peak_label, total).add_params(*params).properties(width=480, height=300)
    return finish(chart, f"{country}: from peak to neutrality, a pathway you set", description, source)


def pathway_chart(history: pd.Series, path: pd.DataFrame, country: str, source: str, sum_from: int = 2020) -> alt.LayerChart:
    """Live-mode pathway chart: actual emissions and one computed pathway, cumulative total in the title."""
    data = history_and_path(history, path).round({"value": 4})
    last_actual = int(history.index.max())
    bridge = pd.DataFrame({"year": [last_actual], "value": [float(history.loc[last_actual])], "kind": ["pathway"]})
    data = pd.concat([data, bridge], ignore_index=True).sort_values(["kind", "year"])
    end = int(path["year"].max())
    total = float(history.loc[sum_from:].sum()) + cumulative(path, last_actual + 1, end)
    kinds = alt.Scale(domain=["actual", "pathway"], range=[[1, 0], [6, 4]])
    chart = alt.Chart(data).mark_line(color=country_color(country)).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(nice=False)),
        y=alt.Y("value:Q", title="CO₂ emissions (Gt per year)"),
        strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)),
        detail="kind:N",
    ).properties(width=480, height=300)
    description = (
        f"Line chart of {country}'s annual fossil CO2 emissions in Gt: actual to {last_actual} (solid), then a "
        f"dashed pathway to {end}. Cumulative {sum_from}–{end}: {total:,.0f} Gt CO2."
    )
    return finish(chart, f"{country}: cumulative {sum_from}–{end} = {total:,.0f} Gt CO₂", description, source)


def pathway_widget(country: str = "China", first_year: int = 2000, target_year: int = 2060):
    """Live pathway explorer (ipywidgets): the same four controls as :func:`pathway_explorer`."""
    import ipywidgets as widgets

    from .data import load_table, table_meta
    from .widgets import LiveChart

    table = load_table("co2_annual")
    rows = table[(table["country"] == country) & (table["year"] >= first_year)]
    history = rows.set_index("year")["co2"].astype(float) / 1000
    history.index = history.index.astype(int)
    source = table_meta("co2_annual").citation
    base_year = int(history.index.max())
    controls = {
        "peak_year": widgets.IntSlider(value=2028, min=base_year + 1, max=2030, description="Peak year"),
        "plateau_years": widgets.IntSlider(value=2, min=0, max=10, description="Plateau"),
        "growth_pct": widgets.FloatSlider(value=1.0, min=0, max=3, step=0.25, description="Growth %/yr"),
        "shape": widgets.FloatSlider(value=1.0, min=0.5, max=3, step=0.25, description="Shape"),
    }

    def build(peak_year, plateau_years, growth_pct, shape):
        path = pathway(base_year, float(history.loc[base_year]), peak_year, plateau_years, target_year, 0.0,
                       shape, growth_pct)
        return pathway_chart(history, path, country, source)

    return LiveChart(controls, build)


# ------------------------------------------------------------------ straight-line targets


def straight_line_path(points: dict[int, float]) -> pd.DataFrame:
    """Yearly values by straight lines between given (year: value) points."""
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
    target = path.assign(kind="target path")
    data = pd.concat([actual, target], ignore_index=True).round({"value": 4})
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(nice=False))
    y = alt.Y("value:Q", title="CO₂ emissions (Gt per year)", scale=alt.Scale(zero=True))
    kinds = alt.Scale(domain=["actual", "target path"], range=[[1, 0], [6, 4]])
    color = country_color(country)
    lines = alt.Chart(data).mark_line(color=color).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("kind:N", scale=kinds, legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("value:Q", format=".2f", title="Gt CO₂"),
                 alt.Tooltip("kind:N", title="")],
    )
    level = float(history.loc[reference_year])
    ref = pd.DataFrame({"value": [level, level / 2], "label": [f"{reference_year} level", f"half of {reference_year}"]})
    rules = alt.Chart(ref).mark_rule(color="#555", strokeDash=[2, 2]).encode(y="value:Q")
    rule_text = alt.Chart(ref).mark_text(align="right", dy=-6, color="#333").encode(
        y="value:Q", x=alt.value(478), text="label:N")
    points = alt.Chart(path[path["year"].isin([path["year"].min(), 2030, path["year"].max()])].round(3)).mark_point(
        shape=COUNTRY_STYLE.get(country, {}).get("shape", "circle"), filled=True, size=70, color=color).encode(x=x, y=y)
    chart = alt.layer(rules, rule_text, lines, points).properties(width=480, height=300)
    return finish(chart, title, description, source)


__all__ = [
    "IPCC_BUDGETS_2020", "average_annual_rate", "series_rate", "growth_table", "constant_cut_for_budget",
    "cut_by_start_year", "budget_calculator_chart", "pathway", "cumulative", "history_and_path",
    "pathway_explorer", "pathway_chart", "pathway_widget", "straight_line_path", "target_chart",
]

"""Cap-and-trade with linear marginal abatement costs, for any number of firms.

Firm ``i`` emits ``baselines[i]`` tonnes without a carbon policy. Cutting ``a`` tonnes
costs it ``slopes[i] * a`` for the last tonne (its marginal abatement cost, MAC), so
its total abatement cost is ``slopes[i] * a**2 / 2``. A cap fixes total emissions;
trading lets the allowance price settle where the cheapest cuts are made first. The
functions are pure (arrays in, arrays out) and check their inputs, raising
``ValueError`` that names the parameter and its allowed range.

Also here: the static two-firm chart for the book (its equilibrium is computed in the
browser by :data:`TWO_FIRM_EXPR`, the same formula as :func:`two_firm_formula`) and the
chart of the curated ``ets_facts`` table.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from .charts import finish

# Tolerance for comparing tonnes and prices computed in floating point.
TOL = 1e-9


@dataclass(frozen=True)
class Outcome:
    """Who abates how much under a policy, and what it costs.

    ``price`` is the allowance price (currency per tonne); it is ``nan`` for a
    uniform standard, which has no market.
    """

    price: float
    abatement: np.ndarray
    emissions: np.ndarray
    mac: np.ndarray
    cost: np.ndarray

    @property
    def total_cost(self) -> float:
        """Sum of all firms' abatement costs."""
        return float(self.cost.sum())

    def table(self) -> pd.DataFrame:
        """One row per firm (numbered from 1): abatement, emissions, MAC and cost."""
        return pd.DataFrame({"firm": np.arange(1, len(self.cost) + 1), "abatement": self.abatement,
                             "emissions": self.emissions, "mac": self.mac, "cost": self.cost})


def check_firms(slopes, baselines) -> tuple[np.ndarray, np.ndarray]:
    """``slopes`` and ``baselines`` as float arrays, or ``ValueError`` saying what is wrong."""
    s = np.atleast_1d(np.asarray(slopes, dtype=float))
    e = np.atleast_1d(np.asarray(baselines, dtype=float))
    if s.ndim != 1 or s.size == 0:
        raise ValueError("slopes must be a non-empty 1-D sequence with one value per firm")
    if e.shape != s.shape:
        raise ValueError(f"baselines must have one value per firm ({s.size}), got {e.size}")
    if not np.all(np.isfinite(s)) or np.any(s <= 0):
        raise ValueError("slopes must be finite and greater than 0 (cost per tonne per tonne abated)")
    if not np.all(np.isfinite(e)) or np.any(e < 0):
        raise ValueError("baselines must be finite and at least 0 (tonnes)")
    return s, e


def check_cap(cap: float, baselines: np.ndarray) -> float:
    """``cap`` as a float, or ``ValueError`` unless 0 <= cap <= total baseline emissions."""
    total = float(np.sum(baselines))
    cap = float(cap)
    if not np.isfinite(cap) or cap < 0 or cap > total * (1 + TOL):
        raise ValueError(f"cap must be between 0 and total baseline emissions ({total:g} t), got {cap:g}")
    return min(cap, total)


def _outcome(slopes: np.ndarray, baselines: np.ndarray, abatement: np.ndarray, price: float) -> Outcome:
    return Outcome(price=price, abatement=abatement, emissions=baselines - abatement,
                   mac=slopes * abatement, cost=slopes * abatement**2 / 2)


def equilibrium_price(slopes, baselines, abatement: float) -> float:
    """Lowest price at which firms together choose to abate ``abatement`` tonnes.

    At price ``p`` firm ``i`` abates ``min(p / slopes[i], baselines[i])``; total
    abatement rises piecewise linearly with ``p``, with a kink where each firm has cut
    everything (``p = slopes[i] * baselines[i]``). The supply at every kink is computed
    at once with sorted cumulative sums (numpy, O(n log n)), then the price is solved
    exactly on the segment that contains ``abatement``: with no firm at a corner it is
    ``abatement / sum(1 / slopes)``.
    """
    s, e = check_firms(slopes, baselines)
    total = float(e.sum())
    if not np.isfinite(abatement) or abatement < 0 or abatement > total * (1 + TOL):
        raise ValueError(f"abatement must be between 0 and total baseline emissions ({total:g} t), got {abatement:g}")
    if abatement <= 0:
        return 0.0
    kinks = s * e  # price at which each firm has cut all its emissions
    order = np.argsort(kinks, kind="stable")
    k, es, inv = kinks[order], e[order], 1 / s[order]
    saturated = np.cumsum(es)  # tonnes cut by firms 0..j, all at their corner at price k[j]
    rest = np.concatenate([np.cumsum(inv[::-1])[::-1][1:], [0.0]])  # sum of 1/s over firms j+1..n-1
    supplied = saturated + k * rest
    j = int(np.searchsorted(supplied >= abatement - TOL, True))  # first kink where supply is enough
    if j >= k.size:
        return float(k[-1])
    before = saturated[j - 1] if j > 0 else 0.0
    return float((abatement - before) / (rest[j] + inv[j]))


def cap_and_trade(slopes, baselines, cap: float) -> Outcome:
    """Market outcome when total emissions may not exceed ``cap`` and allowances trade freely."""
    s, e = check_firms(slopes, baselines)
    cap = check_cap(cap, e)
    price = equilibrium_price(s, e, float(e.sum()) - cap)
    abatement = np.minimum(price / s, e)
    return _outcome(s, e, abatement, price)


def uniform_standard(slopes, baselines, cap: float) -> Outcome:
    """Outcome when every firm must cut the same share of its own baseline, with no trading."""
    s, e = check_firms(slopes, baselines)
    cap = check_cap(cap, e)
    total = float(e.sum())
    share = 0.0 if total == 0 else (total - cap) / total
    return _outcome(s, e, e * share, float("nan"))


def compare(slopes, baselines, cap: float) -> dict[str, float]:
    """Price, total costs of trading and of the uniform standard, and the saving (absolute and %)."""
    trade = cap_and_trade(slopes, baselines, cap)
    uniform = uniform_standard(slopes, baselines, cap)
    saving = uniform.total_cost - trade.total_cost
    pct = 0.0 if uniform.total_cost == 0 else 100 * saving / uniform.total_cost
    return {"price": trade.price, "trading_cost": trade.total_cost, "uniform_cost": uniform.total_cost,
            "saving": saving, "saving_pct": pct}


# --- Two firms: the closed form the browser evaluates --------------------------------

#: Vega expressions for two firms, in evaluation order. Parameters: ``abate`` (tonnes
#: to cut in total), ``slope1`` and ``slope2``; ``E1`` and ``E2`` are replaced by the
#: firms' baseline emissions. Mirrors :func:`two_firm_formula`.
TWO_FIRM_EXPR = {
    "p0": "abate / (1 / slope1 + 1 / slope2)",
    "a1": "datum.p0 / slope1 > E1 ? E1 : (datum.p0 / slope2 > E2 ? abate - E2 : datum.p0 / slope1)",
    "a2": "abate - datum.a1",
    "price": "max(slope1 * datum.a1, slope2 * datum.a2)",
    "trade_cost": "slope1 * datum.a1 * datum.a1 / 2 + slope2 * datum.a2 * datum.a2 / 2",
    "u1": "abate * E1 / (E1 + E2)",
    "u2": "abate * E2 / (E1 + E2)",
    "uniform_cost": "slope1 * datum.u1 * datum.u1 / 2 + slope2 * datum.u2 * datum.u2 / 2",
    "saving_pct": "datum.uniform_cost > 0 ? 100 * (datum.uniform_cost - datum.trade_cost) / datum.uniform_cost : 0",
}


def two_firm_formula(abate: float, slope1: float, slope2: float, e1: float, e2: float) -> dict[str, float]:
    """Closed-form two-firm equilibrium: the Python twin of :data:`TWO_FIRM_EXPR`.

    Without limits each firm abates ``p0 / slope``; if one of them would cut more
    than it emits, it cuts everything and the other firm does the rest.
    """
    check_firms([slope1, slope2], [e1, e2])
    if not 0 <= abate <= e1 + e2:
        raise ValueError(f"abate must be between 0 and {e1 + e2:g} t, got {abate:g}")
    p0 = abate / (1 / slope1 + 1 / slope2)
    a1 = e1 if p0 / slope1 > e1 else (abate - e2 if p0 / slope2 > e2 else p0 / slope1)
    a2 = abate - a1
    u1, u2 = abate * e1 / (e1 + e2), abate * e2 / (e1 + e2)
    trade_cost = slope1 * a1**2 / 2 + slope2 * a2**2 / 2
    uniform_cost = slope1 * u1**2 / 2 + slope2 * u2**2 / 2
    return {"a1": a1, "a2": a2, "price": max(slope1 * a1, slope2 * a2), "trade_cost": trade_cost,
            "uniform_cost": uniform_cost,
            "saving_pct": 100 * (uniform_cost - trade_cost) / uniform_cost if uniform_cost > 0 else 0.0}


def cap_and_trade_chart(baseline: float = 100.0, abate: float = 80.0, slope1: float = 1.0,
                        slope2: float = 3.0) -> alt.LayerChart:
    """Static slider chart: two firms' MAC lines, the allowance price, and each firm's abatement.

    Sliders set the total abatement the cap requires and each firm's MAC slope. The
    browser computes the equilibrium with :data:`TWO_FIRM_EXPR`. Both firms emit
    ``baseline`` tonnes before the policy.
    """
    two_firm_formula(abate, slope1, slope2, baseline, baseline)  # validates the defaults
    p_abate = alt.param(name="abate", value=abate,
                        bind=alt.binding_range(min=0, max=2 * baseline, step=5, name="Total cut required by the cap (t): "))
    p_s1 = alt.param(name="slope1", value=slope1,
                     bind=alt.binding_range(min=0.5, max=5, step=0.5, name="Firm A: MAC slope (€/t per t): "))
    p_s2 = alt.param(name="slope2", value=slope2,
                     bind=alt.binding_range(min=0.5, max=5, step=0.5, name="Firm B: MAC slope (€/t per t): "))
    exprs = {k: v.replace("E1", f"{baseline:g}").replace("E2", f"{baseline:g}") for k, v in TWO_FIRM_EXPR.items()}
    firms = ["Firm A", "Firm B"]
    colours = alt.Scale(domain=firms, range=["#0072B2", "#E69F00"])
    dashes = alt.Scale(domain=firms, range=[[1, 0], [6, 3]])
    shapes = alt.Scale(domain=firms, range=["circle", "square"])
    x = alt.X("a:Q", title="Tonnes cut by the firm", scale=alt.Scale(domain=[0, baseline]))
    y = alt.Y("mac:Q", title="Marginal abatement cost (€ per tonne)")

    grid = pd.DataFrame([(f, a) for f in firms for a in np.linspace(0, baseline, 21)], columns=["firm", "a"])
    lines = alt.Chart(grid).transform_calculate(
        mac="datum.firm == 'Firm A' ? slope1 * datum.a : slope2 * datum.a"
    ).mark_line().encode(x=x, y=y, color=alt.Color("firm:N", scale=colours, title=None),
                         strokeDash=alt.StrokeDash("firm:N", scale=dashes, title=None))

    eq = alt.Chart(pd.DataFrame({"firm": firms, "n": [1, 2]}))
    for name, expr in exprs.items():
        eq = eq.transform_calculate(**{name: expr})
    eq = eq.transform_calculate(a="datum.n == 1 ? datum.a1 : datum.a2",
                                mac="datum.n == 1 ? slope1 * datum.a1 : slope2 * datum.a2")
    points = eq.mark_point(size=160, filled=True).encode(
        x=x, y=y, color=alt.Color("firm:N", scale=colours, legend=None),
        shape=alt.Shape("firm:N", scale=shapes, legend=None),
        tooltip=[alt.Tooltip("firm:N", title="Firm"), alt.Tooltip("a:Q", format=".1f", title="Tonnes cut"),
                 alt.Tooltip("mac:Q", format=".1f", title="MAC (€/t)")])
    point_labels = eq.transform_calculate(text="datum.firm + ' cuts ' + format(datum.a, '.0f') + ' t'").mark_text(
        align="left", dx=8, dy=-10, fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="text:N", color=alt.Color("firm:N", scale=colours, legend=None))
    one = eq.transform_filter("datum.n == 1")
    rule = one.mark_rule(strokeDash=[4, 3], color="#444").encode(y=alt.Y("price:Q"))
    summary = one.transform_calculate(
        text="'Allowance price ' + format(datum.price, '.0f') + ' €/t · trading saves ' + "
             "format(datum.saving_pct, '.0f') + ' % of the cost of equal cuts'",
    ).mark_text(align="left", baseline="top", fontSize=12).encode(x=alt.value(4), y=alt.value(4), text="text:N")
    chart = alt.layer(lines, rule, points, point_labels, summary).add_params(p_abate, p_s1, p_s2)
    description = (
        f"Interactive illustration of cap-and-trade with two firms, each emitting {baseline:g} tonnes before "
        "the policy. Two rising lines show each firm's marginal abatement cost; a dashed horizontal line shows "
        "the allowance price, and a labelled marker shows how many tonnes each firm cuts. Sliders set the total "
        "cut the cap requires and the slope of each firm's cost line. A text line gives the price and the "
        "saving compared with making both firms cut the same amount."
    )
    return chart.properties(width=460, height=300, title=alt.Title(
        "Cap-and-trade with two firms: who cuts, and at what price",
        subtitle=["Illustration with made-up costs; the cheaper firm cuts more and sells allowances"]),
        description=description)


# --- The curated ETS facts table -------------------------------------------------------

def ets_share_chart(facts: pd.DataFrame, source: str) -> alt.LayerChart:
    """Range-and-point chart of the share of emissions each ETS covers, by who states the figure."""
    data = facts.dropna(subset=["share_low_pct"]).copy()
    data["row"] = data["system"] + " — " + data["figure_from"]
    data["count_text"] = data["entities"].map(lambda n: "" if pd.isna(n) else f"{int(n):,} covered")
    data = data[["row", "system", "share_low_pct", "share_high_pct", "count_text"]].astype(
        {"share_low_pct": float, "share_high_pct": float})
    systems = list(dict.fromkeys(data["system"]))
    colours = alt.Scale(domain=systems, range=["#009E73", "#D55E00", "#0072B2"][: len(systems)])
    shapes = alt.Scale(domain=systems, range=["triangle-up", "circle", "square"][: len(systems)])
    y = alt.Y("row:N", title=None, sort=list(data["row"]), axis=alt.Axis(labelLimit=260))
    x = alt.X("share_low_pct:Q", title="Share of the jurisdiction's emissions covered (%)",
              scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart(data)
    ranges = base.mark_rule(strokeWidth=6, opacity=0.5).encode(
        x=x, x2="share_high_pct:Q", y=y, color=alt.Color("system:N", scale=colours, legend=None))
    pts = base.mark_point(filled=True, size=140).encode(
        x="share_high_pct:Q", y=y, color=alt.Color("system:N", scale=colours, legend=None),
        shape=alt.Shape("system:N", scale=shapes, legend=None),
        tooltip=["row:N", alt.Tooltip("share_low_pct:Q", title="Low (%)"),
                 alt.Tooltip("share_high_pct:Q", title="High (%)"), alt.Tooltip("count_text:N", title="Entities")])
    text = base.mark_text(align="left", dx=10, fontSize=12).encode(x="share_high_pct:Q", y=y, text="count_text:N")
    description = (
        "Dot and range chart of the share of their own jurisdiction's greenhouse-gas emissions that two trading "
        "systems cover, as stated by different sources: " + "; ".join(
            f"{r.row}: {r.share_low_pct:g}" + (f"–{r.share_high_pct:g}" if r.share_high_pct != r.share_low_pct else "")
            + f" %, {r.count_text or 'no count'}" for r in data.itertuples()) + "."
    )
    chart = alt.layer(ranges, pts, text).properties(width=300, height=alt.Step(36))
    return finish(chart, "How much of their emissions do trading systems cover?", description, source)


def ets_start_years(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per system: its start year and jurisdiction, oldest first."""
    first = facts.drop_duplicates("system")[["system", "jurisdiction", "start_year"]]
    return first.sort_values(["start_year", "system"]).reset_index(drop=True)


def covered_world_share(co2: pd.DataFrame, country: str, year: int, low_pct: float, high_pct: float) -> dict[str, float]:
    """If a trading system covers ``low_pct``–``high_pct`` % of ``country``'s emissions, what share of the world's?

    Uses the country's share of world fossil CO₂ in ``year`` from the ``co2_annual`` table.
    """
    if not 0 <= low_pct <= high_pct <= 100:
        raise ValueError(f"low_pct and high_pct must satisfy 0 <= low_pct <= high_pct <= 100, got {low_pct}, {high_pct}")
    row = co2[(co2["country"] == country) & (co2["year"] == year)]
    if row.empty:
        raise ValueError(f"no {year} row for {country!r} in the emissions table")
    share = float(row["share_global_co2"].iloc[0])
    return {"country_share": share, "low": share * low_pct / 100, "high": share * high_pct / 100}


def compare_sources(facts: pd.DataFrame, system: str) -> pd.DataFrame:
    """The rows of ``ets_facts`` for one ``system``: who states which share and count."""
    rows = facts[facts["system"] == system]
    if rows.empty:
        raise ValueError(f"system must be one of {sorted(facts['system'].unique())}, not {system!r}")
    return rows[["figure_from", "share_low_pct", "share_high_pct", "entities", "source_key"]].reset_index(drop=True)


__all__ = ["Outcome", "check_firms", "check_cap", "equilibrium_price", "cap_and_trade", "uniform_standard",
           "compare", "TWO_FIRM_EXPR", "two_firm_formula", "cap_and_trade_chart", "ets_share_chart",
           "ets_start_years", "covered_world_share", "compare_sources"]

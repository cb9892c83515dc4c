"""Cap-and-trade with linear marginal abatement costs, for any number of firms.

Firm ``i`` emits ``baselines[i]`` tonnes without a carbon policy. Cutting ``a`` tonnes
costs it ``slopes[i] * a`` for the last tonne (its marginal abatement cost, MAC), so
its total abatement cost is ``slopes[i] * a**2 / 2``. A cap fixes total emissions;
trading lets the allowance price settle where the cheapest cuts are made first. The
functions are pure (arrays in, arrays out) and check their inputs, raising
``ValueError`` that names the parameter and its allowed range.

Lab 1 (six firms, four policies): :func:`policy_outcome` compares a uniform standard,
cap-and-trade (grandfathered, benchmark or auctioned allowances), intensity-based
baseline-and-credit and a carbon tax for the illustrative :data:`FIRMS`;
:func:`market_lab_chart` (static) and :func:`market_lab_widget` (live) show it with the
inputs of :data:`MARKET_PARAMS`; :func:`banking_path` adds a tightening cap with banking;
:func:`clear_market_timing` times the vectorised market clearing for the benchmark.

Also here: the static two-firm chart for the book (its equilibrium is computed in the
browser by :data:`TWO_FIRM_EXPR`, the same formula as :func:`two_firm_formula`) and the
chart of the curated ``ets_facts`` table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd

from . import validate
from .charts import finish, haloed, headline
from .i18n import DEFAULT_LANGUAGE, N_, Expr, _, language, punctuation, translate_name, translated, vega_text
from .tables import Table

#: Largest slope, baseline or cap accepted (any unit): far above any real market, so that
#: squares and sums of the inputs stay finite in floating point.
MAX_QUANTITY = 1e12

# Relative tolerance for comparing tonnes computed in floating point: a share of the market's
# total baseline emissions, so a market measured in grams or in Gt behaves the same.
TOL = 1e-9


def _tol(total: float) -> float:
    """Absolute tolerance in tonnes for a market whose baselines add up to ``total``."""
    return TOL * total


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
    """``slopes`` and ``baselines`` as float arrays, or an error naming the parameter and its range.

    Slopes must be finite and above 0; baselines finite and at least 0.
    """
    s = validate.numbers_array("slopes", slopes, 0, MAX_QUANTITY, unit="cost per tonne per tonne abated",
                               above=True)
    e = validate.numbers_array("baselines", baselines, 0, MAX_QUANTITY, unit="tonnes")
    if e.shape != s.shape:
        raise validate.InputError(f"baselines must have one value per firm ({s.size}), got {e.size}")
    return s, e


def check_cap(cap: float, baselines: np.ndarray) -> float:
    """``cap`` as a float: a finite number of tonnes, at least 0.

    A cap at or above total baseline emissions does not bind: the price is zero and
    nobody cuts (:func:`cap_and_trade` returns that outcome).
    """
    return validate.number("cap", cap, 0, MAX_QUANTITY, unit="tonnes of emissions allowed")


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
    abatement = validate.number("abatement", abatement, 0, total * (1 + TOL),
                                unit="tonnes, up to total baseline emissions")
    if abatement <= _tol(total):
        return 0.0
    kinks = s * e  # price at which each firm has cut all its emissions
    order = np.argsort(kinks, kind="stable")
    k, es, inv = kinks[order], e[order], 1 / s[order]
    saturated = np.cumsum(es)  # tonnes cut by firms 0..j, all at their corner at price k[j]
    rest = np.concatenate([np.cumsum(inv[::-1])[::-1][1:], [0.0]])  # sum of 1/s over firms j+1..n-1
    supplied = saturated + k * rest
    enough = supplied >= abatement - _tol(total)
    j = int(np.argmax(enough)) if enough.any() else k.size  # first kink where supply is enough
    if j >= k.size:
        return float(k[-1])
    before = saturated[j - 1] if j > 0 else 0.0
    return float((abatement - before) / (rest[j] + inv[j]))


def cap_and_trade(slopes, baselines, cap: float) -> Outcome:
    """Market outcome when total emissions may not exceed ``cap`` and allowances trade freely.

    A cap at or above total baseline emissions does not bind: price zero, nobody cuts.
    """
    s, e = check_firms(slopes, baselines)
    cap = check_cap(cap, e)
    price = equilibrium_price(s, e, max(float(e.sum()) - cap, 0.0))
    abatement = np.minimum(price / s, e)
    return _outcome(s, e, abatement, price)


def uniform_standard(slopes, baselines, cap: float) -> Outcome:
    """Outcome when every firm must cut the same share of its own baseline, with no trading
    (none if the cap is at or above total baseline emissions)."""
    s, e = check_firms(slopes, baselines)
    cap = check_cap(cap, e)
    total = float(e.sum())
    share = max(total - cap, 0.0) / total if total > 0 else 0.0
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
    slope1, slope2 = (validate.number(n, v, 0, MAX_QUANTITY, above=True, unit="€/t per t")
                      for n, v in (("slope1", slope1), ("slope2", slope2)))
    e1, e2 = (validate.number(n, v, 0, MAX_QUANTITY, unit="t") for n, v in (("e1", e1), ("e2", e2)))
    abate = validate.number("abate", abate, 0, e1 + e2, unit="tonnes, up to e1 + e2")
    p0 = abate / (1 / slope1 + 1 / slope2)
    a1 = e1 if p0 / slope1 > e1 else (abate - e2 if p0 / slope2 > e2 else p0 / slope1)
    a2 = abate - a1
    u1, u2 = (abate * e1 / (e1 + e2), abate * e2 / (e1 + e2)) if e1 + e2 > 0 else (0.0, 0.0)
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
                        bind=alt.binding_range(min=0, max=2 * baseline, step=5, name=_("Total cut required by the cap (t): ")))
    p_s1 = alt.param(name="slope1", value=slope1,
                     bind=alt.binding_range(min=0.5, max=5, step=0.5, name=_("Firm A: MAC slope (€/t per t): ")))
    p_s2 = alt.param(name="slope2", value=slope2,
                     bind=alt.binding_range(min=0.5, max=5, step=0.5, name=_("Firm B: MAC slope (€/t per t): ")))
    exprs = {k: v.replace("E1", f"{baseline:g}").replace("E2", f"{baseline:g}") for k, v in TWO_FIRM_EXPR.items()}
    firms = [_("Firm A"), _("Firm B")]
    colours = alt.Scale(domain=firms, range=["#0072B2", "#E69F00"])
    dashes = alt.Scale(domain=firms, range=[[1, 0], [6, 3]])
    shapes = alt.Scale(domain=firms, range=["circle", "square"])
    x = alt.X("a:Q", title=_("Tonnes cut by the firm"), scale=alt.Scale(domain=[0, baseline]))
    y = alt.Y("mac:Q", title=_("Marginal abatement cost (€ per tonne)"))

    grid = pd.DataFrame([(f, a) for f in firms for a in np.linspace(0, baseline, 21)], columns=["firm", "a"])
    lines = alt.Chart(grid).transform_calculate(
        mac=f"datum.firm == '{firms[0]}' ? slope1 * datum.a : slope2 * datum.a"
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
        tooltip=[alt.Tooltip("firm:N", title=_("Firm")), alt.Tooltip("a:Q", format=".1f", title=_("Tonnes cut")),
                 alt.Tooltip("mac:Q", format=".1f", title=_("MAC (€/t)"))])
    cuts = vega_text("{firm} cuts {tonnes} t", firm=Expr("datum.firm"), tonnes=Expr("format(datum.a, '.0f')"))
    # Both firms cut where their costs meet the price, often side by side: firm A's label stands above
    # the price line and firm B's below it, so the two never cover each other.
    labelled = eq.transform_calculate(text=cuts)
    # (haloed: a firm's cost line may run under the other firm's label)
    point_labels = [haloed(labelled.transform_filter(f"datum.n == {n}").mark_text(
        align="left", dx=8, dy=dy, fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="text:N", color=alt.Color("firm:N", scale=colours, legend=None))) for n, dy in ((1, -10), (2, 12))]
    one = eq.transform_filter("datum.n == 1")
    rule = one.mark_rule(strokeDash=[4, 3], color="#444").encode(y=alt.Y("price:Q"))
    # Above the plot, where the steep cost line cannot run through it on a phone.
    summary = headline(one.transform_calculate(
        text=vega_text("Allowance price {price} €/t · trading saves {saving} % of the cost of equal cuts",
                       price=Expr("format(datum.price, '.0f')"), saving=Expr("format(datum.saving_pct, '.0f')")),
    ), " · ").encode(text="text:N")
    chart = alt.layer(lines, rule, points, *point_labels, summary).add_params(p_abate, p_s1, p_s2)
    description = _(
        "Interactive illustration of cap-and-trade with two firms, each emitting {baseline:g} tonnes before "
        "the policy. Two rising lines show each firm's marginal abatement cost; a dashed horizontal line shows "
        "the allowance price, and a labelled marker shows how many tonnes each firm cuts. Sliders set the total "
        "cut the cap requires and the slope of each firm's cost line. A text line gives the price and the "
        "saving compared with making both firms cut the same amount.",
        baseline=baseline,
    )
    return chart.properties(width=460, height=300, title=alt.Title(
        _("Cap-and-trade with two firms: who cuts, and at what price"),
        subtitle=[_("Illustration with made-up costs; the cheaper firm cuts more and sells allowances")]),
        description=description)


# --- Lab 1: a six-firm market and four policies side by side ---------------------------

#: The lab's default firms. ILLUSTRATIVE numbers chosen to make the sectors differ the way
#: abatement-cost studies describe (power has cheap fuel switching, cement and aviation
#: have few cheap options); they are not estimates for any real company or country.
#: ``baseline``: Mt CO₂ a year with no policy. ``slope``: € per tonne added to the
#: marginal abatement cost by each extra Mt cut (so ``slope * baseline`` is the cost of the
#: last tonne if the firm cut everything). ``output`` and ``intensity_benchmark``: yearly
#: output in the sector's own unit and a best-practice emission rate (t CO₂ per unit),
#: used for benchmark allocation and the intensity-based (baseline-and-credit) scheme.
FIRMS = pd.DataFrame({
    "firm": [N_("Power"), N_("Steel"), N_("Cement"), N_("Aluminium"), N_("Chemicals"), N_("Aviation")],
    "baseline": [120.0, 60.0, 40.0, 20.0, 30.0, 30.0],
    "slope": [1.0, 4.0, 6.0, 5.0, 2.5, 12.0],
    "output": [150.0, 30.0, 60.0, 1.5, 20.0, 300.0],
    "output_unit": ["TWh", "Mt steel", "Mt clinker", "Mt aluminium", "Mt products", "bn passenger-km"],
    "intensity_benchmark": [0.7, 1.6, 0.6, 10.0, 1.2, 0.095],
})

#: Units of the columns of :data:`FIRMS` and of :func:`compare_policies`, for tables that show them.
FIRM_UNITS = {"baseline": N_("Mt CO₂ a year"), "slope": N_("€ per t per Mt cut"), "intensity_benchmark": N_("t CO₂ per unit")}
SUMMARY_UNITS = {"price": N_("€ per t"), "total_cost": N_("M€"), "revenue": N_("M€"), "emissions": N_("Mt CO₂"),
                 "cap": N_("Mt CO₂")}

POLICIES = ("uniform", "trade", "intensity", "tax")
POLICY_LABELS = {"uniform": N_("Uniform standard"), "trade": N_("Cap-and-trade"), "intensity": N_("Baseline-and-credit"),
                 "tax": N_("Carbon tax")}
ROLES = (N_("sells"), N_("buys"), N_("spare"), "—")
ALLOCATIONS = ("grandfathered", "benchmark", "auction")


def _market_params():
    from .labs import Choice, Parameter

    return {
        "policy": Choice("policy", N_("Policy"), POLICIES, "trade", labels=tuple(POLICY_LABELS.values())),
        "cap_pct": Parameter("cap_pct", N_("Cap"), N_("% of baseline emissions"), 40, 120, 70, 5,
                             "illustrative assumption; above 100 % the cap does not bind"),
        "allocation": Choice("allocation", N_("Allowances (cap-and-trade)"), ALLOCATIONS, "grandfathered",
                             labels=(N_("Free, by past emissions"), N_("Free, output × benchmark"), N_("Auctioned"))),
    }


#: The static lab's inputs, defined once: they validate :func:`policy_outcome`'s arguments and
#: build both the Altair bindings and the ipywidgets.
MARKET_PARAMS = _market_params()


def check_firm_table(firms: pd.DataFrame) -> pd.DataFrame:
    """``firms`` if it has the columns of :data:`FIRMS` with valid values, else ``ValueError``."""
    validate.columns("firms", firms, ["firm", "baseline", "slope", "output", "intensity_benchmark"])
    check_firms(firms["slope"].to_numpy(), firms["baseline"].to_numpy())
    for column in ("output", "intensity_benchmark"):
        validate.numbers_array(f"firms column {column}", firms[column].to_numpy(), 0, MAX_QUANTITY, above=True)
    return firms


@dataclass(frozen=True)
class PolicyResult:
    """One policy's outcome: the price, a per-firm table and the totals.

    ``firms`` columns: firm, baseline, abatement, emissions, mac (€/t), cost (M€),
    allowances (Mt handed out free, or the emissions a standard allows), position
    (allowances − emissions, Mt: > 0 sells, < 0 buys), traded (the position in whole Mt, rounded so
    that the whole numbers sold add up to those bought, as the exact positions do), payment (M€ paid
    for allowances bought or tax; negative = received), role ("sells", "buys" or "—").
    """

    policy: str
    allocation: str
    price: float
    cap: float
    firms: pd.DataFrame

    @property
    def total_cost(self) -> float:
        """Total abatement cost of all firms (M€)."""
        return float(self.firms["cost"].sum())

    @property
    def emissions(self) -> float:
        """Total emissions (Mt)."""
        return float(self.firms["emissions"].sum())

    @property
    def revenue(self) -> float:
        """Government revenue from auctioned allowances or the tax (M€)."""
        if self.policy == "tax" or (self.policy == "trade" and self.allocation == "auction"):
            return float(self.firms["payment"].sum())
        return 0.0

    def summary(self) -> dict:
        """Price, total cost, revenue, emissions and cap, with the buyers and sellers."""
        f = self.firms
        return {"policy": self.policy, "allocation": self.allocation, "price": self.price,
                "total_cost": self.total_cost, "revenue": self.revenue, "emissions": self.emissions, "cap": self.cap,
                "buyers": list(f.loc[f["role"] == "buys", "firm"]), "sellers": list(f.loc[f["role"] == "sells", "firm"])}


def free_allocation(firms: pd.DataFrame, cap: float, allocation: str) -> np.ndarray:
    """Free allowances per firm adding up to ``cap`` (Mt): by baseline emissions, by output × benchmark, or none.

    Benchmark allocation is scaled by one common factor so that it adds up to the cap, as
    the EU scales its benchmarks with a cross-sectoral correction factor.
    """
    if allocation not in ALLOCATIONS:
        raise ValueError(f"allocation must be one of {list(ALLOCATIONS)}, got {allocation!r}")
    if allocation == "auction":
        return np.zeros(len(firms))
    weight = firms["baseline"].to_numpy(float) if allocation == "grandfathered" else (
        firms["output"] * firms["intensity_benchmark"]).to_numpy(float)
    return cap * weight / weight.sum() if weight.sum() > 0 else np.zeros(len(firms))


def policy_outcome(policy: str = "trade", cap_pct: float = 70, allocation: str = "grandfathered",
                   firms: pd.DataFrame | None = None, output_change: float = 0.0) -> PolicyResult:
    """Outcome of one policy when the target is ``cap_pct`` % of the firms' baseline emissions.

    ``policy``: "uniform" (every firm cuts the same share), "trade" (cap-and-trade, free
    allowances by ``allocation`` or auctioned), "intensity" (baseline-and-credit as in
    China's national ETS: allowances = benchmark rate × actual output, the rates set so
    they add up to the cap at baseline output) or "tax" (a tax per tonne fixed in
    advance at the price that meets the cap at baseline output). ``output_change``
    (fraction, −0.5 to 0.5) scales every firm's output and baseline after the policy
    is set: the cap stays put, intensity allowances and tax emissions move with output.
    """
    firms = check_firm_table(FIRMS if firms is None else firms)
    policy = MARKET_PARAMS["policy"].check(policy)
    allocation = MARKET_PARAMS["allocation"].check(allocation)
    cap_pct = MARKET_PARAMS["cap_pct"].check(cap_pct)
    output_change = validate.number("output_change", output_change, -0.5, 0.5, unit="fraction of output")
    s = firms["slope"].to_numpy(float)
    e0 = firms["baseline"].to_numpy(float)
    cap = float(e0.sum()) * cap_pct / 100
    e = e0 * (1 + output_change)
    if policy == "uniform":
        target = min(cap, float(e.sum()))
        share = 0.0 if e.sum() == 0 else 1 - target / e.sum()
        abate, price = e * share, float("nan")
        allowances = e - abate
    elif policy == "tax":
        price = equilibrium_price(s, e0, max(float(e0.sum()) - cap, 0.0))
        abate = np.minimum(price / s, e)
        allowances = np.zeros_like(e)
    else:
        alloc = "benchmark" if policy == "intensity" else allocation
        allowances = free_allocation(firms, cap, alloc)
        if policy == "intensity":
            allowances = allowances * (1 + output_change)  # benchmark rate × actual output
        total_allowed = float(allowances.sum()) if alloc != "auction" else cap
        price = equilibrium_price(s, e, max(float(e.sum()) - total_allowed, 0.0))
        abate = np.minimum(price / s, e)
    emissions = e - abate
    if policy == "uniform":
        position, payment = np.zeros_like(e), np.zeros_like(e)
    elif policy == "tax":
        position, payment = np.zeros_like(e), price * emissions
    else:
        position = allowances - emissions
        payment = -price * position
    eps = _tol(float(e.sum()))
    seller = "spare" if price == 0 else "sells"  # a cap that does not bind: allowances left over, no market
    role = np.where(position > eps, seller, np.where(position < -eps, "buys", "—"))
    table = pd.DataFrame({"firm": firms["firm"].to_numpy(), "baseline": e, "abatement": abate,
                          "emissions": emissions, "mac": s * abate, "cost": s * abate**2 / 2,
                          "allowances": allowances, "position": position, "traded": rounded_keeping_total(position),
                          "payment": payment, "role": role})
    return PolicyResult(policy, allocation if policy == "trade" else "—", price, cap, table)


def rounded_keeping_total(values) -> np.ndarray:
    """``values`` rounded to whole numbers that add up to their total rounded (largest remainders: the
    values rounded down, then one more to those that lost most), so that a table's rounded parts sum
    to its rounded total: 7.4 + 2.45 + 3.15 → 7 + 3 + 3 = 13, where rounding each gives 12.
    (Values are first rounded to 1e-9, so that a float's noise below zero does not count as a part.)"""
    values = np.asarray(values, dtype=float)
    if not np.isfinite(values).all():
        raise ValueError("values must be finite numbers")
    values = np.round(values, 9)
    low = np.floor(values)
    short = int(round(float(values.sum()) - float(low.sum())))
    order = np.argsort(-(values - low), kind="stable")
    out = low.copy()
    out[order[:short]] += 1
    return out.astype(int)


def compare_policies(cap_pct: float = 70, allocation: str = "grandfathered", firms: pd.DataFrame | None = None,
                     output_change: float = 0.0) -> pd.DataFrame:
    """One row per policy: price (€/t), total cost and revenue (M€), emissions and cap (Mt), buyers and sellers."""
    rows = [policy_outcome(p, cap_pct, allocation, firms, output_change).summary() for p in POLICIES]
    return pd.DataFrame(rows).set_index("policy")


def scenario_grid(firms: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every cap step × policy (× allocation for cap-and-trade), computed by :func:`policy_outcome`.

    Returns the per-firm rows and the per-policy summary rows that the static chart
    filters with its bound parameters (no equilibrium is solved in the browser).
    """
    p = MARKET_PARAMS["cap_pct"]
    firm_rows, summary_rows = [], []
    for cap_pct in np.arange(p.min, p.max + p.step / 2, p.step):
        for policy in POLICIES:
            for allocation in (ALLOCATIONS if policy == "trade" else ("any",)):
                out = policy_outcome(policy, int(cap_pct), "grandfathered" if allocation == "any" else allocation,
                                     firms)
                t = out.firms
                firm_rows.append(pd.DataFrame({
                    "cap_pct": int(cap_pct), "policy": policy, "allocation": allocation, "firm": t["firm"],
                    "abatement": t["abatement"].round(3), "position": t["position"].round(3), "traded": t["traded"],
                    "role": t["role"]}))
                summary_rows.append(_summary_row(out, int(cap_pct), allocation))
    return pd.concat(firm_rows, ignore_index=True), pd.DataFrame(summary_rows)


def _summary_row(out: PolicyResult, cap_pct: int, allocation: str) -> dict:
    price = "—" if np.isnan(out.price) else f"{out.price:,.0f}"
    values = (price, f"{out.total_cost:,.0f}", f"{out.revenue:,.0f}", f"{out.emissions:,.0f}")
    return {"cap_pct": cap_pct, "policy": out.policy, "allocation": allocation,
            "label": _(POLICY_LABELS[out.policy]), "order": POLICIES.index(out.policy),
            **{_(column): value for column, value in zip(SUMMARY_COLUMNS, values)}}


#: Columns of the policy table: allowance price or tax, total abatement cost, government revenue, emissions.
SUMMARY_COLUMNS = [N_("Price €/t"), N_("Cost M€"), N_("Revenue M€"), N_("Emissions Mt")]


def _shown_firms(firms: pd.DataFrame) -> pd.DataFrame:
    """Per-firm rows with the firm and its role named in the current language."""
    return firms.assign(firm=firms["firm"].map(_), role=firms["role"].map(_))


def _lab_layers(firm_data: alt.Chart, summary_data: alt.Chart, selected: str) -> alt.VConcatChart:
    """The lab's three panels from already-filtered per-firm and per-policy data.

    ``selected`` is a Vega expression that is true on the summary row of the policy shown.
    """
    y = alt.Y("firm:N", sort=None, title=None)  # firms in data order (as in FIRMS)
    abate = firm_data.mark_bar(color="#0072B2").encode(
        y=y, x=alt.X("abatement:Q", title=_("Cut (Mt CO₂)")))
    abate_text = firm_data.mark_text(align="left", dx=3, fontSize=11).encode(
        y=y, x="abatement:Q", text=alt.Text("abatement:Q", format=".0f"))
    # Each panel names the firms: on a phone the panels are stacked, no longer side by side.
    pos = firm_data.mark_bar().encode(
        y=y,
        x=alt.X("position:Q", title=_("Allowances sold (+) / bought (−), Mt")),
        color=alt.Color("role:N", legend=None, scale=alt.Scale(domain=[_(role) for role in ROLES],
                                                               range=["#009E73", "#D55E00", "#7F7F7F", "#999999"])))
    # One label layer that never covers a bar: after a seller's bar, or right of zero beside a buyer's bar.
    # (whole Mt that add up: what the sellers sell, the buyers buy)
    position = vega_text("{role} {amount}", role=Expr("datum.role"), amount=Expr("abs(datum.traded)"))
    pos_text = firm_data.transform_calculate(
        txt=f"datum.role == '—' ? {vega_text('none')} : {position}",
        lx="max(datum.position, 0)",
    ).mark_text(align="left", dx=3, fontSize=11).encode(y=y, x="lx:Q", text="txt:N")
    top = alt.hconcat(
        alt.layer(abate, abate_text).properties(width=190, height=170, title=_("Each firm's cut")),
        alt.layer(pos, pos_text).properties(width=190, height=170, title=_("Net allowance position")),
    )
    columns = [_(column) for column in SUMMARY_COLUMNS]
    folded = summary_data.transform_fold(columns, as_=["metric", "value"]).transform_calculate(
        row=f"({selected} ? '▶ ' : '') + datum.label")
    table = folded.mark_text(fontSize=12).encode(
        # each heading on two lines, name above unit ("Revenue / M€"), so four fit a phone's width
        x=alt.X("metric:N", sort=columns, title=None,
                # (no domain line: the heading's second line reaches below the first's baseline, onto it)
                # (11 px, not bold: on a phone four columns beside the policies' names are 53 px each,
                # and "Revenue" ran into "Emissions")
                axis=alt.Axis(orient="top", labelAngle=0, labelExpr="split(datum.label, ' ')", labelFontSize=11,
                              domain=False, ticks=False, labelPadding=16)),
        y=alt.Y("row:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=200)),
        text="value:N",
    ).properties(width=340, height=alt.Step(22), title=_("All four policies at this cap (cost = total abatement cost)"))
    return alt.vconcat(top, table, spacing=18)


def _lab_title() -> alt.Title:
    return alt.Title(_("Six firms, four climate policies"),
                     subtitle=[_("Illustrative firms with linear abatement costs; ▶ marks the policy shown in the bars")])


def _lab_description(detail: str) -> str:
    return _("Two bar charts and a table for six illustrative firms (power, steel, cement, aluminium, chemicals, "
             "aviation). The left bars show how many Mt of CO₂ each firm cuts; the right bars show its net "
             "allowance position, green and labelled 'sells' when it has allowances to spare, orange and "
             "labelled 'buys' when it must buy. The table compares the uniform standard, cap-and-trade, "
             "baseline-and-credit and a carbon tax: allowance price or tax, total abatement cost, government "
             "revenue and emissions. {detail}", detail=detail)


def market_lab_chart() -> alt.VConcatChart:
    """Static lab: menus for policy and allocation, a cap slider; data precomputed by :func:`scenario_grid`.

    The browser only filters the Python model's results (a closed form would miss the
    firms that cut everything at tight caps), so every number shown comes from
    :func:`policy_outcome`.
    """
    firm_rows, summary_rows = scenario_grid()
    firm_rows = _shown_firms(firm_rows)
    params = [MARKET_PARAMS[n].param("cm_") for n in MARKET_PARAMS]
    pick = ("datum.cap_pct == cm_cap_pct && (datum.allocation == 'any' || datum.allocation == cm_allocation)")
    firm_data = alt.Chart(firm_rows).transform_filter(pick + " && datum.policy == cm_policy")
    summary_data = alt.Chart(summary_rows).transform_filter(pick)
    chart = _lab_layers(firm_data, summary_data, "datum.policy == cm_policy").add_params(*params)
    return chart.properties(title=_lab_title(), description=_lab_description(_(
        "A menu picks the policy, a second menu how cap-and-trade allowances are handed out, and a slider sets "
        "the cap from {low:g} to {high:g} % of baseline "
        "emissions; above 100 % the cap does not bind, the price is zero and nobody cuts.",
        low=MARKET_PARAMS["cap_pct"].min, high=MARKET_PARAMS["cap_pct"].max)))


@lru_cache(maxsize=2)
def _live_template(_language: str) -> alt.VConcatChart:
    """The live chart's layers, built once; each update only swaps in new named datasets."""
    return _lab_layers(alt.Chart(alt.NamedData("cm_firms")), alt.Chart(alt.NamedData("cm_summary")), "datum.selected")


def market_lab_live_chart(policy: str = "trade", cap_pct: float = 70,
                          allocation: str = "grandfathered") -> alt.VConcatChart:
    """Live-mode version of :func:`market_lab_chart`, drawn straight from :func:`policy_outcome`.

    Uses the same layers as the static chart; the model's rows for the chosen scenario are
    passed as named datasets.
    """
    out = policy_outcome(policy, cap_pct, allocation)
    firm_rows = _shown_firms(out.firms[["firm", "abatement", "position", "traded", "role"]].round(3)).to_dict("records")
    summary = [{**_summary_row(out if p == policy else policy_outcome(p, cap_pct, allocation), int(cap_pct), "any"),
                "selected": p == policy} for p in POLICIES]
    price = _("no price") if np.isnan(out.price) else _("price {price:.0f} €/t", price=out.price)
    chart = _live_template(language()).copy(deep=False)
    chart.datasets = {"cm_firms": firm_rows, "cm_summary": summary}
    chart.title = _lab_title()
    chart.description = _lab_description(_(
        "Shown: {policy} at a cap of {cap:g} %, {price}, total cost {cost:,.0f} M€.",
        policy=_(POLICY_LABELS[policy]), cap=cap_pct, price=price, cost=out.total_cost))
    return chart


def market_lab_widget():
    """Live lab (Jupyter only): the same controls as :func:`market_lab_chart`."""
    from .labs import controls
    from .widgets import LiveChart

    return LiveChart(controls(MARKET_PARAMS), market_lab_live_chart)


def clear_market_timing(n_firms: int = 10_000, repeats: int = 20, seed: int = 0) -> dict[str, float]:
    """Time :func:`cap_and_trade` on ``n_firms`` random linear-MAC firms with a cap of 70 % of baseline.

    Returns the firm count, the median and fastest time in milliseconds and the price.
    """
    import time

    n_firms = validate.whole("n_firms", n_firms, 1, 10_000_000)
    repeats = validate.whole("repeats", repeats, 1, 10_000)
    rng = np.random.default_rng(seed)
    slopes = rng.lognormal(0.0, 1.0, n_firms)
    baselines = rng.uniform(0.1, 10.0, n_firms)
    cap = 0.7 * baselines.sum()
    times = []
    for _repeat in range(max(1, repeats)):
        start = time.perf_counter()
        out = cap_and_trade(slopes, baselines, cap)
        times.append(1000 * (time.perf_counter() - start))
    return {"n_firms": n_firms, "median_ms": float(np.median(times)), "best_ms": float(min(times)),
            "price": out.price}


# --- Multi-year: a tightening cap with banking ----------------------------------------

#: The EU ETS linear reduction factor for 2021–2030: the cap falls each year by 2.2 % of
#: a fixed reference amount (Directive (EU) 2018/410; raised to 4.3 % from 2024 by Directive (EU) 2023/959).
EU_LRF_2021 = 0.022


def _emissions_at(s: np.ndarray, e: np.ndarray, prices: np.ndarray) -> np.ndarray:
    """Total emissions in each year when the price is ``prices[t]`` (vectorised over years and firms)."""
    return e.sum() - np.minimum(prices[:, None] / s[None, :], e[None, :]).sum(axis=1)


def _first_price(s, e, caps, growth) -> float:
    """Lowest starting price p0 whose path p0·growth meets the cumulative cap of ``caps``."""
    if _emissions_at(s, e, np.zeros(1))[0] * len(caps) <= caps.sum() + _tol(len(caps) * float(e.sum())):
        return 0.0
    lo, hi = 0.0, float(np.max(s * e))
    for _step in range(100):
        mid = (lo + hi) / 2
        if _emissions_at(s, e, mid * growth).sum() > caps.sum():
            lo = mid
        else:
            hi = mid
    return hi


def banking_path(years: int = 10, start_cap_pct: float = 90, reduction: float = EU_LRF_2021,
                 discount_rate: float = 0.05, banking: bool = True, firms: pd.DataFrame | None = None) -> pd.DataFrame:
    """Yearly price, cap, emissions and bank under a cap that falls by ``reduction`` × the first cap each year.

    With ``banking``, firms may save allowances for later but not borrow. In equilibrium
    (Hotelling's rule) the price rises at ``discount_rate`` while firms hold a bank; the
    path restarts, at a higher level, after any year in which the bank runs out. Solved
    exactly: within the remaining years the starting price is the highest of the prices
    needed to meet each cumulative cap (no borrowing), the bank hits zero where that
    constraint binds, and the rest is solved again. Without banking each year clears alone.
    """
    firms = check_firm_table(FIRMS if firms is None else firms)
    years = validate.whole("years", years, 1, 50)
    start_cap_pct = validate.number("start_cap_pct", start_cap_pct, 0, 150, unit="% of baseline emissions")
    reduction = validate.number("reduction", reduction, 0, 1, unit="share of the first cap per year")
    discount_rate = validate.number("discount_rate", discount_rate, 0, 0.2, unit="per year")
    banking = validate.flag("banking", banking)
    s = firms["slope"].to_numpy(float)
    e = firms["baseline"].to_numpy(float)
    first = float(e.sum()) * start_cap_pct / 100
    caps = np.maximum(first * (1 - reduction * np.arange(years)), 0.0)
    prices = np.zeros(years)
    if banking:
        a = 0
        while a < years:
            n = years - a
            growth = (1 + discount_rate) ** np.arange(n)
            needed = np.array([_first_price(s, e, caps[a:a + k + 1], growth[:k + 1]) for k in range(n)])
            p0 = needed.max()
            end = int(np.flatnonzero(needed >= p0 * (1 - 1e-12))[-1]) if p0 > 0 else n - 1
            prices[a:a + end + 1] = p0 * growth[:end + 1]
            a += end + 1
    else:
        prices = np.array([equilibrium_price(s, e, max(float(e.sum()) - c, 0.0)) for c in caps])
    abate = np.minimum(prices[:, None] / s[None, :], e[None, :])
    emissions = e.sum() - abate.sum(axis=1)
    cost = (s[None, :] * abate**2 / 2).sum(axis=1)
    return pd.DataFrame({"year": np.arange(1, years + 1), "cap": caps, "price": prices, "emissions": emissions,
                         "bank": np.cumsum(caps - emissions), "cost": cost,
                         "pv_cost": cost / (1 + discount_rate) ** np.arange(years)})


def banking_chart(years: int = 10, start_cap_pct: float = 90, reduction: float = EU_LRF_2021,
                  discount_rate: float = 0.05) -> alt.LayerChart:
    """Line chart of the allowance price each year with and without banking (from :func:`banking_path`)."""
    rows = []
    rules = [_("With banking"), _("Each year alone")]
    for banking, label in zip((True, False), rules):
        path = banking_path(years, start_cap_pct, reduction, discount_rate, banking)
        rows.append(path.assign(rule=label))
    data = pd.concat(rows)[["year", "price", "rule"]].round(2)
    tooltip = ["rule:N", "year:Q", alt.Tooltip("price:Q", format=".1f")]
    if language() != DEFAULT_LANGUAGE:
        tooltip = [alt.Tooltip("rule:N", title=_("Rule")), alt.Tooltip("year:Q", title=_("Year")),
                   alt.Tooltip("price:Q", format=".1f", title=_("Allowance price (€ per tonne)"))]
    base = alt.Chart(data).encode(
        x=alt.X("year:Q", title=_("Year of the trading period"), axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("price:Q", title=_("Allowance price (€ per tonne)")),
        color=alt.Color("rule:N", scale=alt.Scale(domain=rules, range=["#0072B2", "#D55E00"]), legend=None))
    lines = base.mark_line(point=True).encode(
        strokeDash=alt.StrokeDash("rule:N", scale=alt.Scale(domain=rules, range=[[1, 0], [6, 3]]), legend=None),
        tooltip=tooltip)
    labels = base.transform_filter(f"datum.year == {years}").mark_text(align="left", dx=6, fontSize=12).encode(
        text="rule:N")
    description = _(
        "Line chart of the allowance price over {years} years for the six illustrative firms when the cap starts "
        "at {start:g} % of baseline emissions and falls each year by {reduction:g} % of the first "
        "year's cap. A solid blue line shows the price when firms may bank allowances (it rises at the "
        "{discount:g} % discount rate); a dashed orange line shows the price when each year's cap "
        "must be met on its own, which starts lower and ends higher.",
        years=years, start=start_cap_pct, reduction=100 * reduction, discount=100 * discount_rate)
    return alt.layer(lines, labels).properties(width=380, height=240, title=alt.Title(
        _("A tightening cap: banking smooths the price"),
        subtitle=[_("Model with illustrative firms; cap falls by the EU's 2021 reduction factor")]),
        description=description)


# --- The curated ETS facts table -------------------------------------------------------

def ets_share_chart(facts: pd.DataFrame, source: str) -> alt.LayerChart:
    """Range-and-point chart of the share of emissions each ETS covers, by who states the figure."""
    data = translated(facts.dropna(subset=["share_low_pct"]).copy(), "system", "figure_from")
    data["row"] = data["system"] + " — " + data["figure_from"]
    data["count_text"] = data["entities"].map(lambda n: "" if pd.isna(n) else _("{count} covered", count=f"{int(n):,}"))
    data = data[["row", "system", "share_low_pct", "share_high_pct", "count_text"]].astype(
        {"share_low_pct": float, "share_high_pct": float})
    data["share_text"] = [f"{low:g}" + (f"–{high:g}" if high != low else "")
                          for low, high in zip(data["share_low_pct"], data["share_high_pct"])]
    data["point_text"] = [f"{share} %" + (punctuation("; ") + count if count else "")
                          for share, count in zip(data["share_text"], data["count_text"])]
    systems = list(dict.fromkeys(data["system"]))
    colours = alt.Scale(domain=systems, range=["#009E73", "#D55E00", "#0072B2"][: len(systems)])
    # Each row named above its range, not on an axis beside it: on a phone the names would leave the plot no room.
    y = alt.Y("row:N", title=None, sort=list(data["row"]), axis=None)
    x = alt.X("share_low_pct:Q", title=_("Share of the jurisdiction's emissions covered (%)"),
              scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart(data)
    names = base.mark_text(align="left", baseline="bottom", dy=-9, fontSize=12, fontWeight="bold").encode(
        x=alt.value(0), y=y, text="row:N")
    ranges = base.mark_rule(strokeWidth=6, opacity=0.5).encode(
        x=x, x2="share_high_pct:Q", y=y, color=alt.Color("system:N", scale=colours, legend=None))
    pts = base.mark_circle(size=120, opacity=1).encode(
        x="share_high_pct:Q", y=y, color=alt.Color("system:N", scale=colours, legend=None),
        tooltip=["row:N" if language() == DEFAULT_LANGUAGE else alt.Tooltip("row:N", title=_("System")),
                 alt.Tooltip("share_low_pct:Q", title=_("Low (%)")),
                 alt.Tooltip("share_high_pct:Q", title=_("High (%)")), alt.Tooltip("count_text:N", title=_("Entities"))])
    text = base.mark_text(align="left", dx=10, fontSize=12).encode(x="share_high_pct:Q", y=y, text="point_text:N")
    figures = "; ".join(
        _("{row}: {share} %, {count}", row=r.row, count=r.count_text or _("no count"),
          share=r.share_text)
        for r in data.itertuples())
    description = _(
        "Dot and range chart of the share of their own jurisdiction's greenhouse-gas emissions that two trading "
        "systems cover, as stated by different sources: {figures}.", figures=figures)
    chart = alt.layer(names, ranges, pts, text).properties(width=300, height=alt.Step(52))
    return finish(chart, _("How much of their emissions do trading systems cover?"), description, source)


def ets_start_years(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per system: its start year and jurisdiction, oldest first."""
    first = facts.drop_duplicates("system")[["system", "jurisdiction", "start_year"]]
    return first.sort_values(["start_year", "system"]).reset_index(drop=True)


def covered_world_share(co2: pd.DataFrame, country: str, year: int, low_pct: float, high_pct: float) -> dict[str, float]:
    """If a trading system covers ``low_pct``–``high_pct`` % of ``country``'s emissions, what share of the world's?

    Uses the country's share of world fossil CO₂ in ``year`` from the ``co2_annual`` table.
    """
    low_pct = validate.number("low_pct", low_pct, 0, 100, unit="%")
    high_pct = validate.number("high_pct", high_pct, low_pct, 100, unit="%, at least low_pct")
    year = validate.whole("year", year)
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


def sources_table(facts: pd.DataFrame, system: str) -> Table:
    """:func:`compare_sources` as a table."""
    shown = compare_sources(facts, system).rename(columns={
        "figure_from": N_("Figure from"), "share_low_pct": N_("Share covered, low"), "share_high_pct": N_("Share covered, high"),
        "entities": N_("Installations or companies"), "source_key": N_("Source")})
    return Table(shown, _("{system}: what each source says it covers", system=translate_name(system)), decimals=0,
                 units={N_("Share covered, low"): "%", N_("Share covered, high"): "%"}, names=[N_("Figure from")])


def prices_table(prices: pd.DataFrame, years: list[int]) -> Table:
    """Yearly mean allowance prices of each system in ``years`` (the ``allowance_prices_annual`` table)."""
    shown = prices[prices["year"].isin(years)][["system", "year", "currency", "mean_price", "mean_price_eur", "days"]]
    shown = shown.rename(columns={"system": N_("System"), "year": N_("Year"), "currency": N_("Currency"), "mean_price": N_("Mean price"),
                                  "mean_price_eur": N_("Mean price in euros"), "days": N_("Trading days")})
    shown[N_("Year")] = shown[N_("Year")].astype(str)
    return Table(shown, N_("Average allowance prices by year"), units={N_("Mean price"): N_("per t"), N_("Mean price in euros"): N_("€ per t")},
                 decimals={N_("Mean price"): 2, N_("Mean price in euros"): 2}, names=[N_("System")])


__all__ = [
    "ALLOCATIONS",
    "EU_LRF_2021",
    "FIRMS",
    "MARKET_PARAMS",
    "POLICIES",
    "TWO_FIRM_EXPR",
    "Outcome",
    "PolicyResult",
    "banking_chart",
    "banking_path",
    "cap_and_trade",
    "cap_and_trade_chart",
    "check_cap",
    "check_firms",
    "clear_market_timing",
    "compare",
    "compare_policies",
    "compare_sources",
    "sources_table",
    "prices_table",
    "rounded_keeping_total",
    "covered_world_share",
    "equilibrium_price",
    "ets_share_chart",
    "ets_start_years",
    "free_allocation",
    "market_lab_chart",
    "market_lab_live_chart",
    "market_lab_widget",
    "policy_outcome",
    "scenario_grid",
    "two_firm_formula",
    "uniform_standard",
]

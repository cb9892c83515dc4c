"""Compete or cooperate: a repeated two-player climate game between two large emitters.

Each round both players choose to cooperate (C: abate) or defect (D: do not).
Abating costs the abater ``c``; every abating player gives *both* players a
climate benefit ``b`` (a public good); when both abate they also share a
clean-tech spill-over ``s``. The stage-game payoffs of the row player are

* R = 2b + s - c  (both cooperate)
* S = b - c       (I cooperate alone: the "sucker's" payoff)
* T = b           (I defect while the other cooperates: the temptation)
* P = 0           (both defect)

Units are arbitrary "payoff units per round"; the defaults are illustrative,
not estimates. The game is a prisoner's dilemma (T > R > P > S) exactly when
``b + s < c < 2b + s`` (with b > 0): abating must cost more than the benefit
it brings its own abater (b) plus the spill-over, yet less than what mutual
abatement brings each player. See :func:`dilemma_conditions`.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import numpy as np
import pandas as pd

from . import validate
from .labs import Parameter
from .i18n import N_, _, language
from .tables import Table
from .theme import ON_FILL_DARK, ON_FILL_LIGHT

C, D = "C", "D"

GAME_PARAMS: dict[str, Parameter] = {
    "b": Parameter("b", N_("Benefit b"), N_("per abater, to each player"), 0.5, 5, 2, 0.1),
    "c": Parameter("c", N_("Cost c"), N_("of abating"), 0, 10, 3, 0.1),
    "s": Parameter("s", N_("Spill-over s"), N_("when both abate"), 0, 5, 0.5, 0.1),
    "delta": Parameter("delta", N_("Discount factor δ"), "", 0, 1, 0.9, 0.01),
    "rounds": Parameter("rounds", N_("Rounds"), "", 1, 50, 10, 1, integer=True),
}


def payoffs(b: float = 2, c: float = 3, s: float = 0.5) -> dict[str, float]:
    """Stage-game payoffs R, S, T, P of the row player (see the module docstring)."""
    b, c, s = (GAME_PARAMS[k].check(v) for k, v in (("b", b), ("c", c), ("s", s)))
    return {"R": 2 * b + s - c, "S": b - c, "T": b, "P": 0.0}


#: Grid on which the game compares payoffs exactly: a billionth of a payoff unit, far finer than any
#: slider step (0.1 for b, c, s; 0.01 for δ).
EXACT = 10**9


def _exact(value: float) -> int:
    """``value`` in whole billionths: the number it stands for on a slider, so 0.1 + 0.2 equals 0.3
    and rounding in floating point never moves a point across a region boundary."""
    return round(value * EXACT)


def _orderings(b: float, c: float, s: float) -> dict[str, bool]:
    """T > R, R > P and P > S decided in exact (integer) arithmetic: the one rule behind both
    :func:`dilemma_conditions` and :func:`region_of`."""
    b, c, s = (_exact(GAME_PARAMS[k].check(v)) for k, v in (("b", b), ("c", c), ("s", s)))
    return {"T>R": c > b + s, "R>P": c < 2 * b + s, "P>S": c > b}


def dilemma_conditions(b: float = 2, c: float = 3, s: float = 0.5) -> dict[str, bool]:
    """Which of the orderings T > R, R > P, P > S hold, and whether all do (a prisoner's dilemma).

    T > R  <=>  c > b + s   (defecting against a cooperator pays)
    R > P  <=>  c < 2b + s  (mutual cooperation beats mutual defection)
    P > S  <=>  c > b       (cooperating alone is worse than mutual defection)
    With s >= 0 the first implies the third, so the dilemma is  b + s < c < 2b + s.
    Compared exactly (see :func:`_exact`): at T = R or R = P there is no dilemma.
    """
    out = _orderings(b, c, s)
    out["dilemma"] = all(out.values())
    return out


def grim_threshold(b: float = 2, c: float = 3, s: float = 0.5) -> float:
    """Smallest discount factor at which grim trigger sustains cooperation: (T - R) / (T - P) = (c - b - s) / b.

    Cooperating forever gives R / (1 - δ); deviating once gives T now and P for ever
    after, T + δP / (1 - δ). Cooperation is stable when R / (1 - δ) >= T + δP / (1 - δ),
    i.e. δ >= (T - R) / (T - P). A value <= 0 means cooperation pays even in one round.
    """
    p = payoffs(b, c, s)
    return (p["T"] - p["R"]) / (p["T"] - p["P"])


#: The four outcomes of one round, as the row player sees them: symbol, outcome, formula.
OUTCOMES = [
    ("R", N_("Both cooperate (reward)"), "2b + s − c"),
    ("S", N_("I cooperate alone (sucker's payoff)"), "b − c"),
    ("T", N_("I defect, the other cooperates (temptation)"), "b"),
    ("P", N_("Both defect (punishment)"), "0"),
]
#: The orderings of a prisoner's dilemma: key of :func:`dilemma_conditions`, meaning, condition on b, c, s.
ORDERINGS = [
    ("T>R", N_("T > R: defecting against a cooperator pays"), "c > b + s"),
    ("R>P", N_("R > P: mutual cooperation beats mutual defection"), "c < 2b + s"),
    ("P>S", N_("P > S: cooperating alone is worse than mutual defection"), "c > b"),
    ("dilemma", N_("All three: a prisoner's dilemma"), "b + s < c < 2b + s"),
]


def stage_game_table(b: float = 2, c: float = 3, s: float = 0.5) -> Table:
    """The stage game's four payoffs (:func:`payoffs`) with what each outcome is and its formula."""
    p = payoffs(b, c, s)
    frame = pd.DataFrame([{"symbol": k, "outcome": _(name), "formula": formula, "payoff": p[k]}
                          for k, name, formula in OUTCOMES])
    return Table(frame, _("Payoffs of one round to the row player, b = {b:g}, c = {c:g}, s = {s:g}", b=b, c=c, s=s),
                 headers={"symbol": N_("Symbol"), "outcome": N_("Outcome"), "formula": N_("Formula"),
                          "payoff": N_("Payoff")}, decimals=2)


def dilemma_table(b: float = 2, c: float = 3, s: float = 0.5) -> Table:
    """:func:`dilemma_conditions` as a table: each ordering, its condition on b, c and s, and whether it holds."""
    holds = dilemma_conditions(b, c, s)
    frame = pd.DataFrame([{"ordering": _(name), "condition": condition, "holds": holds[k]}
                          for k, name, condition in ORDERINGS])
    return Table(frame, _("Is the game a prisoner's dilemma? b = {b:g}, c = {c:g}, s = {s:g}", b=b, c=c, s=s),
                 headers={"ordering": N_("Ordering"), "condition": N_("Condition"), "holds": N_("Holds")})


# --- Strategies: each maps (my past moves, their past moves) to this round's move ----------------
def always_cooperate(mine: list[str], theirs: list[str]) -> str:
    """Always abate."""
    return C


def always_defect(mine: list[str], theirs: list[str]) -> str:
    """Never abate."""
    return D


def tit_for_tat(mine: list[str], theirs: list[str]) -> str:
    """Cooperate first, then copy the other player's last move."""
    return theirs[-1] if theirs else C


def grim_trigger(mine: list[str], theirs: list[str]) -> str:
    """Cooperate until the other defects once, then defect for ever."""
    return D if D in theirs else C


def tit_for_two_tats(mine: list[str], theirs: list[str]) -> str:
    """Forgiving: defect only after the other has defected in the last two rounds."""
    return D if theirs[-2:] == [D, D] else C


STRATEGIES: dict[str, Callable[[list[str], list[str]], str]] = {
    N_("Always cooperate"): always_cooperate,
    N_("Always defect"): always_defect,
    N_("Tit for tat"): tit_for_tat,
    N_("Grim trigger"): grim_trigger,
    N_("Tit for two tats"): tit_for_two_tats,
}


def _check_strategy(name: str) -> Callable:
    return STRATEGIES[validate.option("strategy", name, list(STRATEGIES))]


_OUTCOME = {(C, C): ("R", "R"), (C, D): ("S", "T"), (D, C): ("T", "S"), (D, D): ("P", "P")}


def _moves(row: str, col: str, rounds: int) -> list[tuple[str, str]]:
    first, second = _check_strategy(row), _check_strategy(col)
    mine: list[str] = []
    theirs: list[str] = []
    for _round in range(rounds):
        a, o = first(mine, theirs), second(theirs, mine)
        mine.append(a)
        theirs.append(o)
    return list(zip(mine, theirs))


def play(row: str, col: str, rounds: int = 10, b: float = 2, c: float = 3, s: float = 0.5) -> pd.DataFrame:
    """Play two strategies against each other; one line per round with moves and both payoffs."""
    rounds = int(GAME_PARAMS["rounds"].check(rounds))
    p = payoffs(b, c, s)
    rows = []
    for t, (a, o) in enumerate(_moves(row, col, rounds)):
        ka, ko = _OUTCOME[(a, o)]
        rows.append({"round": t + 1, "row_move": a, "col_move": o, "row_payoff": p[ka], "col_payoff": p[ko]})
    return pd.DataFrame(rows)


def discounted_average(values: list[float], delta: float) -> float:
    """Discounted average sum(δ^t x_t) / sum(δ^t), t = 0, 1, ...: the per-round payoff worth as much."""
    delta = GAME_PARAMS["delta"].check(delta)
    values = validate.numbers_array("values", values)
    if delta == 0:  # only the first round counts
        return float(values[0])
    weights = delta ** np.arange(len(values), dtype=float)
    return float(weights @ values / weights.sum())


def tournament(b: float = 2, c: float = 3, s: float = 0.5, delta: float = 0.9, rounds: int = 10) -> pd.DataFrame:
    """Long table (row, col, payoff): the row strategy's discounted average payoff against each column strategy."""
    GAME_PARAMS["delta"].check(delta)
    rounds = int(GAME_PARAMS["rounds"].check(rounds))
    p = payoffs(b, c, s)
    rows = []
    for r in STRATEGIES:
        for k in STRATEGIES:
            values = [p[_OUTCOME[m][0]] for m in _moves(r, k, rounds)]
            rows.append({"row": r, "col": k, "payoff": discounted_average(values, delta)})
    return pd.DataFrame(rows)


def tournament_table(b: float = 2, c: float = 3, s: float = 0.5, delta: float = 0.9, rounds: int = 10) -> Table:
    """:func:`tournament` as a table: the row strategy's average payoff against each column strategy."""
    grid = tournament(b, c, s, delta, rounds).pivot(index="row", columns="col", values="payoff")
    shown = grid.loc[list(STRATEGIES), list(STRATEGIES)].round(2).rename(index=_).rename_axis(index=N_("Strategy"), columns=None).reset_index()
    return Table(shown, _("Average payoff per round of each strategy (row) against each (column), δ = {delta:g}", delta=delta),
                 decimals=2)


# Closed form of every pairing, used by the static chart: the row player gets `first` for the
# first `k` rounds and `then` afterwards (all five strategies are deterministic).
def pattern(row: str, col: str) -> tuple[str, int, str]:
    """(first, k, then): the row player's payoff letters in a pairing, for :func:`tournament_chart`."""
    _check_strategy(row), _check_strategy(col)
    nice = {"Always cooperate", "Tit for tat", "Grim trigger", "Tit for two tats"}
    lag = {"Tit for tat": 1, "Grim trigger": 1, "Tit for two tats": 2}
    if row in nice and col in nice:
        return ("R", 0, "R")
    if row == "Always defect" and col == "Always defect":
        return ("P", 0, "P")
    if row == "Always defect":
        return ("T", 0, "T") if col == "Always cooperate" else ("T", lag[col], "P")
    # row is nice, col always defects
    return ("S", 0, "S") if row == "Always cooperate" else ("S", lag[row], "P")


def region_of(b: float, c: float, s: float, delta: float) -> str:
    """Which of :data:`REGIONS` the point (δ, c) falls in for benefit b and spill-over s.

    Uses the exact orderings of :func:`dilemma_conditions`; on the grim-trigger line
    (δ equal to the threshold) cooperation counts as stable, as in :func:`grim_threshold`.
    """
    order = _orderings(b, c, s)
    delta = _exact(GAME_PARAMS["delta"].check(delta))
    if not order["T>R"]:
        return "No dilemma: abating pays by itself"
    if not order["R>P"]:
        return "No dilemma: abating is not worth it even jointly"
    b, c, s = (_exact(float(v)) for v in (b, c, s))
    if delta * b >= (c - b - s) * EXACT:  # δ ≥ (c − b − s) / b, in billionths squared
        return "Dilemma, cooperation stable under grim trigger"
    return "Dilemma, cooperation not stable"


REGIONS = [
    N_("No dilemma: abating pays by itself"),
    N_("Dilemma, cooperation stable under grim trigger"),
    N_("Dilemma, cooperation not stable"),
    N_("No dilemma: abating is not worth it even jointly"),
]
REGION_COLORS = ["#009E73", "#56B4E9", "#E69F00", "#8C8C8C"]


def stability_bands(b: float = 2, s: float = 0.5) -> pd.DataFrame:
    """The four regions of the (δ, c) plane as bands between a lower and upper cost, at δ = 0 and δ = 1.

    Region boundaries are straight lines in δ: c = b + s (abating pays alone below it),
    c = b + s + δ b (grim-trigger threshold, :func:`grim_threshold` solved for c) and
    c = 2b + s (joint abatement not worth it above it). Edges stay straight lines (the chart clips
    them at the top of the c axis), so a band's edge at any δ is the linear interpolation of its two rows.
    """
    b, s = GAME_PARAMS["b"].check(b), GAME_PARAMS["s"].check(s)
    cmax = GAME_PARAMS["c"].max
    rows = []
    for delta in (0.0, 1.0):
        edges = [0.0, b + s, b + s + delta * b, 2 * b + s, max(cmax, 2 * b + s)]
        for i, region in enumerate(REGIONS):
            rows.append({"region": region, "order": i, "delta": delta, "lo": edges[i], "hi": edges[i + 1]})
    return pd.DataFrame(rows)


# --- Charts ---------------------------------------------------------------------------------------
ORDER = list(STRATEGIES)
DEEP_CELL = 0.8  # beyond this share of its side's extreme payoff a heat-map cell is deep enough for light text


def _heatmap(data: alt.Chart) -> alt.LayerChart:
    """Tournament cells coloured by payoff, each with its number printed."""
    order = [_(strategy) for strategy in ORDER]
    x = alt.X("col:N", sort=order, title=_("Against (column player)"), axis=alt.Axis(labelAngle=-30))
    y = alt.Y("row:N", sort=order, title=_("Strategy (row player)"))
    cells = data.mark_rect().encode(
        x=x, y=y, color=alt.Color("payoff:Q", title=_("Average payoff per round"), scale=alt.Scale(scheme="blueorange", domainMid=0)),
        tooltip=[alt.Tooltip("row:N", title=_("Strategy")), alt.Tooltip("col:N", title=_("Against")),
                 alt.Tooltip("payoff:Q", title=_("Payoff per round"), format=".2f")])
    # Light figures on the deep colours at either end of the scale, dark ones on the pale middle.
    # (the scale is diverging: each side deepens towards its own extreme)
    # (12 px, not bold: on a phone a cell is about 40 px wide, and "−0.15" in bold 13 px filled it)
    text = data.transform_joinaggregate(high="max(payoff)", low="min(payoff)").mark_text(fontSize=12).encode(
        x=x, y=y, text=alt.Text("payoff:Q", format=".2f"),
        color=alt.condition(f"(datum.payoff > 0 ? datum.payoff / datum.high : datum.payoff / datum.low) > {DEEP_CELL}",
                            alt.value(ON_FILL_LIGHT), alt.value(ON_FILL_DARK)))
    return alt.layer(cells, text).properties(width=320, height=260)


HEATMAP_DESCRIPTION = N_(
    "Heat map of a five-by-five tournament: each cell gives the discounted average payoff per round that the "
    "row strategy (always cooperate, always defect, tit for tat, grim trigger, tit for two tats) earns against "
    "the column strategy, printed as a number in the cell; blue cells are negative, orange positive."
)


def tournament_chart() -> alt.LayerChart:
    """Static tournament heat map: sliders for b, c, s, δ and rounds; the browser evaluates :func:`pattern`."""
    params = [GAME_PARAMS[n].param("g_") for n in GAME_PARAMS]
    rows = []
    for r in ORDER:
        for k in ORDER:
            first, lag, then = pattern(r, k)
            rows.append({"row": _(r), "col": _(k), "first": first, "k": lag, "then": then})
    letters = "{'R': 2 * g_b + g_s - g_c, 'S': g_b - g_c, 'T': g_b, 'P': 0}"
    weight = "if(g_delta == 1, {n}, (1 - pow(g_delta, {n})) / (1 - g_delta))"
    data = alt.Chart(pd.DataFrame(rows)).transform_calculate(
        n_first="min(datum.k, g_rounds)"
    ).transform_calculate(
        w_first=weight.format(n="datum.n_first"), w_all=weight.format(n="g_rounds"),
    ).transform_calculate(
        payoff=f"({letters}[datum.first] * datum.w_first + {letters}[datum.then] * (datum.w_all - datum.w_first))"
               " / datum.w_all"
    )
    chart = _heatmap(data).add_params(*params)
    return chart.properties(
        title=alt.Title(_(_HEATMAP_TITLE), subtitle=[_("Stylised model; payoff units are arbitrary")]),
        description=_("{description} Sliders set b, c, s, the discount factor and the number of rounds.",
                      description=_(HEATMAP_DESCRIPTION)))


_HEATMAP_TITLE = N_("Who does best? Average payoff per round")
_REGIONS_TITLE = N_("When can grim trigger hold cooperation together?")


def _region_layers(bands: alt.Chart, point: alt.Chart) -> list:
    """Coloured bands (fields delta, lo, hi, region), the dashed threshold line and the chosen point."""
    cmax = GAME_PARAMS["c"].max
    x = alt.X("delta:Q", title=_("Discount factor δ (how much the future counts)"), axis=alt.Axis(format=".1f"),
              scale=alt.Scale(domain=[0, 1], nice=False))
    y_scale = alt.Scale(domain=[0, cmax], nice=False)
    regions = [_(region) for region in REGIONS]
    area = bands.mark_area(opacity=0.9, clip=True).encode(
        x=x, y=alt.Y("lo:Q", title=_("Cost of abating c"), scale=y_scale), y2="hi:Q",
        color=alt.Color("region:N", title=None, sort=regions, scale=alt.Scale(domain=regions, range=REGION_COLORS),
                        legend=alt.Legend(columns=1, orient="bottom", labelLimit=420)),
        detail="region:N", tooltip=[alt.Tooltip("region:N", title=_("Region"))])
    boundary = bands.transform_filter(f"datum.region == '{regions[1]}'").mark_line(
        color=ON_FILL_DARK, strokeDash=[5, 3], clip=True).encode(x=x, y="hi:Q")
    # The chosen point, a dark cross ringed in white so it reads on every band, named on its roomier side.
    you = alt.Y("c:Q", scale=y_scale)
    ring = point.mark_point(shape="cross", size=320, color=ON_FILL_LIGHT, strokeWidth=6, filled=True).encode(x=x, y=you)
    dot = point.mark_point(shape="cross", size=220, color=ON_FILL_DARK, strokeWidth=3, filled=True).encode(x=x, y=you)
    names = [point.transform_filter(f"{'' if left else '!'}(datum.delta > 0.5)").mark_text(
        align="right" if left else "left", dx=-12 if left else 12, dy=-12, fontWeight="bold", color=ON_FILL_DARK).encode(
        x=x, y=you, text=alt.value(_("your δ and c"))) for left in (True, False)]
    return [area, boundary, ring, dot, *names]


REGION_DESCRIPTION = N_(
    "Map of the plane of discount factor (0 to 1, across) and cost of abating (0 to 10, up), coloured by "
    "region: green where abating pays even alone, light blue where the game is a prisoner's dilemma but grim "
    "trigger sustains cooperation, orange where it is a dilemma and cooperation is not stable, grey where even "
    "joint abatement does not pay. A dashed line marks the grim-trigger threshold delta = (c - b - s)/b and a "
    "black cross the chosen delta and c."
)


def stability_chart() -> alt.LayerChart:
    """Static (δ, c) region map for the chosen b and s, with the chosen (δ, c) marked.

    The browser recomputes :func:`stability_bands` from the sliders.
    """
    params = [GAME_PARAMS[n].param("g_") for n in ("b", "c", "s", "delta")]
    cmax = GAME_PARAMS["c"].max
    skeleton = pd.DataFrame([{"region": _(r), "order": i, "delta": d} for d in (0.0, 1.0) for i, r in enumerate(REGIONS)])
    edges = f"[0, g_b + g_s, g_b + g_s + datum.delta * g_b, 2 * g_b + g_s, max({cmax:g}, 2 * g_b + g_s)]"
    bands = alt.Chart(skeleton).transform_calculate(lo=f"{edges}[datum.order]", hi=f"{edges}[datum.order + 1]")
    point = alt.Chart(alt.sequence(0, 1, as_="n")).transform_calculate(delta="g_delta", c="g_c")
    chart = alt.layer(*_region_layers(bands, point)).add_params(*params).properties(width=360, height=300)
    return chart.properties(
        title=alt.Title(_(_REGIONS_TITLE), subtitle=[_("Threshold δ ≥ (T − R)/(T − P) = (c − b − s)/b")]),
        description=_(REGION_DESCRIPTION))


_LIVE_TEMPLATES: dict = {}


def _refill(kind: str, records: list[dict], title: alt.Title, description: str):
    from .labs import refill

    if language() not in _LIVE_TEMPLATES:
        _LIVE_TEMPLATES[language()] = {
            "heat": _heatmap(alt.Chart()),
            "regions": alt.layer(*_region_layers(
                alt.Chart().transform_filter("datum.kind == 'band'"),
                alt.Chart().transform_filter("datum.kind == 'you'"))).properties(width=360, height=300),
        }
    return refill(_LIVE_TEMPLATES[language()][kind], records, title, description)


def tournament_live_chart(b: float = 2, c: float = 3, s: float = 0.5, delta: float = 0.9,
                          rounds: int = 10) -> alt.LayerChart:
    """Live heat map drawn from :func:`tournament` (the Python simulation)."""
    records = [{"row": _(row), "col": _(col), "payoff": payoff}
               for row, col, payoff in tournament(b, c, s, delta, rounds).itertuples(index=False)]
    title = alt.Title(_(_HEATMAP_TITLE),
                      subtitle=[_("b = {b:g}, c = {c:g}, s = {s:g}, δ = {delta:g}, {rounds:g} rounds",
                                  b=b, c=c, s=s, delta=delta, rounds=rounds)])
    return _refill("heat", records, title, _(HEATMAP_DESCRIPTION))


def stability_live_chart(b: float = 2, c: float = 3, s: float = 0.5, delta: float = 0.9) -> alt.LayerChart:
    """Live region map drawn from :func:`stability_bands`, with the chosen (δ, c) marked."""
    GAME_PARAMS["c"].check(c)
    GAME_PARAMS["delta"].check(delta)
    bands = [dict(zip(("region", "order", "delta", "lo", "hi"), r), kind="band")
             for r in stability_bands(b, s).itertuples(index=False)]
    bands = [{**band, "region": _(band["region"])} for band in bands]
    title = alt.Title(_(_REGIONS_TITLE),
                      subtitle=[_("b = {b:g}, s = {s:g}: threshold δ ≥ {threshold:.2f} at c = {c:g}",
                                  b=b, s=s, threshold=grim_threshold(b, c, s), c=c)])
    return _refill("regions", [*bands, {"kind": "you", "delta": delta, "c": c}], title, _(REGION_DESCRIPTION))


def game_widget():
    """Live game lab (Jupyter only): sliders for b, c, s, δ and rounds rerun :func:`tournament` and
    :func:`stability_bands`.

    Returns the heat map's :class:`~climate_course.widgets.LiveChart`; the region map is a second
    LiveChart on the same controls (``.regions``), shown below the first.
    """
    import ipywidgets as widgets

    from .labs import controls
    from .widgets import LiveChart

    shared = controls(GAME_PARAMS)
    heat = LiveChart(shared, tournament_live_chart)
    heat.regions = LiveChart({k: shared[k] for k in ("b", "c", "s", "delta")}, stability_live_chart)
    heat.widget = widgets.VBox([heat.widget, heat.regions.output])
    return heat

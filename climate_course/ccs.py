"""Carbon capture and storage: the 2019 top-20 company table and a capture-rate illustration."""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import validate
from .charts import source_lines
from .i18n import DEFAULT_LANGUAGE, N_, Expr, _, language, translate_name, translated, vega_text
from .tables import Table

REGIONS = ["North America", "Europe", "Asia", "Middle East"]
REGION_COLORS = {"North America": "#0072B2", "Europe": "#009E73", "Asia": "#D55E00", "Middle East": "#E69F00"}

# The paper's own count of the top 20 (fn 29).
PAPER_REGION_COUNTS = {"North America": 11, "Europe": 6, "Asia": 2, "Middle East": 1}
PAPER_COUNTRY_COUNTS = {"United States": 8, "Canada": 3, "France": 2}


def region_counts(companies: pd.DataFrame) -> pd.Series:
    """Number of companies per region, in the order of :data:`REGIONS`."""
    counts = companies["region"].astype(str).value_counts()
    return counts.reindex(REGIONS, fill_value=0).astype(int)


def country_counts(companies: pd.DataFrame) -> pd.DataFrame:
    """Companies per headquarters country with its region, largest first (ties by name)."""
    grouped = companies.groupby(["country", "region"], observed=True).size().rename("companies").reset_index()
    grouped = grouped.astype({"country": str, "region": str, "companies": int})
    return grouped.sort_values(["companies", "country"], ascending=[False, True]).reset_index(drop=True)


def check_paper_counts(companies: pd.DataFrame) -> pd.DataFrame:
    """The paper's regional and country counts beside the counts recomputed from the table."""
    regions = region_counts(companies)
    countries = country_counts(companies).set_index("country")["companies"]
    rows = [{"group": r, "paper": n, "table": int(regions[r])} for r, n in PAPER_REGION_COUNTS.items()]
    rows += [{"group": c, "paper": n, "table": int(countries.get(c, 0))} for c, n in PAPER_COUNTRY_COUNTS.items()]
    out = pd.DataFrame(rows)
    out["agrees"] = out["paper"] == out["table"]
    return out


def paper_counts_table(companies: pd.DataFrame) -> Table:
    """:func:`check_paper_counts` as a table."""
    shown = check_paper_counts(companies).rename(columns={"group": N_("Region or country"), "paper": N_("Paper"),
                                                          "table": N_("Our table"), "agrees": N_("Agrees")})
    return Table(shown, N_("Companies in the paper's list, counted by region and country"), units={N_("Paper"): N_("companies"),
                 N_("Our table"): N_("companies")}, names=[N_("Region or country")])


def companies_table(companies: pd.DataFrame) -> Table:
    """The ranked list of companies: rank, name, country and region."""
    shown = companies[["rank", "company", "country", "region"]].rename(columns={
        "rank": N_("Rank"), "company": N_("Company"), "country": N_("Country"), "region": N_("Region")})
    return Table(shown, N_("The 20 leading carbon capture and storage companies of 2019 (ReportLinker)"),
                 names=[N_("Country"), N_("Region")])


def companies_chart(companies: pd.DataFrame, source: str) -> alt.LayerChart:
    """Horizontal bars: top-20 CCS companies per headquarters country, coloured and labelled by region."""
    data = translated(country_counts(companies), "country", "region")
    # The bars name the country only (the colour and the legend give its region), leaving a phone room for the bars.
    y = alt.Y("country:N", sort=list(data["country"]), title=None, axis=alt.Axis(labelLimit=160))
    tooltip = ["country:N", "region:N", "companies:Q"]
    if language() != DEFAULT_LANGUAGE:
        tooltip = [alt.Tooltip("country:N", title=_("Country")), alt.Tooltip("region:N", title=_("Region")),
                   alt.Tooltip("companies:Q", title=_("Companies in the top 20"))]
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("companies:Q", title=_("Companies in the top 20"), axis=alt.Axis(tickMinStep=1, format="d")),
        y=y,
        color=alt.Color("region:N", title=_("Region"), scale=alt.Scale(domain=[translate_name(r) for r in REGIONS],
                                                                      range=list(REGION_COLORS.values()))),
        tooltip=tooltip,
    )
    text = alt.Chart(data).mark_text(align="left", dx=4, fontSize=12).encode(
        x="companies:Q", y=y, text="companies:Q")
    description = _(
        "Horizontal bar chart of how many of the 20 leading carbon capture and storage companies of 2019 "
        "have their headquarters in each country. Each bar is labelled with the country and the count, and "
        "coloured by the country's region. Largest: {country} with {count}.",
        country=data.loc[0, "country"], count=data.loc[0, "companies"],
    )
    chart = alt.layer(bars, text).properties(width=380, height=alt.Step(24))
    return chart.properties(title=alt.Title(_("Top 20 CCS companies in 2019, by headquarters"),
                                            subtitle=source_lines(source)), description=description)


def capture(emissions: float, capture_rate: float) -> dict[str, float]:
    """Split a plant's CO2 ``emissions`` into the part captured and the residual sent to the air.

    ``capture_rate`` is a fraction between 0 and 1 (0.9 = 90 %). Energy used by the
    capture unit itself is ignored, so this is the best case for a given rate.
    """
    emissions = validate.number("emissions", emissions, 0, 1e12, unit="t CO2")
    capture_rate = validate.number("capture_rate", capture_rate, 0, 1, unit="fraction")
    captured = emissions * capture_rate
    return {"captured": captured, "residual": emissions - captured}


def capture_table(emissions: float, rates: list[float]) -> pd.DataFrame:
    """:func:`capture` for several rates, one row per rate."""
    return pd.DataFrame([{"capture_rate": r, **capture(emissions, r)} for r in rates])


def capture_rates_table(emissions: float, rates: list[float]) -> Table:
    """:func:`capture_table` as a table: rate in %, tonnes captured and left."""
    frame = capture_table(emissions, rates)
    shown = pd.DataFrame({N_("Capture rate"): 100 * frame["capture_rate"], N_("Captured"): frame["captured"],
                          N_("Released"): frame["residual"]})
    return Table(shown, _("What capture leaves in the air, for {emissions:,.0f} t of CO₂", emissions=emissions),
                 units={N_("Capture rate"): "%", N_("Captured"): N_("t CO₂"), N_("Released"): N_("t CO₂")}, decimals=1)


def capture_chart(emissions: float = 100.0, default_rate: int = 90) -> alt.LayerChart:
    """Static slider chart: one plant's emissions split into captured and residual CO2.

    The browser computes the same split as :func:`capture` from the slider value (in %).
    """
    rate = alt.param(name="capture_pct", value=default_rate,
                     bind=alt.binding_range(min=0, max=100, step=5, name=_("Capture rate (%): ")))
    parts = pd.DataFrame({"part": [_("Captured and stored"), _("Released to the air")], "order": [0, 1]})
    base = alt.Chart(parts).transform_calculate(
        value=f"datum.order == 0 ? {emissions} * capture_pct / 100 : {emissions} * (1 - capture_pct / 100)"
    )
    colours = alt.Scale(domain=list(parts["part"]), range=["#0072B2", "#D55E00"])
    bars = base.mark_bar(height=60).encode(
        x=alt.X("value:Q", stack="zero", title=_("CO₂ from the plant (per 100 tonnes produced)"),
                scale=alt.Scale(domain=[0, emissions])),
        color=alt.Color("part:N", scale=colours, title=None),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("part:N", title=_("Part")), alt.Tooltip("value:Q", format=".0f", title=_("Tonnes"))],
    )
    tonnes = vega_text("{tonnes} t", tonnes=Expr("format(datum.value, '.0f')"))
    text = f"(datum.order == 0 ? {vega_text('Captured: ')} : {vega_text('Released: ')}) + {tonnes}"
    labels = [
        base.transform_filter(f"datum.order == {i}").transform_calculate(x=str(x), text=text)
        .mark_text(align=align, fontWeight="bold", fontSize=13, dy=-40)
        .encode(x="x:Q", text="text:N", color=alt.Color("part:N", scale=colours, legend=None))
        for i, x, align in ((0, 0, "left"), (1, emissions, "right"))
    ]
    chart = alt.layer(bars, *labels).add_params(rate).properties(width=460, height=100)
    description = _(
        "Single stacked bar splitting {emissions:g} tonnes of CO2 produced by a power plant into the part "
        "captured and stored and the part released to the air. A slider sets the capture rate from 0 to "
        "100 % (starting at {rate} %). Each part is labelled with its name and tonnes.",
        emissions=emissions, rate=default_rate,
    )
    return chart.properties(
        title=alt.Title(alt.expr(vega_text("What a {rate} % capture rate leaves in the air", rate=Expr("capture_pct"))),
                        subtitle=[_("Illustration; ignores the extra fuel the capture unit burns")]),
        description=description,
    )


# --- Lab: when does capture pay? -----------------------------------------------------------------
def _breakeven_params():
    from .labs import Choice, Parameter

    srccs = "IPCC SRCCS (2005)"
    return {
        "emissions": Parameter("emissions", N_("Plant emissions without capture"), N_("Mt CO₂/yr"), 0.5, 20, 4, 0.5,
                               "illustrative: a 1 GW coal plant at ~60 % load emits about 4 Mt a year"),
        "capture_rate": Parameter("capture_rate", N_("Capture rate"), N_("fraction"), 0, 0.99, 0.9, 0.01, srccs),
        "energy_penalty": Parameter("energy_penalty", N_("Energy penalty"), N_("extra fuel, fraction"), 0, 0.5, 0.25,
                                    0.01, srccs + ": 10–40 % more energy"),
        "capture_cost": Parameter("capture_cost", N_("Capture cost"), N_("$/t captured"), 0, 200, 60, 5,
                                  "illustrative assumption"),
        "storage_cost": Parameter("storage_cost", N_("Transport and storage"), "$/t", 0, 50, 10, 1,
                                  srccs + ": transport 1–8, storage 0.5–8, monitoring 0.1–0.3 $/t"),
        "credit": Choice("credit", N_("45Q credit of $85/t"), (False, True), False),
    }


BREAKEVEN_PARAMS = _breakeven_params()
CREDIT_45Q = 85.0  # US$/t CO2 geologically stored, Inflation Reduction Act 2022 (wage rules met); kept by the 2025 budget law
PRICE_MAX = 200  # US$/t, right end of the chart's carbon-price axis


def avoided_fraction(capture_rate: float, energy_penalty: float) -> float:
    """Share of the plant's original emissions avoided: ``1 - (1 - capture_rate) * (1 + energy_penalty)``."""
    rate = BREAKEVEN_PARAMS["capture_rate"].check(capture_rate)
    penalty = BREAKEVEN_PARAMS["energy_penalty"].check(energy_penalty)
    return 1 - (1 - rate) * (1 + penalty)


_MT_A_YEAR, _PER_T, _MILLION = N_("Mt a year"), N_("$ per t"), N_("$ million")
#: What each entry of :func:`ccs_economics` is, and its unit.
ECONOMICS_TERMS = {
    "emissions": (N_("CO₂ the plant emits without capture"), _MT_A_YEAR),
    "gross": (N_("CO₂ produced with the capture unit's extra fuel"), _MT_A_YEAR),
    "captured": (N_("CO₂ captured and stored"), _MT_A_YEAR),
    "released": (N_("CO₂ still released"), _MT_A_YEAR),
    "avoided": (N_("CO₂ avoided (emissions − released)"), _MT_A_YEAR),
    "avoided_fraction": (N_("Share of the emissions avoided"), N_("fraction")),
    "cost_per_captured": (N_("Cost per tonne captured (capture + storage)"), _PER_T),
    "cost_per_avoided": (N_("Cost per tonne avoided"), _PER_T),
    "breakeven_price": (N_("Carbon price at which capture breaks even"), _PER_T),
    "annual_cost": (N_("Yearly cost of capture and storage"), _MILLION),
    "credit_income": (N_("Yearly 45Q tax-credit income"), _MILLION),
    "carbon_saving": (N_("Carbon price saved on the avoided CO₂"), _MILLION),
    "net_profit": (N_("Yearly profit (saving + credit − cost)"), _MILLION),
}


def ccs_economics(emissions: float = 4, capture_rate: float = 0.9, energy_penalty: float = 0.25,
                  capture_cost: float = 60, storage_cost: float = 10, credit: bool = False,
                  carbon_price: float = 0) -> dict[str, float]:
    """Yearly CO2 flows (Mt) and money ($ million) of fitting capture to a plant that emits ``emissions``.

    The capture unit burns ``energy_penalty`` more fuel for the same electricity, so the
    plant produces ``emissions * (1 + energy_penalty)`` gross; ``capture_rate`` of that is
    captured, the rest is released. Avoided = original emissions - released. Costs
    (``capture_cost`` + ``storage_cost``, $/t) are paid on every tonne captured; the carbon price
    ($/t) is saved on every tonne avoided; the optional 45Q credit is earned per tonne stored.
    Break-even carbon price = net cost per tonne avoided.
    """
    p = BREAKEVEN_PARAMS
    emissions = p["emissions"].check(emissions)
    capture_cost = p["capture_cost"].check(capture_cost)
    storage_cost = p["storage_cost"].check(storage_cost)
    credit = p["credit"].check(credit)
    carbon_price = validate.number("carbon_price", carbon_price, 0, 1000, unit="$ per tonne")
    capture_rate = p["capture_rate"].check(capture_rate)
    energy_penalty = p["energy_penalty"].check(energy_penalty)
    avoided_frac = avoided_fraction(capture_rate, energy_penalty)
    gross = emissions * (1 + energy_penalty)
    captured = gross * capture_rate
    released = gross - captured
    avoided = emissions - released
    subsidy = CREDIT_45Q if credit else 0.0
    cost = captured * (capture_cost + storage_cost)
    cost_per_avoided = (capture_cost + storage_cost) * captured / avoided if avoided > 0 else float("inf")
    breakeven = (capture_cost + storage_cost - subsidy) * captured / avoided if avoided > 0 else float("inf")
    return {
        "emissions": emissions, "gross": gross, "captured": captured, "released": released, "avoided": avoided,
        "avoided_fraction": avoided_frac,
        "cost_per_captured": capture_cost + storage_cost, "cost_per_avoided": cost_per_avoided,
        "breakeven_price": breakeven,
        "annual_cost": cost, "credit_income": captured * subsidy,
        "carbon_saving": carbon_price * avoided,
        "net_profit": carbon_price * avoided + captured * subsidy - cost,
    }


def economics_table(**settings) -> Table:
    """:func:`ccs_economics` as a table: each entry's key (as code reads it), what it is, its value and unit."""
    result = ccs_economics(**settings)
    frame = pd.DataFrame([{"key": f"<code>{key}</code>", "meaning": _(ECONOMICS_TERMS[key][0]), "value": value,
                           "unit": _(ECONOMICS_TERMS[key][1])} for key, value in result.items()])
    return Table(frame, _("Capture at one plant: the entries of ccs.ccs_economics()"), decimals={"value": 3}, markup=["key"],
                 headers={"key": N_("Key"), "meaning": N_("Meaning"), "value": N_("Value"), "unit": N_("Unit")})


def profit_curve(prices: list[float] | None = None, **params) -> pd.DataFrame:
    """Net profit ($ million a year) of the capture project at each carbon price ($/t)."""
    prices = list(range(0, PRICE_MAX + 1, 5)) if prices is None else list(
        validate.numbers_array("prices", prices, 0, 1000, unit="$ per tonne"))
    r = ccs_economics(**params)  # net profit is linear in the price: P x avoided + credit - cost
    fixed = r["credit_income"] - r["annual_cost"]
    return pd.DataFrame({"price": [float(x) for x in prices], "net_profit": [x * r["avoided"] + fixed for x in prices]})


# --- What the profit curve says, in words: one rule for Python and for the static chart ----------
#: Below this share of the plant's emissions, capture counts as avoiding nothing (rounding in the flows).
AVOIDED_TOL = 1e-9


def verdict(result: dict[str, float]) -> tuple[str, float]:
    """The label and the marker's carbon price for a result of :func:`ccs_economics`.

    The net profit is a straight line in the carbon price P: ``P * avoided + fixed`` with
    ``fixed = credit income - cost``. So it pays at every price if the line never dips below
    zero, never if it never rises above, and otherwise changes sign once, at ``-fixed / avoided``:
    from loss to profit when capture avoids CO₂, from profit to loss when it adds CO₂
    (a large energy penalty with a low capture rate). :func:`verdict_expr` is the same rule in Vega.
    """
    avoided, fixed = result["avoided"], result["credit_income"] - result["annual_cost"]
    if abs(avoided) <= AVOIDED_TOL * result["emissions"]:
        if fixed > 0:
            return _(_CREDIT_ONLY), 0.0
        return _(_NEVER_AVOIDS), float(PRICE_MAX)
    crossing = -fixed / avoided
    if avoided > 0:
        if fixed >= 0:
            return _(_ALWAYS), 0.0
        return _(_BREAK_EVEN, price=f"{crossing:.0f}"), min(crossing, PRICE_MAX)
    if fixed > 0:
        return _(_PAYS_BELOW, price=f"{crossing:.0f}"), min(crossing, PRICE_MAX)
    return _(_NEVER_ADDS), float(PRICE_MAX)


_CREDIT_ONLY = N_("Pays at any carbon price, from the credit alone: capture avoids nothing")
_NEVER_AVOIDS, _ALWAYS = N_("Never pays: capture avoids nothing"), N_("Pays at any carbon price")
_BREAK_EVEN, _PAYS_BELOW = N_("Break-even: ${price}/t"), N_("Pays only below ${price}/t: capture adds CO₂")
_NEVER_ADDS = N_("Never pays: capture adds CO₂")


def verdict_expr() -> dict[str, str]:
    """:func:`verdict` as Vega expressions over ``datum.avoided``, ``datum.fixed`` and the ``ccs_emissions``
    parameter: ``text`` (in the current language) and ``price``."""
    crossing = Expr("format(-datum.fixed / datum.avoided, '.0f')")
    return {
        "text": (f"abs(datum.avoided) <= {AVOIDED_TOL:g} * ccs_emissions ? (datum.fixed > 0 ? "
                 f"{vega_text(_CREDIT_ONLY)} : {vega_text(_NEVER_AVOIDS)}) : "
                 f"datum.avoided > 0 ? (datum.fixed >= 0 ? {vega_text(_ALWAYS)} : "
                 f"{vega_text(_BREAK_EVEN, price=crossing)}) : "
                 f"(datum.fixed > 0 ? {vega_text(_PAYS_BELOW, price=crossing)} : {vega_text(_NEVER_ADDS)})"),
        "price": (f"abs(datum.avoided) <= {AVOIDED_TOL:g} * ccs_emissions ? (datum.fixed > 0 ? 0 : {PRICE_MAX}) : "
                  f"datum.avoided > 0 ? (datum.fixed >= 0 ? 0 : min(-datum.fixed / datum.avoided, {PRICE_MAX})) : "
                  f"(datum.fixed > 0 ? min(-datum.fixed / datum.avoided, {PRICE_MAX}) : {PRICE_MAX})"),
    }


def _breakeven_layers(curve: alt.Chart, point: alt.Chart) -> list:
    x = alt.X("price:Q", title=_("Carbon price ($ per tonne CO₂)"), scale=alt.Scale(domain=[0, PRICE_MAX]))
    y = alt.Y("net_profit:Q", title=_("Net profit of capture ($ million a year)"))
    line = curve.mark_line(color="#0072B2").encode(
        x=x, y=y, tooltip=[alt.Tooltip("price:Q", title=_("Carbon price ($/t)")),
                           alt.Tooltip("net_profit:Q", title=_("Net profit ($ m/yr)"), format=",.0f")])
    zero = point.mark_rule(color="#444", strokeDash=[4, 3], aria=False).encode(y=alt.datum(0))
    rule = point.mark_rule(color="#D55E00", strokeWidth=2).encode(x="price:Q")
    label = point.mark_text(align="left", dx=5, dy=-8, fontWeight="bold", color="#D55E00").encode(
        x="price:Q", y=alt.value(12), text="text:N")
    return [zero, line, rule, label]


def breakeven_chart() -> alt.LayerChart:
    """Static chart: the capture project's net profit against the carbon price, break-even marked.

    Sliders and a checkbox bound to :data:`BREAKEVEN_PARAMS`; the browser recomputes
    :func:`ccs_economics` with calculate transforms.
    """
    p = BREAKEVEN_PARAMS
    params = [p[name].param("ccs_") for name in p]
    flows = {
        "gross": "ccs_emissions * (1 + ccs_energy_penalty)",
        "captured": "datum.gross * ccs_capture_rate",
        "avoided": "ccs_emissions - datum.gross * (1 - ccs_capture_rate)",
        "subsidy": f"if(ccs_credit, {CREDIT_45Q:g}, 0)",
    }
    curve = alt.Chart(alt.sequence(0, PRICE_MAX + 1, 5, as_="price")).transform_calculate(**flows).transform_calculate(
        net_profit="datum.price * datum.avoided + datum.captured * datum.subsidy"
                   " - datum.captured * (ccs_capture_cost + ccs_storage_cost)")
    point = alt.Chart(alt.sequence(0, 1, as_="i")).transform_calculate(**flows).transform_calculate(
        fixed="datum.captured * (datum.subsidy - ccs_capture_cost - ccs_storage_cost)"
    ).transform_calculate(**verdict_expr())
    chart = alt.layer(*_breakeven_layers(curve, point)).add_params(*params).properties(width=440, height=280)
    description = _(
        "Line chart of the yearly net profit (carbon cost saved plus any 45Q credit, minus the cost of capture, "
        "transport and storage) of fitting carbon capture to a power plant, against a carbon price from 0 to "
        "{max_price} dollars per tonne. A dashed line marks zero and a vertical orange rule marks the "
        "break-even carbon price, labelled in dollars per tonne avoided. Sliders set the plant's emissions, the "
        "capture rate, the energy penalty, the capture cost and the transport-and-storage cost; a checkbox adds "
        "the US 45Q credit.",
        max_price=PRICE_MAX,
    )
    return chart.properties(title=_breakeven_title(), description=description)


_LIVE_TEMPLATE: dict[str, alt.LayerChart] = {}


def _breakeven_title() -> alt.Title:
    return alt.Title(_("When does carbon capture pay?"),
                     subtitle=[_("Model with IPCC SRCCS (2005) ranges; capture cost is an assumption")])


def breakeven_records(**params) -> list[dict]:
    """Records for the live chart: the :func:`profit_curve` points and one break-even marker."""
    result = ccs_economics(**params)
    fixed = result["credit_income"] - result["annual_cost"]
    curve = [{"kind": "curve", "price": float(x), "net_profit": x * result["avoided"] + fixed}
             for x in range(0, PRICE_MAX + 1, 5)]
    text, price = verdict(result)
    marker = {"kind": "marker", "price": price, "text": text}
    return [*curve, marker]


def breakeven_live_chart(**params) -> alt.LayerChart:
    """Live-mode version of :func:`breakeven_chart`, drawn from :func:`profit_curve` and :func:`ccs_economics`."""
    from .labs import refill

    if language() not in _LIVE_TEMPLATE:
        curve = alt.Chart().transform_filter("datum.kind == 'curve'")
        point = alt.Chart().transform_filter("datum.kind == 'marker'")
        _LIVE_TEMPLATE[language()] = alt.layer(*_breakeven_layers(curve, point)).properties(width=440, height=280)
    result = ccs_economics(**params)
    text, _price = verdict(result)
    description = _("Line chart of the capture project's yearly net profit against the carbon price. "
                    "{verdict}. Captured {captured:.2f} Mt a year, avoided {avoided:.2f} Mt.",
                    verdict=text, captured=result["captured"], avoided=result["avoided"])
    return refill(_LIVE_TEMPLATE[language()], breakeven_records(**params), _breakeven_title(), description)


def breakeven_widget():
    """Live break-even lab (Jupyter only): the same controls as :func:`breakeven_chart`."""
    from .labs import controls
    from .widgets import LiveChart

    return LiveChart(controls(BREAKEVEN_PARAMS), breakeven_live_chart)

"""Electric cars: sales, shares and stock by market, a simple tariff price model, and the EV competition lab.

Used by chapter 7 (Competition in transport: electric vehicles). Data come from the
``ev_sales`` table (IEA Global EV Outlook 2024). The tariff model is deliberately
simple: it adds shipping and an ad valorem tariff to an imported car's factory price
and compares the result with a domestic car's price. The lab (:func:`competition_scenario`,
:func:`competition_chart`, :func:`competition_widget`) adds logistic adoption curves fitted
to the data, Wright's law for battery costs and a logit model of consumer choice.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from . import validate
from .charts import country_lines, data_country_lines, finish, source_lines
from .i18n import N_, Expr, _, language, listing, mid_sentence, translate_name, translated, vega_name, vega_text
from .tables import Table

MAX_PRICE = 1e9  # US$: far above any car, to catch unit slips and keep the arithmetic finite

EV_METRICS: dict[str, tuple[str, str]] = {
    "ev_sales": (N_("Electric cars sold"), N_("million")),
    "ev_sales_share": (N_("Electric share of new car sales"), "%"),
    "ev_stock": (N_("Electric cars on the road"), N_("million")),
}
EV_REGIONS = ["China", "United States", "EU-27", "Japan", "India", "World"]


def metric_label(metric: str) -> str:
    """A measure's menu label in the current language: ``"Electric cars sold (million)"``."""
    label, unit = EV_METRICS[metric]
    return _("{label} ({unit})", label=_(label), unit=_(unit))


def check_region(table: pd.DataFrame, regions: list[str]) -> None:
    """Raise ``ValueError`` naming any region that is not in the table."""
    unknown = sorted(set(regions) - set(table["region"]))
    if unknown:
        raise ValueError(f"regions not in the EV table: {unknown}")


def ev_long(table: pd.DataFrame, regions: list[str], metric: str) -> pd.DataFrame:
    """Long table (country, year, value) of one metric; counts are given in millions."""
    if metric not in EV_METRICS:
        raise ValueError(f"metric must be one of {list(EV_METRICS)}, not {metric!r}")
    check_region(table, regions)
    rows = table[table["region"].isin(regions)][["region", "year", metric]].dropna()
    value = rows[metric].astype(float)
    if EV_METRICS[metric][1] == "million":
        value = value / 1e6
    return pd.DataFrame({"country": rows["region"], "year": rows["year"].astype(int), "value": value}).reset_index(drop=True)


def ev_market_chart(table: pd.DataFrame, source: str, regions: list[str] | None = None) -> alt.LayerChart:
    """Static-mode line chart of EV sales, sales share or stock by market; a menu picks the metric.

    A checkbox hides the World line so the other markets can be read at a larger scale.
    """
    regions = regions or EV_REGIONS
    check_region(table, regions)
    wide = table[table["region"].isin(regions)][["region", "year", *EV_METRICS]].copy()
    for column, (_label, unit) in EV_METRICS.items():
        wide[column] = wide[column].astype(float) / (1e6 if unit == "million" else 1)
    wide = translated(wide.rename(columns={"region": "country"}).round(4), "country")
    wide["year"] = wide["year"].astype(int)
    metric = alt.param(
        name="ev_metric", value="ev_sales",
        bind=alt.binding_select(options=list(EV_METRICS), labels=[metric_label(k) for k in EV_METRICS],
                                name=_("Measure: ")),
    )
    show_world = alt.param(name="ev_show_world", value=True, bind=alt.binding_checkbox(name=_("Show World ")))
    base = (
        alt.Chart(wide)
        .transform_calculate(value="datum[ev_metric]")
        .transform_filter(f"isValid(datum.value) && (ev_show_world || datum.country != '{translate_name('World')}')")
    )
    chart = country_lines(base, regions, None).add_params(metric, show_world).properties(width=400, height=300)
    titles = "{" + ", ".join(f"'{k}': '{metric_label(k)}'" for k in EV_METRICS) + "}"
    first, last = int(wide["year"].min()), int(wide["year"].max())
    description = _(
        "Interactive line chart of electric-car markets ({regions}), {first} to {last}. "
        "A menu below the chart switches the measure: cars sold per year (millions), electric share of "
        "new car sales (%), or electric cars on the road (millions); a checkbox hides the World line. "
        "Each market has its own colour, dash pattern and end label.",
        regions=listing(regions), first=first, last=last,
    )
    title = vega_text("{metric}, {first}–{last}", metric=Expr(f"{titles}[ev_metric]"), first=first, last=last)
    return chart.properties(
        title=alt.Title(alt.expr(title), subtitle=source_lines(source)),
        description=description,
    )


def ev_line_chart(data: pd.DataFrame, metric: str, source: str) -> alt.LayerChart:
    """Live-mode chart: one line per region for data from :func:`ev_long`."""
    label, unit = EV_METRICS[metric]
    regions = list(dict.fromkeys(data["country"]))
    chart = data_country_lines(data, metric_label(metric)).properties(width=400, height=300)
    description = _(
        "Line chart of {measure} ({unit}) for {regions}. Each region has its own colour, dash pattern and end label.",
        measure=mid_sentence(label), unit=_(unit), regions=listing(regions),
    )
    return finish(chart, _(label), description, source)


def ev_market_widget(regions: list[str] | None = None):
    """Live (Jupyter) EV explorer: pick any regions in the table and a measure."""
    import ipywidgets as widgets

    from .data import load_table, table_meta
    from .widgets import LiveChart, name_options

    table = load_table("ev_sales")
    source = table_meta("ev_sales").citation
    controls = {
        "regions": widgets.SelectMultiple(
            options=name_options(sorted(table["region"].unique())), value=tuple(regions or EV_REGIONS[:-1]),
            rows=8, description=_("Regions"),
        ),
        "metric": widgets.Dropdown(
            options=[(metric_label(key), key) for key in EV_METRICS], value="ev_sales", description=_("Measure"),
        ),
    }

    def build(regions, metric):
        return ev_line_chart(ev_long(table, list(regions), metric), metric, source)

    return LiveChart(controls, build)


def share_of_world(table: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """Long table (country, year, value) of each region's share (%) of world EV sales."""
    check_region(table, [*regions, "World"])
    sales = table.pivot(index="year", columns="region", values="ev_sales").astype(float)
    shares = 100 * sales[regions].div(sales["World"], axis=0)
    long = shares.reset_index().melt(id_vars="year", var_name="country", value_name="value").dropna()
    return long[["country", "year", "value"]].astype({"year": int}).reset_index(drop=True)


def share_of_world_chart(shares: pd.DataFrame, source: str) -> alt.LayerChart:
    """Line chart of each market's share of world electric-car sales, labelled at the line ends."""
    regions = list(dict.fromkeys(shares["country"]))
    chart = country_lines(alt.Chart(translated(shares, "country")), regions,
                          _("Share of world EV sales (%)")).properties(width=400, height=280)
    first, last = int(shares["year"].min()), int(shares["year"].max())
    description = _(
        "Line chart of the share of world electric-car sales made in {regions}, {first} to {last}, "
        "in percent. Each market has its own colour, dash pattern and end label.",
        regions=listing(regions), first=first, last=last,
    )
    return finish(chart, _("Share of world electric-car sales, {first}–{last}", first=first, last=last),
                  description, source)


@dataclass(frozen=True)
class Headline:
    """Key EV numbers for one year, as the IEA reports them."""

    year: int
    world_sales: float
    china_sales: float
    us_sales: float
    world_share: float
    china_share: float
    us_share: float

    @property
    def china_part_of_world(self) -> float:
        """China's sales as a percentage of world sales."""
        return 100 * self.china_sales / self.world_sales


def headline(table: pd.DataFrame, year: int) -> Headline:
    """World, China and US EV sales (vehicles) and sales shares (%) in ``year``."""
    rows = table[table["year"] == year].set_index("region")
    check_region(rows.reset_index(), ["World", "China", "United States"])
    get = lambda region, col: float(rows.loc[region, col])  # noqa: E731
    return Headline(
        year, get("World", "ev_sales"), get("China", "ev_sales"), get("United States", "ev_sales"),
        get("World", "ev_sales_share"), get("China", "ev_sales_share"), get("United States", "ev_sales_share"),
    )


def format_headline(h: Headline) -> str:
    """Fixed-format text of :class:`Headline` (millions to one decimal, shares to whole percent)."""
    return "\n".join([
        _("Year {year}", year=h.year),
        _("World EV sales:  {sales:.1f} million ({share:.0f} % of new cars)", sales=h.world_sales / 1e6, share=h.world_share),
        _("China EV sales:  {sales:.1f} million ({share:.0f} % of new cars)", sales=h.china_sales / 1e6, share=h.china_share),
        _("US EV sales:     {sales:.1f} million ({share:.1f} % of new cars)", sales=h.us_sales / 1e6, share=h.us_share),
        _("China's part of world EV sales: {part:.0f} %", part=h.china_part_of_world),
    ])


def sales_stock_table(cars: pd.DataFrame, regions: list[str], year: int) -> Table:
    """Electric cars sold in ``year`` and on the road at its end, by region (millions)."""
    rows = cars[(cars["year"] == year) & cars["region"].isin(regions)].set_index("region")
    missing = [r for r in regions if r not in rows.index]
    if missing:
        raise ValueError(f"no {year} EV data for {missing}")
    shown = pd.DataFrame({N_("Region"): regions, N_("Sales"): rows.loc[regions, "ev_sales"].to_numpy() / 1e6,
                          N_("Stock"): rows.loc[regions, "ev_stock"].to_numpy() / 1e6})
    return Table(shown, _("Electric cars sold in {year} and on the road", year=year), units={N_("Sales"): N_("million"), N_("Stock"): N_("million")},
                 decimals=2, names=[N_("Region")])


# --- tariff model -----------------------------------------------------------------


def landed_price(base_price: float, shipping: float, tariff_pct: float, tariff_on_shipping: bool = True) -> float:
    """Price of an imported car at the buyer's border: factory price + shipping + tariff.

    The ad valorem tariff is charged on the customs value: factory price plus shipping
    (as in the EU and China) or, with ``tariff_on_shipping=False``, the factory price only
    (as in the United States).
    """
    base_price = validate.number("base_price", base_price, 0, MAX_PRICE, unit="$")
    shipping = validate.number("shipping", shipping, 0, MAX_PRICE, unit="$")
    tariff_pct = validate.number("tariff_pct", tariff_pct, 0, 10_000, unit="%")
    tariff_on_shipping = validate.flag("tariff_on_shipping", tariff_on_shipping)
    customs_value = base_price + shipping if tariff_on_shipping else base_price
    return base_price + shipping + customs_value * tariff_pct / 100


def break_even_tariff(base_price: float, shipping: float, domestic_price: float) -> float:
    """The tariff (%) at which the import's landed price equals the domestic price (duty on price + shipping).

    Zero if the import already costs more than the domestic car at the border.
    """
    base_price = validate.number("base_price", base_price, 0, MAX_PRICE, unit="$")
    shipping = validate.number("shipping", shipping, 0, MAX_PRICE, unit="$")
    domestic_price = validate.number("domestic_price", domestic_price, 0, MAX_PRICE, unit="$")
    customs_value = base_price + shipping
    if customs_value <= 0:
        raise validate.InputError("base_price plus shipping must be greater than 0 $")
    return max(0.0, 100 * (domestic_price - customs_value) / customs_value)


# The tariff chart's axis ends at the next $10,000 past the dearer car with a fifth to spare for its
# total: it moves in steps as the sliders do, not with every step, and the bars fill the width.
TARIFF_AXIS_END = ("10000 * ceil(1.2 * max((imp_price + ship) * (1 + tariff / 100), dom_price) / 10000)")


def tariff_chart(base_price: float = 25_000, shipping: float = 1_500, tariff_pct: float = 27.5,
                 domestic_price: float = 35_000) -> alt.LayerChart:
    """Static-mode stacked bars: an imported car's factory price, shipping and tariff vs a domestic car.

    Four sliders (import factory price, shipping, tariff %, domestic price) redraw the
    bars in the browser, with the same arithmetic as :func:`landed_price`.
    """
    params = {
        "imp_price": alt.param(name="imp_price", value=base_price,
                               bind=alt.binding_range(min=10_000, max=60_000, step=500, name=_("Import factory price ($): "))),
        "ship": alt.param(name="ship", value=shipping,
                          bind=alt.binding_range(min=0, max=5_000, step=100, name=_("Shipping per car ($): "))),
        "tariff": alt.param(name="tariff", value=tariff_pct,
                            bind=alt.binding_range(min=0, max=150, step=2.5, name=_("Tariff (%): "))),
        "dom_price": alt.param(name="dom_price", value=domestic_price,
                               bind=alt.binding_range(min=10_000, max=60_000, step=500, name=_("Domestic car price ($): "))),
    }
    imported, domestic = _("Imported EV"), _("Domestic EV")
    factory, shipping_part, tariff_part = _("Factory price"), _("Shipping"), _("Tariff")
    parts = pd.DataFrame({
        "car": [imported, imported, imported, domestic],
        "part": [factory, shipping_part, tariff_part, factory],
        "order": [1, 2, 3, 1],
    })
    amount = (
        f"datum.part == '{shipping_part}' ? ship : datum.part == '{tariff_part}' ? (imp_price + ship) * tariff / 100 "
        f": (datum.car == '{imported}' ? imp_price : dom_price)"
    )
    base = alt.Chart(parts).transform_calculate(amount=amount)
    y = alt.Y("car:N", title=None, sort=[imported, domestic])
    # The factory price in quiet grey, what the border adds in colours of their own (three greys ran together in dark mode)
    palette = alt.Scale(domain=[factory, shipping_part, tariff_part], range=["#C8C8C8", "#56B4E9", "#D55E00"])
    bars = base.mark_bar(stroke="white").encode(
        y=y,
        x=alt.X("sum(amount):Q", title=_("Price at the border (US$)"), axis=alt.Axis(format="$,.0f"),
                scale=alt.Scale(domainMin=0, domainMax=alt.ExprRef(TARIFF_AXIS_END), nice=False)),
        color=alt.Color("part:N", scale=palette, title=_("Part of the price"), sort=[factory, shipping_part, tariff_part]),
        order="order:Q",
        tooltip=[alt.Tooltip("car:N", title=_("Car")), alt.Tooltip("part:N", title=_("Part")),
                 alt.Tooltip("amount:Q", title="US$", format="$,.0f")],
    )
    totals = (
        base.transform_aggregate(total="sum(amount)", groupby=["car"])
        .transform_calculate(label="format(datum.total, '$,.0f')")
        .mark_text(align="left", dx=4, fontSize=12, fontWeight="bold")
        .encode(y=y, x="total:Q", text="label:N")
    )
    chart = alt.layer(bars, totals).add_params(*params.values()).properties(width=400, height=120)
    description = _(
        "Stacked horizontal bars comparing the price of an imported electric car at the border (factory price, "
        "shipping and tariff, each a separately labelled segment) with the price of a domestic electric car, "
        "with each bar's total printed at its end. Sliders below set the import's factory price, the shipping "
        "cost, the tariff rate and the domestic price. The numbers are illustrative, not market data."
    )
    return finish(chart, _("How a tariff changes an imported car's price"),
                  description, _("Illustrative model; tariff charged on factory price plus shipping"))


# --- Lab 2: EV competition (S-curves, battery learning, tariffs and consumer choice) -------
#
# The lab couples four simple pieces, each a pure function below:
#   1. adoption: a logistic S-curve per market, fitted to the IEA sales shares 2010-2023;
#   2. battery cost: Wright's law on cumulative EV production (world S-curve x car market);
#   3. prices: an imported EV's landed price (factory + shipping + tariff) and a domestic EV's
#      price (minus any subsidy); both fall as the battery pack gets cheaper;
#   4. consumer choice: a binary logit on the relative price gives the import's share,
#      and a cheaper (or dearer) average EV pulls the market's S-curve earlier (or later).

LAB_MARKETS = ["China", "Europe", "United States", "World"]
LAB_BASE_YEAR = 2023
LAB_FIRST_YEAR, LAB_LAST_YEAR = 2024, 2035
PACK_COST_2023 = 139.0  # US$/kWh, volume-weighted average pack price in 2023 (BloombergNEF survey)
PACK_KWH = 60.0  # kWh per car: a mid-size battery-electric car (illustrative assumption)
IMPORT_PRICE_2023 = 25_000.0  # US$ factory price of the imported EV in 2023 (same as tariff_chart)
DOMESTIC_PRICE_2023 = 35_000.0  # US$ price of the domestic EV in 2023 (same as tariff_chart)
LAB_SHIPPING = 1_500.0  # US$ per car
S_CURVE_CEILING = 100.0  # % of new car sales: in the long run every new car can be electric
ADOPTION_SENSITIVITY = 3.0  # logit shift per 100 % change in the average EV price (assumption)
REFERENCE_LEARNING_RATE = 20.0  # % per doubling; the fitted S-curves assume this pace of learning


def _lab_params():
    from .labs import Choice, Parameter

    return {
        "market": Choice("market", N_("Market"), tuple(LAB_MARKETS), "United States"),
        "tariff": Parameter("tariff", N_("Tariff on imported EVs (total)"), "%", 0, 150, 27.5, 2.5,
                            "US total on Chinese cars: 27.5 % (2.5 % base + 25 % Section 301) until 26 Sep 2024, "
                            "102.5 % (2.5 % + 100 %) from 27 Sep 2024"),
        "learning_rate": Parameter("learning_rate", N_("Battery learning rate"), N_("% per doubling"), 5, 30, 20, 1,
                                   "Ziegler & Trancik (2021): 20 % for all lithium-ion cells, 1992-2016"),
        "subsidy": Parameter("subsidy", N_("Subsidy per domestic EV"), "US$", 0, 10_000, 0, 500,
                             "0 = no subsidy; the US clean-vehicle credit was up to 7,500 $"),
        "price_sensitivity": Parameter("price_sensitivity", N_("Price sensitivity β"), "", 0, 20, 5, 0.5,
                                       "illustrative assumption: β = 5 means a 10 % cheaper import wins 62 %"),
    }


LAB_PARAMS = _lab_params()


def logistic_share(year, midpoint: float, steepness: float, ceiling: float = S_CURVE_CEILING):
    """Logistic S-curve: ``ceiling / (1 + exp(-steepness * (year - midpoint)))`` (% of new car sales).

    ``midpoint`` is the year the share reaches half the ceiling; ``steepness`` (per year)
    sets how fast it gets there (from 12 % to 88 % of the ceiling takes 4 / steepness years).
    """
    midpoint = validate.number("midpoint", midpoint, 1000, 3000, unit="year")
    steepness = validate.number("steepness", steepness, 0, 100, unit="per year")
    ceiling = validate.number("ceiling", ceiling, 0, 100, above=True, unit="%")
    years = validate.numbers_array("year", year, 1000, 3000)
    with np.errstate(over="ignore"):  # far from the midpoint exp overflows to inf: a share of exactly 0
        shares = ceiling / (1 + np.exp(-steepness * (years - midpoint)))
    return shares if np.ndim(year) else float(shares[0])


@dataclass(frozen=True)
class SCurve:
    """A logistic adoption curve fitted to one market's observed EV sales shares."""

    market: str
    midpoint: float
    steepness: float
    rmse: float
    ceiling: float = S_CURVE_CEILING

    def share(self, year):
        """Fitted share of new car sales (%) in ``year``."""
        return logistic_share(year, self.midpoint, self.steepness, self.ceiling)


def fit_s_curve(years, shares, ceiling: float = S_CURVE_CEILING, market: str = "") -> SCurve:
    """Least-squares logistic fit (midpoint year, steepness) to shares in %, for a fixed ceiling.

    A grid search (steepness 0.05-1.5 per year in steps of 0.005, midpoint 2010-2050 in steps of
    0.02) minimises the sum of squared errors in percentage points; numpy only, no optimiser.
    """
    ceiling = validate.number("ceiling", ceiling, 0, 100, above=True, unit="%")
    years = validate.numbers_array("years", years, 1000, 3000)
    shares = validate.numbers_array("shares", shares, 0, 100, unit="%")
    if len(years) != len(shares) or len(years) < 3:
        raise ValueError("years and shares must have the same length, at least 3")
    if ((shares < 0) | (shares >= ceiling)).any():
        raise ValueError(f"shares must be between 0 and the ceiling ({ceiling:g} %)")
    midpoint, steepness, rmse = _grid_fit(tuple(years), tuple(shares), ceiling)
    return SCurve(market, midpoint, steepness, rmse, ceiling)


@functools.lru_cache(maxsize=64)
def _grid_fit(years: tuple, shares: tuple, ceiling: float) -> tuple[float, float, float]:
    """(midpoint, steepness, rmse) of :func:`fit_s_curve`, computed once per data set.

    The grid has 8 million points: the arithmetic runs in place, in one buffer, which
    gives the same numbers as the plain expression at a fraction of the memory traffic.
    """
    years, shares = np.asarray(years), np.asarray(shares)
    steep = np.arange(0.05, 1.5, 0.005)
    mid = np.arange(2010.0, 2050.0, 0.02)
    z = steep[:, None, None] * (years[None, None, :] - mid[None, :, None])  # steepness * (year - midpoint)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1
    np.divide(ceiling, z, out=z)             # the logistic share
    z -= shares
    np.square(z, out=z)
    sse = z.sum(axis=-1)
    i, j = np.unravel_index(sse.argmin(), sse.shape)
    return round(float(mid[j]), 2), round(float(steep[i]), 3), float(np.sqrt(sse[i, j] / len(years)))


def fit_markets(table: pd.DataFrame, markets: list[str] | None = None) -> dict[str, SCurve]:
    """Fitted S-curve of each market's ``ev_sales_share`` (IEA, 2010-2023)."""
    markets = markets or LAB_MARKETS
    check_region(table, markets)
    fits = {}
    for market in markets:
        rows = table[(table["region"] == market) & table["ev_sales_share"].notna()].sort_values("year")
        fits[market] = fit_s_curve(rows["year"], rows["ev_sales_share"], market=market)
    return fits


def learning_exponent(learning_rate: float) -> float:
    """Wright's-law exponent ``b`` with ``1 - 2**-b = learning_rate / 100``."""
    learning_rate = validate.number("learning_rate", learning_rate, 0, 99.9, unit="% per doubling")
    return -math.log2(1 - learning_rate / 100)


def wright_cost(cumulative, cumulative0: float, cost0: float = PACK_COST_2023, learning_rate: float = 20.0):
    """Wright's law: ``cost0 * (cumulative / cumulative0) ** -b``; each doubling cuts cost by the learning rate."""
    cumulative0 = validate.number("cumulative0", cumulative0, 0, 1e15, above=True)
    cost0 = validate.number("cost0", cost0, 0, 1e9, unit="$ per kWh")
    scalar = np.ndim(cumulative) == 0
    cumulative = validate.numbers_array("cumulative", cumulative, 0, 1e15, above=True)
    cost = cost0 * (cumulative / cumulative0) ** -learning_exponent(learning_rate)
    return float(cost[0]) if scalar else cost


def import_share(p_import, p_domestic, price_sensitivity: float):
    """Binary logit: share of buyers choosing the import, ``1 / (1 + exp(β (p_import - p_domestic) / p_domestic))``.

    β is the price sensitivity: the log-odds of buying the import fall by β for every 100 % that
    the import costs more than the domestic car (by β/10 per 10 %). β = 0: price does not
    matter and the two cars split the market; at equal prices they split it too.
    """
    price_sensitivity = validate.number("price_sensitivity", price_sensitivity, 0, 100)
    scalar = np.ndim(p_import) == 0 and np.ndim(p_domestic) == 0
    p_import = validate.numbers_array("p_import", p_import, 0, MAX_PRICE, above=True, unit="$")
    p_domestic = validate.numbers_array("p_domestic", p_domestic, 0, MAX_PRICE, above=True, unit="$")
    with np.errstate(over="ignore"):  # a huge price gap gives exp(inf) = inf, so a share of exactly 0
        share = 1 / (1 + np.exp(price_sensitivity * (p_import - p_domestic) / p_domestic))
    return float(share[0]) if scalar else share


@dataclass(frozen=True)
class WorldMarket:
    """The world car market the battery learning curve runs on (from the IEA table, 2023)."""

    cumulative_2023: float  # electric cars sold worldwide 2010-2023
    car_sales: float  # all new cars sold worldwide per year (EV sales / EV share in 2023), held constant


def world_market(table: pd.DataFrame) -> WorldMarket:
    """Cumulative world EV sales to 2023 and the size of the world car market in 2023."""
    world = table[(table["region"] == "World") & (table["year"] <= LAB_BASE_YEAR)]
    last = world[world["year"] == LAB_BASE_YEAR].iloc[0]
    return WorldMarket(float(world["ev_sales"].sum()), float(last["ev_sales"]) / (float(last["ev_sales_share"]) / 100))


def competition_scenario(fits: dict[str, SCurve], world: WorldMarket, market: str = "United States",
                         tariff: float = 27.5, learning_rate: float = 20, subsidy: float = 0,
                         price_sensitivity: float = 5) -> pd.DataFrame:
    """Year-by-year results 2010-2035 of the EV competition lab for one market.

    Columns: year, cumulative (world EVs sold, cars), pack_cost and ref_cost ($/kWh, at the chosen
    and at the reference learning rate), p_import (landed) and p_domestic (after subsidy) in $,
    import_share (0-1), fit_share and ev_share (% of new car sales). Before 2024 the scenario
    columns equal 2023's values; the chart shows them from 2024.
    """
    p = LAB_PARAMS
    market = p["market"].check(market)
    if not isinstance(world, WorldMarket):
        raise validate.InputError(f"world must be a WorldMarket (from ev.world_market(table)), got {type(world).__name__}")
    if not isinstance(fits, dict) or not {"World", market} <= set(fits):
        raise validate.InputError("fits must be the dict from ev.fit_markets(table), with the World and the market")
    tariff, learning_rate = p["tariff"].check(tariff), p["learning_rate"].check(learning_rate)
    subsidy, beta = p["subsidy"].check(subsidy), p["price_sensitivity"].check(price_sensitivity)
    years = np.arange(2010, LAB_LAST_YEAR + 1)
    new = np.where(years > LAB_BASE_YEAR, world.car_sales * fits["World"].share(years) / 100, 0.0)
    cumulative = world.cumulative_2023 + np.cumsum(new)
    cost = wright_cost(cumulative, world.cumulative_2023, PACK_COST_2023, learning_rate)
    ref_cost = wright_cost(cumulative, world.cumulative_2023, PACK_COST_2023, REFERENCE_LEARNING_RATE)
    saving = PACK_KWH * (PACK_COST_2023 - cost)
    p_import = (IMPORT_PRICE_2023 - saving + LAB_SHIPPING) * (1 + tariff / 100)
    p_domestic = DOMESTIC_PRICE_2023 - saving - subsidy
    share = import_share(p_import, p_domestic, beta)
    p_average = share * p_import + (1 - share) * p_domestic
    p_reference = DOMESTIC_PRICE_2023 - PACK_KWH * (PACK_COST_2023 - ref_cost)
    fit = fits[market]
    z = fit.steepness * (years - fit.midpoint)
    ev_share = fit.ceiling / (1 + np.exp(-(z + ADOPTION_SENSITIVITY * (p_reference - p_average) / p_reference)))
    return pd.DataFrame({
        "year": years, "cumulative": cumulative, "pack_cost": cost, "ref_cost": ref_cost,
        "p_import": p_import, "p_domestic": p_domestic, "import_share": share,
        "fit_share": fit.share(years), "ev_share": ev_share,
    })


def format_competition(fits: dict[str, SCurve], world: WorldMarket, year: int = 2030, **scenario) -> str:
    """Two fixed-format lines of a scenario's results in ``year``."""
    rows = competition_scenario(fits, world, **scenario).set_index("year")
    if year not in rows.index or year < LAB_FIRST_YEAR:
        raise ValueError(f"year must be between {LAB_FIRST_YEAR} and {LAB_LAST_YEAR}, got {year}")
    r = rows.loc[year]
    return (_("{year}: battery pack ${pack:.0f}/kWh; import ${imported:,.0f} vs domestic ${domestic:,.0f}",
              year=year, pack=r["pack_cost"], imported=r["p_import"], domestic=r["p_domestic"]) + "\n"
            + _("  import share {share:.1f} %; EV share of sales {ev:.1f} % (fitted trend {fit:.1f} %)",
                share=100 * r["import_share"], ev=r["ev_share"], fit=r["fit_share"]))


def lab_years(table: pd.DataFrame) -> pd.DataFrame:
    """Years 2010-2035 with each lab market's observed EV share (%) as ``obs_<market>`` (empty after 2023)."""
    check_region(table, LAB_MARKETS)
    rows = table[table["region"].isin(LAB_MARKETS)].pivot(index="year", columns="region", values="ev_sales_share")
    out = pd.DataFrame({"year": range(2010, LAB_LAST_YEAR + 1)})
    for market in LAB_MARKETS:
        out[f"obs_{market}"] = out["year"].map(rows[market].astype(float))
    return out


P_EV, P_IMPORT = N_("EV share of new car sales (%)"), N_("Import's share of contested sales (%)")
P_COST, P_PRICE = N_("Battery pack cost (US$ per kWh)"), N_("EV price to the buyer (thousand US$)")
PANELS = [P_EV, P_IMPORT, P_COST, P_PRICE]
SERIES = {  # model field -> (panel, series)
    "observed": (P_EV, N_("IEA data 2010–2023")),
    "fit_share": (P_EV, N_("Fitted S-curve")),
    "ev_share": (P_EV, N_("Scenario")),
    "import_pct": (P_IMPORT, N_("Scenario")),
    "pack_cost": (P_COST, N_("Scenario")),
    "ref_cost": (P_COST, N_("Reference (20 % learning rate)")),
    "p_import_k": (P_PRICE, N_("Imported EV (landed)")),
    "p_domestic_k": (P_PRICE, N_("Domestic EV (after subsidy)")),
}
_SERIES_STYLE = {  # series -> (colour, dash)
    "IEA data 2010–2023": ("#000000", [1, 0]),
    "Fitted S-curve": ("#999999", [5, 3]),
    "Scenario": ("#0072B2", [1, 0]),
    "Reference (20 % learning rate)": ("#999999", [2, 2]),
    "Imported EV (landed)": ("#D55E00", [6, 2]),
    "Domestic EV (after subsidy)": ("#009E73", [1, 0]),
}
_KEEP = (f"isValid(datum.value) && (datum.year >= {LAB_FIRST_YEAR} "
         "|| datum.key == 'fit_share' || datum.key == 'observed')")


def competition_long(scenario: pd.DataFrame, observed: pd.Series | None = None) -> pd.DataFrame:
    """Long table (year, key, value, panel, series) that the lab's four panels draw.

    ``scenario`` comes from :func:`competition_scenario`; ``observed`` (indexed by year) adds the
    market's IEA shares. The static chart builds the same table with a ``fold`` transform.
    """
    wide = scenario.assign(import_pct=100 * scenario["import_share"], p_import_k=scenario["p_import"] / 1000,
                           p_domestic_k=scenario["p_domestic"] / 1000,
                           observed=scenario["year"].map(observed) if observed is not None else np.nan)
    long = wide.melt(id_vars="year", value_vars=list(SERIES), var_name="key").dropna()
    keep = (long["year"] >= LAB_FIRST_YEAR) | long["key"].isin(["fit_share", "observed"])
    long = long[keep].reset_index(drop=True)
    long["panel"] = long["key"].map(lambda k: _(SERIES[k][0]))
    long["series"] = long["key"].map(lambda k: _(SERIES[k][1]))
    return long.astype({"year": int}).round({"value": 3})


def _competition_facets(data, model=None) -> alt.FacetChart:
    """Four small panels (EV share, import share, pack cost, prices) from a long (year, key, value) table.

    ``model``, if given, adds the transforms that turn ``data`` into that table; they run on the
    facet chart itself, before the data are split into panels.
    """
    # The legend names the lines, each in its colour and dash; the IEA's observed dots are named above them.
    observed, (dot_colour, _solid) = SERIES["observed"][1], _SERIES_STYLE[SERIES["observed"][1]]
    drawn = [s for s in _SERIES_STYLE if s != observed]
    legend = alt.Legend(orient="bottom", columns=2, symbolStrokeWidth=2.5, labelLimit=260, symbolType="stroke")
    shown = [_(s) for s in drawn]
    colour = alt.Color("series:N", title=None, legend=legend,
                       scale=alt.Scale(domain=shown, range=[_SERIES_STYLE[s][0] for s in drawn]))
    dash = alt.StrokeDash("series:N", title=None, legend=legend,
                          scale=alt.Scale(domain=shown, range=[_SERIES_STYLE[s][1] for s in drawn]))
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickCount=5), scale=alt.Scale(nice=False, zero=False))
    y = alt.Y("value:Q", title=None)
    tooltip = [alt.Tooltip("series:N", title=_("Series")), alt.Tooltip("year:Q", format="d", title=_("Year")),
               alt.Tooltip("value:Q", format=",.1f", title=_("Value"))]
    lines = alt.Chart().mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, strokeDash=dash, detail="key:N",
                                                        tooltip=tooltip).transform_filter("datum.key != 'observed'")
    dots = alt.Chart().mark_circle(size=24, opacity=1, color=dot_colour, aria=False).encode(
        x=x, y=y, tooltip=tooltip).transform_filter(
        "datum.key == 'observed'")
    header = alt.Header(labelFontSize=12, labelFontWeight="bold")
    dots_name = alt.Chart().transform_filter("datum.key == 'observed'").transform_joinaggregate(
        first="min(year)", groupby=["key"]).transform_filter("datum.year == datum.first").mark_text(
        align="left", dx=6, dy=-26, fontSize=11, color=dot_colour).encode(x=x, y=y, text=alt.value(_(observed)))
    chart = alt.layer(lines, dots, dots_name).properties(width=200, height=140).facet(
        facet=alt.Facet("panel:N", title=None, sort=[_(p) for p in PANELS], header=header), columns=2, data=data)
    if model is not None:
        chart = model(chart)
    panel = json.dumps({k: _(p) for k, (p, _s) in SERIES.items()}, ensure_ascii=False)  # JSON quoting is valid Vega
    series = json.dumps({k: _(s) for k, (_p, s) in SERIES.items()}, ensure_ascii=False)
    chart = chart.transform_calculate(panel=f"{panel}[datum.key]", series=f"{series}[datum.key]")
    return chart.resolve_scale(x="independent", y="independent")


_COMPETITION_DESCRIPTION = N_(
    "Four small line charts of the EV competition model for one market. Top left: the electric share of new car "
    "sales, with the IEA's observed shares 2010-2023 as black dots, the fitted logistic S-curve 2010-2035 as a grey "
    "dashed line and the scenario 2024-2035 as a solid blue line. Top right: the share of contested sales won by the "
    "imported electric car, 2024-2035. Bottom left: battery pack cost in US dollars per kWh under the chosen learning "
    "rate (solid blue) and at the 20 % reference (grey dotted). Bottom right: the imported car's landed price "
    "(orange dashed) against the domestic car's price after subsidy (green solid), in thousand US dollars. Controls "
    "choose the market, tariff, learning rate, subsidy and price sensitivity."
)
_COMPETITION_SOURCE = N_("Model calibrated to IEA Global EV Outlook 2024 sales shares (CC BY 4.0); 2023 pack price: "
                       "BloombergNEF; learning rate: Ziegler & Trancik (2021)")


def competition_chart(table: pd.DataFrame) -> alt.FacetChart:
    """Static-mode EV competition lab: sliders and a market menu, the model as Vega expressions.

    The same formulas as :func:`competition_scenario` run in the browser on a small table of
    years (:func:`lab_years`): ``calculate`` transforms (logistic, Wright's law, landed price,
    logit), a running ``window`` sum for cumulative production and a ``fold`` into the panels.
    Parameters and their ranges come from :data:`LAB_PARAMS`.
    """
    fits, world = fit_markets(table), world_market(table)
    params = [param.param("lab_") for param in LAB_PARAMS.values()]
    formulas = competition_formulas(fits, world)

    def model(chart):
        for name, formula in formulas.items():
            if name == "cumulative":
                chart = chart.transform_window(new_total="sum(new_ev)", sort=[{"field": "year"}], frame=[None, 0])
            chart = chart.transform_calculate(**{name: formula})
        return (chart.transform_calculate(import_pct="100 * datum.import_share", p_import_k="datum.p_import / 1000",
                                          p_domestic_k="datum.p_domestic / 1000",
                                          observed="datum['obs_' + lab_market]")
                .transform_fold(list(SERIES), as_=["key", "value"])
                .transform_filter(_KEEP))

    years = lab_years(table).round(3)
    rows = [{k: v for k, v in row.items() if pd.notna(v)} for row in years.to_dict("records")]  # no NaN in JSON
    chart = _competition_facets(alt.Data(values=rows), model).add_params(*params)
    title = alt.Title(alt.expr(vega_text("EV competition lab: {market}, tariff {tariff} %",
                                         market=Expr(vega_name("lab_market", LAB_MARKETS)), tariff=Expr("lab_tariff"))),
                      subtitle=source_lines(_(_COMPETITION_SOURCE)))
    return chart.properties(title=title, description=_(_COMPETITION_DESCRIPTION))


def competition_formulas(fits: dict[str, SCurve], world: WorldMarket) -> dict[str, str]:
    """The lab's model as Vega expressions, in evaluation order ({field: expression}).

    ``cumulative`` follows a running window sum of ``new_ev`` into ``new_total``. Parameters are
    the ``lab_``-prefixed Altair params; ``exp``, ``log`` and ``LN2`` are Vega built-ins.
    """
    mids = "{" + ", ".join(f"'{m}': {f.midpoint}" for m, f in fits.items()) + "}"
    steeps = "{" + ", ".join(f"'{m}': {f.steepness}" for m, f in fits.items()) + "}"
    w = fits["World"]
    wright = "{c0} * pow(datum.cumulative / {q0}, log(1 - {lr} / 100) / LN2)"
    return {
        "new_ev": (f"if(datum.year > {LAB_BASE_YEAR}, {world.car_sales} / (1 + exp(-{w.steepness} * "
                   f"(datum.year - {w.midpoint}))), 0)"),
        "cumulative": f"{world.cumulative_2023} + datum.new_total",
        "pack_cost": wright.format(c0=PACK_COST_2023, q0=world.cumulative_2023, lr="lab_learning_rate"),
        "ref_cost": wright.format(c0=PACK_COST_2023, q0=world.cumulative_2023, lr=REFERENCE_LEARNING_RATE),
        "p_import": (f"({IMPORT_PRICE_2023} - {PACK_KWH} * ({PACK_COST_2023} - datum.pack_cost) + {LAB_SHIPPING})"
                     " * (1 + lab_tariff / 100)"),
        "p_domestic": f"{DOMESTIC_PRICE_2023} - {PACK_KWH} * ({PACK_COST_2023} - datum.pack_cost) - lab_subsidy",
        "import_share": ("1 / (1 + exp(lab_price_sensitivity * (datum.p_import - datum.p_domestic)"
                         " / datum.p_domestic))"),
        "p_average": "datum.import_share * datum.p_import + (1 - datum.import_share) * datum.p_domestic",
        "p_reference": f"{DOMESTIC_PRICE_2023} - {PACK_KWH} * ({PACK_COST_2023} - datum.ref_cost)",
        "fit_share": f"{S_CURVE_CEILING} / (1 + exp(-{steeps}[lab_market] * (datum.year - {mids}[lab_market])))",
        "ev_share": (f"{S_CURVE_CEILING} / (1 + exp(-({steeps}[lab_market] * (datum.year - {mids}[lab_market])"
                     f" + {ADOPTION_SENSITIVITY} * (datum.p_reference - datum.p_average) / datum.p_reference)))"),
    }




@functools.lru_cache(maxsize=1)
def _live_template(_language: str) -> alt.FacetChart:
    """The live chart without its numbers (named dataset ``lab``), built once (per language)."""
    chart = _competition_facets(alt.NamedData("lab"))
    return chart.properties(description=_(_COMPETITION_DESCRIPTION))


def competition_live_chart(fits: dict[str, SCurve], world: WorldMarket, observed: pd.DataFrame,
                           **scenario) -> alt.FacetChart:
    """Live-mode chart: the Python model's numbers (:func:`competition_long`) in the same four panels."""
    market = LAB_PARAMS["market"].check(scenario.get("market", LAB_PARAMS["market"].default))
    long = competition_long(competition_scenario(fits, world, **scenario), observed.set_index("year")[f"obs_{market}"])
    chart = _live_template(language()).copy(deep=False)
    chart.title = alt.Title(_("EV competition lab: {market}, tariff {tariff} %", market=translate_name(market),
                              tariff=f"{scenario.get('tariff', 27.5):g}"),
                            subtitle=source_lines(_(_COMPETITION_SOURCE)))
    chart.datasets = {"lab": long[["year", "key", "value"]].to_dict("records")}
    return chart


def competition_widget(table: pd.DataFrame | None = None):
    """Live (Jupyter) EV competition lab: the same controls as :func:`competition_chart`."""
    from .data import load_table
    from .labs import controls
    from .widgets import LiveChart

    table = load_table("ev_sales") if table is None else table
    fits, world, observed = fit_markets(table), world_market(table), lab_years(table)

    def build(**values):
        return competition_live_chart(fits, world, observed, **values)

    return LiveChart(controls(LAB_PARAMS), build)

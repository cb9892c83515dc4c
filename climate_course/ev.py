"""Electric cars: sales, shares and stock by market, and a simple tariff price model.

Used by chapter 7 (Competition in transport: electric vehicles). Data come from the
``ev_sales`` table (IEA Global EV Outlook 2024). The tariff model is deliberately
simple: it adds shipping and an ad valorem tariff to an imported car's factory price
and compares the result with a domestic car's price.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from .charts import _country_lines, finish, source_lines

EV_METRICS: dict[str, tuple[str, str]] = {
    "ev_sales": ("Electric cars sold", "million"),
    "ev_sales_share": ("Electric share of new car sales", "%"),
    "ev_stock": ("Electric cars on the road", "million"),
}
EV_REGIONS = ["China", "United States", "EU-27", "Japan", "India", "World"]


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
    for column, (_, unit) in EV_METRICS.items():
        wide[column] = wide[column].astype(float) / (1e6 if unit == "million" else 1)
    wide = wide.rename(columns={"region": "country"}).round(4)
    wide["year"] = wide["year"].astype(int)
    metric = alt.param(
        name="ev_metric", value="ev_sales",
        bind=alt.binding_select(options=list(EV_METRICS), labels=[f"{l} ({u})" for l, u in EV_METRICS.values()],
                                name="Measure: "),
    )
    show_world = alt.param(name="ev_show_world", value=True, bind=alt.binding_checkbox(name="Show World "))
    base = (
        alt.Chart(wide)
        .transform_calculate(value="datum[ev_metric]")
        .transform_filter("isValid(datum.value) && (ev_show_world || datum.country != 'World')")
    )
    chart = _country_lines(base, regions, None).add_params(metric, show_world).properties(width=400, height=300)
    titles = "{" + ", ".join(f"'{k}': '{l} ({u})'" for k, (l, u) in EV_METRICS.items()) + "}"
    first, last = int(wide["year"].min()), int(wide["year"].max())
    description = (
        f"Interactive line chart of electric-car markets ({', '.join(regions)}), {first} to {last}. "
        "A menu below the chart switches the measure: cars sold per year (millions), electric share of "
        "new car sales (%), or electric cars on the road (millions); a checkbox hides the World line. "
        "Each market has its own colour, dash pattern and end label."
    )
    return chart.properties(
        title=alt.Title(alt.expr(f"{titles}[ev_metric] + ', {first}–{last}'"), subtitle=source_lines(source)),
        description=description,
    )


def ev_line_chart(data: pd.DataFrame, metric: str, source: str) -> alt.LayerChart:
    """Live-mode chart: one line per region for data from :func:`ev_long`."""
    label, unit = EV_METRICS[metric]
    regions = list(dict.fromkeys(data["country"]))
    chart = _country_lines(alt.Chart(data), regions, f"{label} ({unit})").properties(width=400, height=300)
    description = (
        f"Line chart of {label.lower()} ({unit}) for {', '.join(regions)}. "
        "Each region has its own colour, dash pattern and end label."
    )
    return finish(chart, label, description, source)


def ev_market_widget(regions: list[str] | None = None):
    """Live (Jupyter) EV explorer: pick any regions in the table and a measure."""
    import ipywidgets as widgets

    from .data import load_table, table_meta
    from .widgets import LiveChart

    table = load_table("ev_sales")
    source = table_meta("ev_sales").citation
    controls = {
        "regions": widgets.SelectMultiple(
            options=sorted(table["region"].unique()), value=tuple(regions or EV_REGIONS[:-1]),
            rows=8, description="Regions",
        ),
        "metric": widgets.Dropdown(
            options=[(f"{l} ({u})", key) for key, (l, u) in EV_METRICS.items()], value="ev_sales", description="Measure",
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
    chart = _country_lines(alt.Chart(shares), regions, "Share of world EV sales (%)").properties(width=400, height=280)
    first, last = int(shares["year"].min()), int(shares["year"].max())
    description = (
        f"Line chart of the share of world electric-car sales made in {', '.join(regions)}, {first} to {last}, "
        "in percent. Each market has its own colour, dash pattern and end label."
    )
    return finish(chart, f"Share of world electric-car sales, {first}–{last}", description, source)


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
        f"Year {h.year}",
        f"World EV sales:  {h.world_sales / 1e6:.1f} million ({h.world_share:.0f} % of new cars)",
        f"China EV sales:  {h.china_sales / 1e6:.1f} million ({h.china_share:.0f} % of new cars)",
        f"US EV sales:     {h.us_sales / 1e6:.1f} million ({h.us_share:.1f} % of new cars)",
        f"China's part of world EV sales: {h.china_part_of_world:.0f} %",
    ])


# --- tariff model -----------------------------------------------------------------


def landed_price(base_price: float, shipping: float, tariff_pct: float, tariff_on_shipping: bool = True) -> float:
    """Price of an imported car at the buyer's border: factory price + shipping + tariff.

    The ad valorem tariff is charged on the customs value: factory price plus shipping
    (as in the EU and China) or, with ``tariff_on_shipping=False``, the factory price only
    (as in the United States).
    """
    if base_price < 0 or shipping < 0 or tariff_pct < 0:
        raise ValueError("price, shipping and tariff must not be negative")
    customs_value = base_price + shipping if tariff_on_shipping else base_price
    return base_price + shipping + customs_value * tariff_pct / 100


def break_even_tariff(base_price: float, shipping: float, domestic_price: float) -> float:
    """The tariff (%) at which the import's landed price equals the domestic price (duty on price + shipping).

    Zero if the import already costs more than the domestic car at the border.
    """
    customs_value = base_price + shipping
    if customs_value <= 0:
        raise ValueError("price plus shipping must be positive")
    return max(0.0, 100 * (domestic_price - customs_value) / customs_value)


def tariff_chart(base_price: float = 25_000, shipping: float = 1_500, tariff_pct: float = 25,
                 domestic_price: float = 35_000) -> alt.LayerChart:
    """Static-mode stacked bars: an imported car's factory price, shipping and tariff vs a domestic car.

    Four sliders (import factory price, shipping, tariff %, domestic price) redraw the
    bars in the browser, with the same arithmetic as :func:`landed_price`.
    """
    params = {
        "imp_price": alt.param(name="imp_price", value=base_price,
                               bind=alt.binding_range(min=10_000, max=60_000, step=500, name="Import factory price ($): ")),
        "ship": alt.param(name="ship", value=shipping,
                          bind=alt.binding_range(min=0, max=5_000, step=100, name="Shipping per car ($): ")),
        "tariff": alt.param(name="tariff", value=tariff_pct,
                            bind=alt.binding_range(min=0, max=150, step=2.5, name="Tariff (%): ")),
        "dom_price": alt.param(name="dom_price", value=domestic_price,
                               bind=alt.binding_range(min=10_000, max=60_000, step=500, name="Domestic car price ($): ")),
    }
    parts = pd.DataFrame({
        "car": ["Imported EV", "Imported EV", "Imported EV", "Domestic EV"],
        "part": ["Factory price", "Shipping", "Tariff", "Factory price"],
        "order": [1, 2, 3, 1],
    })
    amount = (
        "datum.part == 'Shipping' ? ship : datum.part == 'Tariff' ? (imp_price + ship) * tariff / 100 "
        ": (datum.car == 'Imported EV' ? imp_price : dom_price)"
    )
    base = alt.Chart(parts).transform_calculate(amount=amount)
    y = alt.Y("car:N", title=None, sort=["Imported EV", "Domestic EV"])
    palette = alt.Scale(domain=["Factory price", "Shipping", "Tariff"], range=["#C8C8C8", "#8C8C8C", "#333333"])
    bars = base.mark_bar(stroke="white").encode(
        y=y,
        x=alt.X("sum(amount):Q", title="Price at the border (US$)", axis=alt.Axis(format="$,.0f"),
                scale=alt.Scale(domain=[0, 100_000])),
        color=alt.Color("part:N", scale=palette, title="Part of the price", sort=["Factory price", "Shipping", "Tariff"]),
        order="order:Q",
        tooltip=[alt.Tooltip("car:N", title="Car"), alt.Tooltip("part:N", title="Part"),
                 alt.Tooltip("amount:Q", title="US$", format="$,.0f")],
    )
    totals = (
        base.transform_aggregate(total="sum(amount)", groupby=["car"])
        .transform_calculate(label="format(datum.total, '$,.0f')")
        .mark_text(align="left", dx=4, fontSize=12, fontWeight="bold")
        .encode(y=y, x="total:Q", text="label:N")
    )
    chart = alt.layer(bars, totals).add_params(*params.values()).properties(width=400, height=120)
    description = (
        "Stacked horizontal bars comparing the price of an imported electric car at the border (factory price, "
        "shipping and tariff, each a separately labelled segment) with the price of a domestic electric car, "
        "with each bar's total printed at its end. Sliders below set the import's factory price, the shipping "
        "cost, the tariff rate and the domestic price. The numbers are illustrative, not market data."
    )
    return finish(chart, "How a tariff changes an imported car's price",
                  description, "Illustrative model; tariff charged on factory price plus shipping")

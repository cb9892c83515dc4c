"""China vs the United States side by side: the indicators the course's synthesis and
epilogue chapters compare, and their charts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import validate
from .charts import country_lines, explorer_data, finish
from .i18n import (
    DEFAULT_LANGUAGE,
    N_,
    _,
    joined,
    language,
    listing,
    translate_name,
    translated,
)
from .pathways import average_annual_rate
from .theme import country_scales
from .tables import Table

PAIR = ["China", "United States"]

#: indicator key -> (label, unit, table, column)
INDICATORS = {
    "co2": (N_("Annual fossil CO₂"), N_("Gt CO₂"), "co2_annual", "co2"),
    "co2_per_capita": (N_("CO₂ per person"), N_("t CO₂"), "co2_annual", "co2_per_capita"),
    "share_global_cumulative_co2": (N_("Share of world CO₂ since 1750"), "%", "co2_annual", "share_global_cumulative_co2"),
    "coal": (N_("Coal share of electricity"), "%", "electricity_share", "coal"),
}


def indicator_label(key: str) -> str:
    """An indicator's label with its unit, in the current language: ``"CO₂ per person (t CO₂)"``."""
    label, unit, _table, _column = INDICATORS[key]
    return _("{label} ({unit})", label=_(label), unit=_(unit))


def indicators(co2: pd.DataFrame, electricity: pd.DataFrame, year: int,
               countries: list[str] | None = None) -> pd.DataFrame:
    """Long table (indicator, label, unit, country, value) of :data:`INDICATORS` in ``year``.

    Annual CO₂ is converted from Mt to Gt. ``ValueError`` if a country lacks data that year.
    """
    countries = countries or PAIR
    tables = {"co2_annual": co2, "electricity_share": electricity}
    rows = []
    for key, (label, unit, table, column) in INDICATORS.items():
        frame = tables[table]
        for country in countries:
            value = frame.loc[(frame["country"] == country) & (frame["year"] == year), column]
            if value.empty or pd.isna(value.iloc[0]):
                raise ValueError(f"no {column} for {country} in {year} in {table}")
            scale = 1000 if key == "co2" else 1
            rows.append({"indicator": key, "label": indicator_label(key), "unit": unit, "country": country,
                         "value": float(value.iloc[0]) / scale})
    return pd.DataFrame(rows)


def indicators_table(frame: pd.DataFrame, year: int) -> Table:
    """:func:`indicators` as a table: one row per indicator (its unit in the label), one column per country."""
    wide = frame.pivot(index="label", columns="country", values="value")
    wide = wide.loc[list(dict.fromkeys(frame["label"])), list(dict.fromkeys(frame["country"]))]
    shown = wide.rename_axis(index=N_("Indicator"), columns=None).reset_index()
    return Table(shown, _("China and the United States in {year}: four indicators", year=year), decimals=1,
                 headers={c: translate_name(c) for c in wide.columns})


def indicator_chart(frame: pd.DataFrame, year: int, source: str) -> alt.FacetChart:
    """Four small bar panels (one per indicator), one labelled bar per country, own x scale each."""
    countries = list(dict.fromkeys(frame["country"]))
    scales = country_scales(countries)
    data = translated(frame.assign(text=frame["value"].map(lambda v: f"{v:,.1f}")), "country")
    base = alt.Chart().encode(y=alt.Y("country:N", title=None, sort=[translate_name(c) for c in countries]))
    tooltip = ["country:N", "label:N", alt.Tooltip("value:Q", format=",.2f")]
    if language() != DEFAULT_LANGUAGE:
        tooltip = [alt.Tooltip("country:N", title=_("Country")), alt.Tooltip("label:N", title=_("Measure")),
                   alt.Tooltip("value:Q", format=",.2f", title=_("Value"))]
    bars = base.mark_bar(height=18).encode(
        x=alt.X("value:Q", title=None, axis=alt.Axis(labels=False, ticks=False, grid=False)),
        color=alt.Color("country:N", scale=scales["color"], legend=None),
        tooltip=tooltip)
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(x="value:Q", text="text:N")
    chart = alt.layer(bars, text, data=data).properties(width=340, height=60).facet(
        row=alt.Row("label:N", title=None, sort=[indicator_label(k) for k in INDICATORS],
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=13, labelFontWeight="bold"))
    ).resolve_scale(x="independent")
    values = "; ".join(f"{r.label}: " + joined(
        f"{translate_name(c)} {frame[(frame['label'] == r.label) & (frame['country'] == c)]['value'].iloc[0]:,.1f}"
        for c in countries) for r in frame.drop_duplicates("label").itertuples())
    description = _("Four small bar charts comparing {countries} in {year}, each bar labelled with its value. {values}.",
                    countries=" and ".join(countries) if language() == DEFAULT_LANGUAGE else listing(countries),
                    year=year, values=values)
    return finish(chart, _("China and the United States on four measures, {year}", year=year), description, source)


def co2_path(co2: pd.DataFrame, first: int, last: int, countries: list[str] | None = None) -> pd.DataFrame:
    """Annual CO₂ (Mt) of ``countries`` from ``first`` to ``last`` (long: country, year, value)."""
    return explorer_data(co2, countries or PAIR, "co2", (first, last))


def percent_changes(path: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Per country: CO₂ in ``start`` and ``end`` (Mt) and the change in percent."""
    wide = path.pivot(index="country", columns="year", values="value")
    for year in (start, end):
        if year not in wide.columns:
            raise ValueError(f"year {year} is not in the path ({int(wide.columns.min())}–{int(wide.columns.max())})")
    out = pd.DataFrame({"start": wide[start], "end": wide[end]})
    out["change_pct"] = 100 * (out["end"] / out["start"] - 1)
    return out


def co2_path_chart(path: pd.DataFrame, mark_year: int, mark_label: str, source: str) -> alt.LayerChart:
    """Lines of annual CO₂ per country with a dashed vertical rule and label at ``mark_year``."""
    countries = list(dict.fromkeys(path["country"]))
    lines = country_lines(alt.Chart(translated(path, "country")), countries, _("Annual fossil CO₂ (Mt CO₂)"))
    marker = pd.DataFrame({"year": [mark_year], "text": [translate_name(mark_label)]})
    rule = alt.Chart(marker).mark_rule(strokeDash=[4, 4], color="#444").encode(x="year:Q")
    label = alt.Chart(marker).mark_text(align="left", dx=4, dy=-4, baseline="bottom", fontSize=12).encode(
        x="year:Q", y=alt.value(0), text="text:N")
    first, last = int(path["year"].min()), int(path["year"].max())
    changes = percent_changes(path, mark_year, last) if mark_year >= first else None
    detail = "" if changes is None else _(" Change from {first} to {last}: {changes}.", first=mark_year, last=last,
                                          changes=joined(f"{translate_name(c)} {v:+.1f} %"
                                                         for c, v in changes["change_pct"].items()))
    description = _("Line chart of annual fossil CO2 emissions of {countries} from {first} to {last}, "
                    "with a dashed vertical line at {mark_year} ({mark_label}). Each line has its own colour, "
                    "dash pattern and end label; the data stop in {last}.{detail}",
                    countries=listing(countries), first=first, last=last, mark_year=mark_year,
                    mark_label=translate_name(mark_label), detail=detail)
    chart = alt.layer(lines, rule, label).properties(width=420)
    # Keep year labels centred on their ticks, so the first and last do not collide with their neighbours.
    return finish(chart, _("Fossil CO₂ emissions, {first}–{last}", first=first, last=last), description,
                  source).configure_axisX(labelFlush=False)


def _value(table: pd.DataFrame, key: str, country: str, year: int, column: str) -> float:
    rows = table[(table[key] == country) & (table["year"] == year)]
    if rows.empty or pd.isna(rows[column].iloc[0]):
        raise ValueError(f"no {column} for {country} in {year}")
    return float(rows[column].iloc[0])


def average_growth(co2: pd.DataFrame, country: str, start: int, end: int) -> float:
    """Average annual growth of ``country``'s fossil CO₂ from ``start`` to ``end`` (% per year, compound)."""
    start = validate.whole("start", start, 1000, 3000)
    end = validate.whole("end", end, 1000, 3000)
    if end <= start:
        raise validate.InputError(f"end must be after start, got {start} and {end}")
    first, last = (_value(co2, "country", country, y, "co2") for y in (start, end))
    return average_annual_rate(first, last, end - start)


def claims_table(co2: pd.DataFrame, electricity: pd.DataFrame, ev: pd.DataFrame) -> pd.DataFrame:
    """One row per course topic: a claim of the paper (paraphrased) and what the course's data say.

    Every number in the ``data`` column is recomputed here from the tables passed in.
    """
    latest = int(co2.loc[co2["country"] == "World", "year"].max())
    share = {c: _value(co2, "country", c, latest, "share_global_co2") for c in PAIR}
    cum = {c: _value(co2, "country", c, latest, "share_global_cumulative_co2") for c in PAIR}
    growth = average_growth(co2, "World", 2015, latest)
    china_change = 100 * (_value(co2, "country", "China", latest, "co2") / _value(co2, "country", "China", 2021, "co2") - 1)
    fossil = {c: _value(electricity, "country", c, 2019, "fossil") for c in ("China", "United States", "World")}
    coal_cn = _value(electricity, "country", "China", 2019, "coal")
    ev_year = int(ev.loc[ev["region"] == "World", "year"].max())
    ev_cn, ev_world = (_value(ev, "region", r, ev_year, "ev_sales") for r in ("China", "World"))
    ets = 0.4 * _value(co2, "country", "China", 2021, "share_global_co2"), 0.5 * _value(co2, "country", "China", 2021, "share_global_co2")
    rows = [
        (_("The two largest emitters"), _("China emits the most greenhouse gases, the United States the second most."),
         _("Holds: in {year} China emitted {china:.1f} % and the US {us:.1f} % of world fossil CO₂.",
           year=latest, china=share["China"], us=share["United States"])),
        (_("Deep decarbonisation"), _("World emissions keep rising by roughly 1–2 % a year."),
         _("At the low end: world fossil CO₂ grew {growth:.1f} % a year on average from 2015 to {year}, but still grew.",
           growth=growth, year=latest)),
        (_("China's pledges"), _("China's CO₂ will peak before 2030."),
         _("Not yet visible: China's fossil CO₂ rose {change:.1f} % from 2021 to {year} (data end in {year}).",
           change=china_change, year=latest)),
        (_("Power generation"), _("In 2019 fossil fuels made 66.9 % of China's power (coal 62.2 %) and about 62 % of US power."),
         _("Close: {china:.1f} % (coal {coal:.1f} %) and {us:.1f} % in today's data release.",
           china=fossil["China"], coal=coal_cn, us=fossil["United States"])),
        (_("Transport"), _("China leads the world in electric cars."),
         _("Holds: China bought {china:.1f} million of {world:.1f} million electric cars sold in {year} ({share:.0f} %).",
           china=ev_cn / 1e6, world=ev_world / 1e6, year=ev_year, share=100 * ev_cn / ev_world)),
        (_("Responsibility"), _("Industrialised countries bear a historical responsibility."),
         _("Holds for the US: {us:.1f} % of all fossil CO₂ since 1750, China {china:.1f} % ({year}).",
           us=cum["United States"], china=cum["China"], year=latest)),
        (_("Carbon trading"), _("China's ETS covers about 14 % of world emissions."),
         _("Consistent: 40–50 % of China's 2021 share is {low:.1f}–{high:.1f} % of world fossil CO₂.",
           low=ets[0], high=ets[1])),
    ]
    return pd.DataFrame(rows, columns=["topic", "paper", "data"])


def checked_claims_table(co2: pd.DataFrame, electricity: pd.DataFrame, ev: pd.DataFrame) -> Table:
    """:func:`claims_table` shown as a table."""
    return Table(claims_table(co2, electricity, ev), N_("The paper's claims and what our data say"),
                 headers={"topic": N_("Topic"), "paper": N_("The paper (2021)"), "data": N_("Our data")})


def required_annual_change(current: float, target: float, years: int) -> float:
    """Constant yearly change (%) that takes ``current`` to ``target`` in ``years`` years."""
    current = validate.number("current", current, 0, 1e12, above=True)
    target = validate.number("target", target, 0, 1e12, above=True)
    years = validate.number("years", years, 1, 10_000)
    return 100 * ((target / current) ** (1 / years) - 1)

"""Global temperature and CO2 concentration: the numbers and charts of chapter 1.

Reads the ``temperature_anomaly`` table (NASA GISTEMP and NOAA GCAG, each on its
own baseline) and the ``co2_concentration`` table (Mauna Loa and the NOAA global
marine-surface average). Anomalies are re-expressed against one common baseline
before the two temperature records are compared.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from . import validate
from .charts import finish, haloed, source_lines
from .i18n import N_, Expr, _, translate_name, translated, vega_name, vega_text
from .tables import Table
from .theme import OTHER_COLOR, country_color

COMMON_BASELINE = (1951, 1980)
TEMPERATURE_SOURCES = ["NOAA GCAG", "NASA GISTEMP"]
SMOOTHING_WINDOWS = list(range(1, 22, 2))  # centred moving averages of 1, 3, ..., 21 years
SITE_STYLE = {
    "Mauna Loa": {"color": "#0072B2", "dash": [1, 0]},  # blue beside Global's black (white in dark mode)
    "Global": {"color": country_color("World"), "dash": [2, 2]},
}


def rebase(temp: pd.DataFrame, baseline: tuple[int, int] = COMMON_BASELINE) -> pd.DataFrame:
    """Copy of ``temp`` with ``anomaly_c`` re-expressed against the mean of ``baseline`` years, per source."""
    if not isinstance(baseline, (tuple, list)) or len(baseline) != 2:
        raise validate.InputError(f"baseline must be a pair of years (first, last), got {baseline!r}")
    first, last = (validate.whole(f"baseline {which} year", y, 1000, 3000) for which, y in zip(("first", "last"), baseline))
    if first > last:
        raise ValueError(f"baseline must run forwards, got {first} to {last}")
    out = temp.copy()
    window = out["year"].between(first, last)
    means = out[window].groupby("source")["anomaly_c"].mean()
    missing = sorted(set(out["source"]) - set(means.index))
    if missing:
        raise ValueError(f"no data in {first}-{last} for {missing}")
    out["anomaly_c"] = out["anomaly_c"] - out["source"].map(means)
    out["baseline"] = f"{first}-{last}"
    return out


def one_source(temp: pd.DataFrame, source: str) -> pd.DataFrame:
    """Rows of one temperature record, sorted by year; ``ValueError`` if it is unknown."""
    rows = temp[temp["source"] == source]
    if rows.empty:
        raise ValueError(f"source must be one of {sorted(temp['source'].unique())}, not {source!r}")
    return rows.sort_values("year").reset_index(drop=True)


def records_table(temp: pd.DataFrame) -> Table:
    """First and last year of each temperature record in ``temp``."""
    years = temp.groupby("source")["year"].agg(["min", "max"]).rename_axis(N_("Record")).reset_index()
    years = years.rename(columns={"min": N_("First year"), "max": N_("Last year")}).astype({N_("First year"): str, N_("Last year"): str})
    return Table(years, N_("The temperature records and the years they cover"))


def warmest_years(temp: pd.DataFrame, source: str, n: int = 10, through: int | None = None) -> pd.DataFrame:
    """The ``n`` warmest years of one record (up to year ``through`` if given), warmest first, with rank."""
    n = validate.whole("n", n, 1, 10_000)
    rows = one_source(temp, source)
    if through is not None:
        rows = rows[rows["year"] <= validate.whole("through", through, 1000, 3000)]
    rows = rows.nlargest(n, "anomaly_c")[["year", "anomaly_c"]]
    rows.insert(0, "rank", range(1, len(rows) + 1))
    return rows.reset_index(drop=True)


def share_of_recent_years(temp: pd.DataFrame, source: str, n: int = 10, since: int = 2010,
                          through: int | None = None) -> int:
    """How many of the ``n`` warmest years of a record (up to ``through``) fall in ``since`` or later."""
    since = validate.whole("since", since, 1000, 3000)
    return int((warmest_years(temp, source, n, through)["year"] >= since).sum())


def smoothed(temp: pd.DataFrame, windows: list[int] | None = None) -> pd.DataFrame:
    """Long table (source, year, window, value): centred moving averages of each record.

    A window of 1 is the raw annual value; ends of the record use the years available.
    """
    windows = [validate.whole("window", w, 1, 1001) for w in (windows or SMOOTHING_WINDOWS)]
    if any(w % 2 == 0 for w in windows):
        raise ValueError(f"windows must be odd positive numbers of years, got {windows}")
    parts = []
    for source, rows in temp.sort_values("year").groupby("source"):
        for w in windows:
            values = rows["anomaly_c"].rolling(w, center=True, min_periods=(w + 1) // 2).mean()
            parts.append(pd.DataFrame({"source": source, "year": rows["year"].to_numpy(),
                                       "window": w, "value": values.round(3).to_numpy()}))
    return pd.concat(parts, ignore_index=True)


def co2_rise(conc: pd.DataFrame, site: str = "Mauna Loa", first: int | None = None,
             last: int | None = None) -> dict:
    """CO2 at ``site`` in the first and last year (default: whole record), the rise in ppm and in %."""
    rows = conc[conc["site"] == site].set_index("year")["co2_ppm"]
    if rows.empty:
        raise ValueError(f"site must be one of {sorted(conc['site'].unique())}, not {site!r}")
    first = int(rows.index.min()) if first is None else first
    last = int(rows.index.max()) if last is None else last
    start, end = float(rows.loc[first]), float(rows.loc[last])
    return {"site": site, "first": first, "last": last, "start_ppm": start, "end_ppm": end,
            "rise_ppm": end - start, "rise_pct": 100 * (end / start - 1)}


def co2_and_anomaly(temp: pd.DataFrame, conc: pd.DataFrame, source: str = "NOAA GCAG",
                    site: str = "Mauna Loa") -> pd.DataFrame:
    """One row per year with both the CO2 concentration at ``site`` and the anomaly of ``source``
    (and the ``baseline`` period that anomaly is measured from)."""
    t = one_source(temp, source)[["year", "anomaly_c", "baseline"]]
    c = conc.loc[conc["site"] == site, ["year", "co2_ppm"]]
    return t.merge(c, on="year").sort_values("year").reset_index(drop=True)


def co2_anomaly_fit(joined: pd.DataFrame) -> dict:
    """Least-squares line of anomaly on CO2: warming per 100 ppm and the correlation r."""
    if len(joined) < 3:
        raise ValueError("need at least three years to fit a line")
    slope, intercept = np.polyfit(joined["co2_ppm"], joined["anomaly_c"], 1)
    r = float(np.corrcoef(joined["co2_ppm"], joined["anomaly_c"])[0, 1])
    return {"per_100ppm": 100 * float(slope), "intercept": float(intercept), "r": r, "years": len(joined)}


def _stripe_scale(values: pd.Series) -> alt.Scale:
    limit = float(np.ceil(values.abs().max() * 10) / 10)
    return alt.Scale(scheme="redblue", reverse=True, domain=[-limit, limit], domainMid=0)


def warming_stripes(temp: pd.DataFrame, source: str, citation: str) -> alt.Chart:
    """Warming stripes: one bar per year coloured by anomaly (blue cooler, red warmer), with a year axis."""
    rows = one_source(temp, source)
    first, last = int(rows["year"].min()), int(rows["year"].max())
    base = rows["baseline"].iloc[0]
    chart = (
        alt.Chart(rows[["year", "anomaly_c"]])
        .transform_calculate(next_year="datum.year + 1")
        .mark_rect(strokeWidth=0.5)  # (a stroke in each stripe's colour: the page showed through the seams)
        .encode(
            x=alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(domain=[first, last + 1], nice=False)),
            x2="next_year:Q",
            color=alt.Color("anomaly_c:Q", scale=_stripe_scale(rows["anomaly_c"]),
                            legend=alt.Legend(title=_("Anomaly (°C vs {baseline})", baseline=base), orient="bottom",
                                              gradientLength=300, titleLimit=400)),
            stroke=alt.Stroke("anomaly_c:Q", scale=_stripe_scale(rows["anomaly_c"]), legend=None),
            tooltip=[alt.Tooltip("year:Q", title=_("Year"), format="d"),
                     alt.Tooltip("anomaly_c:Q", title=_("Anomaly (°C)"), format="+.2f")],
        )
        .properties(width=480, height=120)
    )
    warmest = warmest_years(temp, source, 1).iloc[0]
    description = _(
        "Warming stripes for {source}, {first} to {last}: one vertical bar per year, coloured from dark blue "
        "(coolest) through white to dark red (warmest) by the temperature anomaly relative to {baseline}. "
        "The left part is mostly blue, the right part mostly red; the warmest year is {warmest} "
        "at {anomaly:+.2f} °C.",
        source=translate_name(source), first=first, last=last, baseline=base, warmest=int(warmest["year"]),
        anomaly=warmest["anomaly_c"],
    )
    return finish(chart, _("Warming stripes: global temperature, {first}–{last} ({source})", first=first, last=last,
                           source=translate_name(source)), description, citation)


def anomaly_explorer(temp: pd.DataFrame, citation: str, baseline: tuple[int, int] = COMMON_BASELINE) -> alt.LayerChart:
    """Static-mode anomaly chart: a menu picks the record, a slider the smoothing window.

    Both records are re-based to ``baseline`` so that switching changes the data,
    not the zero line. Yearly values stay as faint points behind the smoothed line.
    """
    data = smoothed(rebase(temp, baseline))
    source = alt.param(name="record", value=TEMPERATURE_SOURCES[0],
                       bind=alt.binding_select(options=TEMPERATURE_SOURCES, name=_("Temperature record: ")))
    window = alt.param(name="window", value=11,
                       bind=alt.binding_range(min=1, max=max(SMOOTHING_WINDOWS), step=2,
                                              name=_("Smoothing window (years): ")))
    base = alt.Chart(data).transform_filter("datum.source == record")
    x = alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False, zero=False))
    y_title = _("Anomaly vs {first}–{last} (°C)", first=baseline[0], last=baseline[1])
    points = base.transform_filter("datum.window == 1").mark_point(size=14, color=OTHER_COLOR, opacity=0.6).encode(
        x=x, y=alt.Y("value:Q", title=y_title),
        tooltip=[alt.Tooltip("year:Q", format="d", title=_("Year")), alt.Tooltip("value:Q", format="+.2f", title=_("Anomaly (°C)"))],
    )
    line = base.transform_filter("datum.window == window").mark_line(color="#B2182B").encode(x=x, y="value:Q")
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#888", strokeDash=[4, 3]).encode(y="y:Q")
    # What the dots and the line are, in the plot's empty top-left corner, each in its mark's colour.
    key = alt.Chart(pd.DataFrame({"text": [_("Dots: single years")]})).mark_text(
        align="left", baseline="top", fontSize=12, color="#555").encode(x=alt.value(8), y=alt.value(8), text="text:N")
    key_line = alt.Chart().mark_text(align="left", baseline="top", fontSize=12, fontWeight="bold", color="#B2182B").encode(
        x=alt.value(8), y=alt.value(24),
        text=alt.value(alt.expr(vega_text("Line: {window}-year average", window=Expr("window")))))
    first, last = int(data["year"].min()), int(data["year"].max())
    description = _(
        "Line chart of the global mean surface temperature anomaly, {first} to {last}, relative to "
        "{base_first}–{base_last}. Grey dots are single years; the red line is a centred moving average. "
        "A menu switches between the NOAA and NASA records and a slider sets the averaging window from 1 to 21 years. "
        "Both records stay near zero until about 1980 and then rise by roughly 1 °C.",
        first=first, last=last, base_first=baseline[0], base_last=baseline[1],
    )
    title = alt.Title(alt.expr(vega_text("Global temperature anomaly ({record}), {window}-year average",
                                         record=Expr(vega_name("record", TEMPERATURE_SOURCES)), window=Expr("window"))),
                      subtitle=source_lines(citation))
    return alt.layer(zero, points, line, key, key_line).add_params(source, window).properties(title=title, description=description)


def co2_concentration_chart(conc: pd.DataFrame, citation: str) -> alt.LayerChart:
    """Mauna Loa and global CO2 concentration as two labelled lines (colour, dash and label differ)."""
    sites = list(SITE_STYLE)
    shown = [translate_name(s) for s in sites]
    scale = {"color": alt.Scale(domain=shown, range=[SITE_STYLE[s]["color"] for s in sites]),
             "dash": alt.Scale(domain=shown, range=[SITE_STYLE[s]["dash"] for s in sites])}
    base = alt.Chart(translated(conc[["site", "year", "co2_ppm"]], "site"))
    lines = base.mark_line().encode(
        x=alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False, zero=False)),
        y=alt.Y("co2_ppm:Q", title=_("CO₂ concentration (ppm)"), scale=alt.Scale(zero=False)),
        color=alt.Color("site:N", scale=scale["color"], legend=alt.Legend(title=_("Measured at"))),
        strokeDash=alt.StrokeDash("site:N", scale=scale["dash"], legend=alt.Legend(title=_("Measured at"))),
        tooltip=[alt.Tooltip("site:N", title=_("Site")), alt.Tooltip("year:Q", format="d", title=_("Year")),
                 alt.Tooltip("co2_ppm:Q", format=".1f", title="ppm")],
    )
    labels = haloed(  # the other site's line may run under a label
        base.transform_joinaggregate(first_year="min(year)", groupby=["site"])
        .transform_filter("datum.year == datum.first_year")
        .mark_text(align="left", dx=4, dy=-12, fontWeight="bold")
        .encode(x="year:Q", y="co2_ppm:Q", text="site:N",
                color=alt.Color("site:N", scale=scale["color"], legend=None))
    )
    ml = co2_rise(conc, "Mauna Loa")
    description = _(
        "Line chart of annual mean CO2 concentration in parts per million. Mauna Loa (solid blue line) runs from "
        "{first} ({start:.0f} ppm) to {last} ({end:.0f} ppm); the global "
        "marine-surface average (dotted black line) starts in 1979 and sits just below Mauna Loa. Both rise every year.",
        first=ml["first"], start=ml["start_ppm"], last=ml["last"], end=ml["end_ppm"],
    )
    return finish(alt.layer(lines, labels), _("CO₂ in the air, {first}–{last}", first=ml["first"], last=ml["last"]),
                  description, citation)


def co2_anomaly_scatter(joined: pd.DataFrame, source: str, site: str, citation: str) -> alt.LayerChart:
    """Scatter of yearly anomaly against CO2, coloured (and labelled) by year, with a fitted line."""
    fit = co2_anomaly_fit(joined)
    first, last = int(joined["year"].min()), int(joined["year"].max())
    base = alt.Chart(joined)
    points = base.mark_circle(size=45, opacity=0.85).encode(
        x=alt.X("co2_ppm:Q", title=_("CO₂ at {site} (ppm)", site=translate_name(site)), scale=alt.Scale(zero=False)),
        y=alt.Y("anomaly_c:Q", title=_("Anomaly vs {baseline}, {source} (°C)", source=translate_name(source),
                                       baseline=joined["baseline"].iloc[0])),
        color=alt.Color("year:Q", scale=alt.Scale(scheme="viridis"), legend=alt.Legend(title=_("Year"), format="d")),
        tooltip=[alt.Tooltip("year:Q", format="d", title=_("Year")), alt.Tooltip("co2_ppm:Q", format=".1f", title=_("CO₂ (ppm)")),
                 alt.Tooltip("anomaly_c:Q", format="+.2f", title=_("Anomaly (°C)"))],
    )
    line = base.transform_regression("co2_ppm", "anomaly_c").mark_line(color="#444", strokeDash=[6, 3]).encode(
        x="co2_ppm:Q", y="anomaly_c:Q")
    ends = joined[joined["year"].isin([first, last])]
    labels = alt.Chart(ends).mark_text(dy=-10, fontWeight="bold").encode(x="co2_ppm:Q", y="anomaly_c:Q", text="year:Q")
    description = _(
        "Scatter plot of {years} years ({first}–{last}): CO2 concentration at {site} on the horizontal axis, "
        "global temperature anomaly ({source}) on the vertical axis; colour and the two end labels show the year. "
        "The points climb from lower left to upper right; a dashed least-squares line rises about "
        "{slope:.2f} °C per 100 ppm (correlation r = {r:.2f}).",
        years=fit["years"], first=first, last=last, site=translate_name(site), source=translate_name(source),
        slope=fit["per_100ppm"], r=fit["r"],
    )
    return finish(alt.layer(points, line, labels), _("More CO₂, warmer years ({first}–{last})", first=first, last=last),
                  description, citation)

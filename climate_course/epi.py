"""The Environmental Performance Index 2020: ranks, the index's structure and a ranking chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import finish
from .i18n import N_, _, joined, translated
from .tables import Table
from .theme import country_scales

# EPI's ISO codes mapped to the names the book uses (and styles) for them.
HIGHLIGHT: dict[str, str] = {
    "DNK": "Denmark", "USA": "United States", "JPN": "Japan",
    "KOR": "South Korea", "CHN": "China", "IND": "India",
}
LABEL_BELOW = {"KOR", "IND"}  # labelled below their point, so neighbouring labels do not collide
LABEL_LEFT_AFTER_RANK = 150  # a point ranked after this is labelled on its left, inside the plot


def ranks(table: pd.DataFrame, isos: list[str] | None = None) -> pd.DataFrame:
    """Score and rank (overall and climate category) of chosen countries, indexed by the book's names."""
    isos = isos or list(HIGHLIGHT)
    rows = table.set_index("iso")
    missing = [i for i in isos if i not in rows.index]
    if missing:
        raise ValueError(f"not in the EPI table: {missing}")
    out = rows.loc[isos, ["epi_score", "epi_rank", "epi_change", "climate_score", "climate_rank"]]
    out.index = [HIGHLIGHT.get(i, rows.loc[i, "country"]) for i in isos]
    return out


def structure_counts(structure: pd.DataFrame) -> pd.Series:
    """Number of items at each level of the index (policy objectives, issue categories, indicators)."""
    return structure["level"].value_counts().reindex(["policy_objective", "issue_category", "indicator"]).astype(int)


def indicators_by_category(structure: pd.DataFrame) -> pd.DataFrame:
    """One row per issue category: its policy objective, name and number of indicators."""
    cats = structure[structure["level"] == "issue_category"]
    counts = structure[structure["level"] == "indicator"].groupby("parent").size()
    return pd.DataFrame({
        "objective": cats["parent"].to_numpy(),
        "category": cats["name"].to_numpy(),
        "indicators": cats["code"].map(counts).fillna(0).astype(int).to_numpy(),
    })


def categories_table(structure: pd.DataFrame) -> Table:
    """:func:`indicators_by_category` as a table, each category under its policy objective's name."""
    objectives = structure[structure["level"] == "policy_objective"].set_index("code")["name"]
    shown = indicators_by_category(structure).assign(objective=lambda d: d["objective"].map(objectives))
    shown = shown.rename(columns={"objective": N_("Policy objective"), "category": N_("Issue category"),
                                  "indicators": N_("Indicators")})
    return Table(shown, N_("EPI 2020: issue categories and their number of indicators"),
                 names=[N_("Policy objective"), N_("Issue category")])


def ranking_chart(table: pd.DataFrame, source: str, highlight: dict[str, str] | None = None) -> alt.LayerChart:
    """All countries' EPI scores against their rank; highlighted countries get colour, shape and a label."""
    highlight = highlight or HIGHLIGHT
    data = table[["iso", "country", "epi_score", "epi_rank"]].copy()
    data["name"] = data["iso"].map(highlight)
    data = translated(data, "country", "name")
    names = list(highlight.values())
    scales = country_scales(names)
    x = alt.X("epi_rank:Q", title=_("Rank (1 = best)"), scale=alt.Scale(domain=[1, 180], nice=False))
    y = alt.Y("epi_score:Q", title=_("EPI 2020 score (0–100)"), scale=alt.Scale(domain=[0, 100]))
    tooltip = [alt.Tooltip("country:N", title=_("Country")), alt.Tooltip("epi_rank:Q", title=_("Rank")),
               alt.Tooltip("epi_score:Q", title=_("Score"), format=".1f")]
    others = alt.Chart(data[data["name"].isna()].drop(columns="name")).mark_circle(size=22, color="#b5b5b5", opacity=0.8).encode(
        x=x, y=y, tooltip=tooltip)
    chosen = data[data["name"].notna()].assign(label=lambda d: d["name"] + " " + d["epi_rank"].astype(str))
    marks = alt.Chart(chosen).mark_point(size=110, filled=True, opacity=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("name:N", scale=scales["color"], legend=None),
        shape=alt.Shape("name:N", scale=scales["shape"], legend=None),
    )
    # Labels right of their point, but left of it in the last ranks (they would run past the plot's edge);
    # above it, but below it for the points in LABEL_BELOW.
    below, last = chosen["iso"].isin(LABEL_BELOW), chosen["epi_rank"] > LABEL_LEFT_AFTER_RANK
    text = dict(x=x, y=y, text="label:N", color=alt.Color("name:N", scale=scales["color"], legend=None))
    labels = alt.layer(*(
        alt.Chart(chosen[(below == low) & (last == left)]).mark_text(
            align="right" if left else "left", dx=-8 if left else 8, dy=12 if low else -8, fontWeight="bold",
            fontSize=12).encode(**text)
        for low in (False, True) for left in (False, True) if ((below == low) & (last == left)).any()))
    highlighted = joined(_("{country} (rank {rank}, score {score:.1f})", country=r["name"], rank=r["epi_rank"],
                             score=r["epi_score"]) for _row, r in chosen.iterrows())
    description = _(
        "Scatter chart of the 2020 Environmental Performance Index: each of the {count} countries is a grey "
        "dot placed by its rank (horizontal, 1 = best) and score out of 100 (vertical); scores fall from about 82 "
        "to about 22. Highlighted with a larger coloured symbol and a text label giving name and rank: {highlighted}.",
        count=len(data), highlighted=highlighted,
    )
    chart = alt.layer(others, marks, labels).properties(width=480, height=300)
    return finish(chart, _("Environmental Performance Index 2020: 180 countries"), description, source)


def ranks_table(table: pd.DataFrame, isos: list[str] | None = None) -> Table:
    """:func:`ranks` as a table (scores to one decimal)."""
    shown = ranks(table, isos).rename_axis(N_("Country")).reset_index().rename(columns={
        "epi_score": N_("EPI score"), "epi_rank": N_("EPI rank"), "epi_change": N_("EPI change"),
        "climate_score": N_("Climate score"), "climate_rank": N_("Climate rank")})
    return Table(shown, N_("Environmental Performance Index 2020: overall and climate category"),
                 units={N_("EPI score"): N_("0–100"), N_("EPI change"): N_("points"), N_("Climate score"): N_("0–100")},
                 decimals={N_("EPI score"): 1, N_("EPI change"): 1, N_("Climate score"): 1}, names=[N_("Country")])


__all__ = ["HIGHLIGHT", "ranks", "ranks_table", "structure_counts", "indicators_by_category", "categories_table", "ranking_chart"]

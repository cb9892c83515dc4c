"""One chart theme for the whole book: fonts, sizes and one colour per country.

Colours come from the Okabe-Ito palette, which stays distinguishable under the
common forms of colour-vision deficiency. Colour is never the only cue: every
country also has its own line dash and point shape, and line charts label each
line directly at its end.
"""

from __future__ import annotations

import altair as alt

from .i18n import translate_name

THEME_NAME = "climate_course"

# Okabe & Ito (2008), "Color Universal Design". One entry per entity, fixed
# across every chapter; entities not listed fall back to grey.
COUNTRY_STYLE: dict[str, dict] = {
    "China": {"color": "#D55E00", "dash": [1, 0], "shape": "circle"},
    "United States": {"color": "#0072B2", "dash": [8, 3], "shape": "square"},
    "EU-27": {"color": "#009E73", "dash": [3, 2], "shape": "triangle-up"},
    "India": {"color": "#E69F00", "dash": [8, 3, 2, 3], "shape": "diamond"},
    "World": {"color": "#000000", "dash": [2, 2], "shape": "cross"},
    "Japan": {"color": "#CC79A7", "dash": [12, 4], "shape": "triangle-down"},
    "Russia": {"color": "#56B4E9", "dash": [4, 4, 1, 4], "shape": "triangle-right"},
    "United Kingdom": {"color": "#7A6A00", "dash": [1, 3], "shape": "triangle-left"},
}
OTHER_COLOR = "#8C8C8C"


def country_color(country: str) -> str:
    """The colour the whole book uses for ``country`` (grey if it has none)."""
    return COUNTRY_STYLE.get(country, {}).get("color", OTHER_COLOR)


def country_scales(countries: list[str]) -> dict[str, alt.Scale]:
    """Colour, dash and shape scales that pin each country to its book-wide style.

    ``countries`` are the English names; the scales' domain holds them in the current
    language, as the charts' data do (see :func:`climate_course.i18n.translated`).
    """
    domain = [translate_name(c) for c in countries]
    return {
        "color": alt.Scale(domain=domain, range=[country_color(c) for c in countries]),
        "strokeDash": alt.Scale(
            domain=domain, range=[COUNTRY_STYLE.get(c, {}).get("dash", [6, 2]) for c in countries]
        ),
        "shape": alt.Scale(
            domain=domain, range=[COUNTRY_STYLE.get(c, {}).get("shape", "circle") for c in countries]
        ),
    }


@alt.theme.register(THEME_NAME, enable=False)
def course_theme() -> alt.theme.ThemeConfig:
    """Book-wide Vega-Lite config: readable sizes, quiet grid, left-aligned titles."""
    font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif"
    return {
        "config": {
            "font": font,
            "view": {"continuousWidth": 480, "continuousHeight": 300, "stroke": None},
            "title": {"anchor": "start", "fontSize": 16, "subtitleFontSize": 13, "subtitleColor": "#444"},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e6e6e6", "domainColor": "#888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 4, "symbolSize": 200},
            "range": {"category": [s["color"] for s in COUNTRY_STYLE.values()]},
            "line": {"strokeWidth": 2.5},
        }
    }


def enable() -> None:
    """Make the course theme the active Altair theme."""
    alt.theme.enable(THEME_NAME)

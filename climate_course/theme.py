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
PLOT_HEIGHT = 300  # a chart's plot height when it sets none (px)

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
# Marks drawn on a chart's own coloured cells or areas, not on the page: the cells keep their
# colours in dark mode, so these keep theirs too (dark mode swaps black and white only).
ON_FILL_DARK, ON_FILL_LIGHT = "#111111", "#fafafa"

# Dark mode: the book's page background (pydata-sphinx-theme's dark background), and for every
# colour the charts name, the colour drawn in its place on that background. Country colours keep
# their hue order, lightened until each stands out from the page (tests/test_theme.py checks the
# contrast and that no two countries look alike); black and dark greys turn light, light greys dark
# (no darker than 3:1 against the page, a mark's least contrast; the grid's grey only is quieter).
DARK_BACKGROUND = "#14181e"
DARK_COLORS: dict[str, str] = {
    "#d55e00": "#e8722a", "#0072b2": "#4a9fe0", "#009e73": "#1fbf8f", "#e69f00": "#f0b030",
    "#cc79a7": "#db8fba", "#56b4e9": "#a6dcf7", "#7a6a00": "#c2ae2e", "#f0e442": "#f0e442",
    "#b2182b": "#f0606e", "#8c6d4f": "#c4a07c", "#b8a48f": "#8a7a68",
    "#332288": "#9a8ff0", "#882255": "#c2407a",  # the explorer's extra colours (charts.PICKER_COLORS) too dark to read
    "#000000": "#e6e6e6", "#000": "#e6e6e6", "black": "#e6e6e6", "#222": "#e0e0e0", "#333": "#d6d6d6",
    "#333333": "#d6d6d6", "#3b3b3b": "#a8a8a8", "#444": "#c8c8c8", "#555": "#bdbdbd", "#777": "#a6a6a6",
    "#7f7f7f": "#a0a0a0", "#888": "#9a9a9a", "#8c8c8c": "#9a9a9a", "#999": "#8a8a8a", "#999999": "#8a8a8a",
    "#b5b5b5": "#6e6e6e", "#b8b8b8": "#6e6e6e", "#c8c8c8": "#6e6e6e", "#e6e6e6": "#2e3440", "white": DARK_BACKGROUND,
    "#ffffff": DARK_BACKGROUND, "#fff": DARK_BACKGROUND,
}


# Colour schemes whose dark end would vanish into the dark page start further along in dark mode.
DARK_SCHEMES: dict[str, dict] = {"viridis": {"name": "viridis", "extent": [0.3, 1]}}


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
            "view": {"continuousWidth": 480, "continuousHeight": PLOT_HEIGHT, "stroke": None},
            "title": {"anchor": "start", "fontSize": 16, "subtitleFontSize": 13, "subtitleColor": "#444"},
            # Tick labels closer than labelSeparation px hide every other one (a phone's "20002004").
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e6e6e6", "domainColor": "#888",
                     "labelSeparation": 4},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 4, "symbolSize": 200},
            "range": {"category": [s["color"] for s in COUNTRY_STYLE.values()]},
            "line": {"strokeWidth": 2.5},
        }
    }


def dark_color(color: str) -> str:
    """The colour drawn for ``color`` in dark mode (itself if it reads on a dark page already)."""
    return DARK_COLORS.get(color.lower(), color)


def chart_modes() -> dict:
    """What the book's chart script needs to draw in either mode: each mode's Vega-Lite config,
    the dark mode's colour for every light colour and its version of the schemes that need one."""
    light = course_theme()["config"]
    dark = {**light, "background": None,
            "title": {**light["title"], "color": dark_color("#222"), "subtitleColor": dark_color("#444")},
            "axis": {**light["axis"], "labelColor": dark_color("#444"), "titleColor": dark_color("#222"),
                     "gridColor": dark_color("#e6e6e6"), "domainColor": dark_color("#888"),
                     "tickColor": dark_color("#888")},
            "legend": {**light["legend"], "labelColor": dark_color("#444"), "titleColor": dark_color("#222")},
            "header": {"labelColor": dark_color("#444"), "titleColor": dark_color("#222")},
            "text": {"color": dark_color("#222")},
            "range": {"category": [dark_color(c) for c in light["range"]["category"]]}}
    return {"light": light, "dark": dark, "darkColors": DARK_COLORS, "darkSchemes": DARK_SCHEMES}


def enable() -> None:
    """Make the course theme the active Altair theme."""
    alt.theme.enable(THEME_NAME)

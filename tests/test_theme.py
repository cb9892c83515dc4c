"""The chart theme: every country keeps its own colour in both modes, and each reads on its page."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from chart_builders import BUILDERS
from climate_course.theme import (
    COUNTRY_STYLE, DARK_BACKGROUND, ON_FILL_DARK, ON_FILL_LIGHT, OTHER_COLOR, chart_modes, dark_color,
)

LIGHT_BACKGROUND = "#ffffff"
COUNTRY_COLOURS = {country: style["color"] for country, style in COUNTRY_STYLE.items()}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> list[float]:
    hex_digits = colour.lstrip("#")
    return [_channel(int(hex_digits[i:i + 2], 16)) for i in (0, 2, 4)]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    la, lb = (0.2126 * r + 0.7152 * g + 0.0722 * b_ for r, g, b_ in (_rgb(a), _rgb(b)))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = _rgb(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_contrast_matches_the_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("country", COUNTRY_COLOURS)
def test_every_country_reads_on_the_dark_page(country):
    light = COUNTRY_COLOURS[country]
    assert light.lower() in {k.lower() for k in chart_modes()["darkColors"]}, f"{country} has no dark-mode colour"
    assert contrast(dark_color(light), DARK_BACKGROUND) >= 4.5, country  # its end label is text


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_two_countries_look_alike(mode):
    colours = {c: (v if mode == "light" else dark_color(v)) for c, v in COUNTRY_COLOURS.items()}
    colours["others"] = OTHER_COLOR if mode == "light" else dark_color(OTHER_COLOR)
    close = [(a, b, round(math.dist(lab(x), lab(y)), 1)) for (a, x), (b, y) in itertools.combinations(colours.items(), 2)
             if math.dist(lab(x), lab(y)) < 20]
    assert not close, f"country colours too alike in {mode} mode (CIE76 ΔE < 20): {close}"


def test_dark_mode_turns_black_and_dark_greys_light():
    for light in ("#000000", "black", "#222", "#444"):
        assert contrast(dark_color(light), DARK_BACKGROUND) >= 7, light
    assert dark_color("#D55E00") == dark_color("#d55e00")  # colours match whatever their case
    assert dark_color("#123456") == "#123456"  # a colour with no dark twin is drawn as it is


def test_dark_config_colours_every_text_light():
    dark = chart_modes()["dark"]
    texts = [dark["title"]["color"], dark["title"]["subtitleColor"], dark["axis"]["labelColor"],
             dark["axis"]["titleColor"], dark["legend"]["labelColor"], dark["header"]["labelColor"]]
    assert all(contrast(colour, DARK_BACKGROUND) >= 7 for colour in texts)
    assert dark["background"] is None  # the page's own background shows through


# The grid's grey, meant to be quiet, and the marks drawn on a chart's own coloured cells, not on the page.
NOT_ON_THE_PAGE = {"#e6e6e6", ON_FILL_DARK, ON_FILL_LIGHT}
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def _drawn_colours(node):
    """Every colour a spec names outside its data and config: colour strings and the colours an
    expression looks up (the explorer's picked countries)."""
    if isinstance(node, str):
        yield from _HEX.findall(node)
    elif isinstance(node, list):
        for item in node:
            yield from _drawn_colours(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("data", "datasets", "values", "config"):
                yield from _drawn_colours(value)


def _six_digits(colour: str) -> str:
    digits = colour.lstrip("#")
    return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits)


@pytest.mark.parametrize("name", BUILDERS)
def test_every_colour_a_chart_draws_reads_on_the_dark_page(name):
    """WCAG's 3:1 for graphical objects, for each colour as dark mode draws it (the chart script
    swaps each colour for its dark twin, in expressions too)."""
    faint = {colour: round(contrast(_six_digits(dark_color(colour)), DARK_BACKGROUND), 2)
             for colour in _drawn_colours(BUILDERS[name]().to_dict())
             if colour.lower() not in NOT_ON_THE_PAGE and contrast(_six_digits(dark_color(colour)), DARK_BACKGROUND) < 3}
    assert not faint, f"{name}: colours too faint on the dark page (contrast): {faint}"

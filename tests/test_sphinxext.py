"""The book's chart renderer: local Vega, safe embedding, and only Vega-Lite outputs."""

from __future__ import annotations

import json
from types import SimpleNamespace

from climate_course import table_meta
from climate_course.charts import source_lines
from climate_course.press.sphinxext import (
    CHART_MARKER,
    VEGALITE_MIME,
    VegaLiteMimeRenderer,
    chart_html,
    chart_modes_script,
    licences_cited,
    page_spec,
)
from climate_course.theme import DARK_COLORS, course_theme


def test_chart_html_embeds_spec_and_description():
    spec = {"title": {"text": "T"}, "description": "A line chart of things", "mark": "line"}
    html = chart_html(spec, "vega-chart-1-0")
    assert CHART_MARKER in html
    assert 'id="vega-chart-1-0-desc" class="visually-hidden">A line chart of things<' in html
    assert 'id="vega-chart-1-0-spec">' in html  # course-charts.js draws every spec of the page
    assert "<script>" not in html and "http" not in html


def test_spec_cannot_close_the_script_tag():
    html = chart_html({"description": "</script><script>alert(1)</script>"}, "c")
    payload = html.split('id="c-spec">')[1].split("</script>")[0]
    assert json.loads(payload.replace("<\\/", "</"))["description"].startswith("</script>")
    assert "&lt;/script&gt;" in html  # the visible description is escaped


def test_plugin_renders_only_vegalite():
    data = SimpleNamespace(mime_type=VEGALITE_MIME, content={"mark": "bar"}, cell_index=3, output_index=0)
    (node,) = VegaLiteMimeRenderer.handle_mime(None, data, inline=False)
    assert "vega-chart-3-0" in node.astext()
    other = SimpleNamespace(mime_type="text/html", content="<b>x</b>", cell_index=0, output_index=0)
    assert VegaLiteMimeRenderer.handle_mime(None, other, inline=False) is None


def test_quiz_option_syntax():
    from climate_course.press.sphinxext import QUIZ_OPTION

    right = QUIZ_OPTION.match("- [x] China — Right: about a third.")
    assert right["mark"] == "x" and right["text"] == "China" and right["feedback"] == "Right: about a third."
    wrong = QUIZ_OPTION.match("- [ ] The United States | Second, with an eighth.")
    assert wrong["mark"] == " " and wrong["text"] == "The United States"
    assert QUIZ_OPTION.match("- China without feedback") is None


def test_icon_outlines_are_read_per_style():
    from climate_course.press.icons import icon_outlines, used_icons
    script = ('var p={github:[496,512,[],"f09b","M1 2z"]};d("fab",p);'
              'var p={"file":[384,512,[],"f15b","M3 4z"]};d("far",p);'
              'var p={"file":[384,512,[128459],"f15b","M5 6z"],bars:[448,512,["navicon"],"f0c9","M7 8z"]};d("fas",p)')
    icons = icon_outlines(script)
    assert icons == {("fab", "github"): (496, 512, "M1 2z"), ("far", "file"): (384, 512, "M3 4z"),
                     ("fas", "file"): (384, 512, "M5 6z"), ("fas", "bars"): (448, 512, "M7 8z")}
    html = '<i class="fab fa-github"></i><i class="fa-solid fa-file fa-lg"></i><i class="fa-regular fa-file"></i>'
    assert used_icons([html, 'x.classList="fa-solid fa-bars"'], icons) == {
        ("fab", "github"), ("fas", "file"), ("far", "file"), ("fas", "bars")}


def test_page_spec_leaves_the_course_theme_to_the_chart_script():
    config = course_theme()["config"]
    spec = {"mark": "line", "$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json",
            "config": {**config, "axisX": {"labelAngle": 0}}}
    assert page_spec(spec)["config"] == {"axisX": {"labelAngle": 0}}
    assert "$schema" not in page_spec(spec)
    assert "config" not in page_spec({"mark": "line", "config": config})


def test_citation_line_gets_the_licence_of_the_table_it_quotes():
    source = table_meta("co2_annual").citation
    spec = page_spec({"mark": "line", "title": {"text": "T", "subtitle": source_lines(source, 40)}})
    meta = spec["usermeta"]["course"]
    assert meta["licences"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]
    assert meta["source"] == source
    assert licences_cited("a source the course has no table of") == []
    both = licences_cited(f"{table_meta('co2_annual').attribution}; {table_meta('temperature_anomaly').attribution}")
    assert [lic["name"] for lic in both] == ["CC-BY-4.0", "ODC-PDDL-1.0"]


def test_chart_modes_script_holds_both_configs_and_the_dark_colours():
    modes = json.loads(chart_modes_script().split("=", 1)[1].strip().rstrip(";"))
    assert modes["light"] == json.loads(json.dumps(course_theme()["config"]))
    assert modes["dark"]["axis"]["labelColor"] != modes["light"]["axis"].get("labelColor")
    assert modes["darkColors"] == DARK_COLORS

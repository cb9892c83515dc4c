"""Check functions: right answers pass, typical mistakes get their own hint, junk never crashes,
and no feedback ever shows the expected answer."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table
from climate_course.exercises import (
    CARBON_TO_CO2,
    ChartCheck,
    ChoiceCheck,
    NumberCheck,
    check,
    questions,
    registered_checks,
)

CO2 = load_table("co2_annual").set_index(["country", "year"])
CHINA_SHARE = CO2.loc[("China", 2024), "share_global_co2"]
RATIO = CO2.loc[("United States", 2024), "co2_per_capita"] / CO2.loc[("China", 2024), "co2_per_capita"]
RIGHT = {
    "ex00.q1": CHINA_SHARE,
    "ex00.q2": RATIO,
    "ex00.q3": "United States",
    "ex00.q4": 2006,
    "ex00.q5": 2926.05 * CARBON_TO_CO2,
    "ex00.q6": alt.Chart(pd.DataFrame({"year": [1], "co2_per_capita": [1], "country": ["a"]}))
    .mark_line().encode(x="year", y="co2_per_capita", color="country").properties(title="t"),
    "ex00.q7": CO2.loc[("EU-27", 2024), "co2_per_capita"] * CO2.loc[("China", 2024), "population"] / 1e6,
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex00.")}


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message
    assert str(feedback).startswith("✅")


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex00.q1", CHINA_SHARE / 100, "factor of 100"),
        ("ex00.q1", CO2.loc[("China", 2023), "share_global_co2"], "2023"),
        ("ex00.q1", CO2.loc[("China", 2024), "share_global_cumulative_co2"], "cumulative"),
        ("ex00.q2", 1 / RATIO, "Upside down"),
        ("ex00.q2", CO2.loc[("United States", 2024), "co2"] / CO2.loc[("China", 2024), "co2"], "per person"),
        ("ex00.q3", "China", "single year (co2)"),
        ("ex00.q4", 2024, "latest year"),
        ("ex00.q4", 2005, "look at the data again"),
        ("ex00.q4", "2007", "look at the data again"),
        ("ex00.q5", 2926.05, "multiply by 44/12"),
        ("ex00.q5", 2926.05 * CARBON_TO_CO2 ** 2, "twice"),
        ("ex00.q5", 2926.05 * CARBON_TO_CO2 / 1000, "factor of 1,000"),
        ("ex00.q7", -RIGHT["ex00.q7"], "wrong sign"),
        ("ex00.q6", alt.Chart(pd.DataFrame({"year": [1]})).mark_bar().encode(x="year"), "line mark"),
        ("ex00.q6", alt.Chart(pd.DataFrame({"year": [1]})).mark_line().encode(x="year"), "co2_per_capita"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message


@pytest.mark.parametrize(
    "junk, says",
    [
        (None, "no answer yet"),
        (..., "no answer yet"),
        ("31.8", "got text"),
        (True, "True/False"),
        (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), "table with 4 values"),
        (pd.DataFrame({"a": [31.8]}), ".item()"),
        (float("nan"), "NaN"),
        ([31.8], "got list"),
    ],
)
def test_junk_input_gets_a_message_not_an_error(junk, says):
    feedback = check("ex00.q1", junk)
    assert not feedback.correct and says in feedback.message


@pytest.mark.parametrize("junk", [None, 42, pd.DataFrame({"a": [1]}), "chart"])
def test_chart_and_choice_checks_survive_junk(junk):
    assert not check("ex00.q6", junk).correct
    assert not check("ex00.q3", junk).correct


@pytest.mark.parametrize("question", ["ex00.q1", "ex00.q2", "ex00.q5", "ex00.q7"])
@pytest.mark.parametrize("factor", [0.5, 0.99, 1.02, 3.0, 1000.0])
def test_feedback_never_reveals_the_answer(question, factor):
    expected = float(RIGHT[question])
    message = check(question, expected * factor).message
    for shown in {f"{expected:.0f}", f"{expected:.1f}", f"{expected:.2f}", f"{expected:,.0f}"}:
        if len(shown.replace(".", "").replace(",", "")) >= 2:
            assert shown not in message


def test_choice_answers_ignore_case_and_spaces():
    assert check("ex00.q3", "  united states ").correct


def test_unknown_question_is_a_clear_error():
    with pytest.raises(KeyError, match="no check for question 'ex99.q1'"):
        check("ex99.q1", 1)


def test_check_classes_work_on_their_own():
    assert NumberCheck("t.n", 10.0, unit="t")(10.01).correct
    assert not NumberCheck("t.n", 10.0, unit="t")(10.2).correct
    assert ChoiceCheck("t.c", "A", options=("A", "B"))("a").correct
    assert ChartCheck("t.g", mark="point", fields=("x",), needs_title=False)(
        alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")).correct


# Every registered check, whichever exercise it belongs to.
ALL_CHECKS = registered_checks()
NUMBER_CHECKS = {q: c for q, c in ALL_CHECKS.items() if isinstance(c, NumberCheck)}


@pytest.mark.parametrize("question", sorted(ALL_CHECKS))
@pytest.mark.parametrize("junk", [None, ..., "text", pd.DataFrame({"a": [1, 2], "b": [3, 4]})],
                         ids=["None", "Ellipsis", "text", "table"])
def test_every_check_answers_junk_with_a_message(question, junk):
    feedback = check(question, junk)
    assert not feedback.correct and feedback.message


@pytest.mark.parametrize("question", sorted(NUMBER_CHECKS))
@pytest.mark.parametrize("factor", [0.5, 0.97, 1.05, 2.0])
def test_no_number_check_reveals_its_answer(question, factor):
    expected = NUMBER_CHECKS[question].value()
    message = check(question, expected * factor).message
    for shown in {f"{expected:.0f}", f"{expected:.1f}", f"{expected:.2f}", f"{expected:,.0f}"}:
        if len(shown.replace(".", "").replace(",", "").replace("-", "")) >= 2:
            assert shown not in message


# --- No check of any type gives its answer away; right answers pass in any number type -------------
import re  # noqa: E402
from decimal import Decimal  # noqa: E402

import numpy as np  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CHOICE_CHECKS = {q: c for q, c in ALL_CHECKS.items() if isinstance(c, ChoiceCheck)}
CHART_CHECKS = {q: c for q, c in ALL_CHECKS.items() if isinstance(c, ChartCheck)}
#: Words that point towards the answer: a direction or a distance.
DIRECTION = re.compile(r"\b(later|earlier|one year|a year (before|after)|next|previous|further|too (high|low)|higher|"
                       r"lower|more than|less than|larger than|smaller than|look (up|down|left|right))\b", re.I)
PERIOD = re.compile(r"\d{4}[–-]\d{4}")  # a period such as 1850–1900 names a baseline, not an option


_COMPUTED: dict = {}


def _expected(check_):
    if ("expected", check_.question) not in _COMPUTED:
        _COMPUTED["expected", check_.question] = check_.expected() if callable(check_.expected) else check_.expected
    return _COMPUTED["expected", check_.question]


def _options(check_) -> list:
    if ("options", check_.question) not in _COMPUTED:
        _COMPUTED["options", check_.question] = list(check_.options() if callable(check_.options) else check_.options)
    return _COMPUTED["options", check_.question]


def _named_options(message: str, options: list, given_answer) -> set[str]:
    """Options other than the given answer that a message names (whole words, case as written)."""
    text = PERIOD.sub(" ", message)
    return {str(o) for o in options if str(o) != str(given_answer) and str(o) in text
            and re.search(rf"(?<![\w.]){re.escape(str(o))}(?![\w]|\.\d)", text)}


def _candidates(check_, tried: list) -> set[str]:
    """Options still possible after ``tried`` wrong answers and their hints (a hint that points or names
    another option counts as narrowing to nothing but the answer)."""
    options = _options(check_)
    left = {str(o) for o in options} - {str(t) for t in tried}
    for answer in tried:
        message = check_(answer).message
        if DIRECTION.search(message):
            return {str(_expected(check_))}
        left -= _named_options(message, options, answer)
    return left


@pytest.mark.parametrize("question", sorted(CHOICE_CHECKS))
def test_no_choice_hint_points_at_the_answer(question):
    check_ = CHOICE_CHECKS[question]
    options, expected = _options(check_), _expected(check_)
    labels = [str(o) for o in options]
    assert str(expected) in labels, "the answer set must hold the answer"
    assert len(labels) >= 4, "a choice question needs at least four options"
    for option in options:
        feedback = check_(option)
        if str(option) == str(expected):
            assert feedback.correct
            continue
        assert not feedback.correct
        assert not DIRECTION.search(feedback.message), (option, feedback.message)
        assert not _named_options(feedback.message, options, option), (option, feedback.message)


@pytest.mark.parametrize("question", sorted(CHOICE_CHECKS))
def test_three_wrong_answers_never_narrow_a_choice_to_one(question):
    check_ = CHOICE_CHECKS[question]
    wrong = [o for o in _options(check_) if str(o) != str(_expected(check_))]

    @settings(max_examples=10)
    @given(st.lists(st.sampled_from(wrong), min_size=3, max_size=3, unique=True))
    def run(tried):
        left = _candidates(check_, tried)
        assert left == {str(o) for o in _options(check_)} - {str(t) for t in tried}, "a hint narrowed the choice"
        if len(wrong) >= 4:  # with four options, trying all three wrong ones leaves one: no hint can avoid that
            assert len(left) >= 2

    run()


@pytest.mark.parametrize("question", sorted(NUMBER_CHECKS))
def test_number_checks_follow_the_direction_rule(question):
    check_ = NUMBER_CHECKS[question]
    expected = check_.value()
    for factor in (0.5, 2.0):
        message = check_(expected * factor).message if expected else check_(factor).message
        if not check_.gives_direction:
            assert "too high" not in message and "too low" not in message, message
    assert check_.gives_direction == (check_.rel_tol <= 0.001 and not float(expected).is_integer())


def _number_types(value: float) -> list:
    kinds = [float(value), np.float64(value), np.array(value), Decimal(repr(float(value)))]
    if float(value).is_integer():
        kinds += [int(value), np.int64(int(value)), f"{int(value)}.0"]
    return kinds


@pytest.mark.parametrize("question", sorted(NUMBER_CHECKS) + sorted(
    q for q, c in CHOICE_CHECKS.items() if not isinstance(_expected(c), str)))
def test_right_answer_passes_in_any_number_type(question):
    check_ = ALL_CHECKS[question]
    value = check_.value() if isinstance(check_, NumberCheck) else _expected(check_)
    for answer in _number_types(value):
        if isinstance(answer, str) and isinstance(check_, NumberCheck):
            continue  # a number check asks for a number, not text
        assert check_(answer).correct, (question, type(answer).__name__, answer)


def test_issue_examples_are_accepted():
    assert check("ex00.q4", 2006.0).correct and check("ex00.q4", np.int64(2006)).correct
    assert check("ex00.q4", Decimal("2006")).correct and check("ex00.q4", np.array(2006)).correct
    assert check("ex06.q3", np.float64(_expected(CHOICE_CHECKS["ex06.q3"]))).correct


# --- Mutation check: the reference solution passes, generated wrong answers fail without revealing ----
def _reveals(message: str, expected: float) -> bool:
    for shown in {f"{expected:.0f}", f"{expected:.1f}", f"{expected:.2f}", f"{expected:,.0f}"}:
        if len(shown.replace(".", "").replace(",", "").replace("-", "")) >= 2 and shown in message:
            return True
    return False


def _mutants(value: float, rel_tol: float) -> dict[str, float]:
    out = {"wrong units (×1000)": value * 1000, "wrong units (÷1000)": value / 1000,
           "off by more than the tolerance": value * (1 + 20 * rel_tol) + (1 if value == 0 else 0)}
    if value != 0:
        out["wrong sign"] = -value
    if abs(value) * rel_tol < 0.5:  # a step of one lies outside the tolerance
        out["off by one"] = value + 1
    return out


def _reference_chart(check_: ChartCheck) -> alt.Chart:
    data = pd.DataFrame({name: [0, 1] for name in check_.fields})
    channels = ["x", "y", "color", "shape", "size"]
    chart = getattr(alt.Chart(data), f"mark_{check_.mark}")().encode(**dict(zip(channels, check_.fields)))
    return chart.properties(title="reference")


@pytest.mark.parametrize("question", sorted(ALL_CHECKS))
def test_mutation_reference_passes_and_wrong_answers_fail_quietly(question):
    check_ = ALL_CHECKS[question]
    if isinstance(check_, NumberCheck):
        value = check_.value()
        assert check_(value).correct
        for kind, wrong in _mutants(value, check_.rel_tol).items():
            feedback = check_(wrong)
            assert not feedback.correct, (kind, wrong)
            assert not _reveals(feedback.message, value), (kind, feedback.message)
            if not check_.gives_direction:
                assert not DIRECTION.search(feedback.message), (kind, feedback.message)
    elif isinstance(check_, ChoiceCheck):
        options, expected = _options(check_), _expected(check_)
        assert check_(expected).correct
        at = [str(o) for o in options].index(str(expected))
        for neighbour in {options[max(at - 1, 0)], options[min(at + 1, len(options) - 1)]} - {expected}:
            feedback = check_(neighbour)
            assert not feedback.correct and str(expected) not in PERIOD.sub(" ", feedback.message)
            assert not DIRECTION.search(feedback.message), feedback.message
    else:
        reference = _reference_chart(check_)
        assert check_(reference).correct, check_(reference).message
        other_mark = "bar" if check_.mark != "bar" else "line"
        assert not check_(getattr(reference, f"mark_{other_mark}")()).correct
        last = check_.fields[-1]
        spec = reference.to_dict()
        moved = {k: v for k, v in spec["encoding"].items() if v.get("field") != last}
        tooltip_only = alt.Chart.from_dict({**spec, "encoding": {**moved, "tooltip": {"field": last,
                                                                                       "type": "quantitative"}}})
        assert not check_(tooltip_only).correct, "a field only in the tooltip is not shown"


# --- Chart checks accept every chart that shows what is asked ---------------------------------------
LINES = pd.DataFrame({"year": [2000, 2001] * 2, "co2_per_capita": [1, 2, 3, 4], "country": ["a", "a", "b", "b"]})


@pytest.mark.parametrize("chart", [
    alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita", color="country").properties(title="t"),
    alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita", strokeDash="country").properties(title="t"),
    alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita").facet(facet="country").properties(title="t"),
    alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita").facet(row="country").properties(title="t"),
    alt.layer(alt.Chart(LINES).mark_line(), alt.Chart(LINES).mark_point()).encode(
        x="year", y="co2_per_capita", color="country").properties(title="t"),
    alt.layer(alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita", color="country"),
              alt.Chart(LINES).mark_text().encode(x="year", y="co2_per_capita", text="country")).properties(title="t"),
], ids=["colour", "dash", "facet", "facet-row", "layer-shared-encoding", "layer-with-labels"])
def test_chart_check_accepts_every_chart_that_shows_the_fields(chart):
    feedback = check("ex00.q6", chart)
    assert feedback.correct, feedback.message


@pytest.mark.parametrize("chart", [
    alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita", tooltip="country").properties(title="t"),
    alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita", detail="country").properties(title="t"),
    alt.layer(alt.Chart(LINES).mark_line().encode(x="year", y="co2_per_capita"),
              alt.Chart(LINES).mark_point().encode(x="year", color="country")).properties(title="t"),
], ids=["tooltip-only", "detail-only", "country-only-on-another-mark"])
def test_chart_check_rejects_look_alikes(chart):
    feedback = check("ex00.q6", chart)
    assert not feedback.correct and "country" in feedback.message

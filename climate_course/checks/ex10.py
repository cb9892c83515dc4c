"""Checks for exercises/ex10_carbon_trading: allowance prices, gains from trade, allocation, banking, ETS coverage."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import carbon_market as cm
from ..data import load_table
from ..i18n import N_, _
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register

# Question 2's two firms: baselines (t), MAC slopes (€/t per t) and the cap (t).
TWO_BASELINES = (100.0, 100.0)
TWO_SLOPES = (1.0, 4.0)
TWO_CAP = 120.0
# Question 4: the EU's linear reduction factor from 2024 (Directive (EU) 2023/959).
LRF_2024 = 0.043


@cache
def _co2() -> pd.DataFrame:
    return load_table("co2_annual")


def _price(cap_pct: float) -> float:
    return cm.policy_outcome("trade", cap_pct, "grandfathered").price


def _two(cap: float = TWO_CAP, slopes=TWO_SLOPES) -> dict[str, float]:
    return cm.compare(list(slopes), list(TWO_BASELINES), cap)


def _buyer(cap_pct: float = 50) -> str:
    firms = cm.policy_outcome("trade", cap_pct, "grandfathered").firms
    return str(firms.loc[firms["position"].idxmin(), "firm"])


def _seller(cap_pct: float = 50) -> str:
    firms = cm.policy_outcome("trade", cap_pct, "grandfathered").firms
    return str(firms.loc[firms["position"].idxmax(), "firm"])


def _bank_price(reduction: float = LRF_2024, banking: bool = True, year: int = 0) -> float:
    return float(cm.banking_path(reduction=reduction, banking=banking)["price"].iloc[year])


def _covered(year: int = 2021, pct: float = 40) -> float:
    return cm.covered_world_share(_co2(), "China", year, pct, pct)["low"]


def _china_share(year: int = 2021) -> float:
    return cm.covered_world_share(_co2(), "China", year, 0, 100)["country_share"]


def _choice_hints() -> dict[str, str]:
    """Hints for the firms that are not the biggest buyer, computed so they stay true if FIRMS changes."""
    firms = cm.policy_outcome("trade", 50, "grandfathered").firms
    hints = {}
    for row in firms.itertuples():
        if row.role == "sells":
            hints[row.firm] = _("{firm} ends with allowances to spare (a positive position), so it sells: the "
                                "question asks for the firm with the most negative position.", firm=_(row.firm))
        elif row.firm != _buyer():
            hints[row.firm] = _("{firm} buys allowances, but its position is not the most negative one: compare "
                                "the positions of all six firms.", firm=_(row.firm))
    hints["all"] = N_("Under grandfathering some firms sell: name the one firm that buys the most.")
    return hints


register(
    NumberCheck(
        "ex10.q1", lambda: _price(50), unit=N_("€ per tonne"), rel_tol=0.002,
        near_misses={
            N_("That is the price at the chapter's cap of 70 %: set the cap to 50 %."): lambda: _price(70),
            N_("That is the price at a cap of 45 %: the question asks for 50 %."): lambda: _price(45),
            N_("That is the price at a cap of 55 %: the question asks for 50 %."): lambda: _price(55),
            N_("That is the total abatement cost in M€: give the allowance price (.price)."):
                lambda: cm.policy_outcome("trade", 50, "grandfathered").total_cost,
            N_("That is the auction revenue in M€: give the allowance price (.price)."):
                lambda: cm.policy_outcome("trade", 50, "auction").revenue,
        },
    ),
    NumberCheck(
        "ex10.q2", lambda: _two()["saving"], unit=N_("€"), rel_tol=0.002,
        near_misses={
            N_("That is the saving in per cent: give it in euros."): lambda: _two()["saving_pct"],
            N_("That is the total cost with trading: subtract it from the cost of the uniform standard."):
                lambda: _two()["trading_cost"],
            N_("That is the cost of the uniform standard: subtract the cost with trading."):
                lambda: _two()["uniform_cost"],
            N_("The cap is what the firms may still emit (120 t), not the tonnes they must cut."):
                lambda: _two(cap=sum(TWO_BASELINES) - TWO_CAP)["saving"],
            N_("Those are the chapter's slopes (1 and 3): firm B's slope is 4 here."):
                lambda: _two(slopes=(1.0, 3.0))["saving"],
        },
    ),
    ChoiceCheck("ex10.q3", _buyer, options=lambda: list(cm.FIRMS["firm"]), hints=_choice_hints),
    NumberCheck(
        "ex10.q4", lambda: _bank_price(), unit=N_("€ per tonne"), rel_tol=0.002,
        near_misses={
            N_("That is the price without banking: set banking=True."): lambda: _bank_price(banking=False),
            N_("That is the price with the 2021 reduction factor (2.2 %): use 4.3 % (reduction=0.043)."):
                lambda: _bank_price(reduction=cm.EU_LRF_2021),
            N_("That is the price in the last year: give the first year's price."): lambda: _bank_price(year=-1),
        },
    ),
    NumberCheck(
        "ex10.q5", lambda: _covered(), unit=N_("% of world fossil CO₂"), rel_tol=0.002,
        near_misses={
            N_("That is China's whole share of world CO₂: take 40 % of it."): lambda: _china_share(),
            N_("That is 50 % of China's share: the question asks for the lower end, 40 %."):
                lambda: _covered(pct=50),
            N_("That uses the 2024 figures: the market opened in 2021."): lambda: _covered(year=2024),
            N_("That uses the 2020 figures: the market opened in 2021."): lambda: _covered(year=2020),
        },
    ),
    ChartCheck("ex10.q6", mark="line", fields=("cap_pct", "price")),
)

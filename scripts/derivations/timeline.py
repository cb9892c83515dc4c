"""China-US climate and energy cooperation, 1979-2021: a small table of dated events.

The events are those the white paper mentions in its section on the partnership
(footnotes 3-6), plus a few well-documented milestones it refers to without a date.
Each row names the BibTeX key of the source that documents it (see references.bib).
The data are a Python literal below; ``raw`` is unused.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# date (ISO), actor, kind, short event text (ours), BibTeX key
EVENTS = [
    ("1979-01-31", "China and US", "bilateral agreement",
     "China and the US sign an agreement on cooperation in science and technology",
     "ostp2011_st_agreement"),
    ("2009-11-17", "China and US", "bilateral agreement",
     "Obama and Hu launch the Clean Energy Research Center and other clean-energy initiatives",
     "walker2009_cerc"),
    ("2014-11-12", "China and US", "bilateral agreement",
     "Joint announcement of each country's post-2020 climate target",
     "whitehouse2014_joint_announcement"),
    ("2015-12-12", "Multilateral", "multilateral milestone",
     "Paris Agreement adopted at COP21",
     "unfccc2015_paris_agreement"),
    ("2016-09-03", "China and US", "bilateral agreement",
     "China and the US formally join the Paris Agreement together, in Hangzhou",
     "fn06_wikipedia_us_withdrawal_paris"),
    ("2016-11-04", "Multilateral", "multilateral milestone",
     "Paris Agreement enters into force",
     "unfccc2015_paris_agreement"),
    ("2017-06-01", "United States", "US exit and return",
     "President Trump announces that the US will leave the Paris Agreement",
     "fn06_wikipedia_us_withdrawal_paris"),
    ("2019-11-04", "United States", "US exit and return",
     "US gives formal notice of withdrawal to the UN",
     "fn06_wikipedia_us_withdrawal_paris"),
    ("2020-11-04", "United States", "US exit and return",
     "US withdrawal from the Paris Agreement takes effect",
     "fn06_wikipedia_us_withdrawal_paris"),
    ("2021-01-20", "United States", "US exit and return",
     "President Biden signs the instrument to rejoin on his first day in office",
     "fn06_wikipedia_us_withdrawal_paris"),
    ("2021-02-19", "United States", "US exit and return",
     "US is a party to the Paris Agreement again",
     "fn06_wikipedia_us_withdrawal_paris"),
    ("2021-04-17", "China and US", "bilateral agreement",
     "Climate envoys Kerry and Xie issue a joint statement after talks in Shanghai",
     "afp2021_joint_statement"),
]


def cooperation_timeline(raw: Path) -> pd.DataFrame:
    """Dated events of China-US climate cooperation and the US exit and return, 1979-2021."""
    frame = pd.DataFrame(EVENTS, columns=["date", "actor", "kind", "event", "bib_key"])
    frame["year"] = frame["date"].str[:4].astype(int)
    frame = frame.sort_values("date").reset_index(drop=True)
    frame.insert(0, "order", range(1, len(frame) + 1))
    return frame[["order", "date", "year", "actor", "kind", "event", "bib_key"]]


TABLES = {"cooperation_timeline": cooperation_timeline}

"""Every event after 2021 is cited to a source a reader can open: its bibliography entry has a URL."""

from __future__ import annotations

import pandas as pd
import pytest
from pybtex.database import parse_file

from climate_course import load_table
from conftest import ROOT

PAPER_DATE = "2021-08-01"  # the white paper; everything later is an event after the paper
ENTRIES = parse_file(str(ROOT / "references.bib")).entries


def _dated_after_paper() -> list[str]:
    return sorted(key for key, entry in ENTRIES.items() if entry.fields.get("date", "") > PAPER_DATE)


def _event_keys() -> list[str]:
    epilogue = load_table("epilogue_events")
    cooperation = load_table("cooperation_timeline")
    keys = set(epilogue.loc[epilogue["date"].astype(str) > PAPER_DATE, "source_key"])
    keys |= set(cooperation.loc[cooperation["date"].astype(str) > PAPER_DATE, "bib_key"])
    return sorted(keys)


def test_there_are_events_after_the_paper():
    assert len(_event_keys()) >= 10 and len(_dated_after_paper()) >= 10


@pytest.mark.parametrize("key", sorted(set(_dated_after_paper()) | set(_event_keys())))
def test_event_after_the_paper_has_a_url(key):
    assert key in ENTRIES, f"{key} is not in references.bib"
    fields = ENTRIES[key].fields
    assert fields.get("url", "").startswith(("https://", "http://")), f"{key} has no url"


@pytest.mark.parametrize("key", [k for k, e in ENTRIES.items() if "urldate" in e.fields])
def test_urldate_is_an_iso_date_not_in_the_future(key):
    when = pd.Timestamp(ENTRIES[key].fields["urldate"])
    assert pd.Timestamp("1990-01-01") < when <= pd.Timestamp.now(), f"{key}: urldate {when}"

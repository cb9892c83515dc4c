"""A translated page keeps its English page's numbers, whichever way Chinese writes them, and shows
the Chinese form of every glossary term it links."""

from __future__ import annotations

import pytest

from climate_course.press.parity import terms_not_shown, unmatched


@pytest.mark.parametrize("english, chinese", [
    ("On 18 May 2021 it rose.", "2021 年 5 月 18 日，它上升了。"),
    ("In June 2017 and in mid-July.", "2017 年 6 月和 7 月中旬。"),
    ("2.5 billion tonnes and 14 million cars, 1,000 people.", "25 亿吨和 1400 万辆车，1000 人。"),
    ("about 11.9 Gt", "约 11.9 Gt（119 亿吨）"),  # a gloss in a smaller unit
    ("500 billion tonnes", "5000 亿吨（500 Gt）"),
    ("since the mid-2000s and the 1990s", "自 21 世纪头十年中期和 20 世纪 90 年代以来"),
    ("the EU-27 and CO2, see `ex07.q1` {footcite:p}`deng2021whitepaper`", "欧盟 27 国和二氧化碳，见 `ex07.q1` {footcite:p}`deng2021whitepaper`"),
    ("eight of the 32 indicators; the third path; the 14th Five-Year Plan", "32 项指标中的 8 项；第三条路径；“十四五”规划"),
    ("{term}`ETS <Emissions trading system (ETS; 碳排放权交易体系)>` https://x.org/2020", "{term}`碳排放权交易体系 <碳排放权交易体系 (ETS)>`"),
])
def test_the_same_numbers_written_each_language_s_way(english, chinese):
    assert unmatched(english, chinese, "zh_CN") == ([], [])


@pytest.mark.parametrize("english, chinese, missing, extra", [
    ("In 2020 it was 5 million.", "2020 年为 5 亿。", ["5000000.0"], ["500000000.0"]),  # 亿 for million
    ("It fell 6.1 % in 2019.", "2019 年下降了 6.2%。", ["6.1"], ["6.2"]),
    ("On 4 November 2020.", "2020 年 11 月 14 日。", ["2020-11-04"], ["2020-11-14"]),
    ("About 7 % lower.", "约低。", ["7.0"], []),
])
def test_a_changed_or_dropped_number_is_found(english, chinese, missing, extra):
    assert unmatched(english, chinese, "zh_CN") == (missing, extra)


def test_a_term_link_must_show_the_glossary_s_chinese_term():
    assert terms_not_shown("{term}`碳达峰 <Carbon peak (碳达峰, tàn dá fēng)>` {term}`Additionality (额外性, éwàixìng)`") == []
    assert terms_not_shown("{term}`储存 <配额储存 (pèi'é chǔcún; Banking of allowances)>`") == [
        "{term}`储存 <配额储存 (pèi'é chǔcún; Banking of allowances)>` (shows no 配额储存)"]

"""The catalogs' cutting of Markdown into messages, and their putting back."""

from __future__ import annotations

from collections import defaultdict

import polib
import pytest
from hypothesis import given, strategies as st

from climate_course.press.translation import (copied_passages, finished_translations, markdown_messages, sources,
                                              split_blocks, syntax_problems, translate_markdown, translated_forms)

PAGE = """# Title

A paragraph
on two lines.

```{quiz} A question?
:objectives: ch01.o1
- [x] Yes — Right.
```

```python
x = 1

y = 2
```

:::{admonition} Key takeaways
:class: seealso
- One.

- Two.
:::

```{footbibliography}
```
"""


def test_blocks_give_the_text_back_and_keep_literal_code_whole():
    parts = split_blocks(PAGE)
    assert "".join(parts) == PAGE
    assert "x = 1\n\ny = 2" in "".join(p for p in parts[0::2] if p.startswith("```python"))


def test_messages_are_prose_blocks_only():
    messages = markdown_messages(PAGE)
    assert messages[0] == "# Title"
    assert messages[1] == "A paragraph\non two lines."
    assert any(m.startswith("```{quiz} A question?") and m.endswith("```") for m in messages)
    assert "- Two.\n:::" in messages
    assert not any("footbibliography" in m for m in messages)


def test_translation_replaces_each_block_and_keeps_the_rest():
    out = translate_markdown(PAGE, lambda m: "T" if m == "A paragraph\non two lines." else None)
    assert out == PAGE.replace("A paragraph\non two lines.", "T")


@given(st.lists(st.sampled_from(["word", "", "```", "```{note}", ":::", "```python", "x = 1", "  ", ":a: b"]),
                max_size=30))
def test_any_text_survives_the_round_trip(lines):
    text = "\n".join(lines)
    assert "".join(split_blocks(text)) == text
    assert translate_markdown(text, lambda m: m) == text


def test_every_page_of_the_books_has_a_catalog_source():
    paths = {s.path for s in sources()}
    assert {"intro.md", "glossary.md", "chapters/07_transport_evs.ipynb",
            "exercises/source/ex07_transport_evs.ipynb", "instructor/guide.ipynb", "_toc.yml"} <= paths


def test_a_translation_must_keep_roles_code_maths_links_and_quiz_order():
    english = ("Cars {term}`EVs <Electric vehicle (EV)>` {footcite:p}`a,b`: `ch07.o1`, $c=1$, "
               "https://x.org/a.")
    kept = "汽车{term}`电动汽车 <Electric vehicle (EV)>`{footcite:p}`a,b`：`ch07.o1`，$c=1$，https://x.org/a。"
    assert syntax_problems(english, kept) == []
    assert syntax_problems(english, kept.replace("a,b", "a"))
    assert syntax_problems(english, kept.replace("Electric vehicle (EV)", "电动汽车"))
    assert syntax_problems(english, kept.replace("$c=1$", "c=1"))
    quiz = "```{quiz} Q?\n:objectives: ch07.o2\n- [ ] A — no.\n- [x] B — yes.\n```"
    assert syntax_problems(quiz, "```{quiz} 问？\n:objectives: ch07.o2\n- [ ] 甲 — 否。\n- [x] 乙 — 是。\n```") == []
    assert syntax_problems(quiz, "```{quiz} 问？\n:objectives: ch07.o2\n- [x] 乙 — 是。\n- [ ] 甲 — 否。\n```")
    assert syntax_problems("## Sources", "# 来源")


def test_copied_passages_finds_24_characters_in_a_row_and_nothing_shorter():
    seed = "前言：" + "中美两国在应对气候变化问题上既有竞争也有合作的广阔空间" + "。"
    assert copied_passages("我们写道：中美两国在应对气候变化问题上既有竞争也有合作的广阔空间。", seed)
    assert copied_passages("中美两国在应对气候变化问题上既有竞争", seed) == []


def test_escaped_dollars_are_money_not_maths():
    english = r"from \$25,000 to \$35,000 and $x^2$"
    assert syntax_problems(english, r"从 2.5 万美元到 3.5 万美元，以及 $x^2$") == []
    assert syntax_problems(english, r"从 \$25,000 到 \$35,000，以及 x^2")


# ---- the catalogs as they are: one Chinese form for each recurring English one ------------------

RECURRING = [  # English form, where it stands in a message (FORM marks its place)
    ("Question", r"^## FORM \d+"),
    ("*Your answer here.*", "^FORM$"),
    ("Model answer", r"^\*\*FORM[.。]\*\*"),
    ("Marking notes", r"^\*\*FORM\s*[（(]"),
    ("What to hand in:", r"^\*\*FORM\*\*"),
    ("After this chapter you will be able to:", r"^:class: [\w-]+\nFORM$"),
    *[(title, r"^:::\{admonition\} FORM$") for title in
      ("Learning objectives", "Check the claim", "Try this", "Live version (Jupyter only)", "Key takeaways")],
    *[(heading, "^## FORM$") for heading in ("Discussion questions", "Check yourself", "Sources")],
]


@pytest.mark.parametrize("english, shape", RECURRING, ids=[english for english, _ in RECURRING])
def test_a_recurring_heading_or_title_has_one_translation(english, shape):
    forms = translated_forms(english, shape)
    assert len(forms) == 2, f"{english!r} is translated as {forms[1:]}: choose one"


def test_a_block_repeated_across_pages_is_translated_the_same_everywhere():
    translations = defaultdict(lambda: defaultdict(list))
    for catalog, msgid, msgstr in finished_translations():
        translations[msgid][msgstr].append(catalog)
    differing = {msgid: dict(found) for msgid, found in translations.items() if len(found) > 1}
    assert not differing


def test_recurring_forms_are_read_from_the_catalogs(tmp_path):
    catalog = tmp_path / "locales" / "xx" / "LC_MESSAGES" / "page.po"
    catalog.parent.mkdir(parents=True)
    po = polib.POFile()
    po.append(polib.POEntry(msgid="## Question 1 (units)", msgstr="## Frage 1 (Einheiten)"))
    po.append(polib.POEntry(msgid="## Question 2 (units)", msgstr="## Aufgabe 2 (Einheiten)", flags=["fuzzy"]))
    po.save(str(catalog))
    assert translated_forms("Question", r"^## FORM \d+", root=tmp_path) == ("Question", "Frage")

"""Formulas are typeset at build time by MathJax in Node.js (climate_course.press.maths)."""

from __future__ import annotations

import pytest
from docutils import nodes

from climate_course.press import maths


@pytest.fixture(scope="module")
def typesetter():
    typesetter = maths.Typesetter()
    yield typesetter
    typesetter.close()


def test_a_formula_becomes_svg_with_mathml_for_screen_readers(typesetter):
    markup = typesetter.typeset(r"\frac{E}{P} = \sum_{i} x_i^2", display=True)
    assert markup.startswith('<mjx-container class="MathJax" jax="SVG" display="true"')
    assert "<svg" in markup and "<path" in markup
    assert "<mjx-assistive-mml" in markup and "<mfrac>" in markup


def test_an_undefined_macro_is_an_error_not_red_text(typesetter):
    with pytest.raises(ValueError, match="Undefined control sequence"):
        typesetter.typeset(r"\nosuchmacro x", display=False)
    assert "<svg" in typesetter.typeset("x", display=False)  # the process still answers


def test_the_stylesheet_hides_the_mathml_and_centres_display_maths(typesetter):
    assert "mjx-assistive-mml {" in typesetter.stylesheet
    assert 'mjx-container[jax="SVG"][display="true"]' in typesetter.stylesheet


def test_display_maths_as_sphinx_gives_it_to_mathjax():
    def block(text):
        return nodes.math_block(text, text)
    assert maths.display_tex(block("a = b")) == "a = b"
    assert maths.display_tex(block(r"a = b \\ c = d")) == r"\begin{split}a = b \\ c = d\end{split}"
    assert maths.display_tex(block("a = b\n\nc = d")) == r"\begin{aligned}a = b\\c = d\end{aligned}"


def test_glyph_ids_are_numbered_in_page_order():
    body = '<path id="MJX-7-TEX-I-1"></path><use href="#MJX-7-TEX-I-1"></use><path id="MJX-3-TEX-N-2"></path>'
    assert maths.numbered_glyphs(body) == (
        '<path id="MJX-1-TEX-I-1"></path><use href="#MJX-1-TEX-I-1"></use><path id="MJX-2-TEX-N-2"></path>')

// Typesets the book's TeX as SVG with MathJax at build time, so no page loads MathJax.
// Driven by climate_course/press/maths.py: prints MathJax's stylesheet for SVG output
// as the first line (a JSON string), then answers each request line [tex, display] with
// one JSON line, {"html": markup} or {"error": message}. Undefined macros are errors.
"use strict";
const readline = require("readline");

require("mathjax").init({
  loader: { load: ["input/tex", "output/svg", "a11y/assistive-mml"] },
  tex: { packages: { "[-]": ["noundefined"] }, formatError: (jax, err) => { throw err; } },
  svg: { fontCache: "local" },
  startup: { typeset: false },
}).then((MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  const answer = (value) => process.stdout.write(JSON.stringify(value) + "\n");
  answer(adaptor.textContent(MathJax.svgStylesheet()));
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    const [tex, display] = JSON.parse(line);
    try {
      answer({ html: adaptor.outerHTML(MathJax.tex2svg(tex, { display })) });
    } catch (err) {
      answer({ error: err.message });
    }
  });
}).catch((err) => { console.error(err.message); process.exit(1); });

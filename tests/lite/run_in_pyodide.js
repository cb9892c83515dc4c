// Run notebooks under the lite site's own Pyodide in Node.js: one Pyodide loads the site's
// files once; each notebook runs in a fresh IPython namespace (run_notebooks.py).
// Usage: node run_in_pyodide.js SITE_DIR OUT.json NOTEBOOK...   (writes one JSON result per notebook)
const fs = require("fs");
const path = require("path");

async function main() {
  const [site, out, ...notebooks] = process.argv.slice(2);
  const indexURL = path.join(path.resolve(site), "static", "pyodide") + path.sep;
  const { loadPyodide } = require(path.join(indexURL, "pyodide.js"));
  const started = Date.now();
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  await pyodide.loadPackage(["climate-course"], { messageCallback: () => {} });
  pyodide.runPython(fs.readFileSync(path.join(__dirname, "run_notebooks.py"), "utf8"));
  const runNotebook = pyodide.globals.get("run_notebook");
  const results = { startup_seconds: (Date.now() - started) / 1000, notebooks: {} };
  for (const notebook of notebooks) {
    results.notebooks[notebook] = JSON.parse(runNotebook(fs.readFileSync(notebook, "utf8")));
  }
  results.versions = JSON.parse(pyodide.runPython(
    "import json, sys, numpy, pandas, altair; json.dumps({'python': sys.version.split()[0], " +
    "'numpy': numpy.__version__, 'pandas': pandas.__version__, 'altair': altair.__version__})"));
  fs.writeFileSync(out, JSON.stringify(results, null, 1));
}

main().catch((error) => { console.error(error); process.exit(1); });

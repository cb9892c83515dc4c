// Run a Vega-Lite spec headless with the book's own Vega copy; print every dataset as JSON.
// Input on stdin: {"spec": <Vega-Lite spec>, "signals": {name: value}}. Used by tests/vega_runner.py.
const fs = require('fs');
const vm = require('vm');
const dir = require('path').join(__dirname, '..', 'climate_course', 'press', 'static', 'vega') + '/';
// Load the UMD bundles as browser globals (no module system).
globalThis.self = globalThis;
for (const f of ['vega.min.js', 'vega-lite.min.js']) {
  vm.runInThisContext('(function(module, exports, define){' + fs.readFileSync(dir + f, 'utf8') + '\n})(undefined, undefined, undefined);');
}
const vega = globalThis.vega, vl = globalThis.vegaLite;
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
(async () => {
  const spec = vl.compile(input.spec).spec;
  const view = new vega.View(vega.parse(spec), {renderer: 'none'});
  for (const [k, v] of Object.entries(input.signals || {})) view.signal(k, v);
  await view.runAsync();
  const out = {};
  for (const d of spec.data) { try { out[d.name] = view.data(d.name); } catch (e) {} }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });

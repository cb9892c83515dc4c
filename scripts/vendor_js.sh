#!/usr/bin/env bash
# Refresh the JavaScript the built book serves itself (no CDN), from the npm registry.
# Maintainer tool: needs node/npm. The vendored files are committed, so building the
# book never needs this script. Versions must match what Altair's renderer expects
# (altair.vegalite.v5.display: VEGA_VERSION, VEGALITE_VERSION, VEGAEMBED_VERSION).
set -euo pipefail
cd "$(dirname "$0")/.."
VEGA=5.33.0 VEGALITE=5.20.1 VEGAEMBED=6.29.0 MATHJAX=3.2.2 AXE=4.10.3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "vega@$VEGA" "vega-lite@$VEGALITE" "vega-embed@$VEGAEMBED" \
    "mathjax@$MATHJAX" "axe-core@$AXE" >/dev/null)
unpack() { mkdir -p "$work/$1" && tar xzf "$work/$1-$2.tgz" -C "$work/$1"; }
unpack vega "$VEGA"; unpack vega-lite "$VEGALITE"; unpack vega-embed "$VEGAEMBED"
unpack mathjax "$MATHJAX"; unpack axe-core "$AXE"

dest=climate_course/press/static/vega
rm -rf "$dest" && mkdir -p "$dest"
for pkg in vega vega-lite vega-embed; do
  # Drop the source-map comment: the map is not shipped, and a reader's browser
  # would otherwise ask for a file that does not exist.
  grep -v '^//# sourceMappingURL=' "$work/$pkg/package/build/$pkg.min.js" > "$dest/$pkg.min.js"
  cp "$work/$pkg/package/LICENSE" "$dest/LICENSE-$pkg.txt"
done
printf 'vega %s\nvega-lite %s\nvega-embed %s\n' "$VEGA" "$VEGALITE" "$VEGAEMBED" > "$dest/VERSIONS.txt"

dest=climate_course/press/static/mathjax
rm -rf "$dest" && mkdir -p "$dest/output/chtml/fonts"
cp "$work/mathjax/package/es5/tex-chtml.js" "$dest/"
cp -r "$work/mathjax/package/es5/output/chtml/fonts/woff-v2" "$dest/output/chtml/fonts/"
cp "$work/mathjax/package/LICENSE" "$dest/LICENSE-mathjax.txt"
echo "mathjax $MATHJAX" > "$dest/VERSIONS.txt"

dest=tests/vendor
mkdir -p "$dest"
cp "$work/axe-core/package/axe.min.js" "$dest/axe.min.js"
cp "$work/axe-core/package/LICENSE" "$dest/LICENSE-axe-core.txt"
echo "axe-core $AXE" > "$dest/VERSIONS.txt"
echo "vendored: $(du -sh climate_course/press/static tests/vendor | tr '\n' ' ')"

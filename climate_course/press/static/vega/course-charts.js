// Draws every course chart of a page (the specs climate_course.press.sphinxext writes into it):
// fitted to its column's width, in the page's light or dark mode, with its controls grouped above
// it and a reset button, and below it buttons for its data and image and a line to cite it.
// window.COURSE_CHART_MODES (course-chart-modes.js, written from climate_course.theme) holds each
// mode's Vega-Lite config and the dark mode's colour for every light one.
(function () {
  "use strict";
  // Every word a reader sees, in the page's language (<html lang>).
  var WORDS = {
    en: {
      controls: "Change the chart", reset: "Reset", resetName: "Reset this chart's controls",
      takeAway: "Take this chart away", csv: "Data (CSV)", svg: "Image (SVG)", png: "Image (PNG)",
      csvName: "Download this chart's data as a CSV file", svgName: "Download this chart as an SVG image",
      pngName: "Download this chart as a PNG image", cite: "Cite this chart", chartLicence: "Chart: CC BY 4.0",
      dataLicence: "Data licence", sep: ". ",
      licences: {
        "derived-statistics-with-attribution": "statistics computed by the course from a source that is not openly licensed, cited with the attribution it asks for",
        "facts-compiled-from-cited-sources": "facts compiled from the cited sources"
      }
    },
    zh: {
      controls: "调整图表", reset: "重置", resetName: "将本图的控件恢复为初始值",
      takeAway: "带走这张图", csv: "数据（CSV）", svg: "图片（SVG）", png: "图片（PNG）",
      csvName: "下载本图数据（CSV 文件）", svgName: "下载本图（SVG 图片）",
      pngName: "下载本图（PNG 图片）", cite: "引用本图", chartLicence: "图表：CC BY 4.0",
      dataLicence: "数据许可", sep: "。",
      licences: {
        "derived-statistics-with-attribution": "本课程根据未开放许可的来源计算的统计数据，按来源要求注明出处",
        "facts-compiled-from-cited-sources": "根据所引来源整理的事实"
      }
    }
  };
  var words = WORDS[(document.documentElement.lang || "en").toLowerCase().indexOf("zh") === 0 ? "zh" : "en"];
  var ROOM_PX = 16;     // a title line's margin inside the chart's width
  var MIN_SCALE = 0.7;  // a drawing is not shrunk further to fit (12 px labels would fall below 8.5 px)
  var AXIS_PX = 70;     // what a plot's y axis, its labels and the padding take beside it
  var MAX_COLUMNS = 12;  // a row of facet panels is wrapped to at most this many columns, fewer where they do not fit
  var MAX_NARROWINGS = 3;  // a chart drawn wider than its column is drawn again narrower at most this often,
  var NARROWING_SPARE_PX = 6;  // each time by its overflow and this much more (its axes and labels move too)
  var NARROW = 560;     // below this width a line's end label gives way to the legend, titles get smaller
  var END_LABELS = "end_labels";  // climate_course.charts.END_LABELS
  var HEADLINE = "headline";  // climate_course.charts.HEADLINE
  var HEADLINE_LINES = "course_headline_lines";  // the field that holds a headline's wrapped lines
  var TIMELINE_LABELS = "timeline_labels";  // climate_course.timelines.TIMELINE_LABELS
  var TIMELINE_AXIS_PX = 48;  // a timeline's year labels and the padding beside its plot
  var LABEL_GAP_PX = 3;  // the least space between two timeline labels
  var SLACK = 1.5;  // a timeline made taller for its labels gets this much more room than they need
  var MAX_SHIFT_PX = 40;  // a label further than this from its event makes the timeline taller...
  var GROWTH_STEPS = 4;   // ...by a fifth, up to this many times (about twice as tall)
  var TICK_ROOM_PX = 30;  // the least space between two year ticks of a timeline
  var YEAR_MS = 365.25 * 864e5;
  var GAP_YEARS = 2;  // a timeline's stretch of more years than this without an event is drawn this long
  var MARKERS_APART_PX = 16;  // the least distance between two timeline events on different days (a marker is about 12 px wide)

  function dark() { return document.documentElement.dataset.theme === "dark"; }

  function merged(base, over) {
    var out = {}, key;
    for (key in base) { out[key] = base[key]; }
    for (key in over) {
      var both = out[key] && typeof out[key] === "object" && !Array.isArray(out[key]) &&
        over[key] && typeof over[key] === "object" && !Array.isArray(over[key]);
      out[key] = both ? merged(out[key], over[key]) : over[key];
    }
    return out;
  }

  // Every colour of the spec replaced by its dark-mode colour: colour strings, and the colours an
  // expression names (a picked country's colour is looked up in one); data values are left alone.
  // A colour scheme whose dark end would vanish (viridis) starts further along.
  var COLOUR_IN_EXPR = /#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi;
  function darkened(node, modes) {
    var colours = modes.darkColors;
    if (typeof node === "string") { return colours[node.toLowerCase()] || node; }
    if (Array.isArray(node)) { return node.map(function (item) { return darkened(item, modes); }); }
    if (!node || typeof node !== "object") { return node; }
    var out = {};
    for (var key in node) {
      var value = node[key];
      out[key] = key === "values" || key === "datasets" ? value
        : key === "expr" && typeof value === "string"
          ? value.replace(COLOUR_IN_EXPR, function (colour) { return colours[colour.toLowerCase()] || colour; })
        : key === "scheme" && typeof value === "string" && modes.darkSchemes[value] ? modes.darkSchemes[value]
        : darkened(value, modes);
    }
    return out;
  }

  // Lines break at spaces, and after any Chinese character (or full-width sign); each line is
  // measured in the font it is drawn in.
  var WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f";
  var TOKENS = new RegExp("[" + WIDE + "][\u3001\u3002\uff0c\uff1a\uff1b\uff09\u300b\u300d]*|\\s+|[^\\s" + WIDE + "]+", "g");
  var ruler = document.createElement("canvas").getContext("2d");

  function wrap(text, room, font) {
    var lines = [], line = "";
    ruler.font = font;
    (String(text).match(TOKENS) || []).forEach(function (token) {
      if (/^\s+$/.test(token)) { line = line ? line + " " : line; return; }
      if (line.trim() && ruler.measureText((line + token).trim()).width > room) { lines.push(line.trim()); line = token; } else { line += token; }
    });
    if (line.trim()) { lines.push(line.trim()); }
    return lines;
  }
  // ``text`` broken at ``lineBreak`` and each piece wrapped to ``room``: one array of lines.
  function wrappedLines(text, lineBreak, room, font) {
    return [].concat.apply([], String(text).split(lineBreak).map(function (piece) { return wrap(piece, room, font); }));
  }
  // Titles and headlines made by an expression are wrapped when Vega evaluates them:
  // courseWrap(text, room, font), courseLines(text, lineBreak, room, font).
  if (window.vega && vega.expressionFunction) {
    vega.expressionFunction("courseWrap", wrap);
    vega.expressionFunction("courseLines", wrappedLines);
  }

  function naturalWidth(spec, config) {
    return typeof spec.width === "number" ? spec.width : (config.view || {}).continuousWidth || 300;
  }

  // The spec laid out for a column ``width`` px wide: a single plot takes the column's width;
  // panels side by side are stacked when they do not fit, a wrapped facet drops columns, and any
  // panel still too wide is narrowed. Titles and source lines are wrapped to the width.
  function fitted(spec, width, config) {
    var out = titled(spec, width, config);
    if (out.hconcat) {
      var sum = out.hconcat.reduce(function (total, part) { return total + naturalWidth(part, config) + AXIS_PX; }, 0);
      if (sum > width) { out.vconcat = out.hconcat; delete out.hconcat; }
    }
    if (out.hconcat || out.vconcat) {
      var key = out.hconcat ? "hconcat" : "vconcat", share = out.hconcat ? width / out.hconcat.length : width;
      out[key] = out[key].map(function (part) { return narrowed(part, share, config); });
    } else if (out.facet && out.spec) {
      if (out.facet.column && !out.facet.row) {  // a row of panels wraps, as a wrapped facet does
        out.facet = out.facet.column;
        out.columns = MAX_COLUMNS;
      }
      // As many columns as fit panels a fifth narrower than made, balanced over the rows (3 panels
      // in two rows would leave one alone).
      var panel = naturalWidth(out.spec, config), panels = facetCount(out);
      var columns = Math.max(1, Math.min(out.columns || 1, panels, Math.floor(width / (0.8 * panel + AXIS_PX))));
      columns = Math.ceil(panels / Math.ceil(panels / columns));
      if (out.facet.field) { out.columns = columns; }
      // Panels share the column's width, up to half as wide again as they were made.
      out.spec = merged(out.spec, {width: Math.max(120, Math.min(Math.floor(width / columns - AXIS_PX), Math.round(panel * 1.5)))});
    } else if (!out.repeat && !out.concat) {
      // The column's width in pixels, not "container": Vega's own window-resize handling measured the
      // column mid-layout and left charts drawn too wide; the observer below redraws on every resize.
      out.width = width;
      out.autosize = {type: "fit-x", contains: "padding"};
    }
    return out;
  }

  // How many panels a wrapped facet draws: the distinct values of its field in the chart's rows.
  function facetCount(spec) {
    var seen = {}, field = spec.facet.field;
    chartRows(spec).forEach(function (row) { if (field in row) { seen[row[field]] = true; } });
    return Object.keys(seen).length || MAX_COLUMNS;
  }

  // Time along a timeline, piecewise: every stretch of more than GAP_YEARS without an event is shortened
  // to GAP_YEARS, and the stretch between two events takes at least ``least(from, to)`` of the axis (a
  // share, 0 to 1: room for their labels), so that a crowd of events spreads out and each label stays
  // beside its marker. Returns {gaps: [[from, to]...], stops: the times where the axis changes pace,
  // total: the axis's length in drawn time, at(when): the position (0 to 1) of a time, when(at): its inverse}.
  function timelineTime(times, lo, hi, least) {
    var cap = GAP_YEARS * YEAR_MS, gaps = [], stops = [lo];
    times.forEach(function (when) { if (when > stops[stops.length - 1] && when < hi) { stops.push(when); } });
    if (hi > stops[stops.length - 1]) { stops.push(hi); }
    var natural = stops.slice(1).map(function (stop, k) {
      var length = stop - stops[k];
      if (length > cap) { gaps.push([stops[k], stop]); }
      return Math.min(length, cap);
    });
    // Each least length is a share of the total it lengthens: found by iterating to the fixed point,
    // which exists while the shares sum to less than the whole axis (scaled down to 0.9 of it if not).
    var shares = stops.slice(1).map(function (stop, k) { return least ? least(stops[k], stop) : 0; });
    var sum = shares.reduce(function (total, share) { return total + share; }, 0);
    if (sum > 0.9) { shares = shares.map(function (share) { return share * 0.9 / sum; }); }
    var lengths = natural, total = 0;
    for (var round = 0; round < 30; round++) {
      total = lengths.reduce(function (all, length) { return all + length; }, 0);
      lengths = natural.map(function (length, k) { return Math.max(length, shares[k] * total); });
    }
    var total = lengths.reduce(function (sum, length) { return sum + length; }, 0) || 1;
    var marks = [0];
    lengths.forEach(function (length) { marks.push(marks[marks.length - 1] + length / total); });
    var piece = function (value, from, to) {  // the stretch of ``from`` holding ``value`` (the ends extend)
      for (var k = 0; k < from.length - 2 && value > from[k + 1]; k++) { /* next stretch */ }
      var span = from[k + 1] - from[k] || 1;
      return to[k] + (value - from[k]) / span * (to[k + 1] - to[k]);
    };
    return {
      gaps: gaps, stops: stops, total: total,
      at: function (when) { return stops.length > 1 ? piece(when, stops, marks) : 0; },
      when: function (at) { return stops.length > 1 ? piece(at, marks, stops) : lo; }
    };
  }

  // A timeline (climate_course.timelines) with its labels wrapped to the room beside its spine and
  // laid out again in pixels: each label's lines centred as near its event as the labels above and
  // below allow, none past the ends of the axis; the chart grows taller where its labels need it. A
  // long stretch with no event is shortened (timelineTime), its stretch of spine dotted.
  function laidOutTimeline(spec, config) {
    var labels = (spec.layer || []).filter(function (part) { return part && part.name === TIMELINE_LABELS; })[0];
    if (!labels || !spec.data || !spec.datasets || typeof spec.width !== "number") { return spec; }
    var mark = labels.mark, scale = labels.encoding.y.scale, pad = scale.padding || 0;
    var lo = scale.domain[0], hi = scale.domain[1], lineHeight = mark.lineHeight;
    var font = mark.fontSize + "px " + ((config.text || {}).font || config.font || "sans-serif");
    var spineX = labels.encoding.x.value, room = spec.width - TIMELINE_AXIS_PX - spineX - mark.dx - ROOM_PX;
    var rows = spec.datasets[spec.data.name].map(function (row) {
      var lines = wrap(row.text, room, font);
      return {row: row, lines: lines, size: lines.length * lineHeight, when: Date.parse(row.date)};
    });
    var times = rows.map(function (label) { return label.when; });
    var needed = rows.reduce(function (sum, label) { return sum + label.size + LABEL_GAP_PX; }, -LABEL_GAP_PX);
    // The room each moment's labels need (px): the events of one day stack their labels.
    var needs = {};
    rows.forEach(function (label) { needs[label.when] = (needs[label.when] || -LABEL_GAP_PX) + label.size + LABEL_GAP_PX; });
    var pixels = function (height) {  // the axis's pace for a chart ``height`` px tall
      // Two events on different days are at least a marker apart, and far enough for their labels to sit beside them.
      var least = function (from, to) {
        var need = Math.max(MARKERS_APART_PX, ((needs[from] || 0) + (needs[to] || 0)) / 2 + LABEL_GAP_PX);
        return need / (height - 2 * pad);
      };
      var time = timelineTime(times, lo, hi, least);
      return {time: time, of: function (when) { return pad + time.at(when) * (height - 2 * pad); },
              when: function (px) { return time.when((px - pad) / (height - 2 * pad)); }};
    };
    var layout = function (height) {
      var toPx = pixels(height).of;
      var centres = rows.map(function (label) { return toPx(label.when); });
      var apart = function (i) { return (rows[i].size + rows[i + 1].size) / 2 + LABEL_GAP_PX; };
      for (var i = 0; i < rows.length; i++) {  // each label below the one above it...
        centres[i] = Math.max(centres[i], i ? centres[i - 1] + apart(i - 1) : rows[i].size / 2);
      }
      for (i = rows.length - 1; i >= 0; i--) {  // ...and moved up again where that ran past the bottom
        centres[i] = Math.min(centres[i], i < rows.length - 1 ? centres[i + 1] - apart(i) : height - rows[i].size / 2);
      }
      var shift = Math.max.apply(null, centres.map(function (centre, i) { return Math.abs(centre - toPx(rows[i].when)); }));
      return {height: height, centres: centres, shift: shift};
    };
    // Taller, a step at a time, while a crowd of events keeps a label far from its marker.
    var laid = layout(Math.max(spec.height, Math.ceil(needed * SLACK)));
    for (var step = 0; step < GROWTH_STEPS && laid.shift > MAX_SHIFT_PX; step++) { laid = layout(Math.ceil(laid.height * 1.2)); }
    var height = laid.height, centres = laid.centres, px = pixels(height), time = px.time;
    var values = rows.map(function (label, i) {
      // Vega draws a label's first line at its y, the others below it.
      var first = centres[i] - (label.lines.length - 1) * lineHeight / 2;
      return merged(label.row, {text: label.lines, label_date: px.when(first)});
    });
    var datasets = merged(spec.datasets, {});
    datasets[spec.data.name] = values;
    // Year ticks every 1, 2, 5, 10... years, whichever first leaves room for its label, none inside a
    // shortened stretch (its pace is not the axis's) and none crowding the one before it.
    var pxPerYear = (height - 2 * pad) / (time.total / YEAR_MS);
    var years = [1, 2, 5, 10, 20, 50].filter(function (every) { return every * pxPerYear >= TICK_ROOM_PX; })[0] || 100;
    var ticks = [], last = -Infinity;
    for (var year = new Date(lo).getUTCFullYear(); year <= new Date(hi).getUTCFullYear() + 1; year++) {
      var tick = Date.UTC(year, 0, 1);
      var shortened = time.gaps.some(function (gap) { return tick > gap[0] && tick < gap[1]; });
      if (year % years || tick < lo || tick > hi || shortened || px.of(tick) - last < TICK_ROOM_PX) { continue; }
      ticks.push(tick);
      last = px.of(tick);
    }
    // Every layer's time scale gets the timeline's pace: its stops, at their positions in pixels.
    // (the domain as an expression: Vega-Lite would reduce a list of dates to its extent)
    var paced = {type: "utc", domain: {expr: JSON.stringify(time.stops)}, range: time.stops.map(px.of), nice: false};
    var layer = spec.layer.map(function (part) {
      var y = part.encoding && part.encoding.y;
      if (!y || !y.scale) { return part; }
      var out = merged(part, {encoding: {y: {scale: paced}}});
      delete out.encoding.y.scale.reverse;
      delete out.encoding.y.scale.padding;
      if (y.axis) { out.encoding.y.axis = merged(y.axis, {values: ticks}); delete out.encoding.y.axis.tickCount; }
      return out;
    });
    // A shortened stretch of spine is dotted: the page's colour dashed over it, clear of its two markers.
    var page = dark() ? window.COURSE_CHART_MODES.darkColors.white : "white";
    var breaks = time.gaps.map(function (gap) { return {from: px.when(px.of(gap[0]) + 10), to: px.when(px.of(gap[1]) - 10)}; });
    if (breaks.length) {
      layer.splice(1, 0, {data: {values: breaks}, mark: {type: "rule", color: page, strokeWidth: 3, strokeDash: [3, 3]},
                          encoding: {x: {value: spineX}, y: {field: "from", type: "temporal", scale: paced}, y2: {field: "to"}}});
    }
    return merged(spec, {height: height, datasets: datasets, layer: layer});
  }

  // Each headline layer of a single plot (climate_course.charts.headline) with its lines wrapped to the
  // plot's width, and raised by the lines the wrapping adds: on a phone, a headline
  // made of two long lines is drawn in three or four, not past the plot's edge.
  function wrappedHeadlines(spec, config) {
    if (!spec.layer || typeof spec.width !== "number" || !window.vega || !vega.expressionFunction) { return spec; }
    var family = (config.text || {}).font || config.font || "sans-serif";
    return merged(spec, {layer: spec.layer.map(function (part) {
      var encoding = part.encoding || {}, mark = part.mark || {}, text = encoding.text, y = encoding.y;
      if (!(part.name || "").startsWith(HEADLINE) || !text || !text.field || !y || typeof y.value !== "number") { return part; }
      var field = "datum[" + JSON.stringify(text.field) + "]", lineBreak = JSON.stringify(mark.lineBreak || "\n");
      var font = JSON.stringify((mark.fontWeight || "normal") + " " + mark.fontSize + "px " + family);
      // (the plot's width as the layout will leave it, about: Vega's width signal is set only after the
      // layout, which a headline wrapped to it would then overrun)
      var room = Math.max(80, spec.width - AXIS_PX - ((encoding.x || {}).value || 0));
      var out = merged(part, {});
      out.transform = (part.transform || []).concat([{
        calculate: "courseLines(" + field + ", " + lineBreak + ", " + room + ", " + font + ")", as: HEADLINE_LINES}]);
      out.encoding = merged(encoding, {text: {field: HEADLINE_LINES}, y: {value: {expr: y.value + " - (length(datum." +
        HEADLINE_LINES + ") - length(split(" + field + ", " + lineBreak + "))) * " + mark.lineHeight}}});
      delete out.encoding.text.type;
      return out;
    })});
  }

  // Every x-axis title wider than its plot, in lines that fit it (Vega centres a title on its plot, so a
  // longer one reaches past the chart's edges on a phone). ``room``: the plot's width, about.
  function wrappedAxisTitles(node, room, config) {
    if (!node || typeof node !== "object" || Array.isArray(node)) { return node; }
    var own = typeof node.width === "number" ? node.width - AXIS_PX : room, out = merged(node, {});
    ["layer", "hconcat", "vconcat", "concat"].forEach(function (key) {
      if (Array.isArray(node[key])) { out[key] = node[key].map(function (part) { return wrappedAxisTitles(part, own, config); }); }
    });
    if (node.spec) { out.spec = wrappedAxisTitles(node.spec, own, config); }
    var x = node.encoding && node.encoding.x, style = config.axis || {};
    var title = x && (x.title !== undefined ? x.title : x.axis && x.axis.title);
    var font = "bold " + (style.titleFontSize || 11) + "px " + (style.titleFont || config.font || "sans-serif");
    if (typeof title === "string" && own > 0) {
      var lines = wrap(title, own, font);
      if (lines.length > 1) {
        out.encoding = merged(node.encoding, {x: x.title !== undefined ? {title: lines} : {axis: {title: lines}}});
      }
    }
    return out;
  }

  // The whole chart fitted to ``width``, with the config that goes with that width; ``legendFit`` (for a
  // legend drawn past the column's edge) caps every legend's columns and wraps its labels to a room.
  function fittedChart(spec, width, config, legendFit) {
    var out = wrappedHeadlines(laidOutTimeline(fitted(spec, width, config), config), config);
    out = wrappedAxisTitles(out, width - AXIS_PX, config);
    // A line still too long (one long word) ends in an ellipsis at the width.
    out.config = merged(out.config || {}, {title: {limit: Math.max(100, width - ROOM_PX)}});
    if (width < NARROW) {
      out.config = merged(out.config, {title: {fontSize: 14, subtitleFontSize: 12}});
      out = withoutEndLabels(out);
    }
    var fit = legendFit || {}, columns = fit.columns || (width < NARROW ? 2 : 0), over = {};
    if (columns) { over.columns = columns; }
    if (fit.labelRoom && window.vega && vega.expressionFunction) {
      var style = config.legend || {}, family = style.labelFont || config.font || "sans-serif";
      over.labelExpr = "courseWrap(datum.label, " + fit.labelRoom + ", " + JSON.stringify((style.labelFontSize || 12) + "px " + family) + ")";
    }
    if (Object.keys(over).length) {
      out.config = merged(out.config, {legend: over});
      out = narrowLegends(out, over);
    }
    return out;
  }

  // Every legend with ``fit.columns`` columns at most, even where a chart asked for more (the config's
  // columns do not override a chart's own): two on a phone, one where two were still too wide; and, where
  // one column still reached past the edge, its labels wrapped (``fit.labelExpr``) unless it words its own.
  function narrowLegends(node, fit) {
    if (Array.isArray(node)) { return node.map(function (part) { return narrowLegends(part, fit); }); }
    if (!node || typeof node !== "object") { return node; }
    var out = {};
    for (var key in node) {
      var value = node[key];
      if (key === "datasets" || key === "data") { out[key] = value; continue; }
      if (key !== "legend" || !value || typeof value !== "object") { out[key] = narrowLegends(value, fit); continue; }
      var legend = merged(value, {});
      if (fit.columns && legend.columns > fit.columns) { legend.columns = fit.columns; }
      if (fit.labelExpr && !legend.labelExpr) { legend.labelExpr = fit.labelExpr; }
      out[key] = legend;
    }
    return out;
  }

  // On a phone there is no room beside the lines for their names: the legend (colour and dash) names them.
  function withoutEndLabels(node) {
    if (Array.isArray(node)) {
      return node.filter(function (part) { return !(part && part.name === END_LABELS); }).map(withoutEndLabels);
    }
    if (!node || typeof node !== "object") { return node; }
    var out = {};
    for (var key in node) { out[key] = key === "datasets" || key === "data" ? node[key] : withoutEndLabels(node[key]); }
    return out;
  }

  // ``spec`` with its title and source lines wrapped to ``width`` px.
  function titled(spec, width, config) {
    var out = merged(spec, {}), title = typeof out.title === "string" ? {text: out.title} : out.title;
    if (!title || typeof title !== "object") { return out; }
    var lines = {}, style = config.title || {}, family = style.font || config.font || "sans-serif", room = width - ROOM_PX;
    var font = "bold " + (width < NARROW ? 14 : style.fontSize || 16) + "px " + family;
    var subtitleFont = (width < NARROW ? 12 : style.subtitleFontSize || 13) + "px " + family;
    if (typeof title.text === "string" || Array.isArray(title.text)) {
      lines.text = wrap([].concat(title.text).join(" "), room, font);
    } else if (title.text && title.text.expr && window.vega && vega.expressionFunction) {
      lines.text = {expr: "courseWrap(" + title.text.expr + ", " + room + ", " + JSON.stringify(font) + ")"};
    }
    if (typeof title.subtitle === "string" || Array.isArray(title.subtitle)) {
      lines.subtitle = wrap([].concat(title.subtitle).join(" "), room, subtitleFont);
    }
    out.title = merged(title, lines);
    return out;
  }

  // A panel of a concatenation given its share of the column: narrowed to it, or widened to it up to
  // half as wide again as it was made (a panel stacked under another on a phone takes the column's width).
  function narrowed(part, share, config) {
    if (part.hconcat || part.vconcat || part.facet) { return fitted(part, share, config); }
    var room = Math.floor(share - AXIS_PX), out = titled(part, share, config), natural = naturalWidth(part, config);
    if (room <= 0) { return out; }
    if (natural > room) { return merged(out, {width: room}); }
    return typeof part.width === "number" ? merged(out, {width: Math.min(room, Math.round(natural * 1.5))}) : out;
  }

  function boundParams(spec) {
    return (spec.params || []).filter(function (param) { return param.bind; });
  }

  function download(href, name) {
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The chart's own rows, as the page holds them: its inline data, or the datasets it names.
  function chartRows(spec) {
    var rows = [];
    (function collect(node) {
      if (!node || typeof node !== "object") { return; }
      if (Array.isArray(node)) { node.forEach(collect); return; }
      if (node.data && Array.isArray(node.data.values)) { rows = rows.concat(node.data.values); }
      for (var key in node) { if (key !== "data" && key !== "datasets") { collect(node[key]); } }
    })(spec);
    Object.keys(spec.datasets || {}).forEach(function (name) { rows = rows.concat(spec.datasets[name]); });
    return rows.filter(function (row) { return row && typeof row === "object"; });
  }

  function csvText(rows) {
    var columns = [];
    rows.forEach(function (row) { Object.keys(row).forEach(function (key) { if (columns.indexOf(key) < 0) { columns.push(key); } }); });
    return [columns.map(csvCell).join(",")].concat(rows.map(function (row) {
      return columns.map(function (key) { return csvCell(row[key]); }).join(",");
    })).join("\r\n") + "\r\n";
  }

  // ``text`` ended as a sentence: a full stop (and space) unless it ends in a stop, question or exclamation mark already.
  function sentence(text) {
    text = String(text || "").trim();
    if (!text) { return ""; }
    return /[.?!\u3002\uff1f\uff01]$/.test(text) ? text + words.sep.replace(/^\S+/, "") : text + words.sep;
  }

  function titleText(spec) {
    var title = spec.title && typeof spec.title === "object" ? spec.title.text : spec.title;
    return Array.isArray(title) ? title.join(" ") : typeof title === "string" ? title : "";
  }

  function button(label, name, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.setAttribute("aria-label", name);
    element.addEventListener("click", onClick);
    return element;
  }

  function Chart(element) {
    this.element = element;
    this.figure = element.closest("figure") || element.parentElement;
    this.spec = JSON.parse(document.getElementById(element.id + "-spec").textContent);
    this.initial = {};
    this.values = {};
    boundParams(this.spec).forEach(function (param) { this.initial[param.name] = param.value; }, this);
    this.file = (titleText(this.spec) || element.id).replace(/[^\w\u4e00-\u9fff]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "chart";
    this.controls = null;
    if (Object.keys(this.initial).length) {
      this.controls = document.createElement("div");
      this.controls.className = "course-chart-controls";
      this.controls.setAttribute("role", "group");
      this.controls.setAttribute("aria-label", words.controls + (titleText(this.spec) ? ": " + titleText(this.spec) : ""));
      this.inputs = document.createElement("div");
      this.inputs.className = "course-chart-inputs";
      this.controls.appendChild(this.inputs);
      this.controls.appendChild(button(words.reset, words.resetName, this.reset.bind(this)));
      this.figure.insertBefore(this.controls, this.figure.firstChild);
    }
    this.addTakeAway();
  }

  Chart.prototype.specForPage = function () {
    // The chart's own colours turn dark first; the dark config, already dark, is added after.
    var modes = window.COURSE_CHART_MODES, own = dark() ? darkened(this.spec, modes) : this.spec;
    var config = merged(dark() ? modes.dark : modes.light, own.config || {});
    var narrowings = this.narrowings || [], by = narrowings.length ? narrowings[narrowings.length - 1].by : 0;
    var spec = fittedChart(merged(own, {config: config}), this.width - by, config, this.legendFit);
    var values = this.values;
    spec.params = (spec.params || []).map(function (param) {
      return param.name in values ? merged(param, {value: values[param.name]}) : param;
    });
    return spec;
  };

  // Draws run one after another: a redraw keeps the values the reader gave the controls.
  Chart.prototype.draw = function () {
    this.queue = (this.queue || Promise.resolve()).then(this.drawNow.bind(this));
    return this.queue;
  };

  Chart.prototype.drawNow = function () {
    var chart = this;
    if (chart.view) {
      Object.keys(chart.initial).forEach(function (name) { chart.values[name] = chart.view.signal(name); });
      chart.view.finalize();
    }
    chart.element.textContent = "";
    if (chart.inputs) { chart.inputs.textContent = ""; }
    var width = chart.element.clientWidth || chart.figure.clientWidth || 640;
    if (width !== chart.width) { chart.legendFit = {}; chart.narrowings = []; }  // a new width tries again from the start
    chart.width = width;
    // Vega draws the compiled spec itself (no vega-embed: the take-away row replaces its export
    // menu, and Vega's own tooltip, the element's title, shows a point's values).
    return new Promise(function (resolve) {
      var view = new vega.View(vega.parse(vegaLite.compile(chart.specForPage()).spec), {
        renderer: "svg", container: chart.element, bind: chart.inputs || undefined, hover: true
      });
      resolve(view.runAsync());
    }).then(function (view) {
      chart.view = view;
      // A legend wider than the column is drawn again in one column (long names side by side on a phone).
      if (!chart.legendFit.columns && chart.legendTooWide()) {
        chart.legendFit = {columns: 1};
        return chart.drawNow();
      }
      // A legend in one column still reaching past the column's edge has its labels wrapped to the room left.
      var spill = chart.legendFit.labelRoom ? null : chart.legendSpill();
      if (spill && spill.by > 1 && spill.label > 0) {
        chart.legendFit = {columns: 1, labelRoom: Math.max(80, Math.floor(spill.label - spill.by - 4))};
        return chart.drawNow();
      }
      if (chart.narrowedAgain()) { return chart.drawNow(); }
      chart.scaleToFit();
      chart.element.dataset.drawnWidth = chart.width;
      if (!titleText(chart.spec)) { chart.citeDrawnTitle(); }
      if (window.addCountryPicker) { window.addCountryPicker({spec: chart.spec, view: view}); }
      return view;
    }).catch(function (error) { console.error("chart " + chart.element.id + ":", error); });
  };

  // A chart still wider than its column (panels that cannot narrow more, long labels) is scaled to fit;
  // so is one whose drawing reaches past its own edges (a long label or line of text in the plot),
  // which would otherwise be cut off, unless fitting it would shrink its text below MIN_SCALE (then the
  // reader sees the start of the long labels at their size, and the rest in their tooltips).
  Chart.prototype.scaleToFit = function () {
    var svg = this.element.querySelector("svg"), room = this.element.clientWidth;
    if (!svg) { return; }
    var width = +svg.getAttribute("width"), height = +svg.getAttribute("height"), drawn = svg.getBBox();
    var left = Math.min(0, drawn.x - 2), right = Math.max(width, drawn.x + drawn.width + 2);
    if ((left < 0 || right > width) && room / (right - left) >= MIN_SCALE) {
      svg.setAttribute("viewBox", [left, 0, right - left, height].join(" "));
      svg.setAttribute("width", right - left);
      width = right - left;
    }
    svg.style.width = width > room ? room + "px" : "";
    svg.style.height = width > room ? "auto" : "";
  };

  // A chart drawn past its column (panels whose axes took more than AXIS_PX, a label beyond the plot's
  // right edge) is to be drawn again that much narrower, rather than scaled down with its text: true when
  // it is. At most MAX_NARROWINGS times; a narrowing that brought the drawing in by less than half its
  // own size (a panel's heading, a legend: things that keep their width) is undone, and that is the last.
  Chart.prototype.narrowedAgain = function () {
    var tried = this.narrowings = this.narrowings || [], overflow = this.drawnOverflow();
    var last = tried[tried.length - 1] || {by: 0}, before = tried[tried.length - 2];
    last.overflow = overflow;
    if (overflow <= 1 || last.final) { return false; }
    if (before && overflow > before.overflow - (last.by - before.by) / 2) {
      tried.push({by: before.by, final: true});
      return true;
    }
    if (tried.length > MAX_NARROWINGS) { return false; }
    if (!tried.length) { tried.push(last); }
    tried.push({by: last.by + Math.ceil(overflow) + NARROWING_SPARE_PX});
    return true;
  };

  // How far past its column's right edge the chart was drawn (px; 0 if it fits): its own width, or a
  // label reaching out of it.
  Chart.prototype.drawnOverflow = function () {
    var svg = this.element.querySelector("svg");
    if (!svg) { return 0; }
    var drawn = svg.getBBox();
    return Math.max(0, +svg.getAttribute("width"), drawn.x + drawn.width + 2) - this.element.clientWidth;
  };

  // How far the legend reaching furthest right goes past the column's edge (px), and its longest
  // label's width; null when the drawing reaches no further than its column.
  Chart.prototype.legendSpill = function () {
    var edge = this.element.getBoundingClientRect().right, spill = null;
    if (this.drawnOverflow() <= 1) { return null; }
    this.element.querySelectorAll("g.role-legend").forEach(function (legend) {
      var by = legend.getBoundingClientRect().right - edge;
      if (spill && by <= spill.by) { return; }
      var label = 0;
      legend.querySelectorAll("g.role-legend-label text").forEach(function (text) { label = Math.max(label, text.getBBox().width); });
      spill = {by: by, label: label};
    });
    return spill;
  };

  // (Measured only when the drawing is wider than its column: a legend's box costs the page a layout.)
  Chart.prototype.legendTooWide = function () {
    var room = this.element.clientWidth, svg = this.element.querySelector("svg");
    if (!svg || +svg.getAttribute("width") <= room + 1) { return false; }
    return Array.prototype.some.call(this.element.querySelectorAll("g.role-legend"), function (legend) {
      return legend.getBBox().width > room;
    });
  };

  // Drawn again from the page's spec, as the chart first was (controls, scales and all).
  Chart.prototype.reset = function () {
    var chart = this;
    chart.queue = (chart.queue || Promise.resolve()).then(function () {
      if (chart.view) { chart.view.finalize(); chart.view = null; }
      chart.values = {};
      return chart.drawNow();
    });
    return chart.queue;
  };

  Chart.prototype.citeDrawnTitle = function () {
    // The chart's own title (a panel's title sits inside its scope); a wrapped title's lines are the
    // tspans of its text, and Chinese lines join with no space.
    var space = words === WORDS.zh ? "" : " ", lines = [];
    this.element.querySelectorAll("g.role-title-text text").forEach(function (text) {
      if (text.closest(".role-scope")) { return; }
      var parts = text.querySelectorAll("tspan");
      (parts.length ? Array.prototype.slice.call(parts) : [text]).forEach(function (part) { lines.push(part.textContent); });
    });
    var title = lines.join(space);
    this.citedTitle.textContent = sentence(title);
  };

  Chart.prototype.addTakeAway = function () {
    var chart = this, box = document.createElement("div");
    box.className = "course-chart-takeaway";
    var actions = document.createElement("div");
    actions.className = "course-chart-downloads";
    actions.setAttribute("role", "group");
    actions.setAttribute("aria-label", words.takeAway);
    actions.appendChild(button(words.csv, words.csvName, function () {
      var blob = new Blob([csvText(chartRows(chart.spec))], {type: "text/csv;charset=utf-8"});
      var url = URL.createObjectURL(blob);
      download(url, chart.file + ".csv");
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }));
    actions.appendChild(button(words.svg, words.svgName, function () {
      chart.view.toImageURL("svg").then(function (url) { download(url, chart.file + ".svg"); });
    }));
    actions.appendChild(button(words.png, words.pngName, function () {
      chart.view.toImageURL("png", 2).then(function (url) { download(url, chart.file + ".png"); });
    }));
    box.appendChild(actions);
    box.appendChild(this.citation());
    this.figure.appendChild(box);
  };

  // "Cite this chart: <title>. <source>. Data licence: <licence>. Chart: CC BY 4.0, <page address>."
  Chart.prototype.citation = function () {
    var meta = (this.spec.usermeta || {}).course || {}, line = document.createElement("p");
    line.className = "course-chart-cite";
    var label = document.createElement("strong");
    label.textContent = words.cite + ": ";
    line.appendChild(label);
    // A title made by an expression (it follows the controls) is read from the drawing, after each draw.
    this.citedTitle = document.createTextNode(sentence(titleText(this.spec)));
    line.appendChild(this.citedTitle);
    line.appendChild(document.createTextNode(sentence(meta.source || "")));
    (meta.licences || []).forEach(function (licence, index) {
      line.appendChild(document.createTextNode(index ? "; " : words.dataLicence + ": "));
      var text = words.licences[licence.name] || licence.name.replace(/-/g, " ");
      if (licence.path) {
        var link = document.createElement("a");
        link.href = licence.path;
        link.textContent = text;
        line.appendChild(link);
      } else {
        line.appendChild(document.createTextNode(text));
      }
    });
    if ((meta.licences || []).length) { line.appendChild(document.createTextNode(words.sep)); }
    line.appendChild(document.createTextNode(words.chartLicence + ", " + location.href.split("#")[0]));
    return line;
  };

  var charts = [], drawnDark = dark();

  document.addEventListener("DOMContentLoaded", function () {
    // Each chart is drawn in a task of its own: a page of charts never holds the page still for long
    // (a phone could not scroll while four charts drew in one go).
    var drawn = Promise.resolve();
    document.querySelectorAll(".course-vega").forEach(function (element) {
      var chart = new Chart(element);
      charts.push(chart);
      drawn = drawn.then(function () { return new Promise(function (next) { setTimeout(next, 0); }); })
        .then(function () { return chart.draw(); });
    });
    if (!charts.length) { return; }
    new MutationObserver(function () {
      if (dark() === drawnDark) { return; }
      drawnDark = dark();
      charts.forEach(function (chart) { chart.draw(); });
    }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
    // Drawn again when its column changes width (a window resized or turned, a sidebar opened).
    var pending = null;
    var resized = new ResizeObserver(function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        charts.forEach(function (chart) {
          var room = chart.element.clientWidth, svg = chart.element.querySelector("svg");
          // Drawn again for a column more than 24 px wider or narrower, or when the drawing outgrew it.
          if (room && (Math.abs(room - chart.width) > 24 || (svg && +svg.getAttribute("width") > room + 1))) { chart.draw(); }
        });
      }, 150);
    });
    charts.forEach(function (chart) { resized.observe(chart.figure); });
  });
})();

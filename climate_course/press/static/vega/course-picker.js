// A searchable picker of several countries for a course chart whose spec names one in
// usermeta.countryPicker = {param, options, initial, max, text}: the reader types a name
// (the browser's own suggestion list, keyboard operable), and each chosen country is a
// button that removes it. The picker sets the chart's array parameter; Vega redraws.
// Every word it shows comes from config.text (written, and translated, in the package).
// course-charts.js calls it after every draw of a chart (a chart is drawn again when its column
// changes width or the reader changes mode): the picker is made once and keeps the reader's
// choice, which it gives each new view.
function addCountryPicker(result) {
  var config = result.spec && result.spec.usermeta && result.spec.usermeta.countryPicker;
  if (!config) { return result; }
  var view = result.view;
  var root = view.container().closest(".course-vega") || view.container();
  if (root.coursePicker) { root.coursePicker(view); return result; }
  var id = root.id + "-picker";
  var chosen = config.initial.slice();
  function say(key, name) {
    return config.text[key].replace("{name}", name || "").replace("{count}", chosen.length).replace("{max}", config.max);
  }

  var box = document.createElement("div");
  box.className = "course-picker";
  box.setAttribute("role", "group");
  box.setAttribute("aria-labelledby", id + "-label");
  box.innerHTML =
    '<label class="course-picker-label" id="' + id + '-label" for="' + id + '-input"></label>' +
    '<ul class="course-picker-chosen"></ul>' +
    '<span class="course-picker-add">' +
    '<input type="text" id="' + id + '-input" list="' + id + '-list" autocomplete="off">' +
    '<datalist id="' + id + '-list"></datalist>' +
    '<button type="button" class="course-picker-reset"></button></span>' +
    '<span class="course-picker-status visually-hidden" role="status"></span>';
  box.querySelector("label").textContent = say("label");
  box.querySelector("ul").setAttribute("aria-label", say("shown"));
  box.querySelector(".course-picker-reset").textContent = say("reset");
  var input = box.querySelector("input");
  input.placeholder = say("placeholder");
  var list = box.querySelector("datalist");
  config.options.forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    list.appendChild(option);
  });
  var shown = box.querySelector("ul");
  var status = box.querySelector("[role=status]");

  function colourOf(name) {
    try { return view.scale("color")(name); } catch (err) { return "currentColor"; }
  }

  function draw(message) {
    shown.textContent = "";
    chosen.forEach(function (name) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "course-picker-chip";
      button.setAttribute("aria-label", say("remove", name));
      button.innerHTML = '<span class="course-picker-swatch" aria-hidden="true"></span><span></span>' +
        '<span aria-hidden="true"> ×</span>';
      button.children[1].textContent = name;
      button.addEventListener("click", function () { remove(name); });
      item.appendChild(button);
      shown.appendChild(item);
    });
    input.disabled = chosen.length >= config.max;
    if (message) { status.textContent = message; }
    view.signal(config.param, chosen.slice()).runAsync().then(function () {
      shown.querySelectorAll(".course-picker-swatch").forEach(function (swatch, i) {
        swatch.style.background = colourOf(chosen[i]);
      });
    });
  }

  function match(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    var exact = config.options.filter(function (name) { return name.toLowerCase() === wanted; });
    if (exact.length) { return exact[0]; }
    var starts = config.options.filter(function (name) { return name.toLowerCase().indexOf(wanted) === 0; });
    return starts.length === 1 ? starts[0] : null;
  }

  function add(name) {
    if (chosen.indexOf(name) >= 0) {
      status.textContent = say("again", name);
    } else if (chosen.length < config.max) {
      chosen.push(name);
      draw(say("added", name));
    }
    input.value = "";
  }

  function remove(name) {
    chosen = chosen.filter(function (other) { return other !== name; });
    draw(say("removed", name));
    input.focus();
  }

  input.addEventListener("change", function () {
    var name = match(input.value);
    if (name) { add(name); }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    var name = match(input.value);
    if (name) { add(name); } else { status.textContent = say("unknown", input.value); }
  });
  box.querySelector(".course-picker-reset").addEventListener("click", function () {
    chosen = config.initial.slice();
    draw(say("back", chosen.join(", ")));
  });

  // Beside the chart's other controls, outside the element a redraw empties.
  var figure = root.closest("figure");
  var controls = figure && figure.querySelector(".course-chart-controls");
  if (controls) { controls.insertBefore(box, controls.firstChild); } else { root.parentNode.insertBefore(box, root); }
  root.coursePicker = function (newView) { view = newView; draw(); };
  draw();
  return result;
}

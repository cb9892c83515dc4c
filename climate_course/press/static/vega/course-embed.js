// Called after vegaEmbed draws a course chart: give the export menu's icon-only
// <summary> a name that screen readers can announce.
function labelExportMenu(result) {
  var summary = result.view.container().parentElement.querySelector("details > summary");
  if (summary) { summary.setAttribute("aria-label", "Export this chart as an image"); }
  return result;
}

// The search page: starts Pagefind's UI (its index and its translations come with the site, from
// this origin). data-bundles lists the shards of the page's own language's index
// (pagefind/<lang>/<k>/): the first is the UI's bundle, the others are merged into its results.
// The index's URLs are relative to the language's folder, whose URL data-base gives.
// The UI's language comes from <html lang>. A query in the address (?q=…) is searched at once, so
// a search can be linked. Offline (a saved copy of this page) it says that search needs a
// connection, and starts once the connection is back.
(function () {
  "use strict";
  var box = document.getElementById("search");
  var offline = document.getElementById("search-offline");
  if (offline && navigator.onLine === false) {
    offline.hidden = false;
    var needsJs = document.getElementById("search-needs-js");
    if (needsJs) needsJs.hidden = true;
    window.addEventListener("online", function () { window.location.reload(); });
    return;
  }
  if (!box || typeof window.PagefindUI !== "function") return;
  var bundles = JSON.parse(box.getAttribute("data-bundles"));
  var base = box.getAttribute("data-base");
  var ui = new window.PagefindUI({
    element: box,
    bundlePath: bundles[0],
    baseUrl: base,
    mergeIndex: bundles.slice(1).map(function (path) {
      return { bundlePath: path, baseUrl: base };
    }),
    showImages: false,
    showSubResults: true
  });
  var note = document.getElementById("search-needs-js");
  if (note) note.hidden = true;
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

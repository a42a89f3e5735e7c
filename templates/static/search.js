// The search page: starts Pagefind's UI (its index and its translations come with the site, from
// this origin). data-bundle is the page's own language's bundle (pagefind/<lang>/), the only index
// it loads; the UI's language comes from <html lang>. A query in the address (?q=…) is searched at
// once, so a search can be linked.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof window.PagefindUI !== "function") return;
  var ui = new window.PagefindUI({
    element: box,
    bundlePath: box.getAttribute("data-bundle"),
    baseUrl: box.getAttribute("data-base"),
    showImages: false,
    showSubResults: true
  });
  var note = document.getElementById("search-needs-js");
  if (note) note.hidden = true;
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

// Offline reading: registers the site's service worker (sw.js at the base path, which keeps the
// pages a reader opened) and, on a saved copy the worker shows offline, writes the line saying
// when it was saved, in the page's language and the site's time zone. Without JavaScript or
// service workers the site works as before, online only.
(function () {
  "use strict";
  var script = document.currentScript;
  if (script && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(script.getAttribute("data-worker"),
      { scope: script.getAttribute("data-scope") }).catch(function () {});
  }
  var note = document.getElementById("offline-note");
  var saved = note && note.getAttribute("data-saved-at");
  if (!saved || isNaN(Date.parse(saved))) return;
  var when = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "long", timeStyle: "short",
    timeZone: note.getAttribute("data-tz"), calendar: "gregory" }).format(new Date(saved));
  // The date and time in a <bdi>: kept whole inside right-to-left text.
  var label = note.getAttribute("data-label").split("%(when)s");
  var date = document.createElement("bdi");
  date.textContent = when;
  note.textContent = label[0];
  note.appendChild(date);
  note.appendChild(document.createTextNode(label.slice(1).join("")));
  note.hidden = false;
})();

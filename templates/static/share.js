// "Share" on event and location pages: progressive enhancement of the plain links in the page
// (WhatsApp, Telegram, SMS, e-mail), which work without this script. Where the browser has the
// Web Share API, one "Share" button opens the phone's own share sheet instead; "Copy link" is shown
// only where the clipboard can be written, and says "Link copied" in the status line (read out by
// screen readers). Nothing is loaded from anywhere.
(function () {
  "use strict";
  var box = document.querySelector(".share");
  if (!box) return;
  var status = box.querySelector(".share-status");
  // The text ends with a line break: an app that puts the URL right after it puts it on a line of
  // its own, so a right-to-left title and date do not swallow the Latin address.
  var data = { title: box.getAttribute("data-title"), text: box.getAttribute("data-text") + "\n",
    url: box.getAttribute("data-url") };
  function say(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 100);  // a new message, said again
  }
  if (typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data))) {
    var button = box.querySelector(".share-native");
    box.querySelector(".share-links").hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share(data).catch(function () {});  // closed without sharing: nothing to say
    });
  }
  if (window.isSecureContext && navigator.clipboard && navigator.clipboard.writeText) {
    var copy = box.querySelector(".share-copy");
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(data.url).then(function () { say(box.getAttribute("data-copied")); },
        function () { say(box.getAttribute("data-failed")); });
    });
  }
})();

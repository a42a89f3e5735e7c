// On the language chooser, highlight and move first the language the browser asks for.
// Progressive enhancement only: every language is a plain link.
(function () {
  "use strict";
  var list = document.querySelector(".language-choice");
  if (!list) return;
  var offered = list.getAttribute("data-languages").split(" ");
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (offered.indexOf(code) >= 0) {
      var link = list.querySelector('a[hreflang="' + code + '"]');
      if (link) {
        link.classList.add("suggested");
        list.insertBefore(link.parentNode, list.firstChild);
      }
      return;
    }
  }
})();

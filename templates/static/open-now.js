// "Open now / opens at …": progressive enhancement from the data embedded in the page.
// No library, no network; without JavaScript the office-hours table says everything.
(function () {
  "use strict";
  var data = document.getElementById("opening-data");
  var out = document.getElementById("open-status");
  if (!data || !out) return;
  var info = JSON.parse(data.textContent);
  var lang = document.documentElement.lang;
  var labels = JSON.parse(out.getAttribute("data-labels") || "{}");
  function parts(date) {
    var f = new Intl.DateTimeFormat("en-CA", { timeZone: info.tz, year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var p = {};
    f.formatToParts(date).forEach(function (x) { p[x.type] = x.value; });
    return { day: p.year + "-" + p.month + "-" + p.day, time: p.hour + ":" + p.minute };
  }
  // Days and times in the page's language as the office-hours table writes them (CLDR: 12 or 24
  // hours, Latin or Persian digits), in the Gregorian calendar of every other date on the site.
  function dayName(day) {
    var d = new Date(day + "T12:00:00Z");
    return new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC",
      calendar: "gregory" }).format(d);
  }
  function clock(hhmm) {
    var t = hhmm.split(":");
    return new Intl.DateTimeFormat(lang, { hour: "numeric", minute: "2-digit", timeZone: "UTC" })
      .format(Date.UTC(2000, 0, 1, +t[0], +t[1]));
  }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, k) { return values[k]; });
  }
  var now = parts(new Date());
  var days = Object.keys(info.days).sort();
  var today = info.days[now.day] || [];
  for (var i = 0; i < today.length; i++) {
    if (today[i][0] <= now.time && now.time < today[i][1]) {
      out.textContent = fill(labels.open, { until: clock(today[i][1]) });
      out.className = "open-status open";
      out.hidden = false;
      return;
    }
  }
  for (var j = 0; j < days.length; j++) {
    var day = days[j];
    if (day < now.day) continue;
    var ranges = info.days[day];
    for (var k = 0; k < ranges.length; k++) {
      if (day > now.day || ranges[k][0] > now.time) {
        var text = day === now.day ? fill(labels.today, { time: clock(ranges[k][0]) })
          : fill(labels.later, { day: dayName(day), time: clock(ranges[k][0]) });
        out.textContent = text;
        out.className = "open-status closed";
        out.hidden = false;
        return;
      }
    }
  }
  out.textContent = labels.closed;
  out.className = "open-status closed";
  out.hidden = false;
})();

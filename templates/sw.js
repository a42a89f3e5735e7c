{# The service worker, written to sw.js at the site's base path by benn_site/output/worker.py.
   Its values come from the build: `build` changes when a page or static file does. #}
// Offline reading. Keeps a copy of each page a reader opens, and of the home, locations and events
// pages and the offline page of each language they read, for when the network is not there.
// Online, a page always comes from the network (its copy is replaced on the way); offline, the
// copy is shown, marked with when it was saved (static/offline.js writes the line), or, for a page
// never opened, the offline page of its language. Nothing is fetched from another origin.
// A new build has a new BUILD: the browser installs this worker again, which first fetches every
// saved page anew (if the network fails half-way, the old worker and its copies stay), then drops
// the old copies. At most MAX_PAGES opened pages are kept, the oldest go first.
"use strict";
var BUILD = {{ build|tojson }};
var SCOPE = {{ scope|tojson }};
var LANGUAGES = {{ languages|tojson }};
var OFFLINE = {{ offline|tojson }};
var START = {{ start|tojson }};
var ASSETS = {{ assets|tojson }};
var PREFIX = "offline " + SCOPE + " ";
var CACHE = PREFIX + BUILD;
var MAX_PAGES = 30;
var SAVED = "x-saved-at";

function key(url) {
  var u = new URL(url, self.location.href);
  return u.origin + u.pathname;
}

function language(url) {
  var code = new URL(url, self.location.href).pathname.slice(SCOPE.length).split("/")[0];
  return LANGUAGES.indexOf(code) >= 0 ? code : null;
}

function kept() {
  var all = [];
  LANGUAGES.forEach(function (code) { all = all.concat(START[code], [OFFLINE[code]]); });
  return all.concat(ASSETS).map(key);
}

// A copy of `response` with the moment it was saved.
function keep(cache, url, response) {
  var headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  return response.blob().then(function (body) {
    return cache.put(key(url), new Response(body, { status: 200, headers: headers }));
  });
}

function save(cache, url) {
  return fetch(url, { cache: "no-cache", credentials: "omit" }).then(function (response) {
    if (response.ok && response.type === "basic" && !response.redirected) return keep(cache, url, response);
  });
}

function inOrder(items, work) {
  return items.reduce(function (done, item) {
    return done.then(function () { return work(item); });
  }, Promise.resolve());
}

// The start pages and offline page of `lang`, and the static files, unless already saved.
function prepare(cache, lang) {
  var wanted = ASSETS.concat(lang ? START[lang].concat([OFFLINE[lang]]) : []);
  return inOrder(wanted, function (url) {
    return cache.match(key(url)).then(function (hit) { return hit || save(cache, url); });
  });
}

// Only the newest MAX_PAGES opened pages stay (a cache keeps the order pages were put in).
function trim(cache) {
  var fixed = kept();
  return cache.keys().then(function (requests) {
    var pages = requests.filter(function (r) { return fixed.indexOf(key(r.url)) < 0; });
    return Promise.all(pages.slice(0, Math.max(0, pages.length - MAX_PAGES)).map(function (r) {
      return cache.delete(r);
    }));
  });
}

// The saved copy, with the moment it was saved in the line static/offline.js shows.
function marked(saved) {
  var when = (saved.headers.get(SAVED) || "").replace(/[^0-9TZ:.-]/g, "");
  return saved.text().then(function (html) {
    return new Response(html.replace('data-saved-at=""', 'data-saved-at="' + when + '"'),
      { status: 200, headers: saved.headers });
  });
}

// Offline, a page never opened: the offline page of its language, else of a language the reader
// has read, in the order the browser prefers them.
function offlinePage(cache, url) {
  var wanted = [language(url)].concat((self.navigator.languages || []).map(function (l) {
    return l.toLowerCase().split("-")[0];
  }), LANGUAGES).filter(function (code) { return code && OFFLINE[code]; });
  return inOrder(wanted, function (code) {
    return cache.match(key(OFFLINE[code])).then(function (hit) {
      if (hit) throw hit;
    });
  }).then(function () { return Response.error(); }, function (hit) { return hit; });
}

// Online, from the server, never from the browser's HTTP cache (which, offline, could answer with
// a copy that does not say it is one): "no-cache" asks the server, which may answer "not modified".
function page(event) {
  var url = event.request.url;
  return fetch(url, { cache: "no-cache", redirect: "manual", credentials: "same-origin" }).then(function (response) {
    if (response.ok && response.type === "basic" && !response.redirected) {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) {
        return keep(cache, url, copy).then(function () {
          return prepare(cache, language(url));
        }).then(function () { return trim(cache); });
      }).catch(function () {}));
    }
    return response;
  }, function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(key(url)).then(function (saved) {
        return saved ? marked(saved) : offlinePage(cache, url);
      });
    });
  });
}

function asset(request) {
  return fetch(request).catch(function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(key(request.url)); })
      .then(function (hit) { return hit || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.indexOf(SCOPE) !== 0) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(asset(request));
  }
});

// A new build: every page saved by the worker before is fetched anew into this build's cache.
self.addEventListener("install", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
    return Promise.all(old.map(function (name) {
      return caches.open(name).then(function (cache) { return cache.keys(); });
    })).then(function (lists) {
      var urls = [];
      lists.forEach(function (requests) {
        requests.forEach(function (r) { if (urls.indexOf(r.url) < 0) urls.push(r.url); });
      });
      return caches.open(CACHE).then(function (cache) {
        return inOrder(urls, function (url) { return save(cache, url); });
      });
    });
  }).then(function () { return self.skipWaiting(); }));
});

// The old copies go; the pages open now (the first one was loaded before this worker ran) are saved.
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return self.clients.claim();
  }).then(function () {
    return self.clients.matchAll({ type: "window" });
  }).then(function (windows) {
    return caches.open(CACHE).then(function (cache) {
      return inOrder(windows.map(function (w) { return w.url; }), function (url) {
        if (new URL(url).pathname.indexOf(SCOPE) !== 0) return;
        return cache.match(key(url)).then(function (hit) {
          return hit || save(cache, url);
        }).then(function () { return prepare(cache, language(url)); }).then(function () { return trim(cache); });
      });
    });
  }));
});

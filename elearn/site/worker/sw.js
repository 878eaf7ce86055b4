/* elearn's service worker: the look of the site kept for good, the pages of the courses a
   trainee kept for offline, and the offline page for everything else. Progress made offline
   is queued by site.js and sent to /api/v1/sync; nothing here scores or decides. */
const VERSION = "__VERSION__";
const ASSETS = __ASSETS__;
const SHELL = "elearn-shell-" + VERSION;
const PAGES = "elearn-pages";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL)
    .then((cache) => cache.addAll([...ASSETS, "/offline"]))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key.startsWith("elearn-shell-") && key !== SHELL)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

async function fromNetworkElseKept(request) {
  try {
    const answer = await fetch(request);
    const kept = await caches.open(PAGES);
    if (answer.ok && await kept.match(request, { ignoreSearch: true })) {
      await kept.put(new URL(request.url).pathname, answer.clone());  // keep it fresh
    }
    return answer;
  } catch (offline) {
    return (await caches.match(new URL(request.url).pathname, { cacheName: PAGES }))
      || (await caches.match("/offline"));
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (request.mode === "navigate") {
    event.respondWith(fromNetworkElseKept(request));
  }
});

async function keep(paths) {
  const cache = await caches.open(PAGES);
  let kept = 0;
  for (const path of paths) {
    const answer = await fetch(path, { credentials: "same-origin" });
    if (answer.ok && !answer.redirected) {
      await cache.put(path, answer);
      kept += 1;
    }
  }
  return kept;
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "keep") {
    event.waitUntil(keep(event.data.paths).then(
      (count) => event.source.postMessage({ type: "kept", count })));
  } else if (event.data && event.data.type === "forget") {
    event.waitUntil(caches.delete(PAGES));
  }
});

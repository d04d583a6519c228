/*
 * Muster knights service worker. Keeps the app shell usable on a flaky phone connection:
 *  - hashed static assets (/_next/static, /icons) are cache-first (their names change when they do);
 *  - knight-app page navigations (/<locale>/knight…) are network-first, falling back to the last copy of
 *    that page, then /offline.html; other pages of the site are left to the network;
 *  - API, tRPC and live (SSE) traffic is never touched or cached: offers, positions and task stages must
 *    always be current, and an event stream must never be replayed from a cache.
 * Bump VERSION to drop old caches on the next activation.
 */
const VERSION = "v1";
const SHELL = `muster-knight-shell-${VERSION}`;
const PAGES = `muster-knight-pages-${VERSION}`;
const KNIGHT_PAGE = /^\/(zh-CN|en)\/knight(\/|$)/;
const PRECACHE = ["/offline.html", "/manifest.webmanifest", "/icons/knight-192.png", "/icons/knight-512.png", "/icons/knight.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("muster-knight-") && k !== SHELL && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isLiveOrApi(url, request) {
  return (
    url.pathname.startsWith("/api/") ||
    url.pathname === "/api" ||
    url.searchParams.has("_rsc") ||
    request.headers.get("accept") === "text/event-stream" ||
    request.headers.has("rsc") ||
    request.headers.has("next-router-state-tree")
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isLiveOrApi(url, request)) return; // straight to the network, never cached

  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(
      caches.open(SHELL).then(async (cache) => {
        const hit = await cache.match(request);
        if (hit) return hit;
        const res = await fetch(request);
        if (res.ok) cache.put(request, res.clone());
        return res;
      }),
    );
    return;
  }

  if (request.mode === "navigate" && KNIGHT_PAGE.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((res) => {
          // Only plain same-origin pages; never a redirect (e.g. to sign-in) or an error page.
          if (res.ok && res.type === "basic" && !res.redirected) {
            const copy = res.clone();
            caches.open(PAGES).then((cache) => cache.put(request, copy));
          }
          return res;
        })
        .catch(async () => (await caches.match(request, { cacheName: PAGES })) || (await caches.match("/offline.html")) || Response.error()),
    );
  }
});

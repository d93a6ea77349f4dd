// foi-lens service worker: the hosted app works offline after the first visit.
//
// - install: precache the app (page, wasm, glue, ECharts, CSS, manifest, icons) in a cache named
//   after the build. tools/postbuild.py writes BUILD (a hash of every precached file) and ASSETS
//   below, so any change to any file is a new cache name, a byte-different sw.js, and an update.
// - activate: delete every other foi-lens cache (old versions), take control of open pages.
// - fetch: pages network-first (a reader online always gets the newest version), falling back
//   to the cached page offline; other same-origin files cache-first (their names carry content
//   hashes). Requests to other origins are not touched (the app makes none).
// Nothing the user pastes is ever a request: parsing happens in the page.
const BUILD = 'unbuilt';
const ASSETS = ['./'];
const PREFIX = 'foi-lens-';
const CACHE = PREFIX + BUILD;

// Files whose names carry a content hash (Trunk's `name-<hash>.ext`) may come from the HTTP
// cache (the page has usually just loaded them); the others (the page, manifest, icons) must be
// fresh, or an old page could be cached beside the new files it does not name.
const HASHED = /-[0-9a-f]{12,}(_bg)?\.(js|css|wasm)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: HASHED.test(a) ? 'default' : 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) =>
          cache.match(request, { ignoreSearch: true })
            .then((hit) => hit || cache.match(new URL('./', self.registration.scope).href)))),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then((hit) => hit || fetch(request))),
  );
});

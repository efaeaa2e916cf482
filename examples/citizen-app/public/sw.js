// The citizen app's service worker: the app shell and the widgets' files are kept for offline use;
// the API, the card page and the receipt check always go to the network.
const CACHE = 'paybox-citizen-app-v2';
const SCOPE = new URL('./', self.location.href);
const SHELL = [
  './',
  'app.js',
  'i18n.js',
  'receipts.js',
  'styles.css',
  'manifest.webmanifest',
  'icons/icon.svg',
  'icons/icon-192.png',
  'icons/icon-512.png',
  'icons/icon-maskable-512.png',
].map((path) => new URL(path, SCOPE).href);
const WIDGETS = new URL('/widgets/paybox-widgets.js', self.location.origin).href;

/**
 * The chunks the widgets' entry imports, statically or on first use (the QR encoder, English), read
 * from the entry itself: their names carry content hashes, so a new build brings new names.
 */
async function cacheChunks(cache, entry) {
  const source = await entry.text();
  const chunks = new Set([...source.matchAll(/["'](\.\/chunks\/[\w.-]+\.js)["']/g)].map((match) => new URL(match[1], WIDGETS).href));
  await Promise.all([...chunks].map(async (chunk) => (await cache.match(chunk)) ?? cache.add(chunk).catch(() => undefined)));
}

async function cacheWidgets(cache) {
  const response = await fetch(WIDGETS, { cache: 'no-cache' });
  if (!response.ok) return;
  await cacheChunks(cache, response.clone());
  await cache.put(WIDGETS, response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      await cacheWidgets(cache).catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('paybox-citizen-app-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** The page from the network (fresh key and address); offline, the shell kept at install. */
async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(SCOPE.href, response.clone());
    return response;
  } catch {
    return (await cache.match(SCOPE.href)) ?? Response.error();
  }
}

/** Kept files at once, refreshed in the background for next time. */
async function keptFile(request, event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  const fresh = fetch(request)
    .then(async (response) => {
      if (!response.ok) return response;
      if (request.url === WIDGETS) await cacheChunks(cache, response.clone()).catch(() => undefined);
      await cache.put(request, response.clone());
      return response;
    })
    .catch(() => undefined);
  if (kept) {
    event.waitUntil(fresh);
    return kept;
  }
  return (await fresh) ?? Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const inScope = url.href.startsWith(SCOPE.href);
  if (request.mode === 'navigate') {
    if (inScope) event.respondWith(page(request));
    return;
  }
  if (inScope || url.pathname.startsWith('/widgets/')) event.respondWith(keptFile(request, event));
  // Everything else (the API under /v1, /verifica, the card page) is the network's.
});

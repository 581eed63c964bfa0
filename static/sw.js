// Keeps the whole site in a cache so that it opens, trains, imports files and opens links with
// no network. The build writes VERSION (a hash of the site's files) and FILES; a new deploy
// changes this file, the browser installs the new version beside the old one, and the page
// offers to switch to it.
'use strict';
const VERSION = 'dev';
const FILES = [];
const CACHE = 'backprop-studio-' + VERSION;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(['./'].concat(FILES)); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.startsWith('backprop-studio-') && k !== CACHE; })
        .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('message', function (event) {
  if (event.data === 'activate-new-version') self.skipWaiting();
});

// Cache first, ignoring the query (?backend=...) and the hash. What is not cached yet (the image
// sets, loaded only when chosen) comes from the network and is kept for next time.
self.addEventListener('fetch', function (event) {
  if (event.request.method !== 'GET' || new URL(event.request.url).origin !== location.origin) return;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(event.request, {ignoreSearch: true}).then(function (hit) {
      return hit || fetch(event.request).then(function (response) {
        if (response.ok) cache.put(event.request, response.clone());
        return response;
      });
    });
  }));
});

{% load static %}// Lantern's service worker. Served at /sw.js so it controls the whole site.
// It keeps an offline page with the crisis lines, and shows Web Push notifications.
//
// With no connection, every page that cannot load shows the offline page under its own address:
// it says the phone is offline, lists what still works (the crisis lines: calls and texts go
// through the phone, not the internet), and has no one's header, so nobody sees a signed-out
// header while signed in, or the other way round.
const CACHE = "lantern-v2";
const OFFLINE_PAGE = "{% url 'safety-help' %}?offline=1";
const OFFLINE_ASSETS = ["{% static 'css/lantern.css' %}", "{% static 'img/icon.svg' %}"];
// The language of whoever installed this worker (sw.js is rendered per request, so a change of
// language gives a new worker, which caches the page again in the new language).
const LANGUAGE = "{{ LANGUAGE_CODE }}";

// The offline page is kept as a visitor sees it (no cookies sent), in the person's language,
// so the copy holds nothing of the person who happened to be signed in.
function offlinePageRequest() {
  return new Request(OFFLINE_PAGE, { credentials: "omit", headers: { "Accept-Language": LANGUAGE } });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([offlinePageRequest(), ...OFFLINE_ASSETS]))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function offlinePage() {
  // ignoreVary: the copy was fetched with the language header, the navigation has its own.
  return caches.match(OFFLINE_PAGE, { ignoreVary: true }).then((page) => page || Response.error());
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (OFFLINE_ASSETS.includes(url.pathname)) {
    // Network first (the current stylesheet), the cache when offline.
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)).catch(() => {});
        }
        return response;
      }).catch(() => caches.match(url.pathname))
    );
  } else if (request.mode === "navigate") {
    // Any page that cannot load shows the offline page instead of the browser's error. Each
    // time the crisis page loads, the offline copy is refreshed (the numbers may have changed).
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok && url.pathname === "{% url 'safety-help' %}") {
          fetch(offlinePageRequest()).then((copy) => copy.ok && caches.open(CACHE)
            .then((cache) => cache.put(OFFLINE_PAGE, copy))).catch(() => {});
        }
        return response;
      }).catch(offlinePage)
    );
  }
});

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  const title = data.title || "Lantern";
  event.waitUntil(self.registration.showNotification(title, {
    icon: "{% static 'img/icon.svg' %}",
    data: { url: data.url || "/" },
    requireInteraction: Boolean(data.urgent),
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url));
});

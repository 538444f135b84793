{% load static %}// Lantern's service worker. Served at /sw.js so it controls the whole site.
// It keeps the crisis page available offline and shows Web Push notifications.
const CACHE = "lantern-v1";
const OFFLINE_PAGES = ["{% url 'safety-help' %}"];
const OFFLINE_ASSETS = ["{% static 'css/lantern.css' %}", "{% static 'img/icon.svg' %}"];

// The crisis page is kept as a visitor sees it (no cookies sent), so the copy holds nothing
// of the person who happened to be signed in.
function anonymous(url) {
  return new Request(url, { credentials: "omit" });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(OFFLINE_PAGES.map(anonymous).concat(OFFLINE_ASSETS)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isCached = OFFLINE_PAGES.includes(url.pathname) || OFFLINE_ASSETS.includes(url.pathname);
  if (isCached) {
    // Network first (fresh numbers), the cache when offline.
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok) {
          const fresh = OFFLINE_PAGES.includes(url.pathname) ? fetch(anonymous(url.pathname)) : Promise.resolve(response.clone());
          fresh.then((copy) => copy.ok && caches.open(CACHE).then((cache) => cache.put(url.pathname, copy))).catch(() => {});
        }
        return response;
      }).catch(() => caches.match(url.pathname))
    );
  } else if (request.mode === "navigate") {
    // Any page that cannot load offers the crisis page instead of the browser's error.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_PAGES[0])));
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

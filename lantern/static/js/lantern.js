// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Sign-up: fill the hidden time zone field from the browser, so times show in local time.
  var tz = document.querySelector('input[name="time_zone"]');
  if (tz && !tz.value && window.Intl) {
    try { tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep default */ }
  }
  // The service worker keeps the crisis page available offline and receives push notifications.
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();

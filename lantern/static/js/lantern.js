// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Sign-up: fill the hidden time zone field from the browser, so times show in local time.
  var tz = document.querySelector('input[name="time_zone"]');
  if (tz && !tz.value && window.Intl) {
    try { tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep default */ }
  }
  // The header's menu opens without this file (<details>); with it, Escape or a tap outside
  // closes it, as people expect of a menu.
  var menu = document.querySelector("details.menu");
  if (menu) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  }
  // The finder's "Near me": shown only here (it needs a script), and the browser asks for the
  // phone's location only when it is tapped. The place goes in the finder's own lat/lon fields,
  // so the search is still a plain URL; rounded to about a kilometre, since that URL stays in
  // the phone's history and is plenty for finding a meeting.
  var nearMe = document.querySelector("[data-near-me]");
  if (nearMe && "geolocation" in navigator) {
    var form = nearMe.form;
    var status = nearMe.parentNode.querySelector('[role="status"]');
    nearMe.parentNode.hidden = false;
    nearMe.addEventListener("click", function () {
      status.textContent = nearMe.getAttribute("data-locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(2);
        form.elements.lon.value = position.coords.longitude.toFixed(2);
        form.elements.zip.value = "";
        form.submit();
      }, function () {
        status.textContent = nearMe.getAttribute("data-refused");
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
  }
  // The service worker keeps an offline page with the crisis lines, and receives push notifications.
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
})();

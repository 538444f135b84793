// "Turn on notifications for this device": subscribes this browser to Web Push.
(function () {
  "use strict";
  var section = document.getElementById("push-section");
  var button = document.getElementById("push-enable");
  var status = document.getElementById("push-status");
  if (!section || !button || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  section.hidden = false;

  function csrf() {
    var m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }
  function keyBytes(base64url) {
    var pad = "=".repeat((4 - (base64url.length % 4)) % 4);
    var raw = atob((base64url + pad).replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(raw, function (c) { return c.charCodeAt(0); });
  }
  button.addEventListener("click", function () {
    status.textContent = "";
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") throw new Error("permission");
      return Promise.all([navigator.serviceWorker.ready, fetch(button.dataset.keyUrl).then(function (r) { return r.json(); })]);
    }).then(function (results) {
      return results[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(results[1].publicKey) });
    }).then(function (subscription) {
      return fetch(button.dataset.subscribeUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify(subscription),
      });
    }).then(function (response) {
      // The messages come translated from the page (data-ok, data-retry, data-blocked).
      status.textContent = response.ok ? button.dataset.ok : button.dataset.retry;
    }).catch(function () {
      status.textContent = button.dataset.blocked;
    });
  });
})();

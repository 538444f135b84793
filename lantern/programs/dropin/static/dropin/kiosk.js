// The sign-in kiosk goes back to its start by itself (lantern/programs/dropin/kiosk_views.py).
// Without this file a <meta http-equiv="refresh"> inside <noscript> does it; with it, the wait
// starts again on every tap or key, and someone who has typed something is warned first and can
// keep it ("I'm still here"), as WCAG 2.2.1 asks of a time limit.
(function () {
  "use strict";
  var main = document.querySelector("[data-kiosk-start]");
  if (!main) return;
  var start = main.getAttribute("data-kiosk-start");
  var after = parseInt(main.getAttribute("data-kiosk-return-after"), 10);
  var warnFor = parseInt(main.getAttribute("data-kiosk-warn") || "0", 10);
  if (!(after > 0)) return;
  var form = document.querySelector("[data-kiosk-form]");
  var warning = document.querySelector("[data-kiosk-warning]");
  var timer = null;

  function typed() {
    if (!form) return false;
    var handle = form.elements.namedItem("handle");
    if (handle && handle.value.trim()) return true;
    return form.querySelector("input:checked") !== null;
  }

  function leave() {
    window.location.replace(start);
  }

  function wait() {
    window.clearTimeout(timer);
    if (warning) warning.hidden = true;
    var warns = warnFor > 0 && warning && typed();
    timer = window.setTimeout(function () {
      if (warns && typed()) {
        warning.hidden = false;
        timer = window.setTimeout(leave, warnFor * 1000);
      } else {
        leave();
      }
    }, Math.max(after - (warns ? warnFor : 0), 1) * 1000);
  }

  ["pointerdown", "keydown", "input", "focusin"].forEach(function (name) {
    document.addEventListener(name, wait, true);
  });
  var stay = document.querySelector("[data-kiosk-stay]");
  if (stay) {
    stay.addEventListener("click", function () {
      wait();
      var handle = form && form.elements.namedItem("handle");
      if (handle) handle.focus();
    });
  }
  wait();
})();

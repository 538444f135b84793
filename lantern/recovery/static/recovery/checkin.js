// Progressive enhancement: show each slider's value as it moves. Without this the scale under
// each slider still names its ends, and the saved page shows the numbers.
(function () {
  "use strict";
  document.querySelectorAll('.range input[type="range"]').forEach(function (input) {
    var output = document.getElementById(input.id + "_value");
    if (!output) { return; }
    input.addEventListener("input", function () { output.value = input.value; output.textContent = input.value; });
  });
})();

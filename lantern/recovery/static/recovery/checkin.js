// Progressive enhancement: show each slider's value beside its label ("Mood: 4"), and keep it
// in step as the slider moves. Without JavaScript the number stays hidden (a number that cannot
// follow the slider would be wrong as soon as it moves); the scale under each slider names its
// positions, and the saved page shows the numbers.
(function () {
  "use strict";
  document.querySelectorAll('.range input[type="range"]').forEach(function (input) {
    var output = document.getElementById(input.id + "_value");
    if (!output) { return; }
    function show() { output.textContent = input.value; }
    show();
    output.parentElement.hidden = false;
    input.addEventListener("input", show);
  });
})();

// Small enhancements only: every page works without JavaScript.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen-reader and keyboard users hear it first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();

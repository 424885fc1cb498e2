// The application's small behaviours. A static file, never inline script or on* attributes:
// the Content-Security-Policy allows no inline script.

// Forms that ask before they are sent: <form data-confirm="Archive this record?">.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Links back to the previous page: <a href="/" data-back>, which goes home without script.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// After a refused submit, take the keyboard and screen-reader user to the error summary.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

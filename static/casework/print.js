// The case summary's Print button: a static file, not an onclick attribute (the
// Content-Security-Policy allows no inline script).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

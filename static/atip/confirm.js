// Forms that ask before they are sent: <form data-confirm="Archive this record?">.
// A static file, not an onsubmit attribute: the Content-Security-Policy allows no inline script.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

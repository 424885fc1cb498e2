// Warn two minutes before the idle session ends (roles.md: 30 minutes), and keep it on request.
(function () {
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-session-seconds"), 10);
  var url = body.getAttribute("data-keep-alive-url");
  if (!seconds || !url) {
    return;
  }
  var WARN_BEFORE = 120;
  var timer = null;
  var box = null;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function warn() {
    box = document.createElement("div");
    box.className = "alert alert-warning session-warning shadow";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-live", "assertive");
    box.setAttribute("aria-labelledby", "session-warning-text");
    var text = document.createElement("p");
    text.id = "session-warning-text";
    text.textContent = body.getAttribute("data-session-warning") ||
      "You will be signed out in two minutes because nothing has happened for a while.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-primary btn-sm";
    button.textContent = body.getAttribute("data-session-stay") || "Stay signed in";
    button.addEventListener("click", function () {
      fetch(url, {method: "POST", headers: {"X-CSRFToken": csrfToken()}, credentials: "same-origin"})
        .then(function (response) {
          if (response.ok) {
            hide();
            schedule();
          }
        });
    });
    box.appendChild(text);
    box.appendChild(button);
    body.appendChild(box);
    button.focus();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(warn, Math.max(seconds - WARN_BEFORE, 0) * 1000);
  }

  schedule();
})();

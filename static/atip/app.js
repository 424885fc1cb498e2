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

// On a phone each table row is shown as a card (atip.css): every cell carries the name of its
// column, read from the table's header, taking colspan into account.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("main table.table").forEach(function (table) {
    var labels = [];
    table.querySelectorAll("thead tr:last-child th").forEach(function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) {
        labels.push(th.textContent.trim());
      }
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (!cell.hasAttribute("data-label") && labels[column] && cell.colSpan < labels.length) {
          cell.setAttribute("data-label", labels[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  });
});

// Back at the section just saved (its id in the address, atip.forms.form_page): the page's
// messages ("Service added.") move to just above that section, where a phone opens, instead of
// staying at the top, out of sight.
document.addEventListener("DOMContentLoaded", function () {
  var messages = document.querySelector("[data-messages]");
  var id = window.location.hash.slice(1);
  var section = id && document.getElementById(id);
  if (messages && section) {
    section.parentNode.insertBefore(messages, section);
    messages.scrollIntoView();
  }
});

// Copy buttons: <button data-copy="TEXT" data-copied="Copied." hidden>, next to an element with
// role="status" that then says so (read out by screen readers). Shown only where script runs.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
  });
});

document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  var text = button.getAttribute("data-copy");
  var status = button.parentElement.querySelector("[role=status]");
  var done = function () {
    if (status) {  // emptied first, so that a second copy is announced again
      status.textContent = "";
      window.setTimeout(function () { status.textContent = button.getAttribute("data-copied") || ""; }, 50);
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { copyBySelection(text) && done(); });
  } else if (copyBySelection(text)) {
    done();
  }
});

// Where the clipboard API is not offered (plain http): a hidden text box, selected and copied.
function copyBySelection(text) {
  var box = document.createElement("textarea");
  box.value = text;
  box.setAttribute("readonly", "");
  box.className = "visually-hidden";
  document.body.appendChild(box);
  box.select();
  var copied = false;
  try {
    copied = document.execCommand("copy");
  } catch (error) {
    copied = false;
  }
  box.remove();
  return copied;
}

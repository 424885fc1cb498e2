// Casework forms: show the name of an agency only for an NGO or "other", its country only for a
// consulate, and the agency of a consent only for a consent to share. The server decides what is
// kept (casework.services.agency_data); this only hides fields that would be dropped.
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  function row(name) {
    return document.getElementById("div_id_" + name);
  }
  function show(name, visible) {
    var element = row(name);
    if (element) {
      element.hidden = !visible;
    }
  }
  function update() {
    var agency = document.querySelector("select[name=agency]");
    var purpose = document.querySelector("select[name=purpose]");
    if (!agency) {
      return;
    }
    var sharing = !purpose || purpose.value === "sharing";
    show("agency", sharing);
    show("agency_name", sharing && (agency.value === "ngo" || agency.value === "other"));
    show("agency_country", sharing && agency.value === "consulate");
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[name=agency], select[name=purpose]")) {
      update();
    }
  });
  document.addEventListener("DOMContentLoaded", update);
})();

// The profile form (/settings/profile): says at once when a chosen picture is larger than the
// server takes, instead of sending megabytes to be refused. The form works without this file;
// the server checks the size again and says the same beside the field.
(function () {
  "use strict";

  function setUp() {
    var input = document.getElementById("avatar");
    if (!input || !input.files) {
      return;
    }
    var maxBytes = Number(input.getAttribute("data-max-bytes")) || 0;
    var maxSize = input.getAttribute("data-max-size") || "";

    function showError(text) {
      var error = document.getElementById("avatar-error");
      if (!error) {
        error = document.createElement("p");
        error.id = "avatar-error";
        error.className = "field-error";
        input.parentNode.insertBefore(error, input.nextSibling);
      }
      error.setAttribute("role", "alert");
      error.textContent = text;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "avatar-error avatar-hint");
    }

    function clearError() {
      var error = document.getElementById("avatar-error");
      if (error) {
        error.parentNode.removeChild(error);
      }
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", "avatar-hint");
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) {
        return;
      }
      if (maxBytes && file.size > maxBytes) {
        var megabytes = (file.size / (1024 * 1024)).toFixed(1);
        // Cleared, so that saving the rest of the form does not send the picture anyway.
        input.value = "";
        showError("“" + file.name + "” is " + megabytes + " MB; a profile picture can be at most " + maxSize + ". Choose a smaller picture.");
      } else {
        clearError();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

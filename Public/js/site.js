// Small progressive enhancements for every page. Each page works without this file:
// the buttons it wires up are rendered `hidden` and only shown once they can work.
(function () {
  "use strict";

  // Show/hide toggles for password fields. The button names the field it controls with
  // aria-controls; its label says what pressing it will do ("Show password" / "Hide password").
  function setUpPasswordToggles() {
    var buttons = document.querySelectorAll("button.toggle-password[aria-controls]");
    Array.prototype.forEach.call(buttons, function (button) {
      var input = document.getElementById(button.getAttribute("aria-controls"));
      if (!input || input.type !== "password") {
        return;
      }
      function setVisible(visible) {
        input.type = visible ? "text" : "password";
        var text = button.firstChild;
        if (text && text.nodeType === Node.TEXT_NODE) {
          text.nodeValue = visible ? "Hide" : "Show";
        }
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        setVisible(input.type === "password");
      });
      // Submit the field as type=password again, so browsers offer to save it as a password.
      if (input.form) {
        input.form.addEventListener("submit", function () {
          setVisible(false);
        });
      }
    });
  }

  // "Copy" buttons for one-time secrets (a new API token). Shown only where the
  // Clipboard API is available (secure contexts).
  function setUpCopyButtons() {
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    var buttons = document.querySelectorAll("button.copy-button[data-copy-target]");
    Array.prototype.forEach.call(buttons, function (button) {
      var source = document.getElementById(button.getAttribute("data-copy-target"));
      if (!source) {
        return;
      }
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(
          function () {
            button.textContent = "Copied";
            window.setTimeout(function () {
              button.textContent = label;
            }, 2000);
          },
          function () {
            button.textContent = "Copy failed; select the token instead";
          }
        );
      });
    });
  }

  function start() {
    setUpPasswordToggles();
    setUpCopyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

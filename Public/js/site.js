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

  // The unread-notification badge in the header (rendered only for signed-in members). The
  // number is shown in a badge; screen readers hear the link as "Notifications, 3 unread".
  // Fetched on load and again whenever the tab comes back into view.
  function setUpNotificationCount() {
    var badge = document.getElementById("notification-count");
    if (!badge || !window.fetch) {
      return;
    }
    var pending = false;

    function show(count) {
      while (badge.firstChild) {
        badge.removeChild(badge.firstChild);
      }
      if (!(count > 0)) {
        badge.hidden = true;
        return;
      }
      var figure = document.createElement("span");
      figure.setAttribute("aria-hidden", "true");
      figure.textContent = count > 99 ? "99+" : String(count);
      var words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = ", " + count + " unread";
      badge.appendChild(figure);
      badge.appendChild(words);
      badge.hidden = false;
    }

    function refresh() {
      if (pending) {
        return;
      }
      pending = true;
      fetch("/api/v1/notifications/unread-count", {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (body) {
          if (body && typeof body.unread_count === "number") {
            show(body.unread_count);
          }
        })
        .catch(function () {
          // Offline or signed out meanwhile: keep what is shown.
        })
        .then(function () {
          pending = false;
        });
    }

    refresh();
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        refresh();
      }
    });
    // Other scripts (the notifications page) can ask for a fresh count.
    document.addEventListener("mindreel:notifications-changed", refresh);
  }

  function start() {
    setUpPasswordToggles();
    setUpCopyButtons();
    setUpNotificationCount();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

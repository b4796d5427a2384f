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

    // On narrow screens "Notifications" is inside the menu: its button shows the count too.
    var menuBadge = document.getElementById("nav-menu-count");

    function fill(target, count) {
      while (target.firstChild) {
        target.removeChild(target.firstChild);
      }
      if (!(count > 0)) {
        target.hidden = true;
        return;
      }
      var figure = document.createElement("span");
      figure.setAttribute("aria-hidden", "true");
      figure.textContent = count > 99 ? "99+" : String(count);
      var words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = ", " + count + " unread";
      target.appendChild(figure);
      target.appendChild(words);
      target.hidden = false;
    }

    function show(count) {
      fill(badge, count);
      if (menuBadge) {
        fill(menuBadge, count);
      }
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

  // The header's menu (a <details>, so it opens without this file): Escape or a click
  // elsewhere closes it, and Escape puts the focus back on its button.
  function setUpHeaderMenu() {
    var menu = document.getElementById("nav-menu");
    if (!menu) {
      return;
    }
    var button = menu.querySelector("summary");
    // From 64rem the links sit in the row (the button is hidden): the menu is kept open there,
    // so that they count as shown for everyone (assistive technology included), not only
    // through the stylesheet.
    var wide = window.matchMedia("(min-width: 64rem)");
    function fit() {
      menu.open = wide.matches;
    }
    fit();
    if (wide.addEventListener) {
      wide.addEventListener("change", fit);
    }
    document.addEventListener("keydown", function (event) {
      if (wide.matches) {
        return;
      }
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!wide.matches && menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  }

  function start() {
    setUpHeaderMenu();
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

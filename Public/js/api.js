// The JSON API as the site's scripts call it, on every page (layouts/base.leaf loads this
// before any other script). Exposed as window.MindreelAPI; report.js and engagement.js use it.
(function () {
  "use strict";

  var API = {};

  API.csrfToken = function () {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  };

  // A JSON request with the session cookie and the CSRF header. Resolves to {status, body}
  // (status 0 when nothing answered); never rejects. extra.keepalive lets it outlive the page.
  API.request = function (method, url, body, extra) {
    var headers = { Accept: "application/json" };
    if (method !== "GET" && method !== "HEAD") {
      headers["X-CSRF-Token"] = API.csrfToken();
    }
    var init = { method: method, headers: headers, credentials: "same-origin" };
    if (body !== undefined && body !== null) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    if (extra && extra.keepalive) {
      init.keepalive = true;
    }
    return window
      .fetch(url, init)
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch (error) {
            parsed = null;
          }
          return { status: response.status, body: parsed };
        });
      })
      .catch(function () {
        return { status: 0, body: null };
      });
  };

  window.MindreelAPI = API;
})();

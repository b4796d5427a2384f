// The follow button on a creator's profile (/@handle). The page is complete without this file;
// the button is rendered `hidden` and shown once it can work.
//
// PUT /api/v1/creators/{handle}/follow follows, DELETE unfollows; both answer
// {handle, follower_count, following}. The button is a toggle (aria-pressed) whose label stays
// "Follow"; #follow-status (role=status) says in words what changed.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Problem details (application/problem+json): a field error or the detail, else a fallback.
  function problemMessage(body, fallback) {
    if (body && Array.isArray(body.errors) && body.errors.length && body.errors[0].detail) {
      return body.errors[0].detail;
    }
    if (body && body.detail) {
      return body.detail;
    }
    return fallback;
  }

  function setUpFollowButton() {
    var button = document.getElementById("follow-button");
    if (!button || !window.fetch) {
      return;
    }
    var handle = button.getAttribute("data-handle");
    var count = document.getElementById("follower-count");
    var label = document.getElementById("follower-label");
    var status = document.getElementById("follow-status");
    var problem = document.getElementById("follow-error");
    var busy = false;

    function say(element, text) {
      if (element) {
        element.textContent = text;
      }
    }

    function show(following, followerCount) {
      button.setAttribute("aria-pressed", following ? "true" : "false");
      button.textContent = following ? "Following" : "Follow";
      if (typeof followerCount === "number") {
        say(count, String(followerCount));
        say(label, followerCount === 1 ? "follower" : "followers");
      }
    }

    show(button.getAttribute("aria-pressed") === "true");
    // Nobody follows an account they blocked (report.js shows it again after Unblock).
    var block = document.getElementById("profile-block");
    button.hidden = !!block && block.getAttribute("data-blocked") === "true";
    button.addEventListener("click", function () {
      if (busy) {
        return;
      }
      busy = true;
      var follow = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-busy", "true");
      say(problem, "");
      fetch("/api/v1/creators/" + encodeURIComponent(handle) + "/follow", {
        method: follow ? "PUT" : "DELETE",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRF-Token": csrfToken() }
      })
        .then(function (response) {
          if (response.status === 401) {
            window.location.assign("/login");
            return null;
          }
          return response
            .json()
            .catch(function () {
              return null;
            })
            .then(function (body) {
              if (!response.ok) {
                throw new Error(problemMessage(body, "That did not work. Try again in a moment."));
              }
              return body;
            });
        })
        .then(function (body) {
          if (!body) {
            return;
          }
          var following = typeof body.following === "boolean" ? body.following : follow;
          show(following, body.follower_count);
          say(status, following ? "You follow @" + handle + "." : "You no longer follow @" + handle + ".");
        })
        .catch(function (error) {
          var offline = error instanceof TypeError;
          say(problem, offline ? "Could not reach Mindreel. Check your connection and try again." : error.message);
        })
        .then(function () {
          busy = false;
          button.removeAttribute("aria-busy");
        });
    });
  }

  // Report and Block beside Follow (Public/js/report.js does the talking to the server). After a
  // block, from here or from the report dialog, the page hides the videos and Follow.
  function setUpSafetyButtons() {
    var R = window.MindreelReport;
    var report = document.getElementById("profile-report");
    var block = document.getElementById("profile-block");
    if (!R) {
      return;
    }
    if (report) {
      report.hidden = false;
    }
    if (!block) {
      return;
    }
    var handle = block.getAttribute("data-handle");
    var status = document.getElementById("block-status");
    var problem = document.getElementById("block-error");
    var follow = document.getElementById("follow-button");
    var followStatus = document.getElementById("follow-status");
    var section = document.getElementById("profile-videos");
    var wired = R.wireBlockButton(block, {
      handle: handle,
      blocked: block.getAttribute("data-blocked") === "true",
      shortWords: true,
      say: function (words, isError) {
        if (status) {
          status.textContent = isError ? "" : words;
        }
        if (problem) {
          problem.textContent = isError ? words : "";
        }
      },
    });
    block.hidden = false;

    function showBlocked(blocked) {
      wired.set(blocked);
      if (follow) {
        follow.hidden = blocked;
        if (blocked && follow.getAttribute("aria-pressed") === "true") {
          // Blocking ended the follow.
          follow.setAttribute("aria-pressed", "false");
          follow.textContent = "Follow";
          var count = document.getElementById("follower-count");
          if (count && Number(count.textContent) > 0) {
            count.textContent = String(Number(count.textContent) - 1);
          }
        }
      }
      if (followStatus && blocked) {
        followStatus.textContent = "";
      }
      if (!section) {
        return;
      }
      Array.prototype.forEach.call(section.querySelectorAll("#video-grid, .more-link, #videos-empty"), function (node) {
        node.hidden = blocked;
      });
      var note = document.getElementById("videos-blocked");
      if (!note) {
        note = document.createElement("p");
        note.id = "videos-blocked";
        note.className = "empty";
        section.appendChild(note);
      }
      note.textContent = "";
      if (blocked) {
        note.textContent = "You blocked @" + handle + ", so their videos are not shown. Unblock them to see their videos again.";
      } else {
        var link = document.createElement("a");
        link.href = window.location.pathname;
        link.textContent = "Show their videos";
        note.appendChild(link);
      }
    }

    document.addEventListener("mindreel:block", function (event) {
      if (event.detail && event.detail.handle === handle) {
        var blocked = event.detail.blocked === true;
        showBlocked(blocked);
        if (status) {
          status.textContent = blocked ? R.blockedWords(handle) : R.unblockedWords(handle);
        }
        if (problem) {
          problem.textContent = "";
        }
      }
    });
  }

  function setUp() {
    setUpFollowButton();
    setUpSafetyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

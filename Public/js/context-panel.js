// The "This is not a diagnosis" panel: a viewer can hide it for one video. Remembered in this
// browser only (localStorage, never sent to the server), for the last 500 videos hidden.
(function () {
  "use strict";

  var KEY = "mindreel.hiddenContextPanels";
  var LIMIT = 500;

  function hiddenIDs() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function isHidden(videoID) {
    return hiddenIDs().indexOf(String(videoID)) !== -1;
  }

  function hide(videoID) {
    var list = hiddenIDs().filter(function (id) {
      return id !== String(videoID);
    });
    list.push(String(videoID));
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list.slice(-LIMIT)));
    } catch (error) {
      // Private browsing without storage: hidden for this page only.
    }
  }

  // Wires a panel's "Hide this note" button; `onHidden` runs after it is hidden.
  function attach(panel, videoID, onHidden) {
    if (isHidden(videoID)) {
      panel.hidden = true;
      return;
    }
    var button = panel.querySelector(".context-panel-hide");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      hide(videoID);
      panel.hidden = true;
      if (onHidden) {
        onHidden();
      }
    });
  }

  window.MindreelContextPanel = { isHidden: isHidden, hide: hide, attach: attach };

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("context-panel");
    if (panel && panel.getAttribute("data-video-id")) {
      attach(panel, panel.getAttribute("data-video-id"), function () {
        // The focus was on the button that went away: put it on the video's title.
        var title = document.querySelector("main h1");
        if (title) {
          title.setAttribute("tabindex", "-1");
          title.focus();
        }
      });
    }
  });
})();

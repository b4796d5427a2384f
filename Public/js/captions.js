// Captions drawn by the page instead of the browser, for the feed (feed.js) and the video page
// (/v/{id}, set up below).
//
// The browser's own cue box does not wrap a long line in the feed's overlay (its words ran off
// the right edge), and its place cannot be kept clear of the buttons beside the video. Here the
// track stays loaded but "hidden" (its cues still change on time, nothing is drawn), and the
// active cues go into a box of ours: placed inside the picture itself (not on the black bars
// around it), wrapped, and clear of what the page asks to keep free (the feed's rail of buttons,
// the player's controls).
//
// window.MindreelCaptions.attach(video, box, options) → { setOn(on), place(), destroy() }
//   video: a <video> with a captions <track>; box: an element in the video's positioned parent.
//   options: { on: true|false, at: "top"|"bottom", reserveTop, reserveRight, reserveBottom }
//   Each reserve is the room (px, or a function giving it at the time) to keep free between
//   that edge of the box's parent and the words.
(function () {
  "use strict";

  // Space kept between the words and the picture's edges (px).
  var EDGE = 12;
  // The box never covers more than this share of the picture's height.
  var MAX_HEIGHT_SHARE = 0.5;

  function px(value) {
    var number = typeof value === "function" ? value() : value;
    return typeof number === "number" && isFinite(number) ? number : 0;
  }

  function attach(video, box, options) {
    options = options || {};
    var element = video.querySelector("track");
    var on = options.on !== false;
    var cueNodes = [];
    if (!element || !box) {
      return { setOn: function () {}, place: function () {}, destroy: function () {} };
    }
    // Screen readers get the same words from the transcript (video page) or not at all while
    // the picture moves on (the feed); reading each cue out would talk over the video's sound.
    box.setAttribute("aria-hidden", "true");
    box.hidden = true;

    function track() {
      return element.track;
    }

    // In the browser's full screen only the <video> is shown: the browser draws the cues there.
    function native() {
      return document.fullscreenElement === video;
    }

    // "hidden" even when captions are off: a "disabled" track with `default` would be turned on
    // again by the browser's own track selection, and the box says whether they are shown.
    var expected = null;
    function setMode() {
      expected = on && native() ? "showing" : "hidden";
      if (track().mode !== expected) {
        track().mode = expected;
      }
    }

    // The browser's own captions menu (the video page's controls) turned them off or on.
    function modeChanged() {
      var mode = track().mode;
      if (mode === expected) {
        return;
      }
      if (mode === "disabled") {
        on = false;
      } else if (mode === "showing" && !native()) {
        on = true;
      }
      setMode();
      read();
    }

    function read() {
      var cues = track().activeCues || [];
      cueNodes = [];
      for (var i = 0; i < cues.length; i++) {
        // getCueAsHTML keeps a cue's italics and voices as harmless spans, never markup.
        if (typeof cues[i].getCueAsHTML === "function") {
          cueNodes.push(cues[i].getCueAsHTML());
        } else if (typeof cues[i].text === "string") {
          cueNodes.push(document.createTextNode(cues[i].text));
        }
      }
      show();
    }

    function show() {
      box.textContent = "";
      cueNodes.forEach(function (node, index) {
        if (index > 0) {
          box.appendChild(document.createElement("br"));
        }
        box.appendChild(node.cloneNode(true));
      });
      box.hidden = !on || cueNodes.length === 0 || native() || !box.textContent.trim();
      if (!box.hidden) {
        place();
      }
    }

    // The picture inside the element: `object-fit: contain` leaves bars above and below a tall
    // element (or beside a wide one), and words on a bar would sit outside the picture.
    function place() {
      var width = video.clientWidth;
      var height = video.clientHeight;
      var parent = box.parentNode;
      if (!width || !height || !parent || !parent.getBoundingClientRect) {
        return;
      }
      var scale = video.videoWidth && video.videoHeight ? Math.min(width / video.videoWidth, height / video.videoHeight) : 1;
      var pictureWidth = video.videoWidth ? video.videoWidth * scale : width;
      var pictureHeight = video.videoHeight ? video.videoHeight * scale : height;
      // Where the element is in the box's positioned parent.
      var outer = parent.getBoundingClientRect();
      var inner = video.getBoundingClientRect();
      var offsetLeft = inner.left - outer.left - parent.clientLeft;
      var offsetTop = inner.top - outer.top - parent.clientTop;
      var pictureLeft = offsetLeft + (width - pictureWidth) / 2;
      var pictureTop = offsetTop + (height - pictureHeight) / 2;
      var parentWidth = parent.clientWidth;
      var parentHeight = parent.clientHeight;
      var pictureRight = parentWidth - (pictureLeft + pictureWidth);
      var pictureBottom = parentHeight - (pictureTop + pictureHeight);
      box.style.left = pictureLeft + EDGE + "px";
      box.style.right = Math.max(pictureRight + EDGE, px(options.reserveRight)) + "px";
      box.style.maxHeight = pictureHeight * MAX_HEIGHT_SHARE + "px";
      if (options.at === "bottom") {
        box.style.top = "auto";
        box.style.bottom = Math.max(pictureBottom + EDGE, px(options.reserveBottom)) + "px";
      } else {
        box.style.bottom = "auto";
        box.style.top = Math.max(pictureTop + Math.max(EDGE, pictureHeight * 0.06), px(options.reserveTop)) + "px";
      }
    }

    function fullscreenChanged() {
      setMode();
      show();
    }

    var resizes = typeof ResizeObserver === "function" ? new ResizeObserver(place) : null;
    if (resizes) {
      resizes.observe(video);
    } else {
      window.addEventListener("resize", place);
    }
    element.addEventListener("load", read);
    track().addEventListener("cuechange", read);
    video.textTracks.addEventListener("change", modeChanged);
    video.addEventListener("loadedmetadata", place);
    video.addEventListener("resize", place);
    document.addEventListener("fullscreenchange", fullscreenChanged);
    setMode();
    read();

    return {
      setOn: function (value) {
        on = value;
        setMode();
        read();
      },
      place: place,
      // For a video taken off the page (feed.js, when another tab starts over).
      destroy: function () {
        if (resizes) {
          resizes.disconnect();
        } else {
          window.removeEventListener("resize", place);
        }
        document.removeEventListener("fullscreenchange", fullscreenChanged);
      },
    };
  }

  window.MindreelCaptions = { attach: attach };

  // The video page: the words at the bottom of the picture, above the player's controls.
  var PAGE_CONTROLS_HEIGHT = 56;

  function setUpVideoPage() {
    var player = document.getElementById("video-player");
    var box = document.getElementById("video-caption-box");
    if (player && box) {
      attach(player, box, { on: true, at: "bottom", reserveBottom: PAGE_CONTROLS_HEIGHT });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpVideoPage);
  } else {
    setUpVideoPage();
  }
})();

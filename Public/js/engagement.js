// Engagement shared by the feed (Public/js/feed.js) and the video page (videos/show.leaf):
// likes, saves, follows, sharing, counting views and members' watch events. Exposed as
// window.MindreelEngagement; on the video page (`#video-engagement`) it also wires up that page.
//
// - Like and save buttons are toggle buttons (aria-pressed) whose accessible name carries the
//   count ("Like, 12 likes"). A press shows its result at once and is undone, with a spoken
//   reason, when the server refuses it. Visitors are sent to /login?next=… (as for every action
//   that needs an account).
// - A view is counted once per video and page after 2 s of actual playback (time the video
//   advanced while playing, not time on the page).
// - Members (never visitors) report each viewing when the video leaves the screen or the page is
//   hidden: {watch_seconds, completed, skipped}, sent with keepalive so it survives the page.
//
// No libraries; text from the server is only ever set with textContent (never as markup).
(function () {
  "use strict";

  // Seconds of playback after which a view counts.
  var VIEW_AFTER_SECONDS = 2;
  // Bigger steps between two timeupdate events mean a seek or a stall, not playback.
  var MAX_STEP_SECONDS = 1.5;
  // A viewing that reached this share of the video counts as completed.
  var COMPLETED_RATIO = 0.95;
  // Left before this share and before SKIP_SECONDS: skipped.
  var SKIP_RATIO = 0.25;
  var SKIP_SECONDS = 3;

  var E = {};

  // ---------- Requests ----------

  // Shared with every page (Public/js/api.js).
  E.csrfToken = window.MindreelAPI.csrfToken;
  E.request = window.MindreelAPI.request;

  // What went wrong, in words: the server's own words when it gave some.
  E.problemWords = function (status, body) {
    if (status === 0) {
      return "No answer from the server. Check your connection.";
    }
    if (body && Array.isArray(body.errors) && body.errors.length && body.errors[0] && body.errors[0].detail) {
      return String(body.errors[0].detail);
    }
    if (body && typeof body.detail === "string" && body.detail) {
      return body.detail;
    }
    if (status >= 500) {
      return "The server had a problem (" + status + ").";
    }
    return "The server answered " + status + ".";
  };

  // The server's words about one field of a 422, or null.
  E.fieldError = function (body, field) {
    if (!body || !Array.isArray(body.errors)) {
      return null;
    }
    for (var i = 0; i < body.errors.length; i++) {
      var error = body.errors[i];
      if (error && error.field === field && error.detail) {
        return String(error.detail);
      }
    }
    return null;
  };

  E.loginURL = function (next) {
    var back = next || window.location.pathname + window.location.search;
    return "/login?next=" + encodeURIComponent(back);
  };

  // Actions that need an account take visitors (and members whose session ended) to log in,
  // and back here afterwards.
  E.goToLogin = function (next) {
    window.location.assign(E.loginURL(next));
  };

  // ---------- Words and numbers ----------

  E.plural = function (count, one, many) {
    var n = Number(count) || 0;
    return n.toLocaleString("en-US") + " " + (n === 1 ? one : many);
  };

  // "12", "9,876", "12.3K", "4.5M": short enough for the rail.
  E.shortCount = function (count) {
    var n = Number(count) || 0;
    if (n < 10000) {
      return n.toLocaleString("en-US");
    }
    if (n < 1000000) {
      return trimZero((n / 1000).toFixed(n < 100000 ? 1 : 0)) + "K";
    }
    return trimZero((n / 1000000).toFixed(1)) + "M";
  };

  function trimZero(text) {
    return text.replace(/\.0$/, "");
  }

  // "just now", "5 min ago", "3 h ago", "2 days ago", then the date.
  E.relativeTime = function (iso) {
    var then = new Date(iso);
    if (isNaN(then.getTime())) {
      return "";
    }
    var seconds = Math.max(0, (Date.now() - then.getTime()) / 1000);
    if (seconds < 60) {
      return "just now";
    }
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      return minutes + " min ago";
    }
    var hours = Math.floor(minutes / 60);
    if (hours < 24) {
      return hours + " h ago";
    }
    var days = Math.floor(hours / 24);
    if (days < 7) {
      return days === 1 ? "1 day ago" : days + " days ago";
    }
    return then.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" });
  };

  E.element = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  };

  // ---------- Icons (drawn here: no image files, no third-party fonts) ----------

  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    like: "M12 20.5s-7.6-4.6-9.6-9.4C1 7.7 3.1 4.3 6.6 4.1c2.2-.1 4 1.1 5.4 3 1.4-1.9 3.2-3.1 5.4-3 3.5.2 5.6 3.6 4.2 7-2 4.8-9.6 9.4-9.6 9.4z",
    save: "M6.5 3.5h11a1 1 0 0 1 1 1v16l-6.5-4.2-6.5 4.2v-16a1 1 0 0 1 1-1z",
    comment: "M4.5 4h15a2 2 0 0 1 2 2v9.5a2 2 0 0 1-2 2H10l-5 3.8v-3.8h-.5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    share: "M13.5 4.5l8 7-8 7v-4.1c-5.4 0-8.9 1.6-11 5.1.8-5.6 4-9.9 11-10.8z",
    check: "M4.5 12.5l5 5 10-11",
    plus: "M12 5v14M5 12h14",
  };

  E.icon = function (name) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon icon-" + name);
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICONS[name] || "");
    svg.appendChild(path);
    return svg;
  };

  // Fills every `[data-icon]` placeholder inside `root` (server-rendered buttons).
  E.fillIcons = function (root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-icon]"), function (slot) {
      if (!slot.firstChild) {
        slot.appendChild(E.icon(slot.getAttribute("data-icon")));
      }
    });
  };

  // ---------- Creators ----------

  // A round picture of the creator, or their initials. Decorative: the link around it is named.
  E.avatar = function (creator, className) {
    var holder = E.element("span", "creator-avatar" + (className ? " " + className : ""));
    holder.setAttribute("aria-hidden", "true");
    if (creator && creator.avatar_url) {
      var image = document.createElement("img");
      image.src = creator.avatar_url;
      image.alt = "";
      image.className = "creator-avatar-image";
      image.loading = "lazy";
      holder.appendChild(image);
    } else {
      holder.classList.add("creator-avatar-initials");
      holder.textContent = (creator && (creator.initials || (creator.handle || "?").slice(0, 2).toUpperCase())) || "?";
    }
    return holder;
  };

  E.profileURL = function (creator) {
    if (creator && creator.profile_url) {
      return creator.profile_url;
    }
    return creator && creator.handle ? "/@" + creator.handle : null;
  };

  // ---------- Hashtags ----------

  // The caption as text nodes, with every hashtag the video has as a link to its page.
  E.captionNodes = function (text, hashtags) {
    var fragment = document.createDocumentFragment();
    var known = {};
    (hashtags || []).forEach(function (tag) {
      if (typeof tag === "string" && tag) {
        known[tag.toLowerCase()] = true;
      }
    });
    // Letters, digits and _ as the server reads hashtags (Hashtag.extract).
    var pattern = /#([\p{L}\p{N}_]+)/gu;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var tag = match[1].toLowerCase();
      if (!known[tag]) {
        continue;
      }
      if (match.index > last) {
        fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      }
      fragment.appendChild(E.hashtagLink(tag, match[0]));
      last = match.index + match[0].length;
    }
    if (last < text.length) {
      fragment.appendChild(document.createTextNode(text.slice(last)));
    }
    return fragment;
  };

  E.hashtagLink = function (tag, text) {
    var link = E.element("a", "hashtag-link", text || "#" + tag);
    link.href = "/tags/" + encodeURIComponent(tag.toLowerCase());
    return link;
  };

  // ---------- Like and save ----------

  var REACTIONS = {
    like: { verb: "Like", one: "like", many: "likes", failed: "Your like was not saved.", undoFailed: "Your like was not removed." },
    save: { verb: "Save", one: "save", many: "saves", failed: "The video was not saved.", undoFailed: "The video was not removed from your saves." },
  };

  // Wires a like or save button: <button aria-pressed data-count> holding `.action-count`.
  // options: {kind: "like"|"save", videoId, signedIn, say(words, tone), onChange(count, active)}
  E.wireReaction = function (button, options) {
    var words = REACTIONS[options.kind];
    var state = {
      active: button.getAttribute("aria-pressed") === "true",
      count: Number(button.getAttribute("data-count")) || 0,
      busy: false,
    };
    function show() {
      button.setAttribute("aria-pressed", state.active ? "true" : "false");
      button.setAttribute("data-count", String(state.count));
      button.setAttribute("aria-label", words.verb + ", " + E.plural(state.count, words.one, words.many));
      var count = button.querySelector(".action-count");
      if (count) {
        count.textContent = E.shortCount(state.count);
      }
    }
    show();
    button.addEventListener("click", function () {
      if (!options.signedIn) {
        E.goToLogin();
        return;
      }
      if (state.busy) {
        return;
      }
      var before = { active: state.active, count: state.count };
      state.active = !before.active;
      state.count = Math.max(0, before.count + (state.active ? 1 : -1));
      state.busy = true;
      show();
      var url = "/api/v1/videos/" + encodeURIComponent(options.videoId) + "/" + options.kind;
      E.request(state.active ? "PUT" : "DELETE", url).then(function (answer) {
        state.busy = false;
        if (answer.status === 200 && answer.body) {
          state.count = Number(answer.body.count) || 0;
          state.active = answer.body.active === true;
          show();
          if (options.onChange) {
            options.onChange(state.count, state.active);
          }
          return;
        }
        if (answer.status === 401) {
          E.goToLogin();
          return;
        }
        var failed = state.active ? words.failed : words.undoFailed;
        state.active = before.active;
        state.count = before.count;
        show();
        if (options.say) {
          options.say(failed + " " + E.problemWords(answer.status, answer.body), "error");
        }
      });
    });
    return {
      set: function (count, active) {
        state.count = count;
        state.active = active;
        show();
      },
    };
  };

  // ---------- Follow ----------

  // Every follow button of one creator on the page shows the same state.
  var FOLLOW_EVENT = "mindreel:follow";

  // Wires <button aria-pressed> that follows `options.handle`. Pressed, its word reads
  // "Following" (in `.follow-word`, or the button's own text); a name given in aria-label says
  // the same word, so what is heard is what is seen.
  // options: {handle, name, say, onChange(followerCount, following)}
  E.wireFollow = function (button, options) {
    var state = { following: button.getAttribute("aria-pressed") === "true", busy: false };
    var word = button.querySelector(".follow-word");
    function show() {
      var text = state.following ? "Following" : "Follow";
      button.setAttribute("aria-pressed", state.following ? "true" : "false");
      button.classList.toggle("is-following", state.following);
      if (word) {
        word.textContent = text;
      } else if (button.children.length === 0) {
        button.textContent = text;
      }
      if (button.hasAttribute("aria-label") && options.name) {
        button.setAttribute("aria-label", text + " " + options.name);
      }
    }
    show();
    document.addEventListener(FOLLOW_EVENT, function (event) {
      if (event.detail && event.detail.handle === options.handle && event.detail.source !== button) {
        state.following = event.detail.following;
        show();
      }
    });
    button.addEventListener("click", function () {
      if (state.busy) {
        return;
      }
      var before = state.following;
      state.following = !before;
      state.busy = true;
      show();
      var url = "/api/v1/creators/" + encodeURIComponent(options.handle) + "/follow";
      E.request(state.following ? "PUT" : "DELETE", url).then(function (answer) {
        state.busy = false;
        if (answer.status === 200 && answer.body) {
          state.following = answer.body.following === true;
          show();
          announceFollow(button, options.handle, state.following);
          if (options.say) {
            options.say(state.following ? "You follow " + options.name + "." : "You no longer follow " + options.name + ".");
          }
          if (options.onChange) {
            options.onChange(Number(answer.body.follower_count) || 0, state.following);
          }
          return;
        }
        if (answer.status === 401) {
          E.goToLogin();
          return;
        }
        state.following = before;
        show();
        if (options.say) {
          options.say((before ? "Could not unfollow. " : "Could not follow. ") + E.problemWords(answer.status, answer.body), "error");
        }
      });
    });
  };

  function announceFollow(source, handle, following) {
    var event;
    try {
      event = new CustomEvent(FOLLOW_EVENT, { detail: { handle: handle, following: following, source: source } });
    } catch (error) {
      return;
    }
    document.dispatchEvent(event);
  }

  // ---------- Share ----------

  // The system share sheet where there is one; otherwise the link goes to the clipboard ("Link
  // copied."); otherwise `showLink(url)` shows it in a field to copy from.
  // options: {url (absolute), title, say, showLink(url)}
  E.share = function (options) {
    function copyOrShow() {
      if (navigator.clipboard && typeof navigator.clipboard.writeText === "function" && window.isSecureContext) {
        navigator.clipboard.writeText(options.url).then(
          function () {
            options.say("Link copied.");
          },
          function () {
            options.showLink(options.url);
          }
        );
      } else {
        options.showLink(options.url);
      }
    }
    if (typeof navigator.share === "function") {
      navigator.share({ title: options.title, url: options.url }).then(
        function () {},
        function (error) {
          // Closing the share sheet is a choice, not a failure.
          if (!error || error.name !== "AbortError") {
            copyOrShow();
          }
        }
      );
      return;
    }
    copyOrShow();
  };

  E.absoluteURL = function (path) {
    try {
      return new URL(path, window.location.href).href;
    } catch (error) {
      return path;
    }
  };

  var linkFieldNumber = 0;

  // A small box with the link selected in a read-only field, and a button to close it.
  E.linkBox = function (url, onClose) {
    linkFieldNumber += 1;
    var id = "share-link-" + linkFieldNumber;
    var box = E.element("div", "share-box");
    var label = E.element("label", "share-box-label", "Link to this video");
    label.htmlFor = id;
    var field = document.createElement("input");
    field.type = "text";
    field.readOnly = true;
    field.id = id;
    field.className = "share-box-field";
    field.value = url;
    var close = E.element("button", "button button-secondary button-small share-box-close", "Close");
    close.type = "button";
    close.addEventListener("click", function () {
      box.remove();
      if (onClose) {
        onClose();
      }
    });
    field.addEventListener("focus", function () {
      field.select();
    });
    box.appendChild(label);
    box.appendChild(field);
    box.appendChild(close);
    return { box: box, field: field };
  };

  // ---------- Counts of a video, fresh from the server ----------

  E.fetchVideo = function (videoId) {
    return E.request("GET", "/api/v1/videos/" + encodeURIComponent(videoId)).then(function (answer) {
      return answer.status === 200 && answer.body ? answer.body : null;
    });
  };

  // ---------- Views and watch events ----------

  var viewed = {}; // video id → true once this page has counted its view
  var playedForView = {}; // video id → seconds played so far on this page
  var trackers = [];
  // While the page is hidden or being left, nothing counts as watched (a video may play on for
  // a moment while the next page loads).
  var suspended = false;

  function sendView(videoId) {
    if (viewed[videoId]) {
      return;
    }
    viewed[videoId] = true;
    E.request("POST", "/api/v1/videos/" + encodeURIComponent(videoId) + "/views", null, { keepalive: true });
  }

  // Follows one <video>'s playback. options: {videoId, member}. `finish()` ends a viewing
  // (sending a member's watch event); the next playback starts another.
  function PlaybackTracker(video, options) {
    this.video = video;
    this.videoId = options.videoId;
    this.member = options.member === true;
    this.reset();
    var self = this;
    this.listeners = {
      playing: function () {
        self.last = video.currentTime;
      },
      timeupdate: function () {
        self.step();
      },
      seeking: function () {
        self.last = null;
      },
      seeked: function () {
        self.last = video.paused ? null : video.currentTime;
      },
      pause: function () {
        self.step();
        self.last = null;
      },
      ended: function () {
        self.step();
        self.completed = true;
        self.last = null;
      },
    };
    Object.keys(this.listeners).forEach(function (name) {
      video.addEventListener(name, self.listeners[name]);
    });
    trackers.push(this);
  }

  PlaybackTracker.prototype.reset = function () {
    this.watched = 0;
    this.furthest = 0;
    this.completed = false;
    this.last = null;
  };

  PlaybackTracker.prototype.duration = function () {
    var d = this.video.duration;
    return isFinite(d) && d > 0 ? d : 0;
  };

  // Adds the time played since the last step: only forward steps of ordinary size, so seeking
  // or a stalled page adds nothing; a looping video's jump back to 0 adds the bit up to the end.
  PlaybackTracker.prototype.step = function () {
    var now = this.video.currentTime;
    var duration = this.duration();
    if (this.last !== null && !this.video.seeking && !suspended) {
      var delta = now - this.last;
      if (delta < 0 && duration && this.last >= duration * 0.8 && now < MAX_STEP_SECONDS) {
        delta = duration - this.last + now;
        this.completed = true;
      }
      if (delta > 0 && delta <= MAX_STEP_SECONDS) {
        this.add(delta);
      }
    }
    this.last = this.video.paused ? null : now;
    if (now > this.furthest) {
      this.furthest = now;
    }
    if (duration && this.furthest >= duration * COMPLETED_RATIO) {
      this.completed = true;
    }
  };

  PlaybackTracker.prototype.add = function (seconds) {
    this.watched += seconds;
    playedForView[this.videoId] = (playedForView[this.videoId] || 0) + seconds;
    if (playedForView[this.videoId] >= VIEW_AFTER_SECONDS) {
      sendView(this.videoId);
    }
  };

  // Ends this viewing: members' watch events go out (once) when something was watched.
  PlaybackTracker.prototype.finish = function () {
    if (!this.video.paused) {
      this.step();
    }
    var watched = this.watched;
    var duration = this.duration();
    var completed = this.completed;
    var skipped = !completed && watched < SKIP_SECONDS && (!duration || this.furthest < duration * SKIP_RATIO);
    this.reset();
    if (!this.video.paused) {
      this.last = this.video.currentTime;
    }
    if (!this.member || watched <= 0) {
      return;
    }
    E.request(
      "POST",
      "/api/v1/videos/" + encodeURIComponent(this.videoId) + "/watch-events",
      { watch_seconds: Math.max(0.1, Math.round(watched * 10) / 10), completed: completed, skipped: skipped },
      { keepalive: true }
    );
  };

  PlaybackTracker.prototype.stop = function () {
    var self = this;
    this.finish();
    Object.keys(this.listeners).forEach(function (name) {
      self.video.removeEventListener(name, self.listeners[name]);
    });
    trackers = trackers.filter(function (tracker) {
      return tracker !== self;
    });
  };

  E.trackPlayback = function (video, options) {
    return new PlaybackTracker(video, options);
  };

  // The page is hidden or left: every viewing ends here, and none starts until it is back.
  function finishAll() {
    trackers.forEach(function (tracker) {
      tracker.finish();
    });
    suspended = true;
  }

  function resume() {
    suspended = false;
    trackers.forEach(function (tracker) {
      tracker.last = tracker.video.paused ? null : tracker.video.currentTime;
    });
  }

  window.addEventListener("pagehide", finishAll);
  // Back from the browser's cache, or the tab shown again: a new viewing may start.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      resume();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      finishAll();
    } else {
      resume();
    }
  });

  window.MindreelEngagement = E;

  // ---------- The video page (/v/{id}) ----------

  function setUpVideoPage() {
    var root = document.getElementById("video-engagement");
    if (!root) {
      return;
    }
    var videoId = root.getAttribute("data-video-id");
    var signedIn = root.getAttribute("data-signed-in") === "true";
    var isOwner = root.getAttribute("data-owner") === "true";
    var statusLine = document.getElementById("video-engagement-status");
    var player = document.getElementById("video-player");
    var commentCount = document.getElementById("comment-count");
    var title = document.getElementById("video-title");

    function say(words, tone) {
      if (!statusLine) {
        return;
      }
      statusLine.textContent = words || "";
      if (tone) {
        statusLine.setAttribute("data-tone", tone);
      } else {
        statusLine.removeAttribute("data-tone");
      }
    }

    E.fillIcons(root);
    root.classList.add("is-ready");

    var like = document.getElementById("like-button");
    if (like) {
      E.wireReaction(like, { kind: "like", videoId: videoId, signedIn: signedIn, say: say });
    }
    var save = document.getElementById("save-button");
    if (save) {
      E.wireReaction(save, { kind: "save", videoId: videoId, signedIn: signedIn, say: say });
    }

    var follow = document.getElementById("video-follow-button");
    if (follow) {
      E.wireFollow(follow, {
        handle: follow.getAttribute("data-handle"),
        name: follow.getAttribute("data-name") || "@" + follow.getAttribute("data-handle"),
        say: say,
      });
    }

    var share = document.getElementById("share-button");
    var shareHost = document.getElementById("share-box-host");
    if (share) {
      share.addEventListener("click", function () {
        E.share({
          url: E.absoluteURL(root.getAttribute("data-page-url") || window.location.pathname),
          title: title ? title.textContent : document.title,
          say: say,
          showLink: function (url) {
            if (!shareHost) {
              return;
            }
            shareHost.textContent = "";
            var made = E.linkBox(url, function () {
              share.focus();
            });
            shareHost.appendChild(made.box);
            made.field.focus();
            say("Copy the link from the field below.");
          },
        });
      });
    }

    var commentsLink = document.getElementById("comments-link");
    function showCommentCount(count) {
      if (commentCount) {
        commentCount.setAttribute("data-count", String(count));
        commentCount.textContent = E.plural(count, "comment", "comments");
      }
      if (commentsLink) {
        commentsLink.setAttribute("aria-label", "Comments, " + E.plural(count, "comment", "comments"));
        var shown = commentsLink.querySelector(".action-count");
        if (shown) {
          shown.textContent = E.shortCount(count);
        }
      }
    }
    if (commentCount) {
      showCommentCount(Number(commentCount.getAttribute("data-count")) || 0);
    }

    var comments = document.getElementById("video-comments");
    if (comments && window.MindreelComments) {
      window.MindreelComments.mount(comments, {
        videoId: videoId,
        commentsEnabled: root.getAttribute("data-comments-enabled") === "true",
        signedIn: signedIn,
        isOwner: isOwner,
        creatorHandle: root.getAttribute("data-creator-handle") || "",
        onChange: function (delta) {
          if (commentCount) {
            showCommentCount(Math.max(0, (Number(commentCount.getAttribute("data-count")) || 0) + delta));
          }
          E.fetchVideo(videoId).then(function (video) {
            if (video && typeof video.comment_count === "number") {
              showCommentCount(video.comment_count);
            }
          });
        },
      });
    }

    if (player && videoId) {
      var tracker = E.trackPlayback(player, { videoId: videoId, member: signedIn });
      // A viewing ends when the video is scrolled out of sight (pagehide and hiding the tab
      // are handled for every tracker above).
      if ("IntersectionObserver" in window) {
        var seen = false;
        new IntersectionObserver(function (entries) {
          entries.forEach(function (entry) {
            if (entry.isIntersecting) {
              seen = true;
            } else if (seen) {
              tracker.finish();
            }
          });
        }).observe(player);
      }
    }
  }

  // After every deferred script has run (comments.js among them).
  if (document.readyState === "complete") {
    setUpVideoPage();
  } else {
    document.addEventListener("DOMContentLoaded", setUpVideoPage);
  }
})();

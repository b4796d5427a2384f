// The feed at `/` (Resources/Views/feed/index.leaf): a full-height vertical list of videos
// loaded page by page from GET /api/v1/feed, one video playing at a time.
//
// - The video that is at least 60% on screen plays; every other one is paused. Videos start
//   muted, and nothing starts by itself when the viewer prefers reduced motion.
// - Tap on a playing video (or `m`) turns sound on or off; the choice is remembered for later
//   videos. Tap on a paused video plays it.
// - Keyboard: ↓/j and ↑/k move to the next/previous video, space plays or pauses, `m` sound,
//   `c` captions (on by default).
// - First-time visitors see a short introduction (#intro) until they press "Start watching".
// - Down the right of each video, a rail: the creator (their profile, and Follow), Like, Comment,
//   Save and Share, with counts (Public/js/engagement.js does the talking to the server). Comment
//   opens the comments panel (#comments-panel, a modal <dialog>) with Public/js/comments.js.
// - Tabs: For You (ranked by the server), Following (members only: visitors go to log in), and
//   one per topic (newest first). The strip is one Tab stop; ← → Home End move within it.
// - The first page comes with the page (#feed-page's data-first-page, the API's own JSON for
//   data-first-selection), so it plays without asking the server again; the server's list of
//   links (#feed-list, for readers without script) makes way for the feed.
// - Captions are drawn by Public/js/captions.js, wrapped, inside the picture and clear of the
//   rail. "Skip to the videos" (a second skip link) focuses the video in view.
// - After the last video a card says so and offers topics and search; an unknown topic
//   (`/?topic=…`) says there is no such topic here, with the same links.
// - Views are counted after 2 s of playback; members' viewings are reported when a video leaves
//   the screen (engagement.js).
//
// No libraries; text from the server is only ever set with textContent (never as markup).
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  // A video plays once this much of it is on screen.
  var PLAY_RATIO = 0.6;
  // Ask for the next page when the viewer is this many videos from the end.
  var LOAD_AHEAD = 3;
  // Space between the captions and the rail of buttons or "Get help" (px).
  var GAP = 8;
  // How long passing words ("Captions off.") stay on screen.
  var BRIEF_MS = 2500;
  var INTRO_KEY = "mindreel.intro-dismissed";
  var SOUND_KEY = "mindreel.feed-sound";
  var CAPTIONS_KEY = "mindreel.feed-captions";

  var page = document.getElementById("feed-page");
  var feed = document.getElementById("feed");
  var statusLine = document.getElementById("feed-status");
  var retryButton = document.getElementById("feed-retry");
  var intro = document.getElementById("intro");
  var introStart = document.getElementById("intro-start");
  var tabList = document.getElementById("feed-tabs");
  var panel = document.getElementById("comments-panel");
  var panelBody = document.getElementById("comments-panel-body");
  var panelClose = document.getElementById("comments-panel-close");
  var panelCount = document.getElementById("comments-panel-count");
  var X = window.MindreelEngagement;
  var C = window.MindreelCaptions;
  if (!page || !feed || !statusLine || !X || !C) {
    return;
  }
  // The first page as the server rendered it: a list for readers without script (replaced
  // here by the swipe feed), and the same page as the API's JSON, played without asking again.
  var serverList = document.getElementById("feed-list");
  var firstPage = readFirstPage();
  var skipToVideos = document.getElementById("skip-to-videos");
  var helpLink = document.getElementById("feed-help-link");
  var endpoint = page.getAttribute("data-endpoint") || "/api/v1/feed";
  var signedIn = page.getAttribute("data-signed-in") === "true";
  var FOLLOWING = "following";
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  var state = {
    // "for_you" or "following"; a topic only goes with For You.
    tab: "for_you",
    topic: "",
    cursor: null,
    done: false,
    loading: false,
    // Bumped whenever the feed starts over (another tab), so late answers are ignored.
    generation: 0,
    items: [],
    current: 0,
    // On the card that says the feed has run out (after the last video).
    atEnd: false,
    soundOn: readSetting(SOUND_KEY) === "on",
    captionsOn: readSetting(CAPTIONS_KEY) !== "off",
    introOpen: false,
    retry: null,
    // The comments panel: which item it is about, and the mounted comments.
    panelItem: null,
    panelOpener: null,
    panelComments: null,
  };
  var nextItemNumber = 0;

  // ---------- Small helpers ----------

  function readFirstPage() {
    var text = page.getAttribute("data-first-page");
    var selection = page.getAttribute("data-first-selection");
    if (!text || !selection) {
      return null;
    }
    try {
      var body = JSON.parse(text);
      return body && Array.isArray(body.items) ? { selection: selection, body: body } : null;
    } catch (error) {
      return null;
    }
  }

  // How the server names a selection in data-first-selection.
  function selectionKey(selection) {
    if (selection.tab === FOLLOWING) {
      return "following";
    }
    return selection.topic ? "topic:" + selection.topic : "for_you";
  }

  function readSetting(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null; // storage blocked: behave as on a first visit
    }
  }

  function writeSetting(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      // Storage blocked: the choice lasts for this page only.
    }
  }

  // Under the caption: "This is not a diagnosis" on a video the classifier (or a moderator)
  // marked, hideable for that video (context-panel.js remembers it); "general information" on
  // education, coping skills and clinical claims. Short, so the picture stays in view.
  function renderContext(video, key) {
    var slot = element("div", "slot-context");
    var context = video.context || {};
    var panels = window.MindreelContextPanel;
    if (context.not_a_diagnosis && !(panels && panels.isHidden(video.id))) {
      var panel = element("section", "feed-context context-note");
      panel.id = key + "-context";
      panel.setAttribute("aria-label", "This is not a diagnosis");
      var words = element("p");
      words.appendChild(element("strong", null, "This is not a diagnosis. "));
      words.appendChild(document.createTextNode("Many of these experiences are common; only a professional who knows you can assess you."));
      panel.appendChild(words);
      var actions = element("p", "context-panel-actions");
      var help = element("a", "context-panel-link", "Talk to a professional");
      help.href = "/find-help";
      actions.appendChild(help);
      var hide = element("button", "context-panel-hide", "Hide this note");
      hide.type = "button";
      hide.hidden = true;
      actions.appendChild(hide);
      panel.appendChild(actions);
      slot.appendChild(panel);
      if (panels) {
        panels.attach(panel, video.id, function () {
          // The button that had the focus went away: keep the keyboard on this video.
          var article = slot.closest("article");
          if (article && article.hasAttribute("tabindex")) {
            article.focus();
          }
        });
      }
    } else if (context.general_information) {
      slot.appendChild(element("p", "feed-general-information", "General information, not advice for your situation."));
    }
    return slot;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function say(words, tone) {
    statusLine.textContent = words || "";
    if (tone) {
      statusLine.setAttribute("data-tone", tone);
    } else {
      statusLine.removeAttribute("data-tone");
    }
  }

  // Words that matter only for a moment ("Sound on."): said, then cleared.
  var briefTimer = 0;
  function sayBriefly(words) {
    say(words);
    window.clearTimeout(briefTimer);
    briefTimer = window.setTimeout(function () {
      if (statusLine.textContent === words) {
        say("");
      }
    }, BRIEF_MS);
  }

  function showRetry(action) {
    state.retry = action;
    if (retryButton) {
      retryButton.hidden = !action;
    }
  }

  function autoplayAllowed() {
    return !reducedMotion.matches && !state.introOpen && document.visibilityState !== "hidden";
  }

  // Which list the feed shows: {tab, topic}.
  function selectionFromLocation() {
    var params = new URLSearchParams(window.location.search);
    if (params.get("tab") === FOLLOWING) {
      return { tab: FOLLOWING, topic: "" };
    }
    return { tab: "for_you", topic: params.get("topic") || "" };
  }

  function selectionOf(tab) {
    if (tab.getAttribute("data-tab") === FOLLOWING) {
      return { tab: FOLLOWING, topic: "" };
    }
    return { tab: "for_you", topic: tab.getAttribute("data-topic") || "" };
  }

  function sameSelection(a, b) {
    return a.tab === b.tab && a.topic === b.topic;
  }

  function tabFor(selection) {
    if (!tabList) {
      return null;
    }
    var tabs = tabList.querySelectorAll("a.feed-tab");
    for (var i = 0; i < tabs.length; i++) {
      if (sameSelection(selectionOf(tabs[i]), selection)) {
        return tabs[i];
      }
    }
    return null;
  }

  function topicName(topic) {
    var tab = tabFor({ tab: "for_you", topic: topic });
    return tab ? tab.textContent.trim() : topic;
  }

  function current() {
    return { tab: state.tab, topic: state.topic };
  }

  // Why a request failed, in words.
  function problemWords(status, body) {
    if (body && typeof body.detail === "string" && body.detail) {
      return body.detail;
    }
    if (status >= 500) {
      return "The server had a problem (" + status + ").";
    }
    return "The server answered " + status + ".";
  }

  // ---------- Loading pages ----------

  function loadPage() {
    if (state.loading || state.done) {
      return;
    }
    if (firstPage && !state.cursor && state.items.length === 0 && firstPage.selection === selectionKey(current())) {
      var body = firstPage.body;
      firstPage = null;
      feed.setAttribute("aria-busy", "false");
      received(body);
      return;
    }
    var generation = state.generation;
    var params = new URLSearchParams();
    params.set("limit", String(PAGE_SIZE));
    if (state.tab === FOLLOWING) {
      params.set("tab", FOLLOWING);
    } else if (state.topic) {
      params.set("topic", state.topic);
    }
    if (state.cursor) {
      params.set("cursor", state.cursor);
    }
    state.loading = true;
    showRetry(null);
    feed.setAttribute("aria-busy", "true");
    if (state.items.length === 0) {
      if (state.tab === FOLLOWING) {
        say("Loading videos from creators you follow…");
      } else {
        say(state.topic ? "Loading videos about " + topicName(state.topic) + "…" : "Loading videos…");
      }
    }
    window
      .fetch(endpoint + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
      .then(function (response) {
        return response.text().then(function (text) {
          var body = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch (error) {
            body = null;
          }
          return { status: response.status, body: body };
        });
      })
      .then(
        function (answer) {
          if (generation !== state.generation) {
            return;
          }
          state.loading = false;
          feed.setAttribute("aria-busy", "false");
          if (answer.status === 401 && state.tab === FOLLOWING) {
            // Signed out meanwhile: Following needs an account.
            X.goToLogin("/?tab=" + FOLLOWING);
            return;
          }
          if (answer.status === 400 && state.topic && problemField(answer.body) === "topic") {
            unknownTopic();
            return;
          }
          if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.items)) {
            failed(problemWords(answer.status, answer.body));
            return;
          }
          received(answer.body);
        },
        function () {
          if (generation !== state.generation) {
            return;
          }
          state.loading = false;
          feed.setAttribute("aria-busy", "false");
          failed("No answer from the server. Check your connection.");
        }
      );
  }

  function problemField(body) {
    var errors = body && Array.isArray(body.errors) ? body.errors : [];
    return errors.length && errors[0] ? errors[0].field : null;
  }

  // Links to go on from here: For You, a few topics, search. Under the status words, or in the
  // card at the end of the feed.
  function offerWaysOn(holder, exceptTopic) {
    var list = element("ul", "feed-ways-on");
    function add(text, href, selection) {
      var item = element("li");
      var link = element("a", "feed-way-on", text);
      link.href = href;
      if (selection) {
        link.addEventListener("click", function (event) {
          if (event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
          }
          event.preventDefault();
          choose(selection, href);
        });
      }
      item.appendChild(link);
      list.appendChild(item);
    }
    if (state.tab === FOLLOWING || state.topic) {
      add("For You", "/", { tab: "for_you", topic: "" });
    }
    var tabs = tabList ? tabList.querySelectorAll("a.feed-tab[data-topic]") : [];
    var shown = 0;
    for (var i = 0; i < tabs.length && shown < 4; i++) {
      var topic = tabs[i].getAttribute("data-topic");
      if (topic && topic !== exceptTopic) {
        add(tabs[i].textContent.trim(), tabs[i].getAttribute("href"), { tab: "for_you", topic: topic });
        shown += 1;
      }
    }
    add("Search", "/search", null);
    holder.appendChild(list);
    return list;
  }

  function offerWaysOnUnderStatus(exceptTopic) {
    removeWaysOnUnderStatus();
    offerWaysOn(statusLine.parentNode, exceptTopic);
  }

  function removeWaysOnUnderStatus() {
    var offered = statusLine.parentNode.querySelector(".feed-ways-on");
    if (offered) {
      offered.remove();
    }
  }

  // `/?topic=…` for a topic that does not exist (a mistyped or old link): say so, no "Try again".
  function unknownTopic() {
    feed.hidden = true;
    say("There is no topic called \u201c" + state.topic + "\u201d here. Choose one of the topics above, or go on from here:", "error");
    showRetry(null);
    offerWaysOnUnderStatus(null);
  }

  // The feed has run out: a last card says so and offers somewhere else to go.
  function showEnd() {
    if (document.getElementById("feed-end")) {
      return;
    }
    var end = element("article", "feed-end");
    end.id = "feed-end";
    end.tabIndex = -1;
    end.setAttribute("aria-labelledby", "feed-end-title");
    var where = state.tab === FOLLOWING ? "from the creators you follow" : state.topic ? "about " + topicName(state.topic) : "in For You";
    var title = element("h2", "feed-end-title", "You\u2019ve reached the end of the videos " + where + ".");
    title.id = "feed-end-title";
    end.appendChild(title);
    end.appendChild(element("p", "feed-end-text", "Try a topic, or search for something you want to learn about:"));
    offerWaysOn(end, state.topic);
    feed.appendChild(end);
  }

  function failed(reason) {
    var first = state.items.length === 0;
    say((first ? "The videos could not be loaded. " : "More videos could not be loaded. ") + reason, "error");
    showRetry(loadPage);
    if (first) {
      feed.hidden = true;
    }
  }

  function received(body) {
    state.cursor = body.next_cursor || null;
    state.done = !state.cursor;
    var before = state.items.length;
    body.items.forEach(function (entry) {
      if (!entry || !entry.video || !entry.video.id) {
        return;
      }
      var item = renderItem(entry);
      state.items.push(item);
      feed.appendChild(item.article);
      observer.observe(item.article);
    });
    updateSetSize();
    if (state.done && state.items.length > 0) {
      showEnd();
    }
    if (state.items.length === 0) {
      feed.hidden = true;
      if (state.tab === FOLLOWING) {
        say("No videos here yet. Follow creators to see their new videos here.");
      } else {
        say(state.topic ? "No videos here yet. Try For You, or another topic." : "No videos here yet.");
      }
      offerWaysOnUnderStatus(state.topic);
      return;
    }
    feed.hidden = false;
    say("");
    if (before === 0) {
      preloadAround(0);
    } else {
      preloadAround(state.current);
    }
  }

  function updateSetSize() {
    var size = state.done ? String(state.items.length) : "-1";
    state.items.forEach(function (item) {
      item.article.setAttribute("aria-setsize", size);
    });
  }

  // Empties the feed and starts again from the first page (of another tab).
  function restart(selection) {
    state.generation += 1;
    closeComments();
    state.items.forEach(function (item) {
      observer.unobserve(item.article);
      item.video.pause();
      item.tracker.stop();
      if (item.captions) {
        item.captions.destroy();
      }
    });
    state.items = [];
    state.tab = selection.tab;
    state.topic = selection.topic;
    state.cursor = null;
    state.done = false;
    state.loading = false;
    state.current = 0;
    state.atEnd = false;
    firstPage = null;
    removeWaysOnUnderStatus();
    feed.textContent = "";
    feed.scrollTop = 0;
    feed.hidden = false;
    markTab(selection);
    loadPage();
  }

  // ---------- One item ----------

  function renderItem(entry) {
    var video = entry.video;
    var creator = entry.creator || {};
    nextItemNumber += 1;
    var key = "feed-item-" + nextItemNumber;

    var article = element("article", "feed-item");
    article.id = key;
    article.tabIndex = -1;
    article.setAttribute("aria-labelledby", key + "-creator " + key + "-kind");
    article.setAttribute("aria-describedby", key + "-caption");
    article.setAttribute("aria-posinset", String(state.items.length + 1));
    article.setAttribute("data-video-id", video.id);
    if (video.page_url) {
      article.setAttribute("data-page-url", video.page_url);
    }

    var player = document.createElement("video");
    player.className = "feed-video";
    player.setAttribute("playsinline", "");
    player.setAttribute("preload", "metadata");
    player.setAttribute("muted", "");
    player.setAttribute("loop", "");
    player.muted = true;
    if (video.poster_url) {
      player.setAttribute("poster", video.poster_url);
    }
    (video.renditions || []).forEach(function (rendition) {
      if (!rendition || !rendition.url) {
        return;
      }
      var source = document.createElement("source");
      source.src = rendition.url;
      if (rendition.content_type) {
        source.type = rendition.content_type;
      }
      player.appendChild(source);
    });
    var track = null;
    if (video.captions_url) {
      track = document.createElement("track");
      track.kind = "captions";
      track.srclang = "en";
      track.label = "English";
      track.src = video.captions_url;
      track.default = true;
      player.appendChild(track);
    }
    article.appendChild(player);
    var captionBox = track ? element("div", "caption-box") : null;
    if (captionBox) {
      article.appendChild(captionBox);
    }

    var hint = element("span", "feed-play-hint");
    hint.setAttribute("aria-hidden", "true");
    article.appendChild(hint);

    var problem = element("p", "feed-item-problem");
    problem.hidden = true;
    article.appendChild(problem);

    var creatorName = creator.display_name || (creator.handle ? "@" + creator.handle : "Someone");
    var profileURL = X.profileURL(creator);

    // The words and links over the bottom of the video.
    var overlay = element("div", "feed-overlay");
    var who = element("h2", "feed-creator");
    who.id = key + "-creator";
    var whoHolder = who;
    if (profileURL) {
      whoHolder = element("a", "feed-creator-link");
      whoHolder.href = profileURL;
      who.appendChild(whoHolder);
    }
    whoHolder.appendChild(element("span", "feed-creator-name", creator.display_name || creator.handle || "Someone"));
    if (creator.handle) {
      whoHolder.appendChild(document.createTextNode(" "));
      whoHolder.appendChild(element("span", "feed-creator-handle", "@" + creator.handle));
    }
    overlay.appendChild(who);
    // A verified clinician's badge: what the licence is and where, linking to its page (the
    // number, the board's lookup, what verification means). Nothing for anyone else.
    var verifiedSlot = element("div", "slot-verified");
    overlay.appendChild(verifiedSlot);
    if (creator.badge) {
      var licence = element("a", "licence-badge feed-licence-badge");
      licence.href = creator.badge.url;
      licence.appendChild(element("span", "licence-badge-mark", "\u2713"));
      licence.appendChild(element("span", "licence-badge-text", "Verified " + creator.badge.licence_type + " \u00b7 " + creator.badge.jurisdiction_name));
      licence.appendChild(element("span", "licence-badge-when", " \u00b7 " + creator.badge.verified));
      licence.setAttribute("aria-label", "Verified licence: " + creator.badge.licence_type + ", " + creator.badge.jurisdiction_name + ", " + creator.badge.verified + ". Details");
      verifiedSlot.appendChild(licence);
    }

    var kind = element("p", "feed-kind");
    var badge = element("span", "badge feed-badge", entry.content_kind_label || video.content_kind || "Video");
    badge.id = key + "-kind";
    kind.appendChild(badge);
    overlay.appendChild(kind);

    var caption = element("p", "feed-caption");
    caption.appendChild(X.captionNodes(captionText(video), video.hashtags));
    caption.id = key + "-caption";
    overlay.appendChild(caption);

    overlay.appendChild(element("div", "slot-why"));
    overlay.appendChild(renderContext(video, key));

    if (video.page_url) {
      var link = element("a", "feed-page-link", "Open video page");
      link.href = video.page_url;
      var context = element("span", "visually-hidden", ": " + (entry.content_kind_label || "video") + " by " + (creator.display_name || creator.handle || "someone"));
      link.appendChild(context);
      overlay.appendChild(link);
    }
    article.appendChild(overlay);

    // Where "Share" shows the link when it can neither share nor copy it.
    var shareHost = element("div", "feed-share-host");
    article.appendChild(shareHost);

    // The buttons down the right-hand side: the creator, what one can do with the video, then
    // the player's own.
    var controls = element("div", "feed-controls");
    var viewer = entry.viewer || null;
    var rail = renderRail(entry, creatorName, profileURL, viewer);
    controls.appendChild(rail.node);
    var playButton = element("button", "feed-control feed-control-play", "Play");
    playButton.type = "button";
    var playerControls = element("div", "feed-player-controls");
    controls.appendChild(playerControls);
    playerControls.appendChild(playButton);
    var soundButton = element("button", "feed-control feed-control-sound", "Sound");
    soundButton.type = "button";
    playerControls.appendChild(soundButton);
    var captionsButton = null;
    if (track) {
      captionsButton = element("button", "feed-control feed-control-captions", "CC");
      captionsButton.type = "button";
      captionsButton.setAttribute("aria-label", "Captions");
      playerControls.appendChild(captionsButton);
    }
    article.appendChild(controls);

    // Cues near the top of the picture (the creator and caption are at the bottom), wrapped,
    // under "Get help" and clear of the rail: drawn by captions.js.
    var captions = captionBox
      ? C.attach(player, captionBox, {
          on: state.captionsOn,
          at: "top",
          reserveTop: function () {
            return helpLink ? helpLink.offsetTop + helpLink.offsetHeight + GAP : 0;
          },
          reserveRight: function () {
            return article.clientWidth - controls.offsetLeft + GAP;
          },
        })
      : null;

    var item = {
      article: article,
      video: player,
      track: track,
      captions: captions,
      playButton: playButton,
      soundButton: soundButton,
      captionsButton: captionsButton,
      problem: problem,
      videoId: video.id,
      pageUrl: video.page_url || "/v/" + video.id,
      title: captionText(video) || "A video on Mindreel",
      creator: creator,
      viewer: viewer,
      commentsEnabled: video.comments_enabled !== false,
      commentCount: Number(video.comment_count) || 0,
      commentButton: rail.comment,
      shareButton: rail.share,
      shareHost: shareHost,
      // Counts the view and reports members' viewings (engagement.js).
      tracker: X.trackPlayback(player, { videoId: video.id, member: viewer !== null }),
    };
    showCommentCount(item);

    X.wireReaction(rail.like, { kind: "like", videoId: video.id, signedIn: viewer !== null, say: say });
    X.wireReaction(rail.save, { kind: "save", videoId: video.id, signedIn: viewer !== null, say: say });
    if (rail.follow) {
      X.wireFollow(rail.follow, { handle: creator.handle, name: creatorName, say: say });
    }
    rail.comment.addEventListener("click", function () {
      openComments(item, rail.comment);
    });
    rail.share.addEventListener("click", function () {
      shareItem(item);
    });

    playButton.addEventListener("click", function () {
      togglePlay(item);
    });
    soundButton.addEventListener("click", function () {
      setSound(!state.soundOn);
    });
    if (captionsButton) {
      captionsButton.addEventListener("click", function () {
        setCaptions(!state.captionsOn);
      });
    }
    player.addEventListener("click", function () {
      if (player.paused) {
        play(item, true);
      } else {
        setSound(!state.soundOn);
      }
    });
    player.addEventListener("play", function () {
      showPlaying(item);
    });
    player.addEventListener("pause", function () {
      showPlaying(item);
    });
    // The browser tries each <source>; only the last one failing means the video cannot play.
    var sources = player.querySelectorAll("source");
    var lastSource = sources.length ? sources[sources.length - 1] : null;
    function cannotPlay() {
      problem.textContent = "This video cannot play here. Its page may work in another browser.";
      problem.hidden = false;
    }
    if (lastSource) {
      lastSource.addEventListener("error", cannotPlay);
    } else {
      cannotPlay();
    }
    player.addEventListener("error", cannotPlay);

    applySound(item);
    applyCaptions(item);
    showPlaying(item);
    return item;
  }

  // ---------- The rail: creator, like, comment, save, share ----------

  function railButton(kind, words) {
    var button = element("button", "rail-button rail-" + kind);
    button.type = "button";
    var icon = element("span", "rail-icon");
    icon.appendChild(X.icon(kind));
    button.appendChild(icon);
    button.appendChild(element("span", "action-count", words || ""));
    return button;
  }

  function renderRail(entry, creatorName, profileURL, viewer) {
    var creator = entry.creator || {};
    var video = entry.video;
    var node = element("div", "feed-rail");

    var who = element("div", "rail-creator");
    var avatar = X.avatar(creator, "creator-avatar-rail");
    if (profileURL) {
      var link = element("a", "rail-avatar-link");
      link.href = profileURL;
      link.setAttribute("aria-label", "Profile of " + creatorName);
      link.appendChild(avatar);
      who.appendChild(link);
    } else {
      who.appendChild(avatar);
    }
    var follow = null;
    // No Follow on one's own videos; visitors are taken to log in first.
    if (creator.handle && !(viewer && viewer.is_owner)) {
      follow = element(viewer ? "button" : "a", "rail-follow");
      if (viewer) {
        follow.type = "button";
        follow.setAttribute("aria-pressed", viewer.following ? "true" : "false");
      } else {
        follow.href = X.loginURL();
        // Back to where the visitor is by then (the tab may have changed).
        follow.addEventListener("click", function () {
          follow.href = X.loginURL();
        });
      }
      follow.setAttribute("data-handle", creator.handle);
      follow.setAttribute("aria-label", "Follow " + creatorName);
      follow.appendChild(element("span", "rail-follow-text follow-word", "Follow"));
      who.appendChild(follow);
    }
    node.appendChild(who);

    var like = railButton("like");
    like.setAttribute("aria-pressed", viewer && viewer.liked ? "true" : "false");
    like.setAttribute("data-count", String(Number(video.like_count) || 0));
    node.appendChild(like);

    var comment = railButton("comment");
    comment.setAttribute("aria-haspopup", "dialog");
    if (panel) {
      comment.setAttribute("aria-controls", panel.id);
    }
    node.appendChild(comment);

    var save = railButton("save");
    save.setAttribute("aria-pressed", viewer && viewer.saved ? "true" : "false");
    save.setAttribute("data-count", String(Number(video.save_count) || 0));
    node.appendChild(save);

    var share = railButton("share", "Share");
    node.appendChild(share);

    // Report (Public/js/report.js opens its dialog; visitors go to log in): not on one's own.
    if (window.MindreelReport && !(viewer && viewer.is_owner)) {
      var report = element("button", "rail-button rail-report feed-report");
      report.type = "button";
      report.setAttribute("aria-haspopup", "dialog");
      report.setAttribute("data-report-type", "video");
      report.setAttribute("data-report-id", video.id);
      if (creator.handle) {
        report.setAttribute("data-report-handle", creator.handle);
      }
      var reportIcon = element("span", "rail-icon");
      reportIcon.appendChild(window.MindreelReport.icon());
      report.appendChild(reportIcon);
      report.appendChild(element("span", "action-count", "Report"));
      report.appendChild(element("span", "visually-hidden", " video by " + creatorName));
      node.appendChild(report);
    }

    return { node: node, like: like, save: save, comment: comment, share: share, follow: viewer ? follow : null };
  }

  function showCommentCount(item) {
    var button = item.commentButton;
    button.setAttribute("data-count", String(item.commentCount));
    button.setAttribute("aria-label", "Comment, " + X.plural(item.commentCount, "comment", "comments"));
    button.querySelector(".action-count").textContent = X.shortCount(item.commentCount);
    if (state.panelItem === item && panelCount) {
      panelCount.textContent = X.plural(item.commentCount, "comment", "comments");
    }
  }

  function shareItem(item) {
    X.share({
      url: X.absoluteURL(item.pageUrl),
      title: item.title,
      say: sayBriefly,
      showLink: function (url) {
        item.shareHost.textContent = "";
        var made = X.linkBox(url, function () {
          item.shareButton.focus({ preventScroll: true });
        });
        item.shareHost.appendChild(made.box);
        made.field.focus({ preventScroll: true });
        say("Copy the link from the field.");
      },
    });
  }

  // ---------- The comments panel ----------

  function setUpCommentsPanel() {
    if (!panel) {
      return;
    }
    panel.addEventListener("close", function () {
      if (panel.open) {
        // Opened again (for another video) before this event came: that one stays.
        return;
      }
      if (state.panelComments) {
        state.panelComments.destroy();
        state.panelComments = null;
      }
      var opener = state.panelOpener;
      state.panelItem = null;
      state.panelOpener = null;
      if (opener && document.body.contains(opener)) {
        opener.focus({ preventScroll: true });
      }
    });
    if (panelClose) {
      panelClose.addEventListener("click", function () {
        panel.close();
      });
    }
    // A click outside the panel (on its backdrop) closes it.
    panel.addEventListener("click", function (event) {
      if (event.target === panel) {
        panel.close();
      }
    });
  }

  function openComments(item, opener) {
    if (!panel || !panelBody || typeof panel.showModal !== "function" || !window.MindreelComments) {
      // No panel here: the video's page has the same comments.
      window.location.assign(item.pageUrl + "#comments");
      return;
    }
    if (panel.open) {
      panel.close();
    }
    if (state.panelComments) {
      state.panelComments.destroy();
    }
    state.panelItem = item;
    state.panelOpener = opener;
    state.panelComments = window.MindreelComments.mount(panelBody, {
      videoId: item.videoId,
      commentsEnabled: item.commentsEnabled,
      signedIn: signedIn,
      isOwner: !!(item.viewer && item.viewer.is_owner),
      creatorHandle: item.creator.handle,
      onChange: function (delta) {
        commentsChanged(item, delta);
      },
      onToggle: function (enabled) {
        item.commentsEnabled = enabled;
      },
    });
    showCommentCount(item);
    panel.showModal();
    if (panelClose) {
      panelClose.focus();
    }
  }

  function closeComments() {
    if (panel && panel.open) {
      panel.close();
    }
  }

  // Shows the change at once, then the server's own count (a deleted comment takes its replies).
  function commentsChanged(item, delta) {
    item.commentCount = Math.max(0, item.commentCount + delta);
    showCommentCount(item);
    X.fetchVideo(item.videoId).then(function (video) {
      if (video && typeof video.comment_count === "number") {
        item.commentCount = video.comment_count;
        showCommentCount(item);
      }
    });
  }

  // The caption as text, followed by any hashtag it does not already mention.
  function captionText(video) {
    var text = typeof video.caption === "string" ? video.caption : "";
    var lower = text.toLowerCase();
    var missing = (video.hashtags || []).filter(function (tag) {
      return typeof tag === "string" && tag && lower.indexOf("#" + tag.toLowerCase()) === -1;
    });
    if (missing.length) {
      text = (text ? text + " " : "") + missing.map(function (tag) { return "#" + tag; }).join(" ");
    }
    return text;
  }

  // ---------- Playing ----------

  function play(item, byViewer) {
    if (item.blocked) {
      return;
    }
    var attempt = item.video.play();
    if (attempt && typeof attempt.catch === "function") {
      attempt.catch(function (error) {
        // Browsers refuse to start a video with sound before the viewer has touched the page:
        // start it muted instead, keeping the viewer's choice for later.
        if (error && error.name === "NotAllowedError" && !item.video.muted) {
          item.video.muted = true;
          showSound(item);
          if (!byViewer) {
            sayBriefly("Sound is off until you tap a video or press m.");
          }
          item.video.play().catch(function () {});
        }
      });
    }
  }

  function togglePlay(item) {
    if (item.video.paused) {
      play(item, true);
    } else {
      item.video.pause();
    }
  }

  function showPlaying(item) {
    var paused = item.video.paused;
    item.playButton.textContent = paused ? "Play" : "Pause";
    item.article.classList.toggle("is-paused", paused);
  }

  function applySound(item) {
    item.video.muted = !state.soundOn;
    showSound(item);
  }

  function showSound(item) {
    var muted = item.video.muted;
    item.soundButton.textContent = muted ? "Unmute" : "Mute";
  }

  function setSound(on) {
    state.soundOn = on;
    writeSetting(SOUND_KEY, on ? "on" : "off");
    state.items.forEach(applySound);
    sayBriefly(on ? "Sound on." : "Sound off.");
  }

  function applyCaptions(item) {
    if (!item.track) {
      return;
    }
    item.captions.setOn(state.captionsOn);
    item.captionsButton.setAttribute("aria-pressed", state.captionsOn ? "true" : "false");
  }

  function setCaptions(on) {
    state.captionsOn = on;
    writeSetting(CAPTIONS_KEY, on ? "on" : "off");
    state.items.forEach(applyCaptions);
    sayBriefly(on ? "Captions on." : "Captions off.");
  }

  // The next video loads fully ahead of time; the rest only their first frame and length.
  function preloadAround(index) {
    state.items.forEach(function (item, i) {
      var wanted = i === index || i === index + 1 ? "auto" : "metadata";
      if (item.video.getAttribute("preload") !== wanted) {
        item.video.setAttribute("preload", wanted);
      }
    });
  }

  function setCurrent(index) {
    state.current = index;
    state.atEnd = false;
    state.items.forEach(function (item, i) {
      if (i !== index && !item.video.paused) {
        item.video.pause();
      }
    });
    preloadAround(index);
    var item = state.items[index];
    if (item && autoplayAllowed() && item.video.paused) {
      play(item, false);
    }
    if (index >= state.items.length - LOAD_AHEAD) {
      loadPage();
    }
  }

  var observer = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        var index = indexOf(entry.target);
        if (index < 0) {
          return;
        }
        if (entry.intersectionRatio >= PLAY_RATIO) {
          setCurrent(index);
        } else {
          // Off screen (or mostly): it stops, and that viewing is over.
          if (!state.items[index].video.paused) {
            state.items[index].video.pause();
          }
          state.items[index].tracker.finish();
        }
      });
    },
    { root: feed, threshold: [0, PLAY_RATIO, 1] }
  );

  function indexOf(article) {
    for (var i = 0; i < state.items.length; i++) {
      if (state.items[i].article === article) {
        return i;
      }
    }
    return -1;
  }

  // ---------- Moving by keyboard ----------

  function move(delta) {
    if (state.items.length === 0) {
      return;
    }
    var end = document.getElementById("feed-end");
    if (state.atEnd) {
      // On the card after the last video: ↑ goes back to that video, ↓ stays.
      if (delta > 0) {
        return;
      }
      delta = 0;
    }
    var index = Math.max(0, Math.min(state.items.length - 1, state.current + delta));
    if (index === state.current && delta > 0 && !state.done) {
      say("Loading more videos…");
      loadPage();
      return;
    }
    if (index === state.current && delta > 0 && end) {
      state.atEnd = true;
      feed.scrollTo({ top: end.offsetTop, behavior: reducedMotion.matches ? "auto" : "smooth" });
      end.focus({ preventScroll: true });
      return;
    }
    state.atEnd = false;
    var item = state.items[index];
    // Scroll the feed itself (not the page around it), then give the item focus so that screen
    // readers say which video this is.
    feed.scrollTo({ top: item.article.offsetTop, behavior: reducedMotion.matches ? "auto" : "smooth" });
    item.article.focus({ preventScroll: true });
    if (index !== state.current) {
      state.current = index;
    }
  }

  function isReportOpen() {
    var dialog = document.getElementById("report-dialog");
    return !!dialog && dialog.open;
  }

  function isTyping(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function isControl(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName.toLowerCase();
    return tag === "button" || tag === "a" || tag === "summary";
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || state.introOpen) {
      return;
    }
    // The comments panel and the report dialog have keys of their own (Escape closes them).
    if ((panel && panel.open) || isReportOpen()) {
      return;
    }
    if (isTyping(event.target)) {
      return;
    }
    var item = state.items[state.current];
    switch (event.key) {
      case "ArrowDown":
      case "j":
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
      case "k":
        event.preventDefault();
        move(-1);
        break;
      case " ":
      case "Spacebar":
        // Space on a button or link presses it, as everywhere else.
        if (isControl(event.target) || !item) {
          return;
        }
        event.preventDefault();
        togglePlay(item);
        break;
      case "m":
        if (item) {
          event.preventDefault();
          setSound(!state.soundOn);
        }
        break;
      case "c":
        if (item && item.track) {
          event.preventDefault();
          setCaptions(!state.captionsOn);
        }
        break;
      default:
        break;
    }
  });

  // ---------- Tabs ----------

  function markTab(selection) {
    if (!tabList) {
      return;
    }
    var tabs = tabList.querySelectorAll("a.feed-tab");
    var active = tabFor(selection);
    Array.prototype.forEach.call(tabs, function (tab, index) {
      if (tab === active) {
        tab.setAttribute("aria-current", "page");
      } else {
        tab.removeAttribute("aria-current");
      }
      // One Tab stop for the whole strip (the current tab, or the first when none is, as for an
      // unknown topic); arrow keys move within it.
      tab.tabIndex = tab === active || (!active && index === 0) ? 0 : -1;
    });
    if (active && tabList.scrollWidth > tabList.clientWidth) {
      tabList.scrollLeft = Math.max(0, active.parentNode.offsetLeft - tabList.clientWidth / 2 + active.offsetWidth / 2);
    }
  }

  // Shows another selection (a tab, or a link offering one), as following its link would.
  function choose(selection, href) {
    if (selection.tab === FOLLOWING && !signedIn) {
      X.goToLogin(href);
      return;
    }
    if (!sameSelection(selection, current())) {
      window.history.pushState({ tab: selection.tab, topic: selection.topic }, "", href);
      restart(selection);
    }
  }

  if (tabList) {
    tabList.addEventListener("click", function (event) {
      var tab = event.target.closest ? event.target.closest("a.feed-tab") : null;
      if (!tab || event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      event.preventDefault();
      choose(selectionOf(tab), tab.getAttribute("href"));
    });
    // Left and right (Home, End) move between tabs; Enter opens the focused one.
    tabList.addEventListener("keydown", function (event) {
      var tabs = Array.prototype.slice.call(tabList.querySelectorAll("a.feed-tab"));
      var at = tabs.indexOf(document.activeElement);
      if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (to === undefined) {
        return;
      }
      event.preventDefault();
      to = (to + tabs.length) % tabs.length;
      tabs[at].tabIndex = -1;
      tabs[to].tabIndex = 0;
      tabs[to].focus();
    });
    // Leaving the strip, the Tab stop goes back to the current tab.
    tabList.addEventListener("focusout", function (event) {
      if (!tabList.contains(event.relatedTarget)) {
        markTab(current());
      }
    });
  }

  // "Skip to the videos" lands on the video in view (or the end card), ready for the keys; on a
  // first visit, on "Start watching" (the videos wait behind the introduction).
  if (skipToVideos) {
    skipToVideos.addEventListener("click", function (event) {
      var target = state.atEnd ? document.getElementById("feed-end") : state.items[state.current] ? state.items[state.current].article : null;
      if (state.introOpen && introStart) {
        target = introStart;
      }
      if (!target) {
        return; // nothing to watch: the link goes to the stage, with its words and links
      }
      event.preventDefault();
      target.focus();
    });
  }

  window.addEventListener("popstate", function () {
    var selection = selectionFromLocation();
    if (selection.tab === FOLLOWING && !signedIn) {
      X.goToLogin("/?tab=" + FOLLOWING);
      return;
    }
    if (!sameSelection(selection, current())) {
      restart(selection);
    }
  });

  if (retryButton) {
    retryButton.addEventListener("click", function () {
      var action = state.retry;
      showRetry(null);
      say("");
      if (action) {
        action();
      }
    });
  }

  // ---------- Introduction for first-time visitors ----------

  function openIntro() {
    if (!intro || !introStart) {
      return;
    }
    state.introOpen = true;
    intro.hidden = false;
    // The feed waits behind the introduction: not reachable and not playing until dismissed.
    feed.inert = true;
    introStart.addEventListener("click", closeIntro);
  }

  function closeIntro() {
    state.introOpen = false;
    writeSetting(INTRO_KEY, "yes");
    intro.hidden = true;
    feed.inert = false;
    var item = state.items[state.current];
    if (item) {
      item.article.focus({ preventScroll: true });
      if (autoplayAllowed()) {
        play(item, true);
      }
    }
  }

  // ---------- The page around the feed ----------

  // The feed fills the screen under the header; the header's height depends on what it holds.
  function measureHeader() {
    var header = document.querySelector(".site-header");
    if (header) {
      document.documentElement.style.setProperty("--feed-header-height", header.offsetHeight + "px");
    }
  }

  document.addEventListener("visibilitychange", function () {
    var item = state.items[state.current];
    if (!item) {
      return;
    }
    if (document.visibilityState === "hidden") {
      item.video.pause();
    }
  });

  // ---------- Blocking ----------

  // Blocking someone (report.js announces it) covers their videos already loaded here, at once:
  // they stop, and the cover says why and where to undo it. The next page from the server leaves
  // them out.
  function blockChanged(event) {
    var detail = event.detail || {};
    state.items.forEach(function (item) {
      if (!item.creator || item.creator.handle !== detail.handle) {
        return;
      }
      if (detail.blocked && !item.blocked) {
        item.blocked = true;
        item.video.pause();
        item.tracker.finish();
        var cover = element("div", "feed-blocked");
        cover.setAttribute("role", "note");
        cover.appendChild(element("p", "feed-blocked-words", "You blocked @" + detail.handle + ", so their videos are hidden. "));
        var undo = element("a", "feed-blocked-link", "Undo in Settings");
        undo.href = "/settings#blocks-section";
        cover.lastChild.appendChild(undo);
        item.article.classList.add("is-blocked");
        item.article.appendChild(cover);
        item.blockedCover = cover;
      } else if (!detail.blocked && item.blocked) {
        item.blocked = false;
        item.article.classList.remove("is-blocked");
        if (item.blockedCover) {
          item.blockedCover.remove();
          item.blockedCover = null;
        }
      }
    });
  }

  function start() {
    document.addEventListener("mindreel:block", blockChanged);
    if (serverList) {
      serverList.remove();
    }
    measureHeader();
    window.addEventListener("resize", measureHeader);
    if (readSetting(INTRO_KEY) !== "yes") {
      openIntro();
    }
    var selection = selectionFromLocation();
    if (selection.tab === FOLLOWING && !signedIn) {
      X.goToLogin("/?tab=" + FOLLOWING);
      return;
    }
    state.tab = selection.tab;
    state.topic = selection.topic;
    markTab(selection);
    setUpCommentsPanel();
    loadPage();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

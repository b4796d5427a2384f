// The upload page, second half: once the file is up (Public/js/upload.js says so with a
// `mindreel:upload-complete` event), the member describes the video (#video-form), which
// creates it with POST /api/v1/videos. Then the page follows its processing by asking
// GET /api/v1/videos/{id} every second, in words and with a second progress bar, until the
// video plays in place, or shows why it failed, with Try again and Delete.
//
// No libraries; the server's answers are shown with textContent only (never as markup).
(function () {
  "use strict";

  var POLL_MS = 1000;
  // While the connection is down, ask less often, up to this.
  var SLOW_POLL_MS = 10000;
  // The percent in the status words changes at most this often, so a screen reader is not
  // told a new number every second; the bar itself moves on every answer.
  var STATUS_WORDS_MS = 4000;
  // A caption file larger than this is not a caption file.
  var MAX_CAPTION_FILE_BYTES = 1024 * 1024;
  var COUNT_ANNOUNCE_MS = 1200;

  var STATE_WORDS = {
    uploaded: "Waiting for its turn…",
    probing: "Checking the file…",
    transcoding: "Making it play everywhere…",
    ready: "Ready",
    failed: "Processing stopped.",
  };

  // Fields the server may name in a 422 answer, and the control each one belongs to.
  var FIELD_CONTROLS = {
    caption: function () {
      return [document.getElementById("caption")];
    },
    topic_ids: function () {
      return Array.prototype.slice.call(document.querySelectorAll("#topic-list input[type=checkbox]"));
    },
    hashtags: function () {
      return [document.getElementById("hashtags")];
    },
    content_kind: function () {
      return Array.prototype.slice.call(document.querySelectorAll("input[name=content_kind]"));
    },
    visibility: function () {
      return Array.prototype.slice.call(document.querySelectorAll("input[name=visibility]"));
    },
    captions: function () {
      return [document.getElementById("captions-file")];
    },
    sources: function () {
      return [document.getElementById("sources")];
    },
  };

  // ---------- Small helpers ----------

  function csrfToken() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.getAttribute("content") || "" : "";
  }

  // Resolves with {status, body (parsed JSON or null), contentType}; rejects only when no
  // answer came.
  function request(method, url, body) {
    var headers = { Accept: "application/json", "X-CSRF-Token": csrfToken() };
    var options = { method: method, headers: headers, credentials: "same-origin", cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return window.fetch(url, options).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return response.text().then(function (text) {
        var parsed = null;
        if (text && /json/i.test(type)) {
          try {
            parsed = JSON.parse(text);
          } catch (error) {
            parsed = null;
          }
        }
        return { status: response.status, body: parsed, contentType: type };
      });
    });
  }

  function problemDetail(answer) {
    return answer.body && typeof answer.body.detail === "string" ? answer.body.detail : "";
  }

  // Characters as a person counts them (an emoji is one), as the server counts them.
  function characterCount(text) {
    if (window.Intl && Intl.Segmenter) {
      var count = 0;
      var segments = new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text);
      for (var iterator = segments[Symbol.iterator](), step = iterator.next(); !step.done; step = iterator.next()) {
        count += 1;
      }
      return count;
    }
    return Array.from(text).length;
  }

  function formatNumber(number) {
    return number.toLocaleString("en-US");
  }

  function sameOriginPath(url) {
    // The server gives paths; keep any answer on this origin (the page's CSP expects it).
    var parsed = new URL(url, window.location.href);
    if (parsed.origin !== window.location.origin) {
      return null;
    }
    return parsed.pathname + parsed.search;
  }

  function uploadIdFrom(location) {
    var path = new URL(location, window.location.href).pathname.replace(/\/+$/, "");
    return decodeURIComponent(path.split("/").pop() || "");
  }

  function readText(file) {
    if (file.text) {
      return file.text();
    }
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(String(reader.result));
      };
      reader.onerror = function () {
        reject(reader.error);
      };
      reader.readAsText(file);
    });
  }

  // ---------- The page ----------

  function start() {
    var form = document.getElementById("video-form");
    var uploadForm = document.getElementById("upload-form");
    if (!form || !uploadForm) {
      return;
    }
    var ui = {
      form: form,
      title: document.getElementById("video-form-title"),
      formError: document.getElementById("video-form-error"),
      caption: document.getElementById("caption"),
      count: document.getElementById("caption-count"),
      countLive: document.getElementById("caption-count-live"),
      topicList: document.getElementById("topic-list"),
      hashtags: document.getElementById("hashtags"),
      captionsFile: document.getElementById("captions-file"),
      submit: document.getElementById("video-submit"),
      dropZone: document.getElementById("drop-zone"),
      section: document.getElementById("processing-section"),
      sectionTitle: document.getElementById("processing-title"),
      progress: document.getElementById("processing-progress"),
      status: document.getElementById("processing-status"),
      error: document.getElementById("processing-error"),
      controls: document.getElementById("processing-controls"),
      retry: document.getElementById("retry-button"),
      remove: document.getElementById("delete-button"),
      result: document.getElementById("video-result"),
      another: document.getElementById("another-upload"),
      anotherButton: document.getElementById("another-button"),
    };
    var endpoint = form.getAttribute("data-endpoint") || "/api/v1/videos";
    var topicsEndpoint = form.getAttribute("data-topics-endpoint") || "/api/v1/topics";
    var captionLimit = parseInt(form.getAttribute("data-caption-limit"), 10) || 2200;
    var topicLimit = parseInt(form.getAttribute("data-topic-limit"), 10) || 3;

    var uploadId = null; // the finished upload the form describes
    var topicsState = "none"; // none | loading | loaded | failed
    var sending = false;
    var watcher = null; // the video being followed

    // ---------- Field errors ----------

    function errorElement(field) {
      return document.getElementById(field + "-error");
    }

    function clearErrors() {
      ui.formError.textContent = "";
      ui.formError.hidden = true;
      Object.keys(FIELD_CONTROLS).forEach(function (field) {
        var element = errorElement(field);
        if (element) {
          element.textContent = "";
          element.hidden = true;
        }
        FIELD_CONTROLS[field]().forEach(function (control) {
          control.removeAttribute("aria-invalid");
        });
      });
    }

    function clearFieldError(field) {
      var element = errorElement(field);
      if (element && !element.hidden) {
        element.textContent = "";
        element.hidden = true;
        FIELD_CONTROLS[field]().forEach(function (control) {
          control.removeAttribute("aria-invalid");
        });
      }
    }

    // Shows each error next to its field and focuses the first field (in page order) that
    // has one. Errors about no field of the form go above it.
    function showErrors(errors) {
      clearErrors();
      var general = [];
      var invalid = [];
      errors.forEach(function (error) {
        var field = error.field;
        var element = FIELD_CONTROLS[field] ? errorElement(field) : null;
        if (!element) {
          general.push(error.detail);
          return;
        }
        if (!element.hidden) {
          return; // one message per field
        }
        element.textContent = error.detail;
        element.hidden = false;
        FIELD_CONTROLS[field]().forEach(function (control) {
          control.setAttribute("aria-invalid", "true");
          invalid.push(control);
        });
      });
      if (general.length) {
        ui.formError.textContent = general.join(" ");
        ui.formError.hidden = false;
      }
      var first = null;
      invalid.forEach(function (control) {
        if (!first || first.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_PRECEDING) {
          first = control;
        }
      });
      if (first) {
        first.focus();
      } else if (general.length) {
        ui.title.focus();
      }
    }

    // ---------- Caption count ----------

    var countTimer = null;
    function updateCount() {
      var used = characterCount(ui.caption.value);
      var left = captionLimit - used;
      var words =
        left >= 0
          ? formatNumber(left) + (left === 1 ? " character left" : " characters left")
          : formatNumber(-left) + (left === -1 ? " character too many" : " characters too many");
      ui.count.textContent = words;
      ui.count.setAttribute("data-over", left < 0 ? "true" : "false");
      // The visible count is hidden from screen readers; a quiet copy is read once typing pauses.
      window.clearTimeout(countTimer);
      countTimer = window.setTimeout(function () {
        ui.countLive.textContent = words;
      }, COUNT_ANNOUNCE_MS);
      return left;
    }
    ui.caption.addEventListener("input", function () {
      if (updateCount() >= 0) {
        clearFieldError("caption");
      }
    });
    updateCount();
    ui.countLive.textContent = "";

    // ---------- Topics ----------

    function loadTopics() {
      if (topicsState === "loading" || topicsState === "loaded") {
        return;
      }
      topicsState = "loading";
      request("GET", topicsEndpoint).then(
        function (answer) {
          var items = answer.status === 200 && answer.body && Array.isArray(answer.body.items) ? answer.body.items : null;
          if (!items || !items.length) {
            topicsFailed(problemDetail(answer));
            return;
          }
          topicsState = "loaded";
          renderTopics(items);
        },
        function () {
          topicsFailed("");
        }
      );
    }

    function topicsFailed(detail) {
      topicsState = "failed";
      ui.topicList.textContent = "";
      var message = document.createElement("p");
      message.className = "muted";
      message.textContent = (detail ? detail + " " : "") + "The topics could not be loaded. ";
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button button-secondary button-small";
      again.textContent = "Load the topics again";
      again.addEventListener("click", function () {
        ui.topicList.textContent = "";
        var loading = document.createElement("p");
        loading.className = "muted";
        loading.textContent = "Loading topics…";
        ui.topicList.appendChild(loading);
        loadTopics();
      });
      message.appendChild(again);
      ui.topicList.appendChild(message);
    }

    function renderTopics(items) {
      ui.topicList.textContent = "";
      items.forEach(function (topic) {
        var id = String(topic.id);
        var wrapper = document.createElement("div");
        wrapper.className = "choice";
        var input = document.createElement("input");
        input.type = "checkbox";
        input.name = "topic_ids";
        input.value = id;
        input.id = "topic-" + id.replace(/[^A-Za-z0-9_-]/g, "_");
        var label = document.createElement("label");
        label.htmlFor = input.id;
        label.textContent = topic.name;
        wrapper.appendChild(input);
        wrapper.appendChild(label);
        ui.topicList.appendChild(wrapper);
      });
    }

    ui.topicList.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox") {
        return;
      }
      var chosen = ui.topicList.querySelectorAll("input[type=checkbox]:checked").length;
      if (box.checked && chosen > topicLimit) {
        // A fourth topic: not taken, and said why, next to the topics.
        box.checked = false;
        showErrors([{ field: "topic_ids", detail: "Choose at most " + topicLimit + " topics: uncheck one to choose another." }]);
        box.focus();
        return;
      }
      if (chosen >= 1) {
        clearFieldError("topic_ids");
      }
    });

    ["content_kind", "visibility"].forEach(function (name) {
      Array.prototype.forEach.call(document.querySelectorAll("input[name=" + name + "]"), function (input) {
        input.addEventListener("change", function () {
          clearFieldError(name);
        });
      });
    });
    ui.hashtags.addEventListener("input", function () {
      clearFieldError("hashtags");
    });
    ui.captionsFile.addEventListener("change", function () {
      clearFieldError("captions");
    });

    // ---------- Showing the form ----------

    function resetForm() {
      form.reset();
      clearErrors();
      updateCount();
      ui.countLive.textContent = "";
      ui.submit.disabled = false;
    }

    uploadForm.addEventListener("mindreel:upload-start", function () {
      // Another file: the form waits for that one.
      if (!sending && !watcher) {
        uploadId = null;
        form.hidden = true;
      }
    });

    uploadForm.addEventListener("mindreel:upload-complete", function (event) {
      if (watcher || sending) {
        return;
      }
      var id = event.detail && event.detail.location ? uploadIdFrom(event.detail.location) : "";
      if (!id) {
        return;
      }
      uploadId = id;
      form.hidden = false;
      loadTopics();
      // The upload's own status line says "describe your video below"; the form's heading is
      // the next thing to read.
      ui.title.focus();
    });

    // ---------- Sending the form ----------

    function collect() {
      var topics = Array.prototype.map.call(ui.topicList.querySelectorAll("input[type=checkbox]:checked"), function (box) {
        return box.value;
      });
      var kind = form.querySelector("input[name=content_kind]:checked");
      var visibility = form.querySelector("input[name=visibility]:checked");
      var hashtags = ui.hashtags.value
        .split(/[\s,]+/)
        .map(function (tag) {
          return tag.trim();
        })
        .filter(function (tag) {
          return tag.length > 0;
        });
      return {
        upload_id: uploadId,
        caption: ui.caption.value,
        topic_ids: topics,
        hashtags: hashtags,
        content_kind: kind ? kind.value : null,
        visibility: visibility ? visibility.value : "public",
        sources_text: document.getElementById("sources") ? document.getElementById("sources").value : "",
      };
    }

    // What the page can tell before asking the server; the server checks everything again.
    function localErrors(body) {
      var errors = [];
      if (updateCount() < 0) {
        errors.push({ field: "caption", detail: "A caption has at most " + formatNumber(captionLimit) + " characters." });
      }
      if (topicsState === "loaded" && (body.topic_ids.length < 1 || body.topic_ids.length > topicLimit)) {
        errors.push({ field: "topic_ids", detail: "Choose 1 to " + topicLimit + " topics." });
      }
      if (body.content_kind === "clinical_claim" && !body.sources_text.trim()) {
        errors.push({ field: "sources", detail: "A clinical claim needs at least one source: a link with its title, or a citation." });
      }
      if (!body.content_kind) {
        errors.push({ field: "content_kind", detail: "Say what kind of video it is." });
      }
      var file = ui.captionsFile.files && ui.captionsFile.files[0];
      if (file && file.size > MAX_CAPTION_FILE_BYTES) {
        errors.push({ field: "captions", detail: "This caption file is larger than 1 MB; a caption file is much smaller. Choose a .vtt or .srt file." });
      }
      return errors;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending || !uploadId) {
        return;
      }
      var body = collect();
      var errors = localErrors(body);
      if (errors.length) {
        showErrors(errors);
        return;
      }
      clearErrors();
      sending = true;
      ui.submit.disabled = true;
      var file = ui.captionsFile.files && ui.captionsFile.files[0];
      var captions = file
        ? readText(file).then(null, function () {
            throw { field: "captions", detail: "This caption file could not be read. Choose it again." };
          })
        : Promise.resolve(null);
      captions
        .then(function (text) {
          if (text !== null) {
            body.captions = text;
          }
          return request("POST", endpoint, body);
        })
        .then(
          function (answer) {
            sending = false;
            ui.submit.disabled = false;
            created(answer, Boolean(file));
          },
          function (error) {
            sending = false;
            ui.submit.disabled = false;
            if (error && error.field) {
              showErrors([error]);
            } else {
              showErrors([{ field: "form", detail: "Your video could not be saved because the connection is down. Your details are still here: press Publish video again." }]);
            }
          }
        );
    });

    function created(answer, hadCaptionFile) {
      if (answer.status === 201 && answer.body && answer.body.id) {
        form.hidden = true;
        ui.dropZone.hidden = true;
        ui.section.setAttribute("data-upload-id", uploadId);
        uploadId = null;
        // "Next: describe your video below" is done.
        var uploadStatus = document.getElementById("upload-status");
        if (uploadStatus) {
          uploadStatus.textContent = "Upload complete.";
        }
        follow(answer.body);
        return;
      }
      var detail = problemDetail(answer);
      if (answer.status === 422 || answer.status === 400) {
        var errors = answer.body && Array.isArray(answer.body.errors) ? answer.body.errors : [];
        errors = errors.filter(function (error) {
          return error && typeof error.detail === "string";
        });
        showErrors(errors.length ? errors : [{ field: "form", detail: detail || "Check the details and try again." }]);
        return;
      }
      if (answer.status === 413) {
        showErrors([
          hadCaptionFile
            ? { field: "captions", detail: "This caption file is too large to send. Use a shorter caption file." }
            : { field: "form", detail: "The details are too long to send. Shorten the caption." },
        ]);
        return;
      }
      if (answer.status === 401) {
        showErrors([{ field: "form", detail: "Your session has ended. Log in again in another tab, then press Publish video." }]);
        return;
      }
      if (answer.status === 403) {
        showErrors([{ field: "form", detail: detail || "This page is out of date. Reload it, then choose your file again." }]);
        return;
      }
      showErrors([{ field: "form", detail: detail || "Your video could not be saved just now. Your details are still here: press Publish video again." }]);
    }

    // ---------- Following the processing ----------

    function Watcher(video) {
      // UUIDs: the same in any case; the site's own URLs use lower case.
      this.id = String(video.id).toLowerCase();
      this.url = endpoint + "/" + encodeURIComponent(this.id);
      this.timer = null;
      this.run = 0;
      this.failures = 0;
      this.state = null;
      this.lastWords = 0;
      this.stopped = false;
    }

    Watcher.prototype.stop = function () {
      this.stopped = true;
      this.run += 1;
      window.clearTimeout(this.timer);
      this.timer = null;
    };

    Watcher.prototype.poll = function (delay) {
      var watching = this;
      var run = ++this.run;
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(function () {
        if (run !== watching.run || watching.stopped) {
          return;
        }
        request("GET", watching.url).then(
          function (answer) {
            if (run !== watching.run || watching.stopped) {
              return;
            }
            if (answer.status === 200 && answer.body) {
              watching.failures = 0;
              watching.show(answer.body);
            } else if (answer.status === 404) {
              watching.stop();
              ui.progress.value = 0;
              sayStatus("This video no longer exists.");
              showAnother();
            } else if (answer.status === 401) {
              watching.stop();
              sayStatus("Your session has ended. Log in again to see how your video is doing.");
            } else {
              watching.retryLater();
            }
          },
          function () {
            if (run === watching.run && !watching.stopped) {
              watching.retryLater();
            }
          }
        );
      }, delay);
    };

    Watcher.prototype.retryLater = function () {
      this.failures += 1;
      if (this.failures === 3) {
        sayStatus("Lost the connection to the server — still trying. Your video keeps processing meanwhile.");
        this.lastWords = Date.now();
      }
      this.poll(Math.min(SLOW_POLL_MS, POLL_MS * Math.pow(2, Math.max(0, this.failures - 1))));
    };

    Watcher.prototype.show = function (video) {
      var state = video.processing_state;
      var changed = state !== this.state;
      this.state = state;
      var now = Date.now();
      if (state === "transcoding") {
        var fraction = typeof video.progress === "number" ? Math.max(0, Math.min(1, video.progress)) : 0;
        ui.progress.value = fraction * 100;
        if (changed || now - this.lastWords >= STATUS_WORDS_MS) {
          sayStatus(STATE_WORDS.transcoding + " " + Math.floor(fraction * 100) + "%");
          this.lastWords = now;
        }
      } else if (state === "ready") {
        ui.progress.value = 100;
        sayStatus(STATE_WORDS.ready + " — your video plays below.");
        this.stop();
        showVideo(video);
        return;
      } else if (state === "failed") {
        this.stop();
        sayStatus(STATE_WORDS.failed);
        showFailure(video);
        return;
      } else {
        // uploaded or probing: how long is not known yet.
        ui.progress.removeAttribute("value");
        if (changed) {
          sayStatus(STATE_WORDS[state] || "Working on your video…");
          this.lastWords = now;
        }
      }
      this.poll(POLL_MS);
    };

    function sayStatus(text) {
      ui.status.textContent = text;
    }

    function follow(video) {
      if (watcher) {
        watcher.stop();
      }
      watcher = new Watcher(video);
      // Which video this is, for scripts and tests (the page shows it only as a link once ready).
      ui.section.setAttribute("data-video-id", watcher.id);
      ui.section.hidden = false;
      ui.error.textContent = "";
      ui.controls.hidden = true;
      ui.result.hidden = true;
      ui.result.textContent = "";
      ui.another.hidden = true;
      ui.progress.removeAttribute("value");
      ui.sectionTitle.textContent = "Preparing your video";
      ui.sectionTitle.focus();
      watcher.show(video);
    }

    function showFailure(video) {
      ui.error.textContent =
        typeof video.failure_reason === "string" && video.failure_reason
          ? video.failure_reason
          : "Your video could not be processed. Try again, or delete it and upload the file again.";
      ui.controls.hidden = false;
      ui.retry.disabled = false;
      ui.remove.disabled = false;
      ui.sectionTitle.textContent = "Your video could not be prepared";
    }

    function showAnother() {
      ui.another.hidden = false;
    }

    function showVideo(video) {
      ui.sectionTitle.textContent = "Your video is ready";
      ui.result.textContent = "";
      var rendition = Array.isArray(video.renditions) && video.renditions.length ? video.renditions[0] : null;
      var source = rendition ? sameOriginPath(rendition.url) : null;
      if (!source) {
        sayStatus("Ready, but no playable file was listed. Reload the page in a moment.");
        showAnother();
        return;
      }
      var figure = document.createElement("figure");
      figure.className = "video-figure";
      var element = document.createElement("video");
      element.id = "result-video";
      element.controls = true;
      element.setAttribute("playsinline", "");
      element.preload = "metadata";
      var poster = video.poster_url ? sameOriginPath(video.poster_url) : null;
      if (poster) {
        element.poster = poster;
      }
      if (video.width && video.height) {
        // The frame keeps the video's shape before it loads (the stylesheet scales it down).
        element.width = video.width;
        element.height = video.height;
      }
      var sourceElement = document.createElement("source");
      sourceElement.src = source;
      sourceElement.type = "video/mp4";
      element.appendChild(sourceElement);
      var captions = video.captions_url ? sameOriginPath(video.captions_url) : null;
      if (captions) {
        var track = document.createElement("track");
        track.kind = "captions";
        track.srclang = "en";
        track.label = "English";
        track.src = captions;
        track.default = true;
        element.appendChild(track);
      }
      var fallback = document.createElement("p");
      fallback.textContent = "This browser cannot play the video here. ";
      var download = document.createElement("a");
      download.href = source;
      download.textContent = "Open the video file";
      fallback.appendChild(download);
      element.appendChild(fallback);
      figure.appendChild(element);

      var caption = document.createElement("figcaption");
      caption.className = "video-caption";
      caption.id = "result-caption";
      caption.textContent = video.caption || "Your video";
      figure.appendChild(caption);
      element.setAttribute("aria-describedby", caption.id);
      if (video.publication_state === "pending_review") {
        // A clinical claim from an account without a verified licence waits for a moderator.
        ui.sectionTitle.textContent = "Your video is ready and waits for review";
        var held = document.createElement("p");
        held.id = "held-for-review";
        held.className = "notice-card";
        held.textContent =
          "Only you can watch it for now. A clinical claim from an account without a verified licence is published once a moderator has read it against its sources; you will get a notification when they have.";
        ui.result.appendChild(held);
      }

      ui.result.appendChild(figure);

      var links = document.createElement("p");
      links.className = "video-links";
      var page = video.page_url ? sameOriginPath(video.page_url) : null;
      if (page) {
        var link = document.createElement("a");
        link.id = "video-page-link";
        link.href = page;
        link.textContent = "View your video";
        links.appendChild(link);
        ui.result.appendChild(links);
      }
      ui.result.hidden = false;
      showAnother();
    }

    // ---------- Try again, delete, another upload ----------

    ui.retry.addEventListener("click", function () {
      if (!watcher) {
        return;
      }
      var watching = watcher;
      ui.retry.disabled = true;
      ui.remove.disabled = true;
      sayStatus("Trying again…");
      request("POST", watching.url + "/retry", {}).then(
        function (answer) {
          if (watching !== watcher) {
            return;
          }
          if (answer.status === 202 || answer.status === 200) {
            ui.error.textContent = "";
            ui.controls.hidden = true;
            ui.sectionTitle.textContent = "Preparing your video";
            watching.stopped = false;
            watching.state = null;
            if (answer.body && answer.body.processing_state) {
              watching.show(answer.body);
            } else {
              ui.progress.removeAttribute("value");
              watching.poll(0);
            }
            // The buttons went away: keep the keyboard in the same place.
            ui.sectionTitle.focus();
            return;
          }
          ui.retry.disabled = false;
          ui.remove.disabled = false;
          if (answer.status === 409) {
            // Already going again (another tab): follow it.
            ui.error.textContent = "";
            ui.controls.hidden = true;
            watching.stopped = false;
            watching.poll(0);
            ui.sectionTitle.focus();
            return;
          }
          sayStatus(problemDetail(answer) || "It could not be tried again just now. Wait a moment, then press Try again.");
        },
        function () {
          ui.retry.disabled = false;
          ui.remove.disabled = false;
          sayStatus("The connection is down. Press Try again once you are back online.");
        }
      );
    });

    ui.remove.addEventListener("click", function () {
      if (!watcher) {
        return;
      }
      var watching = watcher;
      ui.retry.disabled = true;
      ui.remove.disabled = true;
      sayStatus("Deleting…");
      request("DELETE", watching.url).then(
        function (answer) {
          if (watching !== watcher) {
            return;
          }
          if (answer.status === 204 || answer.status === 404) {
            watching.stop();
            watcher = null;
            readyForAnother("Deleted. Nothing of that video was kept. Choose another video to upload.");
            return;
          }
          ui.retry.disabled = false;
          ui.remove.disabled = false;
          sayStatus(problemDetail(answer) || "The video could not be deleted just now. Try again in a moment.");
        },
        function () {
          ui.retry.disabled = false;
          ui.remove.disabled = false;
          sayStatus("The connection is down. Press Delete again once you are back online.");
        }
      );
    });

    function readyForAnother(message) {
      if (watcher) {
        watcher.stop();
        watcher = null;
      }
      ui.section.hidden = true;
      ui.section.removeAttribute("data-video-id");
      ui.section.removeAttribute("data-upload-id");
      ui.status.textContent = "";
      ui.error.textContent = "";
      ui.result.textContent = "";
      ui.result.hidden = true;
      form.hidden = true;
      resetForm();
      uploadId = null;
      ui.dropZone.hidden = false;
      uploadForm.dispatchEvent(new CustomEvent("mindreel:upload-reset", { detail: { message: message } }));
      var input = document.getElementById("file");
      if (input) {
        input.focus();
      }
    }

    ui.anotherButton.addEventListener("click", function () {
      readyForAnother("Choose another video to upload.");
    });

    // The topics are needed as soon as an upload finishes: fetch them while it goes up.
    loadTopics();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

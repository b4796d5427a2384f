// The upload page: a small tus 1.0 client written for Mindreel (no libraries).
//
// The file goes up in chunks: POST creates the upload, each PATCH appends one chunk at the
// offset the server confirmed last, with a SHA-1 checksum so a chunk damaged on the way is
// refused and sent again. Where the upload lives (its Location) is remembered in localStorage
// under a fingerprint of the file, so after a dropped connection, a pause or a reload the page
// asks the server (HEAD) how much it has and continues from there. Every message is in words.
//
// The page's second half (Public/js/video-form.js) hears about this upload through events on
// the form: `mindreel:upload-start` when a file starts going up, `mindreel:upload-complete`
// (detail: {id, location, name}) once the server has all of it; it sends
// `mindreel:upload-reset` (detail: {message}) to make the page ready for another file.
(function () {
  "use strict";

  var TUS_VERSION = "1.0.0";
  // Waits between tries after a dropped connection, in seconds; then every 30 s for as long as
  // the page stays open.
  var RETRY_DELAYS = [1, 2, 4, 8, 16];
  var RETRY_EVERY = 30;
  // A chunk whose bytes stop moving for this long is given up and tried again.
  var STALL_MS = 30000;
  // Once a chunk's bytes are all sent, how long the server may take to answer.
  var ANSWER_MS = 120000;
  var SPEED_WINDOW_MS = 5000;
  var MIN_CHUNK = 64 * 1024;
  // Chunk sizes adapt to the connection: a chunk cut off midway is sent again whole, so on a
  // slow connection chunks stay small (about CHUNK_SECONDS of sending each); on a fast one they
  // grow to the server's chunk size.
  var FIRST_CHUNK = 1024 * 1024;
  var SMALLEST_ADAPTIVE_CHUNK = 256 * 1024;
  var CHUNK_SECONDS = 8;
  var MAX_CHECKSUM_RETRIES = 5;
  var STORAGE_PREFIX = "mindreel.upload.v1.";
  var COMPLETE_MESSAGE = "Upload complete. Next: describe your video below.";

  // ---------- Small helpers ----------

  function base64FromBytes(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i += 1) {
      text += String.fromCharCode(bytes[i]);
    }
    return window.btoa(text);
  }

  function base64FromText(text) {
    return base64FromBytes(new TextEncoder().encode(text));
  }

  function csrfToken() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.getAttribute("content") || "" : "";
  }

  function intHeader(headers, name) {
    var value = headers.get(name);
    if (value === null || !/^\d+$/.test(value.trim())) {
      return null;
    }
    return parseInt(value, 10);
  }

  // The `detail` of an application/problem+json answer, when there is one.
  function problemDetail(contentType, text) {
    if (!text || !/json/i.test(contentType || "")) {
      return "";
    }
    try {
      var body = JSON.parse(text);
      return body && typeof body.detail === "string" ? body.detail : "";
    } catch (error) {
      return "";
    }
  }

  function announce(target, name, detail) {
    target.dispatchEvent(new CustomEvent(name, { detail: detail || {} }));
  }

  function samePathURL(location) {
    // The server answers with a path; keep it as one (same origin, so CSP allows it).
    var url = new URL(location, window.location.href);
    return url.pathname + url.search;
  }

  function percentOf(done, total) {
    if (!total) {
      return 0;
    }
    return Math.min(100, (done / total) * 100);
  }

  // Whole percents, rounded down so that "100%" only ever means done.
  function percentText(done, total) {
    return Math.floor(percentOf(done, total)) + "%";
  }

  function formatSpeed(bytesPerSecond) {
    if (bytesPerSecond >= 1e6) {
      return (bytesPerSecond / 1e6).toFixed(1) + " MB/s";
    }
    if (bytesPerSecond >= 1e3) {
      return Math.round(bytesPerSecond / 1e3) + " kB/s";
    }
    return Math.round(bytesPerSecond) + " B/s";
  }

  function formatRemaining(seconds) {
    if (seconds < 10) {
      return "a few seconds left";
    }
    if (seconds < 60) {
      return "about " + Math.ceil(seconds / 5) * 5 + " s left";
    }
    var minutes = Math.round(seconds / 60);
    if (minutes < 60) {
      return "about " + minutes + " min left";
    }
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    return "about " + hours + " h" + (rest ? " " + rest + " min" : "") + " left";
  }

  function formatBytes(bytes) {
    if (bytes >= 1024 * 1024 * 1024) {
      return (bytes / (1024 * 1024 * 1024)).toFixed(1) + " GiB";
    }
    if (bytes >= 1024 * 1024) {
      return (bytes / (1024 * 1024)).toFixed(1) + " MiB";
    }
    return Math.max(1, Math.round(bytes / 1024)) + " KiB";
  }

  function checksumAvailable() {
    return Boolean(window.isSecureContext && window.crypto && window.crypto.subtle);
  }

  function sha1Base64(buffer) {
    return window.crypto.subtle.digest("SHA-1", buffer).then(function (digest) {
      return base64FromBytes(new Uint8Array(digest));
    });
  }

  function readChunk(blob) {
    if (blob.arrayBuffer) {
      return blob.arrayBuffer();
    }
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(reader.result);
      };
      reader.onerror = function () {
        reject(reader.error);
      };
      reader.readAsArrayBuffer(blob);
    });
  }

  // ---------- Where unfinished uploads are remembered ----------

  // localStorage may be missing or refuse writes (private browsing, full disk): the upload
  // still works, it just cannot be continued after a reload.
  function LocationStore(account) {
    this.prefix = STORAGE_PREFIX + account + ".";
  }

  LocationStore.fingerprint = function (file) {
    return JSON.stringify([file.name, file.size, file.lastModified]);
  };

  LocationStore.prototype.storage = function () {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  };

  LocationStore.prototype.get = function (file) {
    var storage = this.storage();
    if (!storage) {
      return null;
    }
    try {
      var entry = JSON.parse(storage.getItem(this.prefix + LocationStore.fingerprint(file)) || "null");
      if (entry && typeof entry.location === "string" && entry.size === file.size) {
        return entry;
      }
    } catch (error) {
      // An unreadable entry is as good as none.
    }
    return null;
  };

  LocationStore.prototype.put = function (file, location) {
    var storage = this.storage();
    if (!storage) {
      return;
    }
    try {
      storage.setItem(
        this.prefix + LocationStore.fingerprint(file),
        JSON.stringify({ location: location, size: file.size, name: file.name, lastModified: file.lastModified })
      );
    } catch (error) {
      // See above: resuming after a reload is then not possible.
    }
  };

  LocationStore.prototype.each = function (visit) {
    var storage = this.storage();
    if (!storage) {
      return;
    }
    var keys = [];
    try {
      for (var i = 0; i < storage.length; i += 1) {
        var key = storage.key(i);
        if (key && key.indexOf(this.prefix) === 0) {
          keys.push(key);
        }
      }
      keys.forEach(function (key) {
        var entry = null;
        try {
          entry = JSON.parse(storage.getItem(key) || "null");
        } catch (error) {
          entry = null;
        }
        visit(key, entry, storage);
      });
    } catch (error) {
      // Nothing to clean up then.
    }
  };

  LocationStore.prototype.removeLocation = function (location) {
    this.each(function (key, entry, storage) {
      if (!entry || entry.location === location) {
        storage.removeItem(key);
      }
    });
  };

  // Forgets uploads the server no longer lists as unfinished (finished, discarded, expired).
  LocationStore.prototype.keepOnly = function (locations) {
    this.each(function (key, entry, storage) {
      if (!entry || locations.indexOf(entry.location) === -1) {
        storage.removeItem(key);
      }
    });
  };

  // ---------- Talking to the server ----------

  // A request other than PATCH. Resolves with {status, headers, detail}; rejects only when no
  // answer came (network down, aborted).
  function send(method, url, headers, signal) {
    var all = { "Tus-Resumable": TUS_VERSION };
    Object.keys(headers || {}).forEach(function (name) {
      all[name] = headers[name];
    });
    if (method !== "GET" && method !== "HEAD") {
      all["X-CSRF-Token"] = csrfToken();
    }
    return window
      .fetch(url, { method: method, headers: all, credentials: "same-origin", cache: "no-store", signal: signal })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var read = method === "HEAD" ? Promise.resolve("") : response.text();
        return read.then(function (text) {
          return { status: response.status, headers: response.headers, detail: problemDetail(type, text), text: text };
        });
      });
  }

  // ---------- The page ----------

  function start() {
    var form = document.getElementById("upload-form");
    if (!form) {
      return;
    }
    var ui = {
      form: form,
      dropZone: document.getElementById("drop-zone"),
      input: document.getElementById("file"),
      status: document.getElementById("upload-status"),
      panel: document.getElementById("upload-panel"),
      label: document.getElementById("upload-progress-label"),
      fileName: document.getElementById("upload-file-name"),
      progress: document.getElementById("upload-progress"),
      percent: document.getElementById("upload-percent"),
      speed: document.getElementById("upload-speed"),
      eta: document.getElementById("upload-eta"),
      pause: document.getElementById("pause-button"),
      resume: document.getElementById("resume-button"),
      cancel: document.getElementById("cancel-button"),
      unfinishedSection: document.getElementById("unfinished-section"),
      unfinishedTitle: document.getElementById("unfinished-title"),
      unfinishedList: document.getElementById("unfinished-uploads"),
    };

    var endpoint = form.getAttribute("data-endpoint") || "/api/v1/uploads";
    var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
    var maxSizeLabel = form.getAttribute("data-max-size-label") || formatBytes(maxBytes);
    var chunkBytes = parseInt(form.getAttribute("data-chunk-bytes"), 10) || 8 * 1024 * 1024;
    var fixedChunk = false;
    // A fixed, smaller chunk may be asked for in the address (?chunk=262144), within sensible
    // bounds: the browser tests use it to make progress visible on a fast machine.
    var asked = parseInt(new URLSearchParams(window.location.search).get("chunk") || "", 10);
    if (asked >= MIN_CHUNK && asked <= chunkBytes) {
      chunkBytes = asked;
      fixedChunk = true;
    }
    var store = new LocationStore(form.getAttribute("data-account") || "member");
    var unfinished = []; // the server's list of this member's unfinished uploads
    var current = null; // the upload this page is working on

    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    // ---------- Status words ----------

    function say(text, tone) {
      ui.status.textContent = text;
      if (tone) {
        ui.status.setAttribute("data-tone", tone);
      } else {
        ui.status.removeAttribute("data-tone");
      }
    }

    // The bar and the figure beside it, always from the same number. Below 100% until the
    // server confirms the last byte, so "100%" only ever means done.
    function showPercent(done, total, complete) {
      var value = complete ? 100 : Math.min(percentOf(done, total), 99.9);
      ui.progress.value = value;
      ui.percent.textContent = Math.floor(value) + "%";
    }

    // The progress bar's name says what is happening to which file.
    function nameProgress(verb) {
      ui.label.firstChild.nodeValue = verb + " ";
    }

    // Shows one control and hides the other, keeping keyboard focus on the visible one.
    function showControls(state) {
      var focused = document.activeElement;
      var hadFocus = focused === ui.pause || focused === ui.resume || focused === ui.cancel;
      ui.pause.hidden = !(state === "uploading" || state === "waiting");
      ui.resume.hidden = !(state === "paused" || state === "retryable");
      ui.cancel.hidden = !(state === "uploading" || state === "waiting" || state === "paused" || state === "retryable");
      if (hadFocus && focused.hidden) {
        if (!ui.resume.hidden) {
          ui.resume.focus();
        } else if (!ui.pause.hidden) {
          ui.pause.focus();
        } else {
          ui.input.focus();
        }
      }
    }

    // ---------- One upload ----------

    function Upload(file) {
      this.file = file;
      this.size = file.size;
      this.location = null;
      this.offset = 0;
      this.state = "starting";
      this.run = 0; // bumped on pause/cancel: answers to an older run are ignored
      this.attempt = 0;
      this.checksumFailures = 0;
      this.xhr = null;
      this.controller = null;
      this.retryTimer = null;
      this.ticker = null;
      this.samples = [];
      this.sent = 0;
      // The offset a status message named, until the bar moves past it.
      this.saidFigureAt = null;
      this.lastMovement = 0;
      this.bodySent = false;
      this.lastFigures = 0;
      this.chunk = fixedChunk ? chunkBytes : Math.min(FIRST_CHUNK, chunkBytes);
      this.chunkStarted = 0;
    }

    // After a chunk went through in `ms`: the next one takes about CHUNK_SECONDS at that pace.
    Upload.prototype.adaptChunk = function (bytes, ms) {
      if (fixedChunk || ms <= 0) {
        return;
      }
      var wanted = (bytes / ms) * 1000 * CHUNK_SECONDS;
      var rounded = Math.floor(wanted / MIN_CHUNK) * MIN_CHUNK;
      this.chunk = Math.max(Math.min(SMALLEST_ADAPTIVE_CHUNK, chunkBytes), Math.min(chunkBytes, rounded));
    };

    // Ids compare without regard to case: the list may spell a UUID in capitals, the Location
    // in small letters.
    Upload.prototype.id = function () {
      return this.location ? this.location.split("/").pop().toLowerCase() : null;
    };

    Upload.prototype.stopActivity = function () {
      this.run += 1;
      if (this.xhr) {
        this.xhr.abort();
        this.xhr = null;
      }
      if (this.controller) {
        this.controller.abort();
        this.controller = null;
      }
      if (this.retryTimer) {
        window.clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
      if (this.ticker) {
        window.clearInterval(this.ticker);
        this.ticker = null;
      }
    };

    // A request that gives up (and so counts as a dropped connection) when no answer comes in
    // STALL_MS; pausing or cancelling aborts it.
    Upload.prototype.request = function (method, url, headers) {
      var controller = window.AbortController ? new AbortController() : null;
      this.controller = controller;
      var timer = controller
        ? window.setTimeout(function () {
            controller.abort();
          }, STALL_MS)
        : null;
      var upload = this;
      function done() {
        window.clearTimeout(timer);
        if (upload.controller === controller) {
          upload.controller = null;
        }
      }
      return send(method, url, headers, controller ? controller.signal : undefined).then(
        function (answer) {
          done();
          return answer;
        },
        function (error) {
          done();
          throw error;
        }
      );
    };

    // --- progress, speed and time left ---

    Upload.prototype.resetSpeed = function () {
      this.samples = [];
      ui.speed.textContent = "";
      ui.eta.textContent = "";
    };

    Upload.prototype.showBytes = function (bytes) {
      this.sent = bytes;
      var now = Date.now();
      this.samples.push({ t: now, b: bytes });
      while (this.samples.length > 2 && now - this.samples[0].t > SPEED_WINDOW_MS) {
        this.samples.shift();
      }
      showPercent(bytes, this.size, this.state === "complete");
      // Words that named a figure ("Resuming from 40%") would be wrong once the bar moves on.
      if (this.saidFigureAt !== null && bytes > this.saidFigureAt && this.state === "uploading") {
        this.saidFigureAt = null;
        say("Uploading " + this.file.name + ".");
      }
      // The figures in words change at most twice a second, so they stay readable.
      if (now - this.lastFigures >= 500) {
        this.lastFigures = now;
        this.showFigures(now);
      }
    };

    Upload.prototype.showFigures = function (now) {
      var first = this.samples[0];
      var last = this.samples[this.samples.length - 1];
      if (!first || last.t - first.t < 1000) {
        ui.speed.textContent = "";
        ui.eta.textContent = "working out the time left";
        return;
      }
      var speed = ((last.b - first.b) * 1000) / (now - first.t);
      ui.speed.textContent = formatSpeed(speed);
      ui.eta.textContent = speed > 0 ? formatRemaining((this.size - this.sent) / speed) : "waiting for the connection";
    };

    Upload.prototype.startTicker = function () {
      var upload = this;
      if (this.ticker) {
        return;
      }
      this.ticker = window.setInterval(function () {
        if (upload.state !== "uploading") {
          return;
        }
        var now = Date.now();
        // No bytes moving: the speed falls towards zero instead of freezing at its last value.
        upload.samples.push({ t: now, b: upload.sent });
        while (upload.samples.length > 2 && now - upload.samples[0].t > SPEED_WINDOW_MS) {
          upload.samples.shift();
        }
        upload.showFigures(now);
        if (upload.xhr && now - upload.lastMovement > (upload.bodySent ? ANSWER_MS : STALL_MS)) {
          var xhr = upload.xhr;
          upload.xhr = null;
          xhr.abort();
          upload.connectionLost();
        }
      }, 1000);
    };

    // --- the protocol ---

    Upload.prototype.begin = function () {
      var file = this.file;
      ui.panel.hidden = false;
      ui.fileName.textContent = file.name;
      nameProgress("Uploading");
      showPercent(0, this.size, false);
      this.saidFigureAt = null;
      this.resetSpeed();
      this.state = "uploading";
      showControls("uploading");

      var stored = store.get(file);
      var listed = null;
      if (!stored) {
        // Another browser or a cleared storage: the server's list still knows the upload by
        // its name and size.
        unfinished.forEach(function (item) {
          if (item.filename === file.name && item.length === file.size && (!listed || item.offset > listed.offset)) {
            listed = item;
          }
        });
      }
      if (stored || listed) {
        this.location = samePathURL(stored ? stored.location : listed.location || endpoint + "/" + listed.id);
        store.put(file, this.location);
        say("Looking up how much of " + file.name + " was already uploaded…");
        this.sync("resume");
      } else {
        say("Uploading " + file.name + ".");
        this.create();
      }
      // This upload leaves the list of unfinished ones; one stopped for it joins the list.
      renderUnfinished();
      refreshUnfinished();
    };

    Upload.prototype.create = function () {
      var upload = this;
      var run = this.run;
      var metadata = "filename " + base64FromText(this.file.name);
      if (this.file.type) {
        metadata += ",filetype " + base64FromText(this.file.type);
      }
      this.request("POST", endpoint, { "Upload-Length": String(this.size), "Upload-Metadata": metadata }).then(
        function (answer) {
          if (run !== upload.run) {
            return;
          }
          var location = answer.headers.get("Location");
          if (answer.status === 201 && location) {
            upload.location = samePathURL(location);
            upload.offset = 0;
            store.put(upload.file, upload.location);
            upload.sendNext();
          } else {
            upload.refused(answer.status, answer.detail, "create");
          }
        },
        function () {
          if (run === upload.run) {
            upload.connectionLost();
          }
        }
      );
    };

    // Asks the server how much it has (HEAD) and carries on from there. `why` is "resume" (a
    // file chosen again), "retry" (after a dropped connection), "continue" (Resume pressed) or
    // "conflict" (the server had a different offset).
    Upload.prototype.sync = function (why) {
      var upload = this;
      var run = this.run;
      if (!this.location) {
        this.create();
        return;
      }
      this.request("HEAD", this.location, {}).then(
        function (answer) {
          if (run !== upload.run) {
            return;
          }
          if (answer.status === 200) {
            var offset = intHeader(answer.headers, "Upload-Offset");
            var length = intHeader(answer.headers, "Upload-Length");
            if (offset === null || (length !== null && length !== upload.size) || offset > upload.size) {
              // Not this file after all: start afresh rather than mix two files.
              store.removeLocation(upload.location);
              upload.location = null;
              say("Starting the upload of " + upload.file.name + " again from the beginning.");
              upload.create();
              return;
            }
            upload.offset = offset;
            upload.attempt = 0;
            upload.resetSpeed();
            upload.showBytes(offset);
            if (offset >= upload.size) {
              upload.complete();
              return;
            }
            if (why === "resume" || why === "continue") {
              say("Resuming from " + percentText(offset, upload.size) + ".");
              upload.saidFigureAt = offset;
            } else if (why === "retry") {
              say("Connected again. Continuing from " + percentText(offset, upload.size) + ".");
              upload.saidFigureAt = offset;
            }
            upload.sendNext();
          } else if (why === "resume" && (answer.status === 404 || answer.status === 410 || answer.status === 403)) {
            // The earlier upload expired or was discarded: this file starts over.
            store.removeLocation(upload.location);
            upload.location = null;
            say("The earlier upload of " + upload.file.name + " is no longer kept; starting again from the beginning.");
            upload.create();
          } else {
            upload.refused(answer.status, answer.detail);
          }
        },
        function () {
          if (run === upload.run) {
            upload.connectionLost();
          }
        }
      );
    };

    Upload.prototype.sendNext = function () {
      var upload = this;
      var run = this.run;
      var offset = this.offset;
      var end = Math.min(offset + this.chunk, this.size);
      var chunk = this.file.slice(offset, end);
      this.state = "uploading";
      showControls("uploading");
      this.startTicker();

      var prepared = checksumAvailable()
        ? readChunk(chunk).then(function (buffer) {
            return sha1Base64(buffer).then(function (digest) {
              return { body: buffer, checksum: "sha1 " + digest };
            });
          })
        : Promise.resolve({ body: chunk, checksum: null });

      prepared.then(
        function (prepared) {
          if (run !== upload.run) {
            return;
          }
          upload.patch(offset, prepared.body, prepared.checksum);
        },
        function () {
          if (run !== upload.run) {
            return;
          }
          upload.fail("This file could not be read any more. Choose it again to continue.", false);
        }
      );
    };

    // PATCH through XMLHttpRequest: its upload progress events move the bar within a chunk.
    Upload.prototype.patch = function (offset, body, checksum) {
      var upload = this;
      var run = this.run;
      var xhr = new XMLHttpRequest();
      this.xhr = xhr;
      this.bodySent = false;
      this.lastMovement = Date.now();
      this.chunkStarted = this.lastMovement;
      xhr.open("PATCH", this.location, true);
      xhr.setRequestHeader("Tus-Resumable", TUS_VERSION);
      xhr.setRequestHeader("Upload-Offset", String(offset));
      xhr.setRequestHeader("Content-Type", "application/offset+octet-stream");
      xhr.setRequestHeader("X-CSRF-Token", csrfToken());
      if (checksum) {
        xhr.setRequestHeader("Upload-Checksum", checksum);
      }
      xhr.upload.onprogress = function (event) {
        if (run !== upload.run) {
          return;
        }
        upload.lastMovement = Date.now();
        upload.showBytes(offset + event.loaded);
      };
      xhr.upload.onload = function () {
        upload.bodySent = true;
        upload.lastMovement = Date.now();
      };
      xhr.onload = function () {
        if (run !== upload.run || upload.xhr !== xhr) {
          return;
        }
        upload.xhr = null;
        if (xhr.status === 204) {
          var value = xhr.getResponseHeader("Upload-Offset");
          var next = value !== null && /^\d+$/.test(value.trim()) ? parseInt(value, 10) : null;
          if (next === null || next < offset || next > upload.size) {
            // An answer that cannot be right: ask the server where it stands.
            upload.sync("conflict");
            return;
          }
          upload.adaptChunk(next - offset, Date.now() - upload.chunkStarted);
          upload.offset = next;
          upload.attempt = 0;
          upload.checksumFailures = 0;
          upload.showBytes(next);
          if (next >= upload.size) {
            upload.complete();
          } else {
            upload.sendNext();
          }
          return;
        }
        var detail = problemDetail(xhr.getResponseHeader("Content-Type"), xhr.responseText);
        upload.refused(xhr.status, detail);
      };
      xhr.onerror = xhr.ontimeout = function () {
        if (run !== upload.run || upload.xhr !== xhr) {
          return;
        }
        upload.xhr = null;
        upload.connectionLost();
      };
      xhr.send(body);
    };

    // What a refusal means, in words; and whether trying again can help. `phase` is "create"
    // for the POST that starts an upload.
    Upload.prototype.refused = function (status, detail, phase) {
      if (phase === "create" && status === 403) {
        // Not about an upload that exists: say what the server says (say, too many unfinished).
        this.fail(detail || "You cannot start another upload now. Finish or discard an unfinished one first.", false);
        return;
      }
      switch (status) {
        case 401:
          this.fail("Your session has ended. Log in again, then choose the file to continue.", false);
          return;
        case 423:
          // The server is still busy with a part sent before a pause or a cut: ask again soon.
          this.retryLater("The server is still finishing the previous part — trying again in ");
          return;
        case 403:
          // This server answers 404 for another member's upload; a 403 here is most likely a
          // refused form token (the page is too old), which the server explains.
          this.fail(detail || "This upload is not yours or no longer exists.", false);
          return;
        case 404:
        case 410:
          if (this.location) {
            store.removeLocation(this.location);
          }
          this.location = null;
          this.fail("This upload is not yours or no longer exists. Choose the file again to start a new upload.", false);
          return;
        case 409:
          // The server has a different offset (another tab, or bytes that arrived before a
          // cut): learn it and continue from there.
          this.sync("conflict");
          return;
        case 422:
          // The finished file was probed and is not a video we can use: the server kept
          // nothing, so there is nothing to resume; the reason and what to do are in `detail`.
          if (this.location) {
            store.removeLocation(this.location);
          }
          this.location = null;
          this.fail(detail || "This file is not a video Mindreel can use. Choose another file to upload.", false);
          // No bar at 99% for a file that was not kept: the words say what happened.
          ui.panel.hidden = true;
          ui.input.value = "";
          ui.input.focus();
          return;
        case 413:
          if (this.location) {
            store.removeLocation(this.location);
          }
          this.location = null;
          this.fail("This file is larger than the " + maxSizeLabel + " limit.", false);
          return;
        case 460:
          this.checksumFailures += 1;
          if (this.checksumFailures > MAX_CHECKSUM_RETRIES) {
            this.fail("The data kept arriving damaged. Check your connection, then press Resume.", true);
            return;
          }
          say("The data was damaged on the way; sending that part again.");
          this.sendNext();
          return;
        case 415:
          this.fail(detail || "The server did not accept the way this browser sent the file. Reload the page and try again.", false);
          return;
        case 412:
          this.fail(detail || "This page is out of date. Reload it, then choose the file again to continue.", false);
          return;
        case 400:
          this.fail(detail || "The server could not accept this upload as sent. Reload the page and try again.", false);
          return;
        case 0:
        case 408:
        case 429:
        case 500:
        case 502:
        case 503:
        case 504:
          this.connectionLost();
          return;
        default:
          if (status >= 500) {
            this.connectionLost();
            return;
          }
          this.fail(detail || "The upload stopped because the server refused it. Press Resume to try again.", true);
      }
    };

    Upload.prototype.connectionLost = function () {
      this.retryLater("Connection lost — retrying in ");
    };

    // Waits (1, 2, 4, 8, 16 s, then every 30 s), then asks the server for the offset with HEAD
    // and continues from there.
    Upload.prototype.retryLater = function (words) {
      var upload = this;
      this.stopActivity();
      var run = this.run;
      var delay = this.attempt < RETRY_DELAYS.length ? RETRY_DELAYS[this.attempt] : RETRY_EVERY;
      if (!fixedChunk) {
        // A flaky connection: smaller chunks lose less when cut.
        this.chunk = Math.max(Math.min(SMALLEST_ADAPTIVE_CHUNK, chunkBytes), Math.floor(this.chunk / 2 / MIN_CHUNK) * MIN_CHUNK);
      }
      this.attempt += 1;
      this.state = "waiting";
      this.resetSpeed();
      ui.eta.textContent = "waiting for the connection";
      showControls("waiting");
      say(words + delay + " s", "warning");
      this.retryTimer = window.setTimeout(function () {
        if (run !== upload.run) {
          return;
        }
        upload.retryTimer = null;
        upload.state = "uploading";
        upload.sync("retry");
      }, delay * 1000);
    };

    // The browser says it is back online: no need to sit out the rest of the wait.
    Upload.prototype.online = function () {
      if (this.state === "waiting" && this.retryTimer) {
        this.stopActivity();
        this.state = "uploading";
        this.sync("retry");
      }
    };

    Upload.prototype.pause = function () {
      if (this.state !== "uploading" && this.state !== "waiting") {
        return;
      }
      this.stopActivity();
      this.state = "paused";
      this.resetSpeed();
      showPercent(this.offset, this.size, false);
      showControls("paused");
      nameProgress("Paused:");
      say("Paused at " + ui.percent.textContent + ". Press Resume to continue.");
    };

    Upload.prototype.resume = function () {
      if (this.state !== "paused" && this.state !== "failed") {
        return;
      }
      this.stopActivity();
      this.state = "uploading";
      this.attempt = 0;
      this.checksumFailures = 0;
      showControls("uploading");
      nameProgress("Uploading");
      say("Resuming…");
      this.sync("continue");
    };

    Upload.prototype.cancel = function () {
      var upload = this;
      var location = this.location;
      this.stopActivity();
      this.state = "cancelled";
      showControls("cancelled");
      if (!location) {
        finishCancel();
        return;
      }
      say("Cancelling the upload…");
      send("DELETE", location, {}).then(
        function (answer) {
          if (answer.status === 204 || answer.status === 404 || answer.status === 410) {
            store.removeLocation(location);
            finishCancel();
          } else if (answer.status === 401) {
            say("Your session has ended. Log in again to discard this upload.", "error");
          } else {
            say(answer.detail || "The upload could not be cancelled. It stays in your unfinished uploads, where you can discard it.", "error");
            refreshUnfinished();
          }
        },
        function () {
          say("The upload could not be cancelled because the connection is down. It stays in your unfinished uploads, where you can discard it later.", "error");
          refreshUnfinished();
        }
      );

      function finishCancel() {
        if (current === upload) {
          current = null;
        }
        ui.panel.hidden = true;
        ui.input.value = "";
        ui.input.focus();
        say("Upload cancelled. Nothing of " + upload.file.name + " was kept.");
        refreshUnfinished();
      }
    };

    Upload.prototype.complete = function () {
      this.stopActivity();
      this.state = "complete";
      if (this.location) {
        store.removeLocation(this.location);
      }
      this.resetSpeed();
      showPercent(this.size, this.size, true);
      nameProgress("Uploaded");
      showControls("complete");
      say(COMPLETE_MESSAGE, "success");
      refreshUnfinished();
      if (this.location) {
        announce(ui.form, "mindreel:upload-complete", {
          id: this.id(),
          location: this.location,
          name: this.file.name,
        });
      }
    };

    Upload.prototype.fail = function (message, retryable) {
      this.stopActivity();
      this.state = "failed";
      this.resetSpeed();
      showControls(retryable && this.location ? "retryable" : "failed");
      say(message, "error");
      refreshUnfinished();
    };

    // ---------- Choosing a file ----------

    function choose(file) {
      if (!file) {
        return;
      }
      if (current && current.file === file && (current.state === "uploading" || current.state === "waiting")) {
        return;
      }
      if (file.size === 0) {
        say("This file is empty. Choose a video file.", "error");
        return;
      }
      if (maxBytes && file.size > maxBytes) {
        say("This file is larger than the " + maxSizeLabel + " limit.", "error");
        return;
      }
      if (file.type && file.type.indexOf("video/") !== 0) {
        say("This is not a video file. Choose a video, for example MP4 or MOV.", "error");
        return;
      }
      if (current) {
        // Another file chosen mid-upload: the first one stays resumable (it is listed under
        // the unfinished uploads).
        current.stopActivity();
      }
      current = new Upload(file);
      announce(ui.form, "mindreel:upload-start", { name: file.name });
      current.begin();
    }

    ui.input.addEventListener("change", function () {
      choose(ui.input.files && ui.input.files[0]);
    });

    ui.pause.addEventListener("click", function () {
      if (current) {
        current.pause();
      }
    });
    ui.resume.addEventListener("click", function () {
      if (current) {
        current.resume();
      }
    });
    ui.cancel.addEventListener("click", function () {
      if (current) {
        current.cancel();
      }
    });
    // The second half of the page is done with this upload (its video was deleted): ready for
    // another file.
    form.addEventListener("mindreel:upload-reset", function (event) {
      if (current) {
        current.stopActivity();
        current = null;
      }
      ui.panel.hidden = true;
      ui.input.value = "";
      ui.progress.value = 0;
      ui.percent.textContent = "0%";
      say((event.detail && event.detail.message) || "");
      refreshUnfinished();
    });
    window.addEventListener("online", function () {
      if (current) {
        current.online();
      }
    });

    // Drag and drop is an extra: the file input above works with keyboard and screen readers.
    function hasFiles(event) {
      var types = event.dataTransfer && event.dataTransfer.types;
      return Boolean(types && Array.prototype.indexOf.call(types, "Files") !== -1);
    }
    ui.dropZone.addEventListener("dragenter", function (event) {
      if (hasFiles(event)) {
        event.preventDefault();
        ui.dropZone.classList.add("is-dragover");
      }
    });
    ui.dropZone.addEventListener("dragover", function (event) {
      if (hasFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        ui.dropZone.classList.add("is-dragover");
      }
    });
    ui.dropZone.addEventListener("dragleave", function (event) {
      if (!ui.dropZone.contains(event.relatedTarget)) {
        ui.dropZone.classList.remove("is-dragover");
      }
    });
    ui.dropZone.addEventListener("drop", function (event) {
      event.preventDefault();
      ui.dropZone.classList.remove("is-dragover");
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length) {
        choose(files[0]);
      }
    });
    // A file dropped beside the zone would otherwise open in the tab and end the upload.
    ["dragover", "drop"].forEach(function (name) {
      document.addEventListener(name, function (event) {
        if (hasFiles(event) && !ui.dropZone.contains(event.target)) {
          event.preventDefault();
          if (event.dataTransfer) {
            event.dataTransfer.dropEffect = "none";
          }
        }
      });
    });

    // ---------- Unfinished uploads ----------

    function refreshUnfinished() {
      send("GET", endpoint, { Accept: "application/json" }).then(
        function (answer) {
          if (answer.status !== 200) {
            return;
          }
          var body;
          try {
            body = JSON.parse(answer.text);
          } catch (error) {
            return;
          }
          var items = (body && Array.isArray(body.items) ? body.items : []).filter(function (item) {
            return item && item.state !== "complete";
          });
          unfinished = items;
          // Only a complete list tells which remembered uploads are gone.
          if (!body.next_cursor) {
            store.keepOnly(
              items.map(function (item) {
                return samePathURL(item.location || endpoint + "/" + item.id);
              })
            );
          }
          if (current && current.location && current.state !== "complete" && current.state !== "cancelled") {
            store.put(current.file, current.location);
          }
          renderUnfinished();
        },
        function () {
          // Offline: the list stays as it was.
        }
      );
    }

    function renderUnfinished() {
      var activeId = current && current.state !== "complete" && current.state !== "cancelled" ? current.id() : null;
      var shown = unfinished.filter(function (item) {
        return String(item.id).toLowerCase() !== activeId;
      });
      ui.unfinishedList.textContent = "";
      shown.forEach(function (item) {
        ui.unfinishedList.appendChild(unfinishedItem(item));
      });
      ui.unfinishedSection.hidden = shown.length === 0;
    }

    function unfinishedItem(item) {
      var li = document.createElement("li");
      li.className = "unfinished-upload";
      li.setAttribute("data-upload-id", item.id);
      var name = item.filename || "Untitled upload";

      var title = document.createElement("p");
      title.className = "item-title";
      title.textContent = name;
      li.appendChild(title);

      var meta = document.createElement("p");
      meta.className = "item-meta";
      var done =
        typeof item.length === "number" && item.length > 0
          ? percentText(item.offset || 0, item.length) + " uploaded"
          : formatBytes(item.offset || 0) + " uploaded";
      var parts = [done];
      if (typeof item.length === "number" && item.length > 0) {
        parts.push("of " + formatBytes(item.length));
      }
      var text = parts.join(" ");
      if (item.expires_at) {
        var expires = new Date(item.expires_at);
        if (!isNaN(expires.getTime())) {
          text += " · kept until " + expires.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
        }
      }
      meta.textContent = text;
      li.appendChild(meta);

      var hint = document.createElement("p");
      hint.className = "item-meta unfinished-hint";
      hint.textContent = "Choose the same file to continue.";
      li.appendChild(hint);

      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-danger discard-button";
      button.appendChild(document.createTextNode("Discard"));
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + name;
      button.appendChild(hidden);
      button.addEventListener("click", function () {
        discard(item, button);
      });
      li.appendChild(button);
      return li;
    }

    function discard(item, button) {
      var name = item.filename || "the upload";
      var location = samePathURL(item.location || endpoint + "/" + item.id);
      button.disabled = true;
      send("DELETE", location, {}).then(
        function (answer) {
          if (answer.status === 204 || answer.status === 404 || answer.status === 410) {
            store.removeLocation(location);
            unfinished = unfinished.filter(function (other) {
              return other.id !== item.id;
            });
            renderUnfinished();
            say("Discarded " + name + ".");
            if (!ui.unfinishedSection.hidden) {
              ui.unfinishedTitle.focus();
            } else {
              ui.input.focus();
            }
          } else {
            button.disabled = false;
            say(
              answer.status === 401
                ? "Your session has ended. Log in again to discard this upload."
                : answer.detail || "That upload could not be discarded. Try again in a moment.",
              "error"
            );
          }
        },
        function () {
          button.disabled = false;
          say("That upload could not be discarded because the connection is down. Try again in a moment.", "error");
        }
      );
    }

    refreshUnfinished();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Reporting and blocking, on every page (layouts/base.leaf loads this first of the page scripts).
// Exposed as window.MindreelReport.
//
// - Any element with data-report-type ("video", "comment" or "account") opens the report dialog
//   when pressed; data-report-id names the video or comment, data-report-handle its creator (or
//   the account). The video page, the profile, the feed's rail (feed.js) and each comment
//   (comments.js) carry such buttons. Visitors are sent to /login?next=… instead.
// - The dialog (#report-dialog, a modal <dialog>): the reasons from GET /api/v1/reports/reasons
//   (asked once per page), an optional note with a live count to 1000 characters, Send and
//   Cancel. POST /api/v1/reports; what the server refuses is said in its words inside the
//   dialog (role=alert). After a report it says the server's thanks and offers to block the
//   creator (someone other than the viewer), then Done. Escape closes it; focus goes back to the
//   button that opened it.
// - Blocking: PUT /api/v1/creators/{handle}/block, undone by DELETE. `wireBlockButton` makes a
//   Block/Unblock button (the profile uses it); each change is announced on the page as the
//   event "mindreel:block" {handle, blocked}.
// - Settings (#blocked-accounts): the accounts the viewer blocked (GET /api/v1/me/blocks), each
//   with Unblock.
//
// No libraries; text from the server is only ever set with textContent (never as markup).
(function () {
  "use strict";

  var NOTE_LIMIT = 1000;
  var BLOCK_EVENT = "mindreel:block";
  var TITLES = { video: "Report this video", comment: "Report this comment", account: "Report this account" };

  var script = document.currentScript;
  var signedIn = !!script && script.getAttribute("data-signed-in") === "true";
  var viewerHandle = ((script && script.getAttribute("data-handle")) || "").toLowerCase();

  var R = {};

  // ---------- Requests ----------

  // The JSON API helper every page has (Public/js/api.js).
  var request = window.MindreelAPI.request;

  // The server's words about one field, or null. Problem documents name it `detail`.
  function fieldWords(body, field) {
    var errors = body && Array.isArray(body.errors) ? body.errors : [];
    for (var i = 0; i < errors.length; i++) {
      if (errors[i] && errors[i].field === field) {
        return String(errors[i].detail || errors[i].message || "") || null;
      }
    }
    return null;
  }

  // What went wrong, in words: the server's own when it gave some.
  function problemWords(status, body) {
    if (status === 0) {
      return "No answer from the server. Check your connection and try again.";
    }
    var errors = body && Array.isArray(body.errors) ? body.errors : [];
    var said = errors
      .map(function (error) {
        return error ? String(error.detail || error.message || "") : "";
      })
      .filter(Boolean);
    if (said.length) {
      return said.join(" ");
    }
    if (body && typeof body.detail === "string" && body.detail) {
      return body.detail;
    }
    if (status >= 500) {
      return "The server had a problem (" + status + "). Try again in a moment.";
    }
    return "That did not work (the server answered " + status + ").";
  }

  R.loginURL = function () {
    return "/login?next=" + encodeURIComponent(window.location.pathname + window.location.search);
  };

  function goToLogin() {
    window.location.assign(R.loginURL());
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

  function button(className, text) {
    var node = element("button", className, text);
    node.type = "button";
    return node;
  }

  // A flag, drawn like engagement.js's icons (decorative: the button is named by its words).
  R.icon = function () {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon icon-report");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M5.5 21V4.5M5.5 4.5h11.5l-2.5 4.25 2.5 4.25H5.5");
    svg.appendChild(path);
    return svg;
  };

  R.signedIn = function () {
    return signedIn;
  };

  // Whether `handle` is the viewer's own.
  R.isViewer = function (handle) {
    return !!handle && !!viewerHandle && String(handle).toLowerCase() === viewerHandle;
  };

  // ---------- Blocking ----------

  R.blockedWords = blockedWords;
  R.unblockedWords = unblockedWords;

  function blockedWords(handle) {
    return (
      "You blocked @" +
      handle +
      ". You will not see their videos, comments or notifications; they cannot see your videos or profile. Undo in Settings."
    );
  }

  function unblockedWords(handle) {
    return "You unblocked @" + handle + ". You will see their videos and comments again.";
  }

  // Blocks (or unblocks) `handle`. Resolves to {ok, words}; announces a change as BLOCK_EVENT.
  R.setBlocked = function (handle, blocked) {
    var url = "/api/v1/creators/" + encodeURIComponent(handle) + "/block";
    return request(blocked ? "PUT" : "DELETE", url).then(function (answer) {
      if (answer.status === 401) {
        goToLogin();
        return { ok: false, words: "" };
      }
      if (answer.status >= 200 && answer.status < 300) {
        document.dispatchEvent(new CustomEvent(BLOCK_EVENT, { detail: { handle: handle, blocked: blocked } }));
        return { ok: true, words: blocked ? blockedWords(handle) : unblockedWords(handle) };
      }
      var failed = blocked ? "@" + handle + " was not blocked. " : "@" + handle + " was not unblocked. ";
      return { ok: false, words: failed + problemWords(answer.status, answer.body) };
    });
  };

  // A Block/Unblock button for one account. options: {handle, blocked, shortWords,
  // say(words, isError), onChange(blocked)}. Its words say what pressing it does ("Block @ana",
  // "Unblock @ana"; with shortWords the handle is there for screen readers only).
  R.wireBlockButton = function (control, options) {
    var state = { blocked: options.blocked === true, busy: false };
    function show() {
      var word = state.blocked ? "Unblock" : "Block";
      if (options.shortWords) {
        control.textContent = word;
        control.appendChild(element("span", "visually-hidden", " @" + options.handle));
      } else {
        control.textContent = word + " @" + options.handle;
      }
      control.setAttribute("data-blocked", state.blocked ? "true" : "false");
    }
    show();
    control.addEventListener("click", function () {
      if (!signedIn) {
        goToLogin();
        return;
      }
      if (state.busy) {
        return;
      }
      state.busy = true;
      control.setAttribute("aria-busy", "true");
      var wanted = !state.blocked;
      R.setBlocked(options.handle, wanted).then(function (result) {
        state.busy = false;
        control.removeAttribute("aria-busy");
        if (result.ok) {
          state.blocked = wanted;
          show();
        }
        if (options.say && result.words) {
          options.say(result.words, !result.ok);
        }
        if (result.ok && options.onChange) {
          options.onChange(state.blocked);
        }
      });
    });
    return {
      set: function (blocked) {
        state.blocked = blocked;
        show();
      },
    };
  };

  // ---------- Reasons (asked once per page) ----------

  var reasonsAsked = null;

  function loadReasons() {
    if (!reasonsAsked) {
      reasonsAsked = request("GET", "/api/v1/reports/reasons").then(function (answer) {
        if (answer.status === 200 && answer.body && Array.isArray(answer.body.reasons) && answer.body.reasons.length) {
          return { reasons: answer.body.reasons };
        }
        reasonsAsked = null; // ask again next time
        return { problem: problemWords(answer.status, answer.body) };
      });
    }
    return reasonsAsked;
  }

  // ---------- The dialog ----------

  var ui = null;
  var current = null; // {type, id, handle, opener, onBlocked}

  function build() {
    var dialog = element("dialog", "report-dialog");
    dialog.id = "report-dialog";
    dialog.setAttribute("aria-labelledby", "report-title");

    var inner = element("div", "report-dialog-inner");
    dialog.appendChild(inner);
    var title = element("h2", "report-title", TITLES.video);
    title.id = "report-title";
    inner.appendChild(title);

    // Part one: the form.
    var form = element("form", "form report-form");
    form.id = "report-form";
    form.noValidate = true;
    var intro = element("p", "report-intro");
    intro.id = "report-intro";
    dialog.setAttribute("aria-describedby", "report-intro");
    intro.appendChild(document.createTextNode("Moderators check reports against the "));
    var guidelines = element("a", null, "community guidelines");
    guidelines.href = "/guidelines";
    intro.appendChild(guidelines);
    intro.appendChild(document.createTextNode(". Nobody is told who reported."));
    form.appendChild(intro);

    var reasons = element("fieldset", "choice-field report-reasons");
    reasons.id = "report-reasons";
    reasons.setAttribute("aria-describedby", "report-reason-error");
    var legend = element("legend", null, "Why are you reporting it?");
    reasons.appendChild(legend);
    var reasonError = element("p", "field-error report-field-error");
    reasonError.id = "report-reason-error";
    reasonError.setAttribute("role", "alert");
    reasons.appendChild(reasonError);
    var list = element("div", "choice-list report-reason-list");
    reasons.appendChild(list);
    var loading = element("p", "report-loading", "Loading the reasons…");
    list.appendChild(loading);
    form.appendChild(reasons);

    var noteField = element("div", "field report-note-field");
    var noteLabel = element("label", null, "Anything a moderator should know ");
    noteLabel.htmlFor = "report-note";
    noteLabel.appendChild(element("span", "optional", "(optional)"));
    noteField.appendChild(noteLabel);
    var note = document.createElement("textarea");
    note.id = "report-note";
    note.name = "note";
    note.rows = 3;
    note.setAttribute("aria-describedby", "report-note-count report-note-error");
    noteField.appendChild(note);
    var count = element("p", "char-count report-note-count");
    count.id = "report-note-count";
    noteField.appendChild(count);
    var noteError = element("p", "field-error report-field-error");
    noteError.id = "report-note-error";
    noteError.setAttribute("role", "alert");
    noteField.appendChild(noteError);
    form.appendChild(noteField);

    form.appendChild(
      element(
        "p",
        "report-danger",
        "If someone may be in danger right now, do not wait for a moderator: call 911, or call or text 988."
      )
    );

    var problem = element("p", "form-error report-error");
    problem.id = "report-error";
    problem.setAttribute("role", "alert");
    form.appendChild(problem);

    var actions = element("div", "report-actions");
    var send = element("button", "button button-primary", "Send report");
    send.type = "submit";
    send.id = "report-send";
    var cancel = button("button button-secondary", "Cancel");
    cancel.id = "report-cancel";
    actions.appendChild(send);
    actions.appendChild(cancel);
    form.appendChild(actions);
    inner.appendChild(form);

    // Part two: after the report.
    var after = element("div", "report-after");
    after.id = "report-after";
    after.hidden = true;
    var result = element("p", "notice report-result");
    result.id = "report-result";
    result.setAttribute("role", "status");
    result.tabIndex = -1;
    after.appendChild(result);
    var settings = element("p", "report-settings");
    settings.hidden = true;
    var settingsLink = element("a", null, "Blocked accounts in Settings");
    settingsLink.href = "/settings#blocks-section";
    settings.appendChild(settingsLink);
    after.appendChild(settings);
    var blockProblem = element("p", "form-error report-error");
    blockProblem.id = "report-block-error";
    blockProblem.setAttribute("role", "alert");
    after.appendChild(blockProblem);
    var afterActions = element("div", "report-actions");
    var block = button("button button-danger", "Block");
    block.id = "report-block";
    var done = button("button button-primary", "Done");
    done.id = "report-done";
    afterActions.appendChild(done);
    afterActions.appendChild(block);
    after.appendChild(afterActions);
    inner.appendChild(after);

    document.body.appendChild(dialog);

    ui = {
      dialog: dialog,
      title: title,
      form: form,
      list: list,
      loading: loading,
      reasons: reasons,
      reasonError: reasonError,
      note: note,
      count: count,
      noteError: noteError,
      problem: problem,
      send: send,
      after: after,
      result: result,
      settings: settings,
      blockProblem: blockProblem,
      block: block,
      done: done,
      busy: false,
    };

    note.addEventListener("input", showCount);
    cancel.addEventListener("click", close);
    done.addEventListener("click", close);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit();
    });
    block.addEventListener("click", blockFromDialog);
    dialog.addEventListener("close", function () {
      var opener = current && current.opener;
      var around = current ? current.around : [];
      current = null;
      // (A block can also hide it: the feed covers a blocked creator's videos.)
      var visible = opener && opener.isConnected && (!opener.checkVisibility || opener.checkVisibility({ visibilityProperty: true }));
      if (visible) {
        opener.focus({ preventScroll: true });
        return;
      }
      // The button went away meanwhile (a block reloaded the comments): the nearest focusable
      // place that is still there, such as the list of comments.
      for (var i = 0; i < around.length; i++) {
        if (around[i].isConnected && around[i].hasAttribute("tabindex")) {
          around[i].focus({ preventScroll: true });
          return;
        }
      }
    });
  }

  function showCount() {
    var length = Array.from(ui.note.value).length;
    ui.count.textContent = length.toLocaleString("en-US") + " of " + NOTE_LIMIT.toLocaleString("en-US") + " characters";
    if (length > NOTE_LIMIT) {
      ui.count.setAttribute("data-over", "true");
    } else {
      ui.count.removeAttribute("data-over");
    }
  }

  function radios() {
    return Array.prototype.slice.call(ui.list.querySelectorAll('input[name="reason"]'));
  }

  function renderReasons(reasons) {
    ui.list.textContent = "";
    reasons.forEach(function (reason) {
      if (!reason || typeof reason.id !== "string") {
        return;
      }
      var choice = element("div", "choice");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "reason";
      input.value = reason.id;
      input.id = "report-reason-" + reason.id;
      input.addEventListener("change", function () {
        clearError("reason");
      });
      var label = element("label", null, reason.label || reason.id);
      label.htmlFor = input.id;
      choice.appendChild(input);
      choice.appendChild(label);
      ui.list.appendChild(choice);
    });
  }

  function showReasons(focus) {
    if (radios().length) {
      if (focus) {
        radios()[0].focus();
      }
      return Promise.resolve(true);
    }
    ui.list.textContent = "";
    ui.list.appendChild(ui.loading);
    return loadReasons().then(function (answer) {
      if (!current) {
        return false;
      }
      if (answer.reasons) {
        renderReasons(answer.reasons);
        if (focus) {
          radios()[0].focus();
        }
        return true;
      }
      ui.list.textContent = "";
      ui.problem.textContent = "The reasons could not be loaded. " + answer.problem;
      return false;
    });
  }

  function clearError(field) {
    if (field === "reason" || !field) {
      ui.reasonError.textContent = "";
      radios().forEach(function (input) {
        input.removeAttribute("aria-invalid");
      });
    }
    if (field === "note" || !field) {
      ui.noteError.textContent = "";
      ui.note.removeAttribute("aria-invalid");
    }
    if (!field) {
      ui.problem.textContent = "";
    }
  }

  // The words about one field, beside it (an alert the field names in aria-describedby).
  function fieldProblem(field, words) {
    if (field === "reason") {
      ui.reasonError.textContent = words;
      radios().forEach(function (input) {
        input.setAttribute("aria-invalid", "true");
      });
    } else {
      ui.noteError.textContent = words;
      ui.note.setAttribute("aria-invalid", "true");
    }
  }

  function focusField(field) {
    if (field === "reason") {
      var checked = ui.list.querySelector('input[name="reason"]:checked');
      var first = checked || radios()[0];
      if (first) {
        first.focus();
      }
    } else {
      ui.note.focus();
    }
  }

  function submit() {
    if (!current || ui.busy) {
      return;
    }
    clearError();
    if (!radios().length) {
      // The reasons did not load: try again.
      showReasons(true);
      return;
    }
    var checked = ui.list.querySelector('input[name="reason"]:checked');
    if (!checked) {
      fieldProblem("reason", "Choose a reason for the report.");
      focusField("reason");
      return;
    }
    var body = { target_type: current.type, reason: checked.value };
    if (current.type === "account") {
      body.target_handle = current.handle;
    } else {
      body.target_id = current.id;
    }
    if (ui.note.value.trim()) {
      body.note = ui.note.value;
    }
    ui.busy = true;
    ui.send.setAttribute("aria-disabled", "true");
    ui.send.textContent = "Sending…";
    var asked = current;
    request("POST", "/api/v1/reports", body).then(function (answer) {
      ui.busy = false;
      ui.send.removeAttribute("aria-disabled");
      ui.send.textContent = "Send report";
      if (current !== asked) {
        return; // closed meanwhile
      }
      if ((answer.status === 201 || answer.status === 200) && answer.body) {
        reported(answer.body);
        return;
      }
      if (answer.status === 401) {
        goToLogin();
        return;
      }
      var reasonWords = fieldWords(answer.body, "reason");
      var noteWords = fieldWords(answer.body, "note");
      if (answer.status === 422 && (reasonWords || noteWords)) {
        if (reasonWords) {
          fieldProblem("reason", reasonWords);
        }
        if (noteWords) {
          fieldProblem("note", noteWords);
        }
        focusField(reasonWords ? "reason" : "note");
        return;
      }
      ui.problem.textContent = "The report was not sent. " + problemWords(answer.status, answer.body);
    });
  }

  function reported(body) {
    ui.form.hidden = true;
    ui.after.hidden = false;
    ui.result.textContent =
      typeof body.message === "string" && body.message ? body.message : "Thank you. A moderator will look at it.";
    ui.blockProblem.textContent = "";
    ui.settings.hidden = true;
    var handle = current.handle;
    var offer = !!handle && !R.isViewer(handle) && !current.own;
    ui.block.hidden = !offer;
    if (offer) {
      ui.block.textContent = "Block @" + handle;
    }
    ui.result.focus();
  }

  function blockFromDialog() {
    if (!current || ui.busy || !current.handle) {
      return;
    }
    ui.busy = true;
    ui.block.setAttribute("aria-busy", "true");
    ui.blockProblem.textContent = "";
    var asked = current;
    R.setBlocked(asked.handle, true).then(function (result) {
      ui.busy = false;
      ui.block.removeAttribute("aria-busy");
      if (current !== asked) {
        return;
      }
      if (!result.ok) {
        ui.blockProblem.textContent = result.words;
        return;
      }
      ui.result.textContent = result.words;
      ui.block.hidden = true;
      ui.settings.hidden = false;
      ui.result.focus();
      if (asked.onBlocked) {
        asked.onBlocked(asked.handle);
      }
    });
  }

  function close() {
    if (ui && ui.dialog.open) {
      ui.dialog.close();
    }
  }

  // Opens the dialog. options: {type: "video"|"comment"|"account", id, handle, own, opener,
  // onBlocked(handle)}. Visitors go to log in first.
  R.open = function (options) {
    if (!signedIn) {
      goToLogin();
      return;
    }
    if (!TITLES[options.type]) {
      return;
    }
    if (!ui) {
      build();
    }
    if (ui.dialog.open) {
      ui.dialog.close();
    }
    current = {
      type: options.type,
      id: options.id || "",
      handle: options.handle || "",
      own: options.own === true,
      opener: options.opener || document.activeElement,
      around: [],
      onBlocked: options.onBlocked || null,
    };
    for (var node = current.opener && current.opener.parentElement; node && node !== document.body; node = node.parentElement) {
      current.around.push(node);
    }
    ui.title.textContent = TITLES[options.type];
    ui.form.hidden = false;
    ui.after.hidden = true;
    ui.busy = false;
    ui.form.reset();
    clearError();
    ui.blockProblem.textContent = "";
    showCount();
    ui.dialog.showModal();
    showReasons(true);
  };

  R.close = close;

  // Every [data-report-type] button on any page, made now or later, opens the dialog.
  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("[data-report-type]") : null;
    if (!target || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    R.open({
      type: target.getAttribute("data-report-type"),
      id: target.getAttribute("data-report-id"),
      handle: target.getAttribute("data-report-handle"),
      opener: target,
    });
  });

  // ---------- Settings: the accounts one blocked ----------

  function setUpBlockedList() {
    var list = document.getElementById("blocked-accounts");
    if (!list) {
      return;
    }
    var empty = document.getElementById("blocked-empty");
    var status = document.getElementById("blocked-status");
    var heading = document.getElementById("blocks-title");

    function say(words, isError) {
      if (!status) {
        return;
      }
      status.textContent = words || "";
      status.setAttribute("data-tone", isError ? "error" : "done");
    }

    function showEmpty() {
      if (empty) {
        empty.hidden = list.children.length > 0;
      }
      list.hidden = list.children.length === 0;
    }

    function row(item) {
      var li = element("li", "blocked-account");
      li.setAttribute("data-handle", item.handle);
      var text = element("div", "blocked-account-text");
      var name = element("p", "item-title");
      var link = element("a", null, item.display_name || "@" + item.handle);
      link.href = "/@" + encodeURIComponent(item.handle);
      name.appendChild(link);
      name.appendChild(document.createTextNode(" "));
      name.appendChild(element("span", "blocked-account-handle", "@" + item.handle));
      text.appendChild(name);
      var when = new Date(item.blocked_at);
      if (!isNaN(when.getTime())) {
        text.appendChild(
          element(
            "p",
            "item-meta",
            "Blocked " + when.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" })
          )
        );
      }
      li.appendChild(text);
      var unblock = button("button button-secondary button-small unblock", "Unblock");
      unblock.appendChild(element("span", "visually-hidden", " @" + item.handle));
      unblock.addEventListener("click", function () {
        if (unblock.getAttribute("aria-busy") === "true") {
          return;
        }
        unblock.setAttribute("aria-busy", "true");
        R.setBlocked(item.handle, false).then(function (result) {
          unblock.removeAttribute("aria-busy");
          say(result.words, !result.ok);
          if (!result.ok) {
            return;
          }
          // Focus goes to the next account's button, or the heading when none is left.
          var next = li.nextElementSibling || li.previousElementSibling;
          li.remove();
          showEmpty();
          var nextButton = next ? next.querySelector(".unblock") : null;
          if (nextButton) {
            nextButton.focus();
          } else if (heading) {
            heading.tabIndex = -1;
            heading.focus();
          }
        });
      });
      li.appendChild(unblock);
      return li;
    }

    list.setAttribute("aria-busy", "true");
    say("Loading the accounts you blocked…");
    request("GET", "/api/v1/me/blocks").then(function (answer) {
      list.setAttribute("aria-busy", "false");
      if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.items)) {
        say("The accounts you blocked could not be loaded. " + problemWords(answer.status, answer.body), true);
        return;
      }
      list.textContent = "";
      answer.body.items.forEach(function (item) {
        if (item && item.handle) {
          list.appendChild(row(item));
        }
      });
      say("");
      showEmpty();
    });
  }

  window.MindreelReport = R;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpBlockedList);
  } else {
    setUpBlockedList();
  }
})();

// Comments under a video, for the feed's comments panel (Public/js/feed.js) and the video page
// (videos/show.leaf). Needs Public/js/engagement.js (window.MindreelEngagement) on the page.
//
//   window.MindreelComments.mount(container, {videoId, commentsEnabled, signedIn, isOwner,
//                                             creatorHandle?, onChange?(delta), onToggle?(enabled)})
//
// lists the comments (newest first, "Show more comments" while there are more), each with its
// replies indented under it (one level, oldest first), a form to comment (a visible label, a
// counter to 2000 characters; the server decides what is too long and its words show under the
// field), Reply / Edit / Delete where allowed, and for the video's creator a button that turns
// comments off or on. `onChange(delta)` tells how the number of comments changed.
//
// Text from people is only ever set with textContent (never as markup). Returns {destroy, reload}.
(function () {
  "use strict";

  var MAX_LENGTH = 2000;
  var PAGE_SIZE = 20;
  var REPLY_PAGE_SIZE = 50;
  var mountNumber = 0;

  function mount(container, options) {
    var X = window.MindreelEngagement;
    var el = X.element;
    mountNumber += 1;
    var prefix = "comments-" + mountNumber;
    var fieldNumber = 0;
    var state = {
      videoId: options.videoId,
      enabled: options.commentsEnabled !== false,
      signedIn: options.signedIn === true,
      isOwner: options.isOwner === true,
      cursor: null,
      done: false,
      loading: false,
      destroyed: false,
      // Comment id → {comment, li, ...}: what is on screen.
      shown: {},
    };

    container.textContent = "";
    var root = el("div", "comments");
    container.appendChild(root);

    var ownerTools = null;
    var toggleButton = null;
    if (state.isOwner) {
      ownerTools = el("p", "comments-owner-tools");
      toggleButton = el("button", "button button-secondary button-small comments-toggle");
      toggleButton.type = "button";
      ownerTools.appendChild(toggleButton);
      root.appendChild(ownerTools);
    }
    var composer = el("div", "comments-composer");
    root.appendChild(composer);
    var status = el("p", "comments-status");
    status.setAttribute("role", "status");
    root.appendChild(status);
    // The help lines, shown only to the author of a comment that reads as crisis language.
    var support = el("div", "comments-support");
    support.hidden = true;
    root.appendChild(support);
    var list = el("ul", "comment-list");
    list.setAttribute("aria-label", "Comments");
    list.tabIndex = -1;
    root.appendChild(list);
    var empty = el("p", "comments-empty", "No comments yet.");
    empty.hidden = true;
    root.appendChild(empty);
    var more = el("button", "button button-secondary comments-more", "Show more comments");
    more.type = "button";
    more.hidden = true;
    root.appendChild(more);
    var retry = el("button", "button button-secondary comments-retry", "Try again");
    retry.type = "button";
    retry.hidden = true;
    root.appendChild(retry);

    function say(words, tone) {
      status.textContent = words || "";
      if (tone) {
        status.setAttribute("data-tone", tone);
      } else {
        status.removeAttribute("data-tone");
      }
    }

    // panel: the server's crisis_support ({heading, message, region_name, lines, emergency}),
    // the same words and lines as the page partial crisis-panel.leaf.
    function showSupport(panel) {
      support.textContent = "";
      support.hidden = !panel;
      if (!panel) {
        return false;
      }
      var aside = el("aside", "card crisis-panel crisis-panel-comment");
      aside.id = "comment-crisis-panel";
      aside.setAttribute("aria-labelledby", "comment-crisis-title");
      var title = el("h2", "crisis-panel-title", panel.heading);
      title.id = "comment-crisis-title";
      title.tabIndex = -1;
      aside.appendChild(title);
      aside.appendChild(el("p", "crisis-panel-message", panel.message));
      function line(card, emergency) {
        var row = el("p", "crisis-panel-line" + (emergency ? " crisis-panel-emergency" : ""));
        row.appendChild(el("span", emergency ? null : "crisis-panel-name", emergency ? "In immediate danger:" : card.name));
        (card.ways || []).forEach(function (way) {
          row.appendChild(document.createTextNode(" "));
          var link = el("a", "button button-small crisis-way " + (emergency ? "button-secondary" : "button-primary"), way.label);
          link.href = way.href;
          row.appendChild(link);
        });
        if (emergency && !(card.ways || []).length && card.note) {
          row.appendChild(document.createTextNode(" " + card.note));
        }
        aside.appendChild(row);
      }
      (panel.lines || []).forEach(function (card) { line(card, false); });
      (panel.emergency || []).forEach(function (card) { line(card, true); });
      var moreHelp = el("p", "crisis-panel-more");
      var link = el("a", "crisis-panel-help", "More help lines (" + panel.region_name + " and other countries)");
      link.href = "/help";
      moreHelp.appendChild(link);
      aside.appendChild(moreHelp);
      support.appendChild(aside);
      title.focus();
      return true;
    }

    function changed(delta) {
      if (options.onChange && delta) {
        options.onChange(delta);
      }
    }

    function commentsURL() {
      return "/api/v1/videos/" + encodeURIComponent(state.videoId) + "/comments";
    }

    function nameOf(author) {
      return (author && (author.display_name || (author.handle ? "@" + author.handle : ""))) || "someone";
    }

    // ---------- A form to write or edit a comment ----------

    // options: {label, submitLabel, value, cancel (bool), onSubmit(body, form), onCancel}
    function makeForm(formOptions) {
      fieldNumber += 1;
      var id = prefix + "-field-" + fieldNumber;
      var form = el("form", "comment-form");
      form.noValidate = true;
      var label = el("label", "comment-form-label", formOptions.label);
      label.htmlFor = id;
      var field = document.createElement("textarea");
      field.id = id;
      field.name = "body";
      field.rows = formOptions.rows || 3;
      field.className = "comment-field";
      field.value = formOptions.value || "";
      var count = el("p", "char-count comment-count");
      count.id = id + "-count";
      var error = el("p", "field-error comment-error");
      error.id = id + "-error";
      error.hidden = true;
      field.setAttribute("aria-describedby", count.id + " " + error.id);
      var actions = el("p", "comment-form-actions");
      var submit = el("button", "button button-primary button-small comment-submit", formOptions.submitLabel);
      submit.type = "submit";
      actions.appendChild(submit);
      var cancel = null;
      if (formOptions.onCancel) {
        cancel = el("button", "button button-secondary button-small comment-cancel", "Cancel");
        cancel.type = "button";
        cancel.addEventListener("click", formOptions.onCancel);
        actions.appendChild(cancel);
      }
      form.appendChild(label);
      form.appendChild(field);
      form.appendChild(count);
      form.appendChild(error);
      form.appendChild(actions);

      function showCount() {
        var length = Array.from(field.value).length;
        var left = MAX_LENGTH - length;
        if (left >= 0) {
          count.textContent = X.plural(left, "character", "characters") + " left";
          count.removeAttribute("data-over");
        } else {
          count.textContent = X.plural(-left, "character", "characters") + " too many";
          count.setAttribute("data-over", "true");
        }
      }
      showCount();
      field.addEventListener("input", showCount);

      var handle = {
        form: form,
        field: field,
        busy: false,
        showError: function (words) {
          error.textContent = words;
          error.hidden = false;
          field.setAttribute("aria-invalid", "true");
          field.focus();
        },
        clearError: function () {
          error.textContent = "";
          error.hidden = true;
          field.removeAttribute("aria-invalid");
        },
        reset: function () {
          field.value = "";
          handle.clearError();
          showCount();
        },
      };
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (handle.busy) {
          return;
        }
        handle.busy = true;
        submit.setAttribute("aria-disabled", "true");
        handle.clearError();
        formOptions.onSubmit(field.value, handle).then(function () {
          handle.busy = false;
          submit.removeAttribute("aria-disabled");
        });
      });
      return handle;
    }

    // What a refused comment gets: the field's own error, else the server's words.
    function refused(answer, form) {
      if (answer.status === 401) {
        X.goToLogin();
        return;
      }
      form.showError(X.fieldError(answer.body, "body") || X.problemWords(answer.status, answer.body));
      say("");
    }

    // ---------- The composer at the top ----------

    var mainForm = null;

    function renderComposer() {
      composer.textContent = "";
      mainForm = null;
      if (toggleButton) {
        toggleButton.textContent = state.enabled ? "Turn comments off" : "Turn comments on";
      }
      if (!state.enabled) {
        composer.appendChild(
          el(
            "p",
            "comments-off",
            state.isOwner ? "You turned comments off for this video." : "The creator turned comments off for this video."
          )
        );
        return;
      }
      if (!state.signedIn) {
        var prompt = el("p", "comments-login");
        var link = el("a", null, "Log in to comment");
        link.href = X.loginURL();
        prompt.appendChild(link);
        composer.appendChild(prompt);
        return;
      }
      mainForm = makeForm({
        label: "Add a comment",
        submitLabel: "Post comment",
        onSubmit: function (body, form) {
          return X.request("POST", commentsURL(), { body: body }).then(function (answer) {
            if (state.destroyed) {
              return;
            }
            if (answer.status === 201 || answer.status === 200) {
              form.reset();
              var record = renderComment(answer.body, null);
              list.insertBefore(record.li, list.firstChild);
              empty.hidden = true;
              say(showSupport(answer.body.crisis_support) ? "Comment posted. Some help lines are shown below, only to you." : "Comment posted.");
              changed(1);
              return;
            }
            refused(answer, form);
          });
        },
      });
      composer.appendChild(mainForm.form);
    }

    function updateReplyButtons() {
      Object.keys(state.shown).forEach(function (id) {
        var record = state.shown[id];
        if (record.replyButton) {
          record.replyButton.hidden = !state.enabled || !state.signedIn;
        }
        if (!state.enabled && record.replyForm) {
          closeReplyForm(record, false);
        }
      });
    }

    if (toggleButton) {
      toggleButton.addEventListener("click", function () {
        var wanted = !state.enabled;
        toggleButton.setAttribute("aria-disabled", "true");
        X.request("PATCH", "/api/v1/videos/" + encodeURIComponent(state.videoId), { comments_enabled: wanted }).then(function (answer) {
          toggleButton.removeAttribute("aria-disabled");
          if (state.destroyed) {
            return;
          }
          if (answer.status === 200 && answer.body) {
            state.enabled = answer.body.comments_enabled !== false;
            renderComposer();
            updateReplyButtons();
            showEmpty();
            say(state.enabled ? "Comments are on for this video." : "Comments are off for this video.");
            toggleButton.focus();
            if (options.onToggle) {
              options.onToggle(state.enabled);
            }
            return;
          }
          if (answer.status === 401) {
            X.goToLogin();
            return;
          }
          say("Comments could not be turned " + (wanted ? "on" : "off") + ". " + X.problemWords(answer.status, answer.body), "error");
        });
      });
    }

    // ---------- One comment ----------

    function renderComment(comment, top) {
      var isReply = top !== null;
      var li = el("li", isReply ? "comment comment-reply" : "comment");
      li.setAttribute("data-comment-id", comment.id);
      var record = { comment: comment, li: li, top: top, replies: null, replyForm: null, replyButton: null };

      var row = el("div", "comment-row");
      row.appendChild(X.avatar(comment.author, "creator-avatar-small"));
      var content = el("div", "comment-content");

      var meta = el("p", "comment-meta");
      var profile = X.profileURL(comment.author);
      var author = el(profile ? "a" : "span", "comment-author", nameOf(comment.author));
      if (profile) {
        author.href = profile;
      }
      meta.appendChild(author);
      if (comment.author && comment.author.handle) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "comment-handle", "@" + comment.author.handle));
        if (options.creatorHandle && comment.author.handle === options.creatorHandle) {
          meta.appendChild(document.createTextNode(" "));
          meta.appendChild(el("span", "comment-creator-badge", "Creator"));
        }
      }
      meta.appendChild(document.createTextNode(" · "));
      var time = el("time", "comment-time", X.relativeTime(comment.created_at));
      time.setAttribute("datetime", comment.created_at || "");
      var when = new Date(comment.created_at);
      if (!isNaN(when.getTime())) {
        time.title = when.toLocaleString("en-US");
      }
      meta.appendChild(time);
      var edited = el("span", "comment-edited", " · edited");
      edited.hidden = !comment.edited_at;
      meta.appendChild(edited);
      content.appendChild(meta);

      var body = el("p", "comment-body", comment.body);
      content.appendChild(body);

      var actions = el("div", "comment-actions");
      var who = nameOf(comment.author);
      var reply = actionButton("Reply", " to " + who);
      reply.hidden = !state.enabled || !state.signedIn;
      actions.appendChild(reply);
      record.replyButton = reply;
      reply.addEventListener("click", function () {
        openReplyForm(isReply ? top : record, comment, reply);
      });
      if (comment.can_edit) {
        var edit = actionButton("Edit", " your comment");
        actions.appendChild(edit);
        edit.addEventListener("click", function () {
          startEditing(record, body, edit, edited);
        });
      }
      if (comment.can_delete) {
        var remove = actionButton("Delete", " comment by " + who);
        remove.classList.add("comment-action-delete");
        actions.appendChild(remove);
        remove.addEventListener("click", function () {
          deleteComment(record, remove);
        });
      }
      // Report (Public/js/report.js): anyone's comment but one's own.
      var authorHandle = comment.author && comment.author.handle ? comment.author.handle : "";
      var R = window.MindreelReport;
      // Like Reply, only for members: a visitor is not offered actions on a comment.
      if (R && R.signedIn() && !comment.can_edit && !R.isViewer(authorHandle)) {
        var report = actionButton("Report", " comment by " + who);
        report.classList.add("comment-report");
        report.setAttribute("aria-haspopup", "dialog");
        report.setAttribute("data-report-type", "comment");
        report.setAttribute("data-report-id", comment.id);
        if (authorHandle) {
          report.setAttribute("data-report-handle", authorHandle);
        }
        actions.appendChild(report);
      }
      content.appendChild(actions);
      row.appendChild(content);
      li.appendChild(row);

      if (!isReply) {
        record.formSlot = el("div", "comment-reply-slot");
        li.appendChild(record.formSlot);
        record.replies = el("ul", "reply-list");
        record.replies.setAttribute("aria-label", "Replies to " + who);
        li.appendChild(record.replies);
        record.replyCount = Number(comment.reply_count) || 0;
        record.replyCursor = null;
        record.moreReplies = el("button", "comment-action comment-more-replies");
        record.moreReplies.type = "button";
        record.moreReplies.addEventListener("click", function () {
          loadReplies(record);
        });
        li.appendChild(record.moreReplies);
        (comment.replies || []).forEach(function (replyComment) {
          addReply(record, replyComment);
        });
        showReplyState(record);
      }
      state.shown[comment.id] = record;
      return record;
    }

    // A small text button; `hidden` words finish its name for screen readers ("Reply to Ana").
    function actionButton(words, more) {
      var button = el("button", "comment-action", words);
      button.type = "button";
      if (more) {
        button.appendChild(el("span", "visually-hidden", more));
      }
      return button;
    }

    function addReply(top, replyComment) {
      if (!replyComment || !replyComment.id || state.shown[replyComment.id]) {
        return null;
      }
      var record = renderComment(replyComment, top);
      top.replies.appendChild(record.li);
      return record;
    }

    function shownReplies(top) {
      return top.replies.children.length;
    }

    function showReplyState(top) {
      top.replies.hidden = shownReplies(top) === 0;
      var missing = top.replyCount - shownReplies(top);
      top.moreReplies.hidden = missing <= 0;
      if (missing > 0) {
        top.moreReplies.textContent = "Show " + X.plural(missing, "more reply", "more replies");
      }
    }

    function loadReplies(top) {
      if (top.loadingReplies) {
        return;
      }
      top.loadingReplies = true;
      var params = new URLSearchParams();
      params.set("limit", String(REPLY_PAGE_SIZE));
      if (top.replyCursor) {
        params.set("cursor", top.replyCursor);
      }
      X.request("GET", "/api/v1/comments/" + encodeURIComponent(top.comment.id) + "/replies?" + params.toString()).then(function (answer) {
        top.loadingReplies = false;
        if (state.destroyed) {
          return;
        }
        if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.items)) {
          say("Replies could not be loaded. " + X.problemWords(answer.status, answer.body), "error");
          return;
        }
        answer.body.items.forEach(function (item) {
          addReply(top, item);
        });
        top.replyCursor = answer.body.next_cursor || null;
        if (!top.replyCursor) {
          // Everything there is has been shown.
          top.replyCount = shownReplies(top);
        }
        showReplyState(top);
      });
    }

    function openReplyForm(top, target, opener) {
      if (top.replyForm) {
        closeReplyForm(top, false);
      }
      var form = makeForm({
        label: "Reply to " + nameOf(target.author),
        submitLabel: "Post reply",
        rows: 2,
        onCancel: function () {
          closeReplyForm(top, true);
        },
        onSubmit: function (body, handle) {
          return X.request("POST", commentsURL(), { body: body, parent_id: target.id }).then(function (answer) {
            if (state.destroyed) {
              return;
            }
            if (answer.status === 201 || answer.status === 200) {
              var record = addReply(top, answer.body);
              top.replyCount += record ? 1 : 0;
              showReplyState(top);
              closeReplyForm(top, true);
              say(showSupport(answer.body.crisis_support) ? "Reply posted. Some help lines are shown below, only to you." : "Reply posted.");
              changed(1);
              return;
            }
            refused(answer, handle);
          });
        },
      });
      form.opener = opener;
      top.replyForm = form;
      top.formSlot.appendChild(form.form);
      form.field.focus();
    }

    function closeReplyForm(top, giveBackFocus) {
      var form = top.replyForm;
      if (!form) {
        return;
      }
      top.replyForm = null;
      form.form.remove();
      if (giveBackFocus && form.opener && document.body.contains(form.opener)) {
        form.opener.focus();
      }
    }

    function startEditing(record, body, editButton, editedMark) {
      if (record.editing) {
        return;
      }
      record.editing = true;
      body.hidden = true;
      var form = makeForm({
        label: "Edit your comment",
        submitLabel: "Save",
        value: record.comment.body,
        onCancel: function () {
          stop();
        },
        onSubmit: function (text, handle) {
          return X.request("PATCH", "/api/v1/comments/" + encodeURIComponent(record.comment.id), { body: text }).then(function (answer) {
            if (state.destroyed) {
              return;
            }
            if (answer.status === 200 && answer.body) {
              record.comment.body = answer.body.body;
              record.comment.edited_at = answer.body.edited_at;
              body.textContent = answer.body.body;
              editedMark.hidden = !answer.body.edited_at;
              stop();
              say(showSupport(answer.body.crisis_support) ? "Comment saved. Some help lines are shown below, only to you." : "Comment saved.");
              return;
            }
            refused(answer, handle);
          });
        },
      });
      body.parentNode.insertBefore(form.form, body.nextSibling);
      form.field.focus();
      function stop() {
        record.editing = false;
        form.form.remove();
        body.hidden = false;
        editButton.focus();
      }
    }

    function deleteComment(record, button) {
      var isTop = record.top === null;
      var replies = isTop ? Math.max(record.replyCount || 0, shownReplies(record)) : 0;
      var question = replies > 0 ? "Delete this comment and its replies?" : "Delete this comment?";
      if (!window.confirm(question)) {
        return;
      }
      button.setAttribute("aria-disabled", "true");
      X.request("DELETE", "/api/v1/comments/" + encodeURIComponent(record.comment.id)).then(function (answer) {
        button.removeAttribute("aria-disabled");
        if (state.destroyed) {
          return;
        }
        if (answer.status === 204 || answer.status === 200) {
          forget(record);
          record.li.remove();
          if (!isTop) {
            record.top.replyCount = Math.max(0, record.top.replyCount - 1);
            showReplyState(record.top);
          }
          showEmpty();
          list.focus();
          say("Comment deleted.");
          changed(-(1 + replies));
          return;
        }
        if (answer.status === 401) {
          X.goToLogin();
          return;
        }
        say("The comment was not deleted. " + X.problemWords(answer.status, answer.body), "error");
      });
    }

    function forget(record) {
      delete state.shown[record.comment.id];
      if (record.replies) {
        Array.prototype.forEach.call(record.replies.children, function (li) {
          delete state.shown[li.getAttribute("data-comment-id")];
        });
      }
    }

    // ---------- The list ----------

    function showEmpty() {
      empty.hidden = list.children.length > 0 || !state.done || !state.enabled;
    }

    function loadPage() {
      if (state.loading || state.done) {
        return;
      }
      state.loading = true;
      retry.hidden = true;
      var params = new URLSearchParams();
      params.set("limit", String(PAGE_SIZE));
      if (state.cursor) {
        params.set("cursor", state.cursor);
      }
      if (list.children.length === 0) {
        say("Loading comments…");
      }
      root.setAttribute("aria-busy", "true");
      X.request("GET", commentsURL() + "?" + params.toString()).then(function (answer) {
        state.loading = false;
        root.setAttribute("aria-busy", "false");
        if (state.destroyed) {
          return;
        }
        if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.items)) {
          say("Comments could not be loaded. " + X.problemWords(answer.status, answer.body), "error");
          retry.hidden = false;
          return;
        }
        answer.body.items.forEach(function (comment) {
          if (comment && comment.id && !state.shown[comment.id]) {
            list.appendChild(renderComment(comment, null).li);
          }
        });
        state.cursor = answer.body.next_cursor || null;
        state.done = !state.cursor;
        more.hidden = state.done;
        showEmpty();
        say("");
      });
    }

    more.addEventListener("click", loadPage);
    retry.addEventListener("click", loadPage);

    function reload() {
      list.textContent = "";
      state.shown = {};
      state.cursor = null;
      state.done = false;
      more.hidden = true;
      loadPage();
    }

    // Someone blocked (from the report dialog, say): their comments leave the list.
    function blockChanged(event) {
      if (event.detail && event.detail.blocked && !state.destroyed) {
        reload();
      }
    }
    document.addEventListener("mindreel:block", blockChanged);

    renderComposer();
    loadPage();

    return {
      reload: reload,
      focusComposer: function () {
        if (mainForm) {
          mainForm.field.focus();
        }
      },
      destroy: function () {
        state.destroyed = true;
        document.removeEventListener("mindreel:block", blockChanged);
        container.textContent = "";
      },
    };
  }

  window.MindreelComments = { mount: mount };
})();

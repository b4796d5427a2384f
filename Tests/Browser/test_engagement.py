"""Engagement as people meet it: a member likes, saves, comments, replies and follows from the
feed's rail and comments panel; the creator (another browser, another account) hears of it on
/notifications, deletes a comment from the video page and turns comments off; a visitor's
viewing counts once a day, and what needs an account leads a visitor to log in.

The session's server is shared with other tests, so every test makes its own accounts and videos
(in topics no other browser test uses) and finds them by id or handle."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import check_page, find, new_user, open_page, path_of, press, sign_up, visible, wait_for

from processes import Api, make_clip

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:03.000\nBreathe in for four, out for six.\n"
XSS = "<script>alert(1)</script><b>x</b>"
# Topics of their own, so that a topic tab shows this file's videos newest first.
MEMBER_TOPIC = "grief"
VISITOR_TOPIC = "relationships"


# --- Helpers ------------------------------------------------------------------------------------


def make_video(api: Api, tmp_path, caption: str, topic: str) -> str:
    """A public, ready video with captions; its id."""
    upload_id = api.upload(make_clip(tmp_path / f"engagement-{time.monotonic_ns()}.mp4", 3, 360, 640))
    video = api.json(
        "POST",
        "/api/v1/videos",
        {"upload_id": upload_id, "caption": caption, "topic_ids": [topic], "content_kind": "coping_skill", "captions": CAPTIONS},
        expect=(201,),
    )
    deadline = time.monotonic() + 120
    state = {}
    while time.monotonic() < deadline:
        state = api.json("GET", f"/api/v1/videos/{video['id']}")
        if state["processing_state"] in ("ready", "failed"):
            break
        time.sleep(0.5)
    assert state.get("processing_state") == "ready", f"the video did not become ready: {state}"
    return video["id"]


def sign_up_member(driver, server, prefix: str):
    """A new member, signed in, past the topic picks, with the feed's introduction dismissed."""
    user = new_user(prefix)
    sign_up(driver, server, user)
    if path_of(driver) == "/welcome/topics":
        skips = driver.find_elements(By.CSS_SELECTOR, "#skip-topics")
        if skips:
            press(driver, skips[0])
            wait_for(driver, lambda d: path_of(d) == "/", "'Skip for now' does not lead to the feed")
    driver.execute_script("localStorage.setItem('mindreel.intro-dismissed', 'yes')")
    return user


def token_for(server, user) -> Api:
    """The API as the same account that signed up in a browser (to make videos quickly)."""
    api = Api(server.base_url)
    answer = api.json("POST", "/api/v1/auth/token", {"handle": user.handle, "password": user.password}, expect=(200, 201))
    api.token = answer["token"]
    return api


def page_fetch(driver, method: str, path: str, body: dict | None = None) -> dict:
    """A same-origin JSON request made by the page's own session, as the site's scripts make them
    (cookie, CSRF header). {status, body}."""
    return driver.execute_async_script(
        """
        const [method, path, body, done] = arguments;
        const headers = {'Accept': 'application/json'};
        const meta = document.querySelector('meta[name="csrf-token"]');
        if (method !== 'GET') headers['X-CSRF-Token'] = meta ? meta.content : '';
        const options = {method, headers, credentials: 'same-origin'};
        if (body !== null) { headers['Content-Type'] = 'application/json'; options.body = JSON.stringify(body); }
        fetch(path, options)
            .then(r => r.text().then(t => { let b = null; try { b = t ? JSON.parse(t) : null; } catch (e) {} done({status: r.status, body: b}); }))
            .catch(e => done({status: 0, body: String(e)}));
        """,
        method,
        path,
        body,
    )


def record_requests(driver) -> None:
    """Remembers every fetch the page's scripts make from now on (window.__requests)."""
    driver.execute_script(
        """
        window.__requests = [];
        const original = window.fetch;
        window.fetch = function (url, init) {
            window.__requests.push({url: String(url), method: (init && init.method) || 'GET', body: (init && init.body) || null});
            return original.apply(this, arguments);
        };
        """
    )


def requests_to(driver, fragment: str) -> list[dict]:
    return [r for r in driver.execute_script("return window.__requests || []") if fragment in r["url"]]


def article(driver, video_id: str):
    return find(driver, f"#feed article.feed-item[data-video-id='{video_id}']", "in the feed")


def in_article(driver, video_id: str, selector: str):
    return article(driver, video_id).find_element(By.CSS_SELECTOR, selector)


def label_of(element) -> str:
    return element.get_attribute("aria-label") or ""


def open_feed_with(driver, server, path: str, video_id: str) -> None:
    open_page(driver, server, path)
    wait_for(
        driver,
        lambda d: d.find_elements(By.CSS_SELECTOR, f"#feed article.feed-item[data-video-id='{video_id}']"),
        f"the feed at {path} does not show video {video_id}",
    )


def panel_open(driver) -> bool:
    return driver.execute_script("return document.getElementById('comments-panel').open")


def comment_items(driver, root: str) -> list[dict]:
    """The comments shown under `root`: id, body, author and whether it is a reply."""
    return driver.execute_script(
        """
        return Array.from(document.querySelectorAll(arguments[0] + ' li.comment')).map(li => ({
            id: li.dataset.commentId,
            body: li.querySelector('.comment-body').textContent,
            author: (li.querySelector('.comment-handle') || {}).textContent || '',
            reply: li.classList.contains('comment-reply'),
            bold: li.querySelector('.comment-body').querySelectorAll('b, script').length,
        }));
        """,
        root,
    )


def comment_li(driver, root: str, text: str):
    for li in driver.find_elements(By.CSS_SELECTOR, f"{root} li.comment"):
        body = li.find_element(By.CSS_SELECTOR, ".comment-body").text
        if text in body:
            return li
    raise AssertionError(f"no comment containing {text!r} under {root}; shown: {comment_items(driver, root)}")


def post_comment(driver, form, text: str) -> None:
    field = form.find_element(By.CSS_SELECTOR, "textarea")
    field.clear()
    field.send_keys(text)
    press(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def field_error(form) -> str:
    errors = [e.text.strip() for e in form.find_elements(By.CSS_SELECTOR, ".field-error") if e.is_displayed()]
    return errors[0] if errors else ""


def server_error_for(api: Api, video_id: str, body: str) -> str:
    """What the API itself says to this comment (the page must show the same words)."""
    status, _, raw = api.call("POST", f"/api/v1/videos/{video_id}/comments", {"body": body})
    assert status == 422, f"POST comments with a body of {len(body)} characters answered {status}: {raw[:300]!r}"
    problem = json.loads(raw)
    details = [e["detail"] for e in problem.get("errors", []) if e.get("field") == "body"]
    assert details, f"the 422 names no error for the field 'body': {problem}"
    return details[0]


def view_count(api: Api, video_id: str) -> int:
    return api.json("GET", f"/api/v1/videos/{video_id}")["view_count"]


def play_on_page(driver) -> None:
    driver.execute_script("const v = document.getElementById('video-player'); v.muted = true; v.currentTime = 0; v.play();")


def played_seconds(driver) -> float:
    return driver.execute_script("return document.getElementById('video-player').currentTime")


# --- Tests --------------------------------------------------------------------------------------


def test_a_member_likes_saves_comments_replies_and_follows_and_the_creator_hears_of_it(server, browsers, tmp_path):
    # setup: a creator (signed in in their own browser) with a video, and their own first comment.
    creator_browser = browsers()
    creator = sign_up_member(creator_browser, server, "creator")
    creator_api = token_for(server, creator)
    video_id = make_video(creator_api, tmp_path, "Slow breathing for heavy days #breathing #grief", MEMBER_TOPIC)

    open_page(creator_browser, server, f"/v/{video_id}")
    form = visible(creator_browser, "#video-comments form.comment-form")
    post_comment(creator_browser, form, "Thanks for watching. Questions are welcome.")
    wait_for(creator_browser, lambda d: "Thanks for watching" in find(d, "#video-comments .comment-list").text, "the creator's own comment does not appear")
    assert "Creator" in comment_li(creator_browser, "#video-comments", "Thanks for watching").text, "the creator's comment is not marked as the creator's"

    # Their own video in the feed: no Follow button for oneself.
    open_feed_with(creator_browser, server, f"/?topic={MEMBER_TOPIC}", video_id)
    assert not article(creator_browser, video_id).find_elements(By.CSS_SELECTOR, ".rail-follow"), "the creator is offered to follow themselves"

    # A member finds the video in the feed.
    member_browser = browsers()
    member = sign_up_member(member_browser, server, "member")
    open_feed_with(member_browser, server, f"/?topic={MEMBER_TOPIC}", video_id)
    item = article(member_browser, video_id)
    profile_path = f"/@{creator.handle}"
    assert urlsplit(in_article(member_browser, video_id, "a.rail-avatar-link").get_attribute("href")).path == profile_path
    assert urlsplit(in_article(member_browser, video_id, "a.feed-creator-link").get_attribute("href")).path == profile_path
    hashtag = in_article(member_browser, video_id, ".feed-caption a.hashtag-link")
    assert urlsplit(hashtag.get_attribute("href")).path == "/tags/breathing", hashtag.get_attribute("href")
    assert item.find_elements(By.CSS_SELECTOR, ".slot-verified") and item.find_elements(By.CSS_SELECTOR, ".slot-why") and item.find_elements(
        By.CSS_SELECTOR, ".slot-context"
    ), "a reserved slot is missing"

    # Like: pressed at once, one like, and the server agrees.
    like = in_article(member_browser, video_id, "button.rail-like")
    assert like.get_attribute("aria-pressed") == "false" and label_of(like) == "Like, 0 likes", label_of(like)
    press(member_browser, like)
    wait_for(member_browser, lambda d: label_of(like) == "Like, 1 like" and like.get_attribute("aria-pressed") == "true", "pressing Like does not show one like")
    wait_for(member_browser, lambda d: creator_api.json("GET", f"/api/v1/videos/{video_id}")["like_count"] == 1, "the like did not reach the server")
    assert like.find_element(By.CSS_SELECTOR, ".action-count").text == "1"
    # Liking twice (a double tap racing itself) stays one like.
    again = page_fetch(member_browser, "PUT", f"/api/v1/videos/{video_id}/like")
    assert again["status"] == 200 and again["body"]["count"] == 1 and again["body"]["active"] is True, again

    save = in_article(member_browser, video_id, "button.rail-save")
    press(member_browser, save)
    wait_for(member_browser, lambda d: label_of(save) == "Save, 1 save" and save.get_attribute("aria-pressed") == "true", "pressing Save does not show one save")

    follow = in_article(member_browser, video_id, "button.rail-follow")
    assert follow.get_attribute("aria-pressed") == "false"
    press(member_browser, follow)
    wait_for(member_browser, lambda d: follow.get_attribute("aria-pressed") == "true", "pressing Follow does not show that the member follows")
    wait_for(
        member_browser,
        lambda d: creator_api.json("GET", f"/api/v1/creators/{creator.handle}")["follower_count"] == 1,
        "the follow did not reach the server",
    )

    # Comments: the panel opens with the focus in it, and lists the creator's comment.
    comment_button = in_article(member_browser, video_id, "button.rail-comment")
    assert label_of(comment_button) == "Comment, 1 comment", label_of(comment_button)
    press(member_browser, comment_button)
    wait_for(member_browser, lambda d: panel_open(d), "the Comment button does not open the comments panel")
    assert member_browser.execute_script("return !!document.activeElement.closest('#comments-panel')"), "the focus is not in the comments panel"
    panel = "#comments-panel"
    wait_for(member_browser, lambda d: any("Thanks for watching" in c["body"] for c in comment_items(d, panel)), "the panel does not list the creator's comment")
    form = visible(member_browser, f"{panel} form.comment-form")
    label = form.find_element(By.CSS_SELECTOR, "label")
    assert label.is_displayed() and label.text == "Add a comment", f"the comment field has no visible label: {label.text!r}"

    # An empty comment and one of 2001 characters: the server's words under the field.
    press(member_browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    expected = server_error_for(creator_api, video_id, "")
    wait_for(member_browser, lambda d: field_error(form) == expected, f"an empty comment does not show the server's {expected!r} (shows {field_error(form)!r})")
    field = form.find_element(By.CSS_SELECTOR, "textarea")
    assert field.get_attribute("aria-invalid") == "true"
    member_browser.execute_script(
        "arguments[0].value = 'a'.repeat(2001); arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", field
    )
    assert form.find_element(By.CSS_SELECTOR, ".char-count").text == "1 character too many"
    press(member_browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    expected = server_error_for(creator_api, video_id, "a" * 2001)
    wait_for(member_browser, lambda d: field_error(form) == expected, f"a comment of 2001 characters does not show the server's {expected!r} (shows {field_error(form)!r})")
    assert label_of(comment_button) == "Comment, 1 comment", "a refused comment changed the count"

    # A real comment, then markup that must stay text.
    post_comment(member_browser, form, "This helped me slow down, thank you.")
    wait_for(member_browser, lambda d: comment_items(d, panel) and comment_items(d, panel)[0]["body"] == "This helped me slow down, thank you.", "the new comment does not appear first")
    wait_for(member_browser, lambda d: label_of(comment_button) == "Comment, 2 comments", "the rail's comment count does not go up")
    assert field.get_attribute("value") == "" and not field_error(form)
    # The member edits it: the new words, marked as edited.
    own = comment_li(member_browser, panel, "This helped me slow down")
    press(member_browser, own.find_element(By.XPATH, ".//button[starts-with(normalize-space(.), 'Edit')]"))
    edit_form = own.find_element(By.CSS_SELECTOR, "form.comment-form")
    edit_field = edit_form.find_element(By.CSS_SELECTOR, "textarea")
    assert edit_field.get_attribute("value") == "This helped me slow down, thank you."
    assert member_browser.switch_to.active_element == edit_field, "the edit field does not take the focus"
    post_comment(member_browser, edit_form, "This helped me slow down. Thank you!")
    wait_for(member_browser, lambda d: comment_items(d, panel)[0]["body"] == "This helped me slow down. Thank you!", "the edited comment does not show its new words")
    assert "edited" in own.find_element(By.CSS_SELECTOR, ".comment-meta").text, "an edited comment is not marked as edited"

    post_comment(member_browser, form, XSS)
    wait_for(member_browser, lambda d: comment_items(d, panel)[0]["body"] == XSS, "markup in a comment is not shown as the literal text")
    assert comment_items(member_browser, panel)[0]["bold"] == 0, "markup in a comment became elements"

    # A reply to the creator's comment, shown indented under it.
    creators_comment = comment_li(member_browser, panel, "Thanks for watching")
    press(member_browser, creators_comment.find_element(By.XPATH, ".//button[starts-with(normalize-space(.), 'Reply')]"))
    reply_form = creators_comment.find_element(By.CSS_SELECTOR, ".comment-reply-slot form.comment-form")
    assert member_browser.switch_to.active_element == reply_form.find_element(By.CSS_SELECTOR, "textarea"), "the reply field does not take the focus"
    post_comment(member_browser, reply_form, "Breathing out for six works for me.")
    wait_for(
        member_browser,
        lambda d: "Breathing out for six" in creators_comment.find_element(By.CSS_SELECTOR, ".reply-list").text,
        "the reply does not appear under the comment it answers",
    )
    wait_for(member_browser, lambda d: label_of(comment_button) == "Comment, 4 comments", f"the count after a reply is {label_of(comment_button)!r}")
    replies = [c for c in comment_items(member_browser, panel) if c["reply"]]
    assert [r["body"] for r in replies] == ["Breathing out for six works for me."], replies

    member_browser.execute_script("document.getElementById('comments-panel-body').scrollTop = 0")
    check_page(member_browser, "feed-comments-panel")

    # Escape closes the panel and gives the focus back to the Comment button.
    ActionChains(member_browser).send_keys(Keys.ESCAPE).perform()
    wait_for(member_browser, lambda d: not panel_open(d), "Escape does not close the comments panel")
    assert member_browser.switch_to.active_element == comment_button, "the focus does not return to the Comment button"

    # Share: without a share sheet the link is copied; without a clipboard it is shown.
    member_browser.execute_script(
        """
        Object.defineProperty(navigator, 'share', {value: undefined, configurable: true});
        window.__copied = null;
        Object.defineProperty(navigator, 'clipboard', {value: {writeText: t => { window.__copied = t; return Promise.resolve(); }}, configurable: true});
        """
    )
    press(member_browser, in_article(member_browser, video_id, "button.rail-share"))
    wait_for(member_browser, lambda d: "Link copied" in find(d, "#feed-status").text, "Share does not say 'Link copied'")
    assert member_browser.execute_script("return window.__copied") == server.url(f"/v/{video_id}")
    member_browser.execute_script(
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => Promise.reject(new Error('no'))}, configurable: true});"
    )
    press(member_browser, in_article(member_browser, video_id, "button.rail-share"))
    link_field = wait_for(member_browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".share-box input"), "no link field when copying fails")[0]
    assert link_field.get_attribute("value") == server.url(f"/v/{video_id}")

    # The Following tab shows the followed creator's video.
    press(member_browser, find(member_browser, "#feed-tabs a[data-tab='following']"))
    wait_for(member_browser, lambda d: d.find_elements(By.CSS_SELECTOR, f"#feed article[data-video-id='{video_id}']"), "the Following tab does not show the followed creator's video")
    assert find(member_browser, "#feed-tabs a[data-tab='following']").get_attribute("aria-current") == "page"
    assert urlsplit(member_browser.current_url).query == "tab=following"

    # Everything survives a reload.
    open_feed_with(member_browser, server, f"/?topic={MEMBER_TOPIC}", video_id)
    assert label_of(in_article(member_browser, video_id, "button.rail-like")) == "Like, 1 like"
    assert in_article(member_browser, video_id, "button.rail-like").get_attribute("aria-pressed") == "true"
    assert label_of(in_article(member_browser, video_id, "button.rail-save")) == "Save, 1 save"
    assert in_article(member_browser, video_id, "button.rail-save").get_attribute("aria-pressed") == "true"
    assert in_article(member_browser, video_id, "button.rail-follow").get_attribute("aria-pressed") == "true"
    assert label_of(in_article(member_browser, video_id, "button.rail-comment")) == "Comment, 4 comments"

    # Watching in the feed: a view after 2 s of playback, and the viewing reported when the page goes.
    views_before = view_count(creator_api, video_id)
    record_requests(member_browser)
    press(member_browser, in_article(member_browser, video_id, "button.feed-control-play"))
    wait_for(
        member_browser,
        lambda d: d.execute_script("return arguments[0].currentTime", in_article(d, video_id, "video")) > 2.4,
        "the video does not play in the feed",
        seconds=20,
    )
    wait_for(member_browser, lambda d: requests_to(d, "/views"), "no view is counted after 2 s of playback in the feed")
    wait_for(member_browser, lambda d: view_count(creator_api, video_id) == views_before + 1, "the member's view is not counted")
    member_browser.execute_script("window.dispatchEvent(new Event('pagehide'))")
    sent = wait_for(member_browser, lambda d: requests_to(d, "/watch-events"), "a member's viewing in the feed is not reported when the page is hidden")
    reported = json.loads(sent[0]["body"])
    assert reported["watch_seconds"] >= 2 and reported["skipped"] is False, reported
    assert len(requests_to(member_browser, "/watch-events")) == 1, "one viewing was reported more than once"

    open_page(member_browser, server, profile_path)
    wait_for(member_browser, lambda d: find(d, "#follower-count").text.strip() == "1", "the creator's profile does not count one follower")

    # The video page shows the same, and the member's watching is reported when the page goes.
    open_page(member_browser, server, f"/v/{video_id}")
    like = find(member_browser, "#like-button")
    assert like.get_attribute("aria-pressed") == "true" and label_of(like) == "Like, 1 like", label_of(like)
    assert label_of(find(member_browser, "#save-button")) == "Save, 1 save"
    assert find(member_browser, "#video-follow-button").get_attribute("aria-pressed") == "true"
    assert find(member_browser, "#comment-count").text == "4 comments"
    wait_for(member_browser, lambda d: len(comment_items(d, "#video-comments")) == 4, "the video page does not list the 4 comments")
    page_hashtag = find(member_browser, ".hashtag-list a.hashtag-link")
    assert urlsplit(page_hashtag.get_attribute("href")).path.startswith("/tags/")
    assert urlsplit(find(member_browser, "a.video-creator").get_attribute("href")).path == profile_path
    record_requests(member_browser)
    play_on_page(member_browser)
    wait_for(member_browser, lambda d: played_seconds(d) > 2.4, "the video does not play on its page", seconds=20)
    wait_for(member_browser, lambda d: requests_to(d, "/views"), "no view is counted after 2 s of playback")
    member_browser.execute_script("document.getElementById('video-player').pause(); window.dispatchEvent(new Event('pagehide'))")
    sent = wait_for(member_browser, lambda d: requests_to(d, "/watch-events"), "a member's viewing is not reported when the page is hidden")
    assert len(sent) == 1, f"one viewing was reported {len(sent)} times: {sent}"
    history = page_fetch(member_browser, "GET", "/api/v1/me/watch-events")
    mine = [e for e in history["body"]["items"] if e["video_id"] == video_id]
    assert len(mine) == 2 and all(e["watch_seconds"] >= 2 for e in mine), f"the two viewings are not in the member's history: {history}"
    # The same member's second viewing the same day is not another view.
    assert view_count(creator_api, video_id) == views_before + 1, "a member's second viewing the same day added a view"
    check_page(member_browser, "video-page-member")

    # The creator hears of the follow, the comment and the reply.
    open_page(creator_browser, server, "/notifications")
    text = find(creator_browser, "main").text
    assert member.handle in text, f"/notifications does not name @{member.handle}:\n{text[:1500]}"
    kinds = {n["kind"] for n in creator_api.json("GET", "/api/v1/notifications")["items"] if (n.get("actor") or {}).get("handle") == member.handle}
    assert {"follow", "comment", "reply"} <= kinds, f"the creator's notifications from @{member.handle} are of kinds {kinds}"

    # The creator deletes the member's markup comment from their video page.
    open_page(creator_browser, server, f"/v/{video_id}")
    wait_for(creator_browser, lambda d: len(comment_items(d, "#video-comments")) == 4, "the creator's video page does not list the 4 comments")
    doomed = comment_li(creator_browser, "#video-comments", "<script>")
    press(creator_browser, doomed.find_element(By.XPATH, ".//button[starts-with(normalize-space(.), 'Delete')]"))
    confirm = wait_for(creator_browser, lambda d: d.switch_to.alert, "Delete does not ask for confirmation")
    confirm.accept()
    wait_for(creator_browser, lambda d: not any(XSS == c["body"] for c in comment_items(d, "#video-comments")), "the deleted comment stays on the page")
    wait_for(creator_browser, lambda d: find(d, "#comment-count").text == "3 comments", "the comment count does not go down")
    creator_browser.refresh()
    wait_for(creator_browser, lambda d: len(comment_items(d, "#video-comments")) == 3, "after a reload the page does not list 3 comments")
    assert XSS not in [c["body"] for c in comment_items(creator_browser, "#video-comments")]

    # The creator turns comments off; the member can no longer post.
    toggle = find(creator_browser, "#video-comments button.comments-toggle")
    assert toggle.text == "Turn comments off"
    press(creator_browser, toggle)
    wait_for(creator_browser, lambda d: toggle.text == "Turn comments on", "the toggle does not turn comments off")
    assert not creator_browser.find_elements(By.CSS_SELECTOR, "#video-comments form.comment-form")

    open_page(member_browser, server, f"/v/{video_id}")
    wait_for(
        member_browser,
        lambda d: "The creator turned comments off for this video." in find(d, "#video-comments").text,
        "the member is not told that comments are off",
    )
    assert not member_browser.find_elements(By.CSS_SELECTOR, "#video-comments form.comment-form"), "a comment form is offered while comments are off"
    assert not [b for b in member_browser.find_elements(By.CSS_SELECTOR, "#video-comments .comment-action") if b.is_displayed() and b.text.startswith("Reply")]
    refused = page_fetch(member_browser, "POST", f"/api/v1/videos/{video_id}/comments", {"body": "Still here?"})
    assert refused["status"] == 403, refused
    open_feed_with(member_browser, server, f"/?topic={MEMBER_TOPIC}", video_id)
    press(member_browser, in_article(member_browser, video_id, "button.rail-comment"))
    wait_for(member_browser, lambda d: "The creator turned comments off" in find(d, "#comments-panel").text, "the feed's panel does not say comments are off")
    assert not member_browser.find_elements(By.CSS_SELECTOR, "#comments-panel form.comment-form")


def test_a_visitor_counts_one_view_a_day_and_is_asked_to_log_in_to_take_part(server, browsers, tmp_path):
    creator_api = Api(server.base_url)
    creator_api.sign_up_with_token("viewmaker")
    video_id = make_video(creator_api, tmp_path, "Naming five things you can see #grounding", VISITOR_TOPIC)
    before = view_count(creator_api, video_id)

    visitor = browsers()
    open_page(visitor, server, f"/v/{video_id}")
    record_requests(visitor)
    play_on_page(visitor)
    wait_for(visitor, lambda d: view_count(creator_api, video_id) == before + 1, "watching for more than 2 s does not add a view", seconds=20)
    assert played_seconds(visitor) >= 2, "a view was counted before 2 s of playback"
    assert len(requests_to(visitor, "/views")) == 1
    # Visitors' viewings are never reported.
    visitor.execute_script("window.dispatchEvent(new Event('pagehide'))")
    time.sleep(0.5)
    assert requests_to(visitor, "/watch-events") == [], "a visitor's viewing was reported as a watch event"
    check_page(visitor, "video-page-visitor")

    # The same visitor again the same day: the player asks again, the count stays.
    visitor.refresh()
    record_requests(visitor)
    play_on_page(visitor)
    wait_for(visitor, lambda d: requests_to(d, "/views"), "a reloaded page does not count its view again", seconds=20)
    time.sleep(1)
    assert view_count(creator_api, video_id) == before + 1, "a second viewing the same day added another view"

    # Many comments: the first page, then "Show more comments" for the rest.
    for number in range(1, 23):
        creator_api.json("POST", f"/api/v1/videos/{video_id}/comments", {"body": f"Comment number {number}"}, expect=(201,))
    visitor.refresh()
    wait_for(visitor, lambda d: len(comment_items(d, "#video-comments")) == 20, "the video page does not show a first page of 20 comments")
    assert comment_items(visitor, "#video-comments")[0]["body"] == "Comment number 22", "comments are not newest first"
    press(visitor, find(visitor, "#video-comments button.comments-more"))
    wait_for(visitor, lambda d: len(comment_items(d, "#video-comments")) == 22, "'Show more comments' does not show the rest")
    assert [c["body"] for c in comment_items(visitor, "#video-comments")][-2:] == ["Comment number 2", "Comment number 1"]
    assert not find(visitor, "#video-comments button.comments-more").is_displayed(), "'Show more comments' stays when there are no more"
    assert find(visitor, "#comment-count").text == "22 comments"
    assert not [b for b in visitor.find_elements(By.CSS_SELECTOR, "#video-comments .comment-action") if b.is_displayed()], "a visitor is offered Reply, Edit or Delete"

    # Liking, following and commenting need an account: the visitor is taken to log in.
    assert "Log in to comment" in wait_for(visitor, lambda d: find(d, "#video-comments .comments-login"), "no 'Log in to comment'").text
    press(visitor, find(visitor, "#like-button"))
    wait_for(visitor, lambda d: path_of(d) == "/login", "Like does not take a visitor to log in")
    assert parse_qs(urlsplit(visitor.current_url).query).get("next") == [f"/v/{video_id}"], visitor.current_url

    visitor.execute_script("localStorage.setItem('mindreel.intro-dismissed', 'yes')")
    open_feed_with(visitor, server, f"/?topic={VISITOR_TOPIC}", video_id)
    follow = in_article(visitor, video_id, "a.rail-follow")
    assert urlsplit(follow.get_attribute("href")).path == "/login"
    assert in_article(visitor, video_id, "button.rail-like").get_attribute("aria-pressed") == "false"
    press(visitor, in_article(visitor, video_id, "button.rail-save"))
    wait_for(visitor, lambda d: path_of(d) == "/login", "Save does not take a visitor to log in")
    assert parse_qs(urlsplit(visitor.current_url).query).get("next") == [f"/?topic={VISITOR_TOPIC}"], visitor.current_url

    open_page(visitor, server, "/")
    tab = find(visitor, "#feed-tabs a[data-tab='following']")
    assert urlsplit(tab.get_attribute("href")).query == "tab=following"
    press(visitor, tab)
    wait_for(visitor, lambda d: path_of(d) == "/login", "the Following tab does not take a visitor to log in")
    assert parse_qs(urlsplit(visitor.current_url).query).get("next") == ["/?tab=following"], visitor.current_url

"""The pages around the feed, as members meet them: picking topics after signing up, a creator's
profile (edited by its creator, followed by another member), hashtags, notifications, watch
history and the topics admin.

The session's server is shared with other tests, so every test makes its own accounts, videos and
hashtags and looks for those by id or handle."""

from __future__ import annotations

import secrets
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from support import (
    REPO_ROOT,
    check_page,
    fill_and_submit,
    find,
    is_shown,
    log_in,
    new_user,
    open_page,
    path_of,
    press,
    sign_up,
    visible,
    wait_for,
)

from processes import Api, make_clip, mindreel_binary, mindreel_env

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:03.000\nBreathe in for four, out for six.\n"
# Api.sign_up_with_token gives every account this password.
API_PASSWORD = "steady-harbour-4821"


# --- Helpers ------------------------------------------------------------------------------------


def sign_up_and_skip_topics(driver, server, prefix: str):
    """A new member, signed in, past the topic picks."""
    user = new_user(prefix)
    sign_up(driver, server, user)
    assert path_of(driver) == "/welcome/topics", f"after signing up the browser is at {driver.current_url}, expected /welcome/topics"
    skip = find(driver, "#skip-topics")
    press(driver, skip)
    wait_for(driver, lambda d: path_of(d) == "/", "'Skip for now' does not lead to the feed")
    return user


def text_of(driver, selector: str) -> str:
    return find(driver, selector).text.strip()


def fetch_status(driver, method: str, path: str, form: dict[str, str] | None = None) -> int:
    """The status of a same-origin request made by the page's own session (cookies and all)."""
    return driver.execute_async_script(
        """
        const [method, path, form, done] = arguments;
        const options = {method, credentials: 'same-origin', redirect: 'manual'};
        if (form) {
            options.body = new URLSearchParams(form);
        }
        fetch(path, options).then(r => done(r.status), e => done(String(e)));
        """,
        method,
        path,
        form,
    )


def make_image(path: Path) -> Path:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=300x200", "-frames:v", "1", str(path)],
        check=True,
        timeout=60,
    )
    return path


def no_alert(driver) -> bool:
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


@pytest.fixture(scope="module")
def tagged_videos(server, tmp_path_factory):
    """Two ready public videos by one creator, both with a hashtag of their own; the first has
    been viewed by two members, the second by one."""
    tmp = tmp_path_factory.mktemp("tagged")
    tag = f"calm_{secrets.token_hex(4)}"
    creator = Api(server.base_url)
    handle = creator.sign_up_with_token("tagmaker")
    ids = []
    for number in (1, 2):
        upload_id = creator.upload(make_clip(tmp / f"tagged-{number}.mp4", 3, 360, 640))
        video = creator.json(
            "POST",
            "/api/v1/videos",
            {
                "upload_id": upload_id,
                "caption": f"Grounding exercise number {number} #{tag}",
                "topic_ids": ["anxiety"],
                "content_kind": "coping_skill",
                "captions": CAPTIONS,
            },
            expect=(201,),
        )
        ids.append(video["id"])
    deadline = time.monotonic() + 180
    states = {}
    while time.monotonic() < deadline:
        states = {video_id: creator.json("GET", f"/api/v1/videos/{video_id}") for video_id in ids}
        if all(s["processing_state"] in ("ready", "failed") for s in states.values()):
            break
        time.sleep(0.5)
    for video_id, state in states.items():
        assert state["processing_state"] == "ready", f"video {video_id} did not become ready: {state}"

    for viewer_name, watched in (("viewer_a", ids), ("viewer_b", ids[:1])):
        viewer = Api(server.base_url)
        viewer.sign_up_with_token(viewer_name)
        time.sleep(0.002)  # sign_up_with_token's handles include the millisecond
        for video_id in watched:
            # Twice: a viewer counts once a day, however often the player reports a view.
            viewer.call("POST", f"/api/v1/videos/{video_id}/views")
            status, _, raw = viewer.call("POST", f"/api/v1/videos/{video_id}/views")
            assert status == 204, f"POST /api/v1/videos/{video_id}/views answered {status}: {raw[:300]!r}"
    return {"tag": tag, "ids": ids, "handle": handle, "titles": [states[i].get("title") for i in ids]}


# --- Topic picks ------------------------------------------------------------------------------


def test_new_members_pick_their_topics_or_skip(server, browsers):
    picker = browsers()
    user = new_user("picker")
    sign_up(picker, server, user)
    assert path_of(picker) == "/welcome/topics", f"after signing up the browser is at {picker.current_url}, expected /welcome/topics"
    assert "Welcome" in text_of(picker, "h1"), f"the first topic page's heading reads {text_of(picker, 'h1')!r}"
    visible(picker, "#welcome-text")
    boxes = picker.find_elements(By.CSS_SELECTOR, "#topics-form input[type=checkbox][name='topic_ids[]']")
    assert len(boxes) >= 5, f"expected the curated topics as checkboxes, found {len(boxes)}"
    for box in boxes:
        label = find(picker, f"label[for='{box.get_attribute('id')}']")
        assert label.is_displayed() and label.text.strip(), f"topic checkbox {box.get_attribute('value')} has no visible label"
        assert not box.is_selected(), "a new member's topics are already ticked"
    check_page(picker, "welcome-topics")

    chosen = [boxes[0].get_attribute("value"), boxes[2].get_attribute("value")]
    for value in chosen:
        press(picker, find(picker, f"#topics-form input[value='{value}']"))
    form = find(picker, "#topics-form")
    press(picker, find(picker, "#save-topics"))
    wait_for(picker, lambda d: path_of(d) == "/", "'Save my topics' does not lead to the feed")
    assert "notice=topics_saved" in picker.current_url or is_shown(picker, "#notice"), "saving topics says nothing"

    # Coming back (from Settings) shows the saved choice, without the welcome.
    open_page(picker, server, "/settings")
    press(picker, find(picker, "#settings-topics-link"))
    wait_for(picker, lambda d: path_of(d) == "/welcome/topics", "the settings link does not open /welcome/topics")
    ticked = sorted(b.get_attribute("value") for b in picker.find_elements(By.CSS_SELECTOR, "#topics-form input[type=checkbox]") if b.is_selected())
    assert ticked == sorted(chosen), f"the saved topics are {ticked}, expected {sorted(chosen)}"
    assert not picker.find_elements(By.CSS_SELECTOR, "#welcome-text"), "a returning member is welcomed as if new"

    # Another new member skips: nothing is saved for them.
    skipper = browsers()
    sign_up_and_skip_topics(skipper, server, "skipper")
    open_page(skipper, server, "/welcome/topics")
    ticked = [b.get_attribute("value") for b in skipper.find_elements(By.CSS_SELECTOR, "#topics-form input[type=checkbox]") if b.is_selected()]
    assert ticked == [], f"a member who skipped has topics ticked: {ticked}"


# --- Profiles, following, notifications ---------------------------------------------------------


def test_a_creator_edits_their_profile_and_a_member_follows_them(server, browsers, tmp_path):
    creator_browser = browsers()
    creator = sign_up_and_skip_topics(creator_browser, server, "creator")

    # An empty profile: initials, no bio, no videos.
    press(creator_browser, find(creator_browser, "#nav-profile"))
    wait_for(creator_browser, lambda d: path_of(d) == f"/@{creator.handle}", "the header's Profile link does not open /@handle")
    assert text_of(creator_browser, "#profile-name") == creator.display_name
    assert text_of(creator_browser, "#profile-handle") == f"@{creator.handle}"
    assert find(creator_browser, "#profile-avatar").tag_name != "img", "a profile without a picture shows an image"
    assert text_of(creator_browser, "#follower-count") == "0"
    visible(creator_browser, "#videos-empty")
    press(creator_browser, find(creator_browser, "#edit-profile"))
    wait_for(creator_browser, lambda d: path_of(d) == "/settings/profile", "'Edit profile' does not open /settings/profile")
    check_page(creator_browser, "profile-settings")

    # Mistakes are shown beside their fields, and what was typed is kept.
    fill_and_submit(
        creator_browser,
        "#profile-form",
        {"display_name": " ", "bio": "Kept while I fix the rest.", "links": "http://example.com/insecure"},
    )
    assert path_of(creator_browser) == "/settings/profile", f"an invalid profile was accepted ({creator_browser.current_url})"
    for field in ("display_name", "links"):
        error = visible(creator_browser, f"#{field}-error")
        assert error.text.strip(), f"#{field}-error is empty"
        control = find(creator_browser, f"#{field}")
        assert control.get_attribute("aria-invalid") == "true", f"#{field} is not marked invalid"
        assert f"{field}-error" in (control.get_attribute("aria-describedby") or ""), f"#{field} is not described by its error"
    assert find(creator_browser, "#bio").get_attribute("value") == "Kept while I fix the rest.", "the bio typed was lost"
    assert find(creator_browser, "#links").get_attribute("value").strip() == "http://example.com/insecure", "the links typed were lost"
    assert find(creator_browser, "#bio").get_attribute("maxlength") == "300", "the bio field does not stop at 300 characters"
    check_page(creator_browser, "profile-settings-errors")

    # A picture larger than the limit (a phone photo at full size, say) is refused at once, in
    # words beside the field, before megabytes are sent; the field is emptied so saving sends none.
    open_page(creator_browser, server, "/settings/profile")
    assert "up to 15 MB" in text_of(creator_browser, "#avatar-hint")
    too_large = tmp_path / "too-large-photo.jpg"
    too_large.write_bytes(b"\xff" * (16 * 1024 * 1024))
    find(creator_browser, "#avatar").send_keys(str(too_large))
    error = visible(creator_browser, "#avatar-error")
    assert "at most 15 MB" in error.text and "too-large-photo.jpg" in error.text, f"the size error says {error.text!r}"
    assert error.get_attribute("role") == "alert", "the size error is not announced"
    assert find(creator_browser, "#avatar").get_attribute("aria-invalid") == "true"
    assert creator_browser.execute_script("return document.getElementById('avatar').files.length") == 0, "the too-large file is still chosen"
    check_page(creator_browser, "profile-settings-picture-too-large")

    # A real edit: name, a bio with markup in it (shown as text), two links and a picture.
    bio = "Peer supporter.\n<script>alert(1)</script> is just text here."
    links = ["https://example.com/ana", "https://example.org/resources/grounding"]
    find(creator_browser, "#avatar").send_keys(str(make_image(tmp_path / "avatar.png")))
    fill_and_submit(creator_browser, "#profile-form", {"display_name": "Ana Example", "bio": bio, "links": "\n".join(links)})
    assert path_of(creator_browser) == f"/@{creator.handle}", f"saving the profile leads to {creator_browser.current_url}, expected /@{creator.handle}"
    visible(creator_browser, "#notice")
    assert text_of(creator_browser, "#profile-name") == "Ana Example"
    bio_element = find(creator_browser, "#profile-bio")
    assert bio_element.text == "Peer supporter.\n<script>alert(1)</script> is just text here.", (
        f"the bio is not shown as the text typed, line break included: {bio_element.text!r}"
    )
    assert creator_browser.execute_script("return arguments[0].children.length", bio_element) == 0, "the bio's markup became elements"
    assert no_alert(creator_browser), "the bio's <script> ran"
    anchors = creator_browser.find_elements(By.CSS_SELECTOR, "#profile-links a")
    assert [a.get_attribute("href") for a in anchors] == links, f"the profile links are {[a.get_attribute('href') for a in anchors]}"
    for anchor in anchors:
        rel = set((anchor.get_attribute("rel") or "").split())
        assert {"nofollow", "noopener", "ugc"} <= rel, f"link {anchor.get_attribute('href')} has rel={rel}"
        assert anchor.text.strip(), f"link {anchor.get_attribute('href')} shows no label"
    avatar = find(creator_browser, "#profile-avatar")
    assert avatar.tag_name == "img", "the uploaded picture is not shown on the profile"
    wait_for(
        creator_browser,
        lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", avatar),
        "the profile picture does not load",
    )
    assert urlsplit(avatar.get_attribute("src")).netloc == urlsplit(server.base_url).netloc, "the picture comes from another site"
    check_page(creator_browser, "profile-own")

    # The settings form now shows the saved values and the picture, with a way to remove it.
    open_page(creator_browser, server, "/settings/profile")
    assert find(creator_browser, "#bio").get_attribute("value").replace("\r\n", "\n") == bio
    assert find(creator_browser, "#links").get_attribute("value").replace("\r\n", "\n").strip().split("\n") == links
    assert find(creator_browser, "#avatar-preview").tag_name == "img"
    visible(creator_browser, "#remove_avatar")

    # A visitor is asked to log in to follow.
    visitor = browsers()
    open_page(visitor, server, f"/@{creator.handle}")
    login_link = visible(visitor, "#login-to-follow")
    assert urlsplit(login_link.get_attribute("href")).path == "/login"
    assert not visitor.find_elements(By.CSS_SELECTOR, "#follow-button")
    assert no_alert(visitor)
    check_page(visitor, "profile-visitor")

    # Another member follows and unfollows from the profile page.
    fan_browser = browsers()
    fan = sign_up_and_skip_topics(fan_browser, server, "fan")
    open_page(fan_browser, server, f"/@{creator.handle}")
    button = visible(fan_browser, "#follow-button")
    assert button.get_attribute("aria-pressed") == "false"
    assert text_of(fan_browser, "#follower-count") == "0"
    press(fan_browser, button)
    wait_for(fan_browser, lambda d: text_of(d, "#follower-count") == "1", "following does not raise the follower count")
    assert find(fan_browser, "#follow-button").get_attribute("aria-pressed") == "true"
    assert "follow" in text_of(fan_browser, "#follow-status").lower(), "following is not announced"
    fan_browser.refresh()
    assert visible(fan_browser, "#follow-button").get_attribute("aria-pressed") == "true", "the follow is not kept"
    assert text_of(fan_browser, "#follower-count") == "1"
    check_page(fan_browser, "profile-following")
    press(fan_browser, find(fan_browser, "#follow-button"))
    wait_for(fan_browser, lambda d: text_of(d, "#follower-count") == "0", "unfollowing does not lower the follower count")
    assert find(fan_browser, "#follow-button").get_attribute("aria-pressed") == "false"
    fan_browser.refresh()
    assert visible(fan_browser, "#follow-button").get_attribute("aria-pressed") == "false", "the unfollow is not kept"
    assert text_of(fan_browser, "#follower-count") == "0"

    # The creator hears about the follow: a badge in the header and a notification.
    open_page(creator_browser, server, "/settings")
    badge = wait_for(
        creator_browser,
        lambda d: d.find_element(By.ID, "notification-count") if d.find_element(By.ID, "notification-count").is_displayed() else None,
        "the header shows no unread-notification badge after a follow",
    )
    count = int(badge.find_element(By.CSS_SELECTOR, "[aria-hidden=true]").text.strip())
    assert count >= 1
    link_text = creator_browser.execute_script("return document.getElementById('nav-notifications').textContent")
    assert f"{count} unread" in link_text, f"the notifications link does not say how many are unread: {link_text!r}"
    press(creator_browser, find(creator_browser, "#nav-notifications"))
    wait_for(creator_browser, lambda d: path_of(d) == "/notifications", "the header's Notifications link does not open /notifications")
    unread = creator_browser.find_elements(By.CSS_SELECTOR, "#notifications li.notification.is-unread")
    assert unread, "the follow notification is not marked unread"
    follow_items = [li for li in unread if fan.handle in li.text or fan.display_name in li.text]
    assert follow_items, f"no unread notification names the follower: {[li.text for li in unread]}"
    assert "Unread" in follow_items[0].get_attribute("textContent"), "an unread notification is not announced as unread"
    href = follow_items[0].find_element(By.CSS_SELECTOR, "a").get_attribute("href")
    assert urlsplit(href).path.startswith("/notifications/"), f"a notification links to {href}, expected /notifications/{{id}}"
    check_page(creator_browser, "notifications")

    fill_and_submit(creator_browser, "#mark-all-read-form", {})
    assert path_of(creator_browser) == "/notifications"
    visible(creator_browser, "#notice")
    assert not creator_browser.find_elements(By.CSS_SELECTOR, "#notifications li.is-unread"), "notifications stay unread after 'Mark all as read'"
    assert creator_browser.find_elements(By.CSS_SELECTOR, "#notifications li.notification"), "marking read removed the notifications"
    time.sleep(1)  # the badge is fetched after the page loads
    assert not find(creator_browser, "#notification-count").is_displayed(), "the header badge stays after 'Mark all as read'"

    # Opening a notification goes to what it is about (the follower's profile).
    press(creator_browser, creator_browser.find_elements(By.CSS_SELECTOR, "#notifications li.notification a")[0])
    wait_for(creator_browser, lambda d: path_of(d) != "/notifications", "opening a notification goes nowhere")
    assert path_of(creator_browser) == f"/@{fan.handle}", f"the follow notification opens {creator_browser.current_url}"


def test_a_new_member_has_no_notifications_yet(server, driver):
    sign_up_and_skip_topics(driver, server, "quiet")
    open_page(driver, server, "/notifications")
    visible(driver, "#notifications-empty")
    assert not driver.find_elements(By.CSS_SELECTOR, "#mark-all-read-form"), "'Mark all as read' with nothing to read"
    assert not find(driver, "#notification-count").is_displayed()
    check_page(driver, "notifications-empty")


# --- Hashtags and the video grid -------------------------------------------------------------


def test_a_hashtag_page_and_a_creator_page_list_videos_with_their_views(server, driver, tagged_videos):
    tag, ids = tagged_videos["tag"], tagged_videos["ids"]
    open_page(driver, server, f"/tags/{tag}")
    assert text_of(driver, "h1") == f"#{tag}"
    assert text_of(driver, "#tag-video-count") == "2"
    assert text_of(driver, "#tag-total-views") == "3", f"the hashtag's total views read {text_of(driver, '#tag-total-views')!r}, expected 3"
    tiles = driver.find_elements(By.CSS_SELECTOR, "#video-grid a.video-tile")
    paths = [urlsplit(t.get_attribute("href")).path for t in tiles]
    assert sorted(paths) == sorted(f"/v/{i}" for i in ids), f"the hashtag page lists {paths}"
    views = {urlsplit(t.get_attribute("href")).path: t.find_element(By.CSS_SELECTOR, ".video-tile-views").text for t in tiles}
    assert views == {f"/v/{ids[0]}": "2 views", f"/v/{ids[1]}": "1 view"}, f"the tiles' view counts: {views}"
    for tile in tiles:
        assert tile.find_element(By.CSS_SELECTOR, ".video-tile-title").text.strip(), "a tile has no title"
        duration = tile.find_element(By.CSS_SELECTOR, ".video-tile-duration").text.strip()
        assert duration.endswith(("0:03", "0:02", "0:04")), f"a 3-second video's tile says it lasts {duration!r}"
        poster = tile.find_element(By.CSS_SELECTOR, "img")
        assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", poster), "a poster does not load"
    check_page(driver, "hashtag")

    # A tile opens the video's page.
    press(driver, tiles[0])
    wait_for(driver, lambda d: path_of(d).startswith("/v/"), "a tile does not open its video page")

    # The creator's profile shows the same videos, and the views added up.
    open_page(driver, server, f"/@{tagged_videos['handle']}")
    assert text_of(driver, "#video-count") == "2"
    assert text_of(driver, "#total-views") == "3"
    paths = [urlsplit(a.get_attribute("href")).path for a in driver.find_elements(By.CSS_SELECTOR, "#video-grid a.video-tile")]
    assert paths == [f"/v/{ids[1]}", f"/v/{ids[0]}"], f"the profile lists {paths}, expected newest first"
    check_page(driver, "profile-with-videos")

    # A hashtag nobody used is an empty page, not an error.
    open_page(driver, server, f"/tags/unused_{secrets.token_hex(4)}")
    visible(driver, "#videos-empty")


# --- Watch history ---------------------------------------------------------------------------


def test_a_member_sees_and_deletes_their_watch_history(server, driver, tagged_videos):
    ids = tagged_videos["ids"]
    member = Api(server.base_url)
    handle = member.sign_up_with_token("watcher")
    member.json("POST", f"/api/v1/videos/{ids[0]}/watch-events", {"watch_seconds": 3, "completed": True, "skipped": False}, expect=(204,))
    member.json("POST", f"/api/v1/videos/{ids[1]}/watch-events", {"watch_seconds": 0.5, "completed": False, "skipped": True}, expect=(204,))

    log_in(driver, server, handle, API_PASSWORD)
    open_page(driver, server, "/settings")
    press(driver, find(driver, "#settings-history-link"))
    wait_for(driver, lambda d: path_of(d) == "/settings/history", "the settings link does not open /settings/history")
    explainer = find(driver, ".history-explainer").text
    assert "Only you" in explainer and "feed" in explainer, f"the page does not say who sees the history and why: {explainer!r}"
    rows = driver.find_elements(By.CSS_SELECTOR, "#history li.history-item")
    assert len(rows) == 2, f"expected 2 watch events, the page lists {len(rows)}"
    linked = [urlsplit(r.find_element(By.CSS_SELECTOR, "a").get_attribute("href")).path for r in rows]
    assert sorted(linked) == sorted(f"/v/{i}" for i in ids), f"the history links to {linked}"
    texts = {urlsplit(r.find_element(By.CSS_SELECTOR, "a").get_attribute("href")).path: r.text for r in rows}
    assert "Finished" in texts[f"/v/{ids[0]}"], f"a completed watch is not marked: {texts[f'/v/{ids[0]}']!r}"
    assert "Skipped" in texts[f"/v/{ids[1]}"], f"a skipped video is not marked: {texts[f'/v/{ids[1]}']!r}"
    check_page(driver, "history")

    # Delete one row.
    row = find(driver, f"#history li.history-item:has(a[href$='/v/{ids[1]}'])")
    fill_and_submit(driver, f"#history li[data-watch-event-id='{row.get_attribute('data-watch-event-id')}'] form", {})
    assert path_of(driver) == "/settings/history"
    visible(driver, "#notice")
    rows = driver.find_elements(By.CSS_SELECTOR, "#history li.history-item")
    assert [urlsplit(r.find_element(By.CSS_SELECTOR, "a").get_attribute("href")).path for r in rows] == [f"/v/{ids[0]}"]

    # Delete everything.
    fill_and_submit(driver, "#delete-all-history-form", {})
    visible(driver, "#history-empty")
    assert not driver.find_elements(By.CSS_SELECTOR, "#history li.history-item")
    assert member.json("GET", "/api/v1/me/watch-events")["items"] == [], "the API still lists watch events"
    check_page(driver, "history-empty")


# --- Topics admin ----------------------------------------------------------------------------


def create_admin(server) -> tuple[str, str]:
    handle = f"admin_{secrets.token_hex(4)}"
    password = f"quiet-lantern-{secrets.randbelow(9000) + 1000}"
    finished = subprocess.run(
        [
            str(mindreel_binary()), "admin", "create",
            "--handle", handle, "--email", f"{handle}@example.com", "--role", "admin", "--password-stdin",
        ],
        input=password + "\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=mindreel_env(server.data_dir, server.base_url, MINDREEL_BCRYPT_COST="8"),
        timeout=120,
    )
    assert finished.returncode == 0, f"mindreel admin create failed ({finished.returncode}):\n{finished.stdout}\n{finished.stderr}"
    return handle, password


def public_topics(server) -> dict[str, dict]:
    return {t["id"]: t for t in Api(server.base_url).json("GET", "/api/v1/topics")["items"]}


def test_an_admin_manages_topics_and_others_cannot(server, browsers):
    admin = browsers()
    handle, password = create_admin(server)
    log_in(admin, server, handle, password)
    press(admin, visible(admin, "#nav-admin-topics"))
    wait_for(admin, lambda d: path_of(d) == "/admin/topics", "the header's Topics admin link does not open /admin/topics")
    existing = admin.find_elements(By.CSS_SELECTOR, "#topic-rows li.topic-row")
    assert len(existing) >= 5, f"the admin page lists {len(existing)} topics, expected the curated ones"
    check_page(admin, "admin-topics")

    # An empty name is refused, with the reason shown.
    fill_and_submit(admin, "#add-topic-form", {"name": ""})
    error = visible(admin, "#form-error")
    assert error.get_attribute("role") == "alert" and error.text.strip(), "a refused topic shows no error"
    check_page(admin, "admin-topics-error")

    # Add a topic.
    slug = f"lonely-{secrets.token_hex(3)}"
    fill_and_submit(admin, "#add-topic-form", {"name": f"Lonely & {slug}", "slug": slug})
    assert path_of(admin) == "/admin/topics"
    visible(admin, "#notice")
    row = f"#topic-rows li[data-topic-id='{slug}']"
    assert find(admin, f"{row} input[name=name]").get_attribute("value") == f"Lonely & {slug}"
    assert public_topics(server)[slug]["name"] == f"Lonely & {slug}", "a new topic is not offered to creators"
    assert public_topics(server)[slug]["sensitive"] is False

    # Rename it.
    fill_and_submit(admin, f"{row} form", {"name": f"Loneliness {slug}"})
    visible(admin, "#notice")
    assert find(admin, f"{row} input[name=name]").get_attribute("value") == f"Loneliness {slug}"
    assert public_topics(server)[slug]["name"] == f"Loneliness {slug}"

    # Mark it sensitive.
    press(admin, find(admin, f"{row} input[name=sensitive]"))
    fill_and_submit(admin, f"{row} form", {})
    assert find(admin, f"{row} input[name=sensitive]").is_selected(), "the sensitive mark is not kept"
    assert "Sensitive" in find(admin, row).text
    assert public_topics(server)[slug]["sensitive"] is True

    # Retire it: creators and the feed no longer offer it; the admin page still lists it.
    press(admin, find(admin, f"{row} input[name=retired]"))
    fill_and_submit(admin, f"{row} form", {})
    assert find(admin, f"{row} input[name=retired]").is_selected(), "the retired mark is not kept"
    assert find(admin, f"{row} input[name=sensitive]").is_selected(), "retiring unmarked it as sensitive"
    assert slug not in public_topics(server), "a retired topic is still offered"

    # A member who is not an admin is refused, and is not shown the link.
    member = browsers()
    sign_up_and_skip_topics(member, server, "notadmin")
    assert not member.find_elements(By.CSS_SELECTOR, "#nav-admin-topics"), "a member sees the Topics admin link"
    assert fetch_status(member, "GET", "/admin/topics") == 403
    token = member.execute_script("return document.querySelector('meta[name=csrf-token]').content")
    assert fetch_status(member, "POST", "/admin/topics", {"csrf_token": token, "name": "Sneaky"}) == 403
    open_page(member, server, "/admin/topics")
    assert find(member, "h1").text.strip(), "the refusal page has no heading"
    assert not member.find_elements(By.CSS_SELECTOR, "#add-topic-form"), "a member is shown the admin form"
    assert "sneaky" not in public_topics(server), "a member added a topic"

"""Reporting and blocking as a member meets them (Public/js/report.js): from a demo video's page a
new member reports it for misinformation with a note, is thanked, and blocks its creator from the
report dialog; the creator's videos then leave the For You feed, search and the hashtag page, and
come back after Unblock in Settings. A report without a reason is refused inside the dialog, and
a visitor pressing Report is sent to log in.

Runs on the demo server. Each test signs up its own member, so the demo content and the other
tests' members are untouched (a block hides the creator from that member only)."""

from __future__ import annotations

import json
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import check_page, find, new_user, open_page, path_of, press, sign_up, visible, wait_for

CREATOR = "demo_lee_psychologist"
VIDEO_CAPTION = "Why you wake at 4 a.m."
SEARCH_WORD = "wake"
HASHTAG = "insomnia"


def member_api(driver, path: str) -> dict:
    """A GET of the JSON API with the browser's session, as the page's scripts make it."""
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {headers: {Accept: 'application/json'}}).then(r => r.text()).then(done, e => done(String(e)));",
        path,
    )
    return json.loads(text)


def find_video_id(driver) -> str:
    found = member_api(driver, "/api/v1/search?q=" + urllib.parse.quote(VIDEO_CAPTION))
    for item in found["videos"]["items"]:
        if item["video"]["caption"].startswith(VIDEO_CAPTION) and item["creator"]["handle"] == CREATOR:
            return item["video"]["id"]
    raise AssertionError(f"the demo video {VIDEO_CAPTION!r} by @{CREATOR} is not found by search: {found}")


def for_you_creators(driver) -> set[str]:
    """Every creator in the member's whole For You feed, page by page."""
    creators: set[str] = set()
    cursor = None
    for _ in range(20):
        page = member_api(driver, "/api/v1/feed?limit=50" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else ""))
        creators |= {item["creator"]["handle"] for item in page["items"]}
        cursor = page.get("next_cursor")
        if not cursor:
            break
    return creators


def tile_titles(driver, selector: str) -> list[str]:
    return [t.text.strip() for t in driver.find_elements(By.CSS_SELECTOR, f"{selector} .video-tile-title")]


def shows_video(titles: list[str]) -> bool:
    return any(title.startswith(VIDEO_CAPTION) for title in titles)


def search_titles(driver, server) -> list[str]:
    open_page(driver, server, "/search?q=" + urllib.parse.quote(SEARCH_WORD))
    visible(driver, "#search-form")
    return tile_titles(driver, "#search-videos")


def hashtag_titles(driver, server) -> list[str]:
    open_page(driver, server, f"/tags/{HASHTAG}")
    visible(driver, "#tag-title")
    return tile_titles(driver, "#tag-videos")


def sign_up_member(driver, server, prefix: str):
    user = new_user(prefix)
    sign_up(driver, server, user)
    return user


def open_report_dialog(driver, opener_selector: str):
    press(driver, find(driver, opener_selector))
    dialog = find(driver, "#report-dialog")
    wait_for(driver, lambda d: dialog.is_displayed(), f"pressing {opener_selector} did not open the report dialog")
    wait_for(driver, lambda d: len(dialog.find_elements(By.CSS_SELECTOR, "input[name=reason]")) == 8, "the dialog does not list the 8 reasons")
    return dialog


def test_a_member_reports_a_video_blocks_its_creator_and_unblocks_in_settings(demo_server, browsers):
    member = browsers()
    sign_up_member(member, demo_server, "reporter")
    video_id = find_video_id(member)

    # Before: the creator's video is there for this member in search and on its hashtag page.
    assert shows_video(search_titles(member, demo_server))
    assert shows_video(hashtag_titles(member, demo_server))
    assert CREATOR in for_you_creators(member)

    open_page(member, demo_server, f"/v/{video_id}")
    dialog = open_report_dialog(member, "#video-report")
    assert find(member, "#report-title").text == "Report this video"
    # Focus is in the dialog, on the first reason.
    assert member.execute_script("return arguments[0].contains(document.activeElement)", dialog)
    labels = [label.text for label in dialog.find_elements(By.CSS_SELECTOR, ".choice label")]
    assert "Misinformation or harmful health claims" in labels, labels
    check_page(member, "report-dialog")

    press(member, dialog.find_element(By.CSS_SELECTOR, "input[name=reason][value=misinformation]"))
    note = find(member, "#report-note")
    note.send_keys("Says waking early always means depression.")
    assert find(member, "#report-note-count").text == "42 of 1,000 characters"
    press(member, find(member, "#report-send"))
    wait_for(member, lambda d: "Thank you" in find(d, "#report-result").text, "the report was not acknowledged in words")
    block = find(member, "#report-block")
    assert block.text == f"Block @{CREATOR}"
    check_page(member, "report-dialog-thanks")

    press(member, block)
    wait_for(member, lambda d: f"You blocked @{CREATOR}" in find(d, "#report-result").text, "blocking from the dialog did not say so")
    assert "Undo in Settings" in find(member, "#report-result").text
    press(member, find(member, "#report-done"))
    wait_for(member, lambda d: not find(d, "#report-dialog").is_displayed(), "Done did not close the dialog")
    assert member.execute_script("return document.activeElement.id") == "video-report", "focus did not go back to Report"

    # The creator's videos are gone for this member: For You, search, the hashtag page.
    assert CREATOR not in for_you_creators(member)
    assert not shows_video(search_titles(member, demo_server))
    titles = hashtag_titles(member, demo_server)
    assert not shows_video(titles), titles

    # Their profile says so and offers Unblock; it shows none of their videos.
    open_page(member, demo_server, f"/@{CREATOR}")
    assert f"You blocked @{CREATOR}" in find(member, "#block-status").text
    assert visible(member, "#profile-block").text.startswith("Unblock")
    assert not member.find_elements(By.CSS_SELECTOR, "#video-grid .video-tile")
    check_page(member, "profile-blocked")

    # Settings lists the block; Unblock brings the videos back.
    open_page(member, demo_server, "/settings")
    row = wait_for(
        member,
        lambda d: next((li for li in d.find_elements(By.CSS_SELECTOR, "#blocked-accounts li") if f"@{CREATOR}" in li.text), None),
        "Settings does not list the blocked creator",
    )
    check_page(member, "settings-blocked")
    press(member, row.find_element(By.CSS_SELECTOR, "button.unblock"))
    wait_for(member, lambda d: f"You unblocked @{CREATOR}" in find(d, "#blocked-status").text, "Unblock did not say so")
    wait_for(member, lambda d: find(d, "#blocked-empty").is_displayed(), "the empty state does not show")
    assert find(member, "#blocked-empty").text == "You have not blocked anyone."
    assert shows_video(search_titles(member, demo_server)), "after Unblock, search does not find the video again"


def test_a_report_without_a_reason_is_refused_in_the_dialog_and_escape_closes_it(demo_server, browsers):
    member = browsers()
    sign_up_member(member, demo_server, "noreason")
    video_id = find_video_id(member)
    open_page(member, demo_server, f"/v/{video_id}")
    dialog = open_report_dialog(member, "#video-report")
    press(member, find(member, "#report-send"))
    error = wait_for(member, lambda d: find(d, "#report-reason-error").text and find(d, "#report-reason-error"), "no error for a missing reason")
    assert error.text == "Choose a reason for the report."
    assert error.get_attribute("role") == "alert"
    assert member.execute_script("return arguments[0].contains(arguments[1])", dialog, error), "the error is not inside the dialog"
    assert find(member, "input[name=reason]").get_attribute("aria-invalid") == "true"
    assert not find(member, "#report-result").text, "a report without a reason was acknowledged"

    member.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait_for(member, lambda d: not dialog.is_displayed(), "Escape did not close the dialog")
    assert member.execute_script("return document.activeElement.id") == "video-report"


def test_a_visitor_pressing_report_is_sent_to_log_in(demo_server, driver):
    open_page(driver, demo_server, f"/@{CREATOR}")
    press(driver, visible(driver, "#profile-report"))
    wait_for(driver, lambda d: path_of(d) == "/login", "Report on a profile did not lead a visitor to log in")
    next_path = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query).get("next")
    assert next_path == [f"/@{CREATOR}"], driver.current_url

    video_id = find_video_id(driver)
    open_page(driver, demo_server, f"/v/{video_id}")
    press(driver, find(driver, "#video-report"))
    wait_for(driver, lambda d: path_of(d) == "/login", "Report on a video page did not lead a visitor to log in")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query).get("next") == [f"/v/{video_id}"]


FEED_BY_CREATOR = """
return Array.from(document.querySelectorAll('#feed article.feed-item')).map(a => ({
  handle: (a.querySelector('.feed-creator-handle') || {}).textContent || '',
  blocked: a.classList.contains('is-blocked'),
  cover: (a.querySelector('.feed-blocked') || {}).textContent || '',
  playing: !a.querySelector('video').paused,
}));
"""


def test_blocking_from_the_feed_covers_that_creators_loaded_videos_at_once(demo_server, browsers):
    member = browsers()
    open_page(member, demo_server, "/search")
    member.execute_script("localStorage.setItem('mindreel.intro-dismissed', 'yes')")
    sign_up_member(member, demo_server, "feedblock")
    open_page(member, demo_server, "/")
    wait_for(member, lambda d: len(d.execute_script(FEED_BY_CREATOR)) >= 3, "the feed shows fewer than 3 videos")
    first = find(member, "#feed article.feed-item")
    handle = first.find_element(By.CSS_SELECTOR, ".feed-creator-handle").text.lstrip("@")

    dialog = open_report_dialog(member, "#feed article.feed-item .feed-report")
    press(member, dialog.find_element(By.CSS_SELECTOR, "input[name=reason][value=spam]"))
    press(member, find(member, "#report-send"))
    wait_for(member, lambda d: "Thank you" in find(d, "#report-result").text, "the report from the feed was not acknowledged")
    press(member, find(member, "#report-block"))
    wait_for(member, lambda d: f"You blocked @{handle}" in find(d, "#report-result").text, "blocking from the feed's dialog did not say so")
    press(member, find(member, "#report-done"))
    wait_for(member, lambda d: not find(d, "#report-dialog").is_displayed(), "Done did not close the dialog")

    # Every loaded video of theirs is covered and still, without a reload; the others are not.
    shown = member.execute_script(FEED_BY_CREATOR)
    theirs = [item for item in shown if item["handle"] == f"@{handle}"]
    assert theirs and all(item["blocked"] and not item["playing"] for item in theirs), theirs
    assert all(f"You blocked @{handle}" in item["cover"] and "Undo in Settings" in item["cover"] for item in theirs), theirs
    assert not any(item["blocked"] for item in shown if item["handle"] != f"@{handle}"), shown
    # Focus did not fall to the page: it is on the covered video, whose note says what happened.
    assert member.execute_script("return document.activeElement === arguments[0]", first), "focus was lost after blocking"
    check_page(member, "feed-blocked")

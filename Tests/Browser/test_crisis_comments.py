"""Crisis language in a comment (issue 15), as a member and a moderator meet it: the comment is
posted, its author sees the help lines at once, privately and in warm words, and the comment
heads the moderation queue without anyone reporting it. Runs on the demo server; the moderator
closes the case at the end, so the queue is as it was."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By

from support import check_page, find, log_in, new_user, open_page, path_of, press, sign_up, wait_for

WORDS = "Honestly I just want to die, nothing is ever going to get better."


def demo_video_id(server) -> str:
    with urllib.request.urlopen(server.url("/api/v1/search?q=" + urllib.parse.quote("breathing")), timeout=10) as response:
        found = json.loads(response.read())
    items = found["videos"]["items"]
    assert items, f"no demo video found for 'breathing': {found}"
    return items[0]["video"]["id"]


def test_a_comment_in_crisis_language_is_posted_shows_its_author_help_and_heads_the_queue(demo_server, browsers):
    video_id = demo_video_id(demo_server)
    member = browsers()
    sign_up(member, demo_server, new_user("heavyday"))
    open_page(member, demo_server, f"/v/{video_id}")
    member.execute_script("document.querySelectorAll('video').forEach(v => { v.pause(); v.autoplay = false; })")
    form = wait_for(member, lambda d: (d.find_elements(By.CSS_SELECTOR, "#comments .comments-composer form") or [None])[0], "no comment form")
    field = form.find_element(By.CSS_SELECTOR, "textarea")
    field.send_keys(WORDS)
    press(member, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    wait_for(member, lambda d: d.find_elements(By.ID, "comment-crisis-panel"), "no help lines after posting a comment in crisis language")
    panel = find(member, "#comment-crisis-panel")
    assert "Thank you for sharing this" in panel.text and "Your comment is posted" in panel.text, panel.text
    assert "988" in panel.text and "More help lines" in panel.text, panel.text
    calls = [a.get_attribute("href") for a in panel.find_elements(By.CSS_SELECTOR, "a.crisis-way")]
    assert any(href.startswith("tel:988") for href in calls), calls
    assert member.switch_to.active_element.get_attribute("id") == "comment-crisis-title", "the help lines did not take the focus"
    bodies = [li.text for li in member.find_elements(By.CSS_SELECTOR, "#comments li.comment .comment-body")]
    assert WORDS in bodies, f"the comment was not posted: {bodies}"
    assert "help lines are shown below" in find(member, "#comments .comments-status").text
    check_page(member, "comment-crisis-panel", scroll_to="#comment-crisis-panel")

    # Edited later, on a fresh page, it is read again and the help lines come back.
    open_page(member, demo_server, f"/v/{video_id}")
    member.execute_script("document.querySelectorAll('video').forEach(v => { v.pause(); v.autoplay = false; })")
    mine = wait_for(
        member,
        lambda d: next((li for li in d.find_elements(By.CSS_SELECTOR, "#comments li.comment") if WORDS in li.text), None),
        "the comment is not listed after a reload",
    )
    assert not member.find_elements(By.ID, "comment-crisis-panel"), "the help lines stayed after a reload"
    edit = next(b for b in mine.find_elements(By.CSS_SELECTOR, "button.comment-action") if b.text.startswith("Edit"))
    press(member, edit)
    field = wait_for(member, lambda d: (mine.find_elements(By.CSS_SELECTOR, "textarea") or [None])[0], "Edit did not open a field")
    field.send_keys(" Still here though.")
    press(member, mine.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_for(member, lambda d: d.find_elements(By.ID, "comment-crisis-panel"), "no help lines after editing a comment in crisis language")
    assert "Comment saved" in find(member, "#comments .comments-status").text

    # Nobody else sees the help lines: they were for the author.
    visitor = browsers()
    open_page(visitor, demo_server, f"/v/{video_id}")
    wait_for(visitor, lambda d: any(WORDS in li.text for li in d.find_elements(By.CSS_SELECTOR, "#comments li.comment")), "a visitor does not see the comment")
    assert not visitor.find_elements(By.ID, "comment-crisis-panel")

    # First in the queue, before the demo's self-harm report, with no report at all.
    moderator = browsers()
    log_in(moderator, demo_server, "demo_moderator", "demo-moderator-pass-42")
    open_page(moderator, demo_server, "/moderation")
    first = moderator.find_elements(By.CSS_SELECTOR, "#queue .queue-item")[0]
    assert "Crisis language: concern" in first.text and WORDS in first.text, first.text
    assert "flagged by the crisis check, no report needed" in first.text, first.text
    check_page(moderator, "moderation-crisis-queue")
    press(moderator, first.find_element(By.CSS_SELECTOR, ".queue-item-link"))
    wait_for(moderator, lambda d: "/moderation/cases/" in d.current_url, "the case did not open")
    assert "already been shown the help lines" in find(moderator, "#case-risk-note").text
    check_page(moderator, "moderation-crisis-case", scroll_to="#check-in")

    # The moderator reads the guide and sends the check-in, which reaches the member privately.
    press(moderator, find(moderator, "#check-in a[href='/moderation/crisis-guide']"))
    wait_for(moderator, lambda d: "Leave the comment up" in d.page_source, "the moderators' guide did not open")
    check_page(moderator, "moderation-crisis-guide")
    moderator.back()
    press(moderator, find(moderator, "#check-in-send"))
    wait_for(moderator, lambda d: "Your check-in was sent" in d.page_source, "sending the check-in did not say so")
    assert find(moderator, "#check-in-sent").is_displayed()
    open_page(member, demo_server, "/notifications")
    wait_for(member, lambda d: "wanted to check in" in d.page_source, "the check-in did not reach the member")
    check_page(member, "notifications-check-in")
    links = [a for a in member.find_elements(By.CSS_SELECTOR, "main a") if "check in" in (a.text or "")]
    assert links, "the check-in is not a link"
    press(member, links[0])
    wait_for(member, lambda d: path_of(d) == "/help", "the check-in does not lead to the help lines")

    # The moderator keeps the comment up and closes the case, which leaves the queue as it was.
    open_page(moderator, demo_server, urllib.parse.urlparse(moderator.current_url).path)
    press(moderator, find(moderator, "#action-dismiss"))
    find(moderator, "#reason").send_keys("A person sharing how they feel: the comment stays; they were shown the help lines.")
    press(moderator, find(moderator, "#decision-submit"))
    wait_for(moderator, lambda d: "The decision was saved" in d.page_source, "the decision was not saved")
    open_page(moderator, demo_server, "/moderation")
    assert "Crisis language" not in find(moderator, "#queue").text

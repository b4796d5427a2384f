"""The feed at `/`, as a first-time visitor meets it: a short introduction, then one video at a
time that plays by itself (muted), moved through by keyboard, with captions that can be turned
off, and tabs (For You, ranked by the server; Following; one per topic, newest first).

The session's server is shared with other tests, so the feed also holds their public videos:
this test finds its own by id, and checks order only on a topic tab of its own."""

from __future__ import annotations

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import check_page, emulate_media, find, open_page, press, visible, wait_for

from processes import Api, make_clip

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:03.000\nBreathe in for four, out for six.\n"


def make_ready_videos(server, tmp_path, topics: list[str]) -> tuple[Api, list[str]]:
    """Public videos with captions, one per entry of `topics`, oldest first, all ready."""
    api = Api(server.base_url)
    api.sign_up_with_token("feedmaker")
    ids = []
    for number, topic in enumerate(topics, start=1):
        upload_id = api.upload(make_clip(tmp_path / f"feed-clip-{number}.mp4", 3, 360, 640))
        video = api.json(
            "POST",
            "/api/v1/videos",
            {
                "upload_id": upload_id,
                "caption": f"Feed test video {number}: a breathing exercise #breathing",
                "topic_ids": [topic],
                "content_kind": "coping_skill",
                "captions": CAPTIONS,
            },
            expect=(201,),
        )
        ids.append(video["id"])
    deadline = time.monotonic() + 120
    states = {}
    while time.monotonic() < deadline:
        states = {video_id: api.json("GET", f"/api/v1/videos/{video_id}") for video_id in ids}
        if all(s["processing_state"] in ("ready", "failed") for s in states.values()):
            break
        time.sleep(0.5)
    for video_id, state in states.items():
        assert state["processing_state"] == "ready", f"video {video_id} did not become ready: {state}"
    return api, ids


def allow_motion(driver) -> None:
    """The test browser asks for reduced motion (see support.make_chrome); a viewer who does not
    gets autoplay, which is what this test is about."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-reduced-motion", "value": "no-preference"}, {"name": "prefers-color-scheme", "value": "light"}]},
    )


def feed_ids(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#feed article.feed-item')).map(a => a.dataset.videoId)"
    )


def video_state(driver, index: int) -> dict:
    return driver.execute_script(
        """
        const article = document.querySelectorAll('#feed article.feed-item')[arguments[0]];
        const video = article.querySelector('video');
        const feed = document.getElementById('feed');
        const a = article.getBoundingClientRect(), f = feed.getBoundingClientRect();
        // The captions are drawn by the page (captions.js), in the item's own box.
        const box = article.querySelector('.caption-box');
        const shown = box && !box.hidden && box.textContent.trim() !== '' && box.getClientRects().length > 0;
        return {
            paused: video.paused, muted: video.muted, time: video.currentTime,
            preload: video.getAttribute('preload'),
            top_offset: Math.abs(a.top - f.top),
            focused: document.activeElement === article,
            captions: box ? (shown ? 'shown' : 'hidden') : null,
        };
        """,
        index,
    )


def keys(driver, *sequence) -> None:
    ActionChains(driver).send_keys(*sequence).perform()


def for_you_ids(api: Api) -> list[str]:
    """Every video For You offers a visitor, page after page."""
    ids: list[str] = []
    cursor = None
    for _ in range(50):
        page = Api(api.base_url).json("GET", "/api/v1/feed?limit=50" + (f"&cursor={cursor}" if cursor else ""))
        ids += [item["video"]["id"] for item in page["items"]]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    return ids


def test_a_visitor_meets_the_feed_and_moves_through_it_by_keyboard(server, driver, tmp_path):
    all_topics = Api(server.base_url).topic_ids()
    assert len(all_topics) >= 5, f"expected the curated topics, got {all_topics}"
    # Topics no other browser test uses, so the tab checks below know what to expect.
    mine, empty = all_topics[-1], all_topics[-2]
    api, ids = make_ready_videos(server, tmp_path, [mine, mine, mine])
    newest_first = list(reversed(ids))

    allow_motion(driver)
    open_page(driver, server, "/")

    # A first visit: the introduction says what Mindreel is and what a video is not.
    intro = visible(driver, "#intro")
    assert "not a diagnosis" in intro.text, f"the introduction lacks 'not a diagnosis': {intro.text!r}"
    assert "988" in intro.text, "the introduction lacks the crisis line"
    # For You is ranked, not newest first: it shows videos (each once), and offers this test's.
    wait_for(driver, lambda d: len(feed_ids(d)) >= 3, "the feed shows no videos behind the introduction")
    shown = feed_ids(driver)
    assert len(shown) == len(set(shown)), f"For You shows a video twice: {shown}"
    offered = for_you_ids(api)
    assert set(ids) <= set(offered), f"For You does not offer this test's videos {ids}: {offered}"
    assert find(driver, "#feed-tabs a[data-topic='']").get_attribute("aria-current") == "page"
    following = find(driver, "#feed-tabs a[data-tab='following']")
    assert following.text == "Following" and following.get_attribute("href").endswith("/?tab=following")
    assert video_state(driver, 0)["paused"], "a video plays behind the introduction"
    emulate_media(driver, color_scheme="light")  # no smooth scrolling while taking screenshots
    check_page(driver, "feed-intro")
    allow_motion(driver)

    press(driver, find(driver, "#intro-start"))
    wait_for(driver, lambda d: not d.find_element(By.ID, "intro").is_displayed(), "'Start watching' does not close the introduction")

    # It stays dismissed.
    driver.refresh()
    wait_for(driver, lambda d: len(feed_ids(d)) >= 3, "the feed shows no videos after a reload")
    assert not driver.find_element(By.ID, "intro").is_displayed(), "the introduction comes back after a reload"
    wait_for(driver, lambda d: video_state(d, 0)["time"] > 0.3, "the first video in For You does not play", seconds=20)

    # A topic tab shows that topic's videos only, newest first, and says which tab is current.
    press(driver, find(driver, f"#feed-tabs a[data-topic='{mine}']"))
    wait_for(driver, lambda d: feed_ids(d) == newest_first, f"the {mine!r} tab does not show its three videos newest first (shows {feed_ids(driver)})")
    assert find(driver, f"#feed-tabs a[data-topic='{mine}']").get_attribute("aria-current") == "page"
    assert find(driver, "#feed-tabs a[data-topic='']").get_attribute("aria-current") is None

    # The first video plays by itself, muted; the next one is loaded ahead.
    wait_for(driver, lambda d: video_state(d, 0)["time"] > 0.3, "the first video in the feed does not play", seconds=20)
    first = video_state(driver, 0)
    assert first["muted"], "the first video plays with sound before the viewer asked for it"
    assert video_state(driver, 1)["preload"] == "auto", "the next video is not preloaded"
    article = driver.find_elements(By.CSS_SELECTOR, "#feed article.feed-item")[0]
    overlay = article.text
    assert "Coping skill" in overlay and "@feedmaker" in overlay and "Feed test video 3" in overlay, (
        f"the first item's overlay lacks the kind, creator or caption: {overlay!r}"
    )
    link = article.find_element(By.CSS_SELECTOR, "a.feed-page-link")
    assert link.get_attribute("href").endswith(f"/v/{newest_first[0]}"), link.get_attribute("href")

    # ↓ moves to the next video, which plays while the first stops.
    keys(driver, Keys.ARROW_DOWN)
    wait_for(driver, lambda d: video_state(d, 1)["top_offset"] < 2, "↓ does not bring the next video into view")
    wait_for(
        driver,
        lambda d: not video_state(d, 1)["paused"] and video_state(d, 1)["time"] > 0.3,
        "the next video does not play after ↓",
        seconds=20,
    )
    second = video_state(driver, 1)
    assert second["focused"], "after ↓ the focus is not on the next video's article"
    assert video_state(driver, 0)["paused"], "the first video keeps playing after moving on"

    # c turns captions off and on again.
    wait_for(driver, lambda d: video_state(d, 1)["captions"] == "shown", f"captions are not on by default: {video_state(driver, 1)['captions']}")
    keys(driver, "c")
    wait_for(driver, lambda d: video_state(d, 1)["captions"] == "hidden", "c does not turn captions off")
    keys(driver, "c")
    wait_for(driver, lambda d: video_state(d, 1)["captions"] == "shown", "c does not turn captions back on")

    # m turns sound on, and later videos follow that choice; k goes back up.
    keys(driver, "m")
    wait_for(driver, lambda d: not video_state(d, 1)["muted"], "m does not turn the sound on")
    keys(driver, "k")
    wait_for(driver, lambda d: video_state(d, 0)["top_offset"] < 2 and not video_state(d, 0)["paused"], "k does not go back to the first video")
    assert not video_state(driver, 0)["muted"], "the sound choice is not kept for the next video"
    assert video_state(driver, 1)["paused"], "the second video keeps playing after k"
    keys(driver, "m")
    wait_for(driver, lambda d: video_state(d, 0)["muted"], "m does not turn the sound off again")

    emulate_media(driver, color_scheme="light")
    check_page(driver, "feed")
    driver.execute_script("document.querySelectorAll('#feed video').forEach(v => v.pause())")

    # Back to For You by the browser's Back button, then to a topic with no videos.
    driver.back()
    wait_for(driver, lambda d: find(d, "#feed-tabs a[data-topic='']").get_attribute("aria-current") == "page", "Back does not return to For You")
    wait_for(driver, lambda d: len(feed_ids(d)) >= 3, "For You shows no videos after going back")
    press(driver, find(driver, f"#feed-tabs a[data-topic='{empty}']"))
    wait_for(driver, lambda d: "No videos here yet" in d.find_element(By.ID, "feed-status").text, "an empty topic does not say so")
    assert feed_ids(driver) == []
    check_page(driver, "feed-empty")


def test_nothing_plays_by_itself_for_a_viewer_who_prefers_reduced_motion(server, driver, tmp_path):
    # support.make_chrome asks for reduced motion.
    driver.get(server.url("/"))
    driver.execute_script("localStorage.setItem('mindreel.intro-dismissed', 'yes')")
    driver.refresh()
    wait_for(driver, lambda d: len(feed_ids(d)) > 0 or "No videos" in d.find_element(By.ID, "feed-status").text, "the feed does not load")
    if not feed_ids(driver):
        # Run alone (no other test has made a video yet), there is nothing to play: make one.
        make_ready_videos(server, tmp_path, ["sleep"])
        driver.refresh()
        wait_for(driver, lambda d: len(feed_ids(d)) > 0, "the feed shows no videos")
    time.sleep(1.5)
    state = video_state(driver, 0)
    assert state["paused"] and state["time"] == 0, f"a video started by itself despite reduced motion: {state}"
    # The play button starts it.
    press(driver, driver.find_elements(By.CSS_SELECTOR, "#feed article.feed-item button.feed-control-play")[0])
    wait_for(driver, lambda d: video_state(d, 0)["time"] > 0.3, "the play button does not play the video", seconds=20)

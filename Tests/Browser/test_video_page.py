"""The shareable video page, as someone who got a link would meet it: it plays, shows who made
the video and what kind of video it is, and says when a video is gone."""

import time

from support import check_page, open_page, wait_for

from processes import Api, make_clip


def ready_video(server, tmp_path, caption: str) -> tuple[Api, str]:
    api = Api(server.base_url)
    api.sign_up_with_token("pagemaker")
    upload_id = api.upload(make_clip(tmp_path / "page-clip.mp4", 3, 480, 854))
    video = api.json(
        "POST",
        "/api/v1/videos",
        {"upload_id": upload_id, "caption": caption, "topic_ids": ["sleep", "anxiety"], "content_kind": "education"},
        expect=(201,),
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        state = api.json("GET", f"/api/v1/videos/{video['id']}")
        if state["processing_state"] in ("ready", "failed"):
            break
        time.sleep(0.5)
    assert state["processing_state"] == "ready", f"the video did not become ready: {state}"
    return api, video["id"]


def test_a_shared_video_page_plays_and_says_what_it_is(server, driver, tmp_path):
    api, video_id = ready_video(server, tmp_path, "Why sleep feels harder when you are anxious #sleep")
    open_page(driver, server, f"/v/{video_id}")

    heading = driver.find_element("css selector", "h1").text
    assert heading == "Why sleep feels harder when you are anxious", f"the page's heading is {heading!r}"
    body = driver.find_element("css selector", "main").text
    assert "Education" in body, "the page does not say what kind of video this is"
    assert "@pagemaker" in body, "the page does not say who made the video"
    # An education video carries the quiet line, not the "not a diagnosis" panel: its caption
    # frames nothing as a diagnosis (issue 14; test_context_panel.py covers the panel).
    assert "General information, not advice for your situation." in body, "the education video lacks its 'general information' line"
    assert not driver.find_elements("id", "context-panel"), "a video that frames nothing as a diagnosis got the panel"

    # It plays: muted autoplay is allowed, and time moves on.
    driver.execute_script("const v = document.getElementById('video-player'); v.muted = true; v.play();")
    wait_for(
        driver,
        lambda d: d.execute_script("return document.getElementById('video-player').currentTime") > 0.5,
        "the video on its page does not play",
        seconds=20,
    )
    driver.execute_script("document.getElementById('video-player').pause()")
    check_page(driver, "video-page")

    # Deleted by its creator: the link now says the video is gone, in the site's layout.
    api.json("DELETE", f"/api/v1/videos/{video_id}", expect=(204,))
    open_page(driver, server, f"/v/{video_id}")
    assert "This video is not available" in driver.find_element("css selector", "h1").text
    check_page(driver, "video-gone")

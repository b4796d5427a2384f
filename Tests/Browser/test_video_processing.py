"""From upload to playable, as a new member would do it on the upload page: upload a clip, see
the upload bar reach 100%, describe the video, see the processing bar and then the video play in
place, with its captions (sanitised) on. And a file that is not a video: refused as its upload
finishes, in words, before the form, leaving nothing behind. (Try again and Delete after a
failure in processing are covered by the API tests: a file that passes the upload's probe and
still fails to transcode is not something a browser test can make reliably.)

The server is the session's `mindreel serve` (conftest.py): SQLite, in-process worker, real
ffmpeg, the default maximum video length.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from processes import make_clip, sqlite_rows
from support import (
    axe_check,
    check_page,
    find,
    is_shown,
    new_user,
    open_page,
    press,
    screenshot,
    set_viewport,
    sign_up,
    visible,
    wait_for,
)

COMPLETE_MESSAGE = "Upload complete. Next: describe your video below."
CLIP_SECONDS = 3
CAPTION = "Box breathing for anxious moments: in for four, hold for four. #breathing"
# A caption file with markup in its cues: none of it may reach the page.
CAPTIONS_VTT = """WEBVTT

00:00:00.000 --> 00:00:01.500
Breathe in <script>alert(1)</script> slowly

00:00:01.500 --> 00:00:03.000
and out, <b>bold</b> and calm
"""
PROCESSING_SECONDS = 120


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """A 3-second portrait clip (480×854), H.264/AAC in MP4, as a phone might record."""
    return make_clip(tmp_path_factory.mktemp("clips") / "breathing-portrait.mp4", CLIP_SECONDS, 480, 854)


# --- Helpers ------------------------------------------------------------------------------------


def text_of(driver: WebDriver, selector: str) -> str:
    elements = driver.find_elements(By.CSS_SELECTOR, selector)
    return elements[0].text.strip() if elements else ""


def upload_status(driver: WebDriver) -> str:
    return text_of(driver, "#upload-status")


def processing_status(driver: WebDriver) -> str:
    return text_of(driver, "#processing-status")


def upload_through_the_page(driver: WebDriver, path: Path) -> None:
    """Chooses the file (typing a path into the visible file input is what the file dialog does)
    and waits until the upload bar shows 100% and the form to describe the video appears."""
    find(driver, "#file").send_keys(str(path))
    visible(driver, "#upload-progress")
    wait_for(
        driver,
        lambda d: upload_status(d) == COMPLETE_MESSAGE,
        f"the upload does not finish with {COMPLETE_MESSAGE!r} (status: {upload_status(driver)!r})",
        seconds=60,
    )
    value = driver.execute_script("return document.getElementById('upload-progress').value")
    assert value == 100, f"the upload is complete but its bar shows {value}%"
    assert text_of(driver, "#upload-percent") == "100%"
    visible(driver, "#video-form")
    # The topics come from GET /api/v1/topics.
    wait_for(
        driver,
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#topic-list input[type=checkbox]")) >= 2,
        "the form shows no topics to choose from",
    )


def choose(driver: WebDriver, input_id: str) -> None:
    """Ticks a checkbox or radio button by pressing its label, as a person would."""
    press(driver, find(driver, f"label[for='{input_id}']"))
    assert find(driver, f"#{input_id}").is_selected(), f"pressing the label of #{input_id} did not select it"


def topic_inputs(driver: WebDriver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#topic-list input[type=checkbox]")


def focused_id(driver: WebDriver) -> str:
    return driver.execute_script("return document.activeElement && document.activeElement.id") or ""


def field_error(driver: WebDriver, field: str) -> str:
    element = find(driver, f"#{field}-error")
    return element.text.strip() if element.is_displayed() else ""


def submit_form(driver: WebDriver) -> None:
    press(driver, find(driver, "#video-form button[type=submit]"))


def video_id_on_page(driver: WebDriver) -> str:
    """The id of the video the page follows (from the processing section's data attribute)."""
    return wait_for(
        driver,
        lambda d: d.execute_script("return document.getElementById('processing-section').dataset.videoId || ''"),
        "the processing section does not name the video it follows",
    ).lower()


def api_as_browser(server, driver: WebDriver, method: str, path: str) -> tuple[int, bytes]:
    """A request with the browser's session cookie (GET only needs no CSRF token)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(server.url(path), method=method, headers={"Cookie": cookies, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def screenshots(driver: WebDriver, name: str) -> None:
    """Phone and desktop screenshots without waiting (the page is still changing)."""
    try:
        for size in ("phone", "desktop"):
            set_viewport(driver, size)
            screenshot(driver, name, size)
    finally:
        set_viewport(driver, None)


def assert_no_alert(driver: WebDriver) -> None:
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
    except NoAlertPresentException:
        return
    raise AssertionError(f"a JavaScript dialog opened ({text!r}): markup from the caption file ran")


# --- Tests ----------------------------------------------------------------------------------------


def test_a_new_member_uploads_describes_and_plays_a_video(server, driver, clip, tmp_path):
    user = new_user("creator")
    sign_up(driver, server, user)
    open_page(driver, server, "/upload")
    upload_through_the_page(driver, clip)
    assert not is_shown(driver, "#processing-section"), "the processing area shows before the form is sent"
    check_page(driver, "video-form")

    # The caption's character count follows the typing.
    caption = find(driver, "#caption")
    caption.send_keys(CAPTION)
    wait_for(
        driver,
        lambda d: text_of(d, "#caption-count") == f"{2200 - len(CAPTION):,} characters left",
        f"the character count does not follow the caption: {text_of(driver, '#caption-count')!r}",
    )

    # Topics: 1 to 3, said in words; a fourth is refused with a reason.
    assert "Choose 1 to 3 topics" in find(driver, "#topics-field").text
    inputs = topic_inputs(driver)
    assert len(inputs) >= 4, f"expected the curated topic list, found {len(inputs)} topics"
    topic_ids = [element.get_attribute("value") for element in inputs[:4]]
    for element in inputs[:3]:
        choose(driver, element.get_attribute("id"))
    press(driver, find(driver, f"label[for='{inputs[3].get_attribute('id')}']"))
    assert not inputs[3].is_selected(), "a fourth topic could be chosen"
    assert "at most 3" in field_error(driver, "topic_ids"), f"no reason given for refusing a fourth topic: {field_error(driver, 'topic_ids')!r}"
    press(driver, find(driver, f"label[for='{inputs[2].get_attribute('id')}']"))  # back to two topics
    assert [element.is_selected() for element in inputs[:4]] == [True, True, False, False]

    choose(driver, "content_kind-coping_skill")
    assert find(driver, "#visibility-public").is_selected(), "visibility is not public by default"
    vtt = tmp_path / "breathing.vtt"
    vtt.write_text(CAPTIONS_VTT)
    find(driver, "#captions-file").send_keys(str(vtt))

    # A hashtag the server refuses: its reason shows next to the field, which gets the focus.
    find(driver, "#hashtags").send_keys("calm, not-a-tag!")
    submit_form(driver)
    wait_for(driver, lambda d: field_error(d, "hashtags"), "a refused hashtag shows no error next to #hashtags")
    assert find(driver, "#hashtags").get_attribute("aria-invalid") == "true"
    assert "hashtags-error" in (find(driver, "#hashtags").get_attribute("aria-describedby") or "")
    assert focused_id(driver) == "hashtags", f"the focus is on #{focused_id(driver)}, not on the field to fix"
    assert is_shown(driver, "#video-form") and not is_shown(driver, "#processing-section")
    screenshots(driver, "video-form-error")
    axe_check(driver, "the upload page with a field error,")

    hashtags = find(driver, "#hashtags")
    hashtags.clear()
    hashtags.send_keys("calm selfcare")
    submit_form(driver)

    # Processing: the second bar and words in a status region.
    visible(driver, "#processing-progress")
    assert find(driver, "#processing-status").get_attribute("role") == "status"
    assert not is_shown(driver, "#video-form"), "the form stays after the video was created"
    assert is_shown(driver, "#upload-progress"), "the upload bar went away; the page shows both bars"
    seen_state = processing_status(driver)
    screenshots(driver, "video-processing")
    axe_check(driver, f"the upload page while processing ({seen_state!r}),")
    video_id = video_id_on_page(driver)

    video = wait_for(
        driver,
        lambda d: next(iter(d.find_elements(By.CSS_SELECTOR, "#result-video")), False),
        f"the video does not become ready and show in the page (status: {processing_status(driver)!r}, "
        f"error: {text_of(driver, '#processing-error')!r})",
        seconds=PROCESSING_SECONDS,
    )
    assert processing_status(driver).startswith("Ready"), processing_status(driver)
    assert driver.execute_script("return document.getElementById('processing-progress').value") == 100

    # The element as specified: controls, inline on phones, metadata first, a poster, the
    # 720p rendition as its source, English captions on by default.
    assert video.get_attribute("controls") is not None
    assert video.get_attribute("playsinline") is not None
    assert video.get_attribute("preload") == "metadata"
    assert re.fullmatch(rf"/media/videos/{video_id}/poster\.jpg", _path(video.get_attribute("poster"))), video.get_attribute("poster")
    source = video.find_element(By.TAG_NAME, "source")
    assert _path(source.get_attribute("src")) == f"/media/videos/{video_id}/720p.mp4", source.get_attribute("src")
    assert source.get_attribute("type") == "video/mp4"
    track = video.find_element(By.TAG_NAME, "track")
    assert (track.get_attribute("kind"), track.get_attribute("srclang"), track.get_attribute("label")) == ("captions", "en", "English")
    assert track.get_attribute("default") is not None
    assert _path(track.get_attribute("src")) == f"/media/videos/{video_id}/captions.vtt", track.get_attribute("src")
    link = find(driver, "#video-page-link")
    assert link.text.strip() == "View your video"
    assert _path(link.get_attribute("href")) == f"/v/{video_id}", link.get_attribute("href")

    # It plays: Debian's chromium plays H.264, so the time must advance.
    can_play = driver.execute_script("return document.createElement('video').canPlayType('video/mp4; codecs=\"avc1.640028\"')")
    assert can_play in ("probably", "maybe"), f"this chromium cannot play H.264 (canPlayType: {can_play!r})"
    driver.execute_script(
        "const v = document.getElementById('result-video'); v.muted = true;"
        "window.playError = null; v.play().catch(e => { window.playError = String(e); });"
    )
    wait_for(
        driver,
        lambda d: d.execute_script("return document.getElementById('result-video').currentTime") > 0.5,
        "the video's time does not advance past 0.5 s: "
        + str(
            driver.execute_script(
                "const v = document.getElementById('result-video');"
                "return {error: v.error && v.error.message, readyState: v.readyState, networkState: v.networkState,"
                " currentTime: v.currentTime, playError: window.playError}"
            )
        ),
        seconds=10,
    )
    duration = driver.execute_script("return document.getElementById('result-video').duration")
    assert abs(duration - CLIP_SECONDS) < 0.5, f"the video lasts {duration} s, the clip {CLIP_SECONDS} s"

    # The captions loaded, as text only: no markup in any cue, and no script ran.
    driver.execute_script("document.getElementById('result-video').textTracks[0].mode = 'showing'")
    cues = wait_for(
        driver,
        lambda d: d.execute_script(
            "const t = document.getElementById('result-video').textTracks[0];"
            "return t && t.cues && t.cues.length ? Array.from(t.cues, c => c.text) : null"
        ),
        "the captions track has no cues",
    )
    assert len(cues) == 2, cues
    assert not any("<" in text for text in cues), f"markup reached the captions: {cues}"
    assert "Breathe in" in cues[0] and "slowly" in cues[0], cues
    assert "bold" in cues[1] and "calm" in cues[1], cues
    readiness = driver.execute_script("return document.querySelector('#result-video track').readyState")
    assert readiness == 2, f"the <track> did not load (readyState {readiness})"
    assert_no_alert(driver)

    # What the server says, as the page's owner.
    status, body = api_as_browser(server, driver, "GET", f"/api/v1/videos/{video_id}")
    assert status == 200, status
    item = json.loads(body)
    assert item["processing_state"] == "ready"
    assert item["caption"] == CAPTION
    assert sorted(item["topics"]) == sorted(topic_ids[:2])
    assert item["content_kind"] == "coping_skill" and item["visibility"] == "public"
    assert {"calm", "selfcare", "breathing"} <= set(item["hashtags"]), item["hashtags"]

    driver.execute_script("document.getElementById('result-video').pause()")
    check_page(driver, "video-ready")


def test_a_renamed_text_file_is_refused_before_the_form_and_leaves_nothing_behind(server, driver, clip, tmp_path):
    fake = tmp_path / "holiday.mp4"
    fake.write_text("This is a shopping list, not a video.\n" * 40)

    user = new_user("mistaken")
    sign_up(driver, server, user)
    open_page(driver, server, "/upload")
    find(driver, "#file").send_keys(str(fake))
    # The file is probed as its upload finishes: the refusal comes instead of "Upload complete".
    status = wait_for(
        driver,
        lambda d: upload_status(d) if "not a video" in upload_status(d) or "could not be read" in upload_status(d) else "",
        f"a text file named .mp4 is not refused at upload (status: {upload_status(driver)!r})",
        seconds=60,
    )
    assert_reason_in_words(status)
    assert "Choose another file" in status, f"the refusal does not say what to do: {status!r}"
    assert find(driver, "#upload-status").get_attribute("data-tone") == "error"
    assert not is_shown(driver, "#video-form"), "the form to describe the video appeared for a file that is not a video"
    assert not is_shown(driver, "#upload-panel"), "a progress bar stays for a file that was not kept"
    assert focused_id(driver) == "file", f"after the refusal the focus is on #{focused_id(driver)}, not on the file input"
    assert find(driver, "#file").get_attribute("value") == ""
    check_page(driver, "upload-refused")

    # Nothing is left: no unfinished upload, no draft in the studio, no stored file.
    uploads = sqlite_rows(
        server.data_dir / "mindreel.sqlite",
        "SELECT uploads.id FROM uploads JOIN users ON users.id = uploads.owner_id WHERE users.handle = ?",
        (user.handle,),
    )
    assert not uploads, f"the refused upload was kept: {[tuple(row) for row in uploads]}"
    status_code, body = api_as_browser(server, driver, "GET", "/api/v1/studio/videos")
    assert status_code == 200 and json.loads(body)["items"] == [], f"a draft was left in the studio: {body!r}"
    def holds_the_text(path: str) -> bool:
        with open(path, "rb") as file:
            return file.read(40).startswith(b"This is a shopping list")

    kept = [path for path in files_under(server.data_dir) if holds_the_text(path)]
    assert not kept, f"the refused file was kept: {kept}"

    # Choosing a real video next works as usual.
    upload_through_the_page(driver, clip)
    assert not is_shown(driver, "#processing-section")


# --- Small checks -------------------------------------------------------------------------------


def files_under(folder: Path) -> list[str]:
    """The files (not folders) at or under `folder`."""
    if folder.is_file():
        return [str(folder)]
    return sorted(str(p) for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _path(url: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url or "").path


def assert_reason_in_words(reason: str) -> None:
    assert len(reason) >= 15 and re.search(r"[a-z]{3,}", reason), f"the failure reason is not in words: {reason!r}"
    assert not re.search(r"\b[1-5]\d\d\b", reason), f"the failure reason reads like a status code: {reason!r}"
    assert not re.search(r"ffmpeg|ffprobe|exit code|Error Domain|\bnil\b", reason, re.I), f"the failure reason is a technical message: {reason!r}"

"""Uploading a video as a new member would: pick a clip, watch the progress, pause and resume,
or reload the page mid-upload and choose the same file again; the server ends up with exactly
the bytes of the clip.

The browser's upload speed is throttled (Chromium's network emulation throttles request bodies
too) and the page is asked for small chunks (`?chunk=`), so that an 8-second clip takes long
enough to be interrupted halfway, and an interruption loses at most one small chunk.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from support import (
    axe_check,
    check_page,
    find,
    is_shown,
    new_user,
    open_page,
    path_of,
    press,
    screenshot,
    set_viewport,
    sign_up,
    visible,
    wait_for,
)

CHUNK = 256 * 1024
UPLOAD_BYTES_PER_SECOND = 320 * 1024
COMPLETE_MESSAGE = "Upload complete. Next: describe your video below."
# The name has a non-ASCII letter and spaces: it travels base64-encoded in Upload-Metadata.
CLIP_NAME = "Calm breathing – día 1.mp4"
UPLOAD_SECONDS = 90


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """An 8-second H.264/AAC clip of about 5 MB (the noise keeps the encoder from shrinking it)."""
    if shutil.which("ffmpeg") is None:
        pytest.fail("ffmpeg is not installed (scripts/install-deps.sh installs it)")
    path = tmp_path_factory.mktemp("clips") / CLIP_NAME
    # fmt: off
    command = [
        "ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
        "-f", "lavfi", "-i", "sine=frequency=440",
        "-t", "8", "-vf", "noise=alls=12:allf=t",
        "-c:v", "libx264", "-preset", "veryfast", "-b:v", "5M", "-maxrate", "5M", "-bufsize", "5M",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart",
        str(path),
    ]
    # fmt: on
    subprocess.run(command, check=True, timeout=120)
    size = path.stat().st_size
    assert 3_000_000 <= size <= 8_000_000, f"the generated clip is {size} bytes, expected about 5 MB"
    return path


# --- Helpers ------------------------------------------------------------------------------------


def throttle(driver: WebDriver) -> None:
    driver.set_network_conditions(
        offline=False, latency=5, download_throughput=20 * 1024 * 1024, upload_throughput=UPLOAD_BYTES_PER_SECOND
    )


def progress(driver: WebDriver) -> float:
    return float(driver.execute_script("return document.getElementById('upload-progress').value"))


def status_text(driver: WebDriver) -> str:
    return find(driver, "#upload-status").text.strip()


def wait_for_progress(driver: WebDriver, low: float, high: float) -> float:
    """Waits until the bar is between `low` and `high` percent; fails if it jumps past `high`."""
    seen: list[float] = []

    def condition(d):
        value = progress(d)
        seen.append(value)
        assert value <= high, (
            f"the bar went from {seen[-2] if len(seen) > 1 else 0:.1f}% to {value:.1f}% without being seen "
            f"between {low}% and {high}%; status: {status_text(d)!r}"
        )
        return value if value >= low else False

    return wait_for(driver, condition, f"the progress bar does not reach {low}%; status: {status_text(driver)!r}", seconds=60)


def wait_for_completion(driver: WebDriver) -> None:
    wait_for(
        driver,
        lambda d: status_text(d) == COMPLETE_MESSAGE,
        f"the upload does not finish with {COMPLETE_MESSAGE!r} (status: {status_text(driver)!r}, bar at {progress(driver):.1f}%)",
        seconds=UPLOAD_SECONDS,
    )
    assert progress(driver) == 100, f"the upload is complete but the bar shows {progress(driver)}%"
    assert find(driver, "#upload-percent").text.strip() == "100%"
    for button in ("#pause-button", "#resume-button", "#cancel-button"):
        assert not is_shown(driver, button), f"{button} is still offered after the upload completed"


def unfinished_shown(driver: WebDriver) -> list[str]:
    """The texts of the listed unfinished uploads. Read in one go: the page redraws the list
    when the server's answer comes in, so element references would go stale."""
    return driver.execute_script(
        "const s = document.getElementById('unfinished-section');"
        "if (!s || s.hidden) return [];"
        "return Array.from(s.querySelectorAll('#unfinished-uploads li'), li => li.innerText);"
    )


def choose_file(driver: WebDriver, path: Path) -> None:
    # The file input is a real, visible control: typing a path into it is what choosing a file
    # in the browser's dialog does.
    find(driver, "#file").send_keys(str(path))


def api(server, driver: WebDriver, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """A request with the browser's cookies, as the page's own script would send it."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(
        server.url(path), method=method, headers={"Cookie": cookies, "Tus-Resumable": "1.0.0"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def unfinished_upload_location(server, driver: WebDriver) -> str:
    """The Location of the member's unfinished upload of the clip, from `GET /api/v1/uploads`."""
    status, _, body = api(server, driver, "GET", "/api/v1/uploads")
    assert status == 200, f"GET /api/v1/uploads answered {status}: {body[:300]!r}"
    items = [i for i in json.loads(body)["items"] if i.get("filename") == CLIP_NAME]
    assert len(items) == 1, f"expected one unfinished upload named {CLIP_NAME!r}; the list has {json.loads(body)['items']}"
    location = items[0]["location"]
    assert re.fullmatch(r"/api/v1/uploads/[0-9a-f-]{36}", location), location
    return location


def server_offset(server, driver: WebDriver, location: str) -> tuple[int, int]:
    status, headers, _ = api(server, driver, "HEAD", location)
    assert status == 200, f"HEAD {location} answered {status}"
    return int(headers["upload-offset"]), int(headers["upload-length"])


def assert_server_has_the_clip(server, driver: WebDriver, location: str, clip: Path) -> None:
    size = clip.stat().st_size
    offset, length = server_offset(server, driver, location)
    assert offset == length == size, f"HEAD {location}: Upload-Offset {offset}, Upload-Length {length}, clip {size} bytes"
    upload_id = location.rsplit("/", 1)[1]
    stored = server.data_dir / "media" / "uploads" / upload_id / "original"
    assert stored.is_file(), f"the finished upload is not stored at {stored}"
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == hashlib.sha256(clip.read_bytes()).hexdigest(), (
        f"{stored} ({stored.stat().st_size} bytes) differs from the clip ({size} bytes)"
    )


def assert_not_listed_as_unfinished(server, driver: WebDriver) -> None:
    status, _, body = api(server, driver, "GET", "/api/v1/uploads")
    assert status == 200, f"GET /api/v1/uploads answered {status}"
    names = [i.get("filename") for i in json.loads(body)["items"]]
    assert CLIP_NAME not in names, f"the finished upload is still listed as unfinished: {names}"


def screenshots(driver: WebDriver, name: str) -> None:
    """Phone and desktop screenshots without touching the page (the upload keeps running)."""
    try:
        for size in ("phone", "desktop"):
            set_viewport(driver, size)
            screenshot(driver, name, size)
    finally:
        set_viewport(driver, None)


def start_upload(server, driver: WebDriver, clip: Path) -> None:
    user = new_user("uploader")
    sign_up(driver, server, user)
    open_page(driver, server, f"/upload?chunk={CHUNK}")
    assert find(driver, "h1").text.strip() == "Upload a video"
    label = find(driver, "label[for=file]")
    assert label.is_displayed() and label.text.strip(), "the file input has no visible label"
    check_page(driver, "upload")
    throttle(driver)
    choose_file(driver, clip)
    visible(driver, "#upload-progress")


# --- Tests ----------------------------------------------------------------------------------------


def test_pause_and_resume_an_upload(server, driver, clip):
    start_upload(server, driver, clip)
    wait_for_progress(driver, 10, 80)
    press(driver, find(driver, "#pause-button"))

    resume = visible(driver, "#resume-button")
    assert not is_shown(driver, "#pause-button"), "Pause is still offered while paused"
    wait_for(driver, lambda d: status_text(d).startswith("Paused at"), f"no 'Paused at' status: {status_text(driver)!r}")
    location = unfinished_upload_location(server, driver)

    # The bar stops, and so does the server: nothing more arrives while paused.
    time.sleep(0.5)  # a chunk the server had whole when Pause was pressed is still counted
    paused_at = progress(driver)
    server_before, _ = server_offset(server, driver, location)
    time.sleep(2.5)
    assert progress(driver) == paused_at, f"the bar moved from {paused_at}% to {progress(driver)}% while paused"
    server_after, _ = server_offset(server, driver, location)
    assert server_after == server_before, f"the server went on receiving while paused ({server_before} → {server_after})"
    assert 0 < paused_at < 100
    screenshots(driver, "upload-paused")
    axe_check(driver, "the upload page while paused,")

    # From here on, every change of the words or the bar is sampled: the figure beside the bar
    # and any percent in the status words must say what the bar shows.
    driver.execute_script(
        """
        window.uploadSamples = [];
        var sample = function () {
          window.uploadSamples.push({
            status: document.getElementById('upload-status').textContent,
            bar: document.getElementById('upload-progress').value,
            figure: document.getElementById('upload-percent').textContent
          });
        };
        window.uploadSampler = window.setInterval(sample, 50);
        """
    )
    press(driver, resume)
    wait_for(driver, lambda d: "Resuming from" in status_text(d) or status_text(d) == COMPLETE_MESSAGE,
             f"pressing Resume does not say where it resumes from: {status_text(driver)!r}")
    wait_for(driver, lambda d: progress(d) > paused_at + 1, "the bar does not move after Resume")
    # Speed and time left, in words a person reads ("312 kB/s", "about 15 s left").
    wait_for(
        driver,
        lambda d: re.fullmatch(r"\d+(\.\d)? (kB|MB)/s", find(d, "#upload-speed").text.strip())
        and re.fullmatch(r"about \d+ (s|min) left|a few seconds left", find(d, "#upload-eta").text.strip()),
        "no speed and time left are shown while uploading",
    )
    screenshots(driver, "upload-progress")

    wait_for_completion(driver)
    samples = driver.execute_script("window.clearInterval(window.uploadSampler); return window.uploadSamples")
    assert len(samples) > 5, samples
    for sample in samples:
        bar = sample["bar"]
        assert sample["figure"] == f"{int(bar)}%", f"the bar shows {bar}% but the figure beside it says {sample['figure']}"
        said = re.search(r"(\d+)%", sample["status"])
        if said:
            assert abs(int(said.group(1)) - int(bar)) <= 1, f"the status says {sample['status']!r} while the bar shows {bar}%"
    check_page(driver, "upload-complete")
    assert_server_has_the_clip(server, driver, location, clip)


def test_reload_mid_upload_and_choose_the_same_file_to_continue(server, driver, clip):
    start_upload(server, driver, clip)
    wait_for_progress(driver, 25, 80)
    location = unfinished_upload_location(server, driver)

    driver.refresh()
    visible(driver, "#file")
    # The page lists what can be continued, in words.
    listed = wait_for(
        driver,
        lambda d: [text for text in unfinished_shown(d) if CLIP_NAME in text] or False,
        f"after the reload, #unfinished-uploads does not list {CLIP_NAME!r}",
    )
    text = listed[0]
    done = re.search(r"(\d+)% uploaded", text)
    assert done and int(done.group(1)) > 0, f"the unfinished upload shows no progress: {text!r}"
    assert "Choose the same file to continue" in text, text
    assert "Discard" in text, f"no Discard button: {text!r}"
    check_page(driver, "upload-unfinished")
    throttle(driver)

    # The words name the figure only until the bar moves past it (then "Uploading …"), which can be
    # a few milliseconds, so every status the page says is recorded as it is said (what a screen
    # reader hears from the live region) and the record is read.
    driver.execute_script(
        """
        window.statusSaid = [];
        const status = document.getElementById('upload-status');
        new MutationObserver(() => window.statusSaid.push(status.textContent.trim()))
          .observe(status, {childList: true, characterData: true, subtree: true});
        """
    )
    choose_file(driver, clip)
    said = wait_for(
        driver,
        lambda d: next(
            (m for m in (re.search(r"Resuming from (\d+)%", text) for text in d.execute_script("return window.statusSaid")) if m),
            None,
        ),
        "choosing the file again does not resume",
    )
    resumed = int(said.group(1))
    assert resumed > 0, f"the upload resumed from {resumed}%, expected where it stopped"
    assert progress(driver) >= resumed, f"the bar shows {progress(driver)}% after resuming from {resumed}%"
    assert not unfinished_shown(driver), f"the upload being continued is still listed: {unfinished_shown(driver)}"
    screenshots(driver, "upload-resumed")

    wait_for_completion(driver)
    assert_not_listed_as_unfinished(server, driver)
    assert_server_has_the_clip(server, driver, location, clip)


def test_discard_cancel_and_refusals_in_words(server, driver, clip, tmp_path):
    # Visitors are sent to log in first.
    open_page(driver, server, "/upload")
    wait_for(driver, lambda d: path_of(d) == "/login", "a signed-out visitor is not sent from /upload to /login")

    start_upload(server, driver, clip)
    wait_for_progress(driver, 5, 80)
    press(driver, find(driver, "#pause-button"))
    visible(driver, "#resume-button")
    location = unfinished_upload_location(server, driver)

    driver.refresh()
    button = wait_for(
        driver,
        lambda d: next(iter(d.find_elements(By.CSS_SELECTOR, "#unfinished-uploads li button")), False),
        "the paused upload is not listed after a reload",
    )
    press(driver, button)
    wait_for(driver, lambda d: not unfinished_shown(d), "the discarded upload is still listed")
    assert "Discarded" in status_text(driver), status_text(driver)
    status, _, _ = api(server, driver, "HEAD", location)
    assert status in (404, 410), f"HEAD of a discarded upload answered {status}, expected 404 or 410"

    # Cancel mid-upload: the page says nothing was kept, and the server has nothing left.
    throttle(driver)
    choose_file(driver, clip)
    wait_for_progress(driver, 5, 80)
    location = unfinished_upload_location(server, driver)
    press(driver, find(driver, "#cancel-button"))
    wait_for(
        driver,
        lambda d: status_text(d).startswith("Upload cancelled."),
        f"pressing Cancel does not say the upload was cancelled: {status_text(driver)!r}",
    )
    assert not is_shown(driver, "#upload-panel"), "the progress panel stays after cancelling"
    status, _, _ = api(server, driver, "HEAD", location)
    assert status in (404, 410), f"HEAD of a cancelled upload answered {status}, expected 404 or 410"
    assert not unfinished_shown(driver), f"a cancelled upload is listed: {unfinished_shown(driver)}"

    # A file over the limit is refused before a byte is sent, and the page says why.
    limit = int(find(driver, "#upload-form").get_attribute("data-max-bytes"))
    label = find(driver, "#upload-form").get_attribute("data-max-size-label")
    huge = tmp_path / "too-big.mp4"
    with huge.open("wb") as f:
        f.truncate(limit + 1)  # sparse: no disk space used
    choose_file(driver, huge)
    wait_for(
        driver,
        lambda d: status_text(d) == f"This file is larger than the {label} limit.",
        f"a file over the limit is not refused in words: {status_text(driver)!r}",
    )
    assert not is_shown(driver, "#upload-panel"), "an upload started for a file over the limit"


def test_a_dropped_connection_is_retried_until_the_upload_completes(server, driver, clip):
    user = new_user("flaky")
    sign_up(driver, server, user)
    open_page(driver, server, f"/upload?chunk={CHUNK}")
    throttle(driver)
    choose_file(driver, clip)
    wait_for_progress(driver, 10, 80)
    location = unfinished_upload_location(server, driver)

    driver.set_network_conditions(offline=True, latency=5, download_throughput=0, upload_throughput=0)
    wait_for(
        driver,
        lambda d: re.fullmatch(r"Connection lost — retrying in \d+ s", status_text(d)),
        f"going offline mid-upload does not say the connection was lost: {status_text(driver)!r}",
    )
    assert is_shown(driver, "#pause-button"), "Pause is not offered while waiting to retry"
    screenshots(driver, "upload-connection-lost")
    time.sleep(3)  # at least one retry fails while offline
    assert status_text(driver).startswith("Connection lost"), status_text(driver)

    throttle(driver)
    wait_for(
        driver,
        lambda d: "Connected again" in status_text(d) or status_text(d) == COMPLETE_MESSAGE,
        f"back online, the upload does not continue: {status_text(driver)!r}",
        seconds=40,
    )
    wait_for_completion(driver)
    assert_server_has_the_clip(server, driver, location, clip)

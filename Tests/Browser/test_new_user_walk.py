"""A first visit, tried as a new user would (issue 11): a member under 18 gets no sensitive-topic
video in For You; captions are whole and inside the picture in the feed and on the video page at
320 and 1280 px; the phone header is one row; the keyboard reaches the first video in a few
presses; the crisis lines are one tap from the feed; the feed says when it runs out and when a
topic does not exist; Follow reads "Following"; saved and liked videos have pages of their own;
a notification names its video; and `/` without JavaScript lists videos with links.

All on the demo server (real narrated, captioned videos), whose shared data these tests only add
to (a save, a like, a follow, a comment) and read back within one test.
"""

from __future__ import annotations

import json
import time
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import (
    SCREENSHOTS,
    check_page,
    find,
    is_shown,
    log_in,
    new_user,
    open_page,
    path_of,
    press,
    set_viewport,
    sign_up,
    visible,
    wait_for,
)


def saved_screenshot(driver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(SCREENSHOTS / name)), f"the screenshot {name} was not written"


def api_json(server, path: str):
    with urllib.request.urlopen(server.url(path), timeout=10) as response:
        return json.loads(response.read())


def as_member(driver, path: str):
    """GET with the browser's own session, from inside the page."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})"
        ".then(r => r.json()).then(done, e => done(null));",
        path,
    )


def skip_intro(driver, server) -> None:
    open_page(driver, server, "/search")
    driver.execute_script("localStorage.setItem('mindreel.intro-dismissed', 'yes')")


def feed_ids(driver) -> list[str]:
    return driver.execute_script("return Array.from(document.querySelectorAll('#feed article.feed-item')).map(a => a.dataset.videoId)")


def viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800}
    )


# --- Minors ----------------------------------------------------------------------------------------


def test_a_member_under_18_gets_no_sensitive_topic_video_in_for_you(demo_server, driver):
    sensitive = {topic["id"] for topic in api_json(demo_server, "/api/v1/topics")["items"] if topic["sensitive"]}
    teen = new_user("teen")
    teen.birth_year = "2012"
    skip_intro(driver, demo_server)
    sign_up(driver, demo_server, teen)
    open_page(driver, demo_server, "/")
    wait_for(driver, lambda d: len(feed_ids(d)) >= 3, "a minor's For You shows no videos at all")

    # Every video For You offers them, page after page, through the feed API as the page asks it.
    offered, cursor = [], None
    for _ in range(20):
        page = as_member(driver, "/api/v1/feed?limit=50" + (f"&cursor={cursor}" if cursor else ""))
        offered += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    leaked = [(item["video"]["caption"], item["video"]["topics"]) for item in offered if sensitive & set(item["video"]["topics"])]
    assert not leaked, f"For You offers a member born in 2012 sensitive-topic videos: {leaked}"
    shown = set(feed_ids(driver))
    assert shown <= {item["video"]["id"] for item in offered}
    # The demo has such videos, and an adult gets them: the rule, not an empty catalogue, hid them.
    everyone = api_json(demo_server, "/api/v1/feed?limit=50")["items"]
    assert any(sensitive & set(item["video"]["topics"]) for item in everyone), "the demo has no sensitive-topic video to hide"
    # The topic's own tab still reaches them, as the admin page says.
    topic = next(t for item in everyone for t in sorted(item["video"]["topics"]) if t in sensitive)
    tab = as_member(driver, f"/api/v1/feed?topic={topic}")
    assert tab["items"] and all(topic in item["video"]["topics"] for item in tab["items"]), tab
    check_page(driver, "feed-minor")


# --- Captions ---------------------------------------------------------------------------------------

SHOW_LONGEST_CUE = """
const video = arguments[0];
const track = video.textTracks[0];
if (!track || !track.cues || track.cues.length === 0) return null;
let longest = track.cues[0];
for (const cue of track.cues) if (cue.text.length > longest.text.length) longest = cue;
video.pause();
video.currentTime = (longest.startTime + longest.endTime) / 2;
return longest.text;
"""

GEOMETRY = """
const video = arguments[0], box = arguments[1];
const v = video.getBoundingClientRect(), b = box.getBoundingClientRect();
const scale = Math.min(v.width / video.videoWidth, v.height / video.videoHeight);
const w = video.videoWidth * scale, h = video.videoHeight * scale;
const picture = {left: v.left + (v.width - w) / 2, top: v.top + (v.height - h) / 2};
picture.right = picture.left + w; picture.bottom = picture.top + h;
const blockers = Array.from(document.querySelectorAll(arguments[2])).filter(e => e.offsetParent !== null)
  .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
return {
  picture: picture, box: {left: b.left, top: b.top, right: b.right, bottom: b.bottom},
  text: box.textContent, clipped: box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1,
  overlaps: blockers.filter(r => r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top).length,
};
"""


# Resolves to the 1-based position of the first feed item whose captions have a cue over 40 characters.
LONGEST_CUE_IN_FEED = """
const done = arguments[arguments.length - 1];
const items = Array.from(document.querySelectorAll('#feed article.feed-item'));
(async () => {
  for (let i = 0; i < items.length; i++) {
    const track = items[i].querySelector('track');
    if (!track) continue;
    const text = await (await fetch(track.src)).text();
    const lines = text.split('\\n').filter(l => l && !l.includes('-->') && !/^WEBVTT|^\\d+$/.test(l));
    if (lines.some(l => l.length > 40)) return i + 1;
  }
  return 0;
})().then(done, () => done(0));
"""


def assert_cue_inside(driver, video, box, blockers: str, where: str) -> None:
    cue = wait_for(driver, lambda d: d.execute_script(SHOW_LONGEST_CUE, video), f"{where}: the captions did not load")
    assert len(cue) > 40, f"{where}: the longest cue is short ({cue!r}); the check needs a long one"
    wait_for(driver, lambda d: d.execute_script("return arguments[0].textContent", box) == cue, f"{where}: the cue {cue!r} is not shown")
    g = driver.execute_script(GEOMETRY, video, box, blockers)
    p, b = g["picture"], g["box"]
    assert p["left"] - 1 <= b["left"] and b["right"] <= p["right"] + 1 and p["top"] - 1 <= b["top"] and b["bottom"] <= p["bottom"] + 1, (
        f"{where}: the cue box {b} is not inside the picture {p}"
    )
    assert not g["clipped"], f"{where}: the cue {cue!r} is cut off in its box"
    assert g["overlaps"] == 0, f"{where}: the cue box lies over {g['overlaps']} of the buttons"


def test_a_long_caption_is_whole_and_inside_the_picture_in_the_feed_and_on_the_page(demo_server, driver):
    skip_intro(driver, demo_server)
    for width, height in ((320, 640), (1280, 800)):
        viewport(driver, width, height)
        open_page(driver, demo_server, "/")
        wait_for(driver, lambda d: len(feed_ids(d)) >= 1, "the feed shows no videos")
        # The feed's order moves with what other tests on this shared demo watch and like, so the
        # check finds the loaded video with the longest cue and scrolls to it, as a viewer would.
        index = driver.execute_async_script(LONGEST_CUE_IN_FEED)
        assert index, "no video in the feed has a caption cue longer than 40 characters"
        article = driver.find_elements(By.CSS_SELECTOR, "#feed article.feed-item")[index - 1]
        driver.execute_script("arguments[0].dataset.underTest = 'yes'; arguments[0].scrollIntoView()", article)
        mine = "#feed article.feed-item[data-under-test]"
        assert_cue_inside(
            driver,
            article.find_element(By.CSS_SELECTOR, "video"),
            article.find_element(By.CSS_SELECTOR, ".caption-box"),
            f"{mine} .feed-rail button, {mine} .feed-rail a, {mine} .feed-controls button, .feed-help-link",
            f"the feed at {width} px",
        )
        saved_screenshot(driver, f"captions-feed-{width}.png")
        # The captions button still turns them off and on.
        button = article.find_element(By.CSS_SELECTOR, ".feed-control-captions")
        driver.execute_script("arguments[0].click()", button)
        wait_for(driver, lambda d: not article.find_element(By.CSS_SELECTOR, ".caption-box").is_displayed(), "CC does not hide the captions")
        driver.execute_script("arguments[0].click()", button)

        open_page(driver, demo_server, article.get_attribute("data-page-url"))
        assert_cue_inside(driver, find(driver, "#video-player"), find(driver, "#video-caption-box"), ".video-details button", f"the video page at {width} px")
        saved_screenshot(driver, f"captions-page-{width}.png")
    set_viewport(driver, None)


# --- The phone header, keyboard and help --------------------------------------------------------


def header_rows(driver) -> dict:
    return driver.execute_script(
        """
        const header = document.querySelector('.site-header');
        const items = [document.querySelector('.brand'),
          ...document.querySelectorAll('.site-nav > .nav-list > li')].filter(e => e.offsetParent !== null);
        const tops = items.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2));
        return {height: header.getBoundingClientRect().height, spread: Math.max(...tops) - Math.min(...tops),
                scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
        """
    )


def test_on_a_phone_the_header_is_one_row_and_the_menu_holds_the_rest(demo_server, driver):
    skip_intro(driver, demo_server)
    for width in (390, 320):
        viewport(driver, width, 844)
        open_page(driver, demo_server, "/")
        rows = header_rows(driver)
        assert rows["spread"] <= 4 and rows["height"] < 70, f"signed out at {width} px the header is not one row: {rows}"
        assert rows["scrollWidth"] <= rows["width"], f"signed out at {width} px the page scrolls sideways: {rows}"
    member = new_user("phone")
    sign_up(driver, demo_server, member)
    for width in (390, 320):
        viewport(driver, width, 844)
        open_page(driver, demo_server, "/")
        rows = header_rows(driver)
        assert rows["spread"] <= 4 and rows["height"] < 70, f"signed in at {width} px the header is not one row: {rows}"
        assert rows["scrollWidth"] <= rows["width"], f"signed in at {width} px the page scrolls sideways: {rows}"
        assert not is_shown(driver, "#nav-studio"), "the menu's links show before the menu is opened"
    viewport(driver, 390, 844)
    press(driver, find(driver, "#nav-menu-button"))
    for link in ("#nav-studio", "#nav-notifications", "#nav-saved", "#nav-liked", "#nav-profile", "#nav-settings", "#logout-form"):
        assert is_shown(driver, link), f"the open menu lacks {link}"
    driver.save_screenshot("test-artifacts/screenshots/header-menu-open-phone.png")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait_for(driver, lambda d: not is_shown(d, "#nav-studio"), "Escape does not close the menu")
    # At desktop size every link is in the row, no menu button.
    set_viewport(driver, "desktop")
    wait_for(driver, lambda d: is_shown(d, "#nav-studio"), "at desktop size the menu's links are not in the row")
    assert is_shown(driver, "#nav-studio") and is_shown(driver, "#nav-saved") and not is_shown(driver, "#nav-menu-button")
    check_page(driver, "feed-member-header")


def test_the_keyboard_reaches_the_first_video_in_a_few_presses_and_tabs_are_one_stop(demo_server, driver):
    skip_intro(driver, demo_server)
    open_page(driver, demo_server, "/")
    wait_for(driver, lambda d: len(feed_ids(d)) >= 1, "the feed shows no videos")
    body = find(driver, "body")
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    presses = 0
    while presses < 5:
        focused = driver.switch_to.active_element
        if driver.execute_script("return !!arguments[0].closest('article.feed-item')", focused):
            break
        key = Keys.ENTER if focused.get_attribute("id") == "skip-to-videos" else Keys.TAB
        ActionChains(driver).send_keys(key).perform()
        presses += 1
    focused = driver.switch_to.active_element
    assert driver.execute_script("return !!arguments[0].closest('article.feed-item')", focused), (
        f"after 5 presses the focus is on {focused.tag_name}#{focused.get_attribute('id')} {focused.text!r}, not a video"
    )
    del body

    # The topic tabs: one Tab stop, the arrows move inside.
    tabs = driver.find_elements(By.CSS_SELECTOR, "#feed-tabs a.feed-tab")
    assert [t.get_attribute("tabindex") for t in tabs].count("0") == 1, "more than one tab is a Tab stop"
    current = find(driver, "#feed-tabs a.feed-tab[aria-current=page]")
    driver.execute_script("arguments[0].focus()", current)
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
    assert driver.switch_to.active_element.text == tabs[1].text, "→ does not move to the next tab"
    ActionChains(driver).send_keys(Keys.END).perform()
    assert driver.switch_to.active_element.text == tabs[-1].text, "End does not move to the last tab"
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert not driver.execute_script("return !!arguments[0].closest('#feed-tabs')", driver.switch_to.active_element), (
        "Tab from a topic tab goes to another tab instead of leaving the strip"
    )

    # Get help: one tap from the feed opens the help lines.
    viewport(driver, 390, 844)
    open_page(driver, demo_server, "/")
    press(driver, visible(driver, ".feed-help-link"))
    wait_for(driver, lambda d: path_of(d) == "/help", "Get help now does not open the help lines")
    assert "988" in find(driver, "#crisis-cards").text
    set_viewport(driver, None)


def test_the_feed_says_when_it_runs_out_and_when_a_topic_does_not_exist(demo_server, driver):
    skip_intro(driver, demo_server)
    counts = {}
    for topic in api_json(demo_server, "/api/v1/topics")["items"]:
        counts[topic["id"]] = len(api_json(demo_server, f"/api/v1/feed?topic={topic['id']}&limit=50")["items"])
    topic = min((t for t, n in counts.items() if n >= 1), key=lambda t: counts[t])
    open_page(driver, demo_server, f"/?topic={topic}")
    wait_for(driver, lambda d: len(feed_ids(d)) == counts[topic], f"the {topic} tab does not show its {counts[topic]} videos")
    end = find(driver, "#feed-end")
    assert "reached the end" in end.text, end.text
    links = [a.get_attribute("href") for a in end.find_elements(By.CSS_SELECTOR, "a")]
    assert any(link.endswith("/search") for link in links) and any("topic=" in link for link in links), links
    driver.execute_script("document.querySelector('#feed article.feed-item').focus()")
    for _ in range(counts[topic]):
        ActionChains(driver).send_keys("j").perform()
        time.sleep(0.4)
    wait_for(driver, lambda d: d.switch_to.active_element.get_attribute("id") == "feed-end", "moving past the last video does not reach the end card")
    check_page(driver, "feed-end")

    open_page(driver, demo_server, "/?topic=astrology-and-stars")
    status = wait_for(driver, lambda d: find(d, "#feed-status").text if "no topic" in find(d, "#feed-status").text else "", "an unknown topic is not named as such")
    assert "astrology-and-stars" in status
    assert not is_shown(driver, "#feed-retry"), "an unknown topic offers Try again"
    assert driver.find_elements(By.CSS_SELECTOR, ".feed-status-area a.feed-way-on[href='/']"), "no way back to For You"
    check_page(driver, "feed-unknown-topic")


# --- Following, saved, liked, notifications ------------------------------------------------------


def test_follow_saved_liked_and_a_notification_that_names_its_video(demo_server, driver, browsers):
    skip_intro(driver, demo_server)
    member = new_user("keeper")
    sign_up(driver, demo_server, member)
    open_page(driver, demo_server, "/")
    wait_for(driver, lambda d: len(feed_ids(d)) >= 1, "the feed shows no videos")
    article = find(driver, "#feed article.feed-item")
    video_id = article.get_attribute("data-video-id")
    follow = article.find_element(By.CSS_SELECTOR, "button.rail-follow")
    driver.execute_script("arguments[0].click()", follow)
    wait_for(driver, lambda d: follow.get_attribute("aria-pressed") == "true", "Follow does not press")
    assert follow.text.strip() == "Following", f"pressed, Follow reads {follow.text!r}"
    for kind in ("like", "save"):
        button = article.find_element(By.CSS_SELECTOR, f".rail-{kind}")
        driver.execute_script("arguments[0].click()", button)
        wait_for(driver, lambda d: button.get_attribute("aria-pressed") == "true", f"{kind} does not press")
    time.sleep(0.5)
    for path, heading in (("/saved", "Saved videos"), ("/liked", "Liked videos")):
        open_page(driver, demo_server, path)
        assert find(driver, "h1").text == heading
        assert driver.find_elements(By.CSS_SELECTOR, f"#video-grid a[href='/v/{video_id}']"), f"{path} does not list the video"
    check_page(driver, "saved")

    # Nobody else sees them: another member has their own empty page; a visitor must log in.
    other = browsers()
    sign_up(other, demo_server, new_user("other"))
    open_page(other, demo_server, "/saved")
    assert not other.find_elements(By.CSS_SELECTOR, f"a[href='/v/{video_id}']") and "Nothing saved yet" in find(other, "main").text
    visitor = browsers()
    open_page(visitor, demo_server, "/liked")
    wait_for(visitor, lambda d: d.current_url.endswith("/login?next=/liked"), "a visitor is not sent to log in from /liked")

    # A comment on the video: its creator's notification names the video and the comment's words.
    video = api_json(demo_server, f"/api/v1/videos/{video_id}")
    creator = as_member(driver, f"/api/v1/videos/{video_id}")
    handle = next(item["creator"]["handle"] for item in as_member(driver, "/api/v1/feed?limit=50")["items"] if item["video"]["id"] == video_id)
    words = f"This helped before my exam, thank you {member.handle}. I tried it twice and slept better afterwards."
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/v1/videos/' + arguments[0] + '/comments', {method: 'POST', credentials: 'same-origin',"
        " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content},"
        " body: JSON.stringify({body: arguments[1]})}).then(r => done(r.status));",
        video_id,
        words,
    )
    del creator
    maker = browsers()
    log_in(maker, demo_server, handle, demo_server.creator_password)
    open_page(maker, demo_server, "/notifications")
    mine = [li for li in maker.find_elements(By.CSS_SELECTOR, "#notifications li.notification") if member.handle in li.text]
    assert mine, "the creator has no notification of the comment"
    text = mine[0].text
    title = find(maker, "#notifications .notification-video").text if False else video["caption"].split(" #")[0]
    assert title in text, f"the notification does not name the video {title!r}: {text!r}"
    assert "This helped before my exam" in text, f"the notification does not show the comment's first words: {text!r}"
    link = mine[0].find_element(By.CSS_SELECTOR, "a")
    press(maker, link)
    wait_for(maker, lambda d: f"/v/{video_id}" in d.current_url, "the notification does not lead to the video")
    open_page(maker, demo_server, "/notifications")
    check_page(maker, "notifications-named")


# --- Without JavaScript, and the first page reused ----------------------------------------------


def test_without_javascript_the_feed_is_a_list_of_videos_with_links(demo_server, driver):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_page(driver, demo_server, "/")
        links = driver.find_elements(By.CSS_SELECTOR, "#feed-list a.feed-list-link")
        assert len(links) >= 5, f"without JavaScript / lists {len(links)} videos"
        first = api_json(demo_server, "/api/v1/feed")["items"]
        assert [a.get_attribute("href").split("/v/")[1] for a in links] == [item["video"]["id"] for item in first]
        item = driver.find_elements(By.CSS_SELECTOR, "#feed-list li")[0]
        assert item.find_elements(By.CSS_SELECTOR, "img") and first[0]["creator"]["handle"] in item.text
        assert first[0]["content_kind_label"] in item.text
        assert "needs JavaScript" not in find(driver, "main").text
        # axe needs script to run, so this state gets screenshots only (the same page with
        # script is checked by the other tests).
        for size in ("phone", "desktop"):
            set_viewport(driver, size)
            saved_screenshot(driver, f"feed-no-script-{size}.png")
        set_viewport(driver, None)
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

    # With script, the list becomes the swipe feed from the same page, without asking for it again.
    skip_intro(driver, demo_server)
    open_page(driver, demo_server, "/")
    wait_for(driver, lambda d: len(feed_ids(d)) >= 5, "the feed shows no videos")
    assert not driver.find_elements(By.CSS_SELECTOR, "#feed-list"), "the server's list stays beside the swipe feed"
    asked = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/v1/feed') && !n.includes('cursor'))"
    )
    assert not asked, f"the first page was fetched again: {asked}"

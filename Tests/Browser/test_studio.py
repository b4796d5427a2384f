"""The creator studio as a new creator meets it, on the demo content (`demo_server`): a demo creator
logs in, opens the studio from the header, reads the views chart and its table and the numbers of
each video, opens one video, edits its caption and finds the new caption on the video's page.

The numbers a person sees are checked against the server's own public API (`/api/v1/videos/{id}`)
and the studio API, not against numbers written here. The edited caption is put back at the end,
because other tests use the same demo content."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from support import check_page, find, is_shown, log_in, open_page, path_of, press, visible, wait_for

from processes import Api

CREATOR = "demo_ana_counsellor"


def figures(container) -> dict[str, str]:
    """The studio's numbers in an element: {'views': '12', 'likes': '3', …, 'watch-through': '—'}."""
    found = {}
    for name in ("views", "likes", "saves", "comments", "watch-through"):
        cells = container.find_elements(By.CSS_SELECTOR, f".studio-numbers .figure-{name}")
        assert cells, f"no .figure-{name} in the studio's numbers"
        found[name] = cells[0].text.strip()
    return found


def public_figures(api: Api, video_id: str) -> dict[str, str]:
    """What the public video API says of the same numbers."""
    video = api.json("GET", f"/api/v1/videos/{video_id}")
    return {
        "views": str(video["view_count"]),
        "likes": str(video["like_count"]),
        "saves": str(video["save_count"]),
        "comments": str(video["comment_count"]),
    }


def shown_chart(driver, section: str):
    """The chart's SVG a person sees in `section` (the server draws a narrow and a wide one)."""
    charts = [svg for svg in driver.find_elements(By.CSS_SELECTOR, f"#{section} svg.chart-svg") if svg.is_displayed()]
    assert len(charts) == 1, f"expected one visible chart in #{section}, found {len(charts)}"
    return charts[0]


def bars_by_day(svg) -> dict[str, int]:
    bars = svg.find_elements(By.CSS_SELECTOR, "rect.chart-bar")
    return {bar.get_attribute("data-day"): int(bar.get_attribute("data-views")) for bar in bars}


def open_table(driver, section: str) -> dict[str, int]:
    """Opens the chart's table as a person would and reads it: {day: views}."""
    details = find(driver, f"#{section} details.chart-table")
    if details.get_attribute("open") is None:
        press(driver, details.find_element(By.TAG_NAME, "summary"))
    table = visible(driver, f"#{section}-table")
    caption = table.find_element(By.TAG_NAME, "caption").text
    assert caption.startswith("Views per day"), f"the table's caption reads {caption!r}"
    rows = {}
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        rows[row.get_attribute("data-day")] = int(row.find_element(By.CSS_SELECTOR, "td").text)
    return rows


def test_studio_chart_numbers_and_caption_edit(demo_server, driver):
    api = Api(demo_server.base_url)
    token = api.json("POST", "/api/v1/auth/token", {"handle": CREATOR, "password": demo_server.creator_password}, expect=(200, 201))
    api.token = token["token"]
    mine = api.json("GET", "/api/v1/studio/videos?limit=50")["items"]
    assert mine, f"the demo creator {CREATOR} has no videos: did `seed --demo` make them?"
    ids = [item["video"]["id"] for item in mine]
    public = Api(demo_server.base_url)  # no token: what anyone sees
    expected = {video_id: public_figures(public, video_id) for video_id in ids}
    per_day: dict[str, int] = {}
    for video_id in ids:
        for point in api.json("GET", f"/api/v1/studio/videos/{video_id}/views?days=30")["items"]:
            per_day[point["day"]] = per_day.get(point["day"], 0) + point["views"]
    total_views = sum(int(figures["views"]) for figures in expected.values())
    assert total_views > 0, "the demo content has views"
    assert sum(per_day.values()) == total_views, "the demo views were all counted in the last 30 days"

    # A newcomer logs in and finds the studio in the header.
    log_in(driver, demo_server, CREATOR, demo_server.creator_password)
    press(driver, visible(driver, "#nav-studio"))
    wait_for(driver, lambda d: path_of(d) == "/studio", "the header's Studio link does not open /studio")
    assert find(driver, "h1").text.strip() == "Studio"

    # The chart: 30 days of bars, some with height, the same numbers as the API and the table.
    svg = shown_chart(driver, "all-views")
    assert svg.get_attribute("role") == "img"
    labelled_by = (svg.get_attribute("aria-labelledby") or "").split()
    assert labelled_by and all(driver.find_elements(By.ID, name) for name in labelled_by), "the chart is named by elements on the page"
    drawn = bars_by_day(svg)
    assert len(drawn) == 30, f"expected a bar for each of 30 days, found {len(drawn)}"
    assert any(float(bar.get_attribute("height")) > 0 for bar in svg.find_elements(By.CSS_SELECTOR, "rect.chart-bar"))
    assert drawn == per_day, f"the bars {drawn} differ from the API's views per day {per_day}"
    table = open_table(driver, "all-views")
    assert table == per_day, f"the table {table} differs from the API's views per day {per_day}"
    summary = find(driver, "#all-views-summary").text
    assert summary.startswith(f"{total_views:,} views"), f"the chart's summary reads {summary!r}"

    # Totals and every video's numbers equal what the public API says.
    assert find(driver, "#total-videos").text == str(len(ids))
    assert find(driver, "#total-views").text == str(total_views)
    for name, key in (("likes", "likes"), ("saves", "saves"), ("comments", "comments")):
        assert find(driver, f"#total-{name}").text == str(sum(int(f[key]) for f in expected.values())), f"total {name}"
    rows = driver.find_elements(By.CSS_SELECTOR, "#studio-list li.studio-video")
    assert [row.get_attribute("data-video-id") for row in rows] == ids, "the studio lists the creator's videos, newest first"
    for row in rows:
        video_id = row.get_attribute("data-video-id")
        shown = figures(row)
        # "—" for a person; screen readers also hear "not watched yet".
        watch = shown.pop("watch-through").splitlines()[0]
        assert shown == expected[video_id], f"video {video_id}: the studio shows {shown}, the API says {expected[video_id]}"
        rate = next(item["watch_through_rate"] for item in mine if item["video"]["id"] == video_id)
        assert watch == ("—" if rate is None else f"{round(rate * 100)}%"), f"video {video_id}: watch-through {watch!r}, rate {rate}"
        states = [state.text for state in row.find_elements(By.CSS_SELECTOR, ".studio-states .state")]
        assert "Ready" in states and "Published" in states and "Public" in states, f"video {video_id} shows states {states}"
    check_page(driver, "studio")

    # One video: its own numbers and chart.
    target = rows[0]
    video_id = target.get_attribute("data-video-id")
    original = next(item["video"]["caption"] for item in mine if item["video"]["id"] == video_id)
    press(driver, target.find_element(By.CSS_SELECTOR, "a.studio-video-link"))
    wait_for(driver, lambda d: path_of(d) == f"/studio/videos/{video_id}", "the video's title does not open its studio page")
    assert figures(find(driver, "#video-numbers"))["views"] == expected[video_id]["views"]
    video_days = {p["day"]: p["views"] for p in api.json("GET", f"/api/v1/studio/videos/{video_id}/views")["items"]}
    assert bars_by_day(shown_chart(driver, "video-views")) == video_days
    assert open_table(driver, "video-views") == video_days
    check_page(driver, "studio-video")

    try:
        # A mistake first: no topic ticked. The page says what to fix, next to the field.
        for box in driver.find_elements(By.CSS_SELECTOR, "#edit-video-form input[name='topic_ids[]']"):
            if box.is_selected():
                press(driver, box)
        press(driver, find(driver, "#save-video"))
        error = visible(driver, "#topic_ids-error")
        assert "1 to 3 topics" in error.text
        described = find(driver, "#topics-field").get_attribute("aria-describedby") or ""
        assert "topic_ids-error" in described.split()
        assert is_shown(driver, "#form-error")
        check_page(driver, "studio-video-error")

        # Then the edit itself.
        new_caption = f"{original} Tried it again this morning ({secrets.token_hex(3)})."
        for box in driver.find_elements(By.CSS_SELECTOR, "#edit-video-form input[name='topic_ids[]']")[:1]:
            press(driver, box)
        caption = find(driver, "#caption")
        caption.clear()
        caption.send_keys(new_caption)
        press(driver, find(driver, "#save-video"))
        notice = visible(driver, "#notice")
        assert "saved" in notice.text, f"after saving the notice reads {notice.text!r}"
        assert find(driver, "#caption").get_attribute("value") == new_caption

        # The video's page shows the new caption.
        press(driver, find(driver, "#watch-link"))
        wait_for(driver, lambda d: path_of(d) == f"/v/{video_id}", "'Open the video's page' does not lead to /v/{id}")
        shown_caption = visible(driver, ".video-caption").text.strip()
        assert shown_caption == new_caption, f"the video page shows {shown_caption!r}, expected {new_caption!r}"

        # Back in the studio from the profile page too.
        open_page(driver, demo_server, f"/@{CREATOR}")
        press(driver, visible(driver, "#open-studio"))
        wait_for(driver, lambda d: urlsplit(d.current_url).path == "/studio", "the profile's Studio button does not open /studio")
    finally:
        # Other tests share the demo content: the caption and topics go back as they were.
        before = next(item["video"] for item in mine if item["video"]["id"] == video_id)
        api.json("PATCH", f"/api/v1/videos/{video_id}", {"caption": original, "topic_ids": before["topics"]})

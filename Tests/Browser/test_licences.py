"""Licence verification (issue 13), as a new user would try it, on the demo server: a demo creator
applies at /settings/licence (a renamed text file is refused as evidence, with what was typed
kept), sends a real PDF, and waits; demo_moderator opens the application and its evidence and
approves it; the badge shows on the creator's profile and video page and opens the licence's page
with its number and the board's link; demo_admin then revokes it, putting the demo back."""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from processes import make_clip
from support import check_page, find, log_in, new_user, open_page, press, sign_up, wait_for

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
APPLICANT = "demo_maya_laughs"
CLAIM_CAPTION = "CBT for insomnia works better than sleeping pills in the long run #sleep"
CLAIM_SOURCES = ["NICE guideline on insomnia https://www.nice.org.uk/guidance/ng215", "Edinger et al., 2021, Journal of Clinical Sleep Medicine"]


def fill(driver, selector: str, text: str) -> None:
    field = find(driver, selector)
    field.clear()
    field.send_keys(text)


def set_date(driver, selector: str, day: dt.date) -> None:
    # A date input takes its value through script the same way in every locale.
    driver.execute_script("arguments[0].value = arguments[1]", find(driver, selector), day.isoformat())


def test_a_member_applies_a_moderator_approves_and_the_badge_traces_to_the_board(demo_server, browsers, tmp_path):
    renamed = tmp_path / "licence.pdf"
    renamed.write_text("This is my licence, honestly.\n")
    real = tmp_path / "real-licence.pdf"
    real.write_bytes(PDF)

    member = browsers()
    log_in(member, demo_server, APPLICANT, demo_server.creator_password)
    open_page(member, demo_server, "/settings")
    press(member, find(member, "#settings-licence-link"))
    wait_for(member, lambda d: d.find_elements(By.ID, "licence-form"), "the settings link does not open the licence form")
    check_page(member, "settings-licence")
    fill(member, "#legal_name", "Maya Okonkwo-Reyes")
    Select(find(member, "#licence_type")).select_by_value("lcsw")
    fill(member, "#licence_number", "LCSW 77120")
    fill(member, "#jurisdiction", "us-ny")
    set_date(member, "#expires_on", dt.date.today() + dt.timedelta(days=500))
    fill(member, "#board_url", "https://www.op.nysed.gov/verification-search")
    find(member, "#evidence").send_keys(str(renamed))
    press(member, find(member, "#licence-submit"))
    wait_for(member, lambda d: d.find_elements(By.ID, "evidence-error"), "a renamed text file was not refused as evidence")
    assert "not a PDF, JPEG or PNG" in find(member, "#evidence-error").text
    assert find(member, "#legal_name").get_attribute("value") == "Maya Okonkwo-Reyes", "what was typed is lost"
    find(member, "#evidence").send_keys(str(real))
    press(member, find(member, "#licence-submit"))
    wait_for(member, lambda d: "Your application was sent" in d.page_source, "the application was not sent")
    assert "Waiting for review" in find(member, "#licence-history").text
    check_page(member, "settings-licence-waiting")

    moderator = browsers()
    log_in(moderator, demo_server, "demo_moderator", "demo-moderator-pass-42")
    open_page(moderator, demo_server, "/moderation/licences")
    check_page(moderator, "moderation-licences")
    link = wait_for(
        moderator,
        lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "#licence-queue a.queue-item-link") if APPLICANT in a.text), None),
        "the application is not in the licence queue",
    )
    press(moderator, link)
    wait_for(moderator, lambda d: d.find_elements(By.ID, "licence-decision-form"), "the review page has no decision form")
    assert find(moderator, "#licence-legal-name").text == "Maya Okonkwo-Reyes"
    assert "New York" in find(moderator, "#licence-facts").text, "the jurisdiction is not shown by name"
    assert find(moderator, "#licence-board-link").get_attribute("href") == "https://www.op.nysed.gov/verification-search"
    check_page(moderator, "moderation-licence")
    press(moderator, find(moderator, "#decision-approve"))
    press(moderator, find(moderator, "#licence-decide"))
    wait_for(moderator, lambda d: "The decision was saved" in d.page_source, "the approval was not saved")

    try:
        # The badge on the profile, with its details one step away.
        visitor = browsers()
        open_page(visitor, demo_server, f"/@{APPLICANT}")
        badge = wait_for(visitor, lambda d: d.find_elements(By.CSS_SELECTOR, "#profile-licence a.licence-badge"), "no badge on the profile")[0]
        assert "Verified LCSW" in badge.text and "New York" in badge.text, badge.text
        check_page(visitor, "profile-verified")
        first_video = find(visitor, "#video-grid a.video-tile").get_attribute("href")
        assert "Verified LCSW" in find(visitor, "#video-grid").text, "the grid does not show the badge"
        press(visitor, badge)
        wait_for(visitor, lambda d: d.find_elements(By.ID, "licence-details"), "the badge does not open the licence's page")
        details = find(visitor, "#licence-details").text
        assert "LCSW 77120" in details and "Okonkwo" not in details, details
        assert find(visitor, "#licence-board-link").get_attribute("href") == "https://www.op.nysed.gov/verification-search"
        assert "does not mean that Mindreel endorses every video" in find(visitor, "#what-verification-means").text
        check_page(visitor, "licence-page")
        # And on the creator's video page.
        visitor.get(first_video)
        wait_for(visitor, lambda d: d.find_elements(By.CSS_SELECTOR, ".video-kind a.licence-badge"), "no badge on the video page")
        # The member was told.
        open_page(member, demo_server, "/notifications")
        assert "is verified" in find(member, "main").text
    finally:
        # Put the demo back: an admin revokes the licence (which also checks revocation).
        admin = browsers()
        log_in(admin, demo_server, "demo_admin", "demo-admin-pass-42")
        open_page(admin, demo_server, "/moderation/licences")
        row = next(a for a in admin.find_elements(By.CSS_SELECTOR, "#verified-licences a") if APPLICANT in a.text)
        press(admin, row)
        wait_for(admin, lambda d: d.find_elements(By.ID, "licence-revoke-form"), "an admin is not offered revocation")
        fill(admin, "#revoke-reason", "Demo reset after the browser test.")
        press(admin, find(admin, "#licence-revoke"))
        wait_for(admin, lambda d: "The licence was revoked" in d.page_source, "the revocation was not saved")
    open_page(visitor, demo_server, f"/@{APPLICANT}")
    assert not visitor.find_elements(By.CSS_SELECTOR, ".licence-badge"), "the badge stayed after revocation"


def test_a_members_clinical_claim_waits_for_review_and_is_published_with_its_sources(demo_server, browsers, tmp_path):
    clip = make_clip(tmp_path / "sleep-claim.mp4", 3, 480, 854)
    creator = browsers()
    user = new_user("claimant")
    sign_up(creator, demo_server, user)
    open_page(creator, demo_server, "/upload")
    find(creator, "#file").send_keys(str(clip))
    wait_for(creator, lambda d: "Upload complete" in find(d, "#upload-status").text, "the upload does not finish", seconds=60)
    wait_for(creator, lambda d: d.find_elements(By.CSS_SELECTOR, "#topic-list input[value=sleep]"), "the form shows no sleep topic")
    find(creator, "#caption").send_keys(CLAIM_CAPTION)
    press(creator, find(creator, "label[for='topic-sleep']"))
    press(creator, find(creator, "label[for='content_kind-clinical_claim']"))
    # A clinical claim without a source is refused beside the sources field.
    press(creator, find(creator, "#video-form button[type=submit]"))
    wait_for(creator, lambda d: find(d, "#sources-error").is_displayed(), "a clinical claim without sources was not refused")
    assert "at least one source" in find(creator, "#sources-error").text
    check_page(creator, "upload-claim-needs-sources")
    find(creator, "#sources").send_keys("\n".join(CLAIM_SOURCES))
    press(creator, find(creator, "#video-form button[type=submit]"))
    held = wait_for(creator, lambda d: d.find_elements(By.ID, "held-for-review"), "the page does not say the claim waits for review", seconds=120)[0]
    assert "moderator" in held.text
    video_id = creator.execute_script("return document.getElementById('processing-section').dataset.videoId").lower()
    check_page(creator, "upload-claim-held")

    try:
        # Nobody else can watch it yet; it is not on the creator's profile.
        visitor = browsers()
        open_page(visitor, demo_server, f"/v/{video_id}")
        assert "Sources" not in visitor.page_source and not visitor.find_elements(By.ID, "video-sources")
        open_page(visitor, demo_server, f"/@{user.handle}")
        assert not visitor.find_elements(By.CSS_SELECTOR, f"#video-grid a[href$='{video_id}']"), "a held claim shows on the profile"

        moderator = browsers()
        log_in(moderator, demo_server, "demo_moderator", "demo-moderator-pass-42")
        open_page(moderator, demo_server, "/moderation/claims")
        link = wait_for(
            moderator,
            lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "#claims-queue a.queue-item-link") if user.handle in a.text), None),
            "the held claim is not in the claims queue",
        )
        check_page(moderator, "moderation-claims")
        press(moderator, link)
        wait_for(moderator, lambda d: d.find_elements(By.ID, "claim-decision-form"), "the claim's page has no decision form")
        sources = find(moderator, "#claim-sources").text
        assert "NICE guideline on insomnia" in sources and "Edinger et al., 2021" in sources, sources
        check_page(moderator, "moderation-claim")
        press(moderator, find(moderator, "label[for='claim-approve']"))
        press(moderator, find(moderator, "#claim-decide"))
        wait_for(moderator, lambda d: "The review was saved" in d.page_source, "the review was not saved")

        # Published: the visitor sees the video, its kind in words and its sources with links.
        open_page(visitor, demo_server, f"/v/{video_id}")
        wait_for(visitor, lambda d: d.find_elements(By.ID, "video-sources"), "the approved claim does not list its sources")
        assert "Clinical claim" in find(visitor, ".video-kind").text
        links = {a.text: a.get_attribute("href") for a in visitor.find_elements(By.CSS_SELECTOR, "#video-sources a")}
        assert links == {"NICE guideline on insomnia": "https://www.nice.org.uk/guidance/ng215"}, links
        assert "Edinger et al., 2021, Journal of Clinical Sleep Medicine" in find(visitor, "#video-sources").text
        check_page(visitor, "video-clinical-claim")
        open_page(creator, demo_server, "/notifications")
        assert "is now published with its sources" in find(creator, "main").text
    finally:
        # Put the demo back: the creator deletes the video in the studio.
        open_page(creator, demo_server, f"/studio/videos/{video_id}")
        press(creator, find(creator, "label[for='confirm']"))
        press(creator, find(creator, "#delete-video"))
        wait_for(creator, lambda d: "The video was deleted" in d.page_source, "the video was not deleted")


def test_a_verified_clinicians_clinical_claim_is_published_at_once_with_its_sources(demo_server, driver):
    open_page(driver, demo_server, "/@demo_lee_psychologist")
    badge = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#profile-licence a.licence-badge"), "the demo psychologist has no badge")[0]
    assert "Verified Psychologist" in badge.text and "California" in badge.text, badge.text
    tile = next(a for a in driver.find_elements(By.CSS_SELECTOR, "#video-grid a.video-tile") if "Low mood or depression" in a.text)
    driver.get(tile.get_attribute("href"))
    wait_for(driver, lambda d: d.find_elements(By.ID, "video-sources"), "the demo clinical claim does not list its sources")
    assert "Clinical claim" in find(driver, ".video-kind").text
    assert "DSM-5-TR" in find(driver, "#video-sources").text

"""A verified licence running out (issue 13), on a server whose clock the test moves forward
(`clock_server`): a new member applies with a licence that expires in 45 days and a moderator
approves it; the clinician is told 60 and 30 days before and on the day; the day after, the badge
has gone from their profile, the clinician role from their account, and they were told why and
how to get both back."""

from __future__ import annotations

import datetime as dt
import json

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import check_page, find, log_in, new_user, open_page, press, sign_up, wait_for

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DAYS_LEFT = 45


def long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def roles(driver, server) -> list[str]:
    open_page(driver, server, "/api/v1/me")
    return json.loads(find(driver, "body").text)["roles"]


def notifications(driver, server) -> str:
    open_page(driver, server, "/notifications")
    return find(driver, "main").text


def wait_for_notice(driver, server, words: str) -> str:
    # The licence check runs every second on this server: reload until its notice is there.
    def notice(d):
        text = notifications(d, server)
        return text if words in text else None

    return wait_for(driver, notice, f"no notification saying {words!r}", seconds=20)


def test_a_licence_that_expires_takes_the_badge_and_the_role_and_the_clinician_is_told(clock_server, browsers, tmp_path):
    expires = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=DAYS_LEFT)
    evidence = tmp_path / "licence.pdf"
    evidence.write_bytes(PDF)
    try:
        clinician = browsers()
        user = new_user("expiring")
        sign_up(clinician, clock_server, user)
        open_page(clinician, clock_server, "/settings/licence")
        find(clinician, "#legal_name").send_keys("Robin Expiring")
        Select(find(clinician, "#licence_type")).select_by_value("lmft")
        find(clinician, "#licence_number").send_keys("LMFT 55501")
        find(clinician, "#jurisdiction").send_keys("US-CA")
        clinician.execute_script("arguments[0].value = arguments[1]", find(clinician, "#expires_on"), expires.isoformat())
        find(clinician, "#board_url").send_keys("https://search.dca.ca.gov/")
        find(clinician, "#evidence").send_keys(str(evidence))
        press(clinician, find(clinician, "#licence-submit"))
        wait_for(clinician, lambda d: "Your application was sent" in d.page_source, "the application was not sent")

        moderator = browsers()
        log_in(moderator, clock_server, *clock_server.moderator)
        open_page(moderator, clock_server, "/moderation/licences")
        press(moderator, next(a for a in moderator.find_elements(By.CSS_SELECTOR, "#licence-queue a.queue-item-link") if user.handle in a.text))
        press(moderator, find(moderator, "#decision-approve"))
        press(moderator, find(moderator, "#licence-decide"))
        wait_for(moderator, lambda d: "The decision was saved" in d.page_source, "the approval was not saved")

        visitor = browsers()
        open_page(visitor, clock_server, f"/@{user.handle}")
        assert visitor.find_elements(By.CSS_SELECTOR, "#profile-licence a.licence-badge"), "no badge after approval"
        assert "clinician" in roles(clinician, clock_server)
        # 45 days left: within 60, so the first notice comes at once.
        wait_for_notice(clinician, clock_server, f"expires on {long_date(expires)}, in {DAYS_LEFT} days")

        clock_server.move_clock(20)
        wait_for_notice(clinician, clock_server, f"in {DAYS_LEFT - 20} days")
        open_page(visitor, clock_server, f"/@{user.handle}")
        assert visitor.find_elements(By.CSS_SELECTOR, "#profile-licence a.licence-badge"), "the badge went before the licence expired"

        # On the day the badge still shows (the licence is valid to the end of its expiry day).
        # Past 30 days every session has ended: the clinician logs in again.
        clock_server.move_clock(DAYS_LEFT)
        log_in(clinician, clock_server, user.handle, user.password)
        wait_for_notice(clinician, clock_server, f"expires today ({long_date(expires)})")
        open_page(visitor, clock_server, f"/@{user.handle}")
        assert visitor.find_elements(By.CSS_SELECTOR, "#profile-licence a.licence-badge"), "the badge went on the expiry day itself"

        # The day after: badge and role gone by themselves, and the clinician told.
        clock_server.move_clock(DAYS_LEFT + 1)
        text = wait_for_notice(clinician, clock_server, f"expired on {long_date(expires)}")
        assert "the badge and the clinician role have ended" in text and "Submit a renewal" in text, text
        check_page(clinician, "notifications-licence-expired")
        assert "clinician" not in roles(clinician, clock_server), "the clinician role outlived the licence"
        open_page(visitor, clock_server, f"/@{user.handle}")
        assert not visitor.find_elements(By.CSS_SELECTOR, ".licence-badge"), "the badge outlived the licence"
        assert "Verified" not in find(visitor, "main").text
        open_page(clinician, clock_server, "/settings/licence")
        check_page(clinician, "settings-licence-expired")
    finally:
        clock_server.move_clock(0)

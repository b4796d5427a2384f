"""Clinicians' review notes (issue 14), as the people involved would use them, on the demo server.

A newly verified clinician (in no practice) writes a note on demo_sam_lives_it's "POV" video: a
note without a citation is refused beside the field, with what was typed kept. Nobody but
clinicians, moderators and the creator sees it yet. demo_ana_counsellor (Harbour Counselling
Collective) rates it helpful from her list of notes to rate: still not public, one rating is not
enough. A second new clinician, in another practice, rates it helpful: now everyone sees it with
its citations. Sam, told in his notifications, replies once, and the reply shows under the note.
Afterwards the author deletes the note and the two licences are revoked, so the demo is as it
was. The demo's own note (Ana's, approved by demo_moderator) shows on Maya's ADHD list."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import urllib.request

from selenium.webdriver.common.by import By

from processes import Api
from support import check_page, find, log_in, open_page, press, wait_for

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
POV = "POV: you realise your overthinking is actually anxiety"
NOTE = "Replaying conversations and checking your phone are common, especially under stress. Anxiety disorders are about how much worry gets in the way; a professional can help you tell."
CITATION = "NHS: Generalised anxiety disorder in adults https://www.nhs.uk/mental-health/conditions/generalised-anxiety-disorder/overview/"
REPLY = "Thank you, that is fair. I will add a line about talking to someone."
PASSWORD = "steady-harbour-4821"


def token_for(server, handle: str, password: str) -> Api:
    api = Api(server.base_url)
    api.token = api.json("POST", "/api/v1/auth/token", {"handle": handle, "password": password}, expect=(200, 201))["token"]
    return api


def multipart(fields: dict[str, str], evidence: bytes) -> tuple[bytes, str]:
    boundary = "mindreel-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode() for name, value in fields.items()]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="licence.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + evidence
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def new_clinician(server, moderator: Api, prefix: str, number: int) -> tuple[str, str]:
    """A member verified as a clinician the way the API does it: apply with a PDF, a moderator
    approves. Returns (handle, licence id)."""
    api = Api(server.base_url)
    handle = f"{prefix}_{os.getpid() % 10000}_{int(time.time()) % 10000}"
    api.json(
        "POST", "/api/v1/accounts",
        {"handle": handle, "display_name": prefix.replace("_", " ").title(), "email": f"{handle}@example.com", "password": PASSWORD, "birth_year": 1985},
        expect=(201,),
    )
    api = token_for(server, handle, PASSWORD)
    body, boundary = multipart(
        {
            "legal_name": prefix.replace("_", " ").title(), "licence_type": "lcsw", "licence_number": f"LCSW {number}", "jurisdiction": "US-NY",
            "expires_on": (dt.date.today() + dt.timedelta(days=400)).isoformat(), "board_url": "https://www.op.nysed.gov/verification-search",
        },
        PDF,
    )
    request = urllib.request.Request(
        server.url("/api/v1/me/licences"), data=body, method="POST",
        headers={"Authorization": f"Bearer {api.token}", "Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        licence = json.loads(response.read())["id"]
    moderator.json("POST", f"/api/v1/moderation/licences/{licence}/decision", {"decision": "approve"})
    return handle, licence


def note_on(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#review-notes article.review-note")


def test_a_note_shows_after_helpful_ratings_from_two_practices_and_the_creators_reply_shows_under_it(demo_server, browsers):
    moderator = token_for(demo_server, "demo_moderator", "demo-moderator-pass-42")
    admin = token_for(demo_server, "demo_admin", "demo-admin-pass-42")
    author, author_licence = new_clinician(demo_server, moderator, "note_author", 810001)
    rater, rater_licence = new_clinician(demo_server, moderator, "note_rater", 810002)
    practice = admin.json(
        "POST", "/api/v1/admin/practices",
        {"name": f"Riverside Therapy {rater[-9:]}", "description": "A second practice for the review-note test.", "website": "https://example.org", "jurisdictions": ["US-NY"]},
        expect=(201,),
    )
    admin.json("POST", f"/api/v1/admin/practices/{practice['id']}/members", {"handle": rater, "role": "clinician"}, expect=(200, 201))
    video = next(
        i["video"] for i in Api(demo_server.base_url).json("GET", "/api/v1/feed?topic=anxiety&limit=50")["items"] if i["video"]["caption"].startswith(POV)
    )
    page = f"/v/{video['id']}"

    writer = browsers()
    try:
        # The author writes the note, forgetting the citation first.
        log_in(writer, demo_server, author, PASSWORD)
        open_page(writer, demo_server, page)
        press(writer, find(writer, "#review-note-write summary"))
        press(writer, find(writer, "#stance-adds_context"))
        find(writer, "#note-body").send_keys(NOTE)
        press(writer, find(writer, "#review-note-send"))
        wait_for(writer, lambda d: d.find_elements(By.ID, "note-citations-error"), "a note without a citation was not refused")
        assert "at least one citation" in find(writer, "#note-citations-error").text
        assert find(writer, "#note-body").get_attribute("value") == NOTE, "what was typed is lost"
        check_page(writer, "review-note-refused", scroll_to="#review-note-write")
        find(writer, "#note-citations").send_keys(CITATION)
        press(writer, find(writer, "#review-note-send"))
        wait_for(writer, lambda d: "Your note was saved" in d.page_source, "the note was not saved")
        assert "Not shown to everyone yet" in find(writer, "#review-notes").text

        visitor = browsers()
        open_page(visitor, demo_server, page)
        assert not note_on(visitor), "a note nobody rated is public"

        # Ana (Harbour Counselling Collective) finds it on her list and rates it helpful.
        ana = browsers()
        log_in(ana, demo_server, "demo_ana_counsellor", demo_server.creator_password)
        press(ana, find(ana, "#nav-review-notes"))
        wait_for(ana, lambda d: d.find_elements(By.ID, "review-notes-waiting"), "the header's link does not open the notes to rate")
        check_page(ana, "review-notes-to-rate")
        link = wait_for(
            ana, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "#review-notes-list li") if "Replaying conversations" in a.text), None),
            "the note is not on Ana's list to rate",
        )
        press(ana, link.find_element(By.CSS_SELECTOR, "a.review-notes-open"))
        press(ana, wait_for(ana, lambda d: d.find_elements(By.CSS_SELECTOR, ".review-note-helpful"), "no rating buttons")[0])
        wait_for(ana, lambda d: "You said yes." in d.page_source, "Ana's rating was not saved")
        open_page(visitor, demo_server, page)
        assert not note_on(visitor), "one helpful rating made the note public"

        # A clinician of another practice rates it helpful too: now it is public.
        second = browsers()
        log_in(second, demo_server, rater, PASSWORD)
        open_page(second, demo_server, page)
        press(second, wait_for(second, lambda d: d.find_elements(By.CSS_SELECTOR, ".review-note-helpful"), "no rating buttons")[0])
        wait_for(second, lambda d: "Your rating was saved" in d.page_source, "the second rating was not saved")
        open_page(visitor, demo_server, page)
        shown = wait_for(visitor, note_on, "the note is not public after two helpful ratings from two practices")[0]
        assert NOTE in shown.text and "Adds context" in shown.text and "Verified LCSW" in shown.text, shown.text
        assert shown.find_element(By.CSS_SELECTOR, ".review-note-citations a").get_attribute("href").startswith("https://www.nhs.uk/")

        # Sam is told, and replies once, from the notification.
        sam = browsers()
        log_in(sam, demo_server, "demo_sam_lives_it", demo_server.creator_password)
        open_page(sam, demo_server, "/notifications")
        notice = wait_for(
            sam, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "main a") if "wrote a review note" in a.text), None),
            "Sam was not told about the note",
        )
        press(sam, notice)
        press(sam, wait_for(sam, lambda d: d.find_elements(By.CSS_SELECTOR, ".review-note-reply-form summary"), "Sam is not offered a reply")[0])
        find(sam, ".review-note-reply-form textarea").send_keys(REPLY)
        press(sam, find(sam, ".review-note-reply-send"))
        wait_for(sam, lambda d: "Your reply was saved" in d.page_source, "the reply was not saved")
        assert not sam.find_elements(By.CSS_SELECTOR, ".review-note-reply-form"), "a second reply is offered"

        open_page(visitor, demo_server, page)
        shown = note_on(visitor)[0]
        assert REPLY in find(visitor, ".review-note-reply").text
        assert shown.find_element(By.CSS_SELECTOR, ".review-note-reply"), "the reply is not under the note"
        check_page(visitor, "video-review-note", scroll_to="#review-notes")
    finally:
        # Put the demo back: the note goes, and both new licences are revoked.
        open_page(writer, demo_server, page)
        for button in writer.find_elements(By.CSS_SELECTOR, ".review-note-delete button")[:1]:
            press(writer, button)
            wait_for(writer, lambda d: "Your note was deleted" in d.page_source, "the note was not deleted")
        for licence in (author_licence, rater_licence):
            admin.json("POST", f"/api/v1/admin/licences/{licence}/revoke", {"reason": "Demo reset after the review-note test."})
    open_page(visitor, demo_server, page)
    assert not note_on(visitor), "the test's note stayed on the demo video"


def test_the_demos_approved_note_shows_on_the_adhd_list_with_the_creators_reply(demo_server, driver):
    video = next(
        i["video"] for i in Api(demo_server.base_url).json("GET", "/api/v1/feed?topic=adhd&limit=50")["items"]
        if i["video"]["caption"].startswith("7 signs you have ADHD")
    )
    open_page(driver, demo_server, f"/v/{video['id']}")
    note = wait_for(driver, note_on, "the demo's note is not shown")[0]
    assert "Verified" in note.text and "by Ana" in note.text, note.text
    assert "A list like this cannot tell you whether you have it" in note.text
    assert "NICE guideline NG87" in note.text and "DSM-5-TR" in note.text
    assert "pin a comment about getting a proper assessment" in find(driver, ".review-note-reply").text
    assert not driver.find_elements(By.CSS_SELECTOR, ".review-note-rate"), "a visitor is offered rating"

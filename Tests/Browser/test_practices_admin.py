"""Practices (issue 13, its first part): a site admin opens Practices from the header menu,
creates a practice (a wrong website and an unknown place code are refused in words, with what
was typed kept), sees the places by name, adds a member as practice admin, is refused a
coordinator without the coordinator role, and removes the member. Runs on the demo server."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from support import check_page, find, log_in, new_user, open_page, press, sign_up, wait_for


def fill(driver, selector: str, text: str) -> None:
    field = find(driver, selector)
    field.clear()
    field.send_keys(text)


def test_an_admin_creates_a_practice_and_says_who_is_in_it(demo_server, browsers):
    newcomer = new_user("frontdesk")
    sign_up(browsers(), demo_server, newcomer)

    admin = browsers()
    log_in(admin, demo_server, "demo_admin", "demo-admin-pass-42")
    open_page(admin, demo_server, "/")
    menu = find(admin, "#nav-menu-button")
    if menu.is_displayed():  # on a phone the header folds its links into a menu
        press(admin, menu)
    press(admin, find(admin, "#nav-admin-practices"))
    wait_for(admin, lambda d: d.find_elements(By.ID, "practice-form"), "the Practices link does not open the practices page")
    check_page(admin, "admin-practices")

    name = f"Harbour Counselling {newcomer.handle[-4:]}"
    fill(admin, "#practice-name", name)
    fill(admin, "#practice-description", "Talk therapy for adults, in person in Cork and by video.")
    fill(admin, "#practice-website", "harbour counselling")
    fill(admin, "#practice-jurisdictions", "IE, XX")
    press(admin, find(admin, "#practice-submit"))
    wait_for(admin, lambda d: d.find_elements(By.ID, "form-error"), "a wrong website and place were not refused")
    assert "http:// or https://" in find(admin, "#website-error").text
    assert "XX" in find(admin, "#jurisdictions-error").text
    assert find(admin, "#practice-name").get_attribute("value") == name, "what was typed was lost"
    assert find(admin, "#practice-website").get_attribute("aria-invalid") == "true"
    check_page(admin, "admin-practices-refused")

    fill(admin, "#practice-website", "https://harbour.example.org")
    fill(admin, "#practice-jurisdictions", "ie, gb-nir")
    press(admin, find(admin, "#practice-submit"))
    wait_for(admin, lambda d: d.find_elements(By.ID, "practice-title"), "the practice was not created")
    assert "The practice was saved." in find(admin, "#notice").text
    assert find(admin, "#practice-title").text == name
    places = [li.text for li in admin.find_elements(By.CSS_SELECTOR, "#practice-places li")]
    assert places == ["Ireland", "Northern Ireland, United Kingdom"], places

    # A member as practice admin; as coordinator they are refused, in words, until they have the role.
    fill(admin, "#member-handle", newcomer.handle)
    find(admin, "#member-role").find_element(By.CSS_SELECTOR, "option[value=coordinator]").click()
    press(admin, find(admin, "#member-submit"))
    error = wait_for(admin, lambda d: d.find_elements(By.ID, "member-role-error"), "a coordinator without the role was not refused")
    assert "coordinator role" in error[0].text, error[0].text
    assert find(admin, "#member-handle").get_attribute("value") == newcomer.handle
    find(admin, "#member-role").find_element(By.CSS_SELECTOR, "option[value=practice_admin]").click()
    press(admin, find(admin, "#member-submit"))
    wait_for(admin, lambda d: "They were added" in d.page_source, "the member was not added")
    row = find(admin, "#member-rows .member-row")
    assert f"@{newcomer.handle}" in row.text and "Practice admin" in row.text, row.text
    check_page(admin, "admin-practice")

    press(admin, row.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_for(admin, lambda d: d.find_elements(By.ID, "members-empty"), "the member was not removed")
    assert "They were removed" in find(admin, "#notice").text

    # The list names it with its places and members.
    open_page(admin, demo_server, "/admin/practices")
    listed = [li.text for li in admin.find_elements(By.CSS_SELECTOR, "#practice-rows li")]
    assert any(name in text and "Ireland" in text and "0 members" in text for text in listed), listed

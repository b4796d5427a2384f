"""Help now (/help, issue 15): one tap from the feed's overlay and from every page's header, and
working with JavaScript off; the region comes from the page's picker (remembered) or a member's
setting, never from the address; an admin's change to a line shows on every page at once, and bad
input is refused by its field with what was typed kept. Runs on the demo server, which it leaves
as it found it."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import check_page, fill_and_submit, find, log_in, new_user, open_page, path_of, press, sign_up, visible, wait_for


def test_help_is_one_tap_from_the_feed_and_every_page_and_works_without_javascript(demo_server, driver):
    open_page(driver, demo_server, "/")
    press(driver, visible(driver, "#feed-help-link"))
    wait_for(driver, lambda d: path_of(d) == "/help", "the feed's 'Get help now' does not open /help")
    lines = find(driver, "#crisis-cards").text
    assert "988" in lines and "Text HOME to 741741" in lines and "Chat online" in lines, lines
    assert "Call 911" in find(driver, "#crisis-emergency").text
    assert find(driver, "#crisis-cards a[href='tel:988']") and find(driver, "#crisis-emergency a[href='tel:911']")
    check_page(driver, "help")

    open_page(driver, demo_server, "/guidelines")
    press(driver, visible(driver, "#nav-help"))
    wait_for(driver, lambda d: path_of(d) == "/help", "the header's Help link does not open /help")

    # Nothing on the page needs a script, or anything from another site.
    foreign = driver.execute_script(
        "return [...document.querySelectorAll('script[src], link[href], img[src], iframe')]"
        ".map(e => e.src || e.href).filter(u => u && new URL(u).origin !== location.origin)"
    )
    assert foreign == [], f"/help loads from other sites: {foreign}"
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_page(driver, demo_server, "/help")
        Select(find(driver, "#crisis-region")).select_by_value("GB")
        press(driver, find(driver, "#crisis-region-form button[type=submit]"))
        wait_for(driver, lambda d: "region=GB" in d.current_url, "the region picker does not work without JavaScript")
        assert "Talk to someone: United Kingdom" in find(driver, "#crisis-resources-title").text
        assert "Samaritans" in find(driver, "#crisis-cards").text and "Call 116 123" in find(driver, "#crisis-cards").text
        assert "Call 999" in find(driver, "#crisis-emergency").text
        assert "988" not in find(driver, "#crisis-help").text
        # The pick is remembered on the next page, in its footer.
        open_page(driver, demo_server, "/guidelines")
        footer = find(driver, "#crisis-lines").text
        assert "Samaritans: call 116 123" in footer and "999" in footer and "988" not in footer, footer
        # A country with no lines of its own gets the emergency number and says so.
        open_page(driver, demo_server, "/help?region=JP")
        assert "does not list help lines for Japan yet" in find(driver, "#crisis-fallback").text
        assert "local emergency number" in find(driver, "#crisis-emergency").text
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        driver.delete_cookie("mindreel_region")


def test_a_member_sets_their_region_and_an_admin_changes_a_line_everywhere(demo_server, browsers):
    member = browsers()
    person = new_user("dublin")
    sign_up(member, demo_server, person)
    open_page(member, demo_server, "/settings")
    fill_and_submit(member, "#crisis-region-settings", {"region": "IE"})
    assert "Your region was saved" in find(member, "#notice").text
    footer = find(member, "#crisis-lines").text
    assert "Samaritans: call 116 123" in footer and "In immediate danger, call 112 or 999" in footer, footer
    open_page(member, demo_server, "/help")
    assert "This is the region in your settings" in find(member, "#crisis-region-from-settings").text

    admin = browsers()
    log_in(admin, demo_server, "demo_admin", "demo-admin-pass-42")
    open_page(admin, demo_server, "/admin/crisis-resources")
    check_page(admin, "admin-crisis-resources")
    # A chat link that is not https is refused by its field; what was typed stays.
    fill_and_submit(
        admin,
        "#add-crisis-form",
        {"region": "IE", "name": "Text About It", "text": "50808", "chat_url": "http://example.org/chat", "hours": "24 hours, every day"},
    )
    assert "https link" in find(admin, "#new-crisis-chat-error").text
    assert find(admin, "#new-crisis-name").get_attribute("value") == "Text About It"
    assert find(admin, "#new-crisis-text").get_attribute("value") == "50808"
    fill_and_submit(admin, "#add-crisis-form", {"text_keyword": "HELLO", "chat_url": ""})
    assert "help line was saved" in find(admin, "#notice").text

    open_page(member, demo_server, "/guidelines")
    assert "Text About It: text HELLO to 50808" in find(member, "#crisis-lines").text
    assert find(member, "#crisis-lines a[href='sms:50808?&body=HELLO']")

    # Removed again: the demo keeps its defaults.
    open_page(admin, demo_server, "/admin/crisis-resources")
    row = next(r for r in admin.find_elements(By.CSS_SELECTOR, ".crisis-admin-row") if "Text About It" in r.text)
    press(admin, row.find_element(By.TAG_NAME, "summary"))
    press(admin, row.find_element(By.CSS_SELECTOR, ".crisis-admin-delete button"))
    wait_for(
        admin,
        lambda d: any("help line was removed" in e.text for e in d.find_elements(By.ID, "notice")),
        "removing the line did not say so",
    )
    open_page(member, demo_server, "/guidelines")
    assert "Text About It" not in find(member, "#crisis-lines").text

"""Accounts as a new member meets them: sign up, log in and out, reset and change the password,
end a session on another device."""

import json
import time
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By

from support import (
    assert_signed_in_as,
    assert_signed_out,
    check_page,
    field_value,
    fill_and_submit,
    find,
    log_in,
    log_out,
    new_user,
    open_page,
    path_of,
    press,
    reset_link_from_mail,
    sign_up,
    visible,
    wait_for,
)


def test_sign_up_log_out_and_log_in_again(server, driver):
    user = new_user("river")

    open_page(driver, server, "/signup")
    check_page(driver, "signup")
    sign_up(driver, server, user)

    # A new member is welcomed and offered the topic picker, which they may skip.
    assert path_of(driver) == "/welcome/topics", f"after signing up the browser is at {driver.current_url}, expected /welcome/topics"
    assert "Welcome to Mindreel" in find(driver, "#notice").text
    assert_signed_in_as(driver, user)
    press(driver, driver.find_element(By.LINK_TEXT, "Skip for now"))
    wait_for(driver, lambda d: path_of(d) == "/", "'Skip for now' does not lead to the feed")

    log_out(driver)

    open_page(driver, server, "/login")
    check_page(driver, "login")
    log_in(driver, server, user.handle, user.password)
    assert path_of(driver) == "/"
    assert_signed_in_as(driver, user)

    press(driver, find(driver, "#nav-settings"))
    wait_for(driver, lambda d: path_of(d) == "/settings", "the @handle link does not open /settings")
    body = find(driver, "main").text
    assert user.handle in body, f"the settings page does not show the handle {user.handle!r}"
    visible(driver, "#password-form")
    visible(driver, "#sessions")
    check_page(driver, "settings")

    # Logging in by email works as well as by handle.
    log_out(driver)
    log_in(driver, server, user.email, user.password)
    assert_signed_in_as(driver, user)


def test_sign_up_errors_keep_what_was_typed(server, driver):
    taken = new_user("taken")
    sign_up(driver, server, taken)
    assert_signed_in_as(driver, taken)
    log_out(driver)

    # The handle is taken: the page says so next to the field and keeps the other entries.
    second = new_user("second")
    open_page(driver, server, "/signup")
    fill_and_submit(
        driver,
        "#signup-form",
        {
            "handle": taken.handle,
            "display_name": second.display_name,
            "email": second.email,
            "password": second.password,
            "birth_year": "1988",
        },
    )
    assert visible(driver, "#handle-error").text.strip(), "#handle-error is empty for a taken handle"
    assert field_value(driver, "#signup-form", "handle") == taken.handle
    assert field_value(driver, "#signup-form", "display_name") == second.display_name
    assert field_value(driver, "#signup-form", "email") == second.email
    assert field_value(driver, "#signup-form", "birth_year") == "1988"
    assert field_value(driver, "#signup-form", "password") == "", "the password is sent back into the page"
    assert not driver.find_elements(By.CSS_SELECTOR, "#nav-settings"), "signed in despite the error"
    check_page(driver, "signup-errors")

    # A too-short password. Switch off the browser's own length hint so that the server's
    # message is what is tested (the server must refuse it whatever the browser does).
    driver.execute_script("document.querySelector('#signup-form').noValidate = true")
    fill_and_submit(
        driver,
        "#signup-form",
        {
            "handle": second.handle,
            "display_name": second.display_name,
            "email": second.email,
            "password": "short",
            "birth_year": "1988",
        },
    )
    assert visible(driver, "#password-error").text.strip(), "#password-error is empty for a 5-character password"
    assert field_value(driver, "#signup-form", "handle") == second.handle
    assert field_value(driver, "#signup-form", "email") == second.email
    assert field_value(driver, "#signup-form", "password") == ""
    stale = [e for e in driver.find_elements(By.CSS_SELECTOR, "#handle-error") if e.text.strip()]
    assert not stale, "the handle error from the previous try is still shown"
    assert not driver.find_elements(By.CSS_SELECTOR, "#nav-settings")

    # Nothing was created: that handle can still sign up.
    second_try = new_user("second")
    second_try.handle, second_try.email = second.handle, second.email
    sign_up(driver, server, second_try)
    assert_signed_in_as(driver, second_try)


def test_forgotten_password_is_reset_through_the_mailed_link(server, driver):
    user = new_user("forgot")
    sign_up(driver, server, user)
    log_out(driver)

    open_page(driver, server, "/login")
    link = find(driver, "a[href='/password/forgot']", "(a 'forgot password' link on the log-in page)")
    press(driver, link)
    wait_for(driver, lambda d: path_of(d) == "/password/forgot", "the link does not open /password/forgot")
    check_page(driver, "password-forgot")

    asked_at = time.time() - 2
    fill_and_submit(driver, "#forgot-form", {"email": user.email})
    assert visible(driver, "#notice").text.strip()

    reset_url = reset_link_from_mail(server.data_dir, user.email, after=asked_at)
    assert reset_url.startswith(server.base_url + "/password/reset?token="), reset_url
    driver.get(reset_url)
    visible(driver, "#reset-form")
    check_page(driver, "password-reset")

    new_password = "quiet-harbor-7315"
    fill_and_submit(driver, "#reset-form", {"new_password": new_password})
    if path_of(driver) == "/login":
        assert visible(driver, "#notice").text.strip(), "redirected to /login without a #notice"
    else:
        assert_signed_in_as(driver, user)
        log_out(driver)

    # The old password no longer works; the new one does.
    log_in(driver, server, user.handle, user.password)
    assert visible(driver, "#form-error").text.strip()
    assert not driver.find_elements(By.CSS_SELECTOR, "#nav-settings")
    assert field_value(driver, "#login-form", "password") == ""

    log_in(driver, server, user.handle, new_password)
    assert_signed_in_as(driver, user)

    # The link works once: opened again, it offers no form, and a way to ask for a new link.
    log_out(driver)
    driver.get(reset_url)
    assert not driver.find_elements(By.CSS_SELECTOR, "#reset-form"), "a used reset link still offers #reset-form"
    assert find(driver, "h1").text.strip()
    find(driver, "main a[href='/password/forgot']", "(a way to ask for a new link)")


def test_change_password_in_settings(server, driver):
    user = new_user("change")
    sign_up(driver, server, user)
    open_page(driver, server, "/settings")

    # A wrong current password is refused next to that field.
    fill_and_submit(
        driver,
        "#password-form",
        {"current_password": "not-my-password-1", "new_password": "bright-forest-5120"},
    )
    assert visible(driver, "#current_password-error").text.strip()

    new_password = "bright-forest-5120"
    open_page(driver, server, "/settings")
    fill_and_submit(
        driver,
        "#password-form",
        {"current_password": user.password, "new_password": new_password},
    )
    assert visible(driver, "#notice").text.strip(), "no #notice after changing the password"
    assert_signed_in_as(driver, user)  # this session stays signed in

    log_out(driver)
    log_in(driver, server, user.handle, user.password)
    assert visible(driver, "#form-error").text.strip(), "the old password still works"
    log_in(driver, server, user.handle, new_password)
    assert_signed_in_as(driver, user)


def test_end_a_session_on_another_browser(server, browsers):
    user = new_user("session")
    first = browsers()
    sign_up(first, server, user)
    assert_signed_in_as(first, user)

    second = browsers()
    log_in(second, server, user.handle, user.password)
    assert_signed_in_as(second, user)

    open_page(first, server, "/settings")
    sessions = first.find_elements(By.CSS_SELECTOR, "#sessions li.session")
    assert len(sessions) == 2, f"#sessions lists {len(sessions)} sessions, expected 2"
    current = first.find_elements(By.CSS_SELECTOR, "#sessions li.session.current")
    assert len(current) == 1, "exactly one session should be marked as the current one"
    assert not current[0].find_elements(By.CSS_SELECTOR, "form.end-session"), (
        "the current session offers 'End session' (logging out is how to end it)"
    )

    button = find(first, "#sessions li.session:not(.current) form.end-session button")
    assert "end" in button.text.lower(), f"the button reads {button.text!r}"
    press(first, button)
    wait_for(
        first,
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#sessions li.session")) == 1,
        "after 'End session' the list does not shrink to the current session",
    )
    assert_signed_in_as(first, user)

    open_page(second, server, "/settings")
    wait_for(second, lambda d: path_of(d) == "/login", "the ended session can still open /settings")
    assert_signed_out(second)


def _api_me(server, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(server.url("/api/v1/me"), headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


def test_create_use_and_revoke_an_api_token(server, driver):
    user = new_user("token")
    sign_up(driver, server, user)
    open_page(driver, server, "/settings")
    visible(driver, "#token-form")

    fill_and_submit(driver, "#token-form", {"name": "Reading app"})
    token = visible(driver, "#new-token-value").text.strip()
    assert len(token) >= 20, f"the new token {token!r} looks too short"
    listed = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#tokens li.token")]
    assert any("Reading app" in text for text in listed), f"#tokens lists {listed}"
    check_page(driver, "settings-token")

    # An app can use it.
    status, me = _api_me(server, token)
    assert status == 200, f"GET /api/v1/me with the new token answered {status}"
    assert me.get("handle") == user.handle, me

    # Shown once only.
    open_page(driver, server, "/settings")
    assert not driver.find_elements(By.CSS_SELECTOR, "#new-token-value"), "the token is shown again"

    revoke = find(driver, "#tokens li.token form.revoke-token button")
    press(driver, revoke)
    wait_for(
        driver,
        lambda d: not d.find_elements(By.CSS_SELECTOR, "#tokens li.token"),
        "the revoked token is still listed",
    )
    status, _ = _api_me(server, token)
    assert status == 401, f"GET /api/v1/me with a revoked token answered {status}, expected 401"

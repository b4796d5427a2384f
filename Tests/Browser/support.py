"""Helpers for the browser tests: the server under test, Chromium, forms, axe-core, screenshots, mail.

The tests drive the pages the way a person would: they fill in forms and press buttons, and assert
what is shown. Element names follow the page contract in Tests/Browser/README.md.
"""

from __future__ import annotations

import email
import email.policy
import html
import json
import re
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"

# Viewports for screenshots and accessibility checks: (width, height, mobile).
VIEWPORTS = {
    "phone": (390, 844, True),
    "desktop": (1280, 800, False),
}

WAIT_SECONDS = 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """The running `mindreel serve` under test."""

    base_url: str
    data_dir: Path
    log_path: Path

    def url(self, path: str) -> str:
        return self.base_url + path


@dataclass
class User:
    handle: str
    display_name: str
    email: str
    password: str
    birth_year: str = "1990"


def new_user(prefix: str = "user") -> User:
    """A user nobody has signed up with yet (handles match [a-z0-9_]{3,30})."""
    handle = f"{prefix}_{secrets.token_hex(4)}"[:30]
    return User(
        handle=handle,
        display_name=f"{prefix.capitalize()} Tester",
        email=f"{handle}@example.com",
        password=f"calm-river-{secrets.randbelow(9000) + 1000}",
    )


# --- Chromium ---------------------------------------------------------------------------------


def make_chrome() -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    # Selenium would otherwise try to download a driver, which cannot work offline.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    # The site scrolls smoothly unless the reader asks for reduced motion; a scroll still moving
    # when chromedriver clicks makes the click miss. Ask as such a reader would (it also stops
    # colour transitions, which could catch axe's contrast check mid-way).
    emulate_media(driver, color_scheme="light")
    return driver


def emulate_media(driver: WebDriver, color_scheme: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {
            "features": [
                {"name": "prefers-reduced-motion", "value": "reduce"},
                {"name": "prefers-color-scheme", "value": color_scheme},
            ]
        },
    )


def set_viewport(driver: WebDriver, size: str | None) -> None:
    """Exact viewport sizes (the window size would include the invisible browser frame), or back
    to the window's own size with None. Only for screenshots and axe: chromedriver computes click
    positions from the window, so tests interact with the page at its natural size."""
    if size is None:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return
    width, height, mobile = VIEWPORTS[size]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def press(driver: WebDriver, element: WebElement) -> None:
    """Clicks a button or link the way a person would, after scrolling it into the middle of view."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def gone(element: WebElement):
    """A wait condition: the element no longer belongs to the page (a new page has loaded)."""

    def condition(_driver) -> bool:
        try:
            element.is_enabled()
            return False
        except WebDriverException:  # stale, or "does not belong to the document"
            return True

    return condition


def path_of(driver: WebDriver) -> str:
    return urlsplit(driver.current_url).path


def wait_for(driver: WebDriver, condition, message: str, seconds: float = WAIT_SECONDS):
    try:
        return WebDriverWait(driver, seconds).until(condition)
    except TimeoutException:
        raise AssertionError(
            f"{message} (after {seconds}s; now at {driver.current_url}, "
            f"page title {driver.title!r})\n{page_excerpt(driver)}"
        ) from None


def page_excerpt(driver: WebDriver, limit: int = 1500) -> str:
    try:
        text = driver.find_element(By.TAG_NAME, "body").text
    except Exception:  # the page may be gone mid-navigation
        return ""
    text = text.strip()
    return "page text: " + (text[:limit] + " …" if len(text) > limit else text)


def find(driver: WebDriver, selector: str, where: str = "") -> WebElement:
    try:
        return driver.find_element(By.CSS_SELECTOR, selector)
    except NoSuchElementException:
        raise AssertionError(
            f"no element {selector!r}{' ' + where if where else ''} on {driver.current_url}\n"
            f"{page_excerpt(driver)}"
        ) from None


def visible(driver: WebDriver, selector: str) -> WebElement:
    """The element, once shown (it may appear after a redirect)."""
    return wait_for(
        driver,
        EC.visibility_of_element_located((By.CSS_SELECTOR, selector)),
        f"{selector!r} is not visible",
    )


def is_shown(driver: WebDriver, selector: str) -> bool:
    return any(e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, selector))


def open_page(driver: WebDriver, server: Server, path: str) -> None:
    driver.get(server.url(path))


# --- Forms ------------------------------------------------------------------------------------


def fill_and_submit(driver: WebDriver, form_selector: str, values: dict[str, str]) -> None:
    """Types into a form's fields as a person would, presses its submit button and waits for the
    next page. Every form must carry a hidden, non-empty `csrf_token`."""
    form = find(driver, form_selector)
    token = form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=csrf_token]")
    assert token and token[0].get_attribute("value"), (
        f"{form_selector} on {driver.current_url} has no hidden csrf_token with a value"
    )
    for name, value in values.items():
        fields = form.find_elements(By.NAME, name)
        assert fields, f"{form_selector} on {driver.current_url} has no field named {name!r}"
        field = fields[0]
        if field.tag_name == "select":
            field.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
            continue
        field.clear()
        field.send_keys(value)
    buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])")
    assert buttons, f"{form_selector} on {driver.current_url} has no submit button"
    press(driver, buttons[0])
    wait_for(driver, gone(form), f"submitting {form_selector} did not load a new page")


def field_value(driver: WebDriver, form_selector: str, name: str) -> str:
    return find(driver, f"{form_selector} [name={name}]").get_attribute("value") or ""


def sign_up(driver: WebDriver, server: Server, user: User) -> None:
    open_page(driver, server, "/signup")
    fill_and_submit(
        driver,
        "#signup-form",
        {
            "handle": user.handle,
            "display_name": user.display_name,
            "email": user.email,
            "password": user.password,
            "birth_year": user.birth_year,
        },
    )


def log_in(driver: WebDriver, server: Server, login: str, password: str) -> None:
    open_page(driver, server, "/login")
    fill_and_submit(driver, "#login-form", {"handle": login, "password": password})


def log_out(driver: WebDriver) -> None:
    form = find(driver, "#logout-form")
    press(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])"))
    wait_for(driver, gone(form), "pressing 'Log out' did not load a new page")
    assert_signed_out(driver)


def assert_signed_in_as(driver: WebDriver, user: User) -> None:
    link = visible(driver, "#nav-settings")
    assert link.text.strip() == f"@{user.handle}", (
        f"the header link #nav-settings reads {link.text.strip()!r}, expected '@{user.handle}'"
    )
    assert urlsplit(link.get_attribute("href")).path == "/settings"
    assert is_shown(driver, "#logout-form"), "signed in, but there is no visible #logout-form"


def assert_signed_out(driver: WebDriver) -> None:
    assert not driver.find_elements(By.CSS_SELECTOR, "#nav-settings"), (
        f"still shows #nav-settings on {driver.current_url}: not signed out"
    )
    hrefs = {urlsplit(a.get_attribute("href") or "").path for a in driver.find_elements(By.CSS_SELECTOR, "header a, nav a")}
    assert {"/login", "/signup"} <= hrefs, f"signed-out header should link to /login and /signup; has {sorted(hrefs)}"


# --- Accessibility and screenshots --------------------------------------------------------------


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v.get('impact')}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for node in v.get("nodes", [])[:8]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node.get("target", []))
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
            snippet = (node.get("html") or "").strip()
            if snippet:
                lines.append(f"       html: {snippet[:200]}")
    return "\n".join(lines)


def axe_check(driver: WebDriver, label: str = "") -> None:
    """Runs axe-core on the current page; fails on any serious or critical violation."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    if bad:
        where = f"{label} " if label else ""
        raise AssertionError(
            f"axe-core found {len(bad)} serious/critical accessibility violation(s) on "
            f"{where}{driver.current_url}:\n{format_violations(bad)}"
        )


def screenshot(driver: WebDriver, name: str, size: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{size}.png"
    driver.save_screenshot(str(path))
    return path


def check_page(driver: WebDriver, name: str, scroll_to: str | None = None) -> None:
    """Screenshots at phone and desktop size, with an axe-core check at each (layouts differ), and
    once more in the dark colour scheme (the stylesheet has one: its contrast must hold too).
    The screenshots show the top of the page, or the element `scroll_to` selects."""
    # Show the page as it first appears: top of the page, nothing focused by an earlier step.
    driver.execute_script("document.activeElement && document.activeElement.blur()")

    def scroll() -> None:
        if scroll_to:
            driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", scroll_to)
        else:
            driver.execute_script("window.scrollTo(0, 0)")

    try:
        for size in ("phone", "desktop"):
            set_viewport(driver, size)
            scroll()
            screenshot(driver, name, size)
            axe_check(driver, f"the {name} page at {size} size,")
        emulate_media(driver, color_scheme="dark")
        set_viewport(driver, "phone")
        scroll()
        screenshot(driver, f"{name}-dark", "phone")
        axe_check(driver, f"the {name} page in dark mode,")
    finally:
        emulate_media(driver, color_scheme="light")
        set_viewport(driver, None)


# --- Mail -----------------------------------------------------------------------------------------

RESET_LINK = re.compile(r"https?://[^\s\"'<>]+/password/reset\?token=[^\s\"'<>]+")


def _body_text(message: email.message.EmailMessage) -> str:
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            # get_content() undoes quoted-printable and base64 transfer encodings.
            parts.append(part.get_content())
    return "\n".join(parts)


def newest_mail_to(data_dir: Path, address: str, after: float = 0.0, seconds: float = 15.0) -> email.message.EmailMessage:
    """The newest `.eml` in <data_dir>/outbox/ addressed to `address`, written after `after`."""
    outbox = data_dir / "outbox"
    deadline = time.monotonic() + seconds
    while True:
        candidates = []
        if outbox.is_dir():
            for path in outbox.rglob("*.eml"):
                try:
                    mtime = path.stat().st_mtime
                except FileNotFoundError:
                    continue
                if mtime < after:
                    continue
                with path.open("rb") as f:
                    message = email.message_from_binary_file(f, policy=email.policy.default)
                recipients = " ".join(str(v) for v in (message.get_all("To") or []))
                if address.lower() in recipients.lower():
                    candidates.append((mtime, path.name, message))
        if candidates:
            return max(candidates, key=lambda c: (c[0], c[1]))[2]
        if time.monotonic() > deadline:
            found = sorted(p.name for p in outbox.rglob("*.eml")) if outbox.is_dir() else []
            raise AssertionError(f"no mail to {address} in {outbox} after {seconds}s; outbox has {found}")
        time.sleep(0.2)


def reset_link_from_mail(data_dir: Path, address: str, after: float = 0.0) -> str:
    message = newest_mail_to(data_dir, address, after)
    body = _body_text(message)
    match = RESET_LINK.search(body)
    assert match, f"the mail to {address} ({message['Subject']!r}) has no reset link:\n{body[:2000]}"
    return html.unescape(match.group(0)).rstrip(".,;)")

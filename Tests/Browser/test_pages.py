"""Pages a visitor sees before signing in."""

import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import assert_signed_out, check_page, find, open_page, page_excerpt


def test_home_page_is_the_feed_and_is_accessible(server, driver):
    open_page(driver, server, "/")

    # The feed's heading is for screen readers (the videos fill the screen), but it is there.
    headings = driver.find_elements(By.CSS_SELECTOR, "h1")
    assert len(headings) == 1, f"the home page has {len(headings)} <h1> elements, expected one"
    heading_text = (headings[0].get_attribute("textContent") or "").strip()
    assert "Mindreel" in heading_text, f"the home page's <h1> reads {heading_text!r}"
    assert find(driver, "nav[aria-label=Feed]"), "the home page has no feed tabs"
    assert find(driver, "[role=feed]"), "the home page has no feed"
    # A first-time visitor is told what Mindreel is.
    intro = find(driver, "#intro")
    assert intro.is_displayed() and "Mindreel" in intro.text, "a first-time visitor sees no introduction"
    mains = driver.find_elements(By.CSS_SELECTOR, "main, [role=main]")
    assert len(mains) == 1, f"expected one main landmark, found {len(mains)}"
    assert_signed_out(driver)

    # The first Tab lands on a skip link that becomes visible and leads to the main content.
    find(driver, "body").send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    href = skip.get_attribute("href") or ""
    assert skip.tag_name == "a" and "#" in href, (
        f"the first Tab stop is <{skip.tag_name} href={href!r}> {skip.text!r}, not a skip link"
    )
    assert skip.is_displayed(), "the skip link stays invisible when focused"
    target_id = href.split("#", 1)[1]
    target = find(driver, f"[id='{target_id}']", "(the skip link's target)")
    inside_main = driver.execute_script(
        "return arguments[0].closest('main, [role=main]') !== null || arguments[0].querySelector('main') !== null",
        target,
    )
    assert inside_main, f"the skip link points at #{target_id}, which is not the main content"

    check_page(driver, "home")


def test_unknown_page_shows_404_in_site_layout(server, driver):
    try:
        urllib.request.urlopen(server.url("/no-such-page"), timeout=10)
        raise AssertionError("GET /no-such-page answered 2xx/3xx, expected 404")
    except urllib.error.HTTPError as error:
        assert error.code == 404, f"GET /no-such-page answered {error.code}, expected 404"
        assert "text/html" in error.headers.get("Content-Type", ""), (
            f"the 404 page is {error.headers.get('Content-Type')!r}, not HTML"
        )

    open_page(driver, server, "/no-such-page")
    heading = find(driver, "h1")
    assert heading.is_displayed() and heading.text.strip(), "the 404 page has no visible <h1>"
    assert driver.find_elements(By.CSS_SELECTOR, "nav"), "the 404 page lacks the site navigation"
    assert_signed_out(driver)
    assert driver.find_elements(By.CSS_SELECTOR, "main, [role=main]"), "the 404 page has no main landmark"
    # It says the page is not there, in words, and offers a way back home.
    text = driver.find_element(By.TAG_NAME, "body").text.lower()
    assert "not found" in text or "404" in text or "no page" in text, page_excerpt(driver)
    home_links = [a for a in driver.find_elements(By.CSS_SELECTOR, "a") if (a.get_attribute("href") or "").rstrip("/") == server.base_url]
    assert home_links, "the 404 page has no link back to the home page"

    check_page(driver, "not-found")

"""Search, as a new visitor meets it on the demo data: a prefix ("anx"), a misspelling ("slep")
and a creator's handle find the demo videos, topics and creators they should.

Uses the `demo_server` fixture (a second server seeded with `mindreel seed --demo`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import check_page, find, gone, open_page, path_of, press, visible, wait_for


def search_for(driver, words: str) -> None:
    """Types into the search box and presses Enter, as a person would."""
    box = visible(driver, "#search-q")
    box.clear()
    box.send_keys(words)
    old = find(driver, "#search-form")
    box.send_keys(Keys.ENTER)
    wait_for(driver, gone(old), f"searching for {words!r} did not load the results")


def tile_titles(driver) -> list[str]:
    return [t.text.strip() for t in driver.find_elements(By.CSS_SELECTOR, "#search-videos .video-tile-title")]


def test_a_visitor_finds_demo_videos_topics_and_creators(demo_server, driver):
    open_page(driver, demo_server, "/")
    press(driver, visible(driver, "#nav-search"))
    wait_for(driver, lambda d: path_of(d) == "/search", "the header's Search link does not open /search")
    check_page(driver, "search-start")
    assert "not saved" in find(driver, ".search-privacy").text

    # A prefix: "anx" finds the anxiety topic and the demo videos about anxiety.
    search_for(driver, "anx")
    topics = [a.text.strip() for a in driver.find_elements(By.CSS_SELECTOR, "#search-topics a")]
    assert "Anxiety" in topics, f"'anx' did not offer the Anxiety topic: {topics}"
    titles = tile_titles(driver)
    assert "What my anxiety feels like" in titles, f"'anx' did not find the demo video about anxiety: {titles}"
    assert not driver.find_elements(By.CSS_SELECTOR, "#search-corrected"), "a prefix that matches needs no correction"
    check_page(driver, "search-results")

    # A misspelling: "slep" is corrected to "sleep", and the page says so.
    search_for(driver, "slep")
    corrected = visible(driver, "#search-corrected").text
    assert "sleep" in corrected, f"the correction note does not name 'sleep': {corrected!r}"
    titles = tile_titles(driver)
    assert "My sleep routine that finally helped" in titles, f"'slep' did not find the sleep video: {titles}"

    # A creator's handle finds the creator; their link opens the profile.
    search_for(driver, "@demo_noor")
    creators = driver.find_elements(By.CSS_SELECTOR, "#search-creators a.search-creator")
    assert creators and "@demo_noor_explains" in creators[0].text, f"the handle did not find the creator: {[c.text for c in creators]}"
    press(driver, creators[0])
    wait_for(driver, lambda d: path_of(d) == "/@demo_noor_explains", "the creator link does not open their profile")

    # A video result opens the video's page.
    open_page(driver, demo_server, "/search?q=grief")
    tile = visible(driver, "#search-videos a.video-tile")
    target = urlsplit(tile.get_attribute("href")).path
    press(driver, tile)
    wait_for(driver, lambda d: path_of(d) == target and target.startswith("/v/"), "a search result does not open its video page")


def test_markup_in_a_query_is_shown_as_text(demo_server, driver):
    open_page(driver, demo_server, "/search")
    query = "<i>qqqzzz</i><script>window.hacked=1</script>"
    search_for(driver, query)
    assert driver.execute_script("return window.hacked === undefined"), "a script in the query ran"
    empty = visible(driver, "#search-empty").text
    assert "<i>qqqzzz</i>" in empty, f"the query is not echoed as text: {empty!r}"
    assert not driver.find_elements(By.CSS_SELECTOR, "#search-results i"), "markup from the query became an element"
    assert find(driver, "#search-q").get_attribute("value") == query

"""Trust and safety (issue 12), as a person meets it: the community guidelines, a page anyone
can read and link to by section, and the suspended member who is told why an action is refused.
"""

from __future__ import annotations

import re

from selenium.webdriver.common.by import By

from support import check_page, find, open_page, press, wait_for

SECTIONS = [
    "No method or means details for suicide or self-harm",
    "Nothing that promotes disordered eating",
    "No claims to be a licensed professional without verification",
    "No selling of cures or unproven treatments",
    "No harassment or hate",
    "No sharing of someone else's private health information",
    "No spam",
]


def test_the_guidelines_are_one_click_from_every_page_in_numbered_sections(server, driver):
    open_page(driver, server, "/")
    press(driver, find(driver, "#footer-guidelines"))
    wait_for(driver, lambda d: d.current_url.endswith("/guidelines"), "the footer link does not lead to /guidelines")
    assert find(driver, "h1").text == "Community guidelines"
    sections = driver.find_elements(By.CSS_SELECTOR, "#guidelines li.guidelines-section")
    titles = [re.sub(r"^\d+\.\s*", "", section.find_element(By.TAG_NAME, "h2").text) for section in sections]
    assert titles == SECTIONS, titles
    numbers = [section.find_element(By.CSS_SELECTOR, ".guidelines-number").text for section in sections]
    assert numbers == [f"{n}." for n in range(1, 8)], numbers
    # Each section says its rule in one sentence, and explains it.
    for section in sections:
        assert section.find_element(By.CSS_SELECTOR, ".guidelines-rule").text.strip(), section.text
        assert len(section.find_elements(By.CSS_SELECTOR, "p")) >= 2, section.text
    # Asking for help is said to be welcome, in the first section.
    assert "never against the rules" in sections[0].text
    check_page(driver, "guidelines")

    # A decision links to its section: the section is scrolled to and marked.
    open_page(driver, server, "/guidelines#section-4")
    target = find(driver, "#section-4")
    wait_for(driver, lambda d: d.execute_script("return document.querySelector(':target') === arguments[0]", target), "#section-4 is not the target")
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", target)
    assert 0 <= top < 200, f"section 4 is not scrolled into view (top {top}px)"

"""The built portal in Chromium on a phone: language, direction, switcher, and axe-core."""

from __future__ import annotations

import pytest

from tests.conftest import run_axe

PAGES = [
    ("de", "/de/", "ltr"),
    ("ar", "/ar/", "rtl"),
    ("de", "/de/locations/blumberger-damm/", "ltr"),
    ("ar", "/ar/locations/blumberger-damm/", "rtl"),
]


@pytest.mark.parametrize("lang,path,direction", PAGES)
def test_page_language_direction_and_axe(phone, portal_server, lang, path, direction):
    phone.goto(portal_server + path)
    assert phone.get_attribute("html", "lang") == lang
    assert phone.get_attribute("html", "dir") == direction
    assert phone.evaluate("getComputedStyle(document.body).direction") == direction
    assert run_axe(phone) == []


def test_language_switcher_goes_to_the_same_page(phone, portal_server):
    phone.goto(portal_server + "/de/locations/blumberger-damm/")
    phone.click('nav.languages a[hreflang="ar"]')
    phone.wait_for_url("**/ar/locations/blumberger-damm/")
    assert phone.get_attribute("html", "dir") == "rtl"
    assert phone.locator('nav.languages a[aria-current="true"]').get_attribute("hreflang") == "ar"


def test_root_chooser_lists_each_language_in_its_own_script(browser, portal_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR", bypass_csp=True)
    page = context.new_page()
    page.goto(portal_server + "/")
    names = page.locator(".language-choice .lang-name").all_inner_texts()
    # The browser asks for Farsi: it is suggested first, the others keep the site's order.
    assert names == ["فارسی", "Deutsch", "العربية", "Українська", "Русский", "Türkçe", "English"]
    assert page.locator(".language-choice a.suggested").get_attribute("hreflang") == "fa"
    assert run_axe(page) == []
    context.close()


def test_root_chooser_works_without_javascript(browser, portal_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_server + "/")
    names = page.locator(".language-choice .lang-name").all_inner_texts()
    assert names == ["Deutsch", "العربية", "فارسی", "Українська", "Русский", "Türkçe", "English"]
    context.close()

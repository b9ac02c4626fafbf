"""The playground page at `/`, driven in a real headless Chromium (Debian's chromium and
chromium-driver) against the gunicorn server."""

from __future__ import annotations

import json
import os
import shutil

import pytest

import cleaner

from .conftest import SEEDS

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        message = "needs Debian's chromium and chromium-driver (apt-get install chromium " \
                  "chromium-driver)"
        if os.environ.get("CLEANER_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def run(browser, server, source: str, mode: str = "text", language: str = "",
        links: bool = False, images: bool = False) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/")
    browser.find_element(By.ID, f"mode-{mode}").click()
    if language:
        browser.find_element(By.ID, "language").send_keys(language)
    if links:
        browser.find_element(By.ID, "links").click()
    if images:
        browser.find_element(By.ID, "images").click()
    area = browser.find_element(By.ID, "source")
    browser.execute_script("arguments[0].value = arguments[1];", area, source)
    status = browser.find_element(By.ID, "status")
    browser.find_element(By.ID, "clean").click()
    WebDriverWait(browser, 60).until(
        lambda _: status.text and not status.text.startswith("Cleaning"))


def texts(browser, selector: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.get_property("textContent") for e in browser.find_elements(By.CSS_SELECTOR,
                                                                          selector)]


def html_page(seed) -> str:
    """A seed's lines as the paragraphs of an HTML article."""
    paragraphs = "".join(f"<p>{line}</p>" for line in seed.read_text("utf-8").splitlines()
                         if line.strip())
    return f"<html><body><article>{paragraphs}</article></body></html>"


def test_playground_shows_text_metadata_and_marked_removals(browser, server):
    from selenium.webdriver.common.by import By

    source = SEEDS[2].read_text("utf-8")
    expected = cleaner.clean(source)
    run(browser, server, source)
    assert browser.find_element(By.ID, "status").text.startswith("Kept")
    assert browser.find_element(By.ID, "text").get_property("textContent") == expected.text
    marks = browser.find_elements(By.CSS_SELECTOR, "#marked mark:not(.meta)")
    assert [m.get_property("textContent") for m in marks] == [r.text for r in expected.removed]
    assert [m.get_attribute("data-kind") for m in marks] == [r.kind for r in expected.removed]
    assert [m.get_attribute("title") for m in marks] == [r.reason for r in expected.removed]
    # The marked view is the whole input, in order: nothing dropped, nothing invented.
    assert browser.find_element(By.ID, "marked").get_property("textContent") == source
    meta = dict(zip(texts(browser, "#metadata th"), texts(browser, "#metadata td"), strict=True))
    assert meta["language"] == expected.metadata.language
    if expected.metadata.title:
        assert meta["title"] == expected.metadata.title
    legend = texts(browser, "#legend .kind")
    for kind in {r.kind for r in expected.removed}:
        n = sum(r.kind == kind for r in expected.removed)
        assert f"{kind}: {n}" in legend


def test_playground_cleans_html(browser, server):
    from selenium.webdriver.common.by import By

    page = html_page(SEEDS[0])
    run(browser, server, page, mode="html")
    expected = cleaner.clean(page, content_type="text/html")
    assert browser.find_element(By.ID, "text").get_property("textContent") == expected.text
    assert texts(browser, "#removed li b") == [r.kind for r in expected.removed]


def test_playground_shows_a_problem(browser, server):
    from selenium.webdriver.common.by import By

    run(browser, server, "   ")
    assert browser.find_element(By.ID, "status").text.startswith("400")
    problem = json.loads(browser.find_element(By.ID, "problem-body").get_property("textContent"))
    assert problem["code"] == "empty-body"
    assert not browser.find_element(By.ID, "results").is_displayed()


def test_playground_detects_html_and_reads_raw_text_as_text(browser, server):
    from selenium.webdriver.common.by import By

    page = "<!doctype html>" + html_page(SEEDS[1])
    run(browser, server, page, mode="auto")
    expected = cleaner.clean(page, content_type="text/html")
    assert browser.find_element(By.ID, "text").get_property("textContent") == expected.text
    assert "(read as HTML)" in browser.find_element(By.ID, "status").text
    source = SEEDS[3].read_text("utf-8")
    run(browser, server, source, mode="auto")
    expected = cleaner.clean(source, content_type="text/plain")
    assert browser.find_element(By.ID, "text").get_property("textContent") == expected.text
    assert "(read as raw text)" in browser.find_element(By.ID, "status").text


def test_playground_shows_warnings_confidence_and_takes_a_language_tag(browser, server):

    source = SEEDS[1].read_text("utf-8").replace("é", "Ã©").replace("—", "â€”") + \
        "\nCafÃ© prices rose again this week, the ministry said on Tuesday.\n"
    run(browser, server, source, language="pt-BR")
    expected = cleaner.clean(source, content_type="text/plain", language="pt-BR")
    assert expected.warnings
    assert texts(browser, "#warnings li") == [f"Warning: {w}" for w in expected.warnings]
    meta = dict(zip(texts(browser, "#metadata th"), texts(browser, "#metadata td"), strict=True))
    assert meta["language"] == "pt" and meta["confidence"] == str(expected.metadata.confidence)


def test_playground_keeps_markdown_links_when_asked(browser, server):
    from selenium.webdriver.common.by import By

    source = SEEDS[3].read_text("utf-8").replace(
        "Vladimir Putin", "[Vladimir Putin](https://example.org/putin)", 1)
    for links in (False, True):
        run(browser, server, source, links=links)
        expected = cleaner.clean(source, content_type="text/plain", include_links=links)
        shown = browser.find_element(By.ID, "text").get_property("textContent")
        assert shown == expected.text
        assert ("[Vladimir Putin](https://example.org/putin)" in shown) is links


def test_playground_keeps_markdown_images_when_asked(browser, server):
    from selenium.webdriver.common.by import By

    image = "![Vladimir Putin](https://example.org/putin.jpg)"
    source = SEEDS[3].read_text("utf-8").replace("Vladimir Putin", f"{image} Vladimir Putin", 1)
    for images in (False, True):
        run(browser, server, source, images=images)
        expected = cleaner.clean(source, content_type="text/plain", include_images=images)
        shown = browser.find_element(By.ID, "text").get_property("textContent")
        assert shown == expected.text
        assert (image in shown) is images

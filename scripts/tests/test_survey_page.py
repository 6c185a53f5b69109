"""The demo's survey page in a real browser: Debian's chromium, headless, driven by Selenium (PyPI)
through Debian's chromium-driver. It runs `scripts/demo --serve` as a user would, fills and submits
the form, and checks what the page shows against what the local domain holds; then serves the same
page from an origin the gateway does not allow, whose posts the browser's preflight stops."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
import survey_page  # noqa: E402
from ci_required import missing, require_module  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "demo"
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = require_module("selenium.webdriver", "selenium", "the survey page browser test")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(DRIVER, os.X_OK)):
        missing("chromium and chromium-driver MISSING (apt-get install chromium chromium-driver): "
                "the survey page browser test did NOT run")
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,800",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def demo(bootstrap):
    proc = subprocess.Popen([str(DEMO), "--serve"], env={**os.environ, "ESPROXY_BOOTSTRAP": bootstrap},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = []
    for line in proc.stdout:
        out.append(line)
        if "stored documents:" in line:
            break
    text = "".join(out)
    page = re.search(r"survey page:\s+(http://127\.0\.0\.1:\d+/)", text)
    stored = re.search(r"stored documents: (\S+)", text)
    assert page and stored, text
    yield {"page": page.group(1), "stored": Path(stored.group(1)), "api": re.search(r"Serving on (\S+)", text).group(1)}
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    shutil.rmtree(Path(stored.group(1)).parent.parent, ignore_errors=True)


def documents(path):
    if not path.exists():
        return {}
    records = [json.loads(line) for line in path.read_text().splitlines()]
    return {r["_id"]: r["_source"] for r in records if r.get("op") == "index"}


def fill_and_send(driver, url, values):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver.get(url)
    for name, value in values.items():
        field = driver.find_element(By.ID, f"field-{name}")
        if field.get_attribute("type") == "checkbox":
            if bool(value) != field.is_selected():
                field.click()
        else:
            field.clear()
            field.send_keys(str(value))
    driver.find_element(By.ID, "submit").click()
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "result").get_attribute("data-state"))
    return driver.find_element(By.ID, "result")


def test_the_form_is_generated_from_the_schema(browser, demo):
    from selenium.webdriver.common.by import By
    browser.get(demo["page"])
    kinds = {name: browser.find_element(By.ID, f"field-{name}").get_attribute("type")
             for name in ("agree", "anumber", "textblob", "ipaddr")}
    assert kinds == {"agree": "checkbox", "anumber": "number", "textblob": "text", "ipaddr": "text"}
    required = {e.get_attribute("name") for e in browser.find_elements(By.CSS_SELECTOR, "input[required]")}
    assert required == {"anumber", "textblob", "ipaddr"}, "the schema's required list"
    assert "(ipv4)" in browser.find_element(By.ID, "field-ipaddr").find_element(By.XPATH, "..").text


def test_a_submitted_answer_shows_its_id_and_is_stored_as_sent(browser, demo, tmp_path):
    result = fill_and_send(browser, demo["page"], {"agree": True, "anumber": 1.5, "textblob": "from the browser",
                                                   "ipaddr": "10.1.2.3"})
    browser.save_screenshot(str(tmp_path / "stored.png"))
    assert result.get_attribute("data-state") == "stored", result.text
    doc_id = result.get_attribute("data-id")
    assert doc_id in result.text
    stored = documents(demo["stored"])
    assert doc_id in stored
    source = dict(stored[doc_id])
    assert source.pop("@timestamp")
    assert source == {"agree": True, "anumber": 1.5, "textblob": "from the browser", "ipaddr": "10.1.2.3"}
    assert [i for i, s in stored.items() if s.get("textblob") == "from the browser"] == [doc_id], "stored once"


def test_a_bad_address_is_shown_beside_its_field_and_nothing_is_stored(browser, demo, tmp_path):
    from selenium.webdriver.common.by import By
    before = documents(demo["stored"])
    result = fill_and_send(browser, demo["page"], {"anumber": 2, "textblob": "bad ip", "ipaddr": "999.1.1.1"})
    browser.save_screenshot(str(tmp_path / "refused.png"))
    assert result.get_attribute("data-state") == "refused", result.text
    assert "ipv4" in browser.find_element(By.ID, "error-ipaddr").text
    assert browser.find_element(By.ID, "error-anumber").text == ""
    assert documents(demo["stored"]) == before


def test_the_same_page_on_an_origin_that_is_not_allowed_cannot_post(browser, demo, tmp_path):
    html = urllib.request.urlopen(demo["page"], timeout=10).read().decode()
    elsewhere = survey_page.serve(html)  # same page, another port: another origin
    try:
        before = documents(demo["stored"])
        result = fill_and_send(browser, f"http://127.0.0.1:{elsewhere.server_address[1]}/",
                               {"anumber": 3, "textblob": "wrong origin", "ipaddr": "10.0.0.3"})
        browser.save_screenshot(str(tmp_path / "other-origin.png"))
        assert result.get_attribute("data-state") == "network-error", result.text
        assert documents(demo["stored"]) == before
    finally:
        elsewhere.shutdown()
        elsewhere.server_close()

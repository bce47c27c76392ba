# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
A real browser (headless Chromium driven by Selenium through the system
``chromedriver``) on a site served by the local viewer.
"""
import shutil
import contextlib
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.common.action_chains import ActionChains

from schedula.utils.drw import Site

CHROMEDRIVER = shutil.which('chromedriver') or '/usr/bin/chromedriver'
CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
FLAGS = ('--headless', '--no-sandbox', '--disable-gpu',
         '--disable-dev-shm-usage', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run',
         '--window-size=1280,900')


@pytest.fixture(scope='module')
def browser():
    profile = tempfile.mkdtemp(prefix='schedula-chromium-')
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # The system's: nothing downloaded.
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument('--user-data-dir=%s' % profile)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope='module')
def site(make_model):
    sol = make_model().dispatch({'a': 1})
    site = Site(sol.plot(view=False), host='127.0.0.1', index=True).run()
    try:
        yield site
    finally:
        site.shutdown()


@contextlib.contextmanager
def inside(driver, frame):
    """Switches into `frame` and waits for its page's graph."""
    driver.switch_to.frame(frame)
    try:
        WebDriverWait(driver, 20).until(
            lambda drv: drv.find_elements(By.CSS_SELECTOR, '#sh-content svg'))
        assert driver.find_element(
            By.CSS_SELECTOR, '#sh-content svg').is_displayed()
        yield driver
    finally:
        driver.switch_to.default_content()


def _svg_link(driver, href):
    return driver.find_element(
        By.XPATH, "//*[local-name()='a'][@*[local-name()='href']=%r]" % href)


def test_graph_displayed_and_sub_dispatcher_link(browser, site):
    browser.get(site.url + '/main.html')
    svg = browser.find_element(By.CSS_SELECTOR, '#sh-content svg')
    assert svg.is_displayed()
    assert svg.size['width'] > 100 and svg.size['height'] > 100
    nodes = browser.find_elements(By.CSS_SELECTOR, 'g.node')
    assert len(nodes) == 6  # start, a, f, b, S and c.
    assert all(n.is_displayed() for n in nodes)
    link = _svg_link(browser, './main/S.html')
    ActionChains(browser).move_to_element(link).click().perform()
    WebDriverWait(browser, 20).until(
        lambda drv: drv.current_url.endswith('/main/S.html'))
    assert browser.title == 'S'
    sub = browser.find_element(By.CSS_SELECTOR, '#sh-content svg')
    assert sub.is_displayed()
    titles = {t.get_attribute('textContent') for t in
              browser.find_elements(By.CSS_SELECTOR, 'g.node text')}
    assert {'x', 'y', 'g'} <= titles


def test_node_highlight_by_id(browser, site):
    browser.get(site.url + '/main.html?id=1')
    node = browser.find_element(By.CSS_SELECTOR, 'g.node.on')
    assert node.get_attribute('id') == '1'


def test_index_shows_tree_and_page(browser, site):
    browser.get(site.url + '/')
    WebDriverWait(browser, 20).until(
        lambda drv: drv.find_elements(By.CSS_SELECTOR, '#sh-tree .sh-item'))
    texts = [e.text for e in browser.find_elements(
        By.CSS_SELECTOR, '#sh-tree > li > .sh-item .sh-text')]
    assert texts == ['main']
    assert browser.find_element(By.ID, 'sh-time').is_displayed()
    with inside(browser, browser.find_element(By.ID, 'sh-frame')):
        pass
    crumbs = browser.find_element(By.ID, 'sh-breadcrumb').text
    assert crumbs == 'main'


def test_controls_toolbar(browser, site):
    browser.get(site.url + '/main.html?controls=true')
    assert browser.find_element(By.ID, 'sh-toolbar').is_displayed()
    assert not browser.find_element(By.ID, 'sh-content').is_displayed()
    frame = browser.find_element(By.ID, 'sh-frame')
    assert frame.is_displayed()
    assert frame.get_attribute('src').endswith('/main.html?controls=false')
    with inside(browser, frame):
        link = _svg_link(browser, './main/S.html')
        ActionChains(browser).move_to_element(link).click().perform()
        WebDriverWait(browser, 20).until(
            lambda drv: drv.execute_script('return document.title') == 'S')
    browser.find_element(By.ID, 'sh-back').click()
    with inside(browser, frame):
        WebDriverWait(browser, 20).until(
            lambda drv: drv.execute_script('return document.title') == 'main')


@pytest.fixture(scope='module')
def tutorial_site():
    from examples.symmetric_cryptography.model import dsp
    site = Site(dsp.register().plot(view=False), host='127.0.0.1',
                index=True).run()
    try:
        yield site
    finally:
        site.shutdown()


def test_tutorial_map_start_once(browser, tutorial_site):
    # `generate_key` has no inputs: START is a node of the map, drawn once.
    browser.get(tutorial_site.url + '/symmetric_cryptography.html?id=start')
    ids = [n.get_attribute('id') for n in browser.find_elements(
        By.CSS_SELECTOR, 'g.node')]
    assert len(ids) == len(set(ids)) == 17 and ids.count('start') == 1
    node = browser.find_element(By.CSS_SELECTOR, 'g.node.on')
    assert node.get_attribute('id') == 'start'
    assert node.find_element(By.CSS_SELECTOR, 'text').text == 'start'
    # The tree lists it once.
    browser.get(tutorial_site.url + '/')
    WebDriverWait(browser, 20).until(
        lambda drv: drv.find_elements(By.CSS_SELECTOR, '#sh-tree .sh-item'))
    texts = [e.get_attribute('textContent') for e in browser.find_elements(
        By.CSS_SELECTOR, '#sh-tree .sh-text')]
    assert texts.count('start') == 1 and texts.count('sink') == 1

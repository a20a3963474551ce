"""Shared test set-up."""

import sys

import pytest


@pytest.fixture(autouse=True)
def _fresh_streamlit_cache():
    # st.cache_data outlives an AppTest instance: each test starts from an empty cache.
    # Only where Streamlit is already loaded, so the pure calculator tests never import it.
    streamlit = sys.modules.get("streamlit")
    if streamlit is not None:
        streamlit.cache_data.clear()
    yield
    if streamlit is not None:
        streamlit.cache_data.clear()


# The browser tests' shared fixtures: one Chromium and one app server per test module (each test
# opens its own browser context, so its own Streamlit session). A module that needs a fresh
# server per test, or a page with another size or a request guard, defines its own.
@pytest.fixture(scope="module")
def browser():
    from browser_support import launch, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(browser):
    from browser_support import Server

    s = Server()
    yield s
    s.stop()


@pytest.fixture()
def page(browser, server):
    from browser_support import new_page

    pg = new_page(browser)
    yield pg
    pg.context.close()

"""Shared test set-up."""

import sys

import pytest

# The whole suite (scripts/test.sh) runs on two pytest-xdist workers with --dist loadgroup: each test module
# is one unit of work, so its module-scoped fixtures (a browser test module's server, the workbooks
# LibreOffice recalculates in one run) are built once, on one worker. The browser modules are one unit
# together, handed out first: they run one after another on one worker while the other takes everything
# else. Each starts its own Streamlit server and Chromium, and their tests wait on script runs and measure
# layouts; two at once on two cores would only slow each other's runs towards those waits.
BROWSER_GROUP = "browser"


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_group(item)))
    if getattr(config.option, "dist", "no") == "loadgroup":
        items.sort(key=lambda item: _group(item) != BROWSER_GROUP)  # stable: the rest keep their order


def _group(item) -> str:
    return BROWSER_GROUP if item.get_closest_marker("browser") else item.nodeid.split("::")[0]


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

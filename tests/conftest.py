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

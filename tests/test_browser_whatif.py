"""The What-if page in headless Chromium: the benefit-driver correlation moves the Monte Carlo, the warning
and the varied inputs are on screen, and the Pitch carries the lens row. One server for the module."""

from __future__ import annotations

import pytest
from browser_support import metric, nav, no_exception, open_app, settle, slider

from calculator import analysis, load_preset, share
from calculator.formatting import money

pytestmark = pytest.mark.browser
SEED = load_preset("seed-200-person-org")


def test_correlation_slider_moves_the_monte_carlo(page, server):
    """At 0.5 (default) and at 0 the P50 on screen is the calculator's for that correlation."""
    from playwright.sync_api import expect

    open_app(page, f"{server.url}/?s={share.encode(SEED)}")
    nav(page, "What-if analysis")
    page.get_by_role("tab", name="Uncertainty").click()
    settle(page)
    at_half = analysis.uncertainty(SEED, 10_000, 0, correlation=0.5)
    expect(page.locator('[data-testid="stMetric"]', has_text="NPV, P50").first).to_contain_text(
        money(at_half.npv.p50))
    expect(page.get_by_text("What was varied, and how")).to_be_visible()
    handle = slider(page, "Benefit drivers move together")
    handle.focus()
    handle.press("Home")  # to 0%: independent draws
    settle(page)
    independent = analysis.uncertainty(SEED, 10_000, 0, correlation=0.0)
    expect(page.locator('[data-testid="stMetric"]', has_text="NPV, P50").first).to_contain_text(
        money(independent.npv.p50))
    assert metric(page, "NPV, P50") == money(independent.npv.p50)
    no_exception(page)


def test_pitch_shows_the_lens_row(page, server):
    from playwright.sync_api import expect

    from calculator.analysis.lenses import lens_summary

    open_app(page, f"{server.url}/?s={share.encode(SEED)}")
    for lens in analysis.lenses(SEED):
        expect(page.get_by_text(lens_summary(lens, SEED.currency))).to_be_visible()
    no_exception(page)

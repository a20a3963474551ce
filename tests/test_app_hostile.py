"""Hostile input in the app (issue 11), with AppTest: links that lie, stale warnings, crashing links."""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from pathlib import Path

from shown import shown
from streamlit.testing.v1 import AppTest

from calculator import Cohort, load_preset, presets, share
from calculator.scenario import Scenario, dumps

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def _payload(document: dict) -> str:
    """A share-link payload for any JSON document, valid or not (as an attacker would build it)."""
    raw = json.dumps(document, separators=(",", ":")).encode()
    return "1." + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def large_scenario() -> Scenario:
    """500 teams, each with its own name and inputs (hashed, so they do not compress away): valid, and
    about 22,000 characters as a link, over the 20,000 limit."""
    def pick(i: int, what: str, n: int) -> int:
        return int(hashlib.sha1(f"{i}-{what}".encode()).hexdigest(), 16) % n

    return Scenario(name="Large", cohorts=tuple(
        Cohort(name=f"Team {hashlib.sha1(str(i).encode()).hexdigest()[:16]}", team_size=1 + pick(i, "size", 900),
               start_week=1 + pick(i, "start", 400), engagement_weeks=1 + pick(i, "weeks", 50),
               price=float(100 + pick(i, "price", 9000)), hours_saved_per_person_per_week=pick(i, "hours", 800) / 10,
               adoption_rate=pick(i, "adoption", 101) / 100, loaded_hourly_cost=float(20 + pick(i, "cost", 200)))
        for i in range(500)))


def _loaded(scenario: Scenario) -> AppTest:
    """The app after loading ``scenario`` through the sidebar's file upload, as a user would."""
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.sidebar.file_uploader[0].upload("scenario.json", dumps(scenario).encode(), "application/json").run()
    assert at.session_state["scenario"] == scenario
    return at


def _warnings(at: AppTest) -> list[str]:
    return [shown(w.value) for w in at.warning]


class TestLinksNeverLie:
    def test_a_scenario_too_large_for_a_link_is_not_written_into_one(self):
        """A valid 500-team scenario made a ~22,000-character link that the app then refused on reload."""
        big = large_scenario()
        assert not share.fits_in_link(share.encode(big))
        # The session's first run, with the scenario a load left (AppTest redraws the sidebar only on a first run).
        from ui import state

        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state[state.SCENARIO] = big
        at.session_state[state.LATEST] = state.Latest(big)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert "s" not in at.query_params  # no link the app would refuse
        assert any("too large for a link" in w and "Save it as a file" in w for w in _warnings(at)), _warnings(at)

    def test_a_scenario_that_fits_keeps_its_link(self):
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert share.decode(at.query_params["s"]) == at.session_state["scenario"]
        assert not any("too large for a link" in w for w in _warnings(at))


class TestStaleWarnings:
    def test_the_link_warning_clears_after_the_next_good_scenario(self):
        """The "link could not be opened" warning stayed for the whole session."""
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["s"] = "1.garbage"
        at.run()
        assert any("could not be opened" in w for w in _warnings(at))
        other = next(n for n in presets.preset_names() if n != presets.DEFAULT_PRESET)
        at.selectbox(key="preset_choice").set_value(other).run()
        assert at.session_state["scenario"] == load_preset(other)
        assert not any("could not be opened" in w for w in _warnings(at)), _warnings(at)


class TestCrashingLinks:
    def test_tier_as_a_float_opens_the_default_with_a_warning(self):
        """``"tier": 2.0`` passed validation, crashed the model, and was written back into the URL."""
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["s"] = _payload({"cohorts": [{"tier": 2.0}]})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state["scenario"] == load_preset(presets.DEFAULT_PRESET)
        assert any("cohorts[0].tier: must be one of 2, 3, got 2.0" in w for w in _warnings(at)), _warnings(at)

    def test_deep_link_opens_the_default_with_a_warning(self):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["s"] = _payload(json.loads("[" * 900 + "]" * 900))
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("nest deeper than the limit" in w for w in _warnings(at)), _warnings(at)

    def test_a_link_with_a_hundred_thousand_problems_lists_fifty(self):
        """480 teams x 150 unknown keys: one warning of 50 problems and "and N more", not 6 MB of text."""
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["s"] = _payload({"cohorts": [{f"k{j}": 0 for j in range(150)} for _ in range(480)]})
        at.run()
        warning = next(w for w in _warnings(at) if "could not be opened" in w)
        assert len(warning) < 6_000 and "and 71950 more problems" in warning


def _ranged_teams(teams: int, months: int) -> Scenario:
    """``teams`` coached teams over ``months`` months with a team-wide price and hours range."""
    from calculator.scenario import from_dict

    return from_dict({"name": "Wide", "finance": {"horizon_months": months},
                      "cohorts": [{"name": f"T{i}", "hours_saved_per_person_per_week": 2} for i in range(teams)],
                      "ranges": {"cohorts[*].price": [200, 500],
                                 "cohorts[*].hours_saved_per_person_per_week": [1, 3]}})


def _what_if_on(scenario: Scenario, tab: str) -> AppTest:
    at = _loaded(scenario)
    at.switch_page("views/what_if.py").run()
    at.session_state["what_if_tab"] = tab
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class TestHeavyWorkWhenAsked:
    def test_a_large_monte_carlo_asks_first_with_an_estimate(self):
        """480 teams over 120 months at 10,000 draws ran on opening the tab (hundreds of seconds of a core,
        again on every click); now the tab states an estimate and waits for the button."""
        big = _ranged_teams(480, 120)
        at = _what_if_on(big, "Uncertainty")
        assert not [m for m in at.metric if m.label == "NPV, P50"]  # nothing was drawn
        asked = [shown(i.value) for i in at.info if "of computing" in shown(i.value)]
        assert asked and asked[0].startswith("10,000 draws of 480 teams over 520 weeks: about 125 s"), asked
        assert any(b.label == "Run the Monte Carlo" for b in at.button)

    def test_draws_over_the_memory_budget_are_refused_on_the_page(self):
        big = _ranged_teams(480, 120)
        at = _what_if_on(big, "Uncertainty")
        at.select_slider(key="mc_draws").set_value(50_000).run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("Fewer draws" in shown(w.value) and "256 MiB" in shown(w.value) for w in at.warning)

    def test_asked_once_it_runs_and_stays(self):
        """Just above the threshold: the button runs it, and a rerun shows it again without asking."""
        mid = _ranged_teams(20, 120)  # 10,000 x 21 x 520 x 5e-8 s = 5.5 s estimated
        at = _what_if_on(mid, "Uncertainty")
        at.select_slider(key="mc_draws").set_value(1_000).run()
        assert [m for m in at.metric if m.label == "NPV, P50"]  # 0.5 s estimated: no question
        at.select_slider(key="mc_draws").set_value(10_000).run()
        assert not [m for m in at.metric if m.label == "NPV, P50"]
        next(b for b in at.button if b.label == "Run the Monte Carlo").click().run()
        assert [m for m in at.metric if m.label == "NPV, P50"]
        at.run()
        assert [m for m in at.metric if m.label == "NPV, P50"]
        assert not any(b.label == "Run the Monte Carlo" for b in at.button)

    def test_a_large_break_even_asks_first(self):
        big = _ranged_teams(480, 120)
        at = _what_if_on(big, "Break-even")
        assert any("break-even search over 480 teams" in shown(i.value) for i in at.info)
        assert not any("What you would have to believe" in m.value for m in at.markdown)

    def test_the_pack_states_its_cost_before_the_click(self):
        """The CFO pack of a 480-team scenario took 88 s with no word of it; the page now says so first, and waits
        to be asked (issue 24): 3 + 480 x 0.03 + 2 x 480 x 520 x 9e-7 + 10,000 x 481 x 520 x 5e-8 = 143 s."""
        at = _loaded(_ranged_teams(480, 120))
        at.switch_page("views/exports.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("the CFO pack takes about 143 s" in shown(i.value) for i in at.info)
        assert [b.label for b in at.button if b.key == "build_cfo_pack"] == ["Build the CFO pack (about 143 s)"]
        small = _loaded(load_preset("seed-200-person-org"))
        small.switch_page("views/exports.py").run()
        assert not any("the CFO pack takes about" in shown(i.value) for i in small.info)


def test_the_cfo_pack_is_built_once_per_scenario():
    """The pack (88 s on the largest scenario) was rebuilt on every click; a second click is now served
    from the cache, byte for byte, though the page's run made a new evaluation of the same scenario."""
    import time

    from calculator.analysis import WhatIfSettings
    from calculator.export import Export
    from ui import heavy

    seed = load_preset("seed-marketing-team")
    first = heavy.cfo_pack(Export.of(seed), WhatIfSettings(draws=1_000), None)
    evaluated_again = Export.of(seed)
    start = time.perf_counter()
    again = heavy.cfo_pack(evaluated_again, WhatIfSettings(draws=1_000), None)
    assert again is first and time.perf_counter() - start < 0.05
    assert heavy._cfo_pack.cache_info().hits >= 1

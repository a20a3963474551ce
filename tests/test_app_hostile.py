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
from calculator.scenario import Scenario

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


def _warnings(at: AppTest) -> list[str]:
    return [shown(w.value) for w in at.warning]


class TestLinksNeverLie:
    def test_a_scenario_too_large_for_a_link_is_not_written_into_one(self):
        """A valid 500-team scenario made a ~22,000-character link that the app then refused on reload."""
        big = large_scenario()
        assert not share.fits_in_link(share.encode(big))
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["scenario"] = big
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

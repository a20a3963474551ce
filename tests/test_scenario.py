"""The scenario file format: defaults, validation with field paths, and exact JSON round trips."""

import json

import pytest

from calculator.scenario import (
    Actuals,
    Cohort,
    Finance,
    Literacy,
    Organization,
    ParameterPath,
    Scenario,
    ScenarioError,
    at_range_end,
    dumps,
    from_dict,
    load,
    loads,
    parameter_values,
    parse_path,
    with_parameter,
)


def problems_of(data) -> list[str]:
    """The problems a document (a dict, or JSON text) is rejected with."""
    with pytest.raises(ScenarioError) as info:
        loads(data) if isinstance(data, str) else from_dict(data)
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems


class TestDefaults:
    def test_empty_object_is_the_default_scenario(self):
        """Every field has a default: ``{}`` is a valid scenario, the same as Scenario()."""
        assert loads("{}") == Scenario()

    def test_documented_defaults(self):
        s = Scenario()
        assert (s.schema_version, s.currency) == (4, "USD")
        assert s.organization == Organization(working_weeks_per_year=52, hours_per_fte_year=2080,
                                              loaded_hourly_cost=45.65)
        assert s.finance == Finance(horizon_months=24, annual_discount_rate=0.10, productivity_recapture=1.0,
                                    benefit_risk_adjustment=0.0, include_participant_time=False,
                                    annual_benefit_decay=0.0)
        lit = s.literacy
        assert (lit.enabled, lit.seat_price_per_month, lit.access_months, lit.already_licensed) == (True, 35, 1, False)
        assert (lit.start_week, lit.training_hours_per_learner, lit.completion_rate) == (1, 6, 0.85)
        assert (lit.hours_saved_per_person_per_week, lit.adoption_rate) == (0, 0)
        assert s.learners == s.organization.headcount  # learners default to the headcount

    def test_cohort_defaults(self):
        c = from_dict({"cohorts": [{}]}).cohorts[0]
        assert (c.tier, c.delivery, c.team_size, c.start_week, c.engagement_weeks) == (2, "coaching", 10, 1, 6)
        assert (c.participant_hours_per_week, c.hours_saved_per_person_per_week, c.adoption_rate) == (0, 0, 1.0)
        assert (c.loaded_hourly_cost, c.workflows_built) == (None, 0)

    @pytest.mark.parametrize(
        ("delivery", "price", "unit"),
        [
            ("platform", 35, "per_employee_per_month"),
            ("workshop", 325, "per_employee"),
            ("coaching", 350, "per_employee_per_week"),
            ("consulting", 600_000, "fixed"),
        ],
    )
    def test_price_and_unit_follow_delivery(self, delivery, price, unit):
        """A cohort that names only its delivery model gets that model's benchmark price and unit."""
        c = from_dict({"cohorts": [{"delivery": delivery}]}).cohorts[0]
        assert (c.price, c.price_unit) == (price, unit)

    def test_explicit_price_beats_the_delivery_default(self):
        c = from_dict({"cohorts": [{"delivery": "workshop", "price": 150, "price_unit": "fixed"}]}).cohorts[0]
        assert (c.price, c.price_unit) == (150, "fixed")

    def test_org_hourly_cost_when_cohort_has_none(self):
        s = Scenario(organization=Organization(loaded_hourly_cost=50),
                     cohorts=(Cohort(), Cohort(loaded_hourly_cost=80)))
        assert [s.cohort_hourly_cost(c) for c in s.cohorts] == [50, 80]


class TestValidation:
    """Every problem is collected and named by its field's path."""

    def test_out_of_range_message(self):
        assert problems_of({"cohorts": [{"adoption_rate": 1.5}]}) == [
            "cohorts[0].adoption_rate: must be between 0 and 1, got 1.5"]

    def test_minimum_message(self):
        assert problems_of({"cohorts": [{}, {}, {"team_size": 0}]}) == ["cohorts[2].team_size: must be >= 1, got 0"]

    def test_collects_every_problem(self):
        data = {
            "extra": 1,
            "organization": {"headcount": 0},
            "finance": {"horizon_months": "24"},
            "cohorts": [{"adoption_rate": 1.5, "team_size": True, "bogus": 1}],
        }
        assert sorted(problems_of(data)) == sorted([
            "extra: unknown field",
            "organization.headcount: must be >= 1, got 0",
            'finance.horizon_months: must be a whole number, got "24"',
            "cohorts[0].adoption_rate: must be between 0 and 1, got 1.5",
            "cohorts[0].team_size: must be a whole number, got True",
            "cohorts[0].bogus: unknown field",
        ])

    @pytest.mark.parametrize(
        ("data", "problem"),
        [
            ({"bogus": 1}, "bogus: unknown field"),
            ({"finance": {"rate": 0.1}}, "finance.rate: unknown field"),
            ({"cohorts": [{"colour": "red"}]}, "cohorts[0].colour: unknown field"),
            ({"organization": {"headcount": "200"}}, 'organization.headcount: must be a whole number, got "200"'),
            ({"organization": {"headcount": 200.5}}, "organization.headcount: must be a whole number, got 200.5"),
            ({"finance": {"include_participant_time": 1}}, "finance.include_participant_time: must be true or false"),
            ({"literacy": {"enabled": "yes"}}, "literacy.enabled: must be true or false"),
            ({"cohorts": [{"price": "350"}]}, 'cohorts[0].price: must be a number, got "350"'),
            ({"cohorts": [{"price": None}]}, "cohorts[0].price: must not be null"),
            ({"cohorts": [{"tier": 1}]}, "cohorts[0].tier: must be one of 2, 3, got 1"),
            ({"cohorts": [{"delivery": "webinar"}]}, "cohorts[0].delivery: must be one of"),
            ({"cohorts": [{"price_unit": "per_hour"}]}, "cohorts[0].price_unit: must be one of"),
            ({"cohorts": [{"name": 7}]}, "cohorts[0].name: must be text, got 7"),
            # A name labels charts, exports and file names: a file may not leave it blank (the app refuses it too).
            ({"cohorts": [{"name": ""}]}, "cohorts[0].name: must not be blank"),
            ({"cohorts": [{}, {"name": "   "}]}, "cohorts[1].name: must not be blank"),
            ({"other_costs": [{"name": "\u00a0", "amount": 10}]}, "other_costs[0].name: must not be blank"),
            ({"name": " "}, "name: must not be blank"),
            ({"cohorts": {}}, "cohorts: must be a list"),
            ({"cohorts": [3]}, "cohorts[0]: must be an object, got 3"),
            ({"finance": []}, "finance: must be an object"),
            ({"name": 3}, "name: must be text"),
            ({"currency": "dollars"}, "currency: must be a three-letter code"),
            ({"schema_version": 5}, "schema_version: must be 1, 2, 3 or 4, got 5"),
            ({"schema_version": 1, "cohorts": [{"actuals": None}]},
             "cohorts[0].actuals: not part of schema_version 1 (it arrived in version 2)"),
            ({"schema_version": 1, "organization": {"regulated_health_data": True}},
             "organization.regulated_health_data: not part of schema_version 1"),
            ({"cohorts": [{"actuals": {"observed_adoption_rate": 1.5}}]},
             "cohorts[0].actuals.observed_adoption_rate: must be between 0 and 1, got 1.5"),
            ({"cohorts": [{"actuals": {"workflows_built": 2, "workflows_in_use_30d": 3}}]},
             "cohorts[0].actuals.workflows_in_use_30d: must be <= actuals.workflows_built (2), got 3"),
            ({"cohorts": [{"actuals": {"seen": 1}}]}, "cohorts[0].actuals.seen: unknown field"),
            ({"cohorts": [{"actuals": 3}]}, "cohorts[0].actuals: must be an object, got 3"),
            ({"organization": {"working_weeks_per_year": 54}}, "organization.working_weeks_per_year: must be <= 53"),
            ({"finance": {"horizon_months": 121}}, "finance.horizon_months: must be <= 120, got 121"),
            ({"finance": {"annual_discount_rate": -0.1}}, "finance.annual_discount_rate: must be between 0 and 1"),
            ({"cohorts": [{"engagement_weeks": 0}]}, "cohorts[0].engagement_weeks: must be >= 1, got 0"),
            ({"cohorts": [{"start_week": 0}]}, "cohorts[0].start_week: must be >= 1, got 0"),
        ],
    )
    def test_one_problem(self, data, problem):
        got = problems_of(data)
        assert len(got) == 1 and got[0].startswith(problem), got

    @pytest.mark.parametrize(
        ("field", "section"),
        [("team_size", "cohorts"), ("adoption_rate", "cohorts"), ("headcount", "organization"),
         ("horizon_months", "finance")],
    )
    def test_bool_is_not_a_number(self, field, section):
        """JSON true is not 1: a boolean where a number belongs is a type error."""
        data = {section: [{field: True}]} if section == "cohorts" else {section: {field: True}}
        path = f"cohorts[0].{field}" if section == "cohorts" else f"{section}.{field}"
        got = problems_of(data)
        assert len(got) == 1 and got[0].startswith(f"{path}: must be a ") and got[0].endswith("got True")

    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ('{"cohorts": [{"price": NaN}]}', "cohorts[0].price"),
            ('{"organization": {"loaded_hourly_cost": Infinity}}', "organization.loaded_hourly_cost"),
            ('{"finance": {"annual_discount_rate": -Infinity}}', "finance.annual_discount_rate"),
        ],
    )
    def test_nan_and_infinity_name_the_field(self, text, path):
        """NaN and Infinity are not JSON numbers; the problem still names the field."""
        got = problems_of(text)
        assert len(got) == 1 and got[0].startswith(f"{path}: must be a finite number"), got

    def test_nan_does_not_hide_other_problems(self):
        got = problems_of('{"cohorts": [{"price": NaN, "team_size": 0}], "bogus": 1}')
        assert len(got) == 3
        assert any(p.startswith("cohorts[0].price:") for p in got)
        assert "cohorts[0].team_size: must be >= 1, got 0" in got
        assert "bogus: unknown field" in got

    def test_nan_in_python_is_rejected(self):
        assert problems_of({"cohorts": [{"adoption_rate": float("nan")}]}) == [
            "cohorts[0].adoption_rate: must be a finite number, got nan"]

    def test_learners_above_headcount(self):
        assert problems_of({"organization": {"headcount": 100}, "literacy": {"learners": 150}}) == [
            "literacy.learners: must be <= organization.headcount (100), got 150"]

    def test_learners_null_means_headcount(self):
        s = from_dict({"organization": {"headcount": 120}, "literacy": {"learners": None}})
        assert s.learners == 120


class TestFileProblems:
    """Text that is not a scenario at all: one problem line, never an exception other than ScenarioError."""

    @pytest.mark.parametrize("text", ["", "   \n", "\n\n"])
    def test_empty(self, text):
        assert problems_of(text) == ["scenario: the file is empty"]

    @pytest.mark.parametrize("text", ['{"name": ', "{'name': 'x'}", "not json", '{"a": 1,}'])
    def test_malformed(self, text):
        got = problems_of(text)
        assert len(got) == 1 and got[0].startswith("scenario: not valid JSON (line 1, column ")

    @pytest.mark.parametrize("text", ["[1, 2]", '"text"', "42", "null"])
    def test_not_an_object(self, text):
        got = problems_of(text)
        assert len(got) == 1 and got[0].startswith("scenario: must be a JSON object")

    def test_missing_file(self, tmp_path):
        with pytest.raises(ScenarioError) as info:
            load(tmp_path / "nowhere.json")
        assert info.value.problems == [f"scenario: no such file: {tmp_path / 'nowhere.json'}"]

    def test_directory(self, tmp_path):
        with pytest.raises(ScenarioError) as info:
            load(tmp_path)
        assert len(info.value.problems) == 1 and info.value.problems[0].startswith("scenario: cannot read")

    def test_not_utf8(self, tmp_path):
        path = tmp_path / "latin1.json"
        path.write_bytes('{"name": "caf\xe9"}'.encode("latin-1"))
        with pytest.raises(ScenarioError):
            load(path)


class TestRanges:
    """ranges: {parameter path: [low, high]}, the scenario's own value being the base."""

    BASE = {"cohorts": [{"price": 350, "engagement_weeks": 7}, {"price": 300, "engagement_weeks": 6}]}

    def test_valid(self):
        s = from_dict({**self.BASE, "ranges": {"cohorts[*].price": [200, 500], "cohorts[1].engagement_weeks": [6, 8],
                                               "finance.productivity_recapture": [0.5, 1]}})
        assert s.ranges == (("cohorts[*].price", 200, 500), ("cohorts[1].engagement_weeks", 6, 8),
                            ("finance.productivity_recapture", 0.5, 1))

    @pytest.mark.parametrize(
        ("ranges", "problem"),
        [
            ({"cohorts[5].price": [200, 500]}, 'ranges["cohorts[5].price"]: there is no cohort 5'),
            ({"finance.bogus": [0, 1]}, 'ranges["finance.bogus"]: finance.bogus cannot take a range'),
            ({"nowhere.price": [0, 1]}, 'ranges["nowhere.price"]: unknown section'),
            ({"price": [0, 1]}, 'ranges["price"]: not a parameter path'),
            ({"cohorts[x].price": [0, 1]},
             'ranges["cohorts[x].price"]: cohort index must be a whole number (digits 0-9) or *'),
            ({"cohorts[*].name": [0, 1]}, 'ranges["cohorts[*].name"]: cohorts[].name cannot take a range'),
            ({"cohorts[*].price": [500, 200]}, 'ranges["cohorts[*].price"]: low 500 must not exceed high 200'),
            ({"cohorts[*].price": [200]}, 'ranges["cohorts[*].price"]: must be [low, high] with two finite numbers'),
            ({"cohorts[*].price": [200, "500"]}, 'ranges["cohorts[*].price"]: must be [low, high]'),
            ({"cohorts[*].price": [True, 500]}, 'ranges["cohorts[*].price"]: must be [low, high]'),
            ({"cohorts[*].adoption_rate": [0.5, 2]}, 'ranges["cohorts[*].adoption_rate"]: must lie within 0..1'),
            # Not containing the base: 300 (cohort 1) is outside [320, 500].
            ({"cohorts[*].price": [320, 500]},
             'ranges["cohorts[*].price"]: the scenario\'s value 300 must lie within [320, 500]'),
            ({"finance.productivity_recapture": [0.5, 0.9]},
             'ranges["finance.productivity_recapture"]: the scenario\'s value 1 must lie within [0.5, 0.9]'),
        ],
    )
    def test_bad_range(self, ranges, problem):
        got = problems_of({**self.BASE, "ranges": ranges})
        assert len(got) == 1 and got[0].startswith(problem), got

    def test_ranges_not_an_object(self):
        assert problems_of({"ranges": [1, 2]})[0].startswith("ranges: must be an object")

    def test_range_problems_reported_with_other_problems(self):
        """A bad range path is reported together with a bad field elsewhere, not after it is fixed."""
        got = problems_of({"cohorts": [{"team_size": 0}], "ranges": {"finance.bogus": [0, 1]}})
        assert sorted(got) == sorted(["cohorts[0].team_size: must be >= 1, got 0",
                                      'ranges["finance.bogus"]: finance.bogus cannot take a range'])

    def test_at_range_end(self):
        """--at low / --at high set every ranged input to that end; whole numbers round half up."""
        s = from_dict({**self.BASE, "ranges": {"cohorts[*].price": [200, 500], "cohorts[*].engagement_weeks": [6, 8]}})
        low, high = at_range_end(s, "low"), at_range_end(s, "high")
        assert [(c.price, c.engagement_weeks) for c in low.cohorts] == [(200, 6), (200, 6)]
        assert [(c.price, c.engagement_weeks) for c in high.cohorts] == [(500, 8), (500, 8)]
        with pytest.raises(ValueError):
            at_range_end(s, "middle")

    @pytest.mark.parametrize(("value", "weeks"), [(6.5, 7), (6.49, 6), (7.5, 8)])
    def test_whole_numbers_round_half_up(self, value, weeks):
        s = from_dict(self.BASE)
        assert with_parameter(s, "cohorts[0].engagement_weeks", value).cohorts[0].engagement_weeks == weeks

    def test_a_team_path_names_one_team_or_every_team(self):
        """One field says which team: an index names one, None names every team (``[*]``); a section has none."""
        assert (parse_path("cohorts[*].price"), parse_path("cohorts[2].price")) == (
            ParameterPath("cohorts", "price"), ParameterPath("cohorts", "price", 2))
        assert [p.every_cohort for p in (parse_path("cohorts[*].price"), parse_path("cohorts[0].price"),
                                         parse_path("finance.annual_discount_rate"))] == [True, False, False]
        with pytest.raises(ValueError, match="only a cohort path has an index"):
            ParameterPath("finance", "annual_discount_rate", 0)

    def test_parameter_values(self):
        s = from_dict(self.BASE)
        assert parameter_values(s, "cohorts[*].price") == [350, 300]
        assert parameter_values(s, "cohorts[1].price") == [300]
        assert parameter_values(s, "literacy.learners") == [s.organization.headcount]
        assert parameter_values(s, "cohorts[0].loaded_hourly_cost") == [s.organization.loaded_hourly_cost]


class TestRoundTrip:
    SCENARIOS = [
        Scenario(),
        Scenario(name="Pilots — été", currency="EUR", notes="line one\nline two",
                 organization=Organization(headcount=300, working_weeks_per_year=48, hours_per_fte_year=1880,
                                           loaded_hourly_cost=61.37),
                 finance=Finance(horizon_months=36, annual_discount_rate=0.075, productivity_recapture=0.6,
                                 benefit_risk_adjustment=0.15, include_participant_time=True,
                                 annual_benefit_decay=0.2),
                 literacy=Literacy(learners=250, seat_price_per_month=22.5, access_months=2.5,
                                   already_licensed=True, start_week=3, completion_rate=0.9,
                                   hours_saved_per_person_per_week=0.25, adoption_rate=0.1),
                 cohorts=(Cohort(name="Marketing", function="marketing", team_size=8, price=350.0,
                                 hours_saved_per_person_per_week=3.75, adoption_rate=0.8, workflows_built=3,
                                 actuals=Actuals(workflows_built=4, workflows_in_use_30d=3,
                                                 measured_hours_saved_per_person_per_week=3.5,
                                                 observed_adoption_rate=0.75)),
                          Cohort(name="Ops", function="operations", tier=3, delivery="consulting", team_size=40,
                                 start_week=14, engagement_weeks=12, price=250_000.0, price_unit="fixed",
                                 loaded_hourly_cost=72.5, participant_hours_per_week=1.5)),
                 ranges=(("cohorts[*].price", 200.0, 500_000.0), ("finance.productivity_recapture", 0.5, 0.9),
                         ("cohorts[1].team_size", 30.0, 45.0))),
    ]

    @pytest.mark.parametrize("scenario", SCENARIOS, ids=["default", "everything-set"])
    def test_load_save(self, scenario):
        """load(save(s)) == s, and the saved text is stable (save(load(save(s))) == save(s))."""
        text = dumps(scenario)
        assert loads(text) == scenario
        assert dumps(loads(text)) == text

    def test_file_round_trip(self, tmp_path):
        path = tmp_path / "s.json"
        path.write_text(dumps(self.SCENARIOS[1]), encoding="utf-8")
        assert load(path) == self.SCENARIOS[1]

    def test_canonical_text(self):
        """Every field is written, whole floats as integers, non-ASCII kept, a final newline."""
        text = dumps(self.SCENARIOS[1])
        data = json.loads(text)
        assert list(data) == ["schema_version", "name", "currency", "notes", "organization", "finance",
                              "literacy", "cohorts", "ai_tools", "other_costs", "ranges"]
        assert '"price": 350,' in text and "été" in text and text.endswith("}\n")
        assert data["ranges"]["cohorts[*].price"] == [200, 500000]


class TestVersion1:
    """Version 1 files (before pilot actuals) still load, as version 3 scenarios, and save as version 3."""

    V1 = {"schema_version": 1, "name": "Old file", "organization": {"headcount": 50},
          "cohorts": [{"name": "Sales", "team_size": 6, "workflows_built": 2}]}

    def test_loads_as_version_3(self):
        s = from_dict(self.V1)
        assert s == from_dict({**self.V1, "schema_version": 2}) == from_dict({**self.V1, "schema_version": 3})
        assert s.schema_version == 4 and s.cohorts[0].actuals is None
        assert json.loads(dumps(s))["schema_version"] == 4

    def test_a_version_1_file_with_actuals_is_refused_with_the_fix(self):
        data = {**self.V1, "cohorts": [{"actuals": {"workflows_built": 2}}, {}, {"actuals": None}]}
        assert problems_of(data) == [
            "cohorts[0].actuals: not part of schema_version 1 (it arrived in version 2); set schema_version to 2",
            "cohorts[2].actuals: not part of schema_version 1 (it arrived in version 2); set schema_version to 2"]


class TestTextFields:
    """Names end up in charts, PDFs and spreadsheets: control characters and broken Unicode are refused."""

    @pytest.mark.parametrize("text, path", [
        ('{"name": "Plan\\u0001"}', "name: must not contain control characters (found U+0001)"),
        ('{"cohorts": [{"name": "A\\u001f"}]}', "cohorts[0].name: must not contain control characters (found U+001F)"),
        ('{"cohorts": [{"name": "A\\ud800"}]}', "cohorts[0].name: must be valid Unicode text (found a lone surrogate"),
        ('{"notes": "x\\u000by"}', "notes: must not contain control characters (found U+000B)"),
    ])
    def test_refused_with_path(self, text, path):
        with pytest.raises(ScenarioError) as err:
            loads(text)
        assert any(p.startswith(path) for p in err.value.problems)

    def test_notes_may_span_lines(self):
        assert loads('{"notes": "first line\\nsecond\\tline"}').notes == "first line\nsecond\tline"

    def test_ordinary_unicode_is_fine(self):
        assert loads('{"name": "Équipe Ω — 東京"}').name == "Équipe Ω — 東京"

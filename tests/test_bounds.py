"""Valid inputs at the edges of their bounds (issues 19 item 6 and 24): huge money formats, a working year of
fewer than 12 weeks draws its roadmap, and a horizon that would round to no week at all is refused by name."""

from __future__ import annotations

import pytest

from calculator import evaluate
from calculator.formatting import hours, money, round_half_up
from calculator.rollout.roadmap import spend_by_month
from calculator.scenario import Cohort, Finance, Literacy, Organization, Scenario, ScenarioError, from_dict, to_dict


class TestHugeMoney:
    def test_round_half_up_past_28_digits(self):
        """Python's decimal context holds 28 digits: quantizing 1e28 to a whole unit raised InvalidOperation.
        A float is rounded on its shortest decimal form, so 2.5e300 is 25 followed by 299 zeros."""
        assert round_half_up(1e28) == 10**28
        assert round_half_up(2.5e300) == 25 * 10**299
        assert round_half_up(-2.5e300, 2) == -2.5e300

    def test_a_budget_of_1e28_formats(self):
        """$1e28 = $1e19 billions: compact, one decimal and the largest letter; exact, every digit."""
        assert money(1e28) == "$10,000,000,000,000,000,000.0B"
        assert money(1e28, exact=True) == "$10,000,000,000,000,000,000,000,000,000"
        assert money(-1e28) == "-$10,000,000,000,000,000,000.0B"

    @pytest.mark.parametrize("value", [1e28, 1.7976931348623157e308, -1.7976931348623157e308])
    def test_up_to_the_largest_float(self, value):
        assert money(value).endswith("B") and money(value, exact=True)[-1].isdigit()
        assert hours(value).endswith(" h")


class TestShortWorkingYear:
    @pytest.mark.parametrize("weeks_per_year", [1, 5, 11])
    def test_every_month_of_the_roadmap_spend_has_its_weeks(self, weeks_per_year):
        """W < 12 leaves months with no week of their own (week w is in month ceil(12 w / W)); the roadmap's
        spend by month took the first and last week of an empty month (ValueError on an empty array). Such a
        month holds no spend and is left out: with W = 5 and 24 months (10 weeks), weeks 1-5 fall in months 3,
        5, 8, 10 and 12 of each year."""
        s = Scenario(organization=Organization(working_weeks_per_year=weeks_per_year),
                     literacy=Literacy(enabled=False), cohorts=(Cohort(team_size=10, price=200),))
        result = evaluate(s)
        rows = spend_by_month(result)
        assert all(r["first_week"] <= r["last_week"] for r in rows)
        assert sum(r["cost"] for r in rows) == pytest.approx(result.total_cost)
        if weeks_per_year == 5:
            assert [r["month"] for r in rows][:5] == [3, 5, 8, 10, 12]


class TestHorizonOfNoWeek:
    @pytest.mark.parametrize("weeks_per_year, months, least", [(1, 1, 6), (1, 5, 6), (5, 1, 2), (3, 1, 2)])
    def test_refused_by_name(self, weeks_per_year, months, least):
        """Weeks = round(months x W / 12): 1 x 1 / 12 = 0.08 and 5 x 1 / 12 = 0.42 round to 0; the least horizon
        is ceil(6 / W) months (half a week or more): 6 months at W = 1, 2 at W = 3 or 5."""
        document = to_dict(Scenario(organization=Organization(working_weeks_per_year=weeks_per_year),
                                    finance=Finance(horizon_months=months)))
        with pytest.raises(ScenarioError) as info:
            from_dict(document)
        assert info.value.problems == [
            f"finance.horizon_months: {months} month{'s' if months > 1 else ''} of a {weeks_per_year}-week working "
            f"year (organization.working_weeks_per_year) round{'s' if months == 1 else ''} to no week; the horizon "
            f"must be at least {least} months"]

    @pytest.mark.parametrize("weeks_per_year, months", [(1, 6), (6, 1), (52, 1), (12, 1)])
    def test_the_least_horizon_loads(self, weeks_per_year, months):
        """6 x 1 / 12 = 0.5 rounds up to 1 week; 1 x 6 / 12 = 0.5 too; 1 x 52 / 12 = 4.33 to 4."""
        document = to_dict(Scenario(organization=Organization(working_weeks_per_year=weeks_per_year),
                                    finance=Finance(horizon_months=months)))
        assert from_dict(document).finance.horizon_months == months

"""The governance layer across the tiers: a checklist per tier and the teams that need extra care.

Flags (``docs/MODEL.md``, "Extensions"):

- ``health_data``: every team, when ``organization.regulated_health_data`` is set (in a
  health organization any team may meet patient records);
- ``financial_content``: a finance team, or every team when
  ``organization.regulated_financial_content`` is set (in a bank or an insurer, marketing and
  sales material is regulated too);
- ``customer_data``: sales and customer-success teams, which work with customers' personal data.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario import Cohort, Organization, Scenario
from .roadmap import engagement_stages

FLAGS = {
    "health_data": "Health data",
    "financial_content": "Financial content",
    "customer_data": "Customer personal data",
}
CUSTOMER_FACING = ("sales", "customer_success")

# Written for this product; the source names the risks (data exposure, tool policy gaps, sector rules).
TIER_CHECKS = {
    1: (
        ("Acceptable use", "Each learner reads and acknowledges the acceptable-use policy before getting access "
                           "to any AI tool."),
        ("Data handling", "The course shows what never goes into an AI tool (customer records, source code, "
                          "passwords, unpublished figures), using a real leak of company code into a public "
                          "chatbot as the warning."),
        ("Approved tools", "Learners know which tools and account tiers are approved: company accounts with "
                           "data-protection terms, never personal consumer accounts for company work."),
    ),
    2: (
        ("Workflow risk review", "Before a workflow goes into daily use, the coach and the team check what data "
                                 "it reads, which tool and account it runs on, and where its output goes."),
        ("Human check on outputs", "Anything a workflow produces for people outside the team is read by a "
                                   "person before it is sent."),
        ("Workflow register", "Each workflow is recorded with its owner, tool and data sources, so it can be "
                              "found and reviewed later."),
    ),
    3: (
        ("Approvals", "Name who signs off each change to the process before an AI step is built into it."),
        ("Escalation", "Agree who is told, and how fast, when an AI output is wrong or data may have leaked."),
        ("Human-judgment points", "Mark the decisions AI may prepare but a person must take: prices, credit, "
                                  "hiring, anything with legal effect."),
    ),
}
FLAG_CHECKS = {
    "health_data": "Patient records stay out of any AI tool not covered by a signed data-protection agreement "
                   "for health data (a business associate agreement under HIPAA in the US); remove identifiers "
                   "before prompting; keep a log of use.",
    "financial_content": "Figures and statements drafted with AI are checked by a qualified person before "
                         "release; AI-assisted messages to clients or investors are kept as the securities rules "
                         "require; no inside information goes into an external tool.",
    "customer_data": "Customer names, contact details and account data are masked before prompting, and only "
                     "company accounts with data-protection terms are used.",
}


def team_flags(cohort: Cohort, organization: Organization) -> tuple[str, ...]:
    """The governance flags of one team (see the module's docstring for the rule).

    >>> team_flags(Cohort(function="finance"), Organization())
    ('financial_content',)
    >>> team_flags(Cohort(function="sales"), Organization(regulated_health_data=True))
    ('health_data', 'customer_data')
    """
    flags = []
    if organization.regulated_health_data:
        flags.append("health_data")
    if cohort.function == "finance" or organization.regulated_financial_content:
        flags.append("financial_content")
    if cohort.function in CUSTOMER_FACING:
        flags.append("customer_data")
    return tuple(flags)


@dataclass(frozen=True)
class GovernanceItem:
    """One check: its tier (``None`` for a flag's extra check, which spans tiers), what, for whom and by when."""

    tier: int | None
    area: str
    check: str
    applies_to: tuple[str, ...]
    due_week: int
    flag: str | None = None


def _build_week(cohort: Cohort) -> int:
    stages = {s.key: s.start_week for s in engagement_stages(cohort)}
    return stages.get("build", cohort.start_week)


def governance_checklist(scenario: Scenario) -> tuple[GovernanceItem, ...]:
    """The per-tier checklist for the scenario's tiers, then the extra checks its flagged teams need.

    Tier 1 checks are due when the course opens; Tier 2 checks when the first team starts
    building; Tier 3 checks in the first department's audit week. An organization-level flag
    also covers every learner, who all meet the data in question.

    Examples
    --------
    >>> from calculator.scenario import Literacy
    >>> s = Scenario(literacy=Literacy(enabled=False),
    ...              cohorts=(Cohort(name="Finance", function="finance", start_week=3),))
    >>> [(i.tier, i.area, i.due_week) for i in governance_checklist(s)]
    [(2, 'Workflow risk review', 4), (2, 'Human check on outputs', 4), (2, 'Workflow register', 4), \
(None, 'Financial content', 3)]
    """
    items = []
    lit = scenario.literacy
    org = scenario.organization
    if lit.enabled:
        everyone = (f"all {scenario.learners:,} learners",)
        items += [GovernanceItem(1, area, text, everyone, lit.start_week) for area, text in TIER_CHECKS[1]]
    for tier, due in ((2, _build_week), (3, lambda c: c.start_week)):
        teams = [c for c in scenario.cohorts if c.tier == tier]
        if teams:
            names = tuple(c.name for c in teams)
            items += [GovernanceItem(tier, area, text, names, min(due(c) for c in teams))
                      for area, text in TIER_CHECKS[tier]]
    for flag, label in FLAGS.items():
        teams = [c for c in scenario.cohorts if flag in team_flags(c, org)]
        org_wide = lit.enabled and ((flag == "health_data" and org.regulated_health_data)
                                    or (flag == "financial_content" and org.regulated_financial_content))
        if not teams and not org_wide:
            continue
        names = ((f"all {scenario.learners:,} learners",) if org_wide else ()) + tuple(c.name for c in teams)
        starts = [c.start_week for c in teams] + ([lit.start_week] if org_wide else [])
        items.append(GovernanceItem(None, label, FLAG_CHECKS[flag], names, min(starts), flag))
    return tuple(items)


def flagged_teams(scenario: Scenario) -> list[dict]:
    """Every team with its flags (empty when none), for the roadmap's table.

    >>> flagged_teams(Scenario(cohorts=(Cohort(name="Ops", function="operations"),)))
    [{'index': 0, 'team': 'Ops', 'tier': 2, 'function': 'operations', 'flags': ()}]
    """
    return [{"index": i, "team": c.name, "tier": c.tier, "function": c.function,
             "flags": team_flags(c, scenario.organization)} for i, c in enumerate(scenario.cohorts)]

"""The scenario: frozen input dataclasses, validation with field paths, JSON.

One JSON document (``schema_version`` 4, see ``docs/MODEL.md``) serves the app's
save/load, the share link, the command line and the tests. Every problem in a
document is collected and reported at once, each named by its path, for example
``cohorts[2].team_size: must be >= 1, got 0``.

Version 2 added each team's pilot ``actuals`` and the organization's two
regulated-data settings. Version 3 (methodology v2) added cost risk, the AI tool
seats, each team's cash share and the program's other costs, all with neutral
defaults. Version 4 (methodology v3, the decision case) added baseline items
(literacy, other costs), share-of-fees costs and each team's ``without_training``
counterfactual. Version 1-3 files (and links) still load; saving always writes version 4.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .data_files import read_csv
from .formatting import round_half_up
from .limits import (
    MAX_DEFAULTS_LISTED,
    MAX_NAME_CHARS,
    MAX_NESTING_DEPTH,
    MAX_NOTES_CHARS,
    MAX_OTHER_COSTS,
    MAX_PROBLEMS_REPORTED,
    MAX_RANGES,
    MAX_SCENARIO_BYTES,
    MAX_TEAMS,
)

SCHEMA_VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)
# Fields a version 1 document may not carry: they arrived with version 2.
ADDED_IN_V2 = {"organization": ("regulated_health_data", "regulated_financial_content"),
               "cohorts": ("actuals",)}
# Fields an older document may not carry: they arrived with version 3 (methodology v2).
ADDED_IN_V3 = {"finance": ("cost_risk_adjustment",), "literacy": ("cash_share",), "cohorts": ("cash_share",),
               "top": ("ai_tools", "other_costs")}
# Fields an older document may not carry: they arrived with version 4 (methodology v3, the decision case).
ADDED_IN_V4 = {"literacy": ("baseline",), "cohorts": ("without_training",),
               "other_costs": ("baseline", "share_of_fees")}

FUNCTIONS = ("marketing", "sales", "operations", "finance", "customer_success", "other")
DELIVERIES = ("platform", "workshop", "coaching", "consulting")
PRICE_UNITS = ("per_employee_per_week", "per_employee_per_month", "per_employee", "fixed")

# Default price and unit per delivery model: the midpoint of the published range, read from
# data/price_benchmarks.csv (coaching read per employee per week, see DOMAIN notes).
DELIVERY_DEFAULTS: dict[str, tuple[float, str]] = {
    row["delivery"]: (float(row["default_price"]), row["unit"]) for row in read_csv("price_benchmarks.csv")}

MAX_HOURS_PER_WEEK = 80.0  # nobody saves (or attends) more hours than a long working week


class ScenarioError(ValueError):
    """A scenario that breaks the format: ``problems`` holds one line per field.

    At most :data:`~calculator.limits.MAX_PROBLEMS_REPORTED` problems are listed, then one line
    "and N more problems": a hostile document with 100,000 mistakes gives a readable message.

    >>> ScenarioError([f"cohorts[{i}].x: unknown field" for i in range(60)]).problems[-1]
    'and 10 more problems (only the first 50 are listed)'
    """

    def __init__(self, problems: list[str], *, more: int = 0):
        problems = list(problems)
        self.more = more + max(0, len(problems) - MAX_PROBLEMS_REPORTED)
        self.listed = problems[:MAX_PROBLEMS_REPORTED]
        self.problems = self.listed + (
            [f"and {self.more} more problems (only the first {MAX_PROBLEMS_REPORTED} are listed)"]
            if self.more else [])
        super().__init__("\n".join(self.problems))

    def prefixed(self, prefix: str) -> ScenarioError:
        """The same problems, each line starting with ``prefix`` (``"share link: "``)."""
        return ScenarioError([prefix + p for p in self.listed], more=self.more)


def _spec(kind: str, low: float | None = None, high: float | None = None, *,
          nullable: bool = False, choices: tuple = (), doc: str = "", cls: type | None = None) -> dict:
    # kind "object" is a nested section (a dataclass ``cls``), validated field by field like the others.
    return {"kind": kind, "low": low, "high": high, "nullable": nullable,
            "choices": choices, "doc": doc, "cls": cls}


def _f(default: Any, kind: str, low: float | None = None, high: float | None = None, **kw):
    return field(default=default, metadata=_spec(kind, low, high, **kw))


@dataclass(frozen=True)
class Organization:
    headcount: int = _f(200, "int", 1, 10_000_000, doc="people in the organization")
    working_weeks_per_year: int = _f(52, "int", 1, 53, doc="weeks in the model's year")
    hours_per_fte_year: float = _f(2080.0, "float", 1, 8784, doc="hours in one full-time year")
    loaded_hourly_cost: float = _f(45.65, "float", 0, 10_000, doc="employer cost per hour worked")
    regulated_health_data: bool = _f(False, "bool", doc="teams may handle health records (HIPAA-type rules)")
    regulated_financial_content: bool = _f(False, "bool",
                                           doc="teams may handle regulated financial content (securities rules)")


@dataclass(frozen=True)
class Finance:
    horizon_months: int = _f(24, "int", 1, 120)
    annual_discount_rate: float = _f(0.10, "float", 0, 1)
    productivity_recapture: float = _f(1.0, "float", 0, 1)
    benefit_risk_adjustment: float = _f(0.0, "float", 0, 1)
    include_participant_time: bool = _f(False, "bool")
    annual_benefit_decay: float = _f(0.0, "float", 0, 1)
    cost_risk_adjustment: float = _f(0.0, "float", 0, 1,
                                     doc="every cost line x (1 + this): TEI's upward cost risk")


@dataclass(frozen=True)
class Literacy:
    enabled: bool = _f(True, "bool")
    learners: int | None = _f(None, "int", 1, 10_000_000, nullable=True,
                              doc="null means the whole headcount")
    seat_price_per_month: float = _f(35.0, "float", 0, 100_000)
    access_months: float = _f(1.0, "float", 0.01, 120)
    already_licensed: bool = _f(False, "bool")
    start_week: int = _f(1, "int", 1, 5_000)
    training_hours_per_learner: float = _f(6.0, "float", 0, 1_000)
    completion_rate: float = _f(0.85, "float", 0, 1)
    hours_saved_per_person_per_week: float = _f(0.0, "float", 0, MAX_HOURS_PER_WEEK)
    adoption_rate: float = _f(0.0, "float", 0, 1)
    cash_share: float = _f(0.0, "float", 0, 1, doc="share of the tier's value that releases cash")
    baseline: bool = _f(False, "bool", doc="true = literacy happens regardless of this decision (mandatory "
                                           "acceptable-use training, an existing platform): shown, not charged to it")


@dataclass(frozen=True)
class AiTools:
    """The AI tool seats the trained people need to use what they learn (schema version 3)."""

    seat_price_per_month: float = _f(30.0, "float", 0, 100_000, doc="price of one AI tool seat a month")
    already_licensed: bool = _f(True, "bool", doc="true = the organization already pays for the seats ($0 incremental)")


@dataclass(frozen=True)
class OtherCost:
    """A program cost outside any tier: program management, evaluation, legal review, contingency."""

    name: str = _f("Program cost", "str")
    amount: float = _f(0.0, "float", 0, 1e9, doc="the whole cost, spread evenly over its weeks")
    start_week: int = _f(1, "int", 1, 5_000)
    weeks: int = _f(1, "int", 1, 5_000)
    baseline: bool = _f(False, "bool", doc="true = incurred regardless of this decision: shown, not charged to it")
    share_of_fees: float | None = _f(None, "float", 0, 10, nullable=True,
                                     doc="when set, this cost is that share of the decision's fees each week "
                                         "(a contingency, a vendor's management fee); amount and weeks are ignored")


@dataclass(frozen=True)
class Actuals:
    """What a team's pilot measured (schema version 2); ``None`` means not measured yet."""

    workflows_built: int | None = _f(None, "int", 0, 100_000, nullable=True,
                                     doc="workflows the team built during the engagement")
    workflows_in_use_30d: int | None = _f(None, "int", 0, 100_000, nullable=True,
                                          doc="of those, still in daily use 30 days later")
    measured_hours_saved_per_person_per_week: float | None = _f(
        None, "float", 0, MAX_HOURS_PER_WEEK, nullable=True,
        doc="measured hours saved per person a week, by the people who use the workflows")
    observed_adoption_rate: float | None = _f(None, "float", 0, 1, nullable=True,
                                              doc="share of the team seen using the workflows")

    @property
    def measured(self) -> bool:
        """True when at least one figure has been entered."""
        return any(getattr(self, f.name) is not None for f in dataclasses.fields(self))


@dataclass(frozen=True)
class WithoutTraining:
    """What a team would reach anyway, with the same tools and no training (schema version 4)."""

    adoption_rate: float = _f(0.0, "float", 0, 1, doc="share of the team that would use AI tools anyway")
    hours_saved_per_person_per_week: float = _f(0.0, "float", 0, MAX_HOURS_PER_WEEK,
                                                doc="hours a week each such person would save anyway")

    @property
    def hours_per_person(self) -> float:
        """Hours saved a week per team member anyway: adoption x hours."""
        return self.adoption_rate * self.hours_saved_per_person_per_week


@dataclass(frozen=True)
class Cohort:
    name: str = _f("Team", "str")
    function: str = _f("other", "enum", choices=FUNCTIONS)
    tier: int = _f(2, "enum", choices=(2, 3))
    delivery: str = _f("coaching", "enum", choices=DELIVERIES)
    team_size: int = _f(10, "int", 1, 1_000_000)
    start_week: int = _f(1, "int", 1, 5_000)
    engagement_weeks: int = _f(6, "int", 1, 520)
    price: float = _f(DELIVERY_DEFAULTS["coaching"][0], "float", 0, 1e9)
    price_unit: str = _f(DELIVERY_DEFAULTS["coaching"][1], "enum", choices=PRICE_UNITS)
    participant_hours_per_week: float = _f(0.0, "float", 0, MAX_HOURS_PER_WEEK)
    hours_saved_per_person_per_week: float = _f(0.0, "float", 0, MAX_HOURS_PER_WEEK)
    adoption_rate: float = _f(1.0, "float", 0, 1)
    loaded_hourly_cost: float | None = _f(None, "float", 0, 10_000, nullable=True,
                                          doc="null means the organization's")
    workflows_built: int = _f(0, "int", 0, 100_000)
    actuals: Actuals | None = _f(None, "object", nullable=True, cls=Actuals,
                                 doc="the pilot's measurements; null until measured")
    cash_share: float = _f(0.0, "float", 0, 1,
                           doc="share of the team's value that releases cash (an avoided hire or backfill, "
                               "less overtime or contractor spend); the rest is capacity")
    without_training: WithoutTraining = _f(WithoutTraining(), "object", cls=WithoutTraining,
                                           doc="what the team would reach anyway, untrained: the program "
                                               "is credited only with the difference")


@dataclass(frozen=True)
class Scenario:
    schema_version: int = SCHEMA_VERSION
    name: str = "Untitled scenario"
    currency: str = "USD"
    notes: str = ""
    organization: Organization = field(default_factory=Organization)
    finance: Finance = field(default_factory=Finance)
    literacy: Literacy = field(default_factory=Literacy)
    cohorts: tuple[Cohort, ...] = ()
    ai_tools: AiTools = field(default_factory=AiTools)
    other_costs: tuple[OtherCost, ...] = ()
    # (path, low, high) triples, in file order; a tuple keeps the scenario hashable.
    ranges: tuple[tuple[str, float, float], ...] = ()

    @property
    def learners(self) -> int:
        """Tier 1 learners: the literacy figure, or the whole headcount when unset."""
        if self.literacy.learners is None:
            return self.organization.headcount
        return self.literacy.learners

    def cohort_hourly_cost(self, cohort: Cohort) -> float:
        """A team's loaded hourly cost: its own, or the organization's."""
        if cohort.loaded_hourly_cost is None:
            return self.organization.loaded_hourly_cost
        return cohort.loaded_hourly_cost


SECTIONS = {"organization": Organization, "finance": Finance, "literacy": Literacy, "ai_tools": AiTools}

# --------------------------------------------------------------------------- parameter paths
# Inputs that may carry an uncertainty range and be overridden in a batch evaluation.
RANGEABLE = {
    "organization": ("loaded_hourly_cost", "hours_per_fte_year"),
    "finance": ("annual_discount_rate", "productivity_recapture",
                "benefit_risk_adjustment", "annual_benefit_decay", "cost_risk_adjustment"),
    "literacy": ("learners", "seat_price_per_month", "access_months", "start_week",
                 "training_hours_per_learner", "completion_rate",
                 "hours_saved_per_person_per_week", "adoption_rate", "cash_share"),
    "ai_tools": ("seat_price_per_month",),
    "cohorts": ("team_size", "start_week", "engagement_weeks", "price",
                "participant_hours_per_week", "hours_saved_per_person_per_week",
                "adoption_rate", "loaded_hourly_cost", "cash_share"),
}


@dataclass(frozen=True)
class ParameterPath:
    """A parsed path: ``finance.productivity_recapture``, ``cohorts[0].price`` or ``cohorts[*].price``.

    One field says which team: ``index`` is the team's position, or None for every team (``[*]``) and for
    the sections, which have no teams.

    >>> ParameterPath("cohorts", "price").every_cohort, str(ParameterPath("cohorts", "price", 2))
    (True, 'cohorts[2].price')
    """

    section: str
    field: str
    index: int | None = None  # cohort index; None for "[*]" and for sections

    def __post_init__(self) -> None:
        if self.index is not None and self.section != "cohorts":
            raise ValueError(f"only a cohort path has an index: {self!r}")

    @property
    def every_cohort(self) -> bool:
        """True for ``cohorts[*].field``: the path names every team at once."""
        return self.section == "cohorts" and self.index is None

    def __str__(self) -> str:
        if self.section != "cohorts":
            return f"{self.section}.{self.field}"
        return f"cohorts[{'*' if self.index is None else self.index}].{self.field}"


def _clip(text: str, width: int = 60) -> str:
    """A user's text cut to ``width`` characters for a message (a hostile key can be a megabyte)."""
    return text if len(text) <= width else text[:width] + "…"


def parse_index(text: str) -> int:
    """A list index as written in a path: ASCII digits only; leading zeros are read away.

    The canonical form has no leading zeros, so ``cohorts[00]`` and ``cohorts[0]`` name one team
    (and a second range on it is a duplicate); Unicode digits (``٠``, ``²``) are not indexes.

    >>> parse_index("007")
    7
    >>> parse_index("²")
    Traceback (most recent call last):
    ...
    ValueError: an index must be a whole number written with the digits 0-9, got '²'
    """
    if not text or len(text) > 9 or not all("0" <= ch <= "9" for ch in text):
        raise ValueError(f"an index must be a whole number written with the digits 0-9, got {_clip(text)!r}")
    return int(text)


def split_path(text: str) -> list[str | int]:
    """A field path as its parts, indexes canonical: ``cohorts[01].team_size`` -> ``["cohorts", 1, "team_size"]``.

    The one parser of paths: parameter paths (:func:`parse_path`) and edits (:mod:`calculator.editing`)
    both read paths through it. ``[*]`` stays as the string ``"*"``. ``ValueError`` says why a text is
    not a path.

    >>> split_path("cohorts[1].actuals.workflows_built")
    ['cohorts', 1, 'actuals', 'workflows_built']
    """
    if not isinstance(text, str) or not text:
        raise ValueError(f"not a field path: {_describe(text)}")
    parts: list[str | int] = []
    for piece in text.split("."):
        if piece.endswith("]") and "[" in piece:
            name, _, inner = piece[:-1].partition("[")
            if not name:
                raise ValueError(f"not a field path: {_clip(text)!r}")
            parts += [name, "*" if inner == "*" else parse_index(inner)]
        elif not piece or "[" in piece or "]" in piece:
            raise ValueError(f"not a field path: {_clip(text)!r}")
        else:
            parts.append(piece)
    return parts


def parse_path(text: str) -> ParameterPath:
    """Parse a parameter path (one that can take a range); ``ValueError`` with the reason when it is not one.

    ``str()`` of the result is the canonical path: ``cohorts[03].price`` reads as ``cohorts[3].price``.

    >>> str(parse_path("cohorts[*].price")), str(parse_path("cohorts[03].price"))
    ('cohorts[*].price', 'cohorts[3].price')
    """
    if not isinstance(text, str) or "." not in text or text.endswith("."):
        raise ValueError(f"not a parameter path (expected section.field): {_describe(text)}")
    try:
        parts = split_path(text)
    except ValueError as exc:
        if text.startswith("cohorts[") and "]." in text:
            inner = text[len("cohorts["):text.index("].")]
            if inner != "*":
                raise ValueError(f"cohort index must be a whole number (digits 0-9) or *, got {_clip(inner)!r}")
        raise ValueError(f"not a parameter path (expected section.field): {_clip(text)!r}") from exc
    if len(parts) == 3 and parts[0] == "cohorts" and not isinstance(parts[2], int):
        name = str(parts[2])
        if name not in RANGEABLE["cohorts"]:
            raise ValueError(f"cohorts[].{_clip(name)} cannot take a range")
        if parts[1] == "*":
            return ParameterPath("cohorts", name)
        return ParameterPath("cohorts", name, int(parts[1]))
    if len(parts) != 2 or any(not isinstance(x, str) for x in parts):
        raise ValueError(f"not a parameter path (expected section.field): {_clip(text)!r}")
    head, name = str(parts[0]), str(parts[1])
    if head not in RANGEABLE or head == "cohorts":
        raise ValueError(f"unknown section {_clip(head)!r}")
    if name not in RANGEABLE[head]:
        raise ValueError(f"{head}.{_clip(name)} cannot take a range")
    return ParameterPath(head, name)


def cohort_value(scenario: Scenario, cohort: Cohort, name: str) -> float:
    """A cohort input as the model uses it (an unset hourly cost is the organization's)."""
    if name == "loaded_hourly_cost":
        return scenario.cohort_hourly_cost(cohort)
    return float(getattr(cohort, name))


def parameter_values(scenario: Scenario, path: str | ParameterPath) -> list[float]:
    """The scenario's own value(s) at a path: one per cohort for ``cohorts[*]``."""
    p = parse_path(path) if isinstance(path, str) else path
    if p.section == "cohorts":
        if p.index is None:  # cohorts[*]
            return [cohort_value(scenario, c, p.field) for c in scenario.cohorts]
        if p.index >= len(scenario.cohorts):
            raise ValueError(f"{p}: there is no cohort {p.index}")
        return [cohort_value(scenario, scenario.cohorts[p.index], p.field)]
    if p.section == "literacy" and p.field == "learners":
        return [float(scenario.learners)]
    return [float(getattr(getattr(scenario, p.section), p.field))]


def _coerce(cls, name: str, value: float):
    kind = next(f for f in dataclasses.fields(cls) if f.name == name).metadata["kind"]
    if kind == "int":
        return round_half_up(value)  # whole-number inputs round half up
    return float(value)


def with_parameter(scenario: Scenario, path: str | ParameterPath, value: float) -> Scenario:
    """A copy of the scenario with the input at ``path`` set to ``value``.

    Whole-number inputs (team size, weeks) are rounded half up.

    >>> s = Scenario(cohorts=(Cohort(price=300.0), Cohort(price=400.0)))
    >>> [c.price for c in with_parameter(s, "cohorts[*].price", 200).cohorts]
    [200.0, 200.0]
    """
    p = parse_path(path) if isinstance(path, str) else path
    if p.section == "cohorts":
        idx = range(len(scenario.cohorts)) if p.index is None else [p.index]
        cohorts = list(scenario.cohorts)
        for i in idx:
            cohorts[i] = dataclasses.replace(cohorts[i], **{p.field: _coerce(Cohort, p.field, value)})
        return dataclasses.replace(scenario, cohorts=tuple(cohorts))
    cls = SECTIONS[p.section]
    section = dataclasses.replace(getattr(scenario, p.section), **{p.field: _coerce(cls, p.field, value)})
    return dataclasses.replace(scenario, **{p.section: section})


def at_range_end(scenario: Scenario, end: str) -> Scenario:
    """Every input named in ``ranges`` set to its ``"low"`` or ``"high"`` end."""
    if end not in ("low", "high"):
        raise ValueError(f"end must be 'low' or 'high', got {end!r}")
    out = scenario
    for path, low, high in scenario.ranges:
        out = with_parameter(out, path, low if end == "low" else high)
    return out


# --------------------------------------------------------------------------- validation
_FLOAT_MAX = sys.float_info.max


def _describe(value: Any) -> str:
    """A JSON value for a message, short whatever its size: ``"text"``, ``2.0``, ``a 401-digit number``."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if abs(value) < 10**15:
            return str(value)
        digits = len(str(abs(value))) if abs(value) < 10**4000 else int(abs(value).bit_length() * 0.30103) + 1
        return f"a {digits}-digit number"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(_clip(value), ensure_ascii=False)
    if isinstance(value, dict):
        return "{}" if not value else f"an object with {len(value)} field{'s' * (len(value) != 1)}"
    if isinstance(value, list):
        return "[]" if not value else f"a list of {len(value)}"
    return _clip(repr(value))


def _number(value: Any) -> tuple[float | None, str | None]:
    """A JSON number as a finite float, or why it is not one (a bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"must be a number, got {_describe(value)}"
    if isinstance(value, int) and abs(value) > _FLOAT_MAX:
        return None, f"must be a number within the floating-point range (about 1.8e308), got {_describe(value)}"
    if not math.isfinite(value):
        return None, f"must be a finite number, got {value}"
    return float(value), None


def _check_value(path: str, value: Any, meta: Mapping[str, Any], problems: list[str]) -> Any:
    """Validate one JSON value against its field spec; returns the Python value or None.

    Types are strict: a whole-number field takes a JSON integer (``2.0`` is not a tier or a team
    size), an enumeration takes exactly one of its values (text, or the integer tiers), a number is
    finite and within the floating-point range.
    """
    kind, low, high = meta["kind"], meta["low"], meta["high"]
    if value is None:
        if meta["nullable"]:
            return None
        problems.append(f"{path}: must not be null")
        return None
    if kind == "object":
        return _parse_section(meta["cls"], value, path, problems)
    if kind == "bool":
        if not isinstance(value, bool):
            problems.append(f"{path}: must be true or false, got {_describe(value)}")
            return None
        return value
    if kind == "str":
        if not isinstance(value, str):
            problems.append(f"{path}: must be text, got {_describe(value)}")
            return None
        if len(value) > MAX_NAME_CHARS:
            problems.append(f"{path}: must be at most {MAX_NAME_CHARS} characters, got {len(value)}")
            return None
        bad = text_problem(value) or _blank_name_problem(path, value)
        if bad:
            problems.append(f"{path}: {bad}")
            return None
        return value
    if kind == "enum":
        if not any(type(value) is type(c) and value == c for c in meta["choices"]):
            options = ", ".join(str(c) for c in meta["choices"])
            problems.append(f"{path}: must be one of {options}, got {_describe(value)}")
            return None
        return value
    if kind == "int" and type(value) is not int:
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            problems.append(f"{path}: must be a whole number written without a decimal point, got {value!r}")
        else:
            problems.append(f"{path}: must be a whole number, got {_describe(value)}")
        return None
    number, why = _number(value)
    if number is None:
        problems.append(f"{path}: {why}")
        return None
    if low is not None and high is not None and (number < low or number > high):
        shown = _describe(value) if isinstance(value, int) else _fmt_num(number)
        if low == 0 and high == 1:
            problems.append(f"{path}: must be between 0 and 1, got {shown}")
        elif number < low:
            problems.append(f"{path}: must be >= {_fmt_num(low)}, got {shown}")
        else:
            problems.append(f"{path}: must be <= {_fmt_num(high)}, got {shown}")
        return None
    return value if kind == "int" else number


def text_problem(value: str, multiline: bool = False) -> str | None:
    r"""Why a text cannot be used, or None: control characters and broken Unicode are refused,
    since charts, PDFs and spreadsheets cannot render them (a chart renderer even crashes on some).

    >>> text_problem("Team\x01"), text_problem("Line 1\nLine 2", multiline=True), text_problem("ok")
    ('must not contain control characters (found U+0001)', None, None)
    """
    allowed = "\n\t\r" if multiline else ""
    for ch in value:
        if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) and ch not in allowed:
            return f"must not contain control characters (found U+{ord(ch):04X})"
        if 0xD800 <= ord(ch) <= 0xDFFF:
            return f"must be valid Unicode text (found a lone surrogate U+{ord(ch):04X})"
    return None


def _blank_name_problem(path: str, value: str) -> str | None:
    """A name (the scenario's, a team's, a program cost's) labels charts, exports and file names: never blank.

    >>> _blank_name_problem("cohorts[0].name", "  "), _blank_name_problem("cohorts[0].name", "Sales")
    ('must not be blank', None)
    """
    return "must not be blank" if path.rsplit(".", 1)[-1] == "name" and not value.strip() else None


def _fmt_num(x: float) -> str:
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x) if abs(x) < 1e15 else f"{x:.3g}"


def _parse_section(cls, data: Any, path: str, problems: list[str], defaults: dict | None = None):
    if not isinstance(data, dict):
        problems.append(f"{path}: must be an object, got {_describe(data)}")
        return None
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = dict(defaults or {})
    ok = True
    for key, value in data.items():
        if key not in fields:
            problems.append(f"{path}.{_clip(str(key))}: unknown field")
            ok = False
            continue
        before = len(problems)
        checked = _check_value(f"{path}.{key}", value, fields[key].metadata, problems)
        if len(problems) > before:
            ok = False
        else:
            kwargs[key] = checked
    return cls(**kwargs) if ok else None


def nesting_depth(data: Any, stop_above: int | None = None) -> int:
    """How deeply lists and objects nest (a number is 0, ``{}`` is 1), walked without recursion.

    With ``stop_above``, the walk stops as soon as the depth passes it.

    >>> nesting_depth({"cohorts": [{"actuals": {"workflows_built": 3}}]})
    4
    """
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if stop_above is not None and deepest > stop_above:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def from_dict(data: Any) -> Scenario:
    """Build a validated scenario from parsed JSON; ``ScenarioError`` lists every problem.

    >>> from_dict({"cohorts": [{"team_size": 0}]})
    Traceback (most recent call last):
    ...
    calculator.scenario.ScenarioError: cohorts[0].team_size: must be >= 1, got 0
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ScenarioError([f"scenario: must be a JSON object, got {_describe(data)}"])
    if nesting_depth(data, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH:
        raise ScenarioError([f"scenario: lists and objects nest deeper than the limit of {MAX_NESTING_DEPTH} "
                             "levels (a scenario needs 4)"])
    top = {"schema_version", "name", "currency", "notes", "ranges", "cohorts", "other_costs", *SECTIONS}
    for key in data:
        if key not in top:
            problems.append(f"{_clip(str(key))}: unknown field")
    version = data.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version not in READABLE_VERSIONS:
        problems.append(f"schema_version: must be 1, 2, 3 or 4, got {_describe(version)}")
    else:
        if version == 1:
            problems += _fields_newer_than_v1(data)
        if version < 3:
            problems += _fields_newer_than_v2(data, version)
        if version < 4:
            problems += _fields_newer_than_v3(data, version)
    texts = {}
    for key, default in (("name", Scenario.name), ("currency", "USD"), ("notes", "")):
        value = data.get(key, default)
        if not isinstance(value, str):
            problems.append(f"{key}: must be text, got {_describe(value)}")
        elif key == "currency" and not (len(value) == 3 and value.isascii() and value.isalpha()
                                        and value.isupper()):
            problems.append(f"currency: must be a three-letter code such as USD, got {_describe(value)}")
        elif len(value) > (MAX_NOTES_CHARS if key == "notes" else MAX_NAME_CHARS):
            problems.append(f"{key}: is too long ({len(value)} characters; the limit is "
                            f"{MAX_NOTES_CHARS if key == 'notes' else MAX_NAME_CHARS})")
        elif bad := text_problem(value, multiline=key == "notes") or _blank_name_problem(key, value):
            problems.append(f"{key}: {bad}")
        else:
            texts[key] = value
    sections = {}
    for key, cls in SECTIONS.items():
        sections[key] = _parse_section(cls, data.get(key, {}), key, problems)

    cohorts = []
    raw_cohorts = data.get("cohorts", [])
    if not isinstance(raw_cohorts, list):
        problems.append(f"cohorts: must be a list, got {_describe(raw_cohorts)}")
        raw_cohorts = []
    if len(raw_cohorts) > MAX_TEAMS:
        problems.append(f"cohorts: at most {MAX_TEAMS} teams (the limit), got {len(raw_cohorts)}")
        raw_cohorts = []
    for i, raw in enumerate(raw_cohorts):
        defaults = {}
        delivery = raw.get("delivery") if isinstance(raw, dict) else None
        if isinstance(delivery, str) and delivery in DELIVERY_DEFAULTS:
            price, unit = DELIVERY_DEFAULTS[delivery]
            defaults = {"price": price, "price_unit": unit}
        cohorts.append(_parse_section(Cohort, raw, f"cohorts[{i}]", problems, defaults))

    other_costs = _parse_other_costs(data.get("other_costs", []), problems)

    for i, cohort in enumerate(cohorts):
        actual = cohort.actuals if cohort else None
        if (actual and actual.workflows_built is not None and actual.workflows_in_use_30d is not None
                and actual.workflows_in_use_30d > actual.workflows_built):
            problems.append(f"cohorts[{i}].actuals.workflows_in_use_30d: must be <= actuals.workflows_built "
                            f"({actual.workflows_built}), got {actual.workflows_in_use_30d}")

    if sections["literacy"] and sections["organization"]:
        learners = sections["literacy"].learners
        if learners is not None and learners > sections["organization"].headcount:
            problems.append(f"literacy.learners: must be <= organization.headcount "
                            f"({sections['organization'].headcount}), got {learners}")

    if sections["finance"] and sections["organization"]:
        problems += _horizon_problems(sections["finance"].horizon_months,
                                      sections["organization"].working_weeks_per_year)

    if problems:
        _parse_ranges(data.get("ranges", {}), None, problems)  # report the ranges' own problems too
        raise ScenarioError(problems)
    scenario = Scenario(schema_version=SCHEMA_VERSION, name=texts["name"], currency=texts["currency"],
                        notes=texts["notes"], cohorts=tuple(cohorts), other_costs=other_costs, **sections)
    ranges = _parse_ranges(data.get("ranges", {}), scenario, problems, data)
    if problems:
        raise ScenarioError(problems)
    return dataclasses.replace(scenario, ranges=ranges)


def _horizon_problems(months: int, weeks_per_year: int) -> list[str]:
    """A horizon must hold a week: months x W / 12 rounds to the nearest week, and under half a week is none.

    Every page and export draws the horizon's weeks; with none there is nothing to draw or count. The least
    horizon is ceil(6 / W) months (half a week: 6 months of a 1-week year, 2 of a 5-week year).

    >>> _horizon_problems(1, 5)
    ['finance.horizon_months: 1 month of a 5-week working year (organization.working_weeks_per_year) rounds to \
no week; the horizon must be at least 2 months']
    >>> _horizon_problems(1, 6)
    []
    """
    if 2 * months * weeks_per_year + 12 >= 24:  # model.horizon_weeks >= 1, in the same integer arithmetic
        return []
    least = -(-6 // weeks_per_year)
    return [f"finance.horizon_months: {months} month{'s' if months != 1 else ''} of a {weeks_per_year}-week working "
            f"year (organization.working_weeks_per_year) round{'s' if months == 1 else ''} to no week; the horizon "
            f"must be at least {least} months"]


def _fields_newer_than_v1(data: dict) -> list[str]:
    """A version 1 document may not carry version 2 fields: say which, and what to do."""
    found = []
    org = data.get("organization")
    if isinstance(org, dict):
        found += [f"organization.{k}" for k in ADDED_IN_V2["organization"] if k in org]
    raw_cohorts = data.get("cohorts")
    if isinstance(raw_cohorts, list):
        found += [f"cohorts[{i}].{k}" for i, raw in enumerate(raw_cohorts[:MAX_TEAMS]) if isinstance(raw, dict)
                  for k in ADDED_IN_V2["cohorts"] if k in raw]
    return [f"{path}: not part of schema_version 1 (it arrived in version 2); set schema_version to 2"
            for path in found]


def _fields_newer_than_v2(data: dict, version: int) -> list[str]:
    """A version 1 or 2 document may not carry version 3 fields: say which, and what to do."""
    found = [k for k in ADDED_IN_V3["top"] if k in data]
    for section in ("finance", "literacy"):
        raw = data.get(section)
        if isinstance(raw, dict):
            found += [f"{section}.{k}" for k in ADDED_IN_V3[section] if k in raw]
    raw_cohorts = data.get("cohorts")
    if isinstance(raw_cohorts, list):
        found += [f"cohorts[{i}].{k}" for i, raw in enumerate(raw_cohorts) if isinstance(raw, dict)
                  for k in ADDED_IN_V3["cohorts"] if k in raw]
    return [f"{path}: not part of schema_version {version} (it arrived in version 3); set schema_version to 3"
            for path in found]


def _fields_newer_than_v3(data: dict, version: int) -> list[str]:
    """A version 1-3 document may not carry version 4 fields (methodology v3): say which, and what to do."""
    found = []
    literacy = data.get("literacy")
    if isinstance(literacy, dict):
        found += [f"literacy.{k}" for k in ADDED_IN_V4["literacy"] if k in literacy]
    for list_key in ("cohorts", "other_costs"):
        raw_items = data.get(list_key)
        if isinstance(raw_items, list):
            found += [f"{list_key}[{i}].{k}" for i, raw in enumerate(raw_items[:MAX_TEAMS]) if isinstance(raw, dict)
                      for k in ADDED_IN_V4[list_key] if k in raw]
    return [f"{path}: not part of schema_version {version} (it arrived in version 4); set schema_version to 4"
            for path in found]


def _parse_other_costs(raw: Any, problems: list[str]) -> tuple:
    """The program's other costs: a list of {name, amount, start_week, weeks, baseline, share_of_fees}, each
    checked by path. A share-of-fees line follows the decision's fees, so it cannot be a baseline item."""
    if not isinstance(raw, list):
        problems.append(f"other_costs: must be a list, got {_describe(raw)}")
        return ()
    if len(raw) > MAX_OTHER_COSTS:
        problems.append(f"other_costs: at most {MAX_OTHER_COSTS} entries (the limit), got {len(raw)}")
        return ()
    parsed = [_parse_section(OtherCost, item, f"other_costs[{i}]", problems) for i, item in enumerate(raw)]
    for i, item in enumerate(parsed):
        if item is not None and item.baseline and item.share_of_fees is not None:
            problems.append(f"other_costs[{i}].share_of_fees: must be null when baseline is true (a share of the "
                            f"decision's fees is part of the decision), got {_fmt_num(item.share_of_fees)}")
            parsed[i] = None
    return tuple(parsed) if all(p is not None for p in parsed) else ()


def _parse_ranges(raw: Any, scenario: Scenario | None, problems: list[str], document: Any = None) -> tuple:
    """The ranges, each under its canonical path; two keys naming one input are an error naming both.

    With no scenario (other fields are bad) only the checks that do not need one are run. ``document`` (the
    whole file) lets a value outside its range say that the file left it out and it is a default.
    """
    defaulted: dict[str, Defaulted] | None = None  # worked out only for a refusal: most loads refuse nothing
    if not isinstance(raw, dict):
        problems.append(f"ranges: must be an object of path: [low, high], got {_describe(raw)}")
        return ()
    if len(raw) > MAX_RANGES:
        problems.append(f"ranges: at most {MAX_RANGES} ranges (the limit), got {len(raw)}")
        return ()
    out = []
    written_as: dict[str, str] = {}  # canonical path -> the key as the document wrote it
    for key, pair in raw.items():
        where = f"ranges[{json.dumps(_clip(key)) if isinstance(key, str) else _describe(key)}]"
        try:
            p = parse_path(key)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        canonical = str(p)
        if canonical in written_as:
            problems.append(f"{where}: the same input as ranges[{json.dumps(_clip(written_as[canonical]))}] "
                            f"({canonical}); give each input one range")
            continue
        written_as[canonical] = key
        two = isinstance(pair, list) and len(pair) == 2
        low, high = (_number(pair[0])[0], _number(pair[1])[0]) if two else (None, None)
        if low is None or high is None:
            problems.append(f"{where}: must be [low, high] with two finite numbers, got {_describe(pair)}")
            continue
        if low > high:
            problems.append(f"{where}: low {_fmt_num(low)} must not exceed high {_fmt_num(high)}")
            continue
        cls = Cohort if p.section == "cohorts" else SECTIONS[p.section]
        meta = next(f for f in dataclasses.fields(cls) if f.name == p.field).metadata
        if (meta["low"] is not None and low < meta["low"]) or (meta["high"] is not None and high > meta["high"]):
            problems.append(f"{where}: must lie within {_fmt_num(meta['low'])}..{_fmt_num(meta['high'])}, "
                            f"got [{_fmt_num(low)}, {_fmt_num(high)}]")
            continue
        if scenario is None:
            continue
        if p.section == "cohorts" and p.index is not None and p.index >= len(scenario.cohorts):
            problems.append(f"{where}: there is no cohort {p.index} (the scenario has {len(scenario.cohorts)})")
            continue
        bases = parameter_values(scenario, p)
        outside = [b for b in bases if not low <= b <= high]
        if outside:
            team = p.index if p.index is not None else next(i for i, b in enumerate(bases) if not low <= b <= high)
            value_path = f"cohorts[{team}].{p.field}" if p.section == "cohorts" else canonical
            if defaulted is None:
                defaulted = {d.path: d for d in defaulted_fields(document)}
            problems.append(f"{where}: the scenario's value {_fmt_num(outside[0])} must lie within "
                            f"[{_fmt_num(low)}, {_fmt_num(high)}]"
                            + _missing_note(value_path, outside[0], defaulted))
            continue
        out.append((canonical, low, high))
    return tuple(out)


def _missing_note(path: str, value: float, defaulted: Mapping[str, Defaulted]) -> str:
    """Why a value outside its range is there when the file never wrote it: the field, or its section, was left out.

    >>> _missing_note("finance.productivity_recapture", 1.0, {"finance": Defaulted("finance", Finance())})
    ' (finance is missing from the file, so finance.productivity_recapture took its default 1)'
    """
    if path in defaulted:
        return f" ({path} is missing from the file and took its default {_fmt_num(value)})"
    section = path.split(".", 1)[0]
    if section in defaulted:
        return f" ({section} is missing from the file, so {path} took its default {_fmt_num(value)})"
    return ""


# --------------------------------------------------------------------------- fields a file left out
@dataclass(frozen=True)
class Defaulted:
    """A field a scenario file left out, and the default it took (a whole section: its dataclass of defaults)."""

    path: str
    default: Any

    def describe(self) -> str:
        """``cohorts[4].team_size = 10``; a whole section lists the defaults of its fields.

        >>> Defaulted("ai_tools", AiTools()).describe()
        'ai_tools (the whole section, at its defaults: seat_price_per_month = 30, already_licensed = true)'
        """
        if dataclasses.is_dataclass(self.default):
            values = ", ".join(f"{name} = {_json_value(value)}" for name, value in _section_dict(self.default).items()
                               if value is not None)
            return f"{self.path} (the whole section, at its defaults: {values})"
        return f"{self.path} = {_json_value(self.default)}"


def _json_value(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def _unset_by_nature(value: Any) -> bool:
    """A default that adds nothing (null = not measured / the organization's; no notes; no ranges): not reported."""
    return value is None or (isinstance(value, (str, tuple, list, dict)) and not value)


def _newer_than(version: int) -> set[str]:
    """Fields a document of ``version`` never had (``section.field``, ``cohorts.field``, or a top-level key)."""
    added = []
    if version < 2:
        added.append(ADDED_IN_V2)
    if version < 3:
        added.append(ADDED_IN_V3)
    if version < 4:
        added.append(ADDED_IN_V4)
    return {name if section == "top" else f"{section}.{name}"
            for table in added for section, names in table.items() for name in names}


def _left_out(cls: type, raw: dict, path: str, kind: str, newer: set[str],
              defaults: Mapping[str, Any] | None = None) -> list[Defaulted]:
    out = []
    for f in dataclasses.fields(cls):
        default = (defaults or {}).get(f.name, f.default)
        if f.name not in raw and f"{kind}.{f.name}" not in newer and not _unset_by_nature(default):
            out.append(Defaulted(f"{path}.{f.name}", default))
    return out


def defaulted_fields(data: Any) -> tuple[Defaulted, ...]:
    """The fields a scenario document left out, each with the default the loader gave it, in the format's order.

    Every field has a default (the format's contract), so a file may omit any; this says which ones it did,
    so that the person loading it is told rather than surprised. A whole missing section is one entry
    (``finance``). Not listed: fields whose default is "not set" by nature (a null such as
    ``literacy.learners`` or a team's ``loaded_hourly_cost``, empty notes, no ranges or other costs), and
    fields newer than the document's ``schema_version`` (a version 1 file never had ``cash_share``).
    A team's ``price`` and ``price_unit`` default to its delivery model's. Parts of the wrong shape
    are skipped: :func:`from_dict` reports them.

    >>> doc = {"schema_version": 3, "name": "Plan", "currency": "USD", "literacy": {}, "ai_tools": {},
    ...        "organization": {"headcount": 300, "working_weeks_per_year": 52, "hours_per_fte_year": 2080,
    ...                         "regulated_health_data": False, "regulated_financial_content": False},
    ...        "cohorts": [{"name": "Ops", "team_size": 30, "delivery": "consulting"}]}
    >>> [d.path for d in defaulted_fields(doc)][:4]
    ['organization.loaded_hourly_cost', 'finance', 'literacy.enabled', 'literacy.seat_price_per_month']
    >>> [d.describe() for d in defaulted_fields(doc) if d.path.startswith("cohorts[0].pr")]
    ['cohorts[0].price = 600000', 'cohorts[0].price_unit = "fixed"']
    """
    if not isinstance(data, dict):
        return ()
    version = data.get("schema_version", SCHEMA_VERSION)
    newer = _newer_than(version if type(version) is int and version in READABLE_VERSIONS else SCHEMA_VERSION)
    out = []
    for key, default in (("schema_version", SCHEMA_VERSION), ("name", Scenario.name), ("currency", "USD")):
        if key not in data:
            out.append(Defaulted(key, default))
    for key, cls in SECTIONS.items():
        raw = data.get(key)
        if key in newer:
            continue
        if key not in data:
            out.append(Defaulted(key, cls()))
        elif isinstance(raw, dict):
            out += _left_out(cls, raw, key, key, newer)
    raw_cohorts = data.get("cohorts")
    if isinstance(raw_cohorts, list):
        for i, raw in enumerate(raw_cohorts[:MAX_TEAMS]):
            if isinstance(raw, dict):
                delivery = raw.get("delivery", Cohort.delivery)
                price = DELIVERY_DEFAULTS.get(delivery) if isinstance(delivery, str) else None
                defaults = {"price": price[0], "price_unit": price[1]} if price else None
                out += _left_out(Cohort, raw, f"cohorts[{i}]", "cohorts", newer, defaults)
    raw_costs = data.get("other_costs")
    if "other_costs" not in newer and isinstance(raw_costs, list):
        for i, raw in enumerate(raw_costs[:MAX_OTHER_COSTS]):
            if isinstance(raw, dict):
                out += _left_out(OtherCost, raw, f"other_costs[{i}]", "other_costs", newer)
    return tuple(out)


def defaults_notice(defaulted: Iterable[Defaulted], source: str) -> str | None:
    """One sentence naming the fields ``source`` left out and the default each took, or None when none were.

    The first :data:`~calculator.limits.MAX_DEFAULTS_LISTED` are named, then "and N more".

    >>> defaults_notice([Defaulted("cohorts[4].team_size", 10)], "plan.json")
    'plan.json left out 1 field, so it took its default: cohorts[4].team_size = 10. Check it before presenting \
(saving the scenario writes every field).'
    """
    items = list(defaulted)
    if not items:
        return None
    listed = ", ".join(d.describe() for d in items[:MAX_DEFAULTS_LISTED])
    more = len(items) - MAX_DEFAULTS_LISTED
    if more > 0:
        listed += f", and {more} more"
    one = len(items) == 1
    return (f"{source} left out {len(items)} field{'' if one else 's'}, so {'it' if one else 'they'} took "
            f"{'its default' if one else 'their defaults'}: {listed}. Check {'it' if one else 'them'} before "
            "presenting (saving the scenario writes every field).")


def parse_json(text: str, source: str = "scenario") -> Any:
    """JSON text as Python values, within the size and nesting limits; ``ScenarioError`` otherwise.

    NaN and Infinity parse as floats so that validation names the field they sit in.

    >>> parse_json("[" * 5000 + "]" * 5000)
    Traceback (most recent call last):
    ...
    calculator.scenario.ScenarioError: scenario: lists and objects nest deeper than the limit of 16 levels
    """
    if len(text) > MAX_SCENARIO_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_SCENARIO_BYTES:
        raise ScenarioError([f"{source}: larger than the limit of {MAX_SCENARIO_BYTES:,} bytes"])
    if not text.strip():
        raise ScenarioError([f"{source}: the file is empty"])
    too_deep = ScenarioError([f"{source}: lists and objects nest deeper than the limit of {MAX_NESTING_DEPTH} levels"])
    try:
        data = json.loads(text, parse_constant=float)
    except RecursionError:
        raise too_deep from None
    except json.JSONDecodeError as exc:
        raise ScenarioError([f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"])
    except ValueError as exc:  # an integer of more than 4,300 digits, say
        raise ScenarioError([f"{source}: {_clip(str(exc), 120)}"])
    if nesting_depth(data, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH:
        raise too_deep
    return data


def loads(text: str) -> Scenario:
    """Parse and validate a scenario from JSON text (at most ``MAX_SCENARIO_BYTES``)."""
    return from_dict(parse_json(text))


def loads_bytes(data: bytes, source: str = "scenario") -> Scenario:
    """Parse and validate a scenario from the bytes of a file or an upload (UTF-8, a BOM allowed)."""
    return from_dict(parse_bytes(data, source))


def load_noting_defaults(data: bytes, source: str = "scenario", name: str | None = None) -> tuple[Scenario, str | None]:
    """A file's scenario and what it left out: the notice naming each field that took its default (or None).

    The app's upload and the command line both read files this way, so a missing field is never silent.
    ``source`` names the bytes in a parse error; ``name`` names the file in the notice.

    >>> scenario, notice = load_noting_defaults(b'{"cohorts": [{"name": "Sales"}]}', name="plan.json")
    >>> scenario.cohorts[0].team_size, notice.startswith("plan.json left out")
    (10, True)
    """
    raw = parse_bytes(data, source)
    return from_dict(raw), defaults_notice(defaulted_fields(raw), name or source)


def parse_bytes(data: bytes, source: str = "scenario") -> Any:
    """The JSON document in the bytes of a file or an upload (UTF-8, a BOM allowed), not yet validated.

    Read apart from :func:`from_dict` so a caller can also ask :func:`defaulted_fields` what it left out.
    """
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioError([f"{source}: larger than the limit of {MAX_SCENARIO_BYTES:,} bytes"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError([f"{source}: not a UTF-8 text file (expected a scenario JSON file)"]) from None
    return parse_json(text, source)


def read_limited(path) -> bytes:
    """At most ``MAX_SCENARIO_BYTES + 1`` bytes of a file (``-`` is standard input), so that an endless
    or huge file (``/dev/zero``) is refused after reading one byte past the limit, never read whole."""
    try:
        if str(path) == "-":
            return sys.stdin.buffer.read(MAX_SCENARIO_BYTES + 1)
        with open(path, "rb") as fh:
            return fh.read(MAX_SCENARIO_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError([f"scenario: no such file: {_clip(str(path), 200)}"]) from None
    except OSError as exc:
        raise ScenarioError([f"scenario: cannot read {_clip(str(path), 200)}: {exc.strerror or exc}"]) from None


def load(path) -> Scenario:
    """Read a scenario file (``-`` reads standard input); a missing, unreadable or oversized file is a
    ``ScenarioError`` too."""
    return loads_bytes(read_limited(path))


# --------------------------------------------------------------------------- saving
def _plain(value: Any) -> Any:
    # Integral floats are written as integers so the canonical file reads "350", not "350.0".
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if dataclasses.is_dataclass(value):
        return _section_dict(value)
    return value


def _section_dict(obj) -> dict:
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def to_dict(scenario: Scenario) -> dict:
    """The canonical JSON-ready dict: every field written, in the format's order."""
    return {
        "schema_version": scenario.schema_version,
        "name": scenario.name,
        "currency": scenario.currency,
        "notes": scenario.notes,
        "organization": _section_dict(scenario.organization),
        "finance": _section_dict(scenario.finance),
        "literacy": _section_dict(scenario.literacy),
        "cohorts": [_section_dict(c) for c in scenario.cohorts],
        "ai_tools": _section_dict(scenario.ai_tools),
        "other_costs": [_section_dict(c) for c in scenario.other_costs],
        "ranges": {path: [_plain(low), _plain(high)] for path, low, high in scenario.ranges},
    }


def dumps(scenario: Scenario) -> str:
    """The canonical JSON text of a scenario (``loads(dumps(s)) == s``)."""
    return json.dumps(to_dict(scenario), indent=2, ensure_ascii=False) + "\n"

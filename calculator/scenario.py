"""The scenario: frozen input dataclasses, validation with field paths, JSON.

One JSON document (``schema_version`` 2, see ``docs/MODEL.md``) serves the app's
save/load, the share link, the command line and the tests. Every problem in a
document is collected and reported at once, each named by its path, for example
``cohorts[2].team_size: must be >= 1, got 0``.

Version 2 added each team's pilot ``actuals`` and the organization's two
regulated-data settings. Version 1 files (and links) still load, as version 2
scenarios; saving always writes version 2.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from typing import Any

from .formatting import round_half_up

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)
# Fields a version 1 document may not carry: they arrived with version 2.
ADDED_IN_V2 = {"organization": ("regulated_health_data", "regulated_financial_content"),
               "cohorts": ("actuals",)}

FUNCTIONS = ("marketing", "sales", "operations", "finance", "customer_success", "other")
DELIVERIES = ("platform", "workshop", "coaching", "consulting")
PRICE_UNITS = ("per_employee_per_week", "per_employee_per_month", "per_employee", "fixed")

# Default price and unit per delivery model: the midpoint of the published range
# in data/price_benchmarks.csv (coaching read per employee per week, see DOMAIN notes).
DELIVERY_DEFAULTS: dict[str, tuple[float, str]] = {
    "platform": (35.0, "per_employee_per_month"),
    "workshop": (325.0, "per_employee"),
    "coaching": (350.0, "per_employee_per_week"),
    "consulting": (600_000.0, "fixed"),
}

MAX_HOURS_PER_WEEK = 80.0  # nobody saves (or attends) more hours than a long working week


class ScenarioError(ValueError):
    """A scenario that breaks the format: ``problems`` holds one line per field."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


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


SECTIONS = {"organization": Organization, "finance": Finance, "literacy": Literacy}

# --------------------------------------------------------------------------- parameter paths
# Inputs that may carry an uncertainty range and be overridden in a batch evaluation.
RANGEABLE = {
    "organization": ("loaded_hourly_cost", "hours_per_fte_year"),
    "finance": ("annual_discount_rate", "productivity_recapture",
                "benefit_risk_adjustment", "annual_benefit_decay"),
    "literacy": ("learners", "seat_price_per_month", "access_months", "start_week",
                 "training_hours_per_learner", "completion_rate",
                 "hours_saved_per_person_per_week", "adoption_rate"),
    "cohorts": ("team_size", "start_week", "engagement_weeks", "price",
                "participant_hours_per_week", "hours_saved_per_person_per_week",
                "adoption_rate", "loaded_hourly_cost"),
}


@dataclass(frozen=True)
class ParameterPath:
    """A parsed path: ``finance.productivity_recapture``, ``cohorts[0].price`` or ``cohorts[*].price``."""

    section: str
    field: str
    index: int | None = None  # cohort index; None for sections and for "[*]"
    every_cohort: bool = False

    def __str__(self) -> str:
        if self.section != "cohorts":
            return f"{self.section}.{self.field}"
        return f"cohorts[{'*' if self.every_cohort else self.index}].{self.field}"


def parse_path(text: str) -> ParameterPath:
    """Parse a parameter path; ``ValueError`` with the reason when it is not one.

    >>> str(parse_path("cohorts[*].price"))
    'cohorts[*].price'
    """
    head, dot, name = text.partition(".")
    if not dot or not name:
        raise ValueError(f"not a parameter path (expected section.field): {text!r}")
    if head.startswith("cohorts[") and head.endswith("]"):
        inner = head[len("cohorts["):-1]
        if name not in RANGEABLE["cohorts"]:
            raise ValueError(f"cohorts[].{name} cannot take a range")
        if inner == "*":
            return ParameterPath("cohorts", name, None, True)
        if not inner.isdigit():
            raise ValueError(f"cohort index must be a number or *, got {inner!r}")
        return ParameterPath("cohorts", name, int(inner))
    if head not in RANGEABLE or head == "cohorts":
        raise ValueError(f"unknown section {head!r}")
    if name not in RANGEABLE[head]:
        raise ValueError(f"{head}.{name} cannot take a range")
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
        if p.every_cohort:
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
        idx = range(len(scenario.cohorts)) if p.every_cohort else [p.index]
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
def _describe(value: Any) -> str:
    return json.dumps(value) if isinstance(value, str) else repr(value)


def _check_value(path: str, value: Any, meta: dict, problems: list[str]) -> Any:
    """Validate one JSON value against its field spec; returns the Python value or None."""
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
        if len(value) > 200:
            problems.append(f"{path}: must be at most 200 characters, got {len(value)}")
            return None
        bad = text_problem(value)
        if bad:
            problems.append(f"{path}: {bad}")
            return None
        return value
    if kind == "enum":
        if isinstance(value, bool) or value not in meta["choices"]:
            options = ", ".join(str(c) for c in meta["choices"])
            problems.append(f"{path}: must be one of {options}, got {_describe(value)}")
            return None
        return value
    # numbers
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        what = "a whole number" if kind == "int" else "a number"
        problems.append(f"{path}: must be {what}, got {_describe(value)}")
        return None
    if not math.isfinite(value):
        problems.append(f"{path}: must be a finite number, got {value}")
        return None
    if kind == "int":
        if isinstance(value, float) and not value.is_integer():
            problems.append(f"{path}: must be a whole number, got {value}")
            return None
        value = int(value)
    else:
        value = float(value)
    if low is not None and high is not None and (value < low or value > high):
        if low == 0 and high == 1:
            problems.append(f"{path}: must be between 0 and 1, got {_fmt_num(value)}")
        elif value < low:
            problems.append(f"{path}: must be >= {_fmt_num(low)}, got {_fmt_num(value)}")
        else:
            problems.append(f"{path}: must be <= {_fmt_num(high)}, got {_fmt_num(value)}")
        return None
    return value


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


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _parse_section(cls, data: Any, path: str, problems: list[str], defaults: dict | None = None):
    if not isinstance(data, dict):
        problems.append(f"{path}: must be an object, got {_describe(data)}")
        return None
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = dict(defaults or {})
    ok = True
    for key, value in data.items():
        if key not in fields:
            problems.append(f"{path}.{key}: unknown field")
            ok = False
            continue
        before = len(problems)
        checked = _check_value(f"{path}.{key}", value, fields[key].metadata, problems)
        if len(problems) > before:
            ok = False
        else:
            kwargs[key] = checked
    return cls(**kwargs) if ok else None


def from_dict(data: Any) -> Scenario:
    """Build a validated scenario from parsed JSON; ``ScenarioError`` lists every problem.

    >>> from_dict({"cohorts": [{"team_size": 0}]})
    Traceback (most recent call last):
    ...
    calculator.scenario.ScenarioError: cohorts[0].team_size: must be >= 1, got 0
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ScenarioError([f"scenario: must be a JSON object, got {type(data).__name__}"])
    top = {"schema_version", "name", "currency", "notes", "ranges", "cohorts", *SECTIONS}
    for key in data:
        if key not in top:
            problems.append(f"{key}: unknown field")
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        problems.append(f"schema_version: must be 1 or 2, got {_describe(version)}")
    elif version == 1:
        problems += _fields_newer_than_v1(data)
    texts = {}
    for key, default in (("name", Scenario.name), ("currency", "USD"), ("notes", "")):
        value = data.get(key, default)
        if not isinstance(value, str):
            problems.append(f"{key}: must be text, got {_describe(value)}")
        elif key == "currency" and not (len(value) == 3 and value.isalpha() and value.isupper()):
            problems.append(f"currency: must be a three-letter code such as USD, got {_describe(value)}")
        elif len(value) > (2000 if key == "notes" else 200):
            problems.append(f"{key}: is too long ({len(value)} characters)")
        elif text_problem(value, multiline=key == "notes"):
            problems.append(f"{key}: {text_problem(value, multiline=key == 'notes')}")
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
    if len(raw_cohorts) > 500:
        problems.append(f"cohorts: at most 500 teams, got {len(raw_cohorts)}")
        raw_cohorts = []
    for i, raw in enumerate(raw_cohorts):
        defaults = {}
        if isinstance(raw, dict) and raw.get("delivery") in DELIVERY_DEFAULTS:
            price, unit = DELIVERY_DEFAULTS[raw["delivery"]]
            defaults = {"price": price, "price_unit": unit}
        cohorts.append(_parse_section(Cohort, raw, f"cohorts[{i}]", problems, defaults))

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

    if problems:
        _parse_ranges(data.get("ranges", {}), None, problems)  # report the ranges' own problems too
        raise ScenarioError(problems)
    scenario = Scenario(schema_version=SCHEMA_VERSION, name=texts["name"], currency=texts["currency"],
                        notes=texts["notes"], cohorts=tuple(cohorts), **sections)
    ranges = _parse_ranges(data.get("ranges", {}), scenario, problems)
    if problems:
        raise ScenarioError(problems)
    return dataclasses.replace(scenario, ranges=ranges)


def _fields_newer_than_v1(data: dict) -> list[str]:
    """A version 1 document may not carry version 2 fields: say which, and what to do."""
    found = []
    org = data.get("organization")
    if isinstance(org, dict):
        found += [f"organization.{k}" for k in ADDED_IN_V2["organization"] if k in org]
    raw_cohorts = data.get("cohorts")
    if isinstance(raw_cohorts, list):
        found += [f"cohorts[{i}].{k}" for i, raw in enumerate(raw_cohorts) if isinstance(raw, dict)
                  for k in ADDED_IN_V2["cohorts"] if k in raw]
    return [f"{path}: not part of schema_version 1 (it arrived in version 2); set schema_version to 2"
            for path in found]


def _parse_ranges(raw: Any, scenario: Scenario | None, problems: list[str]) -> tuple:
    # With no scenario (other fields are bad) only the checks that do not need one are run.
    if not isinstance(raw, dict):
        problems.append(f"ranges: must be an object of path: [low, high], got {_describe(raw)}")
        return ()
    out = []
    for key, pair in raw.items():
        where = f"ranges[{json.dumps(key)}]"
        try:
            p = parse_path(key)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if (not isinstance(pair, list) or len(pair) != 2
                or any(isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)
                       for v in pair)):
            problems.append(f"{where}: must be [low, high] with two finite numbers, got {_describe(pair)}")
            continue
        low, high = float(pair[0]), float(pair[1])
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
        if p.section == "cohorts" and not p.every_cohort and p.index >= len(scenario.cohorts):
            problems.append(f"{where}: there is no cohort {p.index} (the scenario has {len(scenario.cohorts)})")
            continue
        bases = parameter_values(scenario, p)
        outside = [b for b in bases if not low <= b <= high]
        if outside:
            problems.append(f"{where}: the scenario's value {_fmt_num(outside[0])} must lie within "
                            f"[{_fmt_num(low)}, {_fmt_num(high)}]")
            continue
        out.append((str(p), low, high))
    return tuple(out)


def loads(text: str) -> Scenario:
    """Parse and validate a scenario from JSON text."""
    if not text.strip():
        raise ScenarioError(["scenario: the file is empty"])
    try:
        # NaN and Infinity parse as floats so that validation names the field they sit in.
        data = json.loads(text, parse_constant=float)
    except json.JSONDecodeError as exc:
        raise ScenarioError([f"scenario: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"])
    except ValueError as exc:
        raise ScenarioError([f"scenario: {exc}"])
    return from_dict(data)


def load(path) -> Scenario:
    """Read a scenario file; a missing or unreadable file is a ``ScenarioError`` too."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise ScenarioError([f"scenario: no such file: {path}"])
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([f"scenario: cannot read {path}: {exc}"])
    return loads(text)


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
        "ranges": {path: [_plain(low), _plain(high)] for path, low, high in scenario.ranges},
    }


def dumps(scenario: Scenario) -> str:
    """The canonical JSON text of a scenario (``loads(dumps(s)) == s``)."""
    return json.dumps(to_dict(scenario), indent=2, ensure_ascii=False) + "\n"


def field_doc(cls, name: str) -> str:
    """The short description stored with a field (used for help texts)."""
    return next(f for f in dataclasses.fields(cls) if f.name == name).metadata.get("doc", "")


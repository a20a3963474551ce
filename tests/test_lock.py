"""The lock files agree with the ranges pyproject.toml declares.

requirements.txt (what the README's app command installs) and requirements-dev.txt (what the test
command installs) are written by `scripts/lock.sh` from pyproject.toml. A range edited without
re-locking, a pin edited by hand outside its range, or a dependency missing from a lock fails here,
so a fresh machine never installs something other than what the suite passed on.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;]+)")


def _pins(path: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"{path.name}: not an exact pin: {line!r}"
        pins[canonicalize_name(match.group(1))] = match.group(3)
    return pins


def _declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        found += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return found


LOCKS = {
    "requirements.txt": ("app", "export"),
    "requirements-dev.txt": ("app", "export", "dev"),
}


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_declared_dependency_is_pinned_inside_its_range(lock):
    pins = _pins(ROOT / lock)
    for requirement in _declared(*LOCKS[lock]):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} does not pin {requirement.name} (declared {requirement})"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside the declared {requirement}: run scripts/lock.sh"
        )


def test_the_two_locks_pin_the_same_versions():
    """The app's lock is the dev lock's subset: the tests run on the versions the app installs."""
    app, dev = _pins(ROOT / "requirements.txt"), _pins(ROOT / "requirements-dev.txt")
    assert set(app) <= set(dev)
    assert {name: dev[name] for name in app} == app


def test_the_readme_and_ci_install_the_locks():
    readme = (ROOT / "README.md").read_text()
    assert "pip install -r requirements.txt && streamlit run app.py" in readme
    assert "python -m pip install -q -r requirements-dev.txt" in (ROOT / "scripts" / "test.sh").read_text()


def test_the_pin_parser_refuses_a_range():
    """The checks above could not fail if a range slipped through as a pin."""
    assert PIN.match("pytest~=9.0") is None
    assert PIN.match("pytest==9.2.0").group(3) == "9.2.0"

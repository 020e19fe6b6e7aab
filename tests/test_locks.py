"""The two lock files: requirements.lock is what a server installs (make
install-production), requirements-dev.lock adds the test tools (make install). They must
agree, so the suite tests the versions production runs."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._\-]*)(?:\[[^\]]*\])?==([^\s\\]+)")


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match[1])] = match[2]
    return found


def declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def test_production_pins_the_same_versions_as_development():
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert production, "no pins read from requirements.lock"
    assert {name: development.get(name) for name in production} == production


def needed_by(name: str) -> dict[str, set[str]]:
    """For each pin of the lock file ``name``, what needs it (uv's ``# via`` lines)."""
    found: dict[str, set[str]] = {}
    current = None
    for line in (ROOT / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
            found[current] = set()
        elif current and line.startswith("    #"):
            text = line.strip("# ").removeprefix("via").strip()
            if text:
                found[current].add(text)
    return found


def test_production_holds_every_runtime_dependency_and_no_test_tool():
    production = pins("requirements.lock")
    assert declared() <= set(production)
    # A package declared for development only is in the production lock only because a
    # runtime package needs it (packaging, boto3, ...), never for its own sake.
    needed = needed_by("requirements.lock")
    for name in declared("dev") & (set(production) - declared()):
        assert needed[name] - {"aktivitetsportal (pyproject.toml)"}, name
    for name, needers in needed.items():
        if "aktivitetsportal (pyproject.toml)" in needers:
            assert name in declared(), f"{name} is in requirements.lock for the project itself"
    assert declared("dev") <= set(pins("requirements-dev.lock"))

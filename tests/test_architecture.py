"""The import contracts of pyproject.toml ([tool.importlinter], run by ``make lint``):
imports run one way only: referrals → catalogue → portal, and inside referrals from
the outer rooms to the case kernel (docs/architecture.md). The contracts are checked on
the code as it is, and on a copy of it with one backward import added, which must be
refused (so the check itself is known to work)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "catalogue", "referrals")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
    )


def python_only(folder: str, names: list[str]) -> set[str]:
    """shutil.copytree's ``ignore``: leave out everything but packages and modules."""
    return {
        name
        for name in names
        if not name.endswith(".py") and not (Path(folder) / name).is_dir() or name == "__pycache__"
    }


def test_the_code_keeps_the_import_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("code")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=python_only)
    shutil.copy(ROOT / "pyproject.toml", copy)
    assert lint_imports(copy).returncode == 0  # the copy as it is keeps them
    return copy


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("portal", "catalogue.models"),
        ("portal", "referrals.models"),
        ("catalogue", "referrals"),
        # Inside referrals: a lower room reaching up, two independent rooms, and a room
        # importing the module that gathers the app's models.
        ("referrals/cases", "referrals.casework.services"),
        ("referrals/capacity", "referrals.letters.rendering"),
        ("referrals/applications", "referrals.records.retention"),
        ("referrals/casework", "referrals.models"),
    ],
)
def test_a_backward_import_breaks_the_contracts(copy_of_the_code, importer, imported):
    backward = copy_of_the_code / importer / "backward.py"
    backward.write_text(f"import {imported}  # noqa\n")
    try:
        result = lint_imports(copy_of_the_code)
    finally:
        backward.unlink()

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 2 kept, 1 broken." in result.stdout
    assert f"{importer.replace('/', '.')}.backward -> {imported}" in result.stdout

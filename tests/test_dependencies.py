"""Every third-party package the project's code imports is declared in pyproject.toml:
the app code's (portal, catalogue, referrals, manage.py) in ``dependencies``, what the
tests and bench/ import in ``dependencies`` or the ``dev`` extra. A package that only
arrives through another one (PyJWT through mozilla-django-oidc) can disappear with it.

The imports are read with ``ast`` (every ``import``, also inside functions); an import
inside ``try: … except ImportError`` is optional and not counted. Each top-level module
is mapped to its distribution with ``importlib.metadata.packages_distributions()``. The
dotted paths in INSTALLED_APPS and MIDDLEWARE are imports too and are checked the same
way."""

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = {"portal", "catalogue", "referrals", "tests", "bench", "manage"}
APP_CODE = ["portal", "catalogue", "referrals", "manage.py"]
DEV_CODE = ["tests", "bench"]


def declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def python_files(*places: str) -> list[Path]:
    files: list[Path] = []
    for place in places:
        path = ROOT / place
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def _is_optional(handlers: list[ast.ExceptHandler]) -> bool:
    names = {"ImportError", "ModuleNotFoundError"}
    for handler in handlers:
        caught = handler.type
        elements = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if any(isinstance(e, ast.Name) and e.id in names for e in elements):
            return True
    return False


def imported_modules(source: str) -> set[str]:
    """The top-level modules ``source`` imports, absolute imports only, leaving out
    those guarded by ``except ImportError``."""
    tree = ast.parse(source)
    optional: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and _is_optional(node.handlers):
            for statement in node.body:
                optional.update(id(n) for n in ast.walk(statement))
    found = set()
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def third_party(modules: set[str]) -> set[str]:
    return {m for m in modules if m not in sys.stdlib_module_names and m not in FIRST_PARTY}


def undeclared(modules: set[str], allowed: set[str]) -> dict[str, list[str]]:
    """Each third-party module whose distribution is not in ``allowed`` (canonical
    names), with the distributions it belongs to (none: not installed at all)."""
    distributions = packages_distributions()
    missing = {}
    for module in sorted(third_party(modules)):
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        if not names & allowed:
            missing[module] = sorted(names)
    return missing


def modules_of(files: list[Path]) -> set[str]:
    found: set[str] = set()
    for path in files:
        found |= imported_modules(path.read_text())
    return found


def test_the_app_code_imports_only_runtime_dependencies():
    modules = modules_of(python_files(*APP_CODE))
    modules |= {entry.split(".")[0] for entry in settings.INSTALLED_APPS + settings.MIDDLEWARE}
    assert {"django", "jwt", "PIL", "django_ratelimit", "whitenoise"} <= modules
    assert undeclared(modules, declared()) == {}


def test_the_tests_and_bench_import_only_declared_packages():
    modules = modules_of(python_files(*DEV_CODE))
    assert {"pytest", "factory", "playwright"} <= modules
    assert undeclared(modules, declared() | declared("dev")) == {}


def test_an_undeclared_or_missing_import_is_found():
    source = (
        "import os\n"
        "import django.db\n"
        "from portal import models\n"
        "def later():\n"
        "    import pathspec.patterns\n"  # installed (for mypy), declared nowhere
        "try:\n"
        "    import psutil\n"  # optional: not counted
        "except ImportError:\n"
        "    psutil = None\n"
        "from no_such_package_here import x\n"
    )
    modules = imported_modules(source)
    assert "psutil" not in modules
    assert undeclared(modules, declared()) == {
        "no_such_package_here": [],
        "pathspec": ["pathspec"],
    }

"""The test suite's own layout: no module under tests/ imports a test module
(``test_*.py``), a ``conftest.py`` or anything under bench/, and bench/ imports no test
module or conftest either.

Fixtures are shared by putting them in the conftest.py of the directory whose tests use
them (tests/conftest.py for fixtures used in several directories); helper code lives in
plain modules (factories.py, helpers.py, …) that anything may import. Importing a
fixture from another file hides where it comes from, registers it twice, and makes
pytest collect imported tests again."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
BENCH = ROOT / "bench"


def _is_test_or_conftest(part: str) -> bool:
    return part.startswith("test_") or part == "conftest"


def _package(path: Path) -> list[str]:
    """The dotted package of a file below ROOT, as a list (``tests/a/b.py`` → tests, a)."""
    return list(path.relative_to(ROOT).with_suffix("").parts[:-1])


def imported_modules(source: str, path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every module an import in ``source`` may load, at any
    depth (imports inside functions too). ``from a import b`` yields ``a`` and ``a.b``,
    since ``b`` may be a module; relative imports are resolved against ``path``."""
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package(path)
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _offends(module: str, *, bench_allowed: bool) -> str | None:
    parts = module.split(".")
    if any(_is_test_or_conftest(part) for part in parts):
        return "a test module or conftest (move the helper, or put the fixture in a conftest.py)"
    if parts[0] == "bench" and not bench_allowed:
        return "bench/ (share the code through a module under tests/, e.g. tests/support/)"
    return None


def offences(source: str, path: Path, *, bench_allowed: bool = False) -> list[str]:
    """What is wrong with the imports of ``source`` (the file at ``path``)."""
    problems = {}
    for line, module in imported_modules(source, path):
        reason = _offends(module, bench_allowed=bench_allowed)
        # ``from a import b`` is reported once: as ``a`` if ``a`` offends, else as ``a.b``.
        if reason and not any(
            line == seen and module.startswith(f"{name}.") for seen, name in problems
        ):
            problems[(line, module)] = f"{path.relative_to(ROOT)}:{line} imports {module}: {reason}"
    return sorted(problems.values())


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "node_modules" not in path.parts)


def test_no_test_module_imports_a_test_module_a_conftest_or_bench():
    problems = [problem for path in _files(TESTS) for problem in offences(path.read_text(), path)]
    assert not problems, "\n".join(problems)


def test_bench_imports_no_test_module_or_conftest():
    problems = [
        problem
        for path in _files(BENCH)
        for problem in offences(path.read_text(), path, bench_allowed=True)
    ]
    assert not problems, "\n".join(problems)


def test_the_walk_sees_the_whole_suite():
    files = _files(TESTS)
    assert TESTS / "conftest.py" in files
    assert Path(__file__) in files
    assert len([path for path in files if path.name.startswith("test_")]) > 100


@pytest.mark.parametrize(
    "source",
    [
        "from tests.referrals.conftest import make_user",
        "from tests.security.test_fuzz import COUNT_TEST",
        "import tests.portal.test_production_settings",
        "from tests.portal import test_production_settings",
        "from . import conftest",
        "from .test_idporten import begin",
        "from bench.page_weight import weigh",
        "import bench.common",
        "def helper():\n    from tests.referrals.casework.conftest import world\n    return world",
    ],
    ids=lambda source: source.split("\n")[-2 if "\n" in source else 0].strip(),
)
def test_an_offending_import_is_found(source):
    path = TESTS / "referrals" / "test_example.py"
    assert offences(source, path), source


@pytest.mark.parametrize(
    "source",
    [
        "from tests.referrals.helpers import make_draft",
        "from tests.factories import make_user",
        "from . import helpers",
        "import pytest",
        "from tests.security.matrix_world import build_world",
    ],
)
def test_a_helper_import_is_allowed(source):
    path = TESTS / "referrals" / "test_example.py"
    assert offences(source, path) == []


def test_bench_may_use_test_helpers_but_not_test_modules():
    path = BENCH / "data.py"
    assert (
        offences("from tests.catalogue.search_queries import QUERIES", path, bench_allowed=True)
        == []
    )
    assert offences(
        "from tests.catalogue.test_search_recall import QUERIES", path, bench_allowed=True
    )

"""A private name (``_name``) is private to its module: no module of the app code
(portal, catalogue, referrals) imports one from another project module
(``from referrals.cases.services import _notify``) or reads one off an imported project
module (``services._notify(...)``). What another module needs is a public function of
the module it belongs to, or moves to the module that uses it. The check is run on the
code as it is, and on synthetic modules that break the rule, which it must report."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "catalogue", "referrals")


def _is_private(name: str) -> bool:
    return (
        name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name != "_"
    )


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str, root: Path) -> bool:
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _is_project(dotted: str) -> bool:
    return dotted.split(".")[0] in PACKAGES


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attributes on a name, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def private_uses(source: str, module: str, root: Path, *, is_package: bool = False) -> list[str]:
    """``line: what`` for every private name of another project module that ``source``
    (the module ``module``) imports or reads off an imported module."""
    tree = ast.parse(source)
    found = []
    modules: dict[str, str] = {}  # a local name bound to a project module → its dotted name
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not _is_project(alias.name):
                    continue
                if alias.asname:
                    modules[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    modules[top] = top
        elif isinstance(node, ast.ImportFrom):
            source_module = _absolute(node, module, is_package)
            if not _is_project(source_module):
                continue
            for alias in node.names:
                target = f"{source_module}.{alias.name}"
                if _is_module(target, root):
                    modules[alias.asname or alias.name] = target
                elif _is_private(alias.name) and source_module != module:
                    found.append(f"{node.lineno}: from {source_module} import {alias.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            dotted = _dotted(node.value)
            if dotted is None:
                continue
            head, _, rest = dotted.partition(".")
            if head not in modules:
                continue
            target = ".".join([modules[head]] + ([rest] if rest else []))
            if _is_module(target, root) and target != module:
                found.append(f"{node.lineno}: {target}.{node.attr}")
    return found


def app_modules(root: Path = ROOT):
    for package in PACKAGES:
        yield from sorted((root / package).rglob("*.py"))


def test_no_module_uses_a_private_name_of_another():
    found = []
    for path in app_modules():
        uses = private_uses(
            path.read_text(encoding="utf-8"),
            module_name(path, ROOT),
            ROOT,
            is_package=path.name == "__init__.py",
        )
        found += [f"{path.relative_to(ROOT)}:{use}" for use in uses]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "from referrals.cases.services import _notify\n",
            ["1: from referrals.cases.services import _notify"],
        ),
        (
            "from referrals.cases import services\nservices._notify()\n",
            ["2: referrals.cases.services._notify"],
        ),
        (
            "from referrals.cases import services as s\nx = s._notify\n",
            ["2: referrals.cases.services._notify"],
        ),
        (
            "import referrals.cases.services\nreferrals.cases.services._notify()\n",
            ["2: referrals.cases.services._notify"],
        ),
        (
            "from ..cases.services import _notify\n",
            ["1: from referrals.cases.services import _notify"],
        ),
    ],
)
def test_the_check_reports_a_private_name_used_across_modules(source, expected):
    assert private_uses(source, "referrals.casework.views", ROOT) == expected


@pytest.mark.parametrize(
    "source",
    [
        # Its own private names, dunders, gettext's ``_``, other libraries' private names,
        # and private attributes of objects (not modules) are not this rule's business.
        "def _helper(): pass\n_helper()\n",
        "from referrals.casework.views import _render_case\n",  # the module itself
        "from django.utils.translation import gettext as _\n",
        "from referrals.cases import services\nservices.__name__\n",
        "import django.db.models\ndjango.db.models._private\n",
        "from referrals.cases.models import Application\nApplication._meta\n",
    ],
)
def test_the_check_leaves_alone_what_is_not_a_private_name_across_modules(source):
    assert private_uses(source, "referrals.casework.views", ROOT) == []

"""scripts/audit decides correctly: a new finding fails, a documented one is ignored,
an unreachable service only warns. pip-audit and npm are replaced by stubs that print
what the real tools print, so this runs without a network."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PIP_STUB = """#!/usr/bin/env bash
# Stands in for "python": "-m pip_audit ..." is faked, anything else runs Python.
if [ "$1" = "-m" ] && [ "$2" = "pip_audit" ]; then
    [ "$3" = "--version" ] && { echo "pip-audit 2.10.1"; exit 0; }
    out=""; ignored=""; prev=""
    for arg in "$@"; do
        [ "$prev" = "--output" ] && out="$arg"
        [ "$prev" = "--ignore-vuln" ] && ignored="$ignored $arg"
        prev="$arg"
    done
    case "$PIP_MODE" in
      offline) echo "requests.exceptions.ConnectionError: Max retries exceeded" >&2; exit 1;;
      skipped) echo '{"dependencies":[{"name":"django","version":"6.1","skip_reason":"Dependency not found on PyPI"}],"fixes":[]}' > "$out"; exit 0;;
      clean) echo '{"dependencies":[{"name":"django","version":"6.1","vulns":[]}],"fixes":[]}' > "$out"; exit 0;;
      vuln)
        if [[ "$ignored" == *PYSEC-2099-1* ]]; then
            echo '{"dependencies":[{"name":"django","version":"6.1","vulns":[]}],"fixes":[]}' > "$out"; exit 0
        fi
        echo '{"dependencies":[{"name":"django","version":"6.1","vulns":[{"id":"PYSEC-2099-1","aliases":["CVE-2099-1"],"fix_versions":["6.1.1"],"description":"x"}]}],"fixes":[]}' > "$out"; exit 1;;
    esac
fi
exec "$REAL_PYTHON" "$@"
"""

NPM_STUB = """#!/usr/bin/env bash
case "$NPM_MODE" in
  offline) echo '{"message":"request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND","error":{"code":"ENOTFOUND"}}';;
  clean) echo '{"auditReportVersion":2,"vulnerabilities":{},"metadata":{}}';;
  vuln) echo '{"auditReportVersion":2,"vulnerabilities":{"htmx.org":{"name":"htmx.org","severity":"high","via":[{"source":1,"name":"htmx.org","title":"XSS","url":"https://github.com/advisories/GHSA-aaaa-bbbb-cccc","severity":"high","range":"<9"}]}}}'; exit 1;;
esac
"""


def run_audit(tmp_path, *, pip: str, npm: str, known: list[str] = ()):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "python").write_text(PIP_STUB)
    (bin_dir / "npm").write_text(NPM_STUB)
    for stub in bin_dir.iterdir():
        stub.chmod(0o755)
    known_file = tmp_path / "security.md"
    rows = "\n".join(f"| {id_} | test | accepted for the test |" for id_ in known)
    known_file.write_text(
        f"# x\n<!-- audit-ignore:start -->\n| ID | package | reason |\n| --- | --- | --- |\n{rows}\n<!-- audit-ignore:end -->\n"
    )
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "PY": str(bin_dir / "python"),
        "REAL_PYTHON": sys.executable,
        "KNOWN": str(known_file),
        "PIP_MODE": pip,
        "NPM_MODE": npm,
    }
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [str(ROOT / "scripts" / "audit")], env=env, capture_output=True, text=True, timeout=60
    )


def test_clean_results_pass(tmp_path):
    result = run_audit(tmp_path, pip="clean", npm="clean")
    assert result.returncode == 0, result.stderr
    assert "1 of 1 packages audited" in result.stdout


@pytest.mark.parametrize(("pip", "npm"), [("vuln", "clean"), ("clean", "vuln"), ("vuln", "vuln")])
def test_a_new_finding_fails(tmp_path, pip, npm):
    result = run_audit(tmp_path, pip=pip, npm=npm)
    assert result.returncode == 1
    assert "NEW:" in result.stdout


def test_documented_findings_are_ignored_by_id(tmp_path):
    result = run_audit(
        tmp_path, pip="vuln", npm="vuln", known=["PYSEC-2099-1", "GHSA-aaaa-bbbb-cccc"]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "NEW:" not in result.stdout


@pytest.mark.parametrize(
    ("pip", "npm"), [("offline", "clean"), ("skipped", "clean"), ("clean", "offline")]
)
def test_an_unreachable_service_warns_and_passes(tmp_path, pip, npm):
    result = run_audit(tmp_path, pip=pip, npm=npm)
    assert result.returncode == 0
    assert "WARNING" in result.stderr and "NOT audited" in result.stderr


def test_a_new_finding_still_fails_when_the_other_service_is_down(tmp_path):
    result = run_audit(tmp_path, pip="offline", npm="vuln")
    assert result.returncode == 1


def test_the_known_findings_file_parses():
    text = (ROOT / "docs" / "security.md").read_text()
    assert "<!-- audit-ignore:start -->" in text and "<!-- audit-ignore:end -->" in text

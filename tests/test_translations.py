"""Every user-visible string is translated to nynorsk and English.

The source language is bokmål. The test extracts the strings from the code as
`make messages` would (in a scratch copy of the project) and fails when the committed
catalogues in locale/nn and locale/en miss a string or leave one untranslated.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = ["nn", "en"]
IGNORED = [
    ".venv",
    "node_modules",
    "static",
    "tests",
    "var",
    "media",
    "staticfiles",
    "bench",
    ".git",
]


def _po(path: Path) -> polib.POFile:
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    return polib.pofile(str(path))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, set[str]]:
    """msgids found in the source today, per language (`make messages` in a scratch copy)."""
    base = Path(settings.BASE_DIR)
    scratch = tmp_path_factory.mktemp("messages") / "project"
    shutil.copytree(base, scratch, ignore=shutil.ignore_patterns(*IGNORED, "*.mo", "__pycache__"))
    (scratch / "locale").mkdir(exist_ok=True)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-v", "0"]
    for language in LANGUAGES:
        command += ["-l", language]
    for ignored in IGNORED:
        command += ["--ignore", ignored]
    subprocess.run(
        command,
        cwd=scratch,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings"},
    )
    result = {}
    for language in LANGUAGES:
        po = _po(scratch / "locale" / language / "LC_MESSAGES" / "django.po")
        result[language] = {entry.msgid for entry in po if not entry.obsolete}
    return result


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_in_the_catalogue(extracted, language):
    po = _po(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
    committed = {entry.msgid for entry in po if not entry.obsolete}
    missing = sorted(extracted[language] - committed)
    assert not missing, (
        f"{len(missing)} strings missing from locale/{language} (run `make messages`): {missing[:20]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    po = _po(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:20]}"

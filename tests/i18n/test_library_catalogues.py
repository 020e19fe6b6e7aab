"""Django's and the libraries' own strings are complete and in the right language in
bokmål and nynorsk.

The strings are what Django ships in its English catalogues (core and every installed
contrib app, the admin's JavaScript too) and what ``makemessages`` finds in the other
installed libraries (django-filter, django-axes, django-tasks-db, …). Each must have a
translation, with all its plural forms, in the catalogue the portal runs with (Django's
and the apps' own, completed and corrected by locale_overrides/). A nynorsk translation
must not fall back to bokmål or hold bokmål words, and a bokmål one no nynorsk words.

The names of the world's languages (Django's LANGUAGES) are left out: the portal shows
only its own three, by their own names.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import global_settings, settings
from django.utils.translation import trans_real

from tests.i18n.leaks import BOKMAL_ONLY, ENGLISH, NYNORSK_ONLY, _pattern

LANGUAGES = ["nb", "nn"]
DJANGO_DIR = Path(django.__file__).parent
PROJECT_APPS = {"portal", "catalogue", "referrals"}
LANGUAGE_NAMES = {name for _code, name in global_settings.LANGUAGES}
WRONG_WORDS = {"nb": _pattern(NYNORSK_ONLY), "nn": _pattern(BOKMAL_ONLY)}


def _django_sources() -> list[tuple[str, str, Path]]:
    """(label, domain, English .po) for Django's core and every installed contrib app."""
    sources = [("django", "django", DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po")]
    for config in apps.get_app_configs():
        if not config.name.startswith("django."):
            continue
        for domain in ("django", "djangojs"):
            po = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                sources.append((config.name, domain, po))
    return sources


def _library_apps():
    return [
        config
        for config in apps.get_app_configs()
        if not config.name.startswith("django.") and config.name not in PROJECT_APPS
    ]


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[tuple[str, str, polib.POFile]]:
    """Every catalogue of strings, Django's as shipped and the libraries' as extracted
    from their code (in a scratch copy, as `makemessages` would)."""
    found = [(label, domain, polib.pofile(str(po))) for label, domain, po in _django_sources()]
    scratch = tmp_path_factory.mktemp("libraries")
    for config in _library_apps():
        copy = scratch / config.label
        shutil.copytree(
            config.path, copy, ignore=shutil.ignore_patterns("locale", "*.mo", "__pycache__")
        )
        (copy / "locale").mkdir()
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "en", "-v", "0"],
            cwd=copy,
            check=True,
            env={"PATH": "/usr/bin:/bin"},
        )
        po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if po.exists():
            found.append((config.name, "django", polib.pofile(str(po))))
    return found


def _catalogue(language: str, domain: str):
    """The catalogue the portal runs with for ``language``, without the fallback to the
    default language (bokmål) that would hide a missing nynorsk string."""
    if domain == "django":
        return trans_real.translation(language)._catalog
    localedirs = [
        str(Path(config.path) / "locale")
        for config in apps.get_app_configs()
        if (Path(config.path) / "locale").exists()
    ]
    return trans_real.DjangoTranslation(language, domain=domain, localedirs=localedirs)._catalog


def _translations(entry: polib.POEntry, catalogue) -> list[str] | None:
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    if entry.msgid_plural:
        forms = [catalogue.get((key, index)) for index in (0, 1)]
        return None if None in forms else forms
    text = catalogue.get(key)
    return None if text is None else [text]


def test_the_overrides_are_compiled():
    for language in LANGUAGES:
        for domain in ("django", "djangojs"):
            po = Path(settings.BASE_DIR) / "locale_overrides" / language / "LC_MESSAGES"
            assert (po / f"{domain}.po").exists()
            mo = po / f"{domain}.mo"
            assert mo.exists() and mo.stat().st_mtime >= (po / f"{domain}.po").stat().st_mtime, (
                f"{mo} is missing or older than its .po: run `make compilemessages`"
            )


def test_the_libraries_are_found(sources):
    labels = {label for label, _domain, _po in sources}
    assert {"django", "django.contrib.admin", "django.contrib.auth"} <= labels
    assert {"django_filters", "axes", "django_tasks_db"} <= labels


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_library_string_is_translated(sources, language):
    missing = []
    for label, domain, po in sources:
        catalogue = _catalogue(language, domain)
        for entry in po:
            if entry.obsolete or not entry.msgid or entry.msgid in LANGUAGE_NAMES:
                continue
            if _translations(entry, catalogue) is None:
                plural = " (plural)" if entry.msgid_plural else ""
                missing.append(f"{label} {domain}: {entry.msgid!r}{plural}")
    assert not missing, (
        f"{len(missing)} strings without a {language} translation; add them to "
        f"locale_overrides/{language}/LC_MESSAGES/:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_library_string_is_in_the_other_written_form(sources, language):
    wrong = []
    for label, domain, po in sources:
        catalogue = _catalogue(language, domain)
        for entry in po:
            if entry.obsolete or not entry.msgid or entry.msgid in LANGUAGE_NAMES:
                continue
            for text in _translations(entry, catalogue) or []:
                words = WRONG_WORDS[language].findall(text)
                if words:
                    wrong.append(f"{label} {domain}: {entry.msgid!r} → {text!r} ({words})")
    assert not wrong, (
        f"{len(wrong)} {language} translations with words of the other written form; "
        f"correct them in locale_overrides/{language}/LC_MESSAGES/:\n" + "\n".join(wrong)
    )


# Pages the portal replaces with its own (templates/403_csrf.html): their texts are for
# developers and never shown.
NEVER_SHOWN = ("views/csrf.py",)
# «Vennligst» and «ver vennleg» are stiff; the portal asks plainly.
STIFF = re.compile(r"\b(?:vennligst|ver vennleg)\b", re.IGNORECASE)
# A sentence: ends with a word and a full stop (not "6 a.m.").
SENTENCE = re.compile(r"[a-z]{2,}\.$")


@pytest.mark.parametrize("language", LANGUAGES)
def test_library_strings_ask_plainly_and_end_like_the_english(sources, language):
    wrong = []
    for label, domain, po in sources:
        catalogue = _catalogue(language, domain)
        for entry in po:
            if entry.obsolete or not entry.msgid or entry.msgid in LANGUAGE_NAMES:
                continue
            if entry.occurrences and all(
                path.endswith(NEVER_SHOWN) for path, _line in entry.occurrences
            ):
                continue
            for text in _translations(entry, catalogue) or []:
                if STIFF.search(text):
                    wrong.append(f"{label}: {entry.msgid!r} → {text!r} (stiff)")
                if SENTENCE.search(entry.msgid) and not text.rstrip().endswith((".", "»", ")")):
                    wrong.append(f"{label}: {entry.msgid!r} → {text!r} (no full stop)")
    assert not wrong, (
        f"{len(wrong)} {language} translations to correct in "
        f"locale_overrides/{language}/LC_MESSAGES/:\n" + "\n".join(wrong)
    )


ENGLISH_WORDS = _pattern(ENGLISH)
# What may stay as written: placeholders, markup, quoted names, Python's literals.
NOT_WORDS = re.compile(
    r"%\(\w+\)[sdr]|%[sd]|<[^>]+>|\{\w*\}|“[^”]*”|\"[^\"]*\"|'[^']*'|\b(?:True|False|None)\b"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_library_string_is_left_in_english(sources, language):
    wrong = []
    for label, domain, po in sources:
        catalogue = _catalogue(language, domain)
        for entry in po:
            if entry.obsolete or not entry.msgid or entry.msgid in LANGUAGE_NAMES:
                continue
            if entry.occurrences and all(
                path.endswith(NEVER_SHOWN) for path, _line in entry.occurrences
            ):
                continue
            for text in _translations(entry, catalogue) or []:
                words = ENGLISH_WORDS.findall(NOT_WORDS.sub(" ", text))
                if words:
                    wrong.append(f"{label} {domain}: {entry.msgid!r} → {text!r} ({words})")
    assert not wrong, (
        f"{len(wrong)} {language} translations with English words; correct them in "
        f"locale_overrides/{language}/LC_MESSAGES/:\n" + "\n".join(wrong)
    )

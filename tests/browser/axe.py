"""Accessibility checks with axe-core (through axe-playwright-python) for browser tests.

Call ``assert_accessible(page)`` to check the page as it is now, or
``assert_accessible_in_languages(page, "/path/")`` to check it in bokmål and nynorsk.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHECKED_LANGUAGES = ("nb", "nn")
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}

_axe = Axe()


def axe_violations(page, *, context=None, disable_rules: list[str] | None = None) -> list[dict]:
    """Run axe on the page at WCAG 2.1 A and AA and return the violations."""
    options = {
        "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
        "resultTypes": ["violations"],
    }
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    results = _axe.run(page, context=context, options=options)
    return results.response["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node.get('html', '').strip()[:200]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page, *, context=None, disable_rules: list[str] | None = None) -> None:
    """Fail with a readable list if axe finds WCAG 2.1 A/AA violations on the page."""
    page.wait_for_load_state("load")
    violations = axe_violations(page, context=context, disable_rules=disable_rules)
    if violations:
        language = page.evaluate("document.documentElement.lang")
        raise AssertionError(
            f"{len(violations)} accessibility violation(s) on {page.url} (lang={language}):\n"
            + format_violations(violations)
        )


def switch_language(page, code: str) -> None:
    """Use the language switcher in the header, as a visitor would (a POST form)."""
    current = page.evaluate("document.documentElement.lang")
    if current == code:
        return
    with page.expect_navigation():
        page.locator(f'.language-switcher button[value="{code}"]').click()
    assert page.evaluate("document.documentElement.lang") == code


def assert_accessible_in_languages(
    page, path: str | None = None, *, languages=CHECKED_LANGUAGES, **kwargs
) -> None:
    """Check a page in each language (bokmål and nynorsk by default).

    With ``path`` the page is opened first; the language is switched with the header's
    switcher, which brings the visitor back to the same page.
    """
    if path is not None:
        page.goto(path)
    for code in languages:
        switch_language(page, code)
        assert_accessible(page, **kwargs)
    # Leave the visitor in the first language (bokmål), as the journey continues in it.
    if len(languages) > 1:
        switch_language(page, languages[0])

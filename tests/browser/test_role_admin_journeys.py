"""The administrators' role page in Chromium: an unknown e-mail address is refused next
to the field with what was typed kept, a caseworker role is given with its unit and
service type and taken away again, the approver role given and taken in nynorsk, without JavaScript-only controls. axe on the page in
bokmål and nynorsk, with and without errors."""

import re

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.browser.axe import assert_accessible, assert_accessible_in_languages, switch_language
from tests.factories import make_user

pytestmark = [pytest.mark.browser]


def test_an_administrator_gives_and_takes_away_the_caseworker_role(page, log_in, setting):
    admin = make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin")
    admin.save()
    newcomer = make_user(email="nina@example.no", full_name="Nina Ny")
    newcomer.save()
    unit = setting["offer"].unit

    log_in(admin)
    page.goto("/saksbehandling/roller/")
    expect(page.locator("h1")).to_have_text("Roller og tilganger")
    assert_accessible_in_languages(page)

    # An address without an account: the error next to the field, the input kept.
    page.get_by_label("E-postadresse", exact=False).first.fill("ukjent@example.no")
    page.get_by_role("radio", name="Enhetsleder").check()
    page.get_by_role("checkbox", name=unit.name).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gi rollen").click()
    expect(page.locator("#id_email_error")).to_contain_text("Fant ingen aktiv konto")
    expect(page.locator("#id_email")).to_have_value("ukjent@example.no")
    expect(page.get_by_role("checkbox", name=unit.name)).to_be_checked()
    assert_accessible(page)

    page.locator("#id_email").fill("nina@example.no")
    page.get_by_role("radio", name="Saksbehandler").check()
    page.get_by_role("checkbox", name=setting["day_activity"].name, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gi rollen").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        "Nina Ny har fått rollen Saksbehandler"
    )
    table = page.get_by_role("table", name=re.compile("Ansatte med roller"))
    row = table.locator("tbody tr").filter(has_text="Nina Ny")
    expect(row).to_contain_text(unit.name)
    expect(row).to_contain_text(setting["day_activity"].name)
    changes = page.get_by_role("table", name=re.compile("Siste endringer"))
    expect(changes).to_contain_text("Nina Ny")
    assert_accessible(page)

    # In nynorsk: the caseworker also becomes an approver (four eyes), then stops.
    switch_language(page, "nn")
    page.locator("#id_email").fill("nina@example.no")
    page.get_by_role("radio", name="Godkjennar").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gi rolla").click()
    status = page.locator(".ds-alert, [role=status]").first
    expect(status).to_contain_text("Nina Ny har fått rolla Godkjennar")
    row = page.locator("#staff-table tbody tr").filter(has_text="Nina Ny")
    expect(row).to_contain_text("Godkjennar")
    expect(row).to_contain_text("Sakshandsamar")
    assert_accessible(page)
    assert newcomer.groups.filter(name=Role.APPROVER.value).exists()
    with page.expect_navigation():
        row.get_by_role("button", name="Fjern Godkjennar frå Nina Ny").click()
    expect(status).to_contain_text("Rolla Godkjennar er fjerna frå Nina Ny")
    assert not newcomer.groups.filter(name=Role.APPROVER.value).exists()
    switch_language(page, "nb")
    row = table.locator("tbody tr").filter(has_text="Nina Ny")

    with page.expect_navigation():
        row.get_by_role("button", name="Fjern Saksbehandler fra Nina Ny").click()
    expect(page.locator(".ds-alert, [role=status]").first).to_contain_text(
        "Rollen Saksbehandler er fjernet fra Nina Ny"
    )
    expect(table.locator("tbody tr").filter(has_text="Nina Ny")).not_to_contain_text(unit.name)

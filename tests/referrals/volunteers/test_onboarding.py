"""The coordinators' onboarding page: scoped to their units' roles (anything else 404),
ticking the checklist, recording a police certificate check — and that no certificate
file can be uploaded or stored anywhere."""

import datetime as dt

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal.roles import Role
from referrals.cases.models import AccessLogEntry
from referrals.volunteers.forms import PoliceCheckForm
from referrals.volunteers.models import (
    ChecklistCompletion,
    ChecklistItem,
    HelperRoleEnrolment,
    PoliceCertificateCheck,
    RoleKind,
)
from tests.catalogue.factories import UnitFactory
from tests.referrals.casework.factories import make_unit_leader
from tests.referrals.helpers import MODEL_BACKEND, make_user
from tests.referrals.volunteers.factories import (
    ChecklistItemFactory,
    EnrolmentFactory,
    HelperProfileFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client):
    unit = UnitFactory(name="Frivilligsentralen")
    leader = make_unit_leader(unit=unit, email="koordinator@example.no")
    role = VolunteerRoleFactory(unit=unit, kind=RoleKind.STOTTEKONTAKT, title="Støttekontakt")
    conversation = ChecklistItemFactory(role=role, kind=ChecklistItem.Kind.CONVERSATION)
    enrolment = EnrolmentFactory(role=role, helper=HelperProfileFactory(name="Hege Hjelper"))
    other = EnrolmentFactory(
        role=VolunteerRoleFactory(kind=RoleKind.STOTTEKONTAKT),
        helper=HelperProfileFactory(name="Annen Hjelper"),
    )
    client.force_login(leader, backend=MODEL_BACKEND)
    return locals()


def police_post(enrolment, **extra):
    prefix = f"p{enrolment.pk}"
    data = {
        f"{prefix}-enrolment": enrolment.pk,
        f"{prefix}-shown_on": timezone.localdate().isoformat(),
        f"{prefix}-result": PoliceCertificateCheck.Result.NO_REMARKS,
        f"{prefix}-renew_by": (timezone.localdate() + dt.timedelta(days=1000)).isoformat(),
    }
    data.update(extra)
    return data


def test_the_page_lists_only_the_units_helpers(client, setting):
    page = client.get(reverse("referrals:volunteer_onboarding")).content.decode()
    assert "Hege Hjelper" in page
    assert "Annen Hjelper" not in page
    assert 'type="file"' not in page
    logged = AccessLogEntry.objects.get()
    assert (logged.user, logged.action, logged.object_type) == (
        setting["leader"],
        AccessLogEntry.Action.LIST,
        "volunteer_helpers",
    )


def test_a_citizen_is_refused(client):
    client.force_login(make_user(Role.CITIZEN), backend=MODEL_BACKEND)
    assert client.get(reverse("referrals:volunteer_onboarding")).status_code == 403


def test_ticking_and_recording_make_the_helper_ready(client, setting):
    enrolment = setting["enrolment"]
    client.post(
        reverse("referrals:volunteer_tick"),
        {"enrolment": enrolment.pk, "item": setting["conversation"].pk, "done": "1"},
    )
    assert ChecklistCompletion.objects.get().done_by == setting["leader"]
    assert AccessLogEntry.objects.filter(
        object_type="volunteer_enrolment", object_id=str(enrolment.pk), action="change"
    ).exists()
    response = client.post(reverse("referrals:volunteer_police_check"), police_post(enrolment))
    assert response.status_code == 302
    check = PoliceCertificateCheck.objects.get()
    assert check.checked_by == setting["leader"]
    assert check.result == PoliceCertificateCheck.Result.NO_REMARKS
    enrolment.refresh_from_db()
    assert enrolment.status == HelperRoleEnrolment.Status.READY


def test_another_units_helper_is_a_404(client, setting):
    other = setting["other"]
    item = ChecklistItemFactory(role=other.role)
    tick = client.post(
        reverse("referrals:volunteer_tick"), {"enrolment": other.pk, "item": item.pk, "done": "1"}
    )
    assert tick.status_code == 404
    check = client.post(reverse("referrals:volunteer_police_check"), police_post(other))
    assert check.status_code == 404
    assert not ChecklistCompletion.objects.exists()
    assert not PoliceCertificateCheck.objects.exists()


def test_bad_dates_are_shown_next_to_the_field(client, setting):
    enrolment = setting["enrolment"]
    prefix = f"p{enrolment.pk}"
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("referrals:volunteer_police_check"),
        police_post(enrolment, **{f"{prefix}-shown_on": future}),
    )
    assert response.status_code == 200
    assert "Attestens dato kan ikke være fram i tid." in response.content.decode()
    assert not PoliceCertificateCheck.objects.exists()


def test_a_certificate_file_cannot_be_uploaded(client, setting):
    enrolment = setting["enrolment"]
    upload = SimpleUploadedFile(
        "politiattest.pdf", b"%PDF-1.4 attest", content_type="application/pdf"
    )
    response = client.post(
        reverse("referrals:volunteer_police_check"),
        {**police_post(enrolment), "attest": upload},  # multipart, with a file
    )
    assert response.status_code == 200
    assert "Politiattesten skal ikke lastes opp" in response.content.decode()
    assert not PoliceCertificateCheck.objects.exists()


def test_no_model_of_the_room_has_a_file_field_and_the_form_has_no_file_input():
    for model in apps.get_app_config("referrals").get_models():
        if model.__module__ != "referrals.volunteers.models":
            continue
        for field in model._meta.get_fields():
            assert not isinstance(field, models.FileField), (model, field)
    form = PoliceCheckForm(prefix="p1")
    assert not form.is_multipart()
    assert not any(isinstance(field, forms.FileField) for field in form.fields.values())


def test_a_renewal_date_before_the_certificate_in_nynorsk(client, setting):
    enrolment = setting["enrolment"]
    prefix = f"p{enrolment.pk}"
    shown_on = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    renew_by = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    response = client.post(
        reverse("referrals:volunteer_police_check"),
        police_post(enrolment, **{f"{prefix}-shown_on": shown_on, f"{prefix}-renew_by": renew_by}),
        HTTP_ACCEPT_LANGUAGE="nn",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{prefix}-renew_by_error"' in page  # next to the field
    assert "Fornyingsdatoen" in page or "fornyingsdato" in page.lower()
    assert f'value="{shown_on}"' in page and f'value="{renew_by}"' in page  # kept
    assert not PoliceCertificateCheck.objects.exists()


@pytest.mark.parametrize("value", ["²", "x", "", "-1"])
def test_a_malformed_enrolment_id_is_a_404(client, setting, value):
    enrolment = setting["enrolment"]
    data = police_post(enrolment)
    data[f"p{enrolment.pk}-enrolment"] = value
    assert client.post(reverse("referrals:volunteer_police_check"), data).status_code == 404
    tick = {"enrolment": value, "item": setting["conversation"].pk, "done": "1"}
    assert client.post(reverse("referrals:volunteer_tick"), tick).status_code == 404
    assert not PoliceCertificateCheck.objects.exists()

"""The Django admin is a second door to the same data as the staff pages, so it scopes
what a member of staff may see, choose and change with the same rule as the pages
(issue 11, finding 1). The generated role × model × action matrix is in
test_admin_matrix.py; these are the concrete escalations, written as a person would
try them."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from catalogue.models import ErrorReport, Offer
from portal.models import User
from portal.roles import Role
from referrals.cases.models import AccessLogEntry
from tests.catalogue.factories import CategoryFactory, LocationFactory, OfferFactory, UnitFactory
from tests.factories import make_user
from tests.portal.html import parse

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


def logged_in(user) -> Client:
    user.save()  # the factories leave the password unsaved; keep the session valid
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def units():
    return {
        "a": UnitFactory(name="Enhet A", slug="enhet-a"),
        "b": UnitFactory(name="Enhet B", slug="enhet-b"),
    }


@pytest.fixture
def leader(units):
    user = make_user(Role.UNIT_LEADER, email="leder@example.no", full_name="Lene Leder")
    user.units.add(units["a"])
    return user


@pytest.fixture
def offers(units):
    social = CategoryFactory(name="Sosialt", slug="sosialt")
    return {
        "a": OfferFactory(title="A-kafeen", slug="a-kafeen", unit=units["a"], categories=[social]),
        "b": OfferFactory(
            title="B-kafeen", slug="b-kafeen", unit=units["b"], categories=[social], draft=True
        ),
    }


def offer_form_data(offer: Offer, **changes) -> dict:
    """The change form as the browser sends it (no inlines: a unit leader has no
    permission on opening periods, events or schedule exceptions)."""
    data = {
        "title": offer.title,
        "slug": offer.slug,
        "unit": offer.unit_id,
        "status": offer.status,
        "summary": offer.summary,
        "description": offer.description,
        "suits": offer.suits,
        "participation": offer.participation,
        "cost": offer.cost,
        "locations": [location.pk for location in offer.locations.all()],
        "categories": [category.pk for category in offer.categories.all()],
        "closed_on_public_holidays": "on",
    }
    data.update(changes)
    return data


def test_a_unit_leader_cannot_move_another_units_offer_to_their_own_unit(leader, units, offers):
    """The finding: with the other unit's offer in their unit, the leader would see its
    applicants' cases in /saksbehandling/."""
    client = logged_in(leader)
    other = offers["b"]
    url = reverse("admin:catalogue_offer_change", args=[other.pk])

    assert client.get(url).status_code == 404
    response = client.post(url, offer_form_data(other, unit=units["a"].pk, title="Overtatt"))

    assert response.status_code == 404
    other.refresh_from_db()
    assert (other.unit_id, other.title) == (units["b"].pk, "B-kafeen")
    for view in ("history", "delete"):
        response = client.get(reverse(f"admin:catalogue_offer_{view}", args=[other.pk]))
        assert response.status_code in (403, 404), view


def test_a_unit_leader_changes_their_own_offer_in_the_admin(leader, offers):
    """The contrast: the same form, in scope, is saved."""
    own = offers["a"]
    url = reverse("admin:catalogue_offer_change", args=[own.pk])

    response = logged_in(leader).post(url, offer_form_data(own, title="A-kafeen på tirsdager"))

    assert response.status_code == 302, response.content.decode()[:3000]
    own.refresh_from_db()
    assert own.title == "A-kafeen på tirsdager"


def test_a_unit_leader_cannot_give_their_own_offer_to_another_unit(leader, units, offers):
    client = logged_in(leader)
    own = offers["a"]
    url = reverse("admin:catalogue_offer_change", args=[own.pk])

    response = client.post(url, offer_form_data(own, unit=units["b"].pk))

    assert response.status_code == 200
    assert parse(response.content).select(".errorlist")
    own.refresh_from_db()
    assert own.unit_id == units["a"].pk


def test_a_unit_leader_cannot_add_an_offer_for_another_unit(leader, units, offers):
    client = logged_in(leader)
    template = offers["b"]
    data = offer_form_data(template, slug="ny-b", title="Ny i B", status="draft")

    response = client.post(reverse("admin:catalogue_offer_add"), data)

    assert response.status_code == 200
    assert not Offer.objects.filter(slug="ny-b").exists()


def test_the_offer_form_offers_only_the_leaders_units_and_locations(leader, units, offers):
    shared = LocationFactory(unit=None, name="Biblioteket")
    foreign = LocationFactory(unit=units["b"], name="B-huset")
    client = logged_in(leader)

    page = parse(client.get(reverse("admin:catalogue_offer_change", args=[offers["a"].pk])).content)

    units_offered = {o.text for o in page.select("select[name=unit] option") if o.get("value")}
    assert units_offered == {"Enhet A"}
    locations = {o.text for o in page.select("select[name=locations] option")}
    assert "Biblioteket" in locations and shared.unit is None
    assert foreign.name not in locations


def test_the_offer_changelist_lists_only_the_leaders_offers(leader, offers):
    page = logged_in(leader).get(reverse("admin:catalogue_offer_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "A-kafeen" in text
    assert "B-kafeen" not in text


def test_the_error_report_changelist_shows_only_the_leaders_reports(leader, offers):
    ErrorReport.objects.create(offer=offers["a"], message="Feil adresse", reporter_email="x@a.no")
    other = ErrorReport.objects.create(
        offer=offers["b"], message="Feil telefon", reporter_email="melder@b.no"
    )
    client = logged_in(leader)

    page = client.get(reverse("admin:catalogue_errorreport_changelist"))

    assert page.status_code == 200
    text = page.content.decode()
    assert "A-kafeen" in text
    assert "B-kafeen" not in text
    change = client.get(reverse("admin:catalogue_errorreport_change", args=[other.pk]))
    assert change.status_code == 404
    assert b"melder@b.no" not in change.content


def test_a_report_keeps_its_offer_and_the_citizens_words(leader, offers):
    """A leader handles a report; what was reported, by whom and about which offer stays."""
    report = ErrorReport.objects.create(
        offer=offers["a"], message="Feil adresse", reporter_email="x@a.no"
    )
    client = logged_in(leader)
    url = reverse("admin:catalogue_errorreport_change", args=[report.pk])
    data = {
        "offer": offers["b"].pk,
        "message": "Endret",
        "reporter_email": "annen@a.no",
        "handled_at_0": "2026-11-24",
        "handled_at_1": "10:00:00",
        "handled_by": leader.pk,
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert (report.offer_id, report.message, report.reporter_email) == (
        offers["a"].pk,
        "Feil adresse",
        "x@a.no",
    )
    assert report.handled_by == leader


def test_a_report_can_be_marked_handled_only_in_the_leaders_own_name(leader, offers):
    colleague = make_user(Role.UNIT_LEADER, email="kollega@example.no", full_name="Kari Kollega")
    report = ErrorReport.objects.create(offer=offers["a"], message="Feil adresse")
    client = logged_in(leader)
    url = reverse("admin:catalogue_errorreport_change", args=[report.pk])

    page = parse(client.get(url).content)
    names = {o.text for o in page.select("select[name=handled_by] option") if o.get("value")}
    assert names == {"Lene Leder"}
    response = client.post(
        url,
        {"handled_at_0": "2026-11-24", "handled_at_1": "10:00:00", "handled_by": colleague.pk},
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.handled_by is None


@pytest.mark.parametrize("who", ["leader", "administrator"])
def test_the_staff_pages_and_the_admin_show_the_same_offers(who, request, offers):
    """One rule (``Offer.objects.for_user``) for both doors: a leader sees their unit's
    offers, an administrator every unit's."""
    client = logged_in(request.getfixturevalue(who))
    expected = {"leader": {"A-kafeen"}, "administrator": {"A-kafeen", "B-kafeen"}}[who]

    for url in (reverse("catalogue:staff_offers"), reverse("admin:catalogue_offer_changelist")):
        text = client.get(url).content.decode()
        assert {title for title in ("A-kafeen", "B-kafeen") if title in text} == expected, url


# --- administrators and users ---------------------------------------------------------


@pytest.fixture
def administrator():
    return make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin")


@pytest.fixture
def superuser():
    return make_user(email="root@example.no", full_name="Rot", is_staff=True, is_superuser=True)


def user_form_data(user: User, **changes) -> dict:
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "phone": user.phone,
        "groups": [group.pk for group in user.groups.all()],
        "units": [unit.pk for unit in user.units.all()],
    }
    for flag in ("is_active", "is_staff", "is_superuser"):
        if getattr(user, flag):
            data[flag] = "on"
    data.update(changes)
    return data


def test_an_administrator_cannot_make_themselves_a_superuser(administrator):
    client = logged_in(administrator)
    url = reverse("admin:portal_user_change", args=[administrator.pk])

    client.post(url, user_form_data(administrator, is_superuser="on"))

    administrator.refresh_from_db()
    assert not administrator.is_superuser


def test_an_administrator_cannot_give_themselves_roles_or_units(administrator, units):
    caseworker = Group.objects.get(name=Role.CASEWORKER.value)
    client = logged_in(administrator)
    url = reverse("admin:portal_user_change", args=[administrator.pk])

    client.post(
        url,
        user_form_data(
            administrator,
            groups=[g.pk for g in administrator.groups.all()] + [caseworker.pk],
            units=[units["a"].pk],
        ),
    )

    administrator.refresh_from_db()
    assert not administrator.has_role(Role.CASEWORKER)
    assert not administrator.units.exists()


def test_an_administrator_gives_someone_else_a_role(administrator, units):
    colleague = make_user(Role.CITIZEN, email="ny@example.no", full_name="Nina Ny")
    leader_group = Group.objects.get(name=Role.UNIT_LEADER.value)
    client = logged_in(administrator)
    url = reverse("admin:portal_user_change", args=[colleague.pk])

    response = client.post(
        url,
        user_form_data(colleague, groups=[leader_group.pk], units=[units["a"].pk], is_staff="on"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    colleague = User.objects.get(pk=colleague.pk)
    assert colleague.has_role(Role.UNIT_LEADER)
    assert list(colleague.units.all()) == [units["a"]]
    assert not colleague.is_superuser


def test_an_administrator_cannot_make_someone_else_a_superuser(administrator):
    colleague = make_user(Role.CASEWORKER, email="cw@example.no", full_name="Cato Case")
    client = logged_in(administrator)
    url = reverse("admin:portal_user_change", args=[colleague.pk])

    client.post(url, user_form_data(colleague, is_superuser="on"))

    colleague.refresh_from_db()
    assert not colleague.is_superuser


def test_an_administrator_can_only_assign_the_roles(administrator):
    custom = Group.objects.create(name="Ekstra")
    colleague = make_user(Role.CITIZEN, email="ny@example.no", full_name="Nina Ny")
    client = logged_in(administrator)
    url = reverse("admin:portal_user_change", args=[colleague.pk])

    page = parse(client.get(url).content)
    offered = {o.text for o in page.select("select[name=groups] option")}
    assert offered == {str(name) for name in Role.values}
    client.post(url, user_form_data(colleague, groups=[custom.pk]))
    assert not colleague.groups.filter(pk=custom.pk).exists()


def test_an_administrator_cannot_see_or_change_a_superuser(administrator, superuser):
    client = logged_in(administrator)

    listing = client.get(reverse("admin:portal_user_changelist")).content.decode()
    assert "root@example.no" not in listing
    password = reverse("admin:auth_user_password_change", args=[superuser.pk])  # Django's name
    for name in ("change", "history", "delete"):
        url = reverse(f"admin:portal_user_{name}", args=[superuser.pk])
        assert client.get(url).status_code in (403, 404), name
    assert client.get(password).status_code == 404
    response = client.post(
        password,
        {"password1": "ny-hemmelighet-42", "password2": "ny-hemmelighet-42"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("admin:portal_user_change", args=[superuser.pk]),
        user_form_data(superuser, email="meg@example.no"),
    )
    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.email == "root@example.no"
    assert superuser.check_password("correct-horse-battery-42")


def test_reading_the_access_log_in_the_admin_is_logged_like_the_page(administrator):
    client = logged_in(administrator)
    before = AccessLogEntry.objects.count()

    assert client.get(reverse("admin:referrals_accesslogentry_changelist")).status_code == 200

    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert [(e.user, e.action, e.object_type, e.allowed) for e in entries] == [
        (administrator, "list", "access_log", True)
    ]


def test_an_administrator_adds_a_user_who_is_no_superuser(administrator):
    client = logged_in(administrator)
    data = {
        "email": "ny@example.no",
        "full_name": "Nina Ny",
        "password1": "ny-hemmelighet-42",
        "password2": "ny-hemmelighet-42",
        "is_superuser": "on",
        "is_staff": "on",
    }

    response = client.post(reverse("admin:portal_user_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    added = User.objects.get(email="ny@example.no")
    assert not added.is_superuser


def test_view_on_site_only_for_what_the_admin_shows(leader, offers):
    """Django's redirect found any object for any member of staff: the slug of another
    unit's draft, and (by its two messages) whether any row of any table exists."""
    from django.contrib.contenttypes.models import ContentType

    client = logged_in(leader)
    offer_type = ContentType.objects.get_for_model(Offer).pk
    user_type = ContentType.objects.get_for_model(User).pk

    own = client.get(reverse("admin:view_on_site", args=[offer_type, offers["a"].pk]))
    assert own.status_code == 302 and own["Location"].endswith("/a-kafeen/")
    other = client.get(reverse("admin:view_on_site", args=[offer_type, offers["b"].pk]))
    assert other.status_code == 404
    assert b"b-kafeen" not in other.content
    existing = client.get(reverse("admin:view_on_site", args=[user_type, leader.pk]))
    missing = client.get(reverse("admin:view_on_site", args=[user_type, 999999]))
    assert existing.status_code == missing.status_code == 404
    assert parse(existing.content).one("main").text == parse(missing.content).one("main").text

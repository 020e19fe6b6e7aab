"""Unit leaders' pages: access, editing with an audit log, publishing, review, reports."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from catalogue import services
from catalogue.models import ErrorReport, Offer, OfferChange, Weekday
from portal.roles import Role
from tests.catalogue.factories import (
    CategoryFactory,
    LocationFactory,
    OfferFactory,
    UnitFactory,
)
from tests.catalogue.offer_form import form_data
from tests.factories import make_user as _make_user

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def make_user(*roles, **kwargs):
    # tests.factories.make_user sets the password after saving and never saves again, so
    # a forced log-in would not survive the next request; save once more.
    user = _make_user(*roles, **kwargs)
    user.save()
    return user


def login(client, user):
    client.force_login(user, backend=MODEL_BACKEND)


@pytest.fixture
def unit():
    return UnitFactory(name="Solsiden dagsenter")


@pytest.fixture
def offer(unit):
    return OfferFactory(
        unit=unit, title="Formiddagstreff", draft=True, categories=[CategoryFactory(slug="sosial")]
    )


@pytest.fixture
def leader(unit):
    user = make_user(Role.UNIT_LEADER, email="leder@eksempel.no", full_name="Lene Leder")
    user.units.add(unit)
    return user


@pytest.fixture
def other_leader():
    user = make_user(Role.UNIT_LEADER, email="annen@eksempel.no", full_name="Anne Annen")
    user.units.add(UnitFactory())
    return user


@pytest.fixture
def citizen():
    return make_user(Role.CITIZEN, email="innbygger@eksempel.no", full_name="Ida Innbygger")


def offer_urls(offer):
    return {
        name: reverse(f"catalogue:{name}", args=[offer.slug])
        for name in ("staff_offer_edit", "staff_offer_preview")
    }


GET_PAGES = ["staff_offers", "staff_review", "staff_reports", "staff_offer_create"]
OFFER_GET_PAGES = ["staff_offer_edit", "staff_offer_preview"]
OFFER_POST_ACTIONS = ["staff_offer_publish", "staff_offer_archive", "staff_offer_reviewed"]


class TestAccess:
    @pytest.mark.parametrize("name", GET_PAGES)
    def test_anonymous_visitors_are_sent_to_log_in(self, client, name):
        response = client.get(reverse(f"catalogue:{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portal:login"))

    @pytest.mark.parametrize("name", OFFER_GET_PAGES)
    def test_anonymous_visitors_are_sent_to_log_in_from_offer_pages(self, client, offer, name):
        response = client.get(reverse(f"catalogue:{name}", args=[offer.slug]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portal:login"))

    @pytest.mark.parametrize("name", GET_PAGES)
    def test_citizens_are_refused(self, client, citizen, name):
        login(client, citizen)
        assert client.get(reverse(f"catalogue:{name}")).status_code == 403

    @pytest.mark.parametrize("name", OFFER_GET_PAGES)
    def test_citizens_are_refused_offer_pages(self, client, citizen, offer, name):
        login(client, citizen)
        assert client.get(reverse(f"catalogue:{name}", args=[offer.slug])).status_code in {403, 404}

    @pytest.mark.parametrize("name", GET_PAGES)
    def test_unit_leaders_get_in(self, client, leader, offer, name):
        login(client, leader)
        assert client.get(reverse(f"catalogue:{name}")).status_code == 200

    @pytest.mark.parametrize("name", OFFER_GET_PAGES)
    def test_the_units_leader_sees_its_offer(self, client, leader, offer, name):
        login(client, leader)
        assert client.get(reverse(f"catalogue:{name}", args=[offer.slug])).status_code == 200

    @pytest.mark.parametrize("name", OFFER_GET_PAGES + OFFER_POST_ACTIONS)
    def test_another_units_leader_gets_404(self, client, other_leader, offer, name):
        login(client, other_leader)
        method = client.post if name in OFFER_POST_ACTIONS else client.get
        assert method(reverse(f"catalogue:{name}", args=[offer.slug])).status_code == 404
        offer.refresh_from_db()
        assert offer.status == Offer.Status.DRAFT
        assert not OfferChange.objects.exists()

    @pytest.mark.parametrize("name", OFFER_POST_ACTIONS)
    def test_actions_reject_get(self, client, leader, offer, name):
        login(client, leader)
        assert client.get(reverse(f"catalogue:{name}", args=[offer.slug])).status_code == 405

    def test_marking_a_report_handled_rejects_get(self, client, leader, offer):
        report = ErrorReport.objects.create(offer=offer, message="Feil")
        login(client, leader)
        assert (
            client.get(reverse("catalogue:staff_report_handled", args=[report.pk])).status_code
            == 405
        )

    def test_the_list_shows_only_the_leaders_own_offers(self, client, leader, offer):
        OfferFactory(title="Annen enhets tilbud")
        login(client, leader)
        page = client.get(reverse("catalogue:staff_offers")).content.decode()
        assert "Formiddagstreff" in page
        assert "Annen enhets tilbud" not in page

    def test_publishing_needs_the_publish_permission(self, client, unit, offer):
        # A leader whose role lacks catalogue.publish_offer (e.g. a deputy).
        deputy = make_user(email="vara@eksempel.no", full_name="Vara Leder", is_staff=True)
        deputy.units.add(unit)
        deputy.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="catalogue", codename__in=["view_offer", "change_offer"]
            )
        )
        login(client, deputy)
        assert (
            client.get(reverse("catalogue:staff_offer_edit", args=[offer.slug])).status_code == 200
        )
        assert (
            client.post(reverse("catalogue:staff_offer_publish", args=[offer.slug])).status_code
            == 403
        )
        offer.refresh_from_db()
        assert offer.status == Offer.Status.DRAFT


class TestEditing:
    def test_saving_without_changes_records_nothing(self, client, leader, offer):
        login(client, leader)
        response = client.post(
            reverse("catalogue:staff_offer_edit", args=[offer.slug]), form_data(offer)
        )
        assert response.status_code == 302
        assert not OfferChange.objects.exists()

    def test_an_edit_is_saved_and_recorded_with_the_changed_fields(self, client, leader, offer):
        login(client, leader)
        data = form_data(
            offer,
            title="Formiddagstreff på Solsiden",
            title_nn="Formiddagstreff på Solsida",
            transport_offered="on",
            **{
                "periods-1-weekday": str(Weekday.THURSDAY),
                "periods-1-opens": "09:00",
                "periods-1-closes": "12:00",
            },
        )
        response = client.post(reverse("catalogue:staff_offer_edit", args=[offer.slug]), data)

        assert response.status_code == 302
        offer.refresh_from_db()
        assert offer.title == "Formiddagstreff på Solsiden"
        assert offer.title_nn == "Formiddagstreff på Solsida"
        assert offer.transport_offered
        assert sorted(p.weekday for p in offer.opening_periods.all()) == [
            Weekday.TUESDAY,
            Weekday.THURSDAY,
        ]
        change = OfferChange.objects.get()
        assert change.action == "catalogue.offer.changed"
        assert change.user == leader
        assert change.changed_fields == [
            "opening_periods",
            "title",
            "title_nn",
            "transport_offered",
        ]

        page = client.get(reverse("catalogue:staff_offer_edit", args=[offer.slug])).content.decode()
        assert "Endringslogg" in page and "Lene Leder" in page and "Tittel (nynorsk)" in page

    def test_an_opening_period_can_be_removed(self, client, leader, offer):
        login(client, leader)
        data = form_data(offer, **{"periods-0-DELETE": "on"})
        client.post(reverse("catalogue:staff_offer_edit", args=[offer.slug]), data)
        assert not offer.opening_periods.exists()
        assert OfferChange.objects.get().changed_fields == ["opening_periods"]

    def test_an_end_time_before_the_start_is_refused(self, client, leader, offer):
        login(client, leader)
        data = form_data(offer, **{"periods-0-closes": "09:00"})
        response = client.post(reverse("catalogue:staff_offer_edit", args=[offer.slug]), data)
        assert response.status_code == 200
        assert "Sluttid må være etter starttid" in response.content.decode()
        assert not OfferChange.objects.exists()

    def test_missing_required_fields_are_explained(self, client, leader, offer):
        login(client, leader)
        response = client.post(
            reverse("catalogue:staff_offer_edit", args=[offer.slug]), form_data(offer, title="")
        )
        assert response.status_code == 200
        assert "Skriv en tittel" in response.content.decode()

    def test_an_offer_by_application_needs_a_service_type(self, client, leader, offer):
        login(client, leader)
        response = client.post(
            reverse("catalogue:staff_offer_edit", args=[offer.slug]),
            form_data(offer, participation="application"),
        )
        assert response.status_code == 200
        assert "Velg tjenesten man søker om" in response.content.decode()

    def test_a_leader_cannot_move_an_offer_to_another_unit(self, client, leader, offer):
        login(client, leader)
        foreign = UnitFactory()
        response = client.post(
            reverse("catalogue:staff_offer_edit", args=[offer.slug]),
            form_data(offer, unit=foreign.pk),
        )
        assert response.status_code == 200
        offer.refresh_from_db()
        assert offer.unit != foreign

    def test_a_leader_cannot_attach_another_units_location(self, client, leader, offer):
        login(client, leader)
        foreign = LocationFactory(unit=UnitFactory())
        response = client.post(
            reverse("catalogue:staff_offer_edit", args=[offer.slug]),
            form_data(offer, locations=[foreign.pk]),
        )
        assert response.status_code == 200
        assert foreign not in offer.locations.all()

    def test_a_leader_creates_a_draft(self, client, leader, unit):
        location = LocationFactory(unit=unit)
        category = CategoryFactory(slug="fysisk")
        login(client, leader)
        data = {
            "unit": unit.pk,
            "title": "Stolgym",
            "summary": "Trening sittende på stol.",
            "description": "Lett trening med musikk.",
            "suits": "For deg som vil holde deg i form.",
            "categories": [category.pk],
            "locations": [location.pk],
            "participation": "open",
            "cost": "free",
            "periods-TOTAL_FORMS": "2",
            "periods-INITIAL_FORMS": "0",
            "periods-MIN_NUM_FORMS": "0",
            "periods-MAX_NUM_FORMS": "28",
            "periods-0-weekday": str(Weekday.MONDAY),
            "periods-0-opens": "11:00",
            "periods-0-closes": "12:00",
        }
        response = client.post(reverse("catalogue:staff_offer_create"), data)

        offer = Offer.objects.get(title="Stolgym")
        assert response.status_code == 302
        assert response["Location"] == reverse("catalogue:staff_offer_edit", args=[offer.slug])
        assert offer.slug == "stolgym"
        assert offer.status == Offer.Status.DRAFT
        assert offer.opening_periods.get().weekday == Weekday.MONDAY
        assert OfferChange.objects.get(offer=offer).action == "catalogue.offer.created"
        # Not visible to citizens yet.
        assert client.get(offer.get_absolute_url()).status_code == 404


class TestPublishing:
    def test_the_preview_shows_a_draft_to_its_leader_only(self, client, leader, offer):
        assert client.get(offer.get_absolute_url()).status_code == 404
        login(client, leader)
        response = client.get(reverse("catalogue:staff_offer_preview", args=[offer.slug]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Forhåndsvisning" in page and "Formiddagstreff" in page

    def test_publishing_makes_the_offer_visible_to_citizens(self, client, leader, offer):
        login(client, leader)
        response = client.post(reverse("catalogue:staff_offer_publish", args=[offer.slug]))
        assert response.status_code == 302

        offer.refresh_from_db()
        assert offer.status == Offer.Status.PUBLISHED
        assert offer.published_at is not None
        change = OfferChange.objects.get()
        assert change.action == "catalogue.offer.published"
        assert "status" in change.changed_fields
        client.logout()
        public = client.get(offer.get_absolute_url())
        assert public.status_code == 200
        assert "Formiddagstreff" in public.content.decode()

    def test_archiving_hides_the_offer_again(self, client, leader, offer):
        services.publish_offer(offer=offer, user=leader)
        login(client, leader)
        client.post(reverse("catalogue:staff_offer_archive", args=[offer.slug]))
        offer.refresh_from_db()
        assert offer.status == Offer.Status.ARCHIVED
        assert OfferChange.objects.filter(action="catalogue.offer.archived", user=leader).exists()
        client.logout()
        assert client.get(offer.get_absolute_url()).status_code == 404

    def test_an_offer_without_a_category_is_not_published(self, client, leader, unit):
        offer = OfferFactory(unit=unit, draft=True)
        login(client, leader)
        response = client.post(
            reverse("catalogue:staff_offer_publish", args=[offer.slug]), follow=True
        )
        offer.refresh_from_db()
        assert offer.status == Offer.Status.DRAFT
        assert "minst ett sted og én kategori" in response.content.decode()


class TestReview:
    def test_old_offers_are_listed_for_review(self, client, leader, unit):
        today = timezone.localdate()
        OfferFactory(
            unit=unit, title="Gammel oppføring", last_reviewed=today - datetime.timedelta(days=200)
        )
        OfferFactory(
            unit=unit, title="Fersk oppføring", last_reviewed=today - datetime.timedelta(days=10)
        )
        OfferFactory(title="Andres gamle", last_reviewed=today - datetime.timedelta(days=400))
        login(client, leader)
        page = client.get(reverse("catalogue:staff_review")).content.decode()
        assert "Gammel oppføring" in page
        assert "Fersk oppføring" not in page
        assert "Andres gamle" not in page

    @time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC))
    def test_marking_as_reviewed_sets_today_and_is_recorded(self, client, leader, unit):
        offer = OfferFactory(unit=unit, last_reviewed=datetime.date(2025, 1, 1))
        login(client, leader)
        response = client.post(
            reverse("catalogue:staff_offer_reviewed", args=[offer.slug]), {"next": "review"}
        )
        assert response["Location"] == reverse("catalogue:staff_review")
        offer.refresh_from_db()
        assert offer.last_reviewed == datetime.date(2026, 11, 24)
        change = OfferChange.objects.get()
        assert (change.action, change.changed_fields, change.user) == (
            "catalogue.offer.reviewed",
            ["last_reviewed"],
            leader,
        )

    def test_reminders_go_to_leaders_with_offers_needing_review(
        self, leader, other_leader, unit, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        OfferFactory(unit=unit, title="Gammel oppføring", last_reviewed=datetime.date(2020, 1, 1))
        with django_capture_on_commit_callbacks(execute=True):
            sent = services.send_review_reminders()
        assert sent == 1
        assert [m.to for m in mail.outbox] == [["leder@eksempel.no"]]
        assert "Gammel oppføring" in mail.outbox[0].body


class TestErrorReports:
    def test_leaders_see_their_units_reports_and_mark_them_handled(self, client, leader, offer):
        mine = ErrorReport.objects.create(offer=offer, message="Feil telefonnummer")
        ErrorReport.objects.create(offer=OfferFactory(), message="Gjelder en annen enhet")
        login(client, leader)

        page = client.get(reverse("catalogue:staff_reports")).content.decode()
        assert "Feil telefonnummer" in page
        assert "Gjelder en annen enhet" not in page

        response = client.post(reverse("catalogue:staff_report_handled", args=[mine.pk]))
        assert response.status_code == 302
        mine.refresh_from_db()
        assert mine.handled_at is not None and mine.handled_by == leader
        assert (
            "Feil telefonnummer"
            not in client.get(reverse("catalogue:staff_reports")).content.decode()
        )
        assert (
            "Feil telefonnummer"
            in client.get(reverse("catalogue:staff_reports") + "?vis=alle").content.decode()
        )

    def test_another_units_report_is_404(self, client, other_leader, offer):
        report = ErrorReport.objects.create(offer=offer, message="Feil")
        login(client, other_leader)
        assert (
            client.post(reverse("catalogue:staff_report_handled", args=[report.pk])).status_code
            == 404
        )
        report.refresh_from_db()
        assert report.handled_at is None


@pytest.mark.parametrize("count", [5, 40])
def test_the_staff_list_uses_a_fixed_number_of_queries(
    client, leader, unit, count, django_assert_max_num_queries
):
    for _ in range(count):
        OfferFactory(unit=unit)
    login(client, leader)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("catalogue:staff_offers")).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_the_edit_page_uses_a_fixed_number_of_queries(
    client, leader, unit, count, django_assert_max_num_queries
):
    offer = OfferFactory(unit=unit, categories=[CategoryFactory(slug="sosial")])
    for _ in range(count):
        services.mark_offer_reviewed(offer=offer, user=leader)
        LocationFactory(unit=unit)
    login(client, leader)
    with django_assert_max_num_queries(25):
        assert (
            client.get(reverse("catalogue:staff_offer_edit", args=[offer.slug])).status_code == 200
        )


def test_changing_only_the_schedule_marks_the_offer_updated(leader, unit):
    offer = OfferFactory(unit=unit)
    before = offer.updated_at
    location = offer.locations.first()
    services.update_offer(
        offer=offer,
        user=leader,
        fields={},
        opening_periods=[
            {
                "weekday": Weekday.FRIDAY,
                "opens": datetime.time(9),
                "closes": datetime.time(11),
                "location": location,
            }
        ],
    )
    offer.refresh_from_db()
    assert offer.updated_at > before
    assert [p.weekday for p in offer.opening_periods.all()] == [Weekday.FRIDAY]

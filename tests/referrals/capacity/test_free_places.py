"""One source of truth for free places: an offer taking applications with its places
per day set shows on its public page the free places the capacity room counts, kept
current when places are given or ended, and staff cannot type another figure."""

from datetime import timedelta

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from catalogue.forms import OfferForm
from catalogue.models import Offer
from referrals.capacity import selectors as capacity_selectors
from referrals.capacity import services as capacity
from referrals.capacity.models import Allocation
from tests.catalogue.factories import CategoryFactory, OfferFactory
from tests.catalogue.offer_form import form_data
from tests.referrals.casework.factories import decide, make_case, take


def _granted(world, day_activity, districts, name, weekdays):
    case = make_case(
        applicant=world.citizen,
        service_type=day_activity,
        district=districts.north,
        offers=[world.offer],
        person_name=name,
    )
    take(case, world.staff.north)
    return decide(case, world.staff.north, offer=world.offer, weekdays=weekdays)


def _set_capacity(offer, places):
    offer.capacity_per_day = places
    offer.save(update_fields=["capacity_per_day"])


def test_setting_the_places_per_day_counts_the_free_places(world):
    _set_capacity(world.offer, 3)
    world.offer.refresh_from_db()
    assert world.offer.places_available == 3


def test_a_grant_and_an_ended_place_keep_the_public_figure_current(world, day_activity, districts):
    _set_capacity(world.offer, 2)
    for name in ("Anne", "Bjørn"):
        _granted(world, day_activity, districts, name, [0, 1, 2, 3, 4])
    world.offer.refresh_from_db()
    assert world.offer.places_available == 0
    assert world.offer.is_full
    capacity.end_allocation(
        allocation=Allocation.objects.filter(weekday=2).first(), actor=world.staff.leader
    )
    world.offer.refresh_from_db()
    assert world.offer.places_available == 1


def test_the_public_page_and_the_capacity_page_agree(world, login, client, day_activity, districts):
    _set_capacity(world.offer, 8)
    _granted(world, day_activity, districts, "Anne Andersen", [0, 1, 2, 3, 4])
    # A week after the places start (the public figure counts places already given).
    start = Allocation.objects.first().start_date + timedelta(weeks=1)
    offers = capacity_selectors.overview(user=world.staff.leader, start=start)
    assert {cell.free for cell in offers[0].weeks[0].days} == {7}
    html = client.get(world.offer.get_absolute_url()).content.decode()
    assert "7 ledige plasser" in html
    world.offer.refresh_from_db()
    assert world.offer.places_available == 7


def test_a_planned_end_frees_the_place_from_its_date_with_the_daily_count(
    world, day_activity, districts, time_machine
):
    _set_capacity(world.offer, 1)
    _granted(world, day_activity, districts, "Anne", [0, 1, 2, 3, 4])
    today = timezone.localdate()
    for allocation in Allocation.objects.all():
        capacity.end_allocation_on(
            allocation=allocation, end_date=today + timedelta(days=3), actor=world.staff.leader
        )
    world.offer.refresh_from_db()
    assert world.offer.places_available == 0
    time_machine.move_to(timezone.now() + timedelta(days=4))
    assert capacity.refresh_all_free_places() == 1
    world.offer.refresh_from_db()
    assert world.offer.places_available == 1


def test_an_offer_without_places_per_day_keeps_the_typed_figure(world):
    offer = OfferFactory(participation="open", capacity_per_day=None, places_available=4)
    capacity.refresh_all_free_places()
    offer.refresh_from_db()
    assert offer.places_available == 4
    assert not OfferForm(instance=offer, user=world.staff.admin).fields["places_available"].disabled


def test_staff_cannot_type_free_places_for_an_offer_counted_from_decisions(world, login):
    world.offer.categories.add(CategoryFactory())
    _set_capacity(world.offer, 5)
    world.offer.refresh_from_db()
    client = login(world.staff.leader)
    url = reverse("catalogue:staff_offer_edit", args=[world.offer.slug])
    page = client.get(url).content.decode()
    assert "Regnes ut fra plassene som er tildelt i vedtak" in page
    data = form_data(
        world.offer,
        service_type=world.offer.service_type_id,
        capacity_per_day=5,
        places_available=0,
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    world.offer.refresh_from_db()
    assert world.offer.places_available == 5


def test_the_admin_never_takes_a_typed_number_for_counted_free_places(world, rf):
    request = rf.get("/admin/")
    request.user = world.staff.admin
    model_admin = admin.site._registry[Offer]
    _set_capacity(world.offer, 5)
    form = model_admin.get_form(request, world.offer, change=True)
    assert form.base_fields["places_available"].disabled
    typed = OfferFactory(participation="open", capacity_per_day=None)
    form = model_admin.get_form(request, typed, change=True)
    assert not form.base_fields["places_available"].disabled

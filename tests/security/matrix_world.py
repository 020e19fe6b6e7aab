"""The world the access matrix (tests/security/test_access_matrix.py) is played in:
one person's case that has been through every stage, the people around it, a draft,
and another unit's offer. Built once per module through the services, as the people
involved would.

The case is about citizen A (identified by ID-porten: ``national_id``), filed on A's
behalf by a relative who may receive copies of letters. It has an attachment from the
relative, a preliminary reply (and with it a message from the municipality) that A
answered with an attachment of his own, a consultation sent
to the "wind" unit, a first decision granting a place at the "sun" unit's day centre,
an appeal, a second decision putting A on the "rain" unit's waiting list (no places
left), a second appeal forwarded to Statsforvalteren with its case-file PDF, and a
decision drafted by a colleague awaiting four-eyes approval.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

from catalogue.models import ErrorReport, Offer
from portal.roles import Role
from referrals.applications import services
from referrals.cases.models import Application
from referrals.casework import services as casework
from referrals.casework.models import DecisionProposal
from referrals.demo import seed_service_types
from referrals.letters import dispatch as letter_dispatch
from referrals.matching.models import Match
from referrals.volunteers.models import HelperProfile, HelpRequest, HelpRequester, RoleKind
from tests.catalogue.factories import (
    DistrictFactory,
    LocationFactory,
    OfferFactory,
    SessionFactory,
    SignUpFactory,
    UnitFactory,
)
from tests.referrals.casework.factories import (
    decide,
    make_caseworker,
    make_unit_leader,
    take,
    to_assessment,
)
from tests.referrals.helpers import make_draft, make_submitted, make_user, national_id, upload

ROLES = [
    "anonymous",
    "owner",  # citizen A: the person the case is about (stated), and a draft's owner
    "stranger",  # citizen B
    "relative",  # applied on A's behalf, may receive copies of letters
    "relative_no_copies",  # applied on A's behalf, without the right to copies
    "relative_ended",  # applied on A's behalf; A has since ended their access
    "caseworker",  # caseworker (and approver) for the case's service type and district
    "caseworker_elsewhere",  # same service type, another district
    "leader_allocated",  # leads the unit where A was given a place
    "leader_waiting",  # leads the unit whose waiting list A is on
    "leader_consulted",  # leads the unit the caseworker consulted
    "leader_unrelated",  # leads a unit with nothing to do with the case
    "admin",  # administrator, not a caseworker
]


@dataclass
class MatrixWorld:
    users: dict = field(default_factory=dict)
    case: Application | None = None
    draft: Application | None = None
    objects: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # role → session key, made once


def client_for(world: MatrixWorld, role: str) -> Client:
    """A browser logged in as ``role`` (the session made once with the world)."""
    client = Client()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def build_world() -> MatrixWorld:
    service_types = {s.slug: s for s in seed_service_types()}
    day_activity = service_types["dagaktivitet"]
    north = DistrictFactory(name="Nord", slug="nord")
    south = DistrictFactory(name="Sør", slug="sor")
    units = {
        name: UnitFactory(name=label, slug=f"matrise-{name}")
        for name, label in (
            ("sun", "Solsiden"),
            ("rain", "Regnbuen"),
            ("wind", "Vindrosa"),
            ("moon", "Månen"),
        )
    }

    def day_centre(unit, title, capacity):
        return OfferFactory(
            title=title,
            slug=f"matrise-{unit.slug}",
            unit=unit,
            participation=Offer.Participation.APPLICATION,
            service_type=day_activity,
            cost="egenandel",
            capacity_per_day=capacity,
        )

    sun_offer = day_centre(units["sun"], "Solsiden dagsenter", 10)
    rain_offer = day_centre(units["rain"], "Regnbuen dagsenter", 0)  # full: waiting list
    moon_location = LocationFactory(unit=units["moon"], district=south)
    moon_offer = OfferFactory(
        title="Månekafeen",
        slug="matrise-maanekafeen",
        unit=units["moon"],
        locations=[moon_location],
    )
    moon_report = ErrorReport.objects.create(offer=moon_offer, message="Feil telefonnummer")
    # A course taking sign-ups (catalogue.participation), with the owner's sign-up.
    moon_course = OfferFactory(
        title="Månekurset",
        slug="matrise-maanekurset",
        unit=units["moon"],
        locations=[moon_location],
        participation=Offer.Participation.SIGNUP,
    )
    moon_session = SessionFactory(offer=moon_course, location=moon_location)
    # Someone on its waiting list (the unit's pages: catalogue.participation.views_unit).
    moon_signup = SignUpFactory(session=moon_session, name="Mari Måne", status="waiting")

    person_id = national_id(start=700)
    users = {
        "owner": make_user(
            Role.CITIZEN, email="a@example.no", full_name="Ola Nordmann", national_id=person_id
        ),
        "stranger": make_user(Role.CITIZEN, email="b@example.no", full_name="Berit Fremmed"),
        "relative": make_user(Role.CITIZEN, email="datter@example.no", full_name="Dina Datter"),
        "relative_no_copies": make_user(
            Role.CITIZEN, email="sonn@example.no", full_name="Sindre Sønn"
        ),
        "relative_ended": make_user(Role.CITIZEN, email="nevo@example.no", full_name="Nils Nevø"),
        "caseworker": make_caseworker(
            service_type=day_activity,
            district=north,
            email="nord@example.no",
            full_name="Nora Nord",
            approver=True,  # four eyes: may approve the colleague's proposal
        ),
        "caseworker_elsewhere": make_caseworker(
            service_type=day_activity, district=south, email="sor@example.no", full_name="Sølvi Sør"
        ),
        "colleague": make_caseworker(
            service_type=day_activity,
            district=north,
            email="kollega@example.no",
            full_name="Kåre Kollega",
        ),
        "leader_allocated": make_unit_leader(
            unit=units["sun"], email="sol@example.no", full_name="Solveig Sol"
        ),
        "leader_waiting": make_unit_leader(
            unit=units["rain"], email="regn@example.no", full_name="Ragnar Regn"
        ),
        "leader_consulted": make_unit_leader(
            unit=units["wind"], email="vind@example.no", full_name="Vilde Vind"
        ),
        "leader_unrelated": make_unit_leader(
            unit=units["moon"], email="mane@example.no", full_name="Mona Måne"
        ),
        "admin": make_user(Role.ADMINISTRATOR, email="admin@example.no", full_name="Ada Admin"),
    }
    caseworker, relative = users["caseworker"], users["relative"]

    draft = make_draft(applicant=users["owner"], service_type=day_activity)
    draft_attachment = services.add_attachment(
        application=draft, uploaded=upload("fullmakt.pdf"), user=users["owner"]
    )

    case = make_submitted(
        applicant=relative,
        service_type=day_activity,
        district=north,
        on_behalf=True,
        relation=Application.Relation.RELATIVE,
        basis=Application.Basis.CONSENT,
        applicant_name="Dina Datter",
        applicant_email="datter@example.no",
        applicant_may_receive_copies=True,
        person_name="Ola Nordmann",
        person_national_id=person_id,
        person_address="Storgata 1",
        person_postcode="0155",
        person_place="Oslo",
        applicant_address="Kirkeveien 2",
        applicant_postcode="5003",
        applicant_place="Bergen",
    )
    attachment = services.add_documents(
        application=case, user=relative, files=[upload("legeerklaering.pdf")]
    )[0]
    take(case, caseworker)
    to_assessment(Application.objects.get(pk=case.pk), caseworker)
    reply = casework.send_preliminary_reply(
        application=Application.objects.get(pk=case.pk),
        actor=caseworker,
        reason="Vi har mange søknader.",
        expected_date=timezone.localdate() + timedelta(days=30),
    )
    # A answers the preliminary reply's message with a document of his own.
    answer = services.reply_to_municipality(
        application=Application.objects.get(pk=case.pk),
        user=users["owner"],
        body="Her er epikrisen fra sykehuset.",
        files=[upload("epikrise.pdf")],
    )
    consultation = casework.consult_unit(
        application=Application.objects.get(pk=case.pk),
        actor=caseworker,
        unit=units["wind"],
        question="Har dere et tilbud som passer?",
    )
    decide(Application.objects.get(pk=case.pk), caseworker, offer=sun_offer)
    services.file_appeal(
        application=Application.objects.get(pk=case.pk), user=relative, reasons="For få dager."
    )
    decision = decide(Application.objects.get(pk=case.pk), caseworker, offer=rain_offer)
    services.file_appeal(
        application=Application.objects.get(pk=case.pk), user=relative, reasons="Vil ha plass nå."
    )
    forwarding = casework.uphold_and_forward(
        application=Application.objects.get(pk=case.pk), actor=caseworker, comments="Opprettholdt."
    )
    proposal = DecisionProposal.objects.create(
        application=case,
        drafted_by=users["colleague"],
        outcome="granted",
        facts="Søkeren bor alene.",
        reasons="Dagaktivitet gir mestring.",
    )
    # The paper letters (the relative has no ID-porten identity) in a print batch.
    print_batch = letter_dispatch.make_batch(user=caseworker)
    assert print_batch is not None
    # Matching (referrals.matching): a help request of the moon unit, proposed to citizen
    # B as a helper.
    help_request = HelpRequest.objects.create(
        unit=units["moon"], kind=RoleKind.STOTTEKONTAKT, description="Turvenn i Nord."
    )
    helper = HelperProfile.objects.create(
        user=users["stranger"], name="Berit Fremmed", email="b@example.no"
    )
    match = Match.objects.create(help_request=help_request, helper=helper)
    # A volunteer the relative asked for, for A (/frivillig/be-om-hjelp/).
    asked = HelpRequest.objects.create(
        unit=units["moon"],
        kind=RoleKind.VOLUNTEER,
        description="",
        public=False,
        status=HelpRequest.Status.NEW,
    )
    HelpRequester.objects.create(
        help_request=asked, user=users["relative"], person_name="Ola Nordmann"
    )
    case.refresh_from_db()
    return MatrixWorld(
        users=users,
        case=case,
        draft=draft,
        objects={
            "attachment": attachment,
            "person_attachment": answer.attachments.get(),
            "draft_attachment": draft_attachment,
            "reply": reply,
            "consultation": consultation,
            "decision": decision,
            "forwarding": forwarding,
            "proposal": proposal,
            "print_batch": print_batch,
            "moon_offer": moon_offer,
            "moon_unit": units["moon"],
            "moon_location": moon_location,
            "moon_report": moon_report,
            "moon_course": moon_course,
            "own_signup": SignUpFactory(
                session=moon_session, user=users["owner"], name="Ola Nordmann"
            ),
            "moon_session": moon_session,
            "moon_signup": moon_signup,
            "help_request": help_request,
            "match": match,
            "asked": asked,
        },
    )
